#!/usr/bin/env bash
# Measures the guard's PII redactors on labelled rows {"text": ..., "spans": [{"start", "end", "type"}]}, one per line.
# Prints "TYPE precision=0.000 recall=0.000 f1=0.000 n=N" per type and for ALL, then the detectors' ms per KB.
#   benchmarks/eval-pii.sh FILE.jsonl
set -euo pipefail
[ $# -eq 1 ] || { echo "usage: $0 FILE.jsonl" >&2; exit 2; }
file="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
cd "$(dirname "$0")/.."
./mvnw -B -q -pl sdk-providers/guard -am package -DskipTests -Dspotless.check.skip -Djacoco.skip=true \
    dependency:build-classpath -Dmdep.outputFile=target/eval-classpath.txt >/dev/null
cp="sdk-providers/guard/target/classes:sdk-api/target/classes:sdk-core/target/classes"
cp="$cp:$(cat sdk-providers/guard/target/eval-classpath.txt)"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
exec "$java" -cp "$cp" dev.steward.guard.eval.PiiEvaluation "$file"
