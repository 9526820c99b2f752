#!/usr/bin/env bash
# Consumer-group benchmark: end-to-end latency (produce -> group consumer) at a fixed rate, and
# rebalance time when one of three members leaves; broker-lite vs Apache Kafka in the same run.
# Usage: benchmarks/run-group-benchmark.sh [options]   (--help lists them; e.g. --rate 10000 --seconds 20)
# Never part of the test phase: run it on purpose, on an otherwise idle machine.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
TARGET="$ROOT/benchmarks/target"

if [[ "${SKIP_BUILD:-0}" != "1" ]]; then
  echo "Building benchmarks and broker-lite (mvn -DskipTests package)..." >&2
  mvn -q -B -DskipTests -pl benchmarks,packaging -am package
fi

# broker-lite as `tributary broker` runs it: the launcher's jar and libraries.
printf '%s\n' "$ROOT/packaging/target/tributary-dist.jar:$ROOT/packaging/target/lib/*" > "$TARGET/broker-lite.classpath"

exec java -Xmx1g -cp "$TARGET/classes:$(cat "$TARGET/benchmark.classpath")" \
  io.tributary.bench.GroupBenchmark \
  --kafka-classpath-file "$TARGET/kafka.classpath" \
  --lite-classpath-file "$TARGET/broker-lite.classpath" \
  "$@"
