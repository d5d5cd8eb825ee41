package web

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/parser"
	"github.com/vektah/gqlparser/v2/validator/rules"

	"github.com/reformhub/hub/graph"
)

const pageTitle = "Reform Hub — analyst workbench"

// answer is what the handler answered to one request, its body read whole.
type answer struct {
	StatusCode int
	Header     http.Header
	body       string
}

func get(t *testing.T, h http.Handler, method, target string, header http.Header) answer {
	t.Helper()
	req := httptest.NewRequest(method, target, nil)
	for k, vs := range header {
		req.Header[k] = vs
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	res := rec.Result()
	defer func() { _ = res.Body.Close() }()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return answer{StatusCode: res.StatusCode, Header: res.Header, body: string(b)}
}

func TestIndex(t *testing.T) {
	h := Handler()
	for _, target := range []string{"/", "/index.html"} {
		res := get(t, h, http.MethodGet, target, nil)
		body := res.body
		if res.StatusCode != http.StatusOK {
			t.Fatalf("GET %s: status %d", target, res.StatusCode)
		}
		if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/html") {
			t.Errorf("GET %s: Content-Type %q", target, ct)
		}
		if cc := res.Header.Get("Cache-Control"); cc != "no-cache" {
			t.Errorf("GET %s: Cache-Control %q, want no-cache", target, cc)
		}
		csp := res.Header.Get("Content-Security-Policy")
		if !strings.Contains(csp, "default-src 'self'") || !strings.Contains(csp, "connect-src 'self'") {
			t.Errorf("GET %s: Content-Security-Policy %q", target, csp)
		}
		if !strings.Contains(body, "<title>"+pageTitle+"</title>") {
			t.Errorf("GET %s: page title missing", target)
		}
		for _, want := range []string{`data-endpoint="/graphql"`, `src="/assets/app.js"`, `href="/assets/app.css"`} {
			if !strings.Contains(body, want) {
				t.Errorf("GET %s: page lacks %s", target, want)
			}
		}
	}
}

func TestAssets(t *testing.T) {
	h := Handler()
	cases := map[string]string{
		"/assets/app.js":  "text/javascript; charset=utf-8",
		"/assets/app.css": "text/css; charset=utf-8",
		"/examples.json":  "application/json; charset=utf-8",
	}
	for target, want := range cases {
		res := get(t, h, http.MethodGet, target, nil)
		body := res.body
		if res.StatusCode != http.StatusOK {
			t.Errorf("GET %s: status %d", target, res.StatusCode)
			continue
		}
		if ct := res.Header.Get("Content-Type"); ct != want {
			t.Errorf("GET %s: Content-Type %q, want %q", target, ct, want)
		}
		if res.Header.Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("GET %s: no nosniff", target)
		}
		if body == "" {
			t.Errorf("GET %s: empty body", target)
		}
	}
}

// Text assets go out gzipped to clients that accept it, and identical once decompressed.
func TestGzip(t *testing.T) {
	h := Handler()
	plain := get(t, h, http.MethodGet, "/assets/app.js", nil).body
	res := get(t, h, http.MethodGet, "/assets/app.js", http.Header{"Accept-Encoding": {"gzip, deflate, br"}})
	if res.Header.Get("Content-Encoding") != "gzip" {
		t.Fatalf("no gzip: %v", res.Header)
	}
	compressed := res.body
	zr, err := gzip.NewReader(strings.NewReader(compressed))
	if err != nil {
		t.Fatal(err)
	}
	unz, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	if string(unz) != plain {
		t.Error("gzipped app.js differs from app.js")
	}
	if res.Header.Get("ETag") == get(t, h, http.MethodHead, "/assets/app.js", nil).Header.Get("ETag") {
		t.Error("gzipped and plain answers share an ETag")
	}
	t.Logf("app.js: %d bytes, %d gzipped", len(plain), len(compressed))
}

