package store

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/reformhub/hub/internal/plan"
	"github.com/reformhub/hub/internal/reform"
)

// The columns of a node aggregate and of a groupBy, and their decoders.

// Bounds of groupBy.
const (
	DefaultGroups = 100
	MaxGroups     = 1000
)

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

// aggregateColumns returns, for each of fields, the aggregating expression over variable x:
// [shortest, longest] of a string field, [min, max, average, sum] of a number field (over the
// values present: each null when there are none, but sum, which is 0).
func aggregateColumns(p *params, fields []reform.FieldSpec, x string) []string {
	vals := make([]string, len(fields))
	for i, f := range fields {
		// Field names come from reform's fixed table.
		vals[i] = p.prop(x, f.Name)
	}
	return aggregateOf(fields, vals)
}

// aggregateOf is aggregateColumns over the value expressions vals of fields (one each).
func aggregateOf(fields []reform.FieldSpec, vals []string) []string {
	cols := make([]string, 0, len(fields))
	for i, f := range fields {
		v := vals[i]
		if f.Kind == reform.KindString {
			pick := func(cmp string) string {
				return "reduce(s = null, x IN collect(" + v + ") | CASE WHEN s IS NULL OR size(x) " + cmp +
					" size(s) OR (size(x) = size(s) AND x < s) THEN x ELSE s END)"
			}
			cols = append(cols, "["+pick("<")+", "+pick(">")+"]")
			continue
		}
		// sum is 0 over no value (Cypher's and v7's sum), the others null.
		cols = append(cols, "[min("+v+"), max("+v+"), avg("+v+"), sum("+v+")]")
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

// indexEnds is the node aggregate of fields over a root connection's scope sc when every
// aggregate asked of them (fns, plan.AggregateSelection.NodeAggregates) is a min or a max
// and nothing filters the scope (unfiltered, plain mode): each field's smallest and largest
// value read from its range index (fieldIndexes) in order, one entry each (NodeIndexScan in
// index order, then Limit), where min() and max() read every entity of the type. The values
// are aggregateColumns' [min, max, average, sum] with null for what is not asked. A range
// index holds no null, and `v IS NOT NULL` also keeps a descending read from starting with
// the entities that have no value; none has one: null, as min() and max() over no value.
// ok is false when the form does not apply: a relationship's connection, a filter, pending
// or filtered mode (where a value is the caller's merge, not the indexed one), a string
// field, a field without an index, an average or a sum.
func indexEnds(p *params, sc *connScope, unfiltered bool, fields []reform.FieldSpec, fns map[string][]string) (string, bool) {
	if sc.r != "" || sc.t == "" || !unfiltered || p.pending || p.vis || len(fields) == 0 || fns == nil ||
		strings.Contains(sc.match, " WHERE ") {
		return "", false
	}
	indexed := map[string]bool{}
	for _, ix := range fieldIndexes() {
		if ix.label == string(sc.t) {
			indexed[ix.prop] = true
		}
	}
	cols := make([]string, 0, len(fields))
	for _, f := range fields {
		asked, ok := fns[f.Name]
		if !ok || f.Kind == reform.KindString || !indexed[f.Name] {
			return "", false
		}
		end := func(fn, dir string) string {
			if !slices.Contains(asked, fn) {
				return "null"
			}
			// f.Name comes from reform's fixed table; sc.match is `MATCH (n:<type label>)`.
			v := sc.n + "." + f.Name
			return "head(COLLECT { " + sc.match + " WHERE " + v + " IS NOT NULL RETURN " + v + " AS v ORDER BY v " + dir + " LIMIT 1 })"
		}
		for _, fn := range asked {
			if fn != "min" && fn != "max" {
				return "", false
			}
		}
		cols = append(cols, "["+end("min", "ASC")+", "+end("max", "DESC")+", null, null]")
	}
	return "[" + strings.Join(cols, ", ") + "]", true
}
