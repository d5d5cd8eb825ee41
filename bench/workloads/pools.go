package workloads

import (
	"context"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"math"
	"math/rand/v2"
	"slices"
	"unicode"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// poolFunc draws at most most distinct variable sets of a workload from the database, in an
// order shuffled by r.
type poolFunc func(ctx context.Context, db reader, most int, r *rand.Rand) ([]map[string]any, error)

// rng is the random source of workload name's pool: the seed and the name fix it.
func rng(seed uint64, name string) *rand.Rand {
	h := fnv.New64a()
	_, _ = h.Write([]byte(name))
	return rand.New(rand.NewPCG(seed, h.Sum64()))
}

// shuffled sorts xs (the database returns rows in no fixed order) and shuffles them with r:
// the same rows and source, the same order.
func shuffled(xs []string, r *rand.Rand) []string {
	slices.Sort(xs)
	xs = slices.Compact(xs)
	r.Shuffle(len(xs), func(i, j int) { xs[i], xs[j] = xs[j], xs[i] })
	return xs
}

// reader runs the pickers' read statements (parameterized, streamed: a pool at size L reads a
// million rows).
type reader struct {
	driver   neo4j.DriverWithContext
	database string
}

// rows returns the rows of cypher, each its first n columns as strings (a null is "").
func (db reader) rows(ctx context.Context, cypher string, params map[string]any, n int) ([][]string, error) {
	sess := db.driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: db.database, AccessMode: neo4j.AccessModeRead})
	defer func() { _ = sess.Close(ctx) }()
	return neo4j.ExecuteRead(ctx, sess, func(tx neo4j.ManagedTransaction) ([][]string, error) {
		res, err := tx.Run(ctx, cypher, params)
		if err != nil {
			return nil, err
		}
		var out [][]string
		for res.Next(ctx) {
			vals := res.Record().Values
			if len(vals) < n {
				return nil, fmt.Errorf("a row has %d columns, want %d", len(vals), n)
			}
			row := make([]string, n)
			for i := range n {
				switch v := vals[i].(type) {
				case nil:
				case string:
					row[i] = v
				default:
					row[i] = fmt.Sprint(v)
				}
			}
			out = append(out, row)
		}
		return out, res.Err()
	})
}

// column returns the first column of cypher's rows, without nulls.
func (db reader) column(ctx context.Context, cypher string, params map[string]any) ([]string, error) {
	rows, err := db.rows(ctx, cypher, params, 1)
	if err != nil {
		return nil, err
	}
	out := make([]string, 0, len(rows))
	for _, r := range rows {
		if r[0] != "" {
			out = append(out, r[0])
		}
	}
	return out, nil
}

// entityPool: the ids of entities of every type, a shuffled sample of at most `most`.
func entityPool(ctx context.Context, db reader, most int, r *rand.Rand) ([]map[string]any, error) {
	ids, err := db.column(ctx, `MATCH (n:Entity) WHERE n.id IS NOT NULL RETURN n.id AS id`, nil)
	if err != nil {
		return nil, err
	}
	var out []map[string]any
	for _, id := range shuffled(ids, r) {
		if len(out) == most {
			break
		}
		out = append(out, map[string]any{"id": id})
	}
	return out, nil
}

// listPage is the list workload's page size (its query's limit) and listMaxOffset the
// deepest offset it is sent with.
const (
	listPage      = 20
	listMaxOffset = 999
)

