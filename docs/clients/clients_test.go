// Package clients_test checks the client guide's example (docs/clients.md, this folder) end to
// end: GraphQL Code Generator's client preset regenerates generated/ exactly as committed, the
// example compiles under `tsc --strict`, and Apollo Client 4, urql 6 and graphql-request 7,
// set up as the guide shows, run the operations of operations.graphql in Node.js against the
// hub over the real Neo4j with the shipped dataset — by their text on a hub in its default
// mode, and by the ids of the generated persisted-documents manifest on a hub serving only
// that manifest (trusted documents).
//
// It needs npm and node (Node.js 20+) and a database: without them it skips, except when
// CI=true or HUB_REQUIRE_NEO4J=1, where a missing tool or database fails it. It runs `npm ci`
// here when node_modules is older than package-lock.json (or missing).
package clients_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/parser"

	"github.com/reformhub/hub/graph"
	"github.com/reformhub/hub/internal/config"
	"github.com/reformhub/hub/internal/hubtest"
	"github.com/reformhub/hub/internal/server"
)

var clients = []string{"apollo", "urql", "graphql-request"}

// The set-ups of the client guide are the files the test runs: each ```ts block of
// docs/clients.md that starts with a comment naming a file of this folder shows that file's
// code (its comments aside).
func TestGuideShowsTheSetUps(t *testing.T) {
	guide, err := os.ReadFile(filepath.Join("..", "clients.md"))
	if err != nil {
		t.Fatal(err)
	}
	blocks := regexp.MustCompile("(?s)```ts\n// ([\\w/.-]+\\.ts)\n(.*?)```").FindAllStringSubmatch(string(guide), -1)
	shown := map[string]bool{}
	for _, b := range blocks {
		file, code := b[1], b[2]
		src, err := os.ReadFile(filepath.FromSlash(file))
		if err != nil {
			t.Errorf("docs/clients.md shows %s: %v", file, err)
			continue
		}
		if got, want := withoutComments(code), withoutComments(string(src)); got != want {
			t.Errorf("docs/clients.md shows %s otherwise than the file:\n--- guide\n%s\n--- file\n%s", file, got, want)
		}
		shown[file] = true
	}
	for _, f := range []string{"codegen.ts", "src/apollo.ts", "src/urql.ts", "src/request.ts", "src/persisted.ts"} {
		if !shown[f] {
			t.Errorf("docs/clients.md does not show %s", f)
		}
	}
}

// withoutComments drops comment lines and blank lines, and trims the others.
func withoutComments(code string) string {
	var b strings.Builder
	for _, line := range strings.Split(code, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "//") || strings.HasPrefix(line, "/*") || strings.HasPrefix(line, "*") {
			continue
		}
		b.WriteString(line + "\n")
	}
	return b.String()
}

