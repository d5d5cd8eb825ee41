package server

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"regexp"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/errcode"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/99designs/gqlgen/graphql/handler/lru"
	"github.com/go-viper/mapstructure/v2"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// APQCacheSize is the number of automatic persisted queries the hub remembers (an LRU).
const APQCacheSize = 1000

// CodeOperationNotTrusted is the extensions.code of an operation refused in trusted-documents
// mode because it is not in the manifest.
const CodeOperationNotTrusted = "OPERATION_NOT_TRUSTED"

// Persisted documents are named by the SHA-256 of their text, in either of two spellings that
// the hub treats alike:
//
//   - the bare lower-case hex digest, as automatic persisted queries (Apollo's
//     extensions.persistedQuery.sha256Hash) have it;
//   - a "SHA256 hex document identifier" of GraphQL over HTTP (Appendix A, Persisted
//     Documents): "sha256:" and the hex digest. GraphQL Code Generator's client preset
//     (persistedDocuments: true) writes its manifest with these keys and puts them in the
//     generated documents (document.__meta__.hash), so clients set up with it (Apollo
//     Client's PersistedQueryLink, urql's persistedExchange) send them as sha256Hash, and
//     clients of the appendix send them as documentId.
const documentIDPrefix = "sha256:"

var sha256Hex = regexp.MustCompile(`^[0-9a-f]{64}$`)

// parseDocumentID returns the hex digest that id names ("<hex>" or "sha256:<hex>"), and
// whether it had the prefix; ok is false for anything else.
func parseDocumentID(id string) (digest string, prefixed, ok bool) {
	digest, prefixed = strings.CutPrefix(id, documentIDPrefix)
	return digest, prefixed, sha256Hex.MatchString(digest)
}

// persistedQuery reads the persistedQuery extension of a request: its hash ("" when there is
// no extension).
func persistedQuery(p *graphql.RawParams) (string, *gqlerror.Error) {
	pq := p.Extensions["persistedQuery"]
	if pq == nil {
		return "", nil
	}
	var ext struct {
		Sha256 string `mapstructure:"sha256Hash"`
	}
	if err := mapstructure.Decode(pq, &ext); err != nil {
		return "", gqlerror.Errorf("invalid persistedQuery extension: %v", err)
	}
	return ext.Sha256, nil
}

// withDocumentID puts the documentId of a persisted document request (GraphQL over HTTP,
// Appendix A: {"documentId": "sha256:<hex>", "variables": …} in a POST body, or
// ?documentId=… in a GET) into p as the persistedQuery extension, which trusted documents and
// automatic persisted queries both read. It returns a message for a request error when the
// request names its document twice over (documentId and a persistedQuery extension of
// another hash), and "" otherwise (also when id is empty: not a persisted document request).
// It is for the transport, with the documentId it decodes beside p.
func withDocumentID(p *graphql.RawParams, id string) string {
	if id == "" {
		return ""
	}
	if h, err := persistedQuery(p); err != nil || (h != "" && h != id) {
		return "documentId and extensions.persistedQuery.sha256Hash name different documents: send one of them"
	}
	if p.Extensions == nil {
		p.Extensions = map[string]any{}
	}
	p.Extensions["persistedQuery"] = map[string]any{"version": 1, "sha256Hash": id}
	return ""
}

// apq is Apollo's automatic persisted queries over an LRU cache: a client may send
// extensions.persistedQuery.sha256Hash alone, and the full query once when the hub answers
// PERSISTED_QUERY_NOT_FOUND. A hash may also be spelt "sha256:<hex>" (a document id of GraphQL
// over HTTP; see documentIDPrefix), which a client generated with the client preset sends
// against a hub without trusted documents (in development): such a hash is looked up as its
// hex digest, and when it comes with a text whose SHA-256 it is not (the preset hashes its
// normalized print of the document, not the text the client sends), the text runs as a
// plain query and is not remembered under that hash.
type apq struct {
	extension.AutomaticPersistedQuery
}

var _ interface {
	graphql.HandlerExtension
	graphql.OperationParameterMutator
} = apq{}

func newAPQ() apq {
	return apq{extension.AutomaticPersistedQuery{Cache: lru.New[string](APQCacheSize)}}
}

