// Package synth generates deterministic synthetic reform corpora at scale: the same schema as
// the real dataset (every entity type, every relationship type between the type pairs package
// reform allows, the same fields, evidence on every fact), many cities × years, Chinese names
// built from word tables, and power-law degrees (a few departments responsible for a large
// share of the tasks, most for a few).
//
// Generate writes a dataset folder that `hub load` imports (format reformhub/v1 with NDJSON
// data files, see data/README.md) and the same data as CSV files for Neo4j's LOAD CSV. The
// output depends only on the entity count and the seed: the same Config gives byte-identical
// files. Entities are rebuilt from their index and relationships are streamed to the files as
// they are drawn, so memory stays small at every size.
package synth

import (
	"fmt"
	"math/rand/v2"
	"strings"

	"github.com/reformhub/hub/internal/reform"
)

// Sizes are the named corpus sizes: the total number of entities (documents included).
// Relationships come out at about 4.8 per entity.
var Sizes = map[string]int{
	"S": 10_000,
	"M": 200_000,
	"L": 1_000_000,
}

// Config selects a corpus.
type Config struct {
	Entities  int    // total entities, documents included (at least 100)
	Seed      uint64 // the same seed and size give the same bytes
	ID        string // dataset id; "synth" when empty
	ChunkRows int    // rows per NDJSON file; DefaultChunkRows when <= 0
	// Access gives documents access levels (docs/access.md), as in a hub of published reports
	// with some internal and restricted material: about 80% public, 8% internal, 12%
	// restricted to one or two of the groups Groups. Off, every document is public
	// (LOAD CSV's comparison needs them so).
	Access bool
}

// Groups are the groups restricted documents of a corpus with Config.Access name.
var Groups = []string{"g1", "g2", "g3", "g4"}

// DefaultChunkRows is the number of rows per NDJSON data file: files stay well under the
// loader's per-file limits and several can be parsed in parallel.
const DefaultChunkRows = 50_000

// shares are the fractions of the entities of each type (documents: 1%).
var shares = []struct {
	t     reform.EntityType
	share float64
}{
	{reform.TypeLeader, 0.06},
	{reform.TypeDepartment, 0.08},
	{reform.TypeTask, 0.45},
	{reform.TypePolicy, 0.15},
	{reform.TypePilotProgram, 0.05},
	{reform.TypeOutcome, 0.20},
}

// Counts are the numbers of entities and relationships per type a corpus holds.
type Counts struct {
	Nodes map[reform.EntityType]int
	Rels  map[reform.RelType]int
}

// TotalNodes and TotalRels sum the counts.
func (c Counts) TotalNodes() int {
	n := 0
	for _, v := range c.Nodes {
		n += v
	}
	return n
}

// TotalRels returns the number of relationships of all types.
func (c Counts) TotalRels() int {
	n := 0
	for _, v := range c.Rels {
		n += v
	}
	return n
}

// String prints the counts per type, in the orders of reform.EntityTypes and reform.RelTypes.
func (c Counts) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d entities, %d relationships\n", c.TotalNodes(), c.TotalRels())
	b.WriteString("  entities\n")
	for _, t := range reform.EntityTypes {
		fmt.Fprintf(&b, "    %-16s %9d\n", t, c.Nodes[t])
	}
	b.WriteString("  relationships\n")
	for _, t := range reform.RelTypes {
		fmt.Fprintf(&b, "    %-16s %9d\n", t, c.Rels[t])
	}
	return b.String()
}

// plan returns the number of entities of each type for cfg.
func plan(cfg Config) map[reform.EntityType]int {
	n := map[reform.EntityType]int{reform.TypeDocument: max(1, cfg.Entities/100)}
	rest := cfg.Entities - n[reform.TypeDocument]
	used := 0
	for i, s := range shares {
		k := max(2, int(float64(cfg.Entities)*s.share))
		if i == len(shares)-1 {
			k = max(2, rest-used)
		}
		n[s.t] = k
		used += k
	}
	return n
}

// generator holds the state of one Generate.
type generator struct {
	seed   uint64
	access bool
	count  map[reform.EntityType]int
	zipfs  map[reform.EntityType]*zipf
	r      *rand.Rand // the relationship stream
	emit   func(rt reform.RelType, ft reform.EntityType, fi int, tt reform.EntityType, ti int) error
}

func newGenerator(cfg Config) *generator {
	g := &generator{seed: cfg.Seed, access: cfg.Access, count: plan(cfg), zipfs: map[reform.EntityType]*zipf{}}
	for t, n := range g.count {
		g.zipfs[t] = newZipf(n, 1.0)
	}
	g.r = rand.New(rand.NewPCG(cfg.Seed, 0x7265666f726d))
	return g
}

// distinct draws k distinct ranks of type t (fewer when t has fewer), skipping except.
func (g *generator) distinct(t reform.EntityType, k, except int) []int {
	k = min(k, g.count[t]-1)
	out := make([]int, 0, k)
	for tries := 0; len(out) < k && tries < 20*k+20; tries++ {
		x := g.zipfs[t].draw(g.r)
		if x == except || containsInt(out, x) {
			continue
		}
		out = append(out, x)
	}
	return out
}

func containsInt(s []int, x int) bool {
	for _, v := range s {
		if v == x {
			return true
		}
	}
	return false
}

