package web

import (
	"encoding/json"
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/parser"
)

const pageTitle = "Reform Hub — GraphQL playground"

func get(t *testing.T, h http.Handler, method, target string, header http.Header) *http.Response {
	t.Helper()
	req := httptest.NewRequest(method, target, nil)
	for k, vs := range header {
		req.Header[k] = vs
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec.Result()
}

func readBody(t *testing.T, res *http.Response) string {
	t.Helper()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestIndex(t *testing.T) {
	h := Handler()
	for _, target := range []string{"/", "/index.html"} {
		res := get(t, h, http.MethodGet, target, nil)
		body := readBody(t, res)
		if res.StatusCode != http.StatusOK {
			t.Fatalf("GET %s: status %d", target, res.StatusCode)
		}
		if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/html") {
			t.Errorf("GET %s: Content-Type %q", target, ct)
		}
		if cc := res.Header.Get("Cache-Control"); cc != "no-cache" {
			t.Errorf("GET %s: Cache-Control %q, want no-cache", target, cc)
		}
		if res.Header.Get("Content-Security-Policy") == "" {
			t.Errorf("GET %s: no Content-Security-Policy", target)
		}
		if !strings.Contains(body, "<title>"+pageTitle+"</title>") {
			t.Errorf("GET %s: page title missing", target)
		}
		for _, want := range []string{`data-endpoint="/graphql"`, `src="app.js"`, `href="style.css"`, `href="/healthz"`} {
			if !strings.Contains(body, want) {
				t.Errorf("GET %s: page lacks %s", target, want)
			}
		}
	}
}

func TestAssets(t *testing.T) {
	h := Handler()
	cases := map[string]string{
		"/app.js":        "text/javascript; charset=utf-8",
		"/style.css":     "text/css; charset=utf-8",
		"/examples.json": "application/json; charset=utf-8",
	}
	for target, want := range cases {
		res := get(t, h, http.MethodGet, target, nil)
		body := readBody(t, res)
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

func TestHeadAndConditional(t *testing.T) {
	h := Handler()
	res := get(t, h, http.MethodHead, "/app.js", nil)
	if res.StatusCode != http.StatusOK || readBody(t, res) != "" {
		t.Fatalf("HEAD /app.js: status %d, want 200 and no body", res.StatusCode)
	}
	etag := res.Header.Get("ETag")
	if etag == "" {
		t.Fatal("HEAD /app.js: no ETag")
	}
	res = get(t, h, http.MethodGet, "/app.js", http.Header{"If-None-Match": {etag}})
	if res.StatusCode != http.StatusNotModified {
		t.Errorf("GET /app.js with If-None-Match: status %d, want 304", res.StatusCode)
	}
}

func TestNotFound(t *testing.T) {
	h := Handler()
	for _, target := range []string{
		"/nope", "/nope.js", "/static/app.js", "/static/", "/app.js/", "//app.js",
		"/./app.js", "/x/../app.js", "/index.html/", "/graphql", "/healthz",
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

// TestNoExternalURLs keeps the playground offline: no embedded file may point outside the
// hub (no CDN, no web fonts, no analytics).
func TestNoExternalURLs(t *testing.T) {
	n := 0
	err := fs.WalkDir(static, "static", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		n++
		b, err := fs.ReadFile(static, name)
		if err != nil {
			return err
		}
		text := strings.ReplaceAll(strings.ToLower(string(b)), "http://www.w3.org/2000/svg", "")
		for _, scheme := range []string{"http://", "https://", "//fonts.", "//cdn"} {
			if strings.Contains(text, scheme) {
				t.Errorf("%s contains %q: the playground must load nothing from outside the hub", name, scheme)
			}
		}
		if strings.Contains(text, "@import") {
			t.Errorf("%s uses @import", name)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n < 4 {
		t.Fatalf("only %d embedded files", n)
	}
}

// briefExamples are the example queries the playground must offer, in order.
var briefExamples = []struct{ title, query string }{
	{"Who leads the key items?", `{ leaders(where: { name: { contains: "领导" } }) { id name nameEn role headcount tasks { id name planned completed } sources { paragraph quote document { title } } } }`},
	{"Search (Chinese)", `{ search(query: "改革", limit: 10) { score highlight entity { __typename id name nameEn } } }`},
	{"Pilot programs and what they achieved", `{ pilotPrograms { id name level departments { name } outcomes { name kind value unit } } }`},
	{"Honours", `{ outcomes(where: { kind: { eq: HONOUR } }, sort: [{ name: ASC }]) { id name scope year sources { paragraph quote } } }`},
	{"Neighborhood of the city", `{ neighborhood(id: "department/dongying-city", depth: 1) { nodes { __typename id name } relationships { type from { id } to { id } sources { paragraph quote } } } }`},
	{"Counts", `{ stats { entityCounts { type count } relationshipCounts { type count } } }`},
}

// squeeze drops whitespace and commas (insignificant in GraphQL); none of the examples has
// either inside a string.
func squeeze(s string) string {
	return strings.Map(func(r rune) rune {
		if r == ' ' || r == '\n' || r == '\t' || r == '\r' || r == ',' {
			return -1
		}
		return r
	}, s)
}

func TestExamples(t *testing.T) {
	b, err := fs.ReadFile(static, "static/examples.json")
	if err != nil {
		t.Fatal(err)
	}
	var examples []struct {
		Title     string         `json:"title"`
		Query     string         `json:"query"`
		Variables map[string]any `json:"variables"`
	}
	if err := json.Unmarshal(b, &examples); err != nil {
		t.Fatalf("examples.json: %v", err)
	}
	if len(examples) != len(briefExamples) {
		t.Fatalf("%d examples, want %d", len(examples), len(briefExamples))
	}
	for i, ex := range examples {
		want := briefExamples[i]
		if ex.Title != want.title {
			t.Errorf("example %d: title %q, want %q", i+1, ex.Title, want.title)
		}
		if squeeze(ex.Query) != squeeze(want.query) {
			t.Errorf("example %d (%s): query differs from the brief:\n%s", i+1, ex.Title, ex.Query)
		}
		doc, err := parser.ParseQuery(&ast.Source{Name: ex.Title, Input: ex.Query})
		if err != nil {
			t.Errorf("example %d (%s): %v", i+1, ex.Title, err)
			continue
		}
		if len(doc.Operations) != 1 {
			t.Errorf("example %d (%s): %d operations, want 1", i+1, ex.Title, len(doc.Operations))
		}
	}
}

// TestScriptSyntax has node check app.js's syntax where node is installed.
func TestScriptSyntax(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node not installed")
	}
	out, err := exec.Command(node, "--check", filepath.Join("static", "app.js")).CombinedOutput()
	if err != nil {
		t.Fatalf("node --check app.js: %v\n%s", err, out)
	}
}
