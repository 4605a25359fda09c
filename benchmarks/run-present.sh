#!/usr/bin/env bash
# Presentation throughput of display-output (JMH), each case next to a plain memory copy of the same
# bytes measured in the same run: full 1920x1080 frames and typical damage sets, per panel pixel format
# and rotation, into a memory-mapped file framebuffer (no device). Not part of ./run-tests.
#
#   benchmarks/run-present.sh [--quick] [-- JMH ARGS...]
#
#   --quick   1 warm-up and 3 measured iterations of 0.5 s (default: the class's 3 x 1 s warm-up and
#             5 x 1 s measured, 1 fork)
#   JMH ARGS  passed on, e.g. -- -p format=XRGB8888,RGB565 -p rotation=0 -p damage=full,video
#
# Writes benchmarks/target/present-runs/<UTC time>/{machine.txt,results.csv,jmh.log,report.md}.
set -euo pipefail
ROOT="$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)"
cd "$ROOT"

ITER=()
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) ITER=(-wi 1 -w 500ms -i 3 -r 500ms -f 1); shift ;;
    --) shift; break ;;
    *) echo "usage: benchmarks/run-present.sh [--quick] [-- JMH ARGS...]" >&2; exit 2 ;;
  esac
done

. tools/jdk-env.sh
porthole_select_jdk

RUN="benchmarks/target/present-runs/$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$RUN"
echo "run-present: results in $RUN" >&2
{
  echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "machine: $(nproc) CPUs, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1), $(free -g | awk '/^Mem:/ {print $2}') GiB"
  echo "java: $("$JAVA_HOME/bin/java" -version 2>&1 | head -1)"
  echo "load before build: $(cut -d' ' -f1-3 /proc/loadavg)"
} > "$RUN/machine.txt"

echo "run-present: building the benchmarks module" >&2
./mvnw -B -ntp -q -pl benchmarks -am package -DskipTests
CP="benchmarks/target/benchmarks.jar:benchmarks/target/lib/*"

echo "load before run: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$RUN/machine.txt"
"$JAVA_HOME/bin/java" -cp "$CP" org.openjdk.jmh.Main 'dev.porthole.bench.display.PresentBenchmark' \
  ${ITER[@]+"${ITER[@]}"} -rf csv -rff "$RUN/results.csv" "$@" | tee "$RUN/jmh.log" >&2
echo "load after run: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$RUN/machine.txt"

"$JAVA_HOME/bin/java" -cp "$CP" dev.porthole.bench.display.PresentReport "$RUN/results.csv" "$RUN/report.md"
{ cat "$RUN/machine.txt"; echo; cat "$RUN/report.md"; } >&2
