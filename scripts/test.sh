#!/usr/bin/env bash
# make test: lint, then every test — unit tests and the integration tests against a real Neo4j
# that this script starts on a spare port with a throw-away data folder, and stops at the end.
# With NEO4J_URI already set, that database is used instead (it will be wiped by the tests).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

echo "== lint"
make -s lint

echo "== verify-corpus"
article="$root/../shared/seeds/dongying-reform-2021.txt"
if [ -f "$article" ]; then
  make -s verify-corpus SOURCE="$article"
else
  echo "skipped: article not found at $article"
fi

tmp=""
if [ -z "${NEO4J_URI:-}" ]; then
  port="${HUB_TEST_NEO4J_PORT:-7697}"
  tmp="$(mktemp -d)"
  stop_neo4j() { scripts/neo4j.sh stop --data "$tmp/data" || true; rm -rf "$tmp"; }
  trap stop_neo4j EXIT
  echo "== starting a test Neo4j on port $port"
  scripts/neo4j.sh start --port "$port" --data "$tmp/data"
  export NEO4J_URI="bolt://127.0.0.1:$port"
fi
export HUB_REQUIRE_NEO4J=1

echo "== go test (integration tests against $NEO4J_URI)"
# -p 1: the integration tests of several packages share the one database.
go test -p 1 -count=1 "$@" ./...

echo "== hostile suite, short form at size S (make hostile runs S and M)"
# Its own Neo4j (the launcher's defaults and guard rails) on HUB_TEST_HOSTILE_PORT, a 10 s
# deadline; about 2 minutes on 2 cores, most of it loading the size-S corpus.
CHAOS_NEO4J_PORT="${HUB_TEST_HOSTILE_PORT:-7698}" CHAOS_NEO4J_HEAP=768m CHAOS_NEO4J_PAGECACHE=256m \
  HOSTILE_SIZE=S HOSTILE_SHORT=1 go test -tags chaos -count=1 -timeout 15m -run '^TestHostile$' ./internal/chaos/

echo "== fuzz, briefly (make fuzz runs longer)"
FUZZTIME="${FUZZTIME:-5s}" scripts/fuzz.sh
