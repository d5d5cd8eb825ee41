#!/usr/bin/env bash
# make run: start the local Neo4j unless NEO4J_URI points elsewhere, load the dataset, serve.
# Ctrl-C stops the hub and the Neo4j this script started. That Neo4j is supervised
# (scripts/neo4j.sh supervise): if it dies, why is logged and it is restarted; the hub
# reconnects by itself.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
dataset="${1:-data/dongying-2021}"

started_neo4j=""
hub_pid=""
supervisor_pid=""
cleanup() {
  trap - EXIT INT TERM
  if [ -n "$supervisor_pid" ]; then
    kill -TERM "$supervisor_pid" 2>/dev/null || true
    wait "$supervisor_pid" 2>/dev/null || true
  fi
  if [ -n "$hub_pid" ] && kill -0 "$hub_pid" 2>/dev/null; then
    kill -TERM "$hub_pid" 2>/dev/null || true
    wait "$hub_pid" 2>/dev/null || true
  fi
  if [ -n "$started_neo4j" ]; then
    scripts/neo4j.sh stop || true
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if [ -z "${NEO4J_URI:-}" ]; then
  echo "NEO4J_URI is not set: starting the local Neo4j (Java 17 + Maven; first build downloads from Maven Central)"
  scripts/neo4j.sh start
  started_neo4j=1
  scripts/neo4j.sh supervise &
  supervisor_pid=$!
  export NEO4J_URI="bolt://127.0.0.1:${NEO4J_PORT:-7687}"
else
  echo "using the Neo4j at $NEO4J_URI"
fi

bin/hub load "$dataset"
addr="${HUB_ADDR:-:8080}"
echo "Reform Hub: playground http://localhost:${addr##*:}/  GraphQL http://localhost:${addr##*:}/graphql  (Ctrl-C stops)"
bin/hub serve &
hub_pid=$!
wait "$hub_pid"
