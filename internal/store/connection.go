package store

import (
	"context"
	"encoding/base64"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/reformhub/hub/internal/plan"
	"github.com/reformhub/hub/internal/reform"
)

// Connections (Relay style, as in the Neo4j GraphQL Library v7). A cursor is the base64 of
// "arrayconnection:<offset>" — v7's format: opaque to clients, and stable while the data and
// the query (filter and sort) are unchanged, because every order ends with the entity id (and
// on relationship-field connections the relationship type), so it is total.

const cursorPrefix = "arrayconnection:"

// Bounds of groupBy.
const (
	DefaultGroups = 100
	MaxGroups     = 1000
)

func encodeCursor(offset int64) string {
	return base64.StdEncoding.EncodeToString([]byte(cursorPrefix + strconv.FormatInt(offset, 10)))
}

func decodeCursor(c string) (int64, error) {
	b, err := base64.StdEncoding.DecodeString(c)
	if err != nil {
		return 0, badInput("cursor %q is not one this server issued", c)
	}
	n, err := strconv.ParseInt(strings.TrimPrefix(string(b), cursorPrefix), 10, 64)
	if err != nil || !strings.HasPrefix(string(b), cursorPrefix) || n < 0 {
		return 0, badInput("cursor %q is not one this server issued", c)
	}
	return n, nil
}

// scope is the compiled form of a plan.Scope: the MATCH that binds n (and r on a
// relationship-field connection) and the predicate over them.
type scope struct {
	t     reform.EntityType
	match string
	pred  string
	rel   bool
}

func compileScope(s plan.Scope, p *params) (*scope, error) {
	if s.From == nil {
		if !s.Type.Valid() {
			return nil, badInput("unknown entity type %q", s.Type)
		}
		pred, err := compileWhere(s.Type, "n", s.Where, p)
		if err != nil {
			return nil, err
		}
		// The label is one of reform's fixed types (checked above).
		return &scope{t: s.Type, match: "MATCH (n:" + string(s.Type) + ")", pred: pred}, nil
	}
	rel, ok := reform.RelationField(s.From.Type, s.From.Field)
	if !ok {
		return nil, badInput("%s has no relationship field %q", s.From.Type, s.From.Field)
	}
	p.m["id"] = s.From.ID
	pred, err := compileConnWhere(rel.Target, "n", "r", s.Where, p)
	if err != nil {
		return nil, err
	}
	return &scope{t: rel.Target, rel: true, pred: pred,
		match: "MATCH " + patternRel("a:"+string(s.From.Type)+" {id: $id}", rel, "r", "n")}, nil
}

// Connection returns one page of the connection q: at most First edges after the cursor After.
// hasNextPage is known from one extra row; hasPreviousPage is true when the page does not
// start at the first edge.
func (s *Store) Connection(ctx context.Context, q plan.ConnectionQuery) (*plan.Connection, error) {
	p := newParams()
	sc, err := compileScope(q.Scope, p)
	if err != nil {
		return nil, err
	}
	first, offset, err := s.lim.connPage(q.First, q.After, sc.rel)
	if err != nil {
		return nil, err
	}
	var cypher string
	if sc.rel {
		order, err := orderByConn(sc.t, "n", "r", q.Sort)
		if err != nil {
			return nil, err
		}
		cypher = sc.match + where(sc.pred) + " WITH n, r" + order +
			" SKIP $offset LIMIT $limit RETURN " + nodeProjection("n") + " AS node, " +
			edgeProjection("r") + " AS rel"
	} else {
		order, err := orderBy(sc.t, "n", q.Sort)
		if err != nil {
			return nil, err
		}
		cypher = sc.match + where(sc.pred) + " WITH DISTINCT n" + order +
			" SKIP $offset LIMIT $limit RETURN " + nodeProjection("n") + " AS node, null AS rel"
	}
	p.m["offset"], p.m["limit"] = offset, first+1
	recs, err := s.read(ctx, "Connection", cypher, p.m)
	if err != nil {
		return nil, fmt.Errorf("connection of %s: %w", sc.t, err)
	}
	c := &plan.Connection{Scope: q.Scope, Edges: []*plan.Edge{}}
	err = page(c, len(recs), first, offset, func(i int) (reform.Entity, *plan.EdgeProperties, error) {
		m := recs[i].AsMap()
		e, err := decodeNode(m["node"])
		if err != nil || m["rel"] == nil {
			return e, nil, err
		}
		props, err := decodeEdge(m["rel"])
		return e, props, err
	})
	if err != nil {
		return nil, err
	}
	return c, nil
}

