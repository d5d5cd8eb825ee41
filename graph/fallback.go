package graph

import (
	"context"
	"encoding/json"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vikstrous/dataloadgen"

	"github.com/reformhub/hub/internal/plan"
	"github.com/reformhub/hub/internal/reform"
)

// The fallback path of relationship fields: batched dataloaders. A relationship field asked
// of many parents in one request — `tasks { departments { leaders { name } } }` — costs one
// statement per nesting level instead of one per parent: the resolvers of one level each ask
// the request's loader for their parent's id, and the loader answers all of them with one
// plan root over their ids (RootRelated, RootRelatedConnection, and RootScope for counts).
// There is one loader per (field, canonical arguments) per request, since a batch must share
// its filter, sort and page; each parent still gets its own page (see the store's batched
// reads).
//
// relatedFallback, connectionFallback and countFallback are what resolvers call; without the
// request's loaders (graph.WithLoaders) they read per parent. TraceFallback records which
// positions of a response went through them (TestFallbackFields).

// fallbackWait is how long a loader collects keys before it sends its batch: long enough for
// the goroutines gqlgen starts for the items of one list to all reach it on an idle machine.
// A parent whose goroutine comes later (a busy CPU) starts a second batch: more statements,
// the same answer.
const fallbackWait = 2 * time.Millisecond

type waitKey struct{}

// WithFallbackWait returns a context whose request's loaders wait d instead of fallbackWait
// before sending a batch. Tests that count statements on a busy machine use a long wait, so
// that no late goroutine starts a second batch.
func WithFallbackWait(ctx context.Context, d time.Duration) context.Context {
	return context.WithValue(ctx, waitKey{}, d)
}

func waitOf(ctx context.Context) time.Duration {
	if d, ok := ctx.Value(waitKey{}).(time.Duration); ok && d > 0 {
		return d
	}
	return fallbackWait
}

// fallbackLoaders are one request's loaders of relationship fields, by canonical key.
type fallbackLoaders struct {
	mu      sync.Mutex
	related map[string]*dataloadgen.Loader[string, []reform.Entity]
	conns   map[string]*dataloadgen.Loader[string, *plan.Connection]
	counts  map[string]*dataloadgen.Loader[string, *plan.Count]
}

func newFallbackLoaders() *fallbackLoaders {
	return &fallbackLoaders{
		related: map[string]*dataloadgen.Loader[string, []reform.Entity]{},
		conns:   map[string]*dataloadgen.Loader[string, *plan.Connection]{},
		counts:  map[string]*dataloadgen.Loader[string, *plan.Count]{},
	}
}

// loaderFor returns the loader of key in m, creating it with fetch on first use.
func loaderFor[V any](ctx context.Context, mu *sync.Mutex, m map[string]*dataloadgen.Loader[string, V], key string,
	fetch func(ctx context.Context, ids []string) (map[string]V, error)) *dataloadgen.Loader[string, V] {
	mu.Lock()
	defer mu.Unlock()
	if l, ok := m[key]; ok {
		return l
	}
	l := dataloadgen.NewLoader(func(ctx context.Context, ids []string) ([]V, []error) {
		byID, err := fetch(ctx, ids)
		if err != nil {
			return nil, []error{err}
		}
		out := make([]V, len(ids))
		for i, id := range ids {
			out[i] = byID[id]
		}
		return out, nil
	}, dataloadgen.WithWait(waitOf(ctx)))
	m[key] = l
	return l
}

// canonical is the loader key of a field's arguments: the JSON of kind and args (map keys
// sorted by encoding/json, so equal arguments give equal keys). ok is false when the
// arguments do not encode; the caller then reads per parent.
func canonical(kind string, args ...any) (string, bool) {
	b, err := json.Marshal(append([]any{kind}, args...))
	return string(b), err == nil
}

func fallbackFrom(ctx context.Context) *fallbackLoaders {
	if l, ok := ctx.Value(loadersKey{}).(*Loaders); ok {
		return l.fallback
	}
	return nil
}

// relatedFallback returns the entities joined to entity id of type t through relationship
// field `field` that match q — store.Related's answer — batched with every other parent that
// asks for the same field with the same arguments in this request.
func relatedFallback(ctx context.Context, s Store, t reform.EntityType, id, field string, q plan.ListQuery) ([]reform.Entity, error) {
	traceFallback(ctx, string(t)+"."+field)
	f := fallbackFrom(ctx)
	key, ok := canonical("related", t, field, q)
	var (
		es  []reform.Entity
		err error
	)
	many := func(ctx context.Context, ids []string) (map[string][]reform.Entity, error) {
		res, err := s.Read(ctx, &plan.Root{Kind: plan.RootRelated, Type: t, Parents: ids, Field: field, List: q})
		if err != nil {
			return nil, err
		}
		return res.Related, nil
	}
	if f == nil || !ok {
		// No batch to join: the batched read for this one parent.
		var byID map[string][]reform.Entity
		byID, err = many(ctx, []string{id})
		es = byID[id]
	} else {
		es, err = loaderFor(ctx, &f.mu, f.related, key, many).Load(ctx, id)
	}
	if err != nil {
		return nil, err
	}
	if es == nil {
		es = []reform.Entity{}
	}
	return es, nil
}

