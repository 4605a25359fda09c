#!/usr/bin/env bash
# Boot to first frame of the device agent: process start -> the agent's "boot to first frame" line, `porthole run`
# (the whole appliance boot: configuration, state directory, device key, kiosk password, display, network wait,
# RDP connection, first frame presented) side by side with FreeRDP's xfreerdp (the reference client) against the
# same local session hosts, in one run, interleaved. The sibling of run-connect.sh (which times `porthole connect`,
# the bare RDP client); the session hosts and the xfreerdp measurement are the same. Not part of ./run-tests.
#
#   benchmarks/run-boot.sh [--runs N] [--peer freerdp|xrdp|both]
#
#   --runs N   measured boots per client and peer (default 8), after one unmeasured warm-up each
#   --peer P   which session host: the FreeRDP shadow server (NLA), xrdp (TLS), or both (default)
#
# How it measures (same clock, the script's, for every client):
#   t0       = epoch ms taken by this script right before it starts the client process
#   agent    = `java -jar device-agent/target/porthole.jar run --config FILE --display headless --state-dir D
#              --input none`, D a fresh state directory per run whose kiosk password was stored beforehand with
#              `porthole config set-password` (a separate, untimed process: provisioning, not boot). The config
#              is the one `porthole demo` writes (pinned certificate SHA-256; tls for xrdp, nla for FreeRDP).
#              Its stdout goes through a FIFO to a reader that stamps each line with the script's clock; the
#              run ends when the "run: boot to first frame: N ms after process start, M ms after the agent
#              started (...)" line arrives. Recorded: wall ms (t0 -> line arrival) and the agent's own N and M
#              (N counts from the JVM's start time, RuntimeMXBean). The agent is then stopped with SIGTERM by PID.
#   agent-cds = the same with an AppCDS archive (-XX:+AutoCreateSharedArchive) written by its warm-up run
#   xfreerdp = as in run-connect.sh: `xfreerdp /size:1024x768 /bpp:32 -gfx` on a private Xvfb; t0 -> arrival of
#              its first "BitmapUpdate" TRACE log line; then SIGTERM by PID.
# Processes are only ever stopped by their PID.
# Writes benchmarks/target/boot-runs/<UTC time>/report.md (p50, p90, min, max per client and host, the ratios to
# xfreerdp, and the p50 of the agent's milestones) and results.tsv.
set -euo pipefail
ROOT="$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)"
cd "$ROOT"

BENCH=run-boot
. benchmarks/lib/session-hosts.sh
bench_args 8 "$@"
bench_prepare boot-runs "$(printf 'peer\tclient\trun\tms\tagent_ms\tagent_since_start_ms\tmilestones\tload1')"
AGENT_PID=""
bench_cleanup_more() {
  [ -n "$AGENT_PID" ] && kill -TERM "$AGENT_PID" 2>/dev/null && wait "$AGENT_PID" 2>/dev/null || true
}

agent_once() { agent_run agent "$@"; }
# The same with an application class-data sharing archive, as an appliance image would ship it; the warm-up run
# writes the archive.
agent-cds_once() { agent_run agent-cds "$@" -XX:SharedArchiveFile="$RUN/agent-$PEER.jsa" -XX:+AutoCreateSharedArchive; }

agent_run() { # variant peer run [jvm options] -> prints "ms<TAB>agent_ms<TAB>since_agent_ms<TAB>milestones" or FAIL
  local variant="$1" peer="$2" run="$3"
  local state="$RUN/state-$variant-$peer-$run" log="$RUN/$variant-$peer-$run.log" stamp="$RUN/$variant-$peer-$run.first"
  local fifo="$RUN/agent.fifo" t0 reader deadline
  shift 3
  rm -rf "$state"; mkdir -p "$state"
  if ! "$JAVA" --enable-native-access=ALL-UNNAMED -jar "$JAR" config set-password --state-dir "$state" \
      --password-file "$PWFILE" >"$RUN/$variant-$peer-$run.set-password.log" 2>&1; then
    echo FAIL; return
  fi
  rm -f "$fifo" "$stamp"; mkfifo "$fifo"
  # stamps every line with the script's clock as it arrives; on the boot line writes "arrival N M milestones"
  python3 -u -c '
import re, sys, time
log, stamp = open(sys.argv[1], "w", buffering=1), sys.argv[2]
seen = False
pat = re.compile(r"run: boot to first frame: (\d+) ms after process start, (\d+) ms after the agent started \((.*)\)")
for line in sys.stdin:
    now = int(time.time() * 1000)
    log.write(f"{now} {line}")
    m = None if seen else pat.search(line)
    if m:
        seen = True
        with open(stamp + ".tmp", "w") as f:
            f.write(f"{now}\t{m.group(1)}\t{m.group(2)}\t{m.group(3)}")
        import os; os.rename(stamp + ".tmp", stamp)
' "$log" "$stamp" <"$fifo" &
  reader=$!
  t0=$(now_ms)
  "$JAVA" --enable-native-access=ALL-UNNAMED "$@" -Dporthole.home="$ROOT" -jar "$JAR" run --config "$CONFIG" \
      --display headless --state-dir "$state" --input none >"$fifo" 2>&1 &
  AGENT_PID=$!
  deadline=$(( $(now_ms) + 120000 ))
  while [ "$(now_ms)" -lt "$deadline" ] && kill -0 "$AGENT_PID" 2>/dev/null && [ ! -s "$stamp" ]; do
    sleep 0.05
  done
  kill -TERM "$AGENT_PID" 2>/dev/null || true
  wait "$AGENT_PID" 2>/dev/null || true
  AGENT_PID=""
  wait "$reader" 2>/dev/null || true
  rm -f "$fifo"
  if [ -s "$stamp" ]; then
    IFS=$'\t' read -r arrival n m ms_list <"$stamp"
    printf '%s\t%s\t%s\t%s\n' $((arrival - t0)) "$n" "$m" "$ms_list"
  else
    echo FAIL
  fi
}