// Count counts the distinct entities and the edges of a scope, with one count statement.
func (s *Store) Count(ctx context.Context, sc plan.Scope) (*plan.Count, error) {
	p := newParams()
	c, err := compileScope(sc, p)
	if err != nil {
		return nil, err
	}
	recs, err := s.read(ctx, "Count", countCypher(c), p.m)
	if err != nil {
		return nil, fmt.Errorf("count of %s: %w", c.t, err)
	}
	if len(recs) != 1 {
		return nil, fmt.Errorf("%w: count of %s: %d records, want 1", reform.ErrUnexpectedShape, c.t, len(recs))
	}
	return decodeCount(recs[0].AsMap())
}

// countCypher counts the distinct entities and the edges of a compiled scope. A root scope
// without a filter is the number of nodes of its label, which Neo4j reads from its count
// store (NodeCountFromCountStore: constant time, no scan); its nodes and edges are equal.
func countCypher(c *scope) string {
	if !c.rel && c.pred == "" {
		return c.match + " WITH count(n) AS c RETURN c AS nodes, c AS edges"
	}
	return c.match + where(c.pred) + " RETURN count(DISTINCT n) AS nodes, count(*) AS edges"
}

// aggregateFields are the fields of type t that aggregate: the common strings and the
// type's own strings, integers and floats.
func aggregateFields(t reform.EntityType) []reform.FieldSpec {
	fs := []reform.FieldSpec{{Name: "name", Kind: reform.KindString}, {Name: "nameEn", Kind: reform.KindString},
		{Name: "description", Kind: reform.KindString}}
	for _, f := range reform.TypeFields(t) {
		if f.Kind == reform.KindString || f.Kind == reform.KindInt || f.Kind == reform.KindFloat {
			fs = append(fs, f)
		}
	}
	return fs
}

// AggregateNode computes, in one statement over the distinct entities of the scope, min, max,
// average and sum of every numeric field and the shortest and longest value of every string
// field (ties broken by the lexically first). Values are keyed by field name, as the
// <Type>AggregateNode GraphQL types expect.
func (s *Store) AggregateNode(ctx context.Context, sc plan.Scope) (map[string]any, error) {
	p := newParams()
	c, err := compileScope(sc, p)
	if err != nil {
		return nil, err
	}
	fields := aggregateFields(c.t)
	cols := aggregateColumns(fields, "n")
	for i := range cols {
		cols[i] += " AS c" + strconv.Itoa(i)
	}
	// A fixed order of rows makes the floating-point sums the same on every run.
	recs, err := s.read(ctx, "AggregateNode", c.match+where(c.pred)+" WITH DISTINCT n ORDER BY n.id RETURN "+strings.Join(cols, ", "), p.m)
	if err != nil {
		return nil, fmt.Errorf("aggregate of %s: %w", c.t, err)
	}
	if len(recs) != 1 {
		return nil, fmt.Errorf("%w: aggregate of %s: %d records, want 1", reform.ErrUnexpectedShape, c.t, len(recs))
	}
	vals := make([]any, len(fields))
	for i := range fields {
		if vals[i], err = value(recs[0], "c"+strconv.Itoa(i)); err != nil {
			return nil, err
		}
	}
	return decodeAggregateNode(c.t, fields, vals)
}