// connectionFallback returns the page q of a relationship-field connection (q.Scope.From
// set) — the answer of its own plan.ConnectionRoot — batched with every other parent that asks for the same
// connection with the same arguments in this request.
func connectionFallback(ctx context.Context, s Store, q plan.ConnectionQuery) (*plan.Connection, error) {
	from := q.From
	traceFallback(ctx, string(from.Type)+"."+from.Field+"Connection")
	f := fallbackFrom(ctx)
	shape := q
	shape.From = &plan.Origin{Type: from.Type, Field: from.Field}
	key, ok := canonical("connection", shape)
	if f == nil || !ok {
		res, err := s.Read(ctx, plan.ConnectionRoot(q))
		if err != nil {
			return nil, err
		}
		return res.ConnectionOf(q), nil
	}
	l := loaderFor(ctx, &f.mu, f.conns, key, func(ctx context.Context, ids []string) (map[string]*plan.Connection, error) {
		res, err := s.Read(ctx, &plan.Root{Kind: plan.RootRelatedConnection, Type: from.Type, Parents: ids, Conn: shape.Selection()})
		if err != nil {
			return nil, err
		}
		return res.Connections, nil
	})
	c, err := l.Load(ctx, from.ID)
	if err != nil {
		return nil, err
	}
	if c == nil { // the parent has no row (no such entity): an empty page, as Connection gives
		c = &plan.Connection{Scope: q.Scope, Edges: []*plan.Edge{}, PageInfo: q.Page().EmptyPageInfo()}
	}
	return c, nil
}

// countFallback counts the relationship-field scope sc (sc.From set) — the answer of its own
// plan.ScopeRoot — batched with every other parent that counts the same field with the same filter.
func countFallback(ctx context.Context, s Store, sc plan.Scope) (*plan.Count, error) {
	from := sc.From
	traceFallback(ctx, string(from.Type)+"."+from.Field+"Connection.totalCount")
	f := fallbackFrom(ctx)
	shape := sc
	shape.From = &plan.Origin{Type: from.Type, Field: from.Field}
	key, ok := canonical("count", shape)
	count := func(ctx context.Context, ids []string) (map[string]*plan.Count, error) {
		res, err := s.Read(ctx, plan.ScopeRoot(shape, plan.CountSelection(), ids...))
		if err != nil {
			return nil, err
		}
		return res.Counts(ids), nil
	}
	if f == nil || !ok {
		byID, err := count(ctx, []string{from.ID})
		if err != nil {
			return nil, err
		}
		return byID[from.ID], nil
	}
	l := loaderFor(ctx, &f.mu, f.counts, key, count)
	n, err := l.Load(ctx, from.ID)
	if err != nil {
		return nil, err
	}
	if n == nil {
		n = &plan.Count{}
	}
	return n, nil
}

// FallbackTrace records the response positions whose values came through the fallback path:
// the field path without list indices ("tasks.departments.leaders"), or, outside a GraphQL
// field, the field's "Type.field".
type FallbackTrace struct {
	mu        sync.Mutex
	positions map[string]int
}

type traceKey struct{}

// TraceFallback returns a context whose fallback reads are recorded in the returned trace.
func TraceFallback(ctx context.Context) (context.Context, *FallbackTrace) {
	tr := &FallbackTrace{positions: map[string]int{}}
	return context.WithValue(ctx, traceKey{}, tr), tr
}

// Positions returns the distinct recorded positions, sorted.
func (tr *FallbackTrace) Positions() []string {
	tr.mu.Lock()
	defer tr.mu.Unlock()
	out := make([]string, 0, len(tr.positions))
	for p := range tr.positions {
		out = append(out, p)
	}
	slices.Sort(out)
	return out
}

// Calls returns how many fallback reads were recorded in all.
func (tr *FallbackTrace) Calls() int {
	tr.mu.Lock()
	defer tr.mu.Unlock()
	n := 0
	for _, c := range tr.positions {
		n += c
	}
	return n
}

func traceFallback(ctx context.Context, field string) {
	tr, ok := ctx.Value(traceKey{}).(*FallbackTrace)
	if !ok {
		return
	}
	pos := field
	if fc := graphql.GetFieldContext(ctx); fc != nil {
		var names []string
		for _, p := range fc.Path() {
			if name, ok := p.(ast.PathName); ok {
				names = append(names, string(name))
			}
		}
		pos = strings.Join(names, ".")
	}
	tr.mu.Lock()
	tr.positions[pos]++
	tr.mu.Unlock()
}