// relationships draws every relationship, type by type in the order of reform.RelTypes, and
// passes each to g.emit. Each loop runs over the entities of one endpoint type and draws
// distinct partners for each, so that no (type, from, to) repeats.
func (g *generator) relationships() error {
	const (
		L  = reform.TypeLeader
		D  = reform.TypeDepartment
		T  = reform.TypeTask
		P  = reform.TypePolicy
		PP = reform.TypePilotProgram
		O  = reform.TypeOutcome
	)
	r := g.r
	// each calls draw(i) for every entity i of type over and emits the partners it returns
	// as rel from (when out) or to entity i.
	each := func(rt reform.RelType, over reform.EntityType, out bool, other reform.EntityType,
		draw func(i int) []int) error {
		for i := range g.count[over] {
			for _, x := range draw(i) {
				var err error
				if out {
					err = g.emit(rt, over, i, other, x)
				} else {
					err = g.emit(rt, other, x, over, i)
				}
				if err != nil {
					return err
				}
			}
		}
		return nil
	}
	maybe := func(p float64, t reform.EntityType) func(int) []int {
		return func(int) []int {
			if r.Float64() < p {
				return []int{g.zipfs[t].draw(r)}
			}
			return nil
		}
	}
	some := func(t reform.EntityType, lo, n int, self bool) func(int) []int {
		return func(i int) []int {
			except := -1
			if self {
				except = i
			}
			return g.distinct(t, lo+r.IntN(n), except)
		}
	}
	// tree gives entity i (beyond the first tenth, the roots) a parent among the entities
	// before it, with probability p.
	tree := func(t reform.EntityType, p float64) func(int) []int {
		roots := max(1, g.count[t]/10)
		return func(i int) []int {
			if i < roots || r.Float64() >= p {
				return nil
			}
			return []int{g.zipfs[t].drawBelow(r, i)}
		}
	}
	steps := []func() error{
		func() error { return each(reform.RelLeads, T, false, L, maybe(0.3, L)) },
		func() error { return each(reform.RelLeads, D, false, L, maybe(0.5, L)) },
		func() error { return each(reform.RelLeads, PP, false, L, maybe(0.6, L)) },
		func() error { return each(reform.RelMemberOf, L, true, D, some(D, 1, 2, false)) },
		func() error { return each(reform.RelResponsibleFor, T, false, D, some(D, 1, 4, false)) },
		func() error { return each(reform.RelPartOf, T, true, T, tree(T, 1)) },
		func() error { return each(reform.RelPartOf, D, true, D, tree(D, 0.8)) },
		func() error { return each(reform.RelPartOf, PP, true, T, some(T, 1, 2, false)) },
		func() error { return each(reform.RelPartOf, P, true, P, tree(P, 0.5)) },
		func() error { return each(reform.RelImplements, T, true, P, some(P, 0, 5, false)) },
		func() error { return each(reform.RelImplements, PP, true, P, some(P, 1, 2, false)) },
		func() error { return each(reform.RelImplements, D, true, P, some(P, 0, 4, false)) },
		func() error { return each(reform.RelRuns, PP, false, D, some(D, 1, 2, false)) },
		g.achieved,
		func() error { return each(reform.RelIssued, P, false, D, some(D, 1, 2, false)) },
		func() error { return each(reform.RelSupports, D, true, D, some(D, 0, 3, true)) },
		func() error { return each(reform.RelSupports, T, false, D, some(D, 0, 4, false)) },
		func() error { return each(reform.RelSupports, PP, false, D, some(D, 0, 3, false)) },
		func() error { return each(reform.RelEstablished, D, true, D, some(D, 0, 2, true)) },
		func() error { return each(reform.RelComponentOf, D, true, P, maybe(0.1, P)) },
		func() error { return each(reform.RelInspected, D, false, L, maybe(0.05, L)) },
		func() error { return each(reform.RelAffirmed, T, false, L, maybe(0.05, L)) },
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return err
		}
	}
	return nil
}

// achievers are the types that achieve outcomes, with their weights out of 100.
var achievers = []struct {
	t      reform.EntityType
	weight int
}{
	{reform.TypeTask, 60}, {reform.TypeDepartment, 20}, {reform.TypePolicy, 10},
	{reform.TypePilotProgram, 7}, {reform.TypeLeader, 3},
}

// achieved gives every outcome one to four distinct achievers of the allowed types.
func (g *generator) achieved() error {
	type end struct {
		t reform.EntityType
		i int
	}
	for o := range g.count[reform.TypeOutcome] {
		k := 1 + g.r.IntN(4)
		var got []end
		for tries := 0; len(got) < k && tries < 40; tries++ {
			w := g.r.IntN(100)
			var t reform.EntityType
			for _, a := range achievers {
				if w < a.weight {
					t = a.t
					break
				}
				w -= a.weight
			}
			e := end{t, g.zipfs[t].draw(g.r)}
			dup := false
			for _, x := range got {
				dup = dup || x == e
			}
			if dup {
				continue
			}
			got = append(got, e)
			if err := g.emit(reform.RelAchieved, e.t, e.i, reform.TypeOutcome, o); err != nil {
				return err
			}
		}
	}
	return nil
}
