package server

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"regexp"

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

// newAPQ returns Apollo's automatic persisted queries over an LRU cache: a client may send
// extensions.persistedQuery.sha256Hash alone, and the full query once when the hub answers
// PERSISTED_QUERY_NOT_FOUND.
func newAPQ() extension.AutomaticPersistedQuery {
	return extension.AutomaticPersistedQuery{Cache: lru.New[string](APQCacheSize)}
}

// TrustedDocuments is the manifest of the operations a production hub executes: SHA-256 hash
// of the document text (hex) → document. Clients send the hash as
// extensions.persistedQuery.sha256Hash (the APQ and GraphQL Code Generator convention), or
// the exact text of a registered document; anything else is refused with
// OPERATION_NOT_TRUSTED before it is parsed.
type TrustedDocuments struct {
	docs   map[string]string
	hashes map[string]bool
}

var sha256Hex = regexp.MustCompile(`^[0-9a-f]{64}$`)

// LoadTrustedDocuments reads a manifest file: a JSON object {"<sha256 hex>": "<document>"}.
// Every key must be the SHA-256 of its document, so that a manifest cannot alias a hash to
// another text.
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

// NewTrustedDocuments checks a manifest of hash → document.
func NewTrustedDocuments(m map[string]string) (*TrustedDocuments, error) {
	if len(m) == 0 {
		return nil, fmt.Errorf("trusted documents: the manifest is empty")
	}
	t := &TrustedDocuments{docs: map[string]string{}, hashes: map[string]bool{}}
	for h, doc := range m {
		if !sha256Hex.MatchString(h) {
			return nil, fmt.Errorf("trusted documents: key %q is not a lower-case hex SHA-256", h)
		}
		if got := hashOf(doc); got != h {
			return nil, fmt.Errorf("trusted documents: key %s is not the SHA-256 of its document (%s)", h, got)
		}
		t.docs[h] = doc
		t.hashes[h] = true
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
	var ext struct {
		Sha256 string `mapstructure:"sha256Hash"`
	}
	if pq := p.Extensions["persistedQuery"]; pq != nil {
		if err := mapstructure.Decode(pq, &ext); err != nil {
			return notTrusted("invalid persistedQuery extension")
		}
	}
	switch {
	case ext.Sha256 != "":
		doc, ok := t.docs[ext.Sha256]
		if !ok {
			return notTrusted("no trusted document has hash " + ext.Sha256)
		}
		if p.Query != "" && p.Query != doc {
			return notTrusted("the query does not match the trusted document of its hash")
		}
		p.Query = doc
		return nil
	case p.Query != "" && t.hashes[hashOf(p.Query)]:
		return nil
	}
	return notTrusted("this hub only executes registered operations; send extensions.persistedQuery.sha256Hash of a document in its manifest")
}

func notTrusted(msg string) *gqlerror.Error {
	err := gqlerror.Errorf("%s", msg)
	errcode.Set(err, CodeOperationNotTrusted)
	return err
}