// aggregateColumns returns, for each of fields, the aggregating expression over variable x:
// [shortest, longest] of a string field, [min, max, average, sum] of a number field.
func aggregateColumns(fields []reform.FieldSpec, x string) []string {
	cols := make([]string, 0, len(fields))
	for _, f := range fields {
		// Field names come from reform's fixed table.
		v := x + "." + f.Name
		if f.Kind == reform.KindString {
			pick := func(cmp string) string {
				return "reduce(s = null, x IN collect(" + v + ") | CASE WHEN s IS NULL OR size(x) " + cmp +
					" size(s) OR (size(x) = size(s) AND x < s) THEN x ELSE s END)"
			}
			cols = append(cols, "["+pick("<")+", "+pick(">")+"]")
			continue
		}
		cols = append(cols, "[min("+v+"), max("+v+"), avg("+v+"), CASE WHEN count("+v+") = 0 THEN null ELSE sum("+v+") END]")
	}
	return cols
}

// selectedAggregateFields are the aggregating fields of t that names selects (all of them
// when names is nil), in the fixed order of aggregateFields, and whether any of them is a
// floating-point field (whose sum and average depend on the order of the rows).
func selectedAggregateFields(t reform.EntityType, names []string) (fields []reform.FieldSpec, float bool) {
	for _, f := range aggregateFields(t) {
		if names != nil && !slices.Contains(names, f.Name) {
			continue
		}
		fields = append(fields, f)
		float = float || f.Kind == reform.KindFloat
	}
	return fields, float
}

// decodeAggregateNode reads the values of aggregateColumns, keyed by field name.
func decodeAggregateNode(t reform.EntityType, fields []reform.FieldSpec, vals []any) (map[string]any, error) {
	out := make(map[string]any, len(fields))
	for i, f := range fields {
		var v any
		if i < len(vals) {
			v = vals[i]
		}
		what := "aggregate of " + typeName(t) + "." + f.Name
		l, err := as[[]any](v, what)
		if err != nil {
			return nil, err
		}
		if want := aggregateWidth(f.Kind); len(l) != want {
			return nil, fmt.Errorf("%w: %s has %d values, want %d", reform.ErrUnexpectedShape, what, len(l), want)
		}
		n := numbers{what: what}
		switch f.Kind {
		case reform.KindString:
			agg := &plan.StringAggregate{}
			if agg.Shortest, err = opt[string](l[0], what+" shortest"); err != nil {
				return nil, err
			}
			if agg.Longest, err = opt[string](l[1], what+" longest"); err != nil {
				return nil, err
			}
			out[f.Name] = agg
		case reform.KindInt:
			out[f.Name] = &plan.IntAggregate{Min: n.int(l[0]), Max: n.int(l[1]), Average: n.float(l[2]), Sum: n.int(l[3])}
		case reform.KindFloat:
			out[f.Name] = &plan.FloatAggregate{Min: n.float(l[0]), Max: n.float(l[1]), Average: n.float(l[2]), Sum: n.float(l[3])}
		}
		if n.err != nil {
			return nil, n.err
		}
	}
	return out, nil
}

// aggregateWidth is the number of values aggregateColumns returns for a field of kind k.
func aggregateWidth(k reform.FieldKind) int {
	if k == reform.KindString {
		return 2
	}
	return 4
}

// numbers reads the optional numbers of one aggregate; the first value that is not a number
// (nor null) is kept in err.
type numbers struct {
	what string
	err  error
}

func (n *numbers) number(v any) (float64, bool) {
	switch x := v.(type) {
	case int64:
		return float64(x), true
	case float64:
		return x, true
	case nil:
	default:
		if n.err == nil {
			n.err = shapeError(n.what, v, "a number")
		}
	}
	return 0, false
}

func (n *numbers) int(v any) *int {
	if i, ok := v.(int64); ok {
		x := int(i)
		return &x
	}
	f, ok := n.number(v)
	if !ok {
		return nil
	}
	x := int(f)
	return &x
}

