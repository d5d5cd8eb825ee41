package graph_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/reformhub/hub/graph"
	"github.com/reformhub/hub/internal/server"
	"github.com/reformhub/hub/internal/store"
	"github.com/reformhub/hub/internal/store/storetest"
	"github.com/reformhub/hub/internal/synth"
	"github.com/reformhub/hub/loader"
)

// answer posts q and returns the response's data (as JSON text, with errors if any) and its
// extensions.dataVersion.
func answer(h http.Handler, q string) (string, int64, error) {
	body, err := json.Marshal(map[string]any{"query": q})
	if err != nil {
		return "", 0, err
	}
	// The deadline a served request has (the grace period below must outlast it).
	ctx, cancel := context.WithTimeout(context.Background(), readerTimeout)
	defer cancel()
	req := httptest.NewRequestWithContext(ctx, http.MethodPost, "/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	var resp struct {
		Data       json.RawMessage `json:"data"`
		Errors     json.RawMessage `json:"errors"`
		Extensions struct {
			DataVersion *int64 `json:"dataVersion"`
		} `json:"extensions"`
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &resp); err != nil {
		return "", 0, fmt.Errorf("%w: %s", err, rec.Body)
	}
	if resp.Extensions.DataVersion == nil {
		return "", 0, fmt.Errorf("no extensions.dataVersion in %s", rec.Body)
	}
	if len(resp.Errors) > 0 {
		return "", 0, fmt.Errorf("errors: %s", resp.Errors)
	}
	return string(resp.Data), *resp.Extensions.DataVersion, nil
}

// readerTimeout bounds each request of TestReadersNeverSeeHalfASync as the server's request
// timeout bounds a served one (a handler called directly has no such deadline).
const readerTimeout = 15 * time.Second