func TestClients(t *testing.T) {
	plain, _, st := hubtest.Handler(t) // the hub in its default mode, over the shipped dataset
	dir, err := filepath.Abs(".")
	if err != nil {
		t.Fatal(err)
	}
	node := tool(t, "node")
	install(t, dir)

	// Codegen: a fresh run writes exactly the committed generated/.
	fresh := t.TempDir()
	run(t, dir, []string{"CODEGEN_OUT=" + fresh + "/"}, filepath.Join(dir, "node_modules", ".bin", "graphql-codegen"), "--config", "codegen.ts", "--silent")
	sameFiles(t, filepath.Join(dir, "generated"), fresh)

	// The generated documents and the set-ups compile under --strict; then the same sources
	// are built into a folder of their own that resolves the packages of node_modules.
	tsc := filepath.Join(dir, "node_modules", ".bin", "tsc")
	run(t, dir, nil, tsc, "-p", "tsconfig.json", "--strict", "--noEmit")
	build := t.TempDir()
	run(t, dir, nil, tsc, "-p", "tsconfig.json", "--noEmit", "false", "--outDir", build)
	if err := os.Symlink(filepath.Join(dir, "node_modules"), filepath.Join(build, "node_modules")); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(build, "package.json"), []byte(`{"type": "module"}`), 0o644); err != nil {
		t.Fatal(err)
	}
	runner := filepath.Join(build, "src", "run.js")

	ops := operations(t, filepath.Join(dir, "operations.graphql"))
	manifestPath := filepath.Join(dir, "generated", "persisted-documents.json")
	ids := manifestIDs(t, manifestPath)
	trusted, err := server.LoadTrustedDocuments(manifestPath)
	if err != nil {
		t.Fatalf("the hub refuses the client preset's manifest: %v", err)
	}
	if trusted.Len() != len(ops) {
		t.Fatalf("the manifest has %d documents, operations.graphql %d operations", trusted.Len(), len(ops))
	}
	trustedHub := server.New(&graph.Resolver{Store: st}, st, server.Options{Production: true, TrustedDocuments: trusted,
		RequestTimeout: 30 * time.Second, Logger: slog.New(slog.NewTextHandler(io.Discard, nil)),
		Limits: config.Limits{MaxBodyBytes: 1 << 20}})

	plainRec, trustedRec := &recorder{h: plain}, &recorder{h: trustedHub}
	plainURL, trustedURL := serve(t, plainRec), serve(t, trustedRec)
	directURL := serve(t, plain) // the answers to compare with, unrecorded
	src, err := os.ReadFile(filepath.Join(dir, "operations.graphql"))
	if err != nil {
		t.Fatal(err)
	}

	for _, c := range clients {
		t.Run(c, func(t *testing.T) {
			out := runClient(t, node, runner, c, plainURL, "")
			reqs := plainRec.take()
			checkAnswers(t, directURL, string(src), ops, out)
			if len(reqs) != len(ops) {
				t.Errorf("%d requests for %d operations: %+v", len(reqs), len(ops), reqs)
			}
			for _, r := range reqs {
				switch {
				case !r.query || r.hash != "":
					t.Errorf("not a plain query: %+v", r)
				case c == "urql" && (r.method != http.MethodGet || r.preflight != "1"):
					t.Errorf("urql (preferGetMethod, GraphQL-Require-Preflight) sent %+v", r)
				case c != "urql" && r.method != http.MethodPost:
					t.Errorf("%s sent %+v", c, r)
				}
			}
		})
		t.Run(c+"/trusted-documents", func(t *testing.T) {
			out := runClient(t, node, runner, c, trustedURL, "persisted")
			reqs := trustedRec.take()
			checkAnswers(t, directURL, string(src), ops, out)
			if len(reqs) != len(ops) {
				t.Errorf("%d requests for %d operations: %+v", len(reqs), len(ops), reqs)
			}
			for _, r := range reqs {
				if r.query || !ids[r.hash] {
					t.Errorf("not a document id of the manifest alone: %+v", r)
				}
			}
		})
	}
	// Apollo's PersistedQueryLink also works against a hub without the manifest (development):
	// each unknown id is answered PERSISTED_QUERY_NOT_FOUND, and the text it then sends runs.
	t.Run("apollo/persisted-without-manifest", func(t *testing.T) {
		out := runClient(t, node, runner, "apollo", plainURL, "persisted")
		reqs := plainRec.take()
		checkAnswers(t, directURL, string(src), ops, out)
		if len(reqs) != 2*len(ops) {
			t.Errorf("%d requests for %d operations, want an id and then the text for each: %+v", len(reqs), len(ops), reqs)
		}
	})
}

func required() bool {
	return os.Getenv("CI") == "true" || os.Getenv("HUB_REQUIRE_NEO4J") == "1"
}

// tool finds a program on the PATH, or skips t (fails it when required).
func tool(t *testing.T, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		if required() {
			t.Fatalf("%s not found: the client test is required when CI=true or HUB_REQUIRE_NEO4J=1 (install Node.js 20+ and npm)", name)
		}
		t.Skipf("%s not found; install Node.js 20+ and npm to run the client test", name)
	}
	return p
}

