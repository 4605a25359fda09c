# Shared by benchmarks/run-connect.sh and benchmarks/run-boot.sh (sourced, not run): argument parsing, the
# device agent build, the results directory, a private Xvfb for xfreerdp, the local session hosts
# (dev.porthole.testbed.serve.ServePeer) and the xfreerdp reference measurement. Every function reports with the
# calling script's name in $BENCH. Processes are only ever stopped by their PID.

now_ms() { date +%s%3N; }
load1() { cut -d' ' -f1 /proc/loadavg; }

# bench_args DEFAULT_RUNS "$@" -> sets runs and peers; exits 2 with a message naming the bad argument
bench_args() {
  runs="$1"; shift
  peers="freerdp xrdp"
  while [ $# -gt 0 ]; do
    case "$1" in
      --runs) [ $# -ge 2 ] || { echo "$BENCH: --runs needs a number" >&2; exit 2; }; runs="$2"; shift 2 ;;
      --peer) [ $# -ge 2 ] || { echo "$BENCH: --peer needs freerdp, xrdp or both" >&2; exit 2; }
              case "$2" in freerdp|xrdp) peers="$2" ;; both) peers="freerdp xrdp" ;;
                *) echo "$BENCH: --peer must be freerdp, xrdp or both, got '$2'" >&2; exit 2 ;; esac; shift 2 ;;
      *) echo "usage: benchmarks/$BENCH.sh [--runs N] [--peer freerdp|xrdp|both]" >&2; exit 2 ;;
    esac
  done
  case "$runs" in ''|*[!0-9]*) echo "$BENCH: --runs must be a positive number, got '$runs'" >&2; exit 2 ;; esac
  [ "$runs" -ge 1 ] || { echo "$BENCH: --runs must be at least 1" >&2; exit 2; }
}

# bench_prepare RESULTS_SUBDIR TSV_HEADER -> JAVA, JAR, CP, RUN, RESULTS, XDISP; a private Xvfb; an EXIT trap that
# also calls bench_cleanup_more when the script defines it
bench_prepare() {
  for prog in xfreerdp Xvfb python3 stdbuf; do
    command -v "$prog" >/dev/null || { echo "$BENCH: $prog is missing (testbed/bin/install-peers installs it)" >&2; exit 1; }
  done
  . tools/jdk-env.sh
  porthole_select_jdk
  JAVA="$JAVA_HOME/bin/java"
  JAR="device-agent/target/porthole.jar"
  if [ ! -f "$JAR" ] || [ -n "$(find . -name target -prune -o -name .git -prune -o \( -name '*.java' -o -name pom.xml \) -newer "$JAR" -print -quit)" ]; then
    echo "$BENCH: building the device agent" >&2
    ./mvnw -B -ntp -q -pl device-agent -am package -Dmaven.test.skip=true >&2
  fi
  CP="$JAR:device-agent/target/lib/*"
  RUN="benchmarks/target/$1/$(date -u +%Y%m%dT%H%M%SZ)"
  mkdir -p "$RUN"
  RUN="$(cd "$RUN" && pwd)"
  echo "$BENCH: results in $RUN" >&2
  RESULTS="$RUN/results.tsv"
  printf '%s\n' "$2" > "$RESULTS"
  XDISP=""
  for n in $(seq 170 230); do
    if [ ! -e "/tmp/.X11-unix/X$n" ] && [ ! -e "/tmp/.X$n-lock" ]; then XDISP=":$n"; break; fi
  done
  [ -n "$XDISP" ] || { echo "$BENCH: no free X display number" >&2; exit 1; }
  Xvfb "$XDISP" -screen 0 1280x1024x24 -nolisten tcp >"$RUN/xvfb.log" 2>&1 &
  XVFB_PID=$!
  PEER_PID=""
  trap bench_cleanup EXIT
}

bench_cleanup() {
  if declare -F bench_cleanup_more >/dev/null; then bench_cleanup_more; fi
  [ -n "$PEER_PID" ] && kill -TERM "$PEER_PID" 2>/dev/null && wait "$PEER_PID" 2>/dev/null || true
  kill -TERM "$XVFB_PID" 2>/dev/null || true
}

# bench_start_peer PEER -> PWFILE, HOST, PORT, USER_NAME, DOMAIN, SHA, SEC, PEER, PEER_PID
bench_start_peer() {
  local peer="$1"
  PWFILE="$RUN/$peer.password"
  echo "$BENCH: starting the $peer session host" >&2
  "$JAVA" -cp "$CP" dev.porthole.testbed.serve.ServePeer "$peer" "$PWFILE" >"$RUN/$peer.info" 2>"$RUN/$peer.log" &
  PEER_PID=$!
  for _ in $(seq 1 1200); do grep -q '^ready$' "$RUN/$peer.info" 2>/dev/null && break; sleep 0.1; done
  grep -q '^ready$' "$RUN/$peer.info" || { echo "$BENCH: $peer did not start; see $RUN/$peer.log" >&2; exit 1; }
  HOST=$(sed -n 's/^host=//p' "$RUN/$peer.info"); PORT=$(sed -n 's/^port=//p' "$RUN/$peer.info")
  USER_NAME=$(sed -n 's/^user=//p' "$RUN/$peer.info"); DOMAIN=$(sed -n 's/^domain=//p' "$RUN/$peer.info")
  SHA=$(sed -n 's/^sha256=//p' "$RUN/$peer.info")
  if [ "$peer" = freerdp ]; then SEC=nla; else SEC=tls; fi
  PEER="$peer"
}

bench_stop_peer() {
  kill -TERM "$PEER_PID"; wait "$PEER_PID" 2>/dev/null || true; PEER_PID=""
}

# bench_order RUN_INDEX A B C -> the three clients, rotated so that each goes first in turn
bench_order() {
  case $(($1 % 3)) in
    1) echo "$2 $3 $4" ;;
    2) echo "$4 $2 $3" ;;
    *) echo "$3 $4 $2" ;;
  esac
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