// TestReadersNeverSeeHalfASync runs readers against a hub while a dataset syncs to new content
// (more than 10,000 changes: entities and relationships added, changed and retracted) through
// staging, publishing, the grace period and the apply. Every answer a reader gets must be,
// whole, the answer of the version the response names — the previous version's before the
// publication, the new one's after — for queries over lists, counts, aggregates, one entity,
// search, neighborhoods, stats, claims, changes and datasets.
func TestReadersNeverSeeHalfASync(t *testing.T) {
	opts := storetest.Options(t)
	// Readers are bounded by readerTimeout and learn of a new version within 100 ms: the
	// grace period covers them.
	opts.SyncGrace = readerTimeout + time.Second
	st, err := store.Open(opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = st.Close(context.Background()) })
	ctx := context.Background()
	if err := st.DeleteAll(ctx); err != nil {
		t.Fatal(err)
	}
	if err := st.EnsureSchema(ctx); err != nil {
		t.Fatal(err)
	}
	gen := func(seed uint64) *loader.Dataset {
		dir := filepath.Join(t.TempDir(), "readers")
		if _, err := synth.Generate(synth.Config{Entities: 1000, Seed: seed, ID: "readers"}, dir); err != nil {
			t.Fatal(err)
		}
		ds, err := loader.Parse(dir)
		if err != nil {
			t.Fatal(err)
		}
		return ds
	}
	v1, v2 := gen(1), gen(2)
	if _, err := loader.Load(ctx, v1, st, loader.Options{Wait: true, BatchSize: 2000, Workers: 2}); err != nil {
		t.Fatal(err)
	}

	// Entities to ask about: one both versions have (changed), one only the first has, one
	// only the second has.
	ids := func(ds *loader.Dataset) map[string]string {
		m := map[string]string{}
		for _, e := range ds.Entities {
			m[e.ID] = e.Name
		}
		return m
	}
	ids1, ids2 := ids(v1), ids(v2)
	var both, gone, added, name string
	for _, e := range v1.Entities {
		if n2, ok := ids2[e.ID]; ok && n2 != e.Name && both == "" && strings.HasPrefix(e.ID, "task/") {
			both, name = e.ID, n2
		}
		if _, ok := ids2[e.ID]; !ok && gone == "" {
			gone = e.ID
		}
	}
	for _, e := range v2.Entities {
		if _, ok := ids1[e.ID]; !ok && added == "" {
			added = e.ID
		}
	}
	if both == "" || gone == "" || added == "" {
		t.Fatalf("the two contents lack a changed (%q), a removed (%q) or an added (%q) entity", both, gone, added)
	}
	word := []rune(name)[:1]
	queries := []string{
		`{ stats { entityCounts { type count } relationshipCounts { type count } } }`,
		`{ tasks(sort: [{name: ASC}, {id: ASC}], limit: 40) { id name description year departments { id name } } }`,
		`{ tasksConnection(first: 25, sort: [{id: DESC}]) { totalCount edges { node { id name } } } }`,
		`{ departmentsConnection { totalCount aggregate { count { nodes } } } }`,
		`{ tasksConnection(where: {name: {contains: "` + string(word) + `"}}) { totalCount aggregate { node { year { min max } } groupBy(field: year) { value count } } } }`,
		fmt.Sprintf(`{ a: entity(id: %q) { id name ... on Task { description departments { id } } claims { field value dataset } history { op fields } }
		  b: entity(id: %q) { id name } c: entity(id: %q) { id name } }`, both, gone, added),
		// The first hit only: the order within a tier follows full-text relevance, whose
		// statistics move when the apply adds and removes entities (docs/datasets.md).
		fmt.Sprintf(`{ search(query: %q, limit: 1) { entity { id name } } }`, name),
		fmt.Sprintf(`{ neighborhood(id: %q, depth: 2, limit: 60) { nodes { id name } relationships { type from { id } to { id } } } }`, both),
		`{ changes(since: 0, limit: 200) { version op kind id type from to fields } datasets { id version entities relationships } }`,
	}
	h := server.New(&graph.Resolver{Store: st}, st, server.Options{Logger: slog.New(slog.NewTextHandler(testWriter{t}, &slog.HandlerOptions{Level: slog.LevelWarn})),
		RequestTimeout: readerTimeout, DataVersionInterval: 100 * time.Millisecond})

	want := func(what string) (map[int]string, int64) {
		t.Helper()
		out := map[int]string{}
		var version int64
		for i, q := range queries {
			a, v, err := answer(h, q)
			if err != nil {
				t.Fatalf("%s, query %d: %v", what, i, err)
			}
			out[i], version = a, v
		}
		return out, version
	}
	before, vBefore := want("before the sync")

	type read struct {
		q       int
		answer  string
		version int64
		err     error
		during  bool // before the sync returned
	}
	var (
		mu    sync.Mutex
		reads []read
		wg    sync.WaitGroup
	)
	stop := make(chan struct{})
	syncing := make(chan struct{})
	for r := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := r; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				q := i % len(queries)
				a, v, err := answer(h, queries[q])
				during := true
				select {
				case <-syncing:
					during = false
				default:
				}
				mu.Lock()
				reads = append(reads, read{q, a, v, err, during})
				mu.Unlock()
			}
		}()
	}
	sum, err := loader.Load(ctx, v2, st, loader.Options{Wait: true, BatchSize: 500, Workers: 2})
	close(syncing)
	time.Sleep(300 * time.Millisecond)
	close(stop)
	wg.Wait()
	if err != nil {
		t.Fatal(err)
	}
	if n := sum.Added + sum.Changed + sum.Removed; n < 10_000 {
		t.Fatalf("the sync made %d changes; the test wants more than 10,000", n)
	}
	after, vAfter := want("after the sync")
	if vAfter != vBefore+1 {
		t.Fatalf("versions %d → %d, want one sync", vBefore, vAfter)
	}
	if staged, err := st.Staged(ctx); err != nil || staged["staged entities"]+staged["pending values"]+staged["retraction marks"] != 0 {
		t.Errorf("after the sync applied: staged %v (%v)", staged, err)
	}

	counts := map[string]int{}
	for _, r := range reads {
		switch {
		case r.err != nil:
			t.Errorf("query %d failed during the sync: %v", r.q, r.err)
			continue
		case r.version == vBefore && r.answer != before[r.q]:
			t.Errorf("query %d at version %d (the previous one): an answer other than that version's\n%s", r.q, r.version, firstDifference(r.answer, before[r.q]))
		case r.version == vAfter && r.answer != after[r.q]:
			t.Errorf("query %d at version %d (the new one): an answer other than that version's\n%s", r.q, r.version, firstDifference(r.answer, after[r.q]))
		case r.version != vBefore && r.version != vAfter:
			t.Errorf("query %d answered at version %d, neither %d nor %d", r.q, r.version, vBefore, vAfter)
		}
		key := fmt.Sprintf("v%d", r.version)
		if r.during {
			key += " during the sync"
		}
		counts[key]++
	}
	t.Logf("%d changes (%d added, %d changed, %d removed); reads by version: %v", sum.Added+sum.Changed+sum.Removed,
		sum.Added, sum.Changed, sum.Removed, counts)
	if counts[fmt.Sprintf("v%d during the sync", vBefore)] == 0 || counts[fmt.Sprintf("v%d during the sync", vAfter)] == 0 {
		t.Errorf("readers did not read both versions while the sync ran (%v): the test proves nothing", counts)
	}
}

// firstDifference shows got and want around where they first differ.
func firstDifference(got, want string) string {
	i := 0
	for i < len(got) && i < len(want) && got[i] == want[i] {
		i++
	}
	from := max(i-150, 0)
	return fmt.Sprintf(" got: …%.300s\nwant: …%.300s", got[from:], want[from:])
}

// testWriter writes a server's log lines to the test's log.
type testWriter struct{ t *testing.T }

func (w testWriter) Write(p []byte) (int, error) {
	w.t.Log(strings.TrimSpace(string(p)))
	return len(p), nil
}
