package loader

import (
	"context"
	"fmt"
	"hash/fnv"
	"io"
	"slices"
	"sync"

	"github.com/reformhub/hub/internal/reform"
	"github.com/reformhub/hub/internal/store"
)

// relBucketsPerWorker is how many buckets of relationships (by from id) there are per worker:
// enough that the buckets even out among the workers, few enough that batches stay full.
const relBucketsPerWorker = 8

// loadParallel is Load with workers write transactions at a time, for large datasets. It
// writes all nodes first (the batches of every type on one queue: nodes of distinct ids never
// contend), then all relationships. Relationships are split into buckets by a hash of their
// from id; each worker takes the biggest bucket left and writes it type by type, in the order
// of reform.RelTypes. So the many relationships of a hub node (a department responsible for
// thousands of tasks) are written by one worker, batch after batch, rather than by all of them
// queueing for its lock. The graph written is the same as Load's; only the order of the
// transactions differs. A transaction that fails for a transient reason (a deadlock between
// two workers on a shared to node) is retried by the Writer.
//
// On the first error the workers stop taking batches; the Summary counts the batches that
// were written.
func loadParallel(ctx context.Context, ds *Dataset, w Writer, workers, size int, prog io.Writer, sum Summary) (Summary, error) {
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	var (
		mu    sync.Mutex
		total = map[string]int{}
		done  = map[string]int{}
	)
	// finished records a written batch of n items of what ("Task nodes") and reports it.
	finished := func(name, kind string, n int, count func()) {
		mu.Lock()
		defer mu.Unlock()
		count()
		key := name + " " + kind
		done[key] += n
		progress(prog, "%s: %d/%d %s\n", name, done[key], total[key], kind)
	}

	// Nodes: every batch of every type, in the order of nodeOrder, on a shared queue.
	byType := map[reform.EntityType][]int{}
	for i, e := range ds.Entities {
		byType[e.Type] = append(byType[e.Type], i)
	}
	total["Document nodes"] = len(ds.Documents)
	for t, idx := range byType {
		total[string(t)+" nodes"] = len(idx)
	}
	nodeJobs := make(chan func() error)
	go func() {
		defer close(nodeJobs)
		send := func(job func() error) bool {
			select {
			case nodeJobs <- job:
				return true
			case <-ctx.Done():
				return false
			}
		}
		for start := 0; start < len(ds.Documents); start += size {
			docs := ds.Documents[start:min(start+size, len(ds.Documents))]
			if !send(func() error {
				rows := make([]map[string]any, len(docs))
				for i, d := range docs {
					rows[i] = documentRow(d, ds.ID)
				}
				return writeNodes(ctx, w, reform.TypeDocument, rows, &sum, finished)
			}) {
				return
			}
		}
		for _, t := range nodeOrder() {
			idx := byType[t]
			for start := 0; start < len(idx); start += size {
				part := idx[start:min(start+size, len(idx))]
				if !send(func() error {
					rows := make([]map[string]any, len(part))
					for i, k := range part {
						rows[i] = entityRow(ds.Entities[k], ds.ID)
					}
					return writeNodes(ctx, w, t, rows, &sum, finished)
				}) {
					return
				}
			}
		}
	}()
	run(workers, cancel, func(int) error {
		for job := range nodeJobs {
			if err := job(); err != nil {
				return err
			}
		}
		return nil
	})
	if err := context.Cause(ctx); err != nil {
		return sum, fmt.Errorf("load %s: %w", ds.ID, err)
	}

	// Relationships: split into buckets by from id, the biggest bucket first; a worker takes
	// one bucket at a time and writes it type by type.
	buckets := make([]map[reform.RelType][]int, workers*relBucketsPerWorker)
	sizes := make([]int, len(buckets))
	for k := range buckets {
		buckets[k] = map[reform.RelType][]int{}
	}
	for i, r := range ds.Relationships {
		h := fnv.New32a()
		_, _ = h.Write([]byte(r.From))
		k := int(h.Sum32() % uint32(len(buckets)))
		buckets[k][r.Type] = append(buckets[k][r.Type], i)
		sizes[k]++
		total[string(r.Type)+" relationships"]++
	}
	order := make([]int, len(buckets))
	for k := range order {
		order[k] = k
	}
	slices.SortStableFunc(order, func(a, b int) int { return sizes[b] - sizes[a] })
	queue := make(chan int, len(order))
	for _, k := range order {
		queue <- k
	}
	close(queue)
	run(workers, cancel, func(int) error {
		for k := range queue {
			for _, t := range reform.RelTypes {
				idx := buckets[k][t]
				for start := 0; start < len(idx); start += size {
					if ctx.Err() != nil {
						return nil //nolint:nilerr // cancelled because another worker failed: run reports that error
					}
					part := idx[start:min(start+size, len(idx))]
					rows := make([]store.RelRow, len(part))
					for i, j := range part {
						rows[i] = relRow(ds.Relationships[j], ds.ID)
					}
					if err := w.MergeRelationships(ctx, t, rows); err != nil {
						return err
					}
					finished(string(t), "relationships", len(rows), func() { sum.addRels(t, len(rows)) })
				}
			}
		}
		return nil
	})
	if err := context.Cause(ctx); err != nil {
		return sum, fmt.Errorf("load %s: %w", ds.ID, err)
	}
	progress(prog, "%s", sum)
	return sum, nil
}

// writeNodes writes one batch of nodes and counts it.
func writeNodes(ctx context.Context, w Writer, t reform.EntityType, rows []map[string]any, sum *Summary,
	finished func(name, kind string, n int, count func())) error {
	if err := w.MergeNodes(ctx, t, rows); err != nil {
		return err
	}
	finished(string(t), "nodes", len(rows), func() { sum.addNodes(t, len(rows)) })
	return nil
}

// run runs work(0..n-1) at once and waits for all; the first error cancels the others.
func run(n int, cancel context.CancelCauseFunc, work func(k int) error) {
	var wg sync.WaitGroup
	for k := range n {
		wg.Go(func() {
			if err := work(k); err != nil {
				cancel(err)
			}
		})
	}
	wg.Wait()
}
