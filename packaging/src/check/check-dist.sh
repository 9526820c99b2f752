#!/usr/bin/env bash
# Verify-phase check of the distribution: the tarball has the installed layout, the .deb holds
# the units, the config, the launcher and the /usr/bin link, and the launcher of each really runs.
# Usage: check-dist.sh TARGET_DIR VERSION
set -euo pipefail
target="$1"
version="$2"
tarball="$target/tributary-$version.tar.gz"
failures=0

fail() { echo "check-dist: $*" >&2; failures=$((failures + 1)); }
expect_line() { # LIST-FILE PATTERN WHAT
  grep -Eq -- "$2" "$1" || fail "$3 missing (no line matching '$2')"
}

scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT

# --- tarball -------------------------------------------------------------------------------
[ -f "$tarball" ] || { echo "check-dist: $tarball was not built" >&2; exit 1; }
tar -tvzf "$tarball" > "$scratch/tar.txt"
base="tributary-$version"
expect_line "$scratch/tar.txt" "^-rwxr-xr-x .* $base/bin/tributary$" "tarball: executable bin/tributary"
expect_line "$scratch/tar.txt" " $base/bin/java-opts.sh$" "tarball: bin/java-opts.sh"
expect_line "$scratch/tar.txt" " $base/lib/tributary-dist.jar$" "tarball: lib/tributary-dist.jar"
expect_line "$scratch/tar.txt" " $base/lib/tributary-broker-lite-.*\.jar$" "tarball: lib/tributary-broker-lite jar"
expect_line "$scratch/tar.txt" " $base/lib/kafka-clients-.*\.jar$" "tarball: lib/kafka-clients jar"
expect_line "$scratch/tar.txt" " $base/config/broker.yaml$" "tarball: config/broker.yaml"
expect_line "$scratch/tar.txt" " $base/lib/agent.classpath$" "tarball: lib/agent.classpath"
expect_line "$scratch/tar.txt" " $base/plugins/README.md$" "tarball: plugins/README.md"

tar -xzf "$tarball" -C "$scratch"
home="$scratch/$base"
"$home/bin/tributary" --help > "$scratch/help.txt" 2>&1 || fail "tarball: bin/tributary --help failed: $(head -3 "$scratch/help.txt")"
expect_line "$scratch/help.txt" "Usage: tributary" "tarball: bin/tributary --help output"
"$home/bin/tributary" check-config "$home/config/broker.yaml" > "$scratch/check.txt" 2>&1 \
  || fail "tarball: bin/tributary check-config config/broker.yaml failed: $(cat "$scratch/check.txt")"

# The agent role records a class data sharing archive on its first start and maps it afterwards.
mkdir -p "$scratch/agent-logs"
echo "one line" > "$scratch/agent-logs/a.log"
cat > "$scratch/agent.yaml" <<YAML
agent: { host: check-dist, data-dir: "$scratch/agent-data" }
output: { bootstrap.servers: "127.0.0.1:9" }
sources:
  - { type: file-tail, topic: logs, paths: ["$scratch/agent-logs/*.log"] }
YAML
"$home/bin/tributary" agent --config "$scratch/agent.yaml" --exit-when-ready > "$scratch/agent1.txt" 2>&1 \
  || fail "tarball: bin/tributary agent failed: $(tail -3 "$scratch/agent1.txt")"
[ -f "$home/cds/agent.jsa" ] || fail "tarball: the agent's first start recorded no archive in cds/agent.jsa"
[ -f "$home/cds/agent-java-options" ] || fail "tarball: the agent's first start did not remember which options its java knows"
TRIBUTARY_EXTRA_JAVA_OPTS="-Xlog:class+load=info:file=$scratch/classes.txt -XshowSettings:properties" \
  "$home/bin/tributary" agent --config "$scratch/agent.yaml" --exit-when-ready > "$scratch/agent2.txt" 2>&1 \
  || fail "tarball: bin/tributary agent (second start) failed: $(tail -3 "$scratch/agent2.txt")"
grep -q "io.tributary.agent.Agent source: shared objects file (top)" "$scratch/classes.txt" 2>/dev/null \
  || fail "tarball: the agent's second start did not map its archive"
# ...with the agent's own jars only (lib/agent.classpath), not the broker's and the sinks'.
grep -A3 "java.class.path = " "$scratch/agent2.txt" | grep -q "/lib/tributary-agent-.*\.jar" \
  || fail "tarball: the agent's class path lacks its jar: $(grep -A2 'java.class.path' "$scratch/agent2.txt")"
if grep -A80 "java.class.path = " "$scratch/agent2.txt" | grep -q "/lib/tributary-sink-duckdb-"; then
  fail "tarball: the agent runs with the sinks' jars on its class path (lib/agent.classpath not used)"
fi

