package graph

import (
	"reflect"
	"testing"

	"github.com/reformhub/hub/internal/reform"
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
		want []reform.SortKey
	}{
		{"objects in order, keys by name", []map[string]any{{"year": "DESC"}, {"year": "ASC", "name": "DESC"}}, false,
			[]reform.SortKey{{Field: "year", Dir: "DESC"}, {Field: "name", Dir: "DESC"}, {Field: "year", Dir: "ASC"}}},
		{"one object stands for a list", map[string]any{"name": "ASC"}, false, []reform.SortKey{{Field: "name", Dir: "ASC"}}},
		{"gqlgen values", []any{map[string]any{"year": &dir, "name": (*string)(nil), "area": nil, "kind": direction("ASC")}}, false,
			[]reform.SortKey{{Field: "kind", Dir: "ASC"}, {Field: "year", Dir: "DESC"}}},
		{"a direction that is no text stays refusable", []any{map[string]any{"name": 1}}, false, []reform.SortKey{{Field: "name", Dir: ""}}},
		{"connection parts by name", []map[string]any{{"node": map[string]any{"year": "ASC", "name": "DESC"}, "edge": map[string]any{"type": "DESC"}}}, true,
			[]reform.SortKey{{On: "edge", Field: "type", Dir: "DESC"}, {On: "node", Field: "name", Dir: "DESC"}, {On: "node", Field: "year", Dir: "ASC"}}},
		{"connection part null", []any{map[string]any{"node": nil, "edge": map[string]any{"implied": "ASC"}}}, true,
			[]reform.SortKey{{On: "edge", Field: "implied", Dir: "ASC"}}},
		{"absent", nil, false, nil},
	}
	for _, tc := range cases {
		if got := sortArg(tc.arg, tc.conn); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s: sortArg(%v) = %+v, want %+v", tc.name, tc.arg, got, tc.want)
		}
	}
}