for peer in $peers; do
  bench_start_peer "$peer"
  CONFIG="$RUN/porthole-$peer.json"
  python3 - "$CONFIG" "$HOST" "$PORT" "$SEC" "$SHA" "$USER_NAME" "$DOMAIN" <<'PY'
import json, sys
path, host, port, sec, sha, user, domain = sys.argv[1:]
json.dump({"schema": 1,
           "connection": {"hosts": [f"{host}:{port}"], "security": sec, "trust": {"mode": "pinned", "sha256": sha}},
           "credentials": {"mode": "kiosk", "username": user, "domain": domain},
           "desktop": {"width": 1024, "height": 768},
           "kiosk": {"idleTimeoutSeconds": 0}}, open(path, "w"), indent=1)
PY
  echo "run-boot: $peer on $HOST:$PORT ($SEC); warm-up" >&2
  for client in agent agent-cds xfreerdp; do
    r=$("${client}_once" "$peer" warmup)
    echo "run-boot: $peer $client warm-up: ${r%%$'\t'*}" >&2
  done
  for i in $(seq 1 "$runs"); do
    for client in $(bench_order "$i" agent agent-cds xfreerdp); do
      l=$(load1)
      r=$("${client}_once" "$peer" "$i")
      case "$client" in
        xfreerdp) printf '%s\t%s\t%s\t%s\t\t\t\t%s\n' "$peer" "$client" "$i" "$r" "$l" >> "$RESULTS" ;;
        *) if [ "$r" = FAIL ]; then printf '%s\t%s\t%s\tFAIL\t\t\t\t%s\n' "$peer" "$client" "$i" "$l" >> "$RESULTS"
           else printf '%s\t%s\t%s\t%s\t%s\n' "$peer" "$client" "$i" "$r" "$l" >> "$RESULTS"; fi ;;
      esac
      echo "run-boot: $peer $client run $i: ${r%%$'\t'*} ms (load $l)" >&2
    done
  done
  bench_stop_peer
done

python3 - "$RESULTS" "$RUN/report.md" "$runs" <<'PY'
import sys, statistics, platform, os, re, datetime
rows = [l.rstrip('\n').split('\t') for l in open(sys.argv[1])][1:]
def pct(xs, p):  # nearest-rank percentile
    xs = sorted(xs)
    return xs[max(0, -(-len(xs) * p // 100) - 1)]
out = ["# Boot to first frame: porthole run (device agent) vs xfreerdp\n",
       f"{datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC, host {platform.node()}, {os.cpu_count()} CPUs, "
       f"{sys.argv[3]} measured runs per client and host (after one warm-up each), clients interleaved. "
       "wall ms = script's t0 before the process start -> arrival of the agent's boot line / xfreerdp's first "
       "BitmapUpdate log line. agent ms = the agent's own figure (first frame presented, since JVM start).\n",
       "| host | client | wall p50 ms | p90 | min | max | agent p50 ms | p90 | since agent start p50 | failed | load1 range |",
       "|---|---|---|---|---|---|---|---|---|---|---|"]
summary = {}
for peer in sorted({r[0] for r in rows}):
    for client in ("agent", "agent-cds", "xfreerdp"):
        sel = [r for r in rows if r[0] == peer and r[1] == client]
        ok = [r for r in sel if r[3].isdigit()]
        loads = [float(r[7]) for r in sel]
        if not ok:
            out.append(f"| {peer} | {client} | - | - | - | - | - | - | - | {len(sel)} | - |"); continue
        wall = [int(r[3]) for r in ok]
        summary[(peer, client)] = (statistics.median(wall), pct(wall, 90))
        if client == "xfreerdp":
            a = "| - | - | -"
        else:
            own = [int(r[4]) for r in ok]; since = [int(r[5]) for r in ok]
            a = f"| {statistics.median(own):.0f} | {pct(own, 90)} | {statistics.median(since):.0f}"
        out.append(f"| {peer} | {client} | {statistics.median(wall):.0f} | {pct(wall, 90)} | {min(wall)} | {max(wall)} {a} | "
                   f"{len(sel) - len(ok)} | {min(loads):.2f}-{max(loads):.2f} |")
out.append("")
for peer in sorted({r[0] for r in rows}):
    x = summary.get((peer, "xfreerdp"))
    for client in ("agent", "agent-cds"):
        p = summary.get((peer, client))
        if p and x:
            out.append(f"- {peer}: {client} / xfreerdp: p50 {p[0] / x[0]:.2f}, p90 {p[1] / x[1]:.2f}")
out.append("")
out.append("Agent milestones, p50 ms since JVM start:")
for peer in sorted({r[0] for r in rows}):
    for client in ("agent", "agent-cds"):
        ms = {}
        for r in rows:
            if r[0] == peer and r[1] == client and r[3].isdigit():
                for name, v in re.findall(r"([a-z-]+) (\d+) ms", r[6]):
                    ms.setdefault(name, []).append(int(v))
        if ms:
            out.append(f"- {peer} {client}: " + ", ".join(f"{k} {statistics.median(v):.0f}" for k, v in ms.items()))
open(sys.argv[2], "w").write("\n".join(out) + "\n")
print("\n".join(out))
PY
