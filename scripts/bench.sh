#!/usr/bin/env bash
# make bench: the hub, the Neo4j GraphQL Library 7.x (bench/neo4j-graphql, Node) and a
# hand-written Go handler (bench/handwritten) over ONE Neo4j with the same data; answers checked
# equal, then latency (open loop) and saturation (closed loop) per workload; results in
# bench/RESULTS.md. With BENCH_BASELINE, also the hub built at that revision ("baseline"), for
# a before/after comparison in the same run. See docs/benchmarks.md.
#
# Knobs (environment):
#   BENCH_SIZE       S | M | L synthetic corpus from `hub gen` (default M); "shipped" = data/dongying-2021
#   BENCH_DATA       a dataset folder to load instead (skips generation)
#   BENCH_DURATION   length of each timed run (default 6s)
#   BENCH_WARMUP     closed-loop warm-up per server (default 3s)
#   BENCH_WORKERS    closed-loop concurrency (default 8)
#   BENCH_RATE       open-loop rate for every workload (default: half the weakest server's saturation)
#   BENCH_REPEAT     rounds (default 1; medians reported)
#   BENCH_SLICES     each timed run in this many slices, the servers taking turns slice by
#                    slice (default 1); for ratios on a machine whose speed drifts
#   BENCH_REGIME     cold | zipf | both (default both): cold sends every server each workload's
#                    variable sets from a pool drawn from the data, never one twice (a cursor per
#                    server and workload over the whole run; repeats counted if a pool runs out),
#                    every request with Cache-Control: no-cache (the hub's response cache skips
#                    its lookup); zipf draws them from the same pools with a Zipf distribution
#                    (s = 1.1, fixed seed) without the header. Each regime is a section of RESULTS.md
#   BENCH_POOL       most variable sets drawn per workload (default 100000)
#   BENCH_WORKLOADS  comma-separated subset (entity,list,nested,paths,search,counts,rows,mix)
#   BENCH_SOAK       e.g. 10m: afterwards the mix against the hub that long, RSS every 10 s
#   BENCH_CHECK_ONLY 1: only check the three servers' answers are equal (the smoke path)
#   BENCH_DIFFERENTIAL  random read queries the check also sends to the hub and the library,
#                    failing on a disagreement docs/compatibility.md does not list (default 200;
#                    0: none; `make differential` is the long form)
#   BENCH_OUT        results file (default bench/RESULTS.md)
#   BENCH_BASELINE   a git revision (e.g. main, a commit): build the hub there too and run it as a
#                    fourth server, "baseline", over the same Neo4j and data; RESULTS.md gets
#                    hub/baseline throughput per workload (the 10% before/after target)
#   BENCH_SERVERS    comma-separated subset of hub,baseline,library,handwritten (default: all,
#                    baseline only with BENCH_BASELINE), e.g. hub,baseline for a quick before/after
#   BENCH_NEO4J_PORT port of the throw-away Neo4j (default 7760); NEO4J_URI: use that database
#                    instead (its data is replaced by the bench's)
#   BENCH_ACCESS     1: access control — the corpus's documents get access levels (hub gen
#                    --access), the hub verifies tokens (HUB_AUTH=jwt with a throw-away HS256
#                    secret), and the servers are the hub read anonymously ("hub") and with a
#                    token of the groups BENCH_GROUPS ("restricted", default g1,g2); RESULTS.md
#                    gets restricted/anonymous throughput per workload (the 15% target)
#   NEO4J_HEAP / NEO4J_PAGECACHE  for the throw-away Neo4j (default 1g / 1g; 2g / 2g at BENCH_SIZE=L)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

size="${BENCH_SIZE:-M}"
duration="${BENCH_DURATION:-6s}"
warmup="${BENCH_WARMUP:-3s}"
workers="${BENCH_WORKERS:-8}"
repeat="${BENCH_REPEAT:-1}"
regime="${BENCH_REGIME:-both}"
out="${BENCH_OUT:-bench/RESULTS.md}"
baseline="${BENCH_BASELINE:-}"
access="${BENCH_ACCESS:-0}"
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

step "build"
go build -o bin/hub ./cmd/hub
# bench/ is its own Go module (its go.mod replaces the hub with ../).
(cd bench && go build -o ../bin/handwritten ./cmd/handwritten && go build -o ../bin/bench ./cmd/bench)
# The servers to run (bin/bench checks BENCH_SERVERS: known names, the baseline iff BENCH_BASELINE).
jwt_secret=""
list_args=()
if [ "$access" = 1 ]; then
  jwt_secret="bench-$(od -An -N24 -tx1 /dev/urandom | tr -d ' \n')"
  list_args+=(-jwt-secret "$jwt_secret")
