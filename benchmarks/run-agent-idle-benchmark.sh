#!/usr/bin/env bash
# The agent at rest, exactly as installed: unpacks the tarball, starts broker-lite and then the
# agent with the distribution's own bin/tributary (launcher flags, MALLOC_ARENA_MAX, the AppCDS
# archive the launcher records on the first start), tailing a 10-line file and sampling host
# metrics every 10 s. Per round: start to first event in the broker, then RSS and CPU over a
# window once it is idle. Round 1 is the first start after the install (the launcher records the
# archive first); later rounds map it. Baseline, same run: a bare KafkaProducer JVM with the same
# flags sending one record every 10 s (io.tributary.bench.idle.IdleProducer).
#
#   benchmarks/run-agent-idle-benchmark.sh [ROUNDS]
#   env: WINDOW=30 (seconds measured), SKIP_BUILD=1, AGENT_EXTRA_OPTS (JVM options added to the agent's, for A/B runs)
#
# Issue 4's targets: idle RSS <= 80 MB, idle CPU <= 0.5 % of a core, start to first event < 1 s.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
ROUNDS="${1:-3}"
WINDOW="${WINDOW:-30}"

if [[ "${SKIP_BUILD:-0}" != "1" ]]; then
  echo "Building the distribution and the benchmarks (mvn -DskipTests package)..." >&2
  mvn -q -B -DskipTests -Djdeb.skip=true -pl packaging,benchmarks -am package
fi
tarball="$(ls packaging/target/tributary-*.tar.gz | head -1)"

work="$(mktemp -d /tmp/tributary-idle-bench.XXXXXX)"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
tar xzf "$tarball" -C "$work"
home="$(ls -d "$work"/tributary-*/)"
home="${home%/}"
tributary="$home/bin/tributary"
export TRIBUTARY_CDS_DIR="$work/cds"

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
now() { date +%s.%N; }
cpu_ticks() { sed 's/.*) //' "/proc/$1/stat" | awk '{print $12 + $13}'; }
rss_kib() { awk '/^VmRSS/ {print $2}' "/proc/$1/status"; }
# Polls FILE for a line matching PATTERN until DEADLINE seconds have passed.
await_line() {
  local file="$1" pattern="$2" deadline=$(( $(date +%s) + $3 ))
  until grep -q -- "$pattern" "$file" 2>/dev/null; do
    if (( $(date +%s) > deadline )); then echo "timed out waiting for '$pattern' in $file" >&2; tail -20 "$file" >&2; exit 1; fi
    sleep 0.02
  done
}

port="$(free_port)"
bootstrap="127.0.0.1:$port"
"$tributary" broker --listen "$bootstrap" --data-dir "$work/broker" > "$work/broker.log" 2>&1 &
pids+=($!)
await_line "$work/broker.log" "listening on" 60
echo "broker-lite ready on $bootstrap"

# Starts a consumer of TOPIC printing each record to FILE and returns once it has printed a marker
# record (so it is connected before the measured process starts). Arrival times are taken by
# polling FILE every 20 ms (await_arrival).
watch_topic() {
  local topic="$1" file="$2"
  "$tributary" topics create -b "$bootstrap" "$topic" > /dev/null
  "$tributary" consume -b "$bootstrap" --from-beginning "$topic" > "$file" 2>/dev/null &
  pids+=($!)
  echo "marker" | "$tributary" produce -b "$bootstrap" "$topic" > /dev/null
  await_line "$file" "^marker$" 60
}

# Waits for a record matching PATTERN in FILE and prints the time it was seen.
await_arrival() {
  await_line "$1" "$2" 60
  now
}

# Measures CPU and RSS of PID over WINDOW seconds; prints "cpu_percent rss_mib".
measure_idle() {
  local pid="$1" c0 c1 t0 t1
  c0="$(cpu_ticks "$pid")"; t0="$(now)"
  sleep "$WINDOW"
  c1="$(cpu_ticks "$pid")"; t1="$(now)"
  awk -v c="$((c1 - c0))" -v hz="$(getconf CLK_TCK)" -v t0="$t0" -v t1="$t1" -v r="$(rss_kib "$pid")" \
    'BEGIN { printf "%.2f %.1f\n", 100 * c / hz / (t1 - t0), r / 1024 }'
}

results=()
# Baseline first: a bare producer JVM with the agent's launcher flags (and an archive of its own classes).
. "$home/bin/java-opts.sh"
agent_opts="$(tributary_java_opts agent)"
base_cp="$home/lib/*:$ROOT/benchmarks/target/classes"
watch_topic idle-baseline "$work/baseline.arrivals"
# shellcheck disable=SC2086
MALLOC_ARENA_MAX=2 timeout 8 java $agent_opts -XX:ArchiveClassesAtExit="$work/baseline.jsa" -Xlog:cds=off -Xlog:cds+dynamic=off \
  -cp "$base_cp" io.tributary.bench.idle.IdleProducer "$bootstrap" idle-baseline-train > /dev/null 2>&1 || true
