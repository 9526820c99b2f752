#!/usr/bin/env bash
# What broker-lite's Prometheus metrics cost: time to ready, produce throughput and scrape time,
# metrics off (baseline) vs on, alternately in one run.
# Usage: benchmarks/run-metrics-benchmark.sh [--records N] [--size BYTES] [--rounds R]
# Never part of the test phase: run it on purpose, on an otherwise idle machine.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
TARGET="$ROOT/benchmarks/target"

if [[ "${SKIP_BUILD:-0}" != "1" ]]; then
  echo "Building benchmarks and the launcher (mvn -DskipTests package)..." >&2
  mvn -q -B -DskipTests -Dassembly.skipAssembly=true -Djdeb.skip=true -pl benchmarks,packaging -am package
fi

# broker-lite as `tributary broker` runs it: the launcher's jar and libraries.
printf '%s\n' "$ROOT/packaging/target/tributary-dist.jar:$ROOT/packaging/target/lib/*" > "$TARGET/broker-lite.classpath"

exec java -Xmx512m -cp "$TARGET/classes:$(cat "$TARGET/benchmark.classpath")" \
  io.tributary.bench.metrics.MetricsOverheadBenchmark \
  --lite-classpath-file "$TARGET/broker-lite.classpath" \
  "$@"
