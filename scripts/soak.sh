#!/usr/bin/env bash
# make soak: the mixed read workload at SOAK_RATE requests/s (default 20) for SOAK_DURATION
# (default 1m) against a hub binary over its own Neo4j (CHAOS_NEO4J_PORT, default 7733);
# reports 5xx, RSS and goroutines at start and end, and fails unless all are clean and flat.
set -euo pipefail
cd "$(dirname "$0")/.."
log="$(mktemp)"
export CHAOS_NEO4J_PORT="${CHAOS_NEO4J_PORT:-7733}" SOAK_DURATION="${SOAK_DURATION:-1m}" SOAK_RATE="${SOAK_RATE:-20}"
go test -tags chaos -count=1 -v -timeout 2h -run '^TestSoak$' ./internal/chaos/  >"$log" 2>&1 || status=$?
grep -E '^(=== RUN|--- |PASS|FAIL|ok )|FIGURE|_test\.go:' "$log" || true
[ "${status:-0}" -eq 0 ] || tail -n 200 "$log"
rm -f "$log"
exit "${status:-0}"