fi
# (It also checks BENCH_REGIME, before the long steps.)
servers="$(bin/bench -list-servers -regime "$regime" -servers "${BENCH_SERVERS:-}" -baseline-rev "$baseline" "${list_args[@]}")"
selected() { [[ " $servers " == *" $1 "* ]]; }
echo "servers: $servers"
hub_rev="$(git describe --always --dirty --abbrev=12 2>/dev/null || echo unknown)"

if [ -n "$baseline" ]; then
  # The hub at that revision, built from a clean export of it (git archive: no worktree, nothing
  # in the repository changes); the export and the binary live in $tmp and go with it.
  baseline_sha="$(git rev-parse --verify --quiet "$baseline^{commit}")" ||
    { echo "bench: BENCH_BASELINE=$baseline is not a commit here" >&2; exit 2; }
  baseline_label="$(git log -1 --format='%H (%cs, %s)' "$baseline_sha")"
  step "build the baseline hub at ${baseline_sha:0:12} ($baseline)"
  mkdir -p "$tmp/baseline-src"
  git archive --format=tar "$baseline_sha" | tar -x -C "$tmp/baseline-src"
  (cd "$tmp/baseline-src" && go build -o "$tmp/baseline-hub" ./cmd/hub)
fi

if selected library; then
  step "npm ci (bench/neo4j-graphql)"
  (cd bench/neo4j-graphql && npm ci --no-audit --no-fund --loglevel=error)
fi

if [ -z "${NEO4J_URI:-}" ]; then
  port="${BENCH_NEO4J_PORT:-7760}"
  neo4j_data="$tmp/neo4j/data"
  # At L (1,000,000 entities, about five times M) the heap holds bigger sorts (list, and the
  # transaction memory is a quarter of it) and the page cache more of the store.
  mem=1g
  [[ "${size^^}" == L ]] && mem=2g
  step "starting a throw-away Neo4j on port $port (heap ${NEO4J_HEAP:-$mem}, page cache ${NEO4J_PAGECACHE:-$mem})"
  NEO4J_HEAP="${NEO4J_HEAP:-$mem}" NEO4J_PAGECACHE="${NEO4J_PAGECACHE:-$mem}" \
    scripts/neo4j.sh start --port "$port" --data "$neo4j_data"
  export NEO4J_URI="bolt://127.0.0.1:$port"
fi

# The data: a folder given, the synthetic corpus of `hub gen` when the hub has it, else the
# shipped corpus.
if [ -n "${BENCH_DATA:-}" ]; then
  data="$BENCH_DATA"
  label="${BENCH_SIZE:-custom}"
elif [ "$size" = "shipped" ]; then
  data="data/dongying-2021"; label="shipped"
elif [[ "$(bin/hub gen --help 2>&1 || true)" == *"-size"* ]]; then
  data="$tmp/data-$size"; label="$size"
  gen_args=()
  [ "$access" = 1 ] && gen_args+=(--access)
  step "hub gen --size $size ${gen_args[*]}"
  bin/hub gen --size "$size" "${gen_args[@]}" --out "$data"
else
  echo "bench: this hub has no \`hub gen\`; using the shipped corpus" >&2
  data="data/dongying-2021"; label="shipped"
fi
step "hub load $data"
HUB_SYNC_GRACE=0 bin/hub load --wait "$data" >"$tmp/load.log" 2>&1 || { cat "$tmp/load.log"; exit 1; }
tail -n 3 "$tmp/load.log"

