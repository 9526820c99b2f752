# JVM options of each tributary role; sourced by bin/tributary (installed layout) and by the
# repository's ./tributary script, so both start every role with the same flags.
# TRIBUTARY_JAVA_OPTS replaces them; TRIBUTARY_EXTRA_JAVA_OPTS adds to them.
#
# broker: record data stays off the heap (page cache, sendfile), so a small heap and the serial
#         collector suit it.
# agent:  runs on every production host and must stay out of the way: small heap, serial GC,
#         C1 only (less compiler memory and CPU), small thread stacks, and methods compiled only
#         after 10x the default calls (the event path gets there in milliseconds; start-up code
#         that runs a few hundred times stays interpreted: ~2 MB less code cache when idle).
# sink:   moderate heap for batches in flight; DuckDB and JDBC drivers keep their data off-heap.
# tools:  (topics, consume, ...) short-lived: C1 only starts fastest.
tributary_java_opts() {
  local role="${1:-}" opts
  case "$role" in
    broker)     opts="-Xms32m -Xmx256m -XX:+UseSerialGC" ;;
    agent)      opts="-Xms16m -Xmx64m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss256k -XX:ReservedCodeCacheSize=16m -XX:Tier3InvocationThreshold=2000 -XX:Tier3MinInvocationThreshold=1000 -XX:Tier3CompileThreshold=20000" ;;
    sink)       opts="-Xms64m -Xmx512m -XX:+UseSerialGC" ;;
    quickstart) opts="-Xms64m -Xmx768m -XX:+UseSerialGC" ;;
    *)          opts="-Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1" ;;
  esac
  echo "${TRIBUTARY_JAVA_OPTS:-$opts} ${TRIBUTARY_EXTRA_JAVA_OPTS:-}"
}

# Environment of each role, exported by the launcher before it starts java.
# agent: two malloc arenas instead of glibc's default of eight per core: the agent's few threads
#        allocate little off the heap, and every arena keeps memory resident. An exported
#        MALLOC_ARENA_MAX wins.
tributary_java_env() {
  if [ "${1:-}" = agent ]; then
    export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"
  fi
}
