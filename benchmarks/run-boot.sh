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

runs=8
peers="freerdp xrdp"
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) [ $# -ge 2 ] || { echo "run-boot: --runs needs a number" >&2; exit 2; }; runs="$2"; shift 2 ;;
    --peer) [ $# -ge 2 ] || { echo "run-boot: --peer needs freerdp, xrdp or both" >&2; exit 2; }
            case "$2" in freerdp|xrdp) peers="$2" ;; both) peers="freerdp xrdp" ;;
              *) echo "run-boot: --peer must be freerdp, xrdp or both, got '$2'" >&2; exit 2 ;; esac; shift 2 ;;
    *) echo "usage: benchmarks/run-boot.sh [--runs N] [--peer freerdp|xrdp|both]" >&2; exit 2 ;;
  esac
done
case "$runs" in ''|*[!0-9]*) echo "run-boot: --runs must be a positive number, got '$runs'" >&2; exit 2 ;; esac
[ "$runs" -ge 1 ] || { echo "run-boot: --runs must be at least 1" >&2; exit 2; }

for prog in xfreerdp Xvfb python3 stdbuf; do
  command -v "$prog" >/dev/null || { echo "run-boot: $prog is missing (testbed/bin/install-peers installs it)" >&2; exit 1; }
done

. tools/jdk-env.sh
porthole_select_jdk
JAVA="$JAVA_HOME/bin/java"
JAR="device-agent/target/porthole.jar"
if [ ! -f "$JAR" ] || [ -n "$(find . -name target -prune -o -name .git -prune -o \( -name '*.java' -o -name pom.xml \) -newer "$JAR" -print -quit)" ]; then
  echo "run-boot: building the device agent" >&2
  ./mvnw -B -ntp -q -pl device-agent -am package -Dmaven.test.skip=true >&2
fi
CP="$JAR:device-agent/target/lib/*"

RUN="benchmarks/target/boot-runs/$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$RUN"
RUN="$(cd "$RUN" && pwd)"
echo "run-boot: results in $RUN" >&2
RESULTS="$RUN/results.tsv"
printf 'peer\tclient\trun\tms\tagent_ms\tagent_since_start_ms\tmilestones\tload1\n' > "$RESULTS"

now_ms() { date +%s%3N; }
load1() { cut -d' ' -f1 /proc/loadavg; }

# A private X display for xfreerdp.
XDISP=""
for n in $(seq 170 230); do
  if [ ! -e "/tmp/.X11-unix/X$n" ] && [ ! -e "/tmp/.X$n-lock" ]; then XDISP=":$n"; break; fi
done
[ -n "$XDISP" ] || { echo "run-boot: no free X display number" >&2; exit 1; }
Xvfb "$XDISP" -screen 0 1280x1024x24 -nolisten tcp >"$RUN/xvfb.log" 2>&1 &
XVFB_PID=$!
PEER_PID=""
AGENT_PID=""
cleanup() {
  [ -n "$AGENT_PID" ] && kill -TERM "$AGENT_PID" 2>/dev/null && wait "$AGENT_PID" 2>/dev/null || true
  [ -n "$PEER_PID" ] && kill -TERM "$PEER_PID" 2>/dev/null && wait "$PEER_PID" 2>/dev/null || true
  kill -TERM "$XVFB_PID" 2>/dev/null || true
}
trap cleanup EXIT

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

xfreerdp_once() { # peer run -> prints ms or FAIL
  local log="$RUN/xfreerdp-$1-$2.log" stamp="$RUN/xfreerdp-$1-$2.first" fifo="$RUN/xfreerdp.fifo" t0 pid reader deadline
  local colons
  colons=$(echo "$SHA" | sed 's/../&:/g; s/:$//')
  rm -f "$fifo" "$stamp"; mkfifo "$fifo"
  # xfreerdp's own log time stamps are not monotonic, so this reader stamps each line with the script's clock as
  # it arrives and records the first bitmap update
  python3 -u -c '
import sys, time
log, stamp = open(sys.argv[1], "w"), sys.argv[2]
seen = False
for line in sys.stdin:
    now = int(time.time() * 1000)
    log.write(f"{now} {line}")
    if not seen and "BitmapUpdate" in line:
        seen = True
        open(stamp, "w").write(str(now))
' "$log" "$stamp" <"$fifo" &
  reader=$!
  t0=$(now_ms)
  # stdbuf: xfreerdp logs through stdio, fully buffered when not on a terminal
  DISPLAY="$XDISP" stdbuf -oL -eL xfreerdp "/v:$HOST:$PORT" "/u:$USER_NAME" "/p:$(cat "$PWFILE")" ${DOMAIN:+"/d:$DOMAIN"} \
      "/cert:fingerprint:sha256:$colons" "/sec:$SEC" /size:1024x768 /bpp:32 -gfx -grab-keyboard \
      /log-level:INFO /log-filters:com.freerdp.core.update:TRACE >"$fifo" 2>&1 &
  pid=$!
  deadline=$(( $(now_ms) + 60000 ))
  while [ "$(now_ms)" -lt "$deadline" ] && kill -0 "$pid" 2>/dev/null && [ ! -s "$stamp" ]; do
    sleep 0.05
  done
  kill -TERM "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  wait "$reader" 2>/dev/null || true
  rm -f "$fifo"
  if [ -s "$stamp" ]; then echo $(( $(cat "$stamp") - t0 )); else echo FAIL; fi
}

for peer in $peers; do
  PWFILE="$RUN/$peer.password"
  echo "run-boot: starting the $peer session host" >&2
  "$JAVA" -cp "$CP" dev.porthole.testbed.serve.ServePeer "$peer" "$PWFILE" >"$RUN/$peer.info" 2>"$RUN/$peer.log" &
  PEER_PID=$!
  for _ in $(seq 1 1200); do grep -q '^ready$' "$RUN/$peer.info" 2>/dev/null && break; sleep 0.1; done
  grep -q '^ready$' "$RUN/$peer.info" || { echo "run-boot: $peer did not start; see $RUN/$peer.log" >&2; exit 1; }
  HOST=$(sed -n 's/^host=//p' "$RUN/$peer.info"); PORT=$(sed -n 's/^port=//p' "$RUN/$peer.info")
  USER_NAME=$(sed -n 's/^user=//p' "$RUN/$peer.info"); DOMAIN=$(sed -n 's/^domain=//p' "$RUN/$peer.info")
  SHA=$(sed -n 's/^sha256=//p' "$RUN/$peer.info")
  if [ "$peer" = freerdp ]; then SEC=nla; else SEC=tls; fi
  PEER="$peer"
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
    # alternate which client goes first
    case $((i % 3)) in
      1) order="agent agent-cds xfreerdp" ;;
      2) order="xfreerdp agent agent-cds" ;;
      *) order="agent-cds xfreerdp agent" ;;
    esac
    for client in $order; do
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
  kill -TERM "$PEER_PID"; wait "$PEER_PID" 2>/dev/null || true; PEER_PID=""
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