// listPool: every task year crossed with every offset from 0 to listMaxOffset (at most the
// number of tasks less a page), shuffled: the filter's year and the page vary together.
func listPool(ctx context.Context, db reader, most int, r *rand.Rand) ([]map[string]any, error) {
	years, err := db.column(ctx, `MATCH (t:Task) WHERE t.year IS NOT NULL RETURN DISTINCT t.year AS y`, nil)
	if err != nil {
		return nil, err
	}
	n, err := db.column(ctx, `MATCH (t:Task) RETURN count(t) AS n`, nil)
	if err != nil {
		return nil, fmt.Errorf("counting tasks: %w", err)
	}
	if len(n) != 1 {
		return nil, fmt.Errorf("counting tasks: %d rows", len(n))
	}
	var tasks int
	if _, err := fmt.Sscan(n[0], &tasks); err != nil {
		return nil, fmt.Errorf("counting tasks: %w", err)
	}
	deepest := min(listMaxOffset, max(0, tasks-listPage))
	var keys []string // "year offset", sorted and shuffled like ids
	for _, y := range years {
		for off := 0; off <= deepest; off++ {
			keys = append(keys, fmt.Sprintf("%s %d", y, off))
		}
	}
	var out []map[string]any
	for _, k := range shuffled(keys, r) {
		if len(out) == most {
			break
		}
		var year, off int64
		if _, err := fmt.Sscan(k, &year, &off); err != nil {
			return nil, fmt.Errorf("year %q: %w", k, err)
		}
		out = append(out, map[string]any{"year": year, "offset": off})
	}
	return out, nil
}

// nestedSet is how many department ids a nested request names (its query's limit).
const nestedSet = 10

// nestedPool: sets of nestedSet departments responsible for at least one task, each the
// window of the shuffled departments that starts at a different one (so every set of a pass
// is a different list); more passes over other shuffles (at most maxPasses) while the pool is
// below most; the sets shuffled again.
func nestedPool(ctx context.Context, db reader, most int, r *rand.Rand) ([]map[string]any, error) {
	ids, err := db.column(ctx, `MATCH (d:Department) WHERE EXISTS { (d)-[:RESPONSIBLE_FOR]->(:Task) } RETURN d.id AS id`, nil)
	if err != nil {
		return nil, err
	}
	ids = shuffled(ids, r)
	var out []map[string]any
	for pass := 0; pass < maxPasses && len(out) < most && len(ids) > 0; pass++ {
		out = dedupe(append(out, windows(ids, nestedSet)...))
		r.Shuffle(len(ids), func(i, j int) { ids[i], ids[j] = ids[j], ids[i] })
	}
	r.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
	if len(out) > most {
		out = out[:most]
	}
	return out, nil
}

// maxPasses bounds the passes over the data of the pools that draw several sets from one row
// (nested, search).
const maxPasses = 16

// windows returns, for each element of ids, the k (at most len(ids)) elements from it on,
// wrapping around: len(ids) different lists, each as {"ids": [...]}.
func windows(ids []string, k int) []map[string]any {
	k = min(k, len(ids))
	out := make([]map[string]any, 0, len(ids))
	for i := range ids {
		set := make([]any, 0, k)
		for j := range k {
			set = append(set, ids[(i+j)%len(ids)])
		}
		out = append(out, map[string]any{"ids": set})
	}
	return out
}

// maxPathPairs bounds the paths pool below the pool bound: each pair costs a traversal to find, and the
// workload runs a few requests a second.
const maxPathPairs = 10_000

// maxPathDegree bounds the degree of the policy and the department of a paths pair.
const maxPathDegree = 60

// pathsPool: from tasks of low degree (the power-law hubs would make every path search a hub
// scan) to the least connected department that issued a policy the task implements (distance
// 2), one pair per task, the tasks a shuffled sample. The policy between them and the
// department are of low degree too: a pair with a hub in between makes the search of all
// shortest paths of up to 3 hops run past any client's timeout on every server (at M, a few
// random pairs took over 30 s), and one such request holds a closed-loop worker for a whole run.
func pathsPool(ctx context.Context, db reader, most int, r *rand.Rand) ([]map[string]any, error) {
	out, err := pathsPairs(ctx, db, most, r, maxPathDegree)
	if err != nil || len(out) > 0 {
		return out, err
	}
	// A small corpus (the shipped one) may have no such pair: any degree, then.
	return pathsPairs(ctx, db, most, r, math.MaxInt32)
}

