#!/usr/bin/env bash
# make test: every check, in an order that fails fast —
#   1. set-up: what the tests need and a script can install (scripts/deps.sh: chromium for the
#      browser tests, Java 17 + Maven for the local Neo4j); golangci-lint built from tools/go.mod
#   2. static checks: generated code current, gofmt, go mod tidy -diff, go vet (every build
#      tag), golangci-lint (.golangci.yml) — in the hub module and in bench/ (its own module)
#   3. verify-corpus: the dataset against its article
#   4. unit tests with the race detector and -short (no database: integration tests and the
#      slow mutation test skip here, and run in stage 5)
#   5. integration tests with coverage (the race detector on the packages that serve or load
#      concurrently: cmd, server, loader but for its three longest sync tests), against real
#      Neo4j databases that this script starts on spare ports with throw-away data folders
#      (two: the race group and the others run side by side), and stops at the end (with
#      NEO4J_URI already set, that one database is used instead, the groups one after the
#      other — the tests wipe it)
#   6. the hostile suite's short form at size S (make hostile runs S and M)
#   7. the fuzz targets, briefly (make fuzz runs longer)
#   8. a coverage summary per package, and the total
# Each stage prints its duration.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
started=$(date +%s)
stage_start=$started
stage() {
  local now
  now=$(date +%s)
  [[ $now -eq $started ]] || printf '   (%ds)\n' "$((now - stage_start))"
  stage_start=$now
  printf '== %s\n' "$*"
}

stage "set-up: chromium, java, golangci-lint"
HUB_CHROMIUM="$(scripts/deps.sh chromium)"
export HUB_CHROMIUM
scripts/deps.sh java
make -s bin/golangci-lint

stage "static checks: generated code, gofmt, go mod tidy, go vet, golangci-lint"
make -s lint

stage "verify-corpus"
article="$root/../shared/seeds/dongying-reform-2021.txt"
if [ -f "$article" ]; then
  make -s verify-corpus SOURCE="$article"
else
  echo "skipped: article not found at $article"
fi

stage "unit tests, race detector (integration tests skip: no database yet)"
# Without a database and without CI=true, the tests that need Neo4j skip, and with -short the
# verifier's mutation test (the slowest unit test) skips; they all run in the next stage.
env -u CI -u NEO4J_URI -u HUB_REQUIRE_NEO4J go test -short -race -count=1 ./... | grep -v '^?' || { echo "unit tests failed"; exit 1; }
# The bench module's tests run once, in the next stage (with the race detector and the database).

tmp="$(mktemp -d)"
neo4j_dirs=()
race_pid=""
cleanup() {
  if [ -n "$race_pid" ]; then kill "$race_pid" 2>/dev/null || true; fi
  for d in "${neo4j_dirs[@]}"; do scripts/neo4j.sh stop --data "$d" || true; done
  rm -rf "$tmp"
}
trap cleanup EXIT
second_uri=""
if [ -z "${NEO4J_URI:-}" ]; then
  # Two throw-away databases: the two groups of integration tests below run side by side, one
  # on each (with NEO4J_URI given, they run one after the other on it).
  port="${HUB_TEST_NEO4J_PORT:-7697}"
  port2="${HUB_TEST_NEO4J_PORT2:-7699}"
  stage "starting two test Neo4j, on ports $port and $port2"
  # Each data folder in a parent of its own (the launcher keeps its pid file beside it). One
  # after the other: on a fresh clone the first start builds the launcher (Maven), which two
  # starts at once would both try to write.
  neo4j_dirs=("$tmp/neo4j1/data" "$tmp/neo4j2/data")
  scripts/neo4j.sh start --port "$port" --data "${neo4j_dirs[0]}"
  scripts/neo4j.sh start --port "$port2" --data "${neo4j_dirs[1]}"
  export NEO4J_URI="bolt://127.0.0.1:$port"
  second_uri="bolt://127.0.0.1:$port2"
fi
export HUB_REQUIRE_NEO4J=1