// install runs `npm ci` in dir unless node_modules was installed after package.json and
// package-lock.json last changed (npm writes node_modules/.package-lock.json at the end).
func install(t *testing.T, dir string) {
	t.Helper()
	npm := tool(t, "npm")
	installed, err := os.Stat(filepath.Join(dir, "node_modules", ".package-lock.json"))
	if err == nil {
		fresh := true
		for _, f := range []string{"package.json", "package-lock.json"} {
			st, err := os.Stat(filepath.Join(dir, f))
			if err != nil {
				t.Fatal(err)
			}
			fresh = fresh && installed.ModTime().After(st.ModTime())
		}
		if fresh {
			return
		}
	}
	run(t, dir, nil, npm, "ci", "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error")
}

// run runs a command in dir, failing t with its output when it fails.
func run(t *testing.T, dir string, env []string, name string, args ...string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	start := time.Now()
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", filepath.Base(name), strings.Join(args, " "), err, out)
	}
	t.Logf("%s %s (%v)", filepath.Base(name), strings.Join(args, " "), time.Since(start).Round(time.Millisecond))
}

// sameFiles fails t unless the folders hold the same files with the same bytes.
func sameFiles(t *testing.T, committed, fresh string) {
	t.Helper()
	names := func(d string) []string {
		es, err := os.ReadDir(d)
		if err != nil {
			t.Fatal(err)
		}
		var ns []string
		for _, e := range es {
			ns = append(ns, e.Name())
		}
		return ns
	}
	if a, b := names(committed), names(fresh); !slices.Equal(a, b) {
		t.Fatalf("generated/ holds %v, codegen writes %v: run `make codegen` and commit generated/", a, b)
	}
	for _, n := range names(fresh) {
		a, err := os.ReadFile(filepath.Join(committed, n))
		if err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(filepath.Join(fresh, n))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a, b) {
			t.Errorf("generated/%s differs from what codegen writes: run `make codegen` and commit generated/", n)
		}
	}
}

// operations returns the names of the operations of an operations file.
func operations(t *testing.T, path string) []string {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	doc, gerr := parser.ParseQuery(&ast.Source{Name: path, Input: string(src)})
	if gerr != nil {
		t.Fatalf("%s: %v", path, gerr)
	}
	var names []string
	for _, op := range doc.Operations {
		names = append(names, op.Name)
	}
	sort.Strings(names)
	return names
}

// manifestIDs returns the keys of a persisted-documents manifest, which must be "sha256:" ids
// (the client preset's form).
func manifestIDs(t *testing.T, path string) map[string]bool {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]string
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	ids := map[string]bool{}
	for id := range m {
		if !strings.HasPrefix(id, "sha256:") {
			t.Errorf("manifest key %q is not a sha256: document id", id)
		}
		ids[id] = true
	}
	return ids
}

func serve(t *testing.T, h http.Handler) string {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv.URL + "/graphql"
}

// seen is what a request to /graphql carried.
type seen struct {
	method    string
	query     bool   // the text of a document
	hash      string // extensions.persistedQuery.sha256Hash
	preflight string // the GraphQL-Require-Preflight header
}

// recorder serves h and notes each request to /graphql.
type recorder struct {
	h    http.Handler
	mu   sync.Mutex
	reqs []seen
}

func (rc *recorder) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == "/graphql" {
		s := seen{method: r.Method, preflight: r.Header.Get("GraphQL-Require-Preflight")}
		var params struct {
			Query      string `json:"query"`
			Extensions struct {
				PersistedQuery struct {
					Sha256Hash string `json:"sha256Hash"`
				} `json:"persistedQuery"`
			} `json:"extensions"`
		}
		if r.Method == http.MethodPost {
			body, _ := io.ReadAll(r.Body)
			r.Body = io.NopCloser(bytes.NewReader(body))
			_ = json.Unmarshal(body, &params)
		} else {
			q := r.URL.Query()
			params.Query = q.Get("query")
			_ = json.Unmarshal([]byte(q.Get("extensions")), &params.Extensions)
		}
		s.query, s.hash = params.Query != "", params.Extensions.PersistedQuery.Sha256Hash
		rc.mu.Lock()
		rc.reqs = append(rc.reqs, s)
		rc.mu.Unlock()
	}
	rc.h.ServeHTTP(w, r)
}