// pathsPairs draws the pairs of pathsPool whose policy and department have at most maxDegree
// relationships.
func pathsPairs(ctx context.Context, db reader, most int, r *rand.Rand, maxDegree int) ([]map[string]any, error) {
	from, err := db.column(ctx, `MATCH (a:Task) WHERE COUNT { (a)--() } <= 20
  AND EXISTS { (a)-[:IMPLEMENTS]->(p:Policy)<-[:ISSUED]-(b:Department)
    WHERE COUNT { (p)--() } <= $maxDegree AND COUNT { (b)--() } <= $maxDegree } RETURN a.id AS id`,
		map[string]any{"maxDegree": maxDegree})
	if err != nil {
		return nil, err
	}
	from = shuffled(from, r)
	from = from[:min(len(from), most, maxPathPairs)]
	rows, err := db.rows(ctx, `UNWIND $ids AS id MATCH (a:Task {id: id})
CALL { WITH a MATCH (a)-[:IMPLEMENTS]->(p:Policy)<-[:ISSUED]-(b:Department)
  WHERE COUNT { (p)--() } <= $maxDegree AND COUNT { (b)--() } <= $maxDegree
  WITH DISTINCT b ORDER BY COUNT { (b)--() }, b.id LIMIT 1 RETURN b.id AS b }
RETURN a.id AS from, b AS to`, map[string]any{"ids": from, "maxDegree": maxDegree}, 2)
	if err != nil {
		return nil, err
	}
	to := make(map[string]string, len(rows))
	for _, row := range rows {
		to[row[0]] = row[1]
	}
	var out []map[string]any
	for _, a := range from {
		if b := to[a]; b != "" {
			out = append(out, map[string]any{"from": a, "to": b})
		}
	}
	return out, nil
}

// searchPool: words of the data: from each entity's name (entities in shuffled order), a run of
// three to six Chinese characters (two when the name has no longer one) at a random place;
// the distinct ones, more passes over the names (at most maxPasses) while the pool is below
// most and a pass still finds new words.
func searchPool(ctx context.Context, db reader, most int, r *rand.Rand) ([]map[string]any, error) {
	rows, err := db.rows(ctx, `MATCH (n:Entity) WHERE n.name IS NOT NULL RETURN n.id AS id, n.name AS name`, nil, 2)
	if err != nil {
		return nil, err
	}
	slices.SortFunc(rows, func(a, b []string) int { return compare(a[0], b[0]) })
	r.Shuffle(len(rows), func(i, j int) { rows[i], rows[j] = rows[j], rows[i] })
	seen := map[string]bool{}
	var out []map[string]any
	for pass := 0; pass < maxPasses && len(out) < most; pass++ {
		before := len(out)
		for _, row := range rows {
			if len(out) == most {
				break
			}
			t := hanTerm(row[1], r)
			if t == "" || seen[t] {
				continue
			}
			seen[t] = true
			out = append(out, map[string]any{"q": t})
		}
		if len(out)-before < len(rows)/100 {
			break // the names' words are nearly all drawn
		}
	}
	return out, nil
}

func compare(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// hanTerm returns a run of 3 to 6 Chinese characters of name (2 when its longest run of them
// is 2), its place and length drawn with r; "" when name has no two in a row.
func hanTerm(name string, r *rand.Rand) string {
	var runs [][]rune
	var cur []rune
	for _, c := range name + "." {
		if unicode.Is(unicode.Han, c) {
			cur = append(cur, c)
			continue
		}
		if len(cur) >= 2 {
			runs = append(runs, cur)
		}
		cur = nil
	}
	if len(runs) == 0 {
		return ""
	}
	run := runs[r.IntN(len(runs))]
	lo, hi := min(3, len(run)), min(6, len(run))
	n := lo + r.IntN(hi-lo+1)
	at := r.IntN(len(run) - n + 1)
	return string(run[at : at+n])
}

// dedupe drops the variable sets equal to an earlier one (as JSON), keeping the order.
func dedupe(vars []map[string]any) []map[string]any {
	seen := map[string]bool{}
	out := vars[:0:0]
	for _, v := range vars {
		b, err := json.Marshal(v) // map keys in order: equal sets, equal text
		if err == nil && seen[string(b)] {
			continue
		}
		seen[string(b)] = true
		out = append(out, v)
	}
	return out
}
