#!/usr/bin/env bash
# How long one CLI command takes end to end (JVM start, Admin client, answer, exit): the tools'
# JVM options from bin/java-opts.sh (C1 only, serial GC) against the JVM's defaults (the baseline),
# alternately in one run, against a broker-lite started here.
# Usage: benchmarks/run-cli-startup-benchmark.sh [RUNS]      (default 10 runs of each)
# Never part of the test phase: run it on purpose, on an otherwise idle machine.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-10}"
cp_="$ROOT/packaging/target/tributary-dist.jar:$ROOT/packaging/target/lib/*"
[ -f "$ROOT/packaging/target/tributary-dist.jar" ] || (cd "$ROOT" && mvn -q -B -DskipTests -Dassembly.skipAssembly=true -Djdeb.skip=true -pl packaging -am package)
# shellcheck source=../packaging/src/dist/bin/java-opts.sh
. "$ROOT/packaging/src/dist/bin/java-opts.sh"
tool_opts="$(TRIBUTARY_JAVA_OPTS= tributary_java_opts topics)"

scratch="$(mktemp -d)"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
java $(tributary_java_opts broker) -cp "$cp_" io.tributary.cli.Tributary broker --listen "127.0.0.1:$port" \
  --data-dir "$scratch/broker" > "$scratch/broker.log" 2>&1 &
broker=$!
trap 'kill $broker 2>/dev/null; wait $broker 2>/dev/null; rm -rf "$scratch"' EXIT
until grep -qs "listening on" "$scratch/broker.log"; do sleep 0.1; done
java -cp "$cp_" io.tributary.cli.Tributary topics create bench -b "127.0.0.1:$port" > /dev/null

time_ms() { # OPTS...
  local t0 t1
  t0=$(date +%s%N)
  # shellcheck disable=SC2068
  java $@ -cp "$cp_" io.tributary.cli.Tributary topics list -b "127.0.0.1:$port" > /dev/null
  t1=$(date +%s%N)
  echo $(( (t1 - t0) / 1000000 ))
}
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

: > "$scratch/default.txt"; : > "$scratch/tool.txt"
for _ in $(seq "$runs"); do
  time_ms >> "$scratch/default.txt"
  time_ms $tool_opts >> "$scratch/tool.txt"
done
d="$(median < "$scratch/default.txt")"; t="$(median < "$scratch/tool.txt")"
echo "tributary topics list, median of $runs runs each"
echo "  JVM defaults (baseline)       $d ms"
echo "  tool options ($tool_opts)  $t ms   ratio $(awk -v t="$t" -v d="$d" 'BEGIN {printf "%.2f", t / d}')"
