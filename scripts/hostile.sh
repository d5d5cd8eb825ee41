#!/usr/bin/env bash
# make hostile: the hostile-at-scale suite (internal/chaos TestHostile, issue 13) at each size
# of HOSTILE_SIZES (default "S M"): a synthetic corpus of that size next to the shipped one, on
# a Neo4j with the launcher's defaults (768m heap, 256m page cache, transaction memory limits)
# that the test starts on CHAOS_NEO4J_PORT (default 7733), the hub's default 30 s deadline.
# Prints each shape's outcome and the victim client's p99 (FIGURE lines). At M the corpus load
# alone takes minutes on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."
export CHAOS_NEO4J_PORT="${CHAOS_NEO4J_PORT:-7733}"
export CHAOS_NEO4J_HEAP="${CHAOS_NEO4J_HEAP:-768m}" CHAOS_NEO4J_PAGECACHE="${CHAOS_NEO4J_PAGECACHE:-256m}"
status=0
for size in ${HOSTILE_SIZES:-S M}; do
  log="$(mktemp)"
  echo "== hostile suite at size $size"
  HOSTILE_SIZE="$size" go test -tags chaos -count=1 -v -timeout 60m -run '^TestHostile$' \
    ./internal/chaos/ >"$log" 2>&1 || status=$?
  grep -E '^(--- |PASS|FAIL|ok )|FIGURE|_test\.go' "$log" || true
  [ "$status" -eq 0 ] || { tail -n 100 "$log"; rm -f "$log"; exit "$status"; }
  rm -f "$log"
done
