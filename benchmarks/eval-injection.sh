#!/usr/bin/env bash
# Measures the guard's prompt-injection scorer on labelled rows {"text": ..., "label": "injection"|"benign", "subset": ...}.
# Prints "SUBSET tpr=0.000 fpr=0.000 n=N" per subset and for ALL, then the median and p99 time per text.
#   benchmarks/eval-injection.sh FILE.jsonl [THRESHOLD]
set -euo pipefail
[ $# -ge 1 ] || { echo "usage: $0 FILE.jsonl" >&2; exit 2; }
file="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
cd "$(dirname "$0")/.."
./mvnw -B -q -pl sdk-providers/guard -am package -DskipTests -Dspotless.check.skip -Djacoco.skip=true \
    dependency:build-classpath -Dmdep.outputFile=target/eval-classpath.txt >/dev/null
cp="sdk-providers/guard/target/classes:sdk-api/target/classes:sdk-core/target/classes"
cp="$cp:$(cat sdk-providers/guard/target/eval-classpath.txt)"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
exec "$java" -cp "$cp" dev.steward.guard.eval.InjectionEvaluation "$file" "${@:2}"