start="$(now)"
# shellcheck disable=SC2086
MALLOC_ARENA_MAX=2 java $agent_opts -XX:SharedArchiveFile="$work/baseline.jsa" -Xshare:auto -Xlog:cds=off \
  -cp "$base_cp" io.tributary.bench.idle.IdleProducer "$bootstrap" idle-baseline > "$work/baseline.log" 2>&1 &
base_pid=$!
pids+=("$base_pid")
first="$(await_arrival "$work/baseline.arrivals" '{"sample":0}')"
sleep 5
read -r cpu rss < <(measure_idle "$base_pid")
base_rss="$rss"; base_cpu="$cpu"
results+=("| baseline: bare KafkaProducer, same flags + archive | $(awk -v a="$first" -v b="$start" 'BEGIN {printf "%.2f s", a - b}') | $rss MiB | 1.00× | $cpu % |")
echo "baseline: RSS $rss MiB, CPU $cpu %"
kill "$base_pid"

for round in $(seq 1 "$ROUNDS"); do
  d="$work/agent-$round"
  mkdir -p "$d"
  mkdir -p "$d/logs"
  for i in $(seq 1 10); do echo "2026-12-01 12:00:0$((i % 10)) INFO started $i"; done > "$d/logs/app.log"
  cat > "$d/agent.yaml" <<YAML
agent: { host: bench-host, data-dir: "$d/data" }
output: { bootstrap.servers: "$bootstrap" }
sources:
  - { type: file-tail, id: app, topic: idle-logs-$round, paths: ["$d/logs/*.log"], start-at: beginning }
  - { type: host-metrics, topic: idle-metrics-$round, interval: 10s }
YAML
  "$tributary" topics create -b "$bootstrap" "idle-metrics-$round" > /dev/null
  watch_topic "idle-logs-$round" "$d/arrivals"
  start="$(now)"
  # shellcheck disable=SC2086
  TRIBUTARY_EXTRA_JAVA_OPTS="${AGENT_EXTRA_OPTS:-}" "$tributary" agent --config "$d/agent.yaml" > "$d/agent.log" 2>&1 &
  agent_pid=$!
  pids+=("$agent_pid")
  first="$(await_arrival "$d/arrivals" "started 1\"")"
  await_line "$d/arrivals" "started 10" 60
  first_s="$(awk -v a="$first" -v b="$start" 'BEGIN {printf "%.2f", a - b}')"
  sleep 5
  read -r cpu rss < <(measure_idle "$agent_pid")
  what="agent, later start (archive mapped)"
  [[ "$round" == 1 ]] && what="agent, first start after install (records the archive)"
  results+=("| $what | $first_s s | $rss MiB | $(awk -v a="$rss" -v b="$base_rss" 'BEGIN {printf "%.2f×", a / b}') | $cpu % |")
  echo "round $round: first event $first_s s, RSS $rss MiB, CPU $cpu %"
  if [[ "$round" == "$ROUNDS" ]]; then
    top="$(awk '/^[0-9a-f]+-[0-9a-f]+ / {n = $6; if (n == "") n = "[anon]"} /^Rss:/ {r[n] += $2}
               END {for (k in r) if (r[k] > 1024) printf "%.1f MiB %s\n", r[k] / 1024, k}' "/proc/$agent_pid/smaps" \
           | sort -rn | sed "s|$work|<work>|; s|/usr/lib/jvm/[^/]*/|<jdk>/|" | paste -sd ';' | sed 's/;/; /g')"
  fi
  kill "$agent_pid"
  wait "$agent_pid" 2>/dev/null || true
done

stamp="$(date -u +%Y%m%d-%H%M%S)"
report="benchmarks/results/agent-idle-$stamp.md"
mkdir -p benchmarks/results
{
  echo "# Idle agent as installed ($(date -u '+%Y-%m-%d %H:%M') UTC, load $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores)"
  echo
  echo "bin/tributary agent from the unpacked tarball: flags \`$agent_opts${AGENT_EXTRA_OPTS:+ + $AGENT_EXTRA_OPTS}\`, MALLOC_ARENA_MAX=2, the launcher's AppCDS archive;"
  echo "file-tail on a 10-line file + host-metrics every 10 s against broker-lite; RSS and CPU over $WINDOW s, 5 s after the 10th line arrived."
  echo
  echo "| process | start to first event | RSS | vs baseline | CPU (% of a core) |"
  echo "|---|---:|---:|---:|---:|"
  printf '%s\n' "${results[@]}"
  echo
  echo "Largest mappings of the last agent (smaps Rss): $top"
  echo
  echo "Targets (issue 4): idle RSS <= 80 MB, idle CPU <= 0.5 %, start to first event < 1 s."
} | tee "$report"
echo "report: $report"
