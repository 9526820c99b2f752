#!/usr/bin/env bash
# Benchmarks broker-lite against Apache Kafka (KRaft, single node) on loopback.
# Usage: benchmarks/run-broker-benchmark.sh [options]   (--help lists them; e.g. --records 1000000)
# Never part of the test phase: run it on purpose, on an otherwise idle machine.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
TARGET="$ROOT/benchmarks/target"

if [[ "${SKIP_BUILD:-0}" != "1" ]]; then
  echo "Building benchmarks and broker-lite (mvn -DskipTests package)..." >&2
  mvn -q -B -DskipTests -pl benchmarks,packaging -am package
fi

# broker-lite runs exactly as `tributary broker` does: the launcher's jar and libraries (its own
# logging, not Kafka's log4j2), with the JVM options of the broker role.
printf '%s\n' "$ROOT/packaging/target/tributary-dist.jar:$ROOT/packaging/target/lib/*" > "$TARGET/broker-lite.classpath"

# Class data sharing, as the launcher does for `tributary broker`: a short training run on the same
# classpath records the classes broker-lite loads; the measured broker maps them from the archive.
CDS="$TARGET/broker-lite.jsa"
if [[ ! -f "$CDS" || "$ROOT/packaging/target/tributary-dist.jar" -nt "$CDS" ]]; then
  rm -f "$CDS"
  scratch="$(mktemp -d)"
  java -Xms32m -Xmx256m -XX:+UseSerialGC -XX:ArchiveClassesAtExit="$CDS" -Xlog:cds=off -Xlog:cds+dynamic=off \
    -cp "$(cat "$TARGET/broker-lite.classpath")" io.tributary.broker.BrokerMain \
    --listen 127.0.0.1:0 --data-dir "$scratch" --exit-when-ready >/dev/null 2>&1 || rm -f "$CDS"
  rm -rf "$scratch"
fi

exec java -Xmx512m -cp "$TARGET/classes:$(cat "$TARGET/benchmark.classpath")" \
  io.tributary.bench.BrokerBenchmark \
  --kafka-classpath-file "$TARGET/kafka.classpath" \
  --lite-classpath-file "$TARGET/broker-lite.classpath" \
  --lite-cds-archive "$CDS" \
  "$@"
