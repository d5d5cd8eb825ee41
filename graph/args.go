package graph

import (
	"encoding/json"
	"maps"
	"reflect"
	"slices"

	"github.com/reformhub/hub/internal/plan"
)

// The GraphQL edge's one coercion of arguments: the resolvers and the planner hand the store
// typed values (plan.SortKey, *int) and where trees of plain values only, so the store
// checks names and kinds but never re-coerces Go representations.

// whereArg is a where argument (as gqlgen hands it to a resolver, or from the planner's raw
// arguments) coerced by coerce; nil when absent.
func whereArg(v any) map[string]any {
	m, _ := coerce(v).(map[string]any)
	return m
}

// coerce turns an argument value into plain values: nil, string, int64, float64, bool, []any
// and map[string]any. gqlgen hands over pointers for optional fields (a nil one is null),
// typed slices and named string types for enums; gqlparser gives an empty list literal
// (`OR: []`) as a nil []any where gqlgen's coercion gives an empty one, and the filter
// compiler tells them apart (an empty OR matches nothing, an absent one everything), so a nil
// []any becomes an empty list while any other nil slice is null.
func coerce(v any) any {
	switch x := v.(type) {
	case nil:
		return nil
	case map[string]any:
		if x == nil {
			return nil
		}
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = coerce(e)
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = coerce(e)
		}
		return out
	}
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Pointer, reflect.Interface:
		if rv.IsNil() {
			return nil
		}
		return coerce(rv.Elem().Interface())
	case reflect.Slice, reflect.Array:
		if rv.Kind() == reflect.Slice && rv.IsNil() {
			return nil
		}
		out := make([]any, rv.Len())
		for i := range out {
			out[i] = coerce(rv.Index(i).Interface())
		}
		return out
	case reflect.String:
		return rv.String()
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return rv.Int()
	case reflect.Float32, reflect.Float64:
		return rv.Float()
	}
	return v
}

func listArgs(args map[string]any) plan.ListQuery {
	where := whereArg(args["where"])
	return plan.ListQuery{Where: where, Sort: sortArg(args["sort"], false), Limit: intArg(args["limit"]), Offset: intArg(args["offset"])}
}

// connArgs reads the arguments of connection rs (a relationship field's when rel).
func connArgs(rs *plan.RelSelection, args map[string]any, rel bool) {
	rs.Where = whereArg(args["where"])
	rs.Sort = sortArg(args["sort"], rel)
	rs.First = intArg(args["first"])
	rs.Last = intArg(args["last"])
	rs.After = cursorArg(args["after"])
	rs.Before = cursorArg(args["before"])
}

// cursorArg is a cursor argument (after, before); nil when absent.
func cursorArg(v any) *string {
	if s, ok := v.(string); ok {
		return &s
	}
	return nil
}

// asList is GraphQL's list coercion: a single value stands for a list of one.
func asList(v any) []any {
	switch x := v.(type) {
	case nil:
		return nil
	case []any:
		return x
	}
	return []any{v}
}

// sortArg coerces a sort argument (a list of sort objects, or one object) into sort keys, the
// one coercion every read path shares: the objects in order, each object's keys in name order,
// keys without a direction left out. On a relationship-field connection (conn) each object
// holds a `node` and an `edge` object, whose keys become keys On that part.
func sortArg(v any, conn bool) []plan.SortKey {
	var objects []map[string]any
	if l, ok := v.([]map[string]any); ok {
		objects = l
	} else {
		for _, x := range asList(v) {
			if m, ok := x.(map[string]any); ok {
				objects = append(objects, m)
			}
		}
	}
	var out []plan.SortKey
	for _, m := range objects {
		if !conn {
			out = appendSortKeys(out, "", m)
			continue
		}
		for _, part := range slices.Sorted(maps.Keys(m)) {
			if pm, ok := m[part].(map[string]any); ok {
				out = appendSortKeys(out, part, pm)
			}
		}
	}
	return out
}

// appendSortKeys appends the keys of one sort object, in name order, to keys.
func appendSortKeys(keys []plan.SortKey, on string, m map[string]any) []plan.SortKey {
	for _, name := range slices.Sorted(maps.Keys(m)) {
		if dir, ok := direction(m[name]); ok {
			keys = append(keys, plan.SortKey{On: on, Field: name, Dir: dir})
		}
	}
	return keys
}

// direction is the text of a sort direction; ok is false when there is none (null). A value
// that is no text gives "", which the store refuses as it refuses any other direction.
func direction(v any) (dir string, ok bool) {
	switch x := v.(type) {
	case nil:
		return "", false
	case string:
		return x, true
	case *string:
		if x == nil {
			return "", false
		}
		return *x, true
	}
	if rv := reflect.ValueOf(v); rv.Kind() == reflect.String { // a named string type (an enum)
		return rv.String(), true
	}
	return "", true
}

func intArg(v any) *int {
	var n int
	switch x := v.(type) {
	case int:
		n = x
	case int64:
		n = int(x)
	case int32:
		n = int(x)
	case float64:
		n = int(x)
	case json.Number:
		i, err := x.Int64()
		if err != nil {
			return nil
		}
		n = int(i)
	default:
		return nil
	}
	return &n
}
