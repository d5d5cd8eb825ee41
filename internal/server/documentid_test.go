package server_test

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"testing"

	"github.com/reformhub/hub/graph"
	"github.com/reformhub/hub/internal/config"
	"github.com/reformhub/hub/internal/hubtest"
	"github.com/reformhub/hub/internal/server"
)

// GraphQL over HTTP's persisted document requests (Appendix A): documentId in a POST body or
// a GET query string names a document of the trusted manifest — the client preset's, with
// "sha256:" ids — and runs it; an unknown id, or a documentId beside a persistedQuery
// extension of another hash, is refused.
func TestDocumentID(t *testing.T) {
	_, _, st := hubtest.Handler(t)
	trusted, err := server.LoadTrustedDocuments(filepath.Join("..", "..", "docs", "clients", "generated", "persisted-documents.json"))
	if err != nil {
		t.Fatal(err)
	}
	h := server.New(&graph.Resolver{Store: st}, st, server.Options{Production: true, Logger: discard(),
		TrustedDocuments: trusted, Limits: config.Limits{MaxComplexity: 50000}})
	const honours = "sha256:9c476cda98a8632940dff59a6a840efbef4d6a8902727c477c30cee7d39fdc05" // HonoursPage
	vars := `{"limit":2,"offset":0}`

	_, resp := post(t, h, `{"documentId":"`+honours+`","variables":`+vars+`}`)
	if len(resp.Errors) != 0 || resp.Data["outcomes"] == nil {
		t.Errorf("POST documentId: %+v", resp)
	}
	rec := httptest.NewRecorder()
	get := httptest.NewRequest(http.MethodGet, "/graphql?documentId="+url.QueryEscape(honours)+"&variables="+url.QueryEscape(vars), nil)
	get.Header.Set("GraphQL-Require-Preflight", "1")
	h.ServeHTTP(rec, get)
	if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), `"outcomes"`) {
		t.Errorf("GET documentId: %d %s", rec.Code, rec.Body)
	}
	for name, body := range map[string]string{
		"unknown id":         `{"documentId":"sha256:` + strings.Repeat("0", 64) + `"}`,
		"two different ids":  `{"documentId":"` + honours + `","extensions":{"persistedQuery":{"version":1,"sha256Hash":"` + strings.Repeat("1", 64) + `"}}}`,
		"documentId not str": `{"documentId":7}`,
	} {
		_, resp := post(t, h, body)
		if len(resp.Errors) == 0 || resp.Data != nil {
			t.Errorf("%s: %+v", name, resp)
		}
	}
}