func TestHeadAndConditional(t *testing.T) {
	h := Handler()
	res := get(t, h, http.MethodHead, "/assets/app.js", nil)
	if res.StatusCode != http.StatusOK || res.body != "" {
		t.Fatalf("HEAD /assets/app.js: status %d, want 200 and no body", res.StatusCode)
	}
	etag := res.Header.Get("ETag")
	if etag == "" {
		t.Fatal("HEAD /assets/app.js: no ETag")
	}
	res = get(t, h, http.MethodGet, "/assets/app.js", http.Header{"If-None-Match": {etag}})
	if res.StatusCode != http.StatusNotModified {
		t.Errorf("GET /assets/app.js with If-None-Match: status %d, want 304", res.StatusCode)
	}
}

func TestNotFound(t *testing.T) {
	h := Handler()
	for _, target := range []string{
		"/nope", "/nope.js", "/dist/index.html", "/assets/", "/assets", "/assets/app.js/", "//assets/app.js",
		"/./assets/app.js", "/x/../assets/app.js", "/index.html/", "/graphql", "/healthz", "/SOURCE-SHA256x",
	} {
		res := get(t, h, http.MethodGet, target, nil)
		if res.StatusCode != http.StatusNotFound {
			t.Errorf("GET %s: status %d, want 404", target, res.StatusCode)
		}
	}
}

func TestMethodNotAllowed(t *testing.T) {
	res := get(t, Handler(), http.MethodPost, "/", nil)
	if res.StatusCode != http.StatusMethodNotAllowed {
		t.Fatalf("POST /: status %d, want 405", res.StatusCode)
	}
	if allow := res.Header.Get("Allow"); allow != "GET, HEAD" {
		t.Errorf("POST /: Allow %q", allow)
	}
}

var (
	htmlRef = regexp.MustCompile(`(?i)\b(?:src|href|action|poster|data)\s*=\s*["']?([^"'\s>]+)`)
	cssURL  = regexp.MustCompile(`(?i)url\(\s*["']?([^"')]+)`)
)

// localRef tells whether a reference in the page stays on the hub: a path on the same
// origin, or an inline data: URL.
func localRef(ref string) bool {
	if strings.HasPrefix(ref, "data:") || strings.HasPrefix(ref, "#") {
		return true
	}
	return strings.HasPrefix(ref, "/") && !strings.HasPrefix(ref, "//")
}

