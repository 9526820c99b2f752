#!/usr/bin/env bash
# Sink benchmark: tributary's postgres and duckdb sinks vs psql \copy and DuckDB read_json of the same rows.
# Usage: benchmarks/run-sink-benchmark.sh [options]   (--help lists them; e.g. --records 500000)
# Needs PostgreSQL on 127.0.0.1:5432 (database test, trust auth) and psql. Never part of the test phase.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
TARGET="$ROOT/benchmarks/target"

if [[ "${SKIP_BUILD:-0}" != "1" ]]; then
  echo "Building benchmarks, sinks and the launcher (mvn -DskipTests package)..." >&2
  mvn -q -B -DskipTests -pl benchmarks,packaging -am package
fi

printf '%s\n' "$ROOT/packaging/target/tributary-dist.jar:$ROOT/packaging/target/lib/*" > "$TARGET/broker-lite.classpath"

exec java -Xmx2g -XX:+UseParallelGC -cp "$TARGET/classes:$(cat "$TARGET/benchmark.classpath")" \
  io.tributary.bench.sink.SinkBenchmark \
  --lite-classpath-file "$TARGET/broker-lite.classpath" \
  "$@"