# "bin/tributary prepare" records both roles' archives ahead of their first start (the .deb's postinst runs it);
# an archive recorded by another java is recorded again.
prep="$scratch/prepared-cds"
TRIBUTARY_CDS_DIR="$prep" "$home/bin/tributary" prepare > "$scratch/prepare.txt" 2>&1 \
  || fail "tarball: bin/tributary prepare failed: $(tail -3 "$scratch/prepare.txt")"
for r in broker agent; do
  [ -f "$prep/$r.jsa" ] || fail "tarball: bin/tributary prepare recorded no $r archive: $(cat "$scratch/prepare.txt")"
  expect_line "$scratch/prepare.txt" "^tributary prepare: $r archive ready in $prep\$" "tarball: bin/tributary prepare's $r line"
done
echo "/some/other/java 0" > "$prep/agent.jsa.java"
TRIBUTARY_CDS_DIR="$prep" "$home/bin/tributary" prepare agent > "$scratch/prepare2.txt" 2>&1 \
  || fail "tarball: bin/tributary prepare agent failed: $(tail -3 "$scratch/prepare2.txt")"
grep -q "^/some/other/java" "$prep/agent.jsa.java" 2>/dev/null \
  && fail "tarball: an agent archive recorded by another java was not recorded again"
[ -f "$prep/agent.jsa" ] || fail "tarball: bin/tributary prepare agent left no archive"
if TRIBUTARY_CDS_DIR="$prep" "$home/bin/tributary" prepare sink > "$scratch/prepare3.txt" 2>&1; then
  fail "tarball: bin/tributary prepare sink (no archive for that role) did not fail"
fi
expect_line "$scratch/prepare3.txt" "unknown role 'sink'" "tarball: bin/tributary prepare's error for an unknown role"

# --- .deb ----------------------------------------------------------------------------------
debs=("$target"/tributary_*_all.deb)
[ -f "${debs[0]}" ] || { echo "check-dist: no tributary_*_all.deb in $target" >&2; exit 1; }
deb="${debs[0]}"
if command -v dpkg-deb >/dev/null 2>&1; then
  dpkg-deb -c "$deb" > "$scratch/deb.txt"
  for unit in agent broker sink; do
    expect_line "$scratch/deb.txt" " \./lib/systemd/system/tributary-$unit\.service$" "deb: tributary-$unit.service"
  done
  expect_line "$scratch/deb.txt" "^-rwxr-xr-x .* \./opt/tributary/bin/tributary$" "deb: executable /opt/tributary/bin/tributary"
  expect_line "$scratch/deb.txt" " \./opt/tributary/lib/tributary-dist\.jar$" "deb: /opt/tributary/lib/tributary-dist.jar"
  expect_line "$scratch/deb.txt" " \./opt/tributary/plugins/README\.md$" "deb: /opt/tributary/plugins/"
  expect_line "$scratch/deb.txt" " \./etc/tributary/broker\.yaml$" "deb: /etc/tributary/broker.yaml"
  expect_line "$scratch/deb.txt" " \./usr/bin/tributary -> /opt/tributary/bin/tributary$" "deb: /usr/bin/tributary symlink"

  dpkg-deb -f "$deb" Package Architecture Depends > "$scratch/fields.txt"
  expect_line "$scratch/fields.txt" "^Package: tributary$" "deb: Package field"
  expect_line "$scratch/fields.txt" "^Architecture: all$" "deb: Architecture field"
  expect_line "$scratch/fields.txt" "^Depends: .*java17-runtime-headless" "deb: Java dependency"
  mkdir "$scratch/control"
  dpkg-deb -e "$deb" "$scratch/control"
  for script in postinst prerm postrm; do
    [ -x "$scratch/control/$script" ] || fail "deb: control script $script missing or not executable"
  done
  expect_line "$scratch/control/conffiles" "^/etc/tributary/broker\.yaml$" "deb: /etc/tributary/broker.yaml as a conffile"

  # The launcher as installed: /usr/bin/tributary is a link, the script finds its home through it.
  mkdir "$scratch/root"
  dpkg-deb -x "$deb" "$scratch/root"
  ln -sfn "$scratch/root/opt/tributary/bin/tributary" "$scratch/tributary-link"
  "$scratch/tributary-link" check-config "$scratch/root/etc/tributary/broker.yaml" > "$scratch/deb-check.txt" 2>&1 \
    || fail "deb: the launcher through a symlink failed: $(cat "$scratch/deb-check.txt")"
else
  echo "check-dist: dpkg-deb not installed, .deb contents not checked" >&2
fi

if [ "$failures" -gt 0 ]; then
  echo "check-dist: $failures problem(s) in the distribution" >&2
  exit 1
fi
echo "check-dist: $(basename "$tarball") and $(basename "$deb") OK"