stage "integration tests with coverage: race detector on cmd, server, loader"
# -p 1 within a group: the integration tests of its packages share one database. The packages
# whose integration tests serve concurrent requests or load in parallel (cmd/hub's served
# limits, the server, the loader) run under the race detector — and with them the store's
# code, which they drive concurrently (the detector instruments every package of the test
# binary); the others, whose unit tests already ran under it in stage 4, run without it:
# graph's suites, the browser tests, and the store's own suites (its oracles and property
# tests are long runs of sequential reads that the detector slows about threefold). The race
# group runs on the second database at the same time as the other group (each prints when it
# is done); with one database given, one after the other.
# The loader's three longest sync tests (a dozen syncs each, checked against an oracle computed
# in Go, which the detector slows fourfold: 300 s of the group) run without it, after the
# others; its streamed sync with several workers stays under it, over corpora a third the
# size (raceScale). The browser tests and the client examples follow, on the same database,
# so that the two groups take about as long.
race_pkgs=(./cmd/... ./internal/server/... ./loader/...)
loader_long='^(TestIncrementalSync|TestKilledSyncKeepsTheVersion|TestSyncGeneratedCorpora)$'
late_pkgs=(./web/... ./docs/clients/...)
# The store's access oracle (a minute or more in CI: every read for five callers, then each
# caller's corpus loaded alone) runs there too, without the race detector, not in the other group.
store_late='^TestAccessOracle$'
mapfile -t rest_pkgs < <(go list ./... | grep -vE '/(cmd|internal/server|loader|web|docs/clients)(/|$)')
race_group() {
  go test -race -p 1 -count=1 -timeout 25m -covermode=atomic -coverprofile="$tmp/cover-race.out" -skip "$loader_long" "$@" "${race_pkgs[@]}" &&
    go test -p 1 -count=1 -timeout 25m -covermode=atomic -coverprofile="$tmp/cover-loader.out" -run "$loader_long" "$@" ./loader/ &&
    go test -p 1 -count=1 -timeout 25m -covermode=atomic -coverprofile="$tmp/cover-late.out" "$@" "${late_pkgs[@]}" &&
    go test -p 1 -count=1 -timeout 25m -covermode=atomic -coverprofile="$tmp/cover-store.out" -run "$store_late" "$@" ./internal/store/
}
if [ -n "$second_uri" ]; then
  echo "race group (cmd, server, loader; then the loader's long syncs, web, docs/clients, the store's access oracle) against $second_uri; the others against $NEO4J_URI"
  (NEO4J_URI="$second_uri" race_group "$@" >"$tmp/race.log" 2>&1) &
  race_pid=$!
  rest_rc=0
  go test -p 1 -count=1 -timeout 25m -covermode=atomic -coverprofile="$tmp/cover-rest.out" -skip "$store_late" "$@" "${rest_pkgs[@]}" || rest_rc=$?
  # The bench module's tests, while the race group finishes.
  [ "$rest_rc" = 0 ] && { (cd bench && go test -race -p 1 -count=1 ./...) || rest_rc=$?; }
  race_rc=0
  wait "$race_pid" || race_rc=$?
  race_pid=""
  echo "-- race group (cmd, server, loader; then the loader's long syncs, web, docs/clients, the store's access oracle):"
  cat "$tmp/race.log"
  if [ "$rest_rc" != 0 ] || [ "$race_rc" != 0 ]; then echo "integration tests failed"; exit 1; fi
else
  echo "against $NEO4J_URI"
  race_group "$@"
  go test -p 1 -count=1 -timeout 25m -covermode=atomic -coverprofile="$tmp/cover-rest.out" -skip "$store_late" "$@" "${rest_pkgs[@]}"
  (cd bench && go test -race -p 1 -count=1 ./...)
fi
{ cat "$tmp/cover-race.out"; for f in loader late store rest; do tail -n +2 "$tmp/cover-$f.out"; done; } >"$tmp/cover.out"

stage "hostile suite, short form at size S (make hostile runs S and M)"
# Its own Neo4j (the launcher's defaults and guard rails) on HUB_TEST_HOSTILE_PORT, a 10 s
# deadline; about 2 minutes on 2 cores, most of it loading the size-S corpus.
CHAOS_NEO4J_PORT="${HUB_TEST_HOSTILE_PORT:-7698}" CHAOS_NEO4J_HEAP=768m CHAOS_NEO4J_PAGECACHE=256m \
  HOSTILE_SIZE=S HOSTILE_SHORT=1 go test -tags chaos -count=1 -timeout 15m -run '^TestHostile$' ./internal/chaos/

stage "fuzz, briefly (make fuzz runs longer)"
FUZZTIME="${FUZZTIME:-5s}" scripts/fuzz.sh

stage "coverage by package (statements covered by the tests of the package itself)"
# A block that several profiles hold (a package whose tests ran in two go test runs, e.g. the
# loader's and the store's) counts once, covered when any run covered it.
awk -F' ' 'NR > 1 && $1 != "mode:" { key = $1; n[key] = $2; if ($3 > 0) covered[key] = 1 }
  END { for (k in n) print k, n[k], (k in covered) ? 1 : 0 }' "$tmp/cover.out" |
  awk -F'[: ]' '{
    n = split($1, parts, "/"); pkg = parts[1]; for (i = 2; i < n; i++) pkg = pkg "/" parts[i]
    gen = parts[n] ~ /(^generated|_gen)\.go$/
    stmts[pkg] += $(NF-1); all += $(NF-1); if (!gen) hand += $(NF-1)
    if ($NF > 0) { hit[pkg] += $(NF-1); allhit += $(NF-1); if (!gen) handhit += $(NF-1) }
  }
  END {
    for (p in stmts) printf "  %-52s %5.1f%%\n", substr(p, length("github.com/reformhub/hub/") + 1), 100 * hit[p] / stmts[p] | "sort"
    close("sort")
    printf "  %-52s %5.1f%%\n", "total", 100 * allhit / all
    printf "  %-52s %5.1f%%\n", "total without gqlgen'"'"'s generated code", 100 * handhit / hand
  }'
printf '== make test passed in %ds\n' "$(($(date +%s) - started))"
