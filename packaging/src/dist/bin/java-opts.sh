# JVM options of each tributary role; sourced by bin/tributary (installed layout) and by the
# repository's ./tributary script, so both start every role with the same flags.
# TRIBUTARY_JAVA_OPTS replaces them; TRIBUTARY_EXTRA_JAVA_OPTS adds to them.
#
# broker: record data stays off the heap (page cache, sendfile), so a small heap and the serial
#         collector suit it.
# agent:  runs on every production host and must stay out of the way: small heap, one GC thread,
#         C1 only (less compiler memory and CPU), small thread stacks, and methods compiled only
#         after 10x the default calls (the event path gets there in milliseconds; start-up code
#         that runs a few hundred times stays interpreted: ~2 MB less code cache when idle, for
#         about 5 % of the ingest rate in two A/B runs). A young generation that starts at 5.3 MB and
#         may grow to half the heap under load (NewRatio=1, NewSize, SurvivorRatio=4), so in-flight
#         events die young. The collector is the parallel one on one thread, for its adaptive sizing:
#         the serial collector grows the young generation only with the old one, so under a burst it
#         collected a small eden over and over; this one grows eden while collections take more than
#         GCTimeRatio=19 (5 %) of the time, i.e. under load, not during start-up (the default ratio, 99,
#         grew it at start-up too: +4 MiB idle). Against the serial collector (agent/README.md,
#         2026-12-02, 13 rounds each): a 1 M-line burst never below 312,000 lines/s (serial: 252,000),
#         median +3 %; idle +0.6 MiB RSS, same idle CPU. No hsperfdata (-XX:-UsePerfData): its sampler woke the JVM every 50 ms,
#         about 0.13 % of a core on an idle agent, and its file in /tmp was rewritten as often; jcmd
#         PID still works, jps/jstat do not list the agent (its /metrics does that job).
# sink:   moderate heap for batches in flight; DuckDB and JDBC drivers keep their data off-heap.
# tools:  (topics, consume, ...) short-lived: C1 only starts fastest.
tributary_java_opts() {
  local role="${1:-}" opts
  case "$role" in
    broker)     opts="-Xms32m -Xmx256m -XX:+UseSerialGC" ;;
    agent)      opts="-Xms16m -Xmx64m -XX:NewRatio=1 -XX:NewSize=5440k -XX:SurvivorRatio=4 -XX:+UseParallelGC -XX:ParallelGCThreads=1 -XX:GCTimeRatio=19 -XX:TieredStopAtLevel=1 -Xss256k -XX:ReservedCodeCacheSize=16m -XX:Tier3InvocationThreshold=2000 -XX:Tier3MinInvocationThreshold=1000 -XX:Tier3CompileThreshold=20000 -XX:-UsePerfData" ;;
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

# Which java binary JAVA is: its real path and modification time (an upgrade of the JDK package changes it).
# Usage: tributary_java_id JAVA     Prints "PATH MTIME"; fails when JAVA is not found.
tributary_java_id() {
  local bin
  bin="$(readlink -f "$(command -v "$1")" 2>/dev/null)" && [ -n "$bin" ] || return 1
  printf '%s %s\n' "$bin" "$(stat -c %Y "$bin" 2>/dev/null || echo 0)"
}

# Options the agent gets only from a Java that knows them: -XX:TrimNativeHeapInterval (Java 17.0.9 and later,
# 21+): every 10 s the JVM gives the C heap's free pages back to the system (malloc_trim). Without it what start-up
# freed there (class parsing, the compiler's arenas) stays resident: ~1.1 MiB of an idle agent (75.3 vs 76.4 MiB,
# 2026-12-02), for idle CPU within the run-to-run spread. The java binary is asked once (a -version run) and the
# answer remembered in CACHE_DIR, per binary path and modification time, so another Java is asked again (asked at
# every start when CACHE_DIR is "off" or cannot be written). Nothing when
# TRIBUTARY_JAVA_OPTS replaces the role's options.
# Usage: tributary_probed_options ROLE JAVA CACHE_DIR     Prints the options, one per line.
tributary_probed_options() {
  local role="$1" java="$2" dir="$3" id cache found="" flag="-XX:TrimNativeHeapInterval=10000"
  [ "$role" = agent ] && [ -z "${TRIBUTARY_JAVA_OPTS:-}" ] || return 0
  id="$(tributary_java_id "$java")" || return 0
  cache="$dir/agent-java-options"
  if [ "$dir" != off ] && [ -r "$cache" ] && [ "$(head -1 "$cache")" = "$id" ]; then
    tail -n +2 "$cache" | grep -v '^$' || true
    return 0
  fi
  "$java" "$flag" -version >/dev/null 2>&1 && found="$flag"
  if [ "$dir" != off ] && mkdir -p "$dir" 2>/dev/null && [ -w "$dir" ]; then
    printf '%s\n%s\n' "$id" "$found" > "$cache"
  fi
  [ -z "$found" ] || printf '%s\n' "$found"
}

