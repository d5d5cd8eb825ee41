package graph

import (
	"context"
	"fmt"
	"net/http"
	"sync"
	"time"

	"github.com/vikstrous/dataloadgen"

	"github.com/reformhub/hub/internal/plan"
	"github.com/reformhub/hub/internal/reform"
)

// Loaders batch the lookups that many fields of one request share: every Evidence of a
// response names its document, and all of them are fetched in one statement; relationship
// fields of many parents are read one statement per field and arguments (fallback.go).
type Loaders struct {
	documents *dataloadgen.Loader[string, *reform.Document]
	claims    *dataloadgen.Loader[string, []*reform.Claim]
	// history: one loader per limit and offset of Entity.history.
	mu       sync.Mutex
	history  map[string]*dataloadgen.Loader[string, []*reform.Change]
	fallback *fallbackLoaders
	// slots is what the request's planned root fields fetched for the relationship fields of
	// the entities they returned (see prefetched).
	slots *plan.Slots
}

type loadersKey struct{}

// NewLoaders returns loaders for one request.
func NewLoaders(s Store) *Loaders {
	return &Loaders{
		documents: dataloadgen.NewLoader(func(ctx context.Context, ids []string) ([]*reform.Document, []error) {
			res, err := s.Read(ctx, &plan.Root{Kind: plan.RootDocuments, Parents: ids})
			if err != nil {
				return nil, []error{err}
			}
			return res.Documents, nil
		}, dataloadgen.WithWait(time.Millisecond)),
		claims:   newClaimsLoader(s),
		history:  map[string]*dataloadgen.Loader[string, []*reform.Change]{},
		fallback: newFallbackLoaders(),
		slots:    plan.NewSlots(),
	}
}

// WithLoaders is HTTP middleware that gives each request its own loaders.
func WithLoaders(s Store, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := context.WithValue(r.Context(), loadersKey{}, NewLoaders(s))
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

// documentFor returns the document of an Evidence through the request's loader (or directly
// when the request has none).
func documentFor(ctx context.Context, s Store, id string) (*reform.Document, error) {
	var (
		doc *reform.Document
		err error
	)
	if l, ok := ctx.Value(loadersKey{}).(*Loaders); ok {
		doc, err = l.documents.Load(ctx, id)
	} else {
		var res *plan.RootResult
		if res, err = s.Read(ctx, &plan.Root{Kind: plan.RootDocuments, Parents: []string{id}}); err == nil {
			doc = res.Documents[0]
		}
	}
	if err != nil {
		return nil, err
	}
	if doc == nil {
		return nil, fmt.Errorf("evidence names document %q, which is not loaded", id)
	}
	return doc, nil
}
