package server_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/reformhub/hub/internal/hubtest"
)

// FuzzRequest sends arbitrary query text and variables through the whole request path over
// the real database: the answer is never a 5xx, always JSON, every error carries a known code
// (never INTERNAL: no panic, no unclassified failure), and no internal text leaks.
// `make test` runs it briefly, `make fuzz` longer (FUZZTIME).
func FuzzRequest(f *testing.F) {
	for _, seed := range [][2]string{
		{`{ stats { entityCounts { type count } } }`, ``},
		{`query($n: Int) { tasks(limit: $n) { id name departments { name } } }`, `{"n": 3}`},
		{`query($q: String!) { search(query: $q) { score entity { id name } } }`, `{"q": "改革 AND *:*"}`},
		{`query($id: ID!) { neighborhood(id: $id, depth: 2) { nodes { id } relationships { type } } }`, `{"id": "department/dongying-city"}`},
		{`{ paths(from: "task/ccus-rd", to: "department/dongying-city", maxHops: 4) { length nodes { id } } }`, `{}`},
		{`{ tasks(where: {OR: [{name: {contains: "改革"}}, {year: {gte: 2020}}]}, sort: [{name: DESC}]) { id } }`, `null`},
		{`{ a: tasks { id } b: tasks { ...F } } fragment F on Task { name }`, `[]`},
		{`{ entity(id: "x\"}) MATCH (n) DETACH DELETE n //") { id } }`, `{"x": 1e309}`},
		{"{ tasks { id \x00 } }", "{\"x\": \"\xff\"}"},
		{`{ __schema { types { name fields { name type { name } } } } }`, ``},
	} {
		f.Add(seed[0], seed[1])
	}
	h, _, _ := hubtest.Handler(f)
	f.Fuzz(func(t *testing.T, q, vars string) {
		body := `{"query": ` + mustJSON(q)
		if strings.TrimSpace(vars) != "" {
			body += `, "variables": ` + vars
		}
		body += "}"
		req := httptest.NewRequest(http.MethodPost, "/graphql", strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code >= 500 {
			t.Fatalf("status %d for %q: %s", rec.Code, body, rec.Body)
		}
		var resp gqlResponse
		if err := json.Unmarshal(rec.Body.Bytes(), &resp); err != nil {
			t.Fatalf("status %d, not JSON: %s", rec.Code, rec.Body)
		}
		for _, e := range resp.Errors {
			if code, _ := e.Extensions["code"].(string); !knownCodes[code] {
				t.Fatalf("code %q (%s) for %q", code, e.Message, body)
			}
		}
		out := strings.ToLower(rec.Body.String())
		for _, leak := range leaks {
			l := strings.ToLower(leak)
			if strings.Contains(out, l) && !strings.Contains(strings.ToLower(body), l) &&
				!strings.Contains(strings.ToLower(mustJSON(q)), l) {
				t.Fatalf("leaks %q for %q: %s", leak, body, rec.Body)
			}
		}
	})
}
