#!/usr/bin/env bash
# make fuzz (FUZZTIME per target, default 60s), and briefly from make test: the fuzz targets of
# the request path and of the Lucene escaping, over a real Neo4j — NEO4J_URI if set (it is
# wiped and loaded), else a throw-away one on HUB_FUZZ_NEO4J_PORT (default 7699).
set -euo pipefail
cd "$(dirname "$0")/.."
fuzztime="${FUZZTIME:-60s}"
if [ -z "${NEO4J_URI:-}" ]; then
  port="${HUB_FUZZ_NEO4J_PORT:-7699}"
  tmp="$(mktemp -d)"
  trap 'scripts/neo4j.sh stop --data "$tmp/data" || true; rm -rf "$tmp"' EXIT
  scripts/neo4j.sh start --port "$port" --data "$tmp/data"
  export NEO4J_URI="bolt://127.0.0.1:$port"
fi
export HUB_REQUIRE_NEO4J=1
# -parallel 1: the workers share the one database.
go test -run '^$' -fuzz '^FuzzRequest$' -fuzztime "$fuzztime" -parallel 1 ./internal/server/
go test -run '^$' -fuzz '^FuzzSearchEscaping$' -fuzztime "$fuzztime" -parallel 1 ./internal/store/
