// Package workloads holds the GraphQL operations that `make bench` sends, unchanged, to the
// hub, to the Neo4j GraphQL Library and to the hand-written handler, and the Cypher that picks
// their variables from the loaded data deterministically (same data, same variables).
package workloads

import (
	"context"
	"embed"
	"fmt"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

//go:embed *.graphql
var files embed.FS

// Workload is one GraphQL operation and the variable sets it is sent with (in turn).
type Workload struct {
	// Name is the short name used in tables and flags (the file name without .graphql).
	Name string
	// Operation is the operationName in Query; the hand-written handler dispatches on it.
	Operation string
	// Query is the GraphQL text, the same for every server.
	Query string
	// Vars are the variable sets, chosen from the data by Pick; never empty after Pick.
	Vars []map[string]any
	// Weight is the share of the workload in the mix.
	Weight int
	// pick is the Cypher returning one `vars` map per row, ordered; empty: no variables.
	pick string
}

// specs lists the workloads in table order: file, operation, weight in the mix, picker.
var specs = []struct {
	name, op string
	weight   int
	pick     string
}{
	{"entity", "EntityById", 30, `MATCH (n:Entity) WITH n ORDER BY n.id
WITH collect(n.id) AS ids WITH ids, size(ids) AS c
UNWIND range(0, 7) AS i WITH DISTINCT ids[i * c / 8] AS id WHERE id IS NOT NULL
RETURN {id: id} AS vars ORDER BY id`},
	{"list", "FilteredList", 20, `MATCH (t:Task) WHERE t.year IS NOT NULL
WITH min(t.year) AS y WHERE y IS NOT NULL
UNWIND [0, 10] AS offset RETURN {year: y, offset: offset} AS vars ORDER BY offset`},
	{"nested", "NestedTraversal", 15, `MATCH (d:Department)
WITH d, COUNT { (d)-[:RESPONSIBLE_FOR]->(:Task) } AS k ORDER BY k DESC, d.id ASC LIMIT 20
WITH collect(d.id) AS ids
UNWIND [ids[0..10], ids[10..20]] AS part WITH part WHERE size(part) > 0
RETURN {ids: part} AS vars ORDER BY part[0]`},
	// From a task of low degree to the least connected department that issued a policy it
	// implements (distance 2): the power-law hubs would make every path search a hub scan.
	{"paths", "PathBetween", 5, `MATCH (a:Task) WHERE COUNT { (a)--() } <= 20 AND EXISTS { (a)-[:IMPLEMENTS]->(:Policy)<-[:ISSUED]-(:Department) }
WITH a ORDER BY a.id LIMIT 4
CALL { WITH a MATCH (a)-[:IMPLEMENTS]->(:Policy)<-[:ISSUED]-(b:Department)
  WITH DISTINCT b ORDER BY COUNT { (b)--() }, b.id LIMIT 1 RETURN b.id AS b }
RETURN {from: a.id, to: b} AS vars ORDER BY a.id`},
	{"search", "Search", 15, `MATCH (t:Task) WHERE t.area =~ '\\p{IsHan}{2,6}'
WITH DISTINCT t.area AS q ORDER BY q LIMIT 4
RETURN {q: q} AS vars`},
	{"counts", "Counts", 5, ""},
	{"rows", "Rows1000", 10, ""},
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
		out = append(out, &Workload{Name: s.name, Operation: s.op, Query: q, Weight: s.weight, pick: s.pick})
	}
	return out, nil
}

// Pick fills each workload's Vars from the database: the same data gives the same variables.
// A workload whose picker finds nothing is an error (the data lacks what it exercises).
func Pick(ctx context.Context, driver neo4j.DriverWithContext, database string, ws []*Workload) error {
	for _, w := range ws {
		if w.pick == "" {
			w.Vars = []map[string]any{{}}
			continue
		}
		res, err := neo4j.ExecuteQuery(ctx, driver, w.pick, nil, neo4j.EagerResultTransformer,
			neo4j.ExecuteQueryWithDatabase(database), neo4j.ExecuteQueryWithReadersRouting())
		if err != nil {
			return fmt.Errorf("picking variables of %s: %w", w.Name, err)
		}
		w.Vars = nil
		for _, r := range res.Records {
			v, _ := r.Get("vars")
			m, ok := v.(map[string]any)
			if !ok {
				return fmt.Errorf("picking variables of %s: a row's vars is %T", w.Name, v)
			}
			w.Vars = append(w.Vars, m)
		}
		if len(w.Vars) == 0 {
			return fmt.Errorf("picking variables of %s: the data has nothing this workload needs", w.Name)
		}
	}
	return nil
}

// Mix returns the weighted sequence of (workload index, variable set index) pairs that the mix
// sends in turn: each workload appears Weight times, its variable sets rotating, interleaved
// so that no workload comes in a long run.
func Mix(ws []*Workload) [][2]int {
	total := 0
	for _, w := range ws {
		total += w.Weight
	}
	out := make([][2]int, 0, total)
	used := make([]int, len(ws))
	// Smooth weighted round robin: deterministic and evenly spread.
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
		nv := len(ws[best].Vars)
		if nv == 0 {
			nv = 1
		}
		out = append(out, [2]int{best, used[best] % nv})
		used[best]++
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
		w.Vars = kept
	}
	return nil
}
