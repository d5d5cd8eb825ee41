package server

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// presetManifest is the persisted-documents manifest that GraphQL Code Generator's client
// preset generated for the client guide (docs/clients), committed as generated.
var presetManifest = filepath.Join("..", "..", "docs", "clients", "generated", "persisted-documents.json")

func readManifest(t *testing.T) map[string]string {
	t.Helper()
	b, err := os.ReadFile(presetManifest)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]string
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

func withHash(query, hash string) *graphql.RawParams {
	p := &graphql.RawParams{Query: query, Extensions: map[string]any{}}
	if hash != "" {
		p.Extensions["persistedQuery"] = map[string]any{"version": 1, "sha256Hash": hash}
	}
	return p
}

func code(err *gqlerror.Error) string {
	if err == nil {
		return ""
	}
	c, _ := err.Extensions["code"].(string)
	return c
}

func TestParseDocumentID(t *testing.T) {
	hex := hashOf("{ stats { entityCounts { count } } }")
	for _, tc := range []struct {
		id       string
		prefixed bool
		ok       bool
	}{
		{hex, false, true},
		{"sha256:" + hex, true, true},
		{"SHA256:" + hex, false, false},
		{"sha256:" + strings.ToUpper(hex), true, false},
		{"sha256:" + hex[:63], true, false},
		{"sha256:" + hex + "0", true, false},
		{"sha1:" + hex[:40], false, false},
		{"x-custom:" + hex, false, false},
		{"sha256:sha256:" + hex, true, false},
		{"", false, false},
	} {
		digest, prefixed, ok := parseDocumentID(tc.id)
		if ok != tc.ok || prefixed != tc.prefixed || (ok && digest != hex) {
			t.Errorf("parseDocumentID(%q) = %q, %v, %v; want ok %v, prefixed %v", tc.id, digest, prefixed, ok, tc.ok, tc.prefixed)
		}
	}
}

// The client preset's manifest loads as generated ("sha256:<hex>" keys), and its documents
// are found by the id in either spelling, sent as sha256Hash or as documentId, or by their
// exact text.
func TestTrustedDocumentsPresetManifest(t *testing.T) {
	m := readManifest(t)
	trusted, err := LoadTrustedDocuments(presetManifest)
	if err != nil {
		t.Fatalf("the client preset's manifest is refused: %v", err)
	}
	if trusted.Len() != len(m) || len(m) == 0 {
		t.Fatalf("%d documents of %d", trusted.Len(), len(m))
	}
	ctx := context.Background()
	for id, doc := range m {
		if !strings.HasPrefix(id, "sha256:") {
			t.Fatalf("the preset's key %q has no sha256: prefix: is the manifest generated with hashAlgorithm sha256?", id)
		}
		bare := strings.TrimPrefix(id, "sha256:")
		byDocumentID := withHash("", "")
		if msg := withDocumentID(byDocumentID, id); msg != "" {
			t.Fatal(msg)
		}
		for name, p := range map[string]*graphql.RawParams{
			"prefixed id":           withHash("", id),
			"bare hex":              withHash("", bare),
			"documentId":            byDocumentID,
			"id with its text":      withHash(doc, id),
			"exact text":            withHash(doc, ""),
			"bare hex with its doc": withHash(doc, bare),
		} {
			if err := trusted.MutateOperationParameters(ctx, p); err != nil {
				t.Errorf("%s (%s): %v", name, id, err)
			} else if p.Query != doc {
				t.Errorf("%s (%s): runs %q", name, id, p.Query)
			}
		}
	}
	other := "query Other { stats { entityCounts { count } } }"
	var first, firstDoc string
	for id, doc := range m {
		first, firstDoc = id, doc
		break
	}
	for name, p := range map[string]*graphql.RawParams{
		"unknown prefixed id":     withHash("", "sha256:"+hashOf(other)),
		"upper-case id":           withHash("", strings.ToUpper(first)),
		"sha1 id":                 withHash("", "sha1:"+strings.TrimPrefix(first, "sha256:")[:40]),
		"id with another text":    withHash(other, first),
		"text of the id reformed": withHash(strings.ReplaceAll(firstDoc, " ", "  "), ""),
		"not a string":            {Extensions: map[string]any{"persistedQuery": map[string]any{"sha256Hash": 7}}},
	} {
		if err := trusted.MutateOperationParameters(ctx, p); code(err) != CodeOperationNotTrusted {
			t.Errorf("%s: %v", name, err)
		}
	}
}