// float reads a number, rounded to 12 significant digits so that sums and averages do not
// show the noise of binary floating point (50.80625, not 50.80625000000001).
func (n *numbers) float(v any) *float64 {
	f, ok := n.number(v)
	if !ok {
		return nil
	}
	if _, isFloat := v.(float64); isFloat {
		f, _ = strconv.ParseFloat(strconv.FormatFloat(f, 'g', 12, 64), 64)
	}
	return &f
}

// GroupBy groups the distinct entities of the scope by one field: a scalar field of the type
// (its value), a relationship field (the entity at the other end; an entity with several is in
// several groups, one with none in the null group), or, for any entity, "type". Largest groups
// first, then by value; at most limit groups (default DefaultGroups).
func (s *Store) GroupBy(ctx context.Context, sc plan.Scope, field string, limit *int) ([]*plan.Group, error) {
	n, err := bounded("limit", limit, DefaultGroups, 1, MaxGroups)
	if err != nil {
		return nil, err
	}
	p := newParams()
	c, err := compileScope(sc, p)
	if err != nil {
		return nil, err
	}
	head := c.match + where(c.pred) + " WITH DISTINCT n"
	var cypher string
	switch {
	case c.t == "" && field == "type":
		cypher = head + " WITH n ORDER BY n.id WITH [l IN labels(n) WHERE l <> 'Entity'][0] AS k, collect(n.id) AS ids" +
			" RETURN k, ids, null AS g ORDER BY size(ids) DESC, k ASC LIMIT $glimit"
	case c.t != "" && hasTypeField(c.t, field):
		// The field name comes from reform's fixed table.
		cypher = head + " WITH n ORDER BY n.id WITH n." + field + " AS k, collect(n.id) AS ids" +
			" RETURN k, ids, null AS g ORDER BY size(ids) DESC, k ASC LIMIT $glimit"
	default:
		rel, ok := reform.RelationField(c.t, field)
		if !ok {
			return nil, badInput("cannot group %s by %q", typeName(c.t), field)
		}
		cypher = head + " OPTIONAL MATCH " + pattern("n", rel, "g") +
			" WITH DISTINCT n, g ORDER BY n.id WITH g, collect(n.id) AS ids" +
			" RETURN g.id AS k, ids, CASE WHEN g IS NULL THEN null ELSE " + nodeProjection("g") + " END AS g" +
			" ORDER BY size(ids) DESC, k ASC LIMIT $glimit"
	}
	p.m["glimit"] = int64(n)
	recs, err := s.read(ctx, "GroupBy", cypher, p.m)
	if err != nil {
		return nil, fmt.Errorf("group %s by %s: %w", c.t, field, err)
	}
	groups := make([]*plan.Group, 0, len(recs))
	for _, r := range recs {
		g, err := decodeGroup(c.t, r.AsMap(), decodeNode)
		if err != nil {
			return nil, err
		}
		groups = append(groups, g)
	}
	return groups, nil
}

func hasTypeField(t reform.EntityType, name string) bool {
	_, ok := reform.TypeField(t, name)
	return ok
}

// decodeGroup reads one group of entities of type t: the grouped value k, the member ids,
// and g, the entity grouped by (null unless grouping by a relationship field), which entity
// decodes.
func decodeGroup(t reform.EntityType, m map[string]any, entity func(any) (reform.Entity, error)) (*plan.Group, error) {
	ids, err := list[string](m["ids"], "group ids")
	if err != nil {
		return nil, err
	}
	g := &plan.Group{Type: t, Value: valueText(m["k"]), Count: len(ids), IDs: ids}
	if gv := m["g"]; gv != nil {
		if g.Entity, err = entity(gv); err != nil {
			return nil, err
		}
	}
	return g, nil
}

// valueText renders a grouped value as text.
func valueText(v any) *string {
	var s string
	switch x := v.(type) {
	case nil:
		return nil
	case string:
		s = x
	case int64:
		s = strconv.FormatInt(x, 10)
	case float64:
		s = strconv.FormatFloat(x, 'f', -1, 64)
	case bool:
		s = strconv.FormatBool(x)
	default:
		s = fmt.Sprint(x)
	}
	return &s
}