// MutateOperationParameters reads the hash in either spelling, then does what gqlgen's
// automatic persisted queries do.
func (a apq) MutateOperationParameters(ctx context.Context, p *graphql.RawParams) *gqlerror.Error {
	h, gerr := persistedQuery(p)
	if gerr != nil {
		return gerr
	}
	if digest, prefixed, ok := parseDocumentID(h); ok && prefixed {
		if p.Query != "" && hashOf(p.Query) != digest {
			delete(p.Extensions, "persistedQuery")
			return nil
		}
		if pq, ok := p.Extensions["persistedQuery"].(map[string]any); ok {
			pq["sha256Hash"] = digest
		}
	}
	return a.AutomaticPersistedQuery.MutateOperationParameters(ctx, p)
}

// TrustedDocuments is the manifest of the operations a production hub executes: SHA-256 hash
// of the document text → document. Clients send the hash, bare or as a "sha256:<hex>" document
// id, as extensions.persistedQuery.sha256Hash (the APQ and GraphQL Code Generator convention;
// withDocumentID turns GraphQL over HTTP's documentId into it), or the exact text of a
// registered document; anything else is refused with OPERATION_NOT_TRUSTED before it is
// parsed.
type TrustedDocuments struct {
	docs map[string]string // hex digest → document
}

// LoadTrustedDocuments reads a manifest file: a JSON object {"<id>": "<document>"} whose ids are
// the SHA-256 of their documents, as lower-case hex or as "sha256:<hex>" — the
// persisted-documents.json of GraphQL Code Generator's client preset as generated. Every key
// must be the SHA-256 of its document, so that a manifest cannot alias a hash to another text.
func LoadTrustedDocuments(path string) (*TrustedDocuments, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("trusted documents: %w", err)
	}
	var m map[string]string
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, fmt.Errorf("trusted documents %s: not a JSON object of hash → document: %w", path, err)
	}
	return NewTrustedDocuments(m)
}

// NewTrustedDocuments checks a manifest of id → document (ids as LoadTrustedDocuments says).
func NewTrustedDocuments(m map[string]string) (*TrustedDocuments, error) {
	if len(m) == 0 {
		return nil, fmt.Errorf("trusted documents: the manifest is empty")
	}
	t := &TrustedDocuments{docs: map[string]string{}}
	for id, doc := range m {
		digest, _, ok := parseDocumentID(id)
		if !ok {
			return nil, fmt.Errorf("trusted documents: key %q is neither a lower-case hex SHA-256 nor %q followed by one", id, documentIDPrefix)
		}
		if got := hashOf(doc); got != digest {
			return nil, fmt.Errorf("trusted documents: key %s is not the SHA-256 of its document (%s)", id, got)
		}
		t.docs[digest] = doc
	}
	return t, nil
}

// Len returns the number of registered documents.
func (t *TrustedDocuments) Len() int { return len(t.docs) }

func hashOf(doc string) string {
	s := sha256.Sum256([]byte(doc))
	return hex.EncodeToString(s[:])
}

var _ interface {
	graphql.HandlerExtension
	graphql.OperationParameterMutator
} = (*TrustedDocuments)(nil)

// ExtensionName names the extension for gqlgen.
func (t *TrustedDocuments) ExtensionName() string { return "TrustedDocuments" }

// Validate is part of graphql.HandlerExtension.
func (t *TrustedDocuments) Validate(graphql.ExecutableSchema) error { return nil }

// MutateOperationParameters replaces a registered hash by its document and refuses any
// operation that is not registered.
func (t *TrustedDocuments) MutateOperationParameters(_ context.Context, p *graphql.RawParams) *gqlerror.Error {
	h, gerr := persistedQuery(p)
	if gerr != nil {
		return notTrusted("invalid persistedQuery extension")
	}
	switch {
	case h != "":
		digest, _, ok := parseDocumentID(h)
		doc, found := t.docs[digest]
		if !ok || !found {
			return notTrusted("no trusted document has hash " + h)
		}
		if p.Query != "" && p.Query != doc {
			return notTrusted("the query does not match the trusted document of its hash")
		}
		p.Query = doc
		return nil
	case p.Query != "":
		if _, ok := t.docs[hashOf(p.Query)]; ok {
			return nil
		}
	}
	return notTrusted("this hub only executes registered operations; send extensions.persistedQuery.sha256Hash of a document in its manifest")
}

func notTrusted(msg string) *gqlerror.Error {
	err := gqlerror.Errorf("%s", msg)
	errcode.Set(err, CodeOperationNotTrusted)
	return err
}
