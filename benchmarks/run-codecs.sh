#!/usr/bin/env bash
# Codec decode throughput, Porthole (JMH) side by side with FreeRDP 2's C codecs, on the same inputs,
# on this machine, in one run. Not part of ./run-tests.
#
#   benchmarks/run-codecs.sh [--quick] [--only REGEX]
#
#   --quick       2 warm-up iterations of 1 s and 3 measured iterations of 1 s on both sides, for trying
#                 things: some decoders are not at steady state that soon
#                 (default: 10 x 2 s warm-up, 5 x 2 s measured, 1 JMH fork: the @Warmup/@Measurement/@Fork
#                 of the benchmark classes, and the same settings for the FreeRDP harness)
#   --only REGEX  run only the inputs whose "codec/input" matches REGEX (e.g. 'planar/' or 'xcrush')
#
# Steps: installs the FreeRDP 2 development packages when missing (apt-get), builds the benchmarks
# module and the C harness (benchmarks/freerdp-reference/codec_bench.c, against libfreerdp2), makes
# the inputs (dev.porthole.bench.GenerateInputs), then for each input runs the JMH benchmark (heap and
# direct input buffers) and right after it the FreeRDP harness, recording the load average before each
# pair; compares the decoded frames; writes benchmarks/target/codec-runs/<UTC time>/report.md.
set -euo pipefail
ROOT="$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)"
cd "$ROOT"

quick=0
only='.'
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) quick=1; shift ;;
    --only) only="$2"; shift 2 ;;
    *) echo "usage: benchmarks/run-codecs.sh [--quick] [--only REGEX]" >&2; exit 2 ;;
  esac
done

if [ "$quick" = 1 ]; then
  JMH_ITER=(-wi 2 -w 1 -i 3 -r 1 -f 1)
  C_ITER=(--warmup 2 --warmup-ms 1000 --iterations 3 --iteration-ms 1000)
else
  JMH_ITER=()
  C_ITER=(--warmup 10 --warmup-ms 2000 --iterations 5 --iteration-ms 2000)
fi

# --- FreeRDP 2 development files (Debian bookworm: freerdp2-dev, libwinpr2-dev) and a C compiler.
need=()
for pkg in freerdp2-dev libwinpr2-dev gcc pkg-config; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
done
if [ ${#need[@]} -gt 0 ]; then
  echo "run-codecs: installing ${need[*]}" >&2
  SUDO=""
  [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}"
fi

. tools/jdk-env.sh
porthole_select_jdk

RUN="benchmarks/target/codec-runs/$(date -u +%Y%m%dT%H%M%SZ)"
INPUTS="benchmarks/target/bench-inputs"
mkdir -p "$RUN"
echo "run-codecs: results in $RUN" >&2
{
  echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "machine: $(nproc) CPUs, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1), $(free -g | awk '/^Mem:/ {print $2}') GiB"
  echo "java: $("$JAVA_HOME/bin/java" -version 2>&1 | head -1)"
  echo "freerdp: libfreerdp2 $(dpkg-query -W -f='${Version}' libfreerdp2-2 2>/dev/null || echo '?'), gcc -O2 ($(gcc -dumpfullversion))"
  echo "load before build: $(cut -d' ' -f1-3 /proc/loadavg)"
} > "$RUN/machine.txt"

echo "run-codecs: building the benchmarks module" >&2
./mvnw -B -ntp -q -pl benchmarks -am package -DskipTests
CP="benchmarks/target/benchmarks.jar:benchmarks/target/lib/*"

echo "run-codecs: building the FreeRDP reference harness" >&2
mkdir -p benchmarks/target/freerdp-reference
# shellcheck disable=SC2046
gcc -O2 -Wall -Wextra -o benchmarks/target/freerdp-reference/codec_bench \
  benchmarks/freerdp-reference/codec_bench.c $(pkg-config --cflags --libs freerdp2 winpr2) -lm
BENCH=benchmarks/target/freerdp-reference/codec_bench

echo "run-codecs: making the inputs" >&2
"$JAVA_HOME/bin/java" -Xmx2g -cp "$CP" dev.porthole.bench.GenerateInputs "$INPUTS" >&2
: > "$RUN/inputs.tsv"
: > "$RUN/freerdp.tsv"
: > "$RUN/load.tsv"
: > "$RUN/frames.tsv"

while IFS=$'\t' read -r -u 3 codec input file work unit bytes description; do
  [[ "$codec/$input" =~ $only ]] || continue
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$codec" "$input" "$file" "$work" "$unit" "$bytes" "$description" >> "$RUN/inputs.tsv"
  load="$(cut -d' ' -f1 /proc/loadavg)"
  printf '%s\t%s\t%s\n' "$codec" "$input" "$load" >> "$RUN/load.tsv"
  echo "run-codecs: $codec/$input (load $load)" >&2
  case "$codec" in
    interleaved) select=(BitmapBenchmark.Interleaved -p "input=$input") ;;
    planar) select=(BitmapBenchmark.Planar -p "input=$input") ;;
    *) select=(BulkBenchmark -p "algorithm=$codec" -p "input=$input") ;;
  esac
  "$JAVA_HOME/bin/java" -Dporthole.bench.inputs="$INPUTS" -cp "$CP" org.openjdk.jmh.Main "${select[@]}" \
    ${JMH_ITER[@]+"${JMH_ITER[@]}"} -rf csv -rff "$RUN/jmh-$codec-$input.csv" < /dev/null > "$RUN/jmh-$codec-$input.log" 2>&1 \
    || { tail -30 "$RUN/jmh-$codec-$input.log" >&2; exit 1; }
  dump=()
  [ "$unit" = Mpx ] && dump=(--dump "$RUN/$codec-$input.freerdp.bgrx")
  line="$("$BENCH" "${C_ITER[@]}" ${dump[@]+"${dump[@]}"} "$INPUTS/$file")"
  printf '%s\t%s\t%s\n' "$codec" "$input" "$line" >> "$RUN/freerdp.tsv"
  if [ "$unit" = Mpx ]; then
    "$JAVA_HOME/bin/java" -cp "$CP" dev.porthole.bench.CompareFrames "$INPUTS/$file" "$RUN/$codec-$input.freerdp.bgrx" >> "$RUN/frames.tsv"
    rm -f "$RUN/$codec-$input.freerdp.bgrx"
  fi
done 3< "$INPUTS/inputs.tsv"

echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$RUN/machine.txt"
{
  cat "$RUN/machine.txt"
  echo "settings: $([ "$quick" = 1 ] && echo 'quick: warm-up 2 x 1 s, measured 3 x 1 s' || echo 'warm-up 10 x 2 s, measured 5 x 2 s'), 1 JMH fork, 1 thread, JMH mode thrpt"
  echo
  "$JAVA_HOME/bin/java" -cp "$CP" dev.porthole.bench.Report "$RUN"
} > "$RUN/report.md"
cat "$RUN/report.md"