# The agent role's class path: the launcher's jar and only the jars the agent and its built-in sources need
# (listed in LIST_FILE, lib/agent.classpath, written by the build: packaging/agent-classpath), not the broker's
# and the sinks'. Every jar on the class path is opened (service lookups read them all) and an open jar keeps its
# central directory on the Java heap: the full lib/ costs the idle agent ~2 MiB more resident memory.
# Usage: tributary_agent_class_path DIST_JAR LIB_DIR LIST_FILE
# Prints the class path; nothing when the list is missing or names a jar that is not in LIB_DIR (the caller then
# uses every jar).
tributary_agent_class_path() {
  local dist="$1" lib="$2" list="$3" cp entry entries=()
  [ -r "$list" ] || return 0
  IFS=: read -r -a entries < "$list" || true
  [ ${#entries[@]} -gt 0 ] || return 0
  cp="$dist"
  for entry in "${entries[@]}"; do
    [ -f "$lib/${entry#lib/}" ] || return 0
    cp="$cp:$lib/${entry#lib/}"
  done
  printf '%s\n' "$cp"
}

# Class data sharing for the long-running roles: the first start after an install or build
# records the classes the role loads (a short training run that starts and stops), later starts
# map them from the archive instead of loading them one by one: the broker is ready and the
# agent ships its first event in about half the time, and the agent keeps 2-4 MB less resident.
# The agent's training run tails a scratch file and samples host metrics against a broker that is
# not there (127.0.0.1:9, nothing listens), so it loads the event path's classes too; it never
# touches the user's config, data directory or broker.
#
# Usage: tributary_cds_options ROLE ARCHIVE_DIR SOURCES JAVA [JVM_OPTIONS...] -- MAIN...
#   SOURCES  the jar or directory of jars the archive is made from; a newer file there re-records it, and so
#            does another java binary (ROLE.jsa.java names the one that recorded it)
#   JAVA JVM_OPTIONS -- MAIN  how the launcher starts the role: java and its options, then (after
#            --) what names the program: -jar JAR or -cp CLASSPATH MAINCLASS
# Prints the JVM options mapping the archive, one per line; nothing for other roles or when the
# archive cannot be made (read-only directory, training failed): the role then starts without it.
tributary_cds_options() {
  local role="$1" dir="$2" sources="$3" archive java_id scratch jvm=() main=()
  shift 3
  while [ $# -gt 0 ] && [ "$1" != -- ]; do jvm+=("$1"); shift; done
  [ $# -gt 0 ] && shift
  main=("$@")
  case "$role" in broker|agent) ;; *) return 0 ;; esac
  archive="$dir/$role.jsa"
  # An archive only maps into the java that recorded it (another one ignores it, silently): remember which.
  java_id="$(tributary_java_id "${jvm[0]}")" || java_id="${jvm[0]}"
  if [ ! -f "$archive" ] || [ -n "$(find "$sources" -newer "$archive" -print -quit 2>/dev/null)" ] \
      || [ "$(cat "$archive.java" 2>/dev/null)" != "$java_id" ]; then
    mkdir -p "$dir" 2>/dev/null && [ -w "$dir" ] || return 0
    rm -f "$archive" "$archive.java"
    scratch="$(mktemp -d)"
    if [ "$role" = broker ]; then
      "${jvm[@]}" -XX:ArchiveClassesAtExit="$archive" -Xlog:cds=off -Xlog:cds+dynamic=off "${main[@]}" broker --listen 127.0.0.1:0 \
        --metrics-listen 127.0.0.1:0 --data-dir "$scratch" --exit-when-ready >/dev/null 2>&1 || rm -f "$archive"
    else
      local i
      for i in 1 2 3 4 5; do
        echo "127.0.0.1 - - [01/Dec/2026:18:00:00 +0000] \"GET /$i HTTP/1.1\" 200 612 \"-\" \"curl/8.0\""
      done > "$scratch/train.log"
      cat > "$scratch/agent.yaml" <<YAML
agent: { host: cds-training, data-dir: "$scratch/data" }
output: { bootstrap.servers: "127.0.0.1:9" }
sources:
  - { type: file-tail, topic: logs, paths: ["$scratch/*.log"], start-at: beginning }
  - { type: host-metrics, topic: metrics, interval: 1s }
YAML
      "${jvm[@]}" -XX:ArchiveClassesAtExit="$archive" -Xlog:cds=off -Xlog:cds+dynamic=off "${main[@]}" agent --config "$scratch/agent.yaml" \
        --exit-when-ready >/dev/null 2>&1 || rm -f "$archive"
    fi
    rm -rf "$scratch"
    [ -f "$archive" ] && printf '%s\n' "$java_id" > "$archive.java"
  fi
  [ -f "$archive" ] || return 0
  printf '%s\n' "-XX:SharedArchiveFile=$archive" -Xshare:auto -Xlog:cds=off -Xlog:cds+dynamic=off
}
