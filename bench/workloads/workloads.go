// Package workloads holds the GraphQL operations that `make bench` sends, unchanged, to the
// hub, to the Neo4j GraphQL Library and to the hand-written handler, and the Cypher that draws
// their variables from the loaded data: for each workload with variables a large pool of
// distinct variable sets, in an order fixed by a seed (same data and seed, same pool), so that
// the bench can send every request with variables never sent before (the cold regime) or
// repeat them as a dashboard would (the Zipf regime).
package workloads

import (
	"context"
	"embed"
	"fmt"
	"slices"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

//go:embed *.graphql
var files embed.FS

// Workload is one GraphQL operation and the pool of variable sets it is sent with.
type Workload struct {
	// Name is the short name used in tables and flags (the file name without .graphql).
	Name string
	// Operation is the operationName in Query; the hand-written handler dispatches on it.
	Operation string
	// Query is the GraphQL text, the same for every server.
	Query string
	// Vars is the pool of variable sets, distinct, in the order a cursor draws them (shuffled
	// with the seed, so that any stretch of it is like any other); drawn by Pick, never empty
	// after it. A workload without variables has one empty set.
	Vars []map[string]any
	// Weight is the share of the workload in the mix.
	Weight int
	// pool draws the variable sets (nil: the operation has no variables).
	pool poolFunc
}

// HasVars reports whether the operation takes variables (else every request is the same).
func (w *Workload) HasVars() bool { return w.pool != nil }

// specs lists the workloads in table order: file, operation, weight in the mix, pool.
var specs = []struct {
	name, op string
	weight   int
	pool     poolFunc
}{
	{"entity", "EntityById", 30, entityPool},
	{"list", "FilteredList", 20, listPool},
	{"nested", "NestedTraversal", 15, nestedPool},
	{"paths", "PathBetween", 5, pathsPool},
	{"search", "Search", 15, searchPool},
	{"counts", "Counts", 5, nil},
	{"rows", "Rows1000", 10, nil},
}

// All returns the workloads with their text, without variables (see Pick).
func All() ([]*Workload, error) {
	out := make([]*Workload, 0, len(specs))
	for _, s := range specs {
		b, err := files.ReadFile(s.name + ".graphql")
		if err != nil {
			return nil, fmt.Errorf("workload %s: %w", s.name, err)
		}
		q := string(b)
		if !strings.Contains(q, "query "+s.op) {
			return nil, fmt.Errorf("workload %s: the text does not declare operation %s", s.name, s.op)
		}
		out = append(out, &Workload{Name: s.name, Operation: s.op, Query: q, Weight: s.weight, pool: s.pool})
	}
	return out, nil
}

// PoolOptions bound and order the pools Pick draws.
type PoolOptions struct {
	// Max is the most variable sets of one workload (0: DefaultPool).
	Max int
	// Seed fixes the order of every pool (and which sets a capped pool keeps).
	Seed uint64
}

// DefaultPool is the default bound of a workload's pool: more than a round of the bench sends
// of the fastest workload to one server at size M.
const DefaultPool = 100_000

// Pick fills each workload's Vars with its pool, drawn from the database: the same data and
// options give the same pools. A workload whose pool comes out empty is an error (the data
// lacks what it exercises).
func Pick(ctx context.Context, driver neo4j.DriverWithContext, database string, ws []*Workload, o PoolOptions) error {
	if o.Max <= 0 {
		o.Max = DefaultPool
	}
	db := reader{driver: driver, database: database}
	for _, w := range ws {
		if w.pool == nil {
			w.Vars = []map[string]any{{}}
			continue
		}
		vars, err := w.pool(ctx, db, o.Max, rng(o.Seed, w.Name))
		if err != nil {
			return fmt.Errorf("picking variables of %s: %w", w.Name, err)
		}
		if len(vars) == 0 {
			return fmt.Errorf("picking variables of %s: the data has nothing this workload needs", w.Name)
		}
		w.Vars = vars
	}
	return nil
}

// MixOrder returns the weighted sequence of workload indexes that the mix sends in turn: each
// workload appears Weight times, interleaved so that no workload comes in a long run (smooth
// weighted round robin: deterministic and evenly spread).
func MixOrder(ws []*Workload) []int {
	total := 0
	for _, w := range ws {
		total += w.Weight
	}
	out := make([]int, 0, total)
	cur := make([]int, len(ws))
	for range total {
		best := -1
		for i, w := range ws {
			cur[i] += w.Weight
			if w.Weight > 0 && (best < 0 || cur[i] > cur[best]) {
				best = i
			}
		}
		cur[best] -= total
		out = append(out, best)
	}
	return out
}

// KeepPublic keeps, in each workload's variable sets, only entities with evidence from a
// public document (one without an access property): for BENCH_ACCESS, where the anonymous
// caller may not see the others, so that every request asks about the same things of both
// callers. A set whose string value names an entity that is not public is dropped; a list of
// entity ids keeps its public ones (a set whose list is left empty is dropped). A workload left
// with no variables is an error.
func KeepPublic(ctx context.Context, driver neo4j.DriverWithContext, database string, ws []*Workload) error {
	var ids []string
	for _, w := range ws {
		for _, v := range w.Vars {
			for _, x := range v {
				ids = append(ids, entityIDs(x)...)
			}
		}
	}
	if len(ids) == 0 {
		return nil
	}
	slices.Sort(ids)
	ids = slices.Compact(ids)
	res, err := neo4j.ExecuteQuery(ctx, driver, `MATCH (d:Document) WHERE d.access IS NULL WITH collect(d.id) AS public
UNWIND $ids AS id MATCH (n:Entity {id: id}) WHERE any(s IN n.srcDocs WHERE s IN public) RETURN collect(DISTINCT id) AS ids`,
		map[string]any{"ids": ids}, neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(database), neo4j.ExecuteQueryWithReadersRouting())
	if err != nil {
		return fmt.Errorf("public entities: %w", err)
	}
	public := map[string]bool{}
	if len(res.Records) > 0 {
		l, _ := res.Records[0].Get("ids")
		list, _ := l.([]any)
		for _, x := range list {
			if s, ok := x.(string); ok {
				public[s] = true
			}
		}
	}
	return keepOnly(ws, public)
}

// entityID returns x when it is a string that names an entity ("type/key").
func entityID(x any) (string, bool) {
	s, ok := x.(string)
	return s, ok && strings.Contains(s, "/")
}

// entityIDs returns the entity ids of a variable's value: itself, or the elements of a list.
func entityIDs(x any) []string {
	if id, ok := entityID(x); ok {
		return []string{id}
	}
	var out []string
	if l, ok := x.([]any); ok {
		for _, e := range l {
			if id, ok := entityID(e); ok {
				out = append(out, id)
			}
		}
	}
	return out
}

// keepOnly is KeepPublic once the public entities are known: the sets and list elements that
// name only entities of keep.
func keepOnly(ws []*Workload, keep map[string]bool) error {
	for _, w := range ws {
		var kept []map[string]any
	sets:
		for _, v := range w.Vars {
			out := make(map[string]any, len(v))
			for k, x := range v {
				id, isID := entityID(x)
				switch l, isList := x.([]any); {
				case isID && !keep[id]:
					continue sets
				case isList && len(entityIDs(x)) > 0:
					var left []any
					for _, e := range l {
						if eid, ok := entityID(e); !ok || keep[eid] {
							left = append(left, e)
						}
					}
					if len(left) == 0 {
						continue sets
					}
					out[k] = left
				default:
					out[k] = x
				}
			}
			kept = append(kept, out)
		}
		if len(kept) == 0 {
			return fmt.Errorf("%s: no variables name only public entities", w.Name)
		}
		w.Vars = dedupe(kept)
	}
	return nil
}
