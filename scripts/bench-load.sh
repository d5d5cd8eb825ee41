#!/usr/bin/env bash
# make bench-load: the hub's loader against Neo4j's own LOAD CSV on the same synthetic corpus,
# on a throw-away Neo4j this script starts (with an import directory for LOAD CSV) and stops.
# Prints bench/loadcmp's markdown table (rows, seconds, rows/s, the ratio hub / LOAD CSV).
#
# Env: SIZE (S; S, M or L), SEED (1), OUT (.bench/synth-SIZE: the corpus, generated unless it
#      is already there with the same size and seed), ROUNDS (1; interleaved rounds),
#      BENCH_LOAD_PORT (7698), WORKERS and BATCH (hub load's --workers and --batch-size; the
#      loader's defaults when unset), BENCH_LOAD_RESULT (a file the table is also written to),
#      NEO4J_HEAP (1g) and NEO4J_PAGECACHE (1g) for the Neo4j.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

size="${SIZE:-S}"
seed="${SEED:-1}"
out="${OUT:-.bench/synth-$size}"
port="${BENCH_LOAD_PORT:-7698}"

go build -o bin/hub ./cmd/hub
# bench/ is its own Go module: build its loadcmp from there.
(cd bench && go build -o ../bin/loadcmp ./loadcmp)
if ! grep -q "\"seed\": $seed," "$out/synth.json" 2>/dev/null || ! grep -q "\"id\": \"synth-${size,,}\"" "$out/synth.json"; then
  echo "== generating corpus $size (seed $seed) in $out"
  bin/hub gen --size "$size" --seed "$seed" --out "$out"
fi

tmp="$(mktemp -d)"
stop_neo4j() { scripts/neo4j.sh stop --data "$tmp/data" >/dev/null || true; rm -rf "$tmp"; }
trap stop_neo4j EXIT
echo "== starting a throw-away Neo4j on port $port (import dir $tmp/import)"
NEO4J_HEAP="${NEO4J_HEAP:-1g}" NEO4J_PAGECACHE="${NEO4J_PAGECACHE:-1g}" \
  scripts/neo4j.sh start --port "$port" --data "$tmp/data" --import "$tmp/import"

args=(--dir "$out" --uri "bolt://127.0.0.1:$port" --import "$tmp/import" --rounds "${ROUNDS:-1}")
[[ -z "${WORKERS:-}" ]] || args+=(--workers "$WORKERS")
[[ -z "${BATCH:-}" ]] || args+=(--batch-size "$BATCH")
echo "== load: hub load vs LOAD CSV ($(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg))"
if [[ -n "${BENCH_LOAD_RESULT:-}" ]]; then
  bin/loadcmp "${args[@]}" | tee "$BENCH_LOAD_RESULT"
else
  bin/loadcmp "${args[@]}"
fi
