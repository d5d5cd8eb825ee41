package store

import (
	"context"
	"slices"

	hubconfig "github.com/reformhub/hub/internal/config"
	"github.com/reformhub/hub/internal/dataversion"
	"github.com/reformhub/hub/internal/plan"
)

// CompileVisibleForTest is Compile for a caller who may see only the documents docs (filtered
// mode, visibility.go), in plain mode.
func CompileVisibleForTest(root *plan.Root, docs []string) (string, map[string]any, error) {
	v := (&visibility{docs: slices.Sorted(slices.Values(docs)), datasets: map[string]bool{}}).params()
	cypher, p, err := compileRoot(root, newLimits(hubconfig.Limits{}), dataversion.Version{}, v)
	if err != nil {
		return "", nil, err
	}
	return cypher, p.m, nil
}

// RowsForTest runs the read statement cypher and returns each record's values, in order.
func (s *Store) RowsForTest(ctx context.Context, cypher string, params map[string]any) ([][]any, error) {
	recs, err := s.read(ctx, "RowsForTest", cypher, params)
	if err != nil {
		return nil, err
	}
	out := make([][]any, len(recs))
	for i, r := range recs {
		out[i] = r.Values
	}
	return out, nil
}

// FieldIndexNamesForTest are the names of the range indexes schema.go creates on the fields
// lists sort and filter on.
func FieldIndexNamesForTest() []string {
	var out []string
	for _, ix := range fieldIndexes() {
		out = append(out, ix.name)
	}
	return out
}

// CompileUnindexedForTest is Compile in the form of the second try after Neo4j's substring
// fault (substringIndexFault): contains and endsWith through toString.
func CompileUnindexedForTest(root *plan.Root) (string, map[string]any, error) {
	cypher, p, err := compileRootWith(root, newLimits(hubconfig.Limits{}), dataversion.Version{}, nil, true)
	if err != nil {
		return "", nil, err
	}
	return cypher, p.m, nil
}

// ReadUnindexedForTest is Read (plain mode, nothing hidden) in the form of the second try after
// Neo4j's substring fault only.
func (s *Store) ReadUnindexedForTest(ctx context.Context, root *plan.Root) (*plan.RootResult, error) {
	cypher, p, err := compileRootWith(root, s.lim, dataversion.Version{}, nil, true)
	if err != nil {
		return nil, err
	}
	recs, err := s.read(ctx, "ReadUnindexedForTest", cypher, p.m)
	if err != nil {
		return nil, err
	}
	d := &planDecoder{lim: s.lim, slots: plan.NewSlots()}
	res := &plan.RootResult{Slots: d.slots}
	return res, d.root(recs, root, res)
}