// TestPageReferencesOnlyLocalAssets keeps the workbench offline: the page's scripts,
// styles, icons and the fonts and images of its CSS all come from the hub (or are inline
// data: URLs); no CSS @import. The end-to-end test checks the same in a real browser.
func TestPageReferencesOnlyLocalAssets(t *testing.T) {
	files := Static()
	index, err := fs.ReadFile(files, "index.html")
	if err != nil {
		t.Fatal(err)
	}
	refs := htmlRef.FindAllStringSubmatch(string(index), -1)
	if len(refs) < 3 {
		t.Fatalf("only %d references in index.html", len(refs))
	}
	h := Handler()
	for _, m := range refs {
		if !localRef(m[1]) {
			t.Errorf("index.html references %q, outside the hub", m[1])
			continue
		}
		if !strings.HasPrefix(m[1], "data:") {
			if res := get(t, h, http.MethodGet, m[1], nil); res.StatusCode != http.StatusOK {
				t.Errorf("index.html references %s, which answers %d", m[1], res.StatusCode)
			}
		}
	}
	n := 0
	err = fs.WalkDir(files, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(name, ".css") {
			return err
		}
		b, err := fs.ReadFile(files, name)
		if err != nil {
			return err
		}
		n++
		for _, m := range cssURL.FindAllStringSubmatch(string(b), -1) {
			if !localRef(strings.TrimSpace(m[1])) {
				t.Errorf("%s: url(%s) is outside the hub", name, m[1])
			}
		}
		if bytes.Contains(bytes.ToLower(b), []byte("@import")) {
			t.Errorf("%s uses @import", name)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n == 0 {
		t.Error("no stylesheet in the build")
	}
	// The bundle may contain URLs as text (licence notes, error links), but never loads a
	// script or a style from one.
	js, _ := fs.ReadFile(files, "assets/app.js")
	for _, bad := range []string{"fonts.googleapis", "cdn.jsdelivr", "unpkg.com", "esm.sh", "cdnjs"} {
		if bytes.Contains(js, []byte(bad)) {
			t.Errorf("app.js mentions %s", bad)
		}
	}
}

// TestBuildIsCurrent fails when web/src, the lock file or the build script changed after
// web/dist was built: run `make web` and commit dist.
func TestBuildIsCurrent(t *testing.T) {
	names := []string{"build.mjs", "package.json", "package-lock.json"}
	entries, err := os.ReadDir("src")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if !strings.HasPrefix(e.Name(), ".") {
			names = append(names, "src/"+e.Name())
		}
	}
	sort.Strings(names)
	h := sha256.New()
	for _, n := range names {
		b, err := os.ReadFile(n)
		if err != nil {
			t.Fatal(err)
		}
		h.Write([]byte(n + "\x00"))
		h.Write(b)
		h.Write([]byte{0})
	}
	want, err := fs.ReadFile(Static(), "SOURCE-SHA256")
	if err != nil {
		t.Fatal(err)
	}
	if got := hex.EncodeToString(h.Sum(nil)); got != strings.TrimSpace(string(want)) {
		t.Errorf("web/dist was built from other sources (%s, now %s): run `make web` and commit web/dist", strings.TrimSpace(string(want)), got)
	}
}

type example struct {
	Title       string         `json:"title"`
	Description string         `json:"description"`
	Query       string         `json:"query"`
	Variables   map[string]any `json:"variables"`
}

// The library covers the questions analysts ask first; every query parses and validates
// against the schema (the server tests run them against the data).
func TestExamples(t *testing.T) {
	var examples []example
	if err := json.Unmarshal(Examples(), &examples); err != nil {
		t.Fatalf("examples.json: %v", err)
	}
	schema := graph.NewExecutableSchema(graph.Config{}).Schema()
	covers := map[string]string{"leaders": "who leads what", "pilotPrograms": "what a pilot achieved",
		"paths": "paths between two entities", "stats": "counts by kind"}
	seen := map[string]bool{}
	for i, ex := range examples {
		if ex.Title == "" || ex.Description == "" {
			t.Errorf("example %d: title or description missing", i+1)
		}
		doc, err := parser.ParseQuery(&ast.Source{Name: ex.Title, Input: ex.Query})
		if err != nil {
			t.Errorf("example %d (%s): %v", i+1, ex.Title, err)
			continue
		}
		if len(doc.Operations) != 1 || doc.Operations[0].Name == "" {
			t.Errorf("example %d (%s): want one named operation", i+1, ex.Title)
			continue
		}
		if _, errs := gqlparser.LoadQueryWithRules(schema, ex.Query, rules.NewDefaultRules()); errs != nil {
			t.Errorf("example %d (%s): %v", i+1, ex.Title, errs)
		}
		for _, sel := range doc.Operations[0].SelectionSet {
			if f, ok := sel.(*ast.Field); ok {
				seen[f.Name] = true
			}
		}
	}
	for field, question := range covers {
		if !seen[field] {
			t.Errorf("no example asks %s (a query on %s)", question, field)
		}
	}
}

// The graph explorer's operations validate against the schema.
func TestExplorerOperations(t *testing.T) {
	b, err := os.ReadFile("src/explorer.graphql")
	if err != nil {
		t.Fatal(err)
	}
	doc, errs := gqlparser.LoadQueryWithRules(graph.NewExecutableSchema(graph.Config{}).Schema(), string(b), rules.NewDefaultRules())
	if errs != nil {
		t.Fatal(errs)
	}
	var names []string
	for _, op := range doc.Operations {
		names = append(names, op.Name)
	}
	want := "ExplorerSearch ExplorerNeighborhood ExplorerEntity ExplorerPaths"
	if got := strings.Join(names, " "); got != want {
		t.Errorf("operations %q, want %q", got, want)
	}
}
