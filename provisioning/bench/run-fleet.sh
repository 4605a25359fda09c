#!/usr/bin/env bash
# Config rollout benchmark (ConfigRolloutBenchmark): N simulated devices in one JVM, each with its own client
# certificate (mutual TLS, as real devices), against one local Mosquitto started by the testbed on 127.0.0.1.
# Reports p50/p90/p99/max from the start of a fleet-wide push until each device's retained 'applied' report,
# broker and JVM CPU time, broker RSS (from /proc), JVM heap and RSS, and platform threads.
#
# Usage: provisioning/bench/run-fleet.sh [devices=1000] [rounds=3] [clients=hivemq]   (clients: hivemq, paho or "paho hivemq")
# Each client runs in its own JVM with its own broker, one after the other; output goes to the terminal and to
# provisioning/target/bench/<UTC time>-<client>-<devices>.txt. Never run by ./run-tests.
set -euo pipefail
ROOT="$(cd "$(dirname "$(readlink -f "$0")")/../.." && pwd)"
DEVICES="${1:-1000}"
ROUNDS="${2:-3}"
CLIENTS="${3:-hivemq}"
. "$ROOT/tools/jdk-env.sh"
porthole_select_jdk
cd "$ROOT"

# Every device holds one socket in this JVM and one in Mosquitto (which inherits this limit from the JVM that
# starts it): raise the open-files limit as far as allowed.
want=$(( DEVICES * 2 + 4096 ))
hard=$(ulimit -Hn)
if [ "$hard" != unlimited ] && [ "$hard" -lt "$want" ]; then
  ulimit -Hn "$want" 2>/dev/null || echo "note: cannot raise the hard open-files limit above $hard (not permitted here)" >&2
fi
ulimit -Sn "$(ulimit -Hn)"
echo "open files limit: $(ulimit -Sn)"

# Build without installing anything into ~/.m2 (other builds share it).
./mvnw -B -ntp -q -o -pl provisioning -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test >/dev/null
CP="provisioning/target/test-classes:provisioning/target/classes:testbed/target/classes:$(cat provisioning/target/bench.classpath)"
mkdir -p provisioning/target/bench
for client in $CLIENTS; do
  out="provisioning/target/bench/$(date -u +%Y%m%dT%H%M%SZ)-$client-$DEVICES.txt"
  # -Xss512k: Paho's platform threads (about 4 per connection) need less stack than the default
  "$JAVA_HOME/bin/java" -Xss512k -XX:+UseParallelGC -cp "$CP" \
    -Dtinylog.configuration=bench-tinylog.properties \
    dev.porthole.provisioning.bench.ConfigRolloutBenchmark "$DEVICES" "$ROUNDS" "$client" 2>&1 | tee "$out"
  echo "saved $out"
done