// take returns the requests noted since the last call.
func (rc *recorder) take() []seen {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	r := rc.reqs
	rc.reqs = nil
	return r
}

// output is what src/run.ts prints: the variables it sent and the data each operation answered.
type output struct {
	Variables map[string]map[string]any `json:"variables"`
	Data      map[string]any            `json:"data"`
}

func runClient(t *testing.T, node, runner, client, hubURL, mode string) output {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), time.Minute)
	defer cancel()
	args := []string{runner, client, hubURL}
	if mode != "" {
		args = append(args, mode)
	}
	cmd := exec.CommandContext(ctx, node, args...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s: %v\n%s%s", client, err, stdout.Bytes(), stderr.Bytes())
	}
	var out output
	if err := json.Unmarshal(stdout.Bytes(), &out); err != nil {
		t.Fatalf("%s printed no JSON: %v\n%s\n%s", client, err, stdout.Bytes(), stderr.Bytes())
	}
	return out
}

// checkAnswers compares each operation's data from a client with the answer to the same
// operation of operations.graphql, with the same variables, posted directly to the hub.
func checkAnswers(t *testing.T, hubURL, src string, ops []string, out output) {
	t.Helper()
	for _, op := range ops {
		got, ok := out.Data[op]
		if !ok {
			t.Errorf("the client did not run %s (src/run.ts runs every operation of operations.graphql)", op)
			continue
		}
		want := direct(t, hubURL, src, op, out.Variables[op])
		var diffs []string
		compare(op, got, want, &diffs)
		for _, d := range diffs {
			t.Error(d)
		}
	}
}

// direct posts one operation of src with vars and returns its data.
func direct(t *testing.T, hubURL, src, op string, vars map[string]any) any {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"query": src, "operationName": op, "variables": vars})
	resp, err := http.Post(hubURL, "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = resp.Body.Close() }()
	var r struct {
		Data   any               `json:"data"`
		Errors []json.RawMessage `json:"errors"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&r); err != nil || len(r.Errors) > 0 || r.Data == nil {
		t.Fatalf("%s posted directly: %v %s", op, err, r.Errors)
	}
	return r.Data
}

// compare notes where got differs from want, ignoring the __typename fields the clients add
// (Apollo Client and urql to every selection, the generated documents as well).
func compare(path string, got, want any, diffs *[]string) {
	switch w := want.(type) {
	case map[string]any:
		g, ok := got.(map[string]any)
		if !ok {
			*diffs = append(*diffs, fmt.Sprintf("%s: got %v, want an object", path, got))
			return
		}
		for k, gv := range g {
			wv, ok := w[k]
			if !ok && k != "__typename" {
				*diffs = append(*diffs, fmt.Sprintf("%s.%s: got %v, which the direct answer has not", path, k, gv))
			}
			if ok {
				compare(path+"."+k, gv, wv, diffs)
			}
		}
		for k := range w {
			if _, ok := g[k]; !ok {
				*diffs = append(*diffs, fmt.Sprintf("%s.%s: missing", path, k))
			}
		}
	case []any:
		g, ok := got.([]any)
		if !ok || len(g) != len(w) {
			*diffs = append(*diffs, fmt.Sprintf("%s: got %v, want %d items", path, got, len(w)))
			return
		}
		for i := range w {
			compare(fmt.Sprintf("%s[%d]", path, i), g[i], w[i], diffs)
		}
	default:
		if !reflect.DeepEqual(got, want) {
			*diffs = append(*diffs, fmt.Sprintf("%s: got %v, want %v", path, got, want))
		}
	}
}
