#!/usr/bin/env bash
# Retrains the guard's injection model from its training examples and rewrites the shipped weights.
# Prints the cross-validated figures on the training rows; reads no held-out row.
#   benchmarks/train-injection.sh
set -euo pipefail
cd "$(dirname "$0")/.."
res=sdk-providers/guard/src/main/resources/dev/steward/guard/injection
./mvnw -B -q -pl sdk-providers/guard -am package -DskipTests -Dspotless.check.skip -Djacoco.skip=true \
    dependency:build-classpath -Dmdep.outputFile=target/eval-classpath.txt >/dev/null
cp="sdk-providers/guard/target/classes:sdk-api/target/classes:sdk-core/target/classes"
cp="$cp:$(cat sdk-providers/guard/target/eval-classpath.txt)"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
exec "$java" -cp "$cp" dev.steward.guard.eval.InjectionTraining "$res/examples.jsonl" "$res/model.txt"