func TestTrustedDocumentsIDsChecked(t *testing.T) {
	doc := "query A { stats { entityCounts { count } } }"
	hex := hashOf(doc)
	both, err := NewTrustedDocuments(map[string]string{hex: doc, "sha256:" + hex: doc})
	if err != nil || both.Len() != 1 {
		t.Errorf("one document under both spellings: %v, %v", both, err)
	}
	for name, m := range map[string]map[string]string{
		"prefixed id of another text": {"sha256:" + hashOf("{ b }"): doc},
		"prefix alone":                {"sha256:": doc},
		"short hex":                   {"sha256:abc": doc},
		"upper-case prefix":           {"SHA256:" + hex: doc},
		"other algorithm":             {"sha512:" + hex: doc},
		"custom id":                   {"my-query": doc},
	} {
		if _, err := NewTrustedDocuments(m); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

func TestWithDocumentID(t *testing.T) {
	id := "sha256:" + hashOf("{ a }")
	p := &graphql.RawParams{Variables: map[string]any{"n": 1}}
	if msg := withDocumentID(p, ""); msg != "" || p.Extensions != nil {
		t.Errorf("no documentId: %q, %v", msg, p.Extensions)
	}
	if msg := withDocumentID(p, id); msg != "" {
		t.Fatal(msg)
	}
	if h, err := persistedQuery(p); err != nil || h != id {
		t.Errorf("documentId became %q (%v)", h, err)
	}
	if msg := withDocumentID(withHash("", id), id); msg != "" {
		t.Errorf("the same id twice: %s", msg)
	}
	if msg := withDocumentID(withHash("", hashOf("{ b }")), id); msg == "" {
		t.Error("two different ids accepted")
	}
}

// Automatic persisted queries read "sha256:" ids as their hex digest; an id that is not the
// hash of the text sent with it (the client preset hashes its own print of the document) runs
// the text without remembering it; a bare hash that does not match still fails.
func TestAPQDocumentIDs(t *testing.T) {
	a := newAPQ()
	ctx := graphql.WithOperationContext(context.Background(), &graphql.OperationContext{})
	text := "query A { stats { entityCounts { count } } }"
	id := "sha256:" + hashOf(text)

	if err := a.MutateOperationParameters(ctx, withHash("", id)); code(err) != "PERSISTED_QUERY_NOT_FOUND" {
		t.Fatalf("unknown id: %v", err)
	}
	if err := a.MutateOperationParameters(ctx, withHash(text, id)); err != nil {
		t.Fatalf("registering by id: %v", err)
	}
	for _, h := range []string{id, hashOf(text)} {
		p := withHash("", h)
		if err := a.MutateOperationParameters(ctx, p); err != nil || p.Query != text {
			t.Errorf("%s after registering: %v, %q", h, err, p.Query)
		}
	}

	presetID := "sha256:" + hashOf("query B { stats { entityCounts { count } } }") // of another print
	sent := "query B {\n  stats {\n    entityCounts {\n      count\n    }\n  }\n}"
	p := withHash(sent, presetID)
	if err := a.MutateOperationParameters(ctx, p); err != nil || p.Query != sent || p.Extensions["persistedQuery"] != nil {
		t.Errorf("an id with a text of another print: %v, %q, %v", err, p.Query, p.Extensions)
	}
	if err := a.MutateOperationParameters(ctx, withHash("", presetID)); code(err) != "PERSISTED_QUERY_NOT_FOUND" {
		t.Errorf("an id whose text did not match was remembered: %v", err)
	}
	if err := a.MutateOperationParameters(ctx, withHash(sent, hashOf(text))); err == nil {
		t.Error("a bare hash that does not match its query was accepted")
	}
}
