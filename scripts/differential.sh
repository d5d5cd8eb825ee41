#!/usr/bin/env bash
# make differential: the differential test of the hub against the Neo4j GraphQL Library 7.x
# (bench/differential; docs/compatibility.md). A throw-away Neo4j; for each corpus (the
# shipped one, then `hub gen --size S`) the data loaded, and DIFF_QUERIES random read queries
# valid in both schemas sent to the hub and to the library (bench/neo4j-graphql) over it. Fails
# on any disagreement that the divergence table does not list; stops everything on exit.
#
# Knobs (environment):
#   DIFF_QUERIES     queries per corpus (default 1000)
#   DIFF_SEED        the generator's seed (default 1)
#   DIFF_CORPORA     the corpora, in order (default "shipped S"; S, M, L are `hub gen` sizes)
#   DIFF_FORMS       v7 forms the hub may lack to draw too, comma-separated, or all (default
#                    none; queries the hub's schema refuses are counted, not sent)
#   DIFF_AVOID       1: draw no form of the divergence table (every difference then fails)
#   DIFF_DETAILS     a folder: every disagreement of each corpus, with both answers, in
#                    <corpus>.txt there
#   DIFF_NEO4J_PORT  port of the throw-away Neo4j (default 7761, or the next free one);
#                    NEO4J_URI: use that database instead (its data is replaced)
#   NEO4J_HEAP / NEO4J_PAGECACHE  for the throw-away Neo4j (default 1g / 512m)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

queries="${DIFF_QUERIES:-1000}"
seed="${DIFF_SEED:-1}"
corpora="${DIFF_CORPORA:-shipped S}"
started=$(date +%s)

tmp="$(mktemp -d)"
pids=()
neo4j_data=""
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  if [ -n "$neo4j_data" ]; then scripts/neo4j.sh stop --data "$neo4j_data" >/dev/null 2>&1 || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

step() { printf '== %s (%ds)\n' "$*" "$(( $(date +%s) - started ))"; }
free_port() { # the first port from $1 up that nothing listens on
  local p="$1"
  while (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; do p=$((p + 1)); done
  echo "$p"
}
wait_http() { # url, name, pid
  for _ in $(seq 1 120); do
    if curl -fsS -o /dev/null "$1" 2>/dev/null; then return 0; fi
    kill -0 "$3" 2>/dev/null || { echo "differential: $2 exited at start:" >&2; cat "$tmp/$2.log" >&2; exit 1; }
    sleep 0.5
  done
  echo "differential: $2 did not answer $1" >&2; cat "$tmp/$2.log" >&2; exit 1
}

step "build"
go build -o bin/hub ./cmd/hub
(cd bench && go build -o ../bin/differential ./cmd/differential)

step "npm ci (bench/neo4j-graphql)"
(cd bench/neo4j-graphql && npm ci --no-audit --no-fund --loglevel=error)

if [ -z "${NEO4J_URI:-}" ]; then
  port=$(free_port "${DIFF_NEO4J_PORT:-7761}")
  neo4j_data="$tmp/neo4j/data"
  step "starting a throw-away Neo4j on port $port"
  NEO4J_HEAP="${NEO4J_HEAP:-1g}" NEO4J_PAGECACHE="${NEO4J_PAGECACHE:-512m}" \
    scripts/neo4j.sh start --port "$port" --data "$neo4j_data"
  export NEO4J_URI="bolt://127.0.0.1:$port"
fi

# The hub and the library, once, over that Neo4j: each corpus replaces the data under them.
hub_port=$(free_port 18300)
step "starting the hub on $hub_port (dev mode, log level warn)"
HUB_ENV=development HUB_LOG_LEVEL=warn HUB_ADDR="127.0.0.1:$hub_port" bin/hub serve >"$tmp/hub.log" 2>&1 &
hub_pid=$!; pids+=("$hub_pid")
wait_http "http://127.0.0.1:$hub_port/readyz" hub "$hub_pid"
lib_port=$(free_port $((hub_port + 1)))
step "starting the Neo4j GraphQL Library on $lib_port"
PORT="$lib_port" node bench/neo4j-graphql/server.mjs >"$tmp/library.log" 2>&1 &
lib_pid=$!; pids+=("$lib_pid")
wait_http "http://127.0.0.1:$lib_port/healthz" library "$lib_pid"

args=(-hub "http://127.0.0.1:$hub_port/graphql" -library "http://127.0.0.1:$lib_port/graphql"
  -n "$queries" -seed "$seed")
[ -n "${DIFF_FORMS:-}" ] && args+=(-forms "$DIFF_FORMS")
[ "${DIFF_AVOID:-0}" = 1 ] && args+=(-avoid)
if [ -n "${DIFF_DETAILS:-}" ]; then mkdir -p "$DIFF_DETAILS"; fi

loaded=""
failed=0
for corpus in $corpora; do
  case "$corpus" in
    shipped) data="data/dongying-2021" ;;
    S|M|L)
      data="$tmp/data-$corpus"
      step "hub gen --size $corpus"
      bin/hub gen --size "$corpus" --out "$data" >/dev/null ;;
    *) echo "differential: unknown corpus $corpus in DIFF_CORPORA (shipped, S, M, L)" >&2; exit 2 ;;
  esac
  if [ -n "$loaded" ]; then
    step "hub unload $loaded"
    HUB_SYNC_GRACE=0 bin/hub unload "$loaded" >"$tmp/unload.log" 2>&1 || { cat "$tmp/unload.log"; exit 1; }
  fi
  step "hub load $data"
  HUB_SYNC_GRACE=0 bin/hub load --wait "$data" >"$tmp/load.log" 2>&1 || { cat "$tmp/load.log"; exit 1; }
  loaded="$(sed -n 's/^id: *//p' "$data/dataset.yaml" | head -n 1)"
  sleep 2 # the hub serves a new data version within half a second of its publication
  for s in hub library; do # both still serve (else their log says why)
    pid=$hub_pid; [ "$s" = library ] && pid=$lib_pid
    kill -0 "$pid" 2>/dev/null || { echo "differential: the $s exited:" >&2; tail -n 40 "$tmp/$s.log" >&2; exit 1; }
  done
  corpus_args=(-label "$corpus")
  [ -n "${DIFF_DETAILS:-}" ] && corpus_args+=(-details "$DIFF_DETAILS/$corpus.txt")
  step "differential over $corpus: $queries queries (seed $seed)"
  bin/differential "${args[@]}" "${corpus_args[@]}" || failed=1
done
for s in hub library; do
  pid=$hub_pid; [ "$s" = library ] && pid=$lib_pid
  kill -0 "$pid" 2>/dev/null || { echo "differential: the $s exited:" >&2; tail -n 40 "$tmp/$s.log" >&2; failed=1; }
done
step "done"
if [ "$failed" = 1 ]; then
  echo "differential: FAILED (a disagreement the table in docs/compatibility.md does not list; DIFF_DETAILS=dir shows each)" >&2
  exit 1
fi
