# Reform Hub. The README's two commands: `make run` and `make test`.
.PHONY: run test bench chaos hostile soak fuzz verify-corpus build generate check-generated lint fmt vet unit neo4j-build neo4j-start neo4j-stop schema clean web codegen

GO ?= go
DATASET ?= data/dongying-2021

## run: start the local Neo4j (unless NEO4J_URI is set), load the dataset, serve on :8080
run: build
	@scripts/run.sh $(DATASET)

## test: lint, unit tests and integration tests against a real Neo4j it starts and stops
test:
	@scripts/test.sh

## bench: hub vs Neo4j GraphQL Library vs hand-written Cypher on one Neo4j -> bench/RESULTS.md (BENCH_SIZE=S|M|L, BENCH_DURATION, BENCH_SOAK, BENCH_BASELINE=<rev> BENCH_SERVERS=hub,baseline for before/after; docs/benchmarks.md)
bench:
	@scripts/bench.sh

## differential: random read queries valid in both schemas, hub vs Neo4j GraphQL Library over the shipped corpus and size S; fails on a disagreement docs/compatibility.md does not list (DIFF_QUERIES=1000, DIFF_SEED, DIFF_FORMS=all, DIFF_DETAILS=dir)
.PHONY: differential
differential:
	@scripts/differential.sh

## chaos: fault tests against a Neo4j they start, kill and restart (CHAOS_NEO4J_PORT, default 7733)
chaos:
	@scripts/chaos.sh

## hostile: the hostile-at-scale suite at sizes S and M (HOSTILE_SIZES; each shape's outcome, victim p99)
hostile:
	@scripts/hostile.sh

## soak: fixed-rate mixed workload for SOAK_DURATION (1m) at SOAK_RATE (20/s); 5xx, RSS, goroutines
soak:
	@scripts/soak.sh

## fuzz: the fuzz targets for FUZZTIME (60s) each, over a real Neo4j
fuzz:
	@scripts/fuzz.sh

build:
	$(GO) build -o bin/hub ./cmd/hub

## gen: write a synthetic corpus with hub gen (SIZE=S|M|L, SEED=1, OUT=.bench/synth-SIZE)
.PHONY: gen bench-load
SIZE ?= S
SEED ?= 1
gen: build
	bin/hub gen --size $(SIZE) --seed $(SEED) --out $(or $(OUT),.bench/synth-$(SIZE))

## bench-load: hub load vs Neo4j's LOAD CSV on a throw-away Neo4j (SIZE, SEED, ROUNDS, BENCH_LOAD_PORT)
bench-load:
	@SIZE=$(SIZE) SEED=$(SEED) scripts/bench-load.sh

## verify-corpus: check the dataset against its article (SOURCE=path to the article text)
SOURCE ?= ../shared/seeds/dongying-reform-2021.txt
verify-corpus:
	$(GO) run ./cmd/verify-corpus -dataset $(DATASET) $(SOURCE)

## generate: regenerate gqlgen code from schema.graphqls
generate:
	$(GO) generate ./...

## check-generated: fail when schema.graphqls and the generated code disagree
check-generated:
	@before="$$(cat graph/generated.go graph/model/models_gen.go | sha256sum)"; \
	$(GO) generate ./... && \
	after="$$(cat graph/generated.go graph/model/models_gen.go | sha256sum)"; \
	[ "$$before" = "$$after" ] || { echo "generated code was stale (now regenerated): commit graph/"; exit 1; }

## lint: generated code current, gofmt, go mod tidy -diff, go vet (every build tag), golangci-lint — hub and bench/ modules
lint: check-generated bin/golangci-lint
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || { echo "gofmt would change:"; gofmt -l $$(git ls-files '*.go'); exit 1; }
	@for m in . bench tools; do (cd $$m && $(GO) mod tidy -diff) || { echo "go.mod/go.sum of $$m are not tidy: run go mod tidy there"; exit 1; }; done
	$(GO) vet ./...
	$(GO) vet -tags chaos ./...
	cd bench && $(GO) vet ./...
	bin/golangci-lint run ./...
	cd bench && ../bin/golangci-lint run ./...

## bin/golangci-lint: golangci-lint v2 at the version tools/go.mod pins
bin/golangci-lint: tools/go.mod tools/go.sum
	cd tools && $(GO) build -o ../bin/golangci-lint github.com/golangci/golangci-lint/v2/cmd/golangci-lint

## unit: the tests that need no database (integration tests skip), with the race detector
unit:
	env -u CI -u NEO4J_URI -u HUB_REQUIRE_NEO4J $(GO) test -race ./...

neo4j-build:
	scripts/neo4j.sh build

neo4j-start:
	scripts/neo4j.sh start

neo4j-stop:
	scripts/neo4j.sh stop

## web: rebuild the workbench (web/src -> web/dist, committed) with npm and esbuild
web:
	cd web && npm ci --no-audit --no-fund && npm run build

## schema: write the served schema's SDL to docs/schema.graphql (committed; a test compares)
schema:
	$(GO) test ./internal/server -run '^TestCommittedSchema$$' -count=1 -args -update

## codegen: regenerate the client guide's typed documents and persisted-documents manifest
## (docs/clients/generated, GraphQL Code Generator's client preset) with npm
codegen: schema
	cd docs/clients && npm ci --no-audit --no-fund && npm run codegen

clean:
	rm -rf bin neo4j/target web/node_modules web/e2e-artifacts docs/clients/node_modules
