package differential

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/vektah/gqlparser/v2/ast"
)

// Data holds values the loaded graph has, per entity type and field, for the generator's
// filters: comparisons on values that exist select something.
type Data struct {
	// values[type][field] are the distinct values of that scalar field (string, float64).
	values map[string]map[string][]any
	// ids[type] are the ids of that type; types lists the types with entities.
	ids   map[string][]string
	types []string
}

// sampleSize is how many entities of each type Sample reads (the first by id, then a page
// further on, so that big corpora are sampled beyond their first ids).
const sampleSize = 400

// Sample reads values from the graph through the hub's root lists (the fields both schemas
// have): for every entity type, up to 2×sampleSize entities with their scalar fields.
func Sample(ctx context.Context, c *Client, s *Schemas) (*Data, error) {
	d := &Data{values: map[string]map[string][]any{}, ids: map[string][]string{}}
	root := s.query()
	for _, f := range s.fields(root) {
		t := s.sub(f)
		if f.typ().Elem == nil || t.kind() != ast.Object || t.libOnly() || t.lib.Fields.ForName("id") == nil {
			continue
		}
		if _, ok := s.args(f)["limit"]; !ok {
			continue
		}
		var sel []string
		for _, sf := range s.fields(t) {
			if leaf(s.Lib, sf.lib.Type.Name()) {
				sel = append(sel, sf.name)
			}
		}
		name := t.lib.Name
		vals := map[string][]any{}
		seen := map[string]map[string]bool{}
		for _, offset := range []int{0, 2 * sampleSize} {
			q := fmt.Sprintf("{ r: %s(limit: %d, offset: %d, sort: [{id: ASC}]) { %s } }", f.name, sampleSize, offset, strings.Join(sel, " "))
			ans, err := c.Post(ctx, c.Hub, q)
			if err != nil {
				return nil, fmt.Errorf("sampling %s: %w", f.name, err)
			}
			if len(ans.Errors) > 0 {
				return nil, fmt.Errorf("sampling %s: %s", f.name, ans.Errors)
			}
			var page struct {
				R []map[string]any `json:"r"`
			}
			if err := json.Unmarshal(ans.Data, &page); err != nil {
				return nil, fmt.Errorf("sampling %s: %w", f.name, err)
			}
			for _, e := range page.R {
				if id, ok := e["id"].(string); ok {
					d.ids[name] = append(d.ids[name], id)
				}
				for k, v := range e {
					if v == nil {
						continue
					}
					if list, isList := v.([]any); isList {
						for _, x := range list {
							addValue(vals, seen, k, x)
						}
						continue
					}
					addValue(vals, seen, k, v)
				}
			}
		}
		if len(d.ids[name]) == 0 {
			continue
		}
		for k := range vals {
			sort.Slice(vals[k], func(i, j int) bool { return fmt.Sprint(vals[k][i]) < fmt.Sprint(vals[k][j]) })
		}
		d.values[name] = vals
		d.types = append(d.types, name)
	}
	if len(d.types) == 0 {
		return nil, fmt.Errorf("the graph holds no entity the hub lists")
	}
	slices.Sort(d.types)
	return d, nil
}

func addValue(vals map[string][]any, seen map[string]map[string]bool, k string, v any) {
	if seen[k] == nil {
		seen[k] = map[string]bool{}
	}
	key := fmt.Sprint(v)
	if !seen[k][key] {
		seen[k][key] = true
		vals[k] = append(vals[k], v)
	}
}

// valuesOf returns the values of field f over the types named (an interface: all of them).
func (d *Data) valuesOf(types []string, f string) []any {
	var out []any
	for _, t := range types {
		out = append(out, d.values[t][f]...)
	}
	return out
}

// idsOf returns the ids of the types named.
func (d *Data) idsOf(types []string) []string {
	var out []string
	for _, t := range types {
		out = append(out, d.ids[t]...)
	}
	return out
}
