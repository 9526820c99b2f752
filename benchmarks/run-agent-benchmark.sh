#!/usr/bin/env bash
# Benchmarks the agent's file-tail source end to end: a generated 1,000,000-line access log is
# tailed into broker-lite (both child JVMs), against a plain KafkaProducer and kcat reading the
# same file in the same run; then the agent's idle footprint.
# Usage: benchmarks/run-agent-benchmark.sh [options]   (--help lists them; e.g. --lines 200000)
# Never part of the test phase: run it on purpose, on an otherwise idle machine.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
TARGET="$ROOT/benchmarks/target"
MODULES="broker-lite,plugins/api,plugins/file-tail,agent,benchmarks"
HOST_METRICS=()
if [[ -f plugins/host-metrics/pom.xml ]]; then
  MODULES="$MODULES,plugins/host-metrics"
  HOST_METRICS=(--host-metrics)
fi

if [[ "${SKIP_BUILD:-0}" != "1" ]]; then
  echo "Building $MODULES (mvn -DskipTests package)..." >&2
  # Each module also writes its runtime class path to target/runtime.classpath.
  mvn -q -B -DskipTests -pl "$MODULES" -am package dependency:build-classpath \
    -DincludeScope=runtime -Dmdep.outputFile=target/runtime.classpath
fi

# Module jars are copied aside, so a concurrent rebuild of a module cannot pull them away mid-run.
LIB="$TARGET/agent-bench/lib"
rm -rf "$LIB" && mkdir -p "$LIB"
jar_of() {
  local jar
  jar="$(ls "$ROOT/$1"/target/*.jar | grep -v -e '-sources' -e '-tests' | head -1)"
  cp "$jar" "$LIB/" && echo "$LIB/$(basename "$jar")"
}

# The agent: its jar, the built-in plugins' jars and their runtime libraries.
agent_cp="$(jar_of agent):$(jar_of plugins/api):$(jar_of plugins/file-tail):$(cat agent/target/runtime.classpath)"
if [[ ${#HOST_METRICS[@]} -gt 0 ]]; then
  agent_cp="$agent_cp:$(jar_of plugins/host-metrics):$(cat plugins/host-metrics/target/runtime.classpath)"
fi
printf '%s\n' "$agent_cp" > "$TARGET/agent.classpath"

# broker-lite: its jar and libraries, plus Logback (from the agent's libraries) for its log lines.
logback="$(tr ':' '\n' < agent/target/runtime.classpath | grep -e logback-classic -e logback-core | paste -sd:)"
printf '%s\n' "$(jar_of broker-lite):$(cat broker-lite/target/runtime.classpath):$logback" > "$TARGET/broker-lite-agent-bench.classpath"
cp -r "$TARGET/classes" "$LIB/bench-classes"

# ALT_COMMIT=<rev>: also build the agent of that commit (git archive into benchmarks/target/agent-bench-alt, so
# the checkout is untouched) and pass its class path as --alt-agent-classpath-file: the 'running agent, file
# appears' row then runs for both builds, alternated, in the same run (an A/B against the same baseline).
ALT_ARGS=()
if [[ -n "${ALT_COMMIT:-}" ]]; then
  ALT="$TARGET/agent-bench-alt"
  alt_rev="$(git rev-parse "$ALT_COMMIT")"
  alt_modules="plugins/api,plugins/file-tail,agent"
  [[ ${#HOST_METRICS[@]} -gt 0 ]] && alt_modules="$alt_modules,plugins/host-metrics"
  # Built once per commit (ALT_BUILD_ONLY=1 builds it and exits, e.g. under a shared lock before the run).
  if [[ "$(cat "$ALT/commit" 2>/dev/null)" != "$alt_rev" ]]; then
    rm -rf "$ALT" && mkdir -p "$ALT/src"
    git archive "$alt_rev" | tar -x -C "$ALT/src"
    echo "Building $alt_modules of $ALT_COMMIT in $ALT/src..." >&2
    (cd "$ALT/src" && mvn -q -B -o -DskipTests -pl "$alt_modules" -am package dependency:build-classpath \
      -DincludeScope=runtime -Dmdep.outputFile=target/runtime.classpath)
    echo "$alt_rev" > "$ALT/commit"
  fi
  [[ "${ALT_BUILD_ONLY:-0}" == "1" ]] && exit 0
  alt_jar() { ls "$ALT/src/$1"/target/*.jar | grep -v -e '-sources' -e '-tests' | head -1; }
  alt_cp="$(alt_jar agent):$(alt_jar plugins/api):$(alt_jar plugins/file-tail):$(cat "$ALT/src/agent/target/runtime.classpath")"
  if [[ ${#HOST_METRICS[@]} -gt 0 ]]; then
    alt_cp="$alt_cp:$(alt_jar plugins/host-metrics):$(cat "$ALT/src/plugins/host-metrics/target/runtime.classpath")"
  fi
  printf '%s\n' "$alt_cp" > "$TARGET/agent-alt.classpath"
  ALT_ARGS=(--alt-agent-classpath-file "$TARGET/agent-alt.classpath")
fi

# The agent's flags as the launcher sets them (not TRIBUTARY_JAVA_OPTS/TRIBUTARY_EXTRA_JAVA_OPTS of this shell).
# shellcheck source=../packaging/src/dist/bin/java-opts.sh
launcher_opts="$(. packaging/src/dist/bin/java-opts.sh && TRIBUTARY_JAVA_OPTS='' TRIBUTARY_EXTRA_JAVA_OPTS='' tributary_java_opts agent)"

exec java -Xmx512m -cp "$LIB/bench-classes:$(cat "$TARGET/benchmark.classpath")" \
  io.tributary.bench.agent.AgentBenchmark \
  --agent-classpath-file "$TARGET/agent.classpath" \
  --broker-classpath-file "$TARGET/broker-lite-agent-bench.classpath" \
  --launcher-opts "$(echo $launcher_opts)" \
  "${HOST_METRICS[@]}" "${ALT_ARGS[@]}" "$@"