free_port() { # the first port from $1 up that nothing listens on
  local p="$1"
  while (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; do p=$((p + 1)); done
  echo "$p"
}
wait_http() { # url, name, pid
  for _ in $(seq 1 120); do
    if curl -fsS -o /dev/null "$1" 2>/dev/null; then return 0; fi
    kill -0 "$3" 2>/dev/null || { echo "bench: $2 exited at start:" >&2; cat "$tmp/$2.log" >&2; exit 1; }
    sleep 0.5
  done
  echo "bench: $2 did not answer $1" >&2; cat "$tmp/$2.log" >&2; exit 1
}

args=()
next_port=18180
# The hub and the baseline start alike: `hub serve`, dev mode (extensions.statements), log
# level warn, over the Neo4j of NEO4J_URI, loading nothing (the data are loaded above, once).
# Every hub since the first has had `serve`, HUB_ADDR and /readyz.
start_hub() { # name, binary
  local port pid
  port=$(free_port "$next_port"); next_port=$((port + 1))
  step "starting the $1 on $port (dev mode, log level warn)"
  local auth_env=()
  [ "$access" = 1 ] && auth_env=(HUB_AUTH=jwt HUB_JWT_SECRET="$jwt_secret")
  env "${auth_env[@]}" HUB_ENV=development HUB_LOG_LEVEL=warn HUB_ADDR="127.0.0.1:$port" "$2" serve >"$tmp/$1.log" 2>&1 &
  pid=$!; pids+=("$pid")
  wait_http "http://127.0.0.1:$port/readyz" "$1" "$pid"
  args+=(-"$1" "http://127.0.0.1:$port/graphql" -"$1"-pid "$pid")
  if [ "$1" = hub ] && selected restricted; then
    # The same hub, read with a token of BENCH_GROUPS.
    args+=(-restricted "http://127.0.0.1:$port/graphql" -jwt-secret "$jwt_secret" -restricted-groups "${BENCH_GROUPS:-g1,g2}")
  fi
}

if selected hub; then start_hub hub bin/hub; fi
if selected baseline; then
  start_hub baseline "$tmp/baseline-hub"
  args+=(-baseline-rev "$baseline_label")
fi

if selected library; then
  lib_port=$(free_port "$next_port"); next_port=$((lib_port + 1))
  step "starting the Neo4j GraphQL Library on $lib_port"
  PORT="$lib_port" node bench/neo4j-graphql/server.mjs >"$tmp/library.log" 2>&1 &
  lib_pid=$!; pids+=("$lib_pid")
  wait_http "http://127.0.0.1:$lib_port/healthz" library "$lib_pid"
  args+=(-library "http://127.0.0.1:$lib_port/graphql" -library-pid "$lib_pid" -node-version "$(node --version)")
fi

if selected handwritten; then
  hand_port=$(free_port "$next_port"); next_port=$((hand_port + 1))
  step "starting the hand-written handler on $hand_port"
  bin/handwritten -addr "127.0.0.1:$hand_port" >"$tmp/handwritten.log" 2>&1 &
  hand_pid=$!; pids+=("$hand_pid")
  wait_http "http://127.0.0.1:$hand_port/healthz" handwritten "$hand_pid"
  args+=(-handwritten "http://127.0.0.1:$hand_port/graphql" -handwritten-pid "$hand_pid")
fi

knobs="BENCH_SIZE=$label BENCH_DURATION=$duration BENCH_WORKERS=$workers BENCH_REPEAT=$repeat BENCH_SLICES=${BENCH_SLICES:-1} BENCH_REGIME=$regime"
[ -n "${BENCH_POOL:-}" ] && knobs+=" BENCH_POOL=$BENCH_POOL"
[ -n "$baseline" ] && knobs+=" BENCH_BASELINE=$baseline"
[ "$access" = 1 ] && knobs+=" BENCH_ACCESS=1"
[ -n "${BENCH_SERVERS:-}" ] && knobs+=" BENCH_SERVERS=${BENCH_SERVERS// /}"
args+=(
  -duration "$duration" -warmup "$warmup" -workers "$workers" -repeat "$repeat" -slices "${BENCH_SLICES:-1}"
  -size "$label" -out "$out" -hub-rev "$hub_rev" -regime "$regime"
  -command "make bench ($knobs)"
)
[ -n "${BENCH_RATE:-}" ] && args+=(-rate "$BENCH_RATE")
[ -n "${BENCH_POOL:-}" ] && args+=(-pool "$BENCH_POOL")
[ -n "${BENCH_WORKLOADS:-}" ] && args+=(-workloads "$BENCH_WORKLOADS")
[ -n "${BENCH_SOAK:-}" ] && args+=(-soak "$BENCH_SOAK")
[ "${BENCH_CHECK_ONLY:-0}" = 1 ] && args+=(-check-only)
[ -n "${BENCH_DIFFERENTIAL:-}" ] && args+=(-differential "$BENCH_DIFFERENTIAL")

step "bench"
bin/bench "${args[@]}"
step "done"
