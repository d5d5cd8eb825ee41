package loader

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/reformhub/hub/internal/reform"
	"github.com/reformhub/hub/internal/store"
)

// DefaultBatchSize is the number of nodes or relationships Load writes per transaction when
// Options.BatchSize is not set.
const DefaultBatchSize = 5000

// DefaultWorkers is the number of concurrent write transactions `hub load` uses when not told
// (Options.Workers); Load itself writes one batch at a time unless Options.Workers says more.
const DefaultWorkers = 2

// Writer is what Load needs from the database; *store.Store implements it. Each Merge call is
// one transaction and merges on ids, so repeating it changes nothing.
type Writer interface {
	// EnsureSchema creates the constraints and indexes the graph needs, if missing.
	EnsureSchema(ctx context.Context) error
	// MergeNodes creates or updates nodes of one type; each row's properties replace the
	// node's.
	MergeNodes(ctx context.Context, label reform.EntityType, rows []map[string]any) error
	// MergeRelationships creates or updates relationships of one type between existing
	// nodes; each row's properties replace the relationship's.
	MergeRelationships(ctx context.Context, relType reform.RelType, rows []store.RelRow) error
}

// Options tunes Load.
type Options struct {
	BatchSize int // nodes or relationships per transaction; DefaultBatchSize when <= 0
	// Workers is the number of write transactions Load runs at a time. With 1 (or less)
	// Load writes batch after batch in the documented order; with more, see loadParallel.
	Workers  int
	Progress io.Writer // where progress lines and the final summary go; nil for none
}

// Load writes ds through w: the schema, then the documents, then the entities grouped by type
// (in the order of reform.EntityTypes), then the relationships grouped by type (in the order of
// reform.RelTypes). Each batch is one transaction; after each, a line such as
// "Task: 120/300 nodes" goes to opts.Progress, and the summary at the end.
//
// ds must come from Parse (Load does not validate it again). Loading a dataset twice leaves
// the graph as the first load left it. On error the returned Summary counts the batches
// written before it; they stay written, and loading again completes the dataset.
func Load(ctx context.Context, ds *Dataset, w Writer, opts Options) (Summary, error) {
	if ds == nil {
		return Summary{}, errors.New("load: no dataset")
	}
	size := opts.BatchSize
	if size <= 0 {
		size = DefaultBatchSize
	}
	sum := newSummary(ds.ID)
	if err := w.EnsureSchema(ctx); err != nil {
		return sum, fmt.Errorf("load %s: %w", ds.ID, err)
	}
	if opts.Workers > 1 {
		return loadParallel(ctx, ds, w, opts.Workers, size, opts.Progress, sum)
	}

	nodes := map[reform.EntityType][]map[string]any{}
	for _, d := range ds.Documents {
		nodes[reform.TypeDocument] = append(nodes[reform.TypeDocument], documentRow(d, ds.ID))
	}
	for _, e := range ds.Entities {
		nodes[e.Type] = append(nodes[e.Type], entityRow(e, ds.ID))
	}
	for _, t := range nodeOrder() {
		err := inBatches(nodes[t], size, func(batch []map[string]any, done int) error {
			if err := w.MergeNodes(ctx, t, batch); err != nil {
				return err
			}
			sum.addNodes(t, len(batch))
			progress(opts.Progress, "%s: %d/%d nodes\n", t, done, len(nodes[t]))
			return nil
		})
		if err != nil {
			return sum, fmt.Errorf("load %s: %w", ds.ID, err)
		}
	}

	rels := map[reform.RelType][]store.RelRow{}
	for _, r := range ds.Relationships {
		rels[r.Type] = append(rels[r.Type], relRow(r, ds.ID))
	}
	for _, t := range reform.RelTypes {
		err := inBatches(rels[t], size, func(batch []store.RelRow, done int) error {
			if err := w.MergeRelationships(ctx, t, batch); err != nil {
				return err
			}
			sum.addRels(t, len(batch))
			progress(opts.Progress, "%s: %d/%d relationships\n", t, done, len(rels[t]))
			return nil
		})
		if err != nil {
			return sum, fmt.Errorf("load %s: %w", ds.ID, err)
		}
	}
	progress(opts.Progress, "%s", sum)
	return sum, nil
}

// nodeOrder is the order in which Load writes node types: documents first (evidence points at
// them), then the others in the order of reform.EntityTypes.
func nodeOrder() []reform.EntityType {
	order := []reform.EntityType{reform.TypeDocument}
	for _, t := range reform.EntityTypes {
		if t != reform.TypeDocument {
			order = append(order, t)
		}
	}
	return order
}

// inBatches calls write with consecutive batches of at most size items of all, and with the
// number of items written once the batch is.
func inBatches[T any](all []T, size int, write func(batch []T, done int) error) error {
	for start := 0; start < len(all); start += size {
		end := min(start+size, len(all))
		if err := write(all[start:end], end); err != nil {
			return err
		}
	}
	return nil
}

// progress writes one formatted progress message to w, if there is one. Progress output is
// best effort: its write errors are ignored.
func progress(w io.Writer, format string, args ...any) {
	if w != nil {
		_, _ = fmt.Fprintf(w, format, args...)
	}
}
