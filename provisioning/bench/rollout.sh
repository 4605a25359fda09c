#!/usr/bin/env bash
# Config rollout benchmark: N simulated devices against one local Mosquitto (see ConfigRolloutBenchmark).
# Usage: provisioning/bench/rollout.sh [devices=1000] [rounds=3]
set -euo pipefail
ROOT="$(cd "$(dirname "$(readlink -f "$0")")/../.." && pwd)"
. "$ROOT/tools/jdk-env.sh"
porthole_select_jdk
cd "$ROOT"
./mvnw -B -ntp -q -o -pl provisioning -am install -DskipTests >/dev/null
./mvnw -B -ntp -q -o -pl provisioning test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test >/dev/null
CP="provisioning/target/test-classes:provisioning/target/classes:$(cat provisioning/target/bench.classpath)"
exec "$JAVA_HOME/bin/java" -Xss512k -XX:+UseParallelGC -cp "$CP" \
  -Dtinylog.configuration=bench-tinylog.properties \
  dev.porthole.provisioning.bench.ConfigRolloutBenchmark "${1:-1000}" "${2:-3}"
