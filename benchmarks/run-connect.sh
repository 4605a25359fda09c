#!/usr/bin/env bash
# Boot-to-first-frame: process start -> first remote frame, Porthole (`porthole connect`) side by side with
# FreeRDP's xfreerdp (the reference client) against the same local session hosts, in one run, interleaved.
# Not part of ./run-tests.
#
#   benchmarks/run-connect.sh [--runs N] [--peer freerdp|xrdp|both]
#
#   --runs N   measured connections per client and peer (default 10), after one unmeasured warm-up each
#   --peer P   which session host: the FreeRDP shadow server (NLA), xrdp (TLS), or both (default)
#
# How it measures (same clock, the script's, for both clients):
#   t0       = epoch ms taken by this script right before it starts the client process
#   Porthole = `java -jar device-agent/target/porthole.jar connect ...`; its "first frame" line carries the
#              epoch ms at which the first bitmap update was decoded into the session surface
#   xfreerdp = `xfreerdp /size:1024x768 /bpp:32 -gfx` on a private Xvfb, TRACE logging of com.freerdp.core.update;
#              the epoch ms at which its first "BitmapUpdate" log line reaches this script (line-buffered through a
#              FIFO; the first bitmap update received, before it is decoded); the process is then killed
#   porthole-cds = the same with an AppCDS archive (-XX:+AutoCreateSharedArchive) written by its warm-up run
#   Both request 1024x768 at 32 bpp with bitmap updates (no RDPGFX). The session hosts are started once by
#   dev.porthole.testbed.serve.ServePeer (from the agent's runtime class path) and stay up for all runs; for xrdp
#   the warm-up creates the user's session and every measured run reconnects to it.
# Writes benchmarks/target/connect-runs/<UTC time>/report.md (p50, min, max per client and host, and the ratio).
set -euo pipefail
ROOT="$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)"
cd "$ROOT"

BENCH=run-connect
. benchmarks/lib/session-hosts.sh
bench_args 10 "$@"
bench_prepare connect-runs "$(printf 'peer\tclient\trun\tms\tload1')"

porthole_once() { porthole_run porthole "$@"; }
# The same with an application class-data sharing archive (JDK AppCDS: -XX:+AutoCreateSharedArchive), as an
# appliance image would ship it; the warm-up run writes the archive.
porthole-cds_once() { porthole_run porthole-cds "$@" -XX:SharedArchiveFile="$RUN/porthole-$PEER.jsa" -XX:+AutoCreateSharedArchive; }

porthole_run() { # variant peer run [jvm options] -> prints ms or FAIL
  local variant="$1" log="$RUN/$1-$2-$3.log" png="$RUN/$1-$2-$3.png" t0 first
  shift 3
  t0=$(now_ms)
  if ! "$JAVA" --enable-native-access=ALL-UNNAMED "$@" -jar "$JAR" connect --host "$HOST" --port "$PORT" --user "$USER_NAME" \
      ${DOMAIN:+--domain "$DOMAIN"} --password-file "$PWFILE" --security "$SEC" --trust-fingerprint "$SHA" \
      --size 1024x768 --bpp 32 --screenshot "$png" >"$log" 2>&1; then
    echo FAIL; return
  fi
  first=$(sed -n 's/.*first frame: .* epoch_ms=\([0-9]*\).*/\1/p' "$log" | head -1)
  [ -n "$first" ] && echo $((first - t0)) || echo FAIL
}

for peer in $peers; do
  bench_start_peer "$peer"
  echo "run-connect: $peer on $HOST:$PORT ($SEC); warm-up" >&2
  porthole_once "$peer" warmup >/dev/null
  porthole-cds_once "$peer" warmup >/dev/null
  xfreerdp_once "$peer" warmup >/dev/null
  for i in $(seq 1 "$runs"); do
    for client in $(bench_order "$i" porthole porthole-cds xfreerdp); do
      l=$(load1)
      ms=$("${client}_once" "$peer" "$i")
      printf '%s\t%s\t%s\t%s\t%s\n' "$peer" "$client" "$i" "$ms" "$l" >> "$RESULTS"
      echo "run-connect: $peer $client run $i: $ms ms (load $l)" >&2
    done
  done
  bench_stop_peer
done

python3 - "$RESULTS" "$RUN/report.md" "$runs" <<'PY'
import sys, statistics, platform, os
rows = [l.rstrip('\n').split('\t') for l in open(sys.argv[1])][1:]
out = []
out.append("# Boot-to-first-frame: porthole connect vs xfreerdp\n")
out.append(f"Host: {platform.node()}, {os.cpu_count()} CPUs, {sys.argv[3]} measured runs per client and host "
           "(after one warm-up each), clients interleaved. ms = process start -> first bitmap update "
           "(Porthole: decoded into its surface; xfreerdp: its TRACE log line for the first bitmap update, stamped on arrival).\n")
out.append("| host | client | p50 ms | min | max | failed | load1 range |")
out.append("|---|---|---|---|---|---|---|")
summary = {}
for peer in sorted({r[0] for r in rows}):
    for client in ("porthole", "porthole-cds", "xfreerdp"):
        sel = [r for r in rows if r[0] == peer and r[1] == client]
        ok = [int(r[3]) for r in sel if r[3].lstrip('-').isdigit()]
        loads = [float(r[4]) for r in sel]
        if ok:
            p50 = statistics.median(ok)
            summary[(peer, client)] = p50
            out.append(f"| {peer} | {client} | {p50:.0f} | {min(ok)} | {max(ok)} | {len(sel) - len(ok)} | "
                       f"{min(loads):.2f}-{max(loads):.2f} |")
        else:
            out.append(f"| {peer} | {client} | - | - | - | {len(sel)} | - |")
out.append("")
for peer in sorted({r[0] for r in rows}):
    x = summary.get((peer, "xfreerdp"))
    for client in ("porthole", "porthole-cds"):
        p = summary.get((peer, client))
        if p and x:
            out.append(f"- {peer}: {client} p50 / xfreerdp p50 = {p / x:.2f}")
open(sys.argv[2], "w").write("\n".join(out) + "\n")
print("\n".join(out))
PY
