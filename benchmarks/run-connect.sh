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

runs=10
peers="freerdp xrdp"
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs="$2"; shift 2 ;;
    --peer) case "$2" in freerdp|xrdp) peers="$2" ;; both) peers="freerdp xrdp" ;;
              *) echo "run-connect: --peer must be freerdp, xrdp or both, got '$2'" >&2; exit 2 ;; esac; shift 2 ;;
    *) echo "usage: benchmarks/run-connect.sh [--runs N] [--peer freerdp|xrdp|both]" >&2; exit 2 ;;
  esac
done
case "$runs" in ''|*[!0-9]*) echo "run-connect: --runs must be a positive number, got '$runs'" >&2; exit 2 ;; esac
[ "$runs" -ge 1 ] || { echo "run-connect: --runs must be at least 1" >&2; exit 2; }

for prog in xfreerdp Xvfb python3 stdbuf; do
  command -v "$prog" >/dev/null || { echo "run-connect: $prog is missing (testbed/bin/install-peers installs it)" >&2; exit 1; }
done

. tools/jdk-env.sh
porthole_select_jdk
JAVA="$JAVA_HOME/bin/java"
JAR="device-agent/target/porthole.jar"
if [ ! -f "$JAR" ] || [ -n "$(find . -name target -prune -o -name .git -prune -o \( -name '*.java' -o -name pom.xml \) -newer "$JAR" -print -quit)" ]; then
  echo "run-connect: building the device agent" >&2
  ./mvnw -B -ntp -q -pl device-agent -am package -Dmaven.test.skip=true >&2
fi
CP="$JAR:device-agent/target/lib/*"

RUN="benchmarks/target/connect-runs/$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$RUN"
RUN="$(cd "$RUN" && pwd)"
echo "run-connect: results in $RUN" >&2
RESULTS="$RUN/results.tsv"
printf 'peer\tclient\trun\tms\tload1\n' > "$RESULTS"

now_ms() { date +%s%3N; }
load1() { cut -d' ' -f1 /proc/loadavg; }

# A private X display for xfreerdp.
XDISP=""
for n in $(seq 170 230); do
  if [ ! -e "/tmp/.X11-unix/X$n" ] && [ ! -e "/tmp/.X$n-lock" ]; then XDISP=":$n"; break; fi
done
[ -n "$XDISP" ] || { echo "run-connect: no free X display number" >&2; exit 1; }
Xvfb "$XDISP" -screen 0 1280x1024x24 -nolisten tcp >"$RUN/xvfb.log" 2>&1 &
XVFB_PID=$!
PEER_PID=""
cleanup() {
  [ -n "$PEER_PID" ] && kill -TERM "$PEER_PID" 2>/dev/null && wait "$PEER_PID" 2>/dev/null || true
  kill -TERM "$XVFB_PID" 2>/dev/null || true
}
trap cleanup EXIT

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

xfreerdp_once() { # peer run -> prints ms or FAIL
  local log="$RUN/xfreerdp-$1-$2.log" stamp="$RUN/xfreerdp-$1-$2.first" fifo="$RUN/xfreerdp.fifo" t0 pid reader deadline
  local colons
  colons=$(echo "$SHA" | sed 's/../&:/g; s/:$//')
  rm -f "$fifo" "$stamp"; mkfifo "$fifo"
  # xfreerdp's own log time stamps are not monotonic (seconds and milliseconds disagree), so this reader stamps
  # each line with the script's clock as it arrives and records the first bitmap update
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
  echo "run-connect: starting the $peer session host" >&2
  "$JAVA" -cp "$CP" dev.porthole.testbed.serve.ServePeer "$peer" "$PWFILE" >"$RUN/$peer.info" 2>"$RUN/$peer.log" &
  PEER_PID=$!
  for _ in $(seq 1 1200); do grep -q '^ready$' "$RUN/$peer.info" 2>/dev/null && break; sleep 0.1; done
  grep -q '^ready$' "$RUN/$peer.info" || { echo "run-connect: $peer did not start; see $RUN/$peer.log" >&2; exit 1; }
  HOST=$(sed -n 's/^host=//p' "$RUN/$peer.info"); PORT=$(sed -n 's/^port=//p' "$RUN/$peer.info")
  USER_NAME=$(sed -n 's/^user=//p' "$RUN/$peer.info"); DOMAIN=$(sed -n 's/^domain=//p' "$RUN/$peer.info")
  SHA=$(sed -n 's/^sha256=//p' "$RUN/$peer.info")
  if [ "$peer" = freerdp ]; then SEC=nla; else SEC=tls; fi
  PEER="$peer"
  echo "run-connect: $peer on $HOST:$PORT ($SEC); warm-up" >&2
  porthole_once "$peer" warmup >/dev/null
  porthole-cds_once "$peer" warmup >/dev/null
  xfreerdp_once "$peer" warmup >/dev/null
  for i in $(seq 1 "$runs"); do
    # alternate which client goes first
    case $((i % 3)) in
      1) order="porthole porthole-cds xfreerdp" ;;
      2) order="xfreerdp porthole porthole-cds" ;;
      *) order="porthole-cds xfreerdp porthole" ;;
    esac
    for client in $order; do
      l=$(load1)
      ms=$("${client}_once" "$peer" "$i")
      printf '%s\t%s\t%s\t%s\t%s\n' "$peer" "$client" "$i" "$ms" "$l" >> "$RESULTS"
      echo "run-connect: $peer $client run $i: $ms ms (load $l)" >&2
    done
  done
  kill -TERM "$PEER_PID"; wait "$PEER_PID" 2>/dev/null || true; PEER_PID=""
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
