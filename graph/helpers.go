package graph

import (
	"fmt"

	"github.com/reformhub/hub/internal/reform"
)

func ptr[T any](v T) *T { return &v }

func listQuery(where map[string]any, sort []map[string]any, limit, offset *int) reform.ListQuery {
	return reform.ListQuery{Where: where, Sort: sort, Limit: limit, Offset: offset}
}

// list narrows the store's entities to the field's Go type. A value of another type means the
// store and the schema disagree: that is an internal error, not something to drop silently.
func list[T reform.Entity](es []reform.Entity, err error) ([]T, error) {
	if err != nil {
		return nil, err
	}
	out := make([]T, 0, len(es))
	for _, e := range es {
		t, ok := e.(T)
		if !ok {
			return nil, fmt.Errorf("store returned %T where %T was expected", e, *new(T))
		}
		out = append(out, t)
	}
	return out, nil
}

// one is list for a single-valued field: the first entity, or nil.
func one[T reform.Entity](es []reform.Entity, err error) (T, error) {
	var zero T
	ts, err := list[T](es, err)
	if err != nil || len(ts) == 0 {
		return zero, err
	}
	return ts[0], nil
}
