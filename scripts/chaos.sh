#!/usr/bin/env bash
# make chaos: the fault tests against a real Neo4j that the tests start, SIGKILL and restart
# themselves (loopback only, port CHAOS_NEO4J_PORT, default 7733, temporary data folder).
# Bounded: each test has its own deadlines; the whole run takes 3-5 minutes on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."
log="$(mktemp)"
export CHAOS_NEO4J_PORT="${CHAOS_NEO4J_PORT:-7733}"
go test -tags chaos -count=1 -v -timeout 20m \
  -run '^Test(Neo4jDownAtStart|Neo4jKilledUnderLoad|PoolExhausted|HubSIGTERMUnderLoad|SupervisedNeo4jRestarts)$' \
  ./internal/chaos/ >"$log" 2>&1 || status=$?
grep -E '^(=== RUN|--- |PASS|FAIL|ok )|FIGURE|_test\.go:' "$log" || true
[ "${status:-0}" -eq 0 ] || tail -n 200 "$log"
rm -f "$log"
exit "${status:-0}"
