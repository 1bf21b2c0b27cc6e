#!/usr/bin/env bash
# Builds the benchmarks (and the modules they use) and runs them all, printing one summary table.
#   benchmarks/run.sh              short run, about 8 minutes
#   benchmarks/run.sh --long       longer, steadier run, about 19 minutes
# Other arguments: --only=overhead,ledger,audit,guard,load   --jfr (record each JMH fork)   --verbose (JMH's own output)
# JAVA_HOME selects the JDK; on 21 or later the load test's callers are virtual threads.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -pl benchmarks -am package -DskipTests
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
exec "$java" -jar benchmarks/target/benchmarks.jar "$@"
