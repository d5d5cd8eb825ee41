package graph

import (
	"reflect"
	"testing"

	"github.com/reformhub/hub/internal/plan"
)

// The sort argument is coerced once, here: objects in order, each object's keys in name order,
// keys without a direction (null) left out, pointers and named strings read as text.
func TestSortArg(t *testing.T) {
	type direction string
	dir := "DESC"
	cases := []struct {
		name string
		arg  any
		conn bool
		want []plan.SortKey
	}{
		{"objects in order, keys by name", []map[string]any{{"year": "DESC"}, {"year": "ASC", "name": "DESC"}}, false,
			[]plan.SortKey{{Field: "year", Dir: "DESC"}, {Field: "name", Dir: "DESC"}, {Field: "year", Dir: "ASC"}}},
		{"one object stands for a list", map[string]any{"name": "ASC"}, false, []plan.SortKey{{Field: "name", Dir: "ASC"}}},
		{"gqlgen values", []any{map[string]any{"year": &dir, "name": (*string)(nil), "area": nil, "kind": direction("ASC")}}, false,
			[]plan.SortKey{{Field: "kind", Dir: "ASC"}, {Field: "year", Dir: "DESC"}}},
		{"a direction that is no text stays refusable", []any{map[string]any{"name": 1}}, false, []plan.SortKey{{Field: "name", Dir: ""}}},
		{"connection parts by name", []map[string]any{{"node": map[string]any{"year": "ASC", "name": "DESC"}, "edge": map[string]any{"type": "DESC"}}}, true,
			[]plan.SortKey{{On: "edge", Field: "type", Dir: "DESC"}, {On: "node", Field: "name", Dir: "DESC"}, {On: "node", Field: "year", Dir: "ASC"}}},
		{"connection part null", []any{map[string]any{"node": nil, "edge": map[string]any{"implied": "ASC"}}}, true,
			[]plan.SortKey{{On: "edge", Field: "implied", Dir: "ASC"}}},
		{"absent", nil, false, nil},
	}
	for _, tc := range cases {
		if got := sortArg(tc.arg, tc.conn); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s: sortArg(%v) = %+v, want %+v", tc.name, tc.arg, got, tc.want)
		}
	}
}

// gqlgen hands over filter values as pointers, typed slices and named string types; the edge
// coerces them once into the plain values the store compiles (internal/store's
// TestCompileWhereCoercedValues compiles this tree's result), keeping an empty list apart
// from an absent one.
func TestCoerce(t *testing.T) {
	type entityType string
	year, status := 2021, "COMPLETED"
	var noArea *string
	w := map[string]any{
		"year":   map[string]any{"eq": &year, "in": []int{2020, 2021}, "lt": (*int)(nil)},
		"status": map[string]any{"eq": &status},
		"area":   map[string]any{"eq": noArea},
		"AND":    []map[string]any{{"name": map[string]any{"contains": ptr("改革")}}},
		"OR":     []any(nil),
		"NOT":    map[string]any{"type": map[string]any{"in": []entityType{"Task"}}, "value": map[string]any{"lt": float32(1.5)}},
	}
	want := map[string]any{
		"year":   map[string]any{"eq": int64(2021), "in": []any{int64(2020), int64(2021)}, "lt": nil},
		"status": map[string]any{"eq": "COMPLETED"},
		"area":   map[string]any{"eq": nil},
		"AND":    []any{map[string]any{"name": map[string]any{"contains": "改革"}}},
		"OR":     []any{},
		"NOT":    map[string]any{"type": map[string]any{"in": []any{"Task"}}, "value": map[string]any{"lt": 1.5}},
	}
	if got := whereArg(w); !reflect.DeepEqual(got, want) {
		t.Errorf("whereArg = %#v\nwant       %#v", got, want)
	}
	if whereArg(nil) != nil || whereArg((map[string]any)(nil)) != nil || whereArg(map[string]any{}) == nil {
		t.Errorf("an absent where must stay absent, an empty one empty")
	}
}
