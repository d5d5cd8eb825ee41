package store_test

import (
	"cmp"
	"context"
	"fmt"
	"reflect"
	"slices"
	"testing"

	"github.com/reformhub/hub/internal/plan"
	"github.com/reformhub/hub/internal/reform"
	"github.com/reformhub/hub/internal/store"
	"github.com/reformhub/hub/loader"
)

// loggedChange is a change as `changes` lists it, without its time and entity.
type loggedChange struct {
	Version        int
	Dataset, Op    string
	Kind, Type     string
	ID, From, To   string
	Fields         []string
	HasEntity      bool
	relKey, nodeID string
}

func (c loggedChange) key() string { return c.relKey + c.nodeID }

// syncInBatches syncs facts of one kind of dataset ds, size facts per SyncBatch, in one sync;
// commit false leaves it unpublished (as a sync killed while staging: the lock is given up).
func syncInBatches(t *testing.T, ctx context.Context, s *store.Store, ds string, size int, commit bool, batches ...store.Batch) int64 {
	t.Helper()
	v, err := s.BeginSync(ctx, ds, ds)
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range batches {
		b.Dataset, b.Version = ds, v
		for _, part := range splitBatch(b, size) {
			if _, err := s.SyncBatch(ctx, part, loader.Merge); err != nil {
				_ = s.AbortSync(ctx)
				t.Fatal(err)
			}
		}
	}
	if !commit {
		if err := s.AbortSync(ctx); err != nil {
			t.Fatal(err)
		}
		return v
	}
	if err := s.CommitSync(ctx, store.SyncCommit{Dataset: ds, Title: ds, Version: v, Changed: true}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.FinishPending(ctx, true); err != nil {
		t.Fatal(err)
	}
	return v
}

// splitBatch cuts b into batches of at most size facts (added, then changed, then retracted).
func splitBatch(b store.Batch, size int) []store.Batch {
	type tagged struct {
		f     store.Fact
		which int
	}
	var all []tagged
	for i, fs := range [][]store.Fact{b.Added, b.Changed, b.Retracted} {
		for _, f := range fs {
			all = append(all, tagged{f, i})
		}
	}
	var out []store.Batch
	for part := range slices.Chunk(all, size) {
		nb := store.Batch{Dataset: b.Dataset, Version: b.Version, Kind: b.Kind}
		for _, x := range part {
			switch x.which {
			case 0:
				nb.Added = append(nb.Added, x.f)
			case 1:
				nb.Changed = append(nb.Changed, x.f)
			default:
				nb.Retracted = append(nb.Retracted, x.f)
			}
		}
		out = append(out, nb)
	}
	return out
}

// TestChangeLogBatched: a sync's relationship changes, written one batched Change node per
// SyncBatch, are listed by `changes` one row each — every page, each filter — exactly as the
// list computed from what the syncs did; a rollback removes the batched nodes of the sync it
// undoes. An entity's changes stay one node each (history reads them by key).
func TestChangeLogBatched(t *testing.T) {
	s, ctx := openEmpty(t)
	const size = 7 // facts per SyncBatch
	var want []loggedChange
	entity := func(v int, ds, op, typ, id string, fields ...string) {
		want = append(want, loggedChange{Version: v, Dataset: ds, Op: op, Kind: reform.FactEntity, Type: typ, ID: id,
			Fields: append([]string{}, fields...), HasEntity: true, nodeID: id})
	}
	relation := func(v int, ds, op string, f store.Fact, fields ...string) {
		want = append(want, loggedChange{Version: v, Dataset: ds, Op: op, Kind: reform.FactRelationship, Type: f.Label,
			From: f.From, To: f.To, Fields: append([]string{}, fields...), relKey: f.Key})
	}

	// Version 1 (dataset a): 11 entities, and 30 relationships between them in 5 batches.
	var nodes, rels []store.Fact
	for i := range 5 {
		id := fmt.Sprintf("department/d%02d", i)
		nodes = append(nodes, node(id, "Department", nil))
		entity(1, "a", "ADDED", "Department", id)
	}
	for j := range 6 {
		id := fmt.Sprintf("task/t%02d", j)
		nodes = append(nodes, node(id, "Task", nil))
		entity(1, "a", "ADDED", "Task", id)
	}
	for i := range 5 {
		for j := range 6 {
			f := rel(reform.RelResponsibleFor, nodes[i].Key, nodes[5+j].Key, map[string]any{"note": "n"})
			rels = append(rels, f)
			relation(1, "a", "ADDED", f)
		}
	}
	v1 := syncInBatches(t, ctx, s, "a", size, true,
		store.Batch{Kind: store.KindNode, Added: nodes}, store.Batch{Kind: store.KindRel, Added: rels})
	// A relationship change logged before changes were batched: a Change node of its own.
	old := rel(reform.RelResponsibleFor, "department/d00", "task/gone", nil)
	if err := s.ExecForTest(ctx, "CREATE (:Change {version: $v, dataset: 'a', op: 'removed', kind: 'rel', key: $key, label: $label, fields: []})",
		map[string]any{"v": v1, "key": old.Key, "label": old.Label}); err != nil {
		t.Fatal(err)
	}
	relation(1, "a", "REMOVED", old)

	// Version 2 (dataset a): a third of the relationships change their note, a third are
	// retracted, the rest asserted again unchanged; one entity changes its name.
	var again, gone []store.Fact
	for i, f := range rels {
		switch i % 3 {
		case 0:
			g := f
			g.Props = map[string]any{"note": "m", "weight": int64(i)}
			again = append(again, g)
			relation(2, "a", "CHANGED", f, "note", "weight")
		case 1:
			gone = append(gone, f)
			relation(2, "a", "REMOVED", f)
		default:
			again = append(again, f)
		}
	}
	renamed := node("task/t00", "Task", map[string]any{"name": "新"})
	entity(2, "a", "CHANGED", "Task", "task/t00", "name")
	syncInBatches(t, ctx, s, "a", size, true, store.Batch{Kind: store.KindNode, Changed: []store.Fact{renamed}},
		store.Batch{Kind: store.KindRel, Changed: again, Retracted: gone})

	// Version 3 (dataset b): relationships of another type between a's entities.
	var bRels []store.Fact
	for j := range 6 {
		f := rel(reform.RelSupports, "department/d04", fmt.Sprintf("task/t%02d", j), nil)
		bRels = append(bRels, f)
		relation(3, "b", "ADDED", f)
	}
	syncInBatches(t, ctx, s, "b", size, true, store.Batch{Kind: store.KindRel, Added: bRels})

	slices.SortStableFunc(want, func(a, b loggedChange) int {
		return cmp.Or(cmp.Compare(a.Version, b.Version), cmp.Compare(a.Kind, b.Kind), // ENTITY before RELATIONSHIP, as node before rel
			cmp.Compare(a.key(), b.key()))
	})
	// The batches: a Change node per SyncBatch of relationships that changed something (30
	// facts in batches of 7 at versions 1 and 2, 6 at version 3), none with a key.
	count := func(cypher string, params ...map[string]any) int64 {
		t.Helper()
		var p map[string]any
		if len(params) > 0 {
			p = params[0]
		}
		n, err := s.CountForTest(ctx, cypher, p)
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	if n := count("MATCH (c:Change {kind: 'rel'}) WHERE c.keys IS NOT NULL AND c.key IS NULL RETURN count(c) AS n"); n != 5+5+1 {
		t.Errorf("%d batched Change nodes, want 11 (5 + 5 + 1 batches)", n)
	}
	if n := count("MATCH (c:Change) WHERE c.kind = 'node' AND c.keys IS NULL AND c.key IS NOT NULL RETURN count(c) AS n"); n != 12 {
		t.Errorf("%d entity Change nodes, want 12 (one per change)", n)
	}

	read := func(q plan.ChangesQuery) []loggedChange {
		t.Helper()
		res, err := s.Read(ctx, &plan.Root{Kind: plan.RootChanges, Changes: q})
		if err != nil {
			t.Fatal(err)
		}
		out := make([]loggedChange, 0, len(res.Changes))
		for _, c := range res.Changes {
			l := loggedChange{Version: c.Version, Dataset: c.Dataset, Op: c.Op, Kind: c.Kind, Type: c.Type,
				Fields: c.Fields, HasEntity: c.Entity != nil}
			if c.ID != nil {
				l.ID, l.nodeID = *c.ID, *c.ID
			}
			if c.From != nil && c.To != nil {
				l.From, l.To = *c.From, *c.To
				l.relKey = store.RelKey(reform.RelType(c.Type), *c.From, *c.To)
			}
			if c.At == nil {
				t.Errorf("change %+v: no time", l)
			}
			out = append(out, l)
		}
		return out
	}
	check := func(what string, got, want []loggedChange) {
		t.Helper()
		if want == nil {
			want = []loggedChange{}
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: %d changes, want %d", what, len(got), len(want))
			for i := range max(len(got), len(want)) {
				var g, w any
				if i < len(got) {
					g = got[i]
				}
				if i < len(want) {
					w = want[i]
				}
				if !reflect.DeepEqual(g, w) {
					t.Errorf("  %d: got %+v\n       want %+v", i, g, w)
				}
			}
		}
	}
	pages := func(q plan.ChangesQuery, limit int) []loggedChange {
		t.Helper()
		var all []loggedChange
		for offset := 0; ; offset += limit {
			q.Limit, q.Offset = &limit, &offset
			page := read(q)
			all = append(all, page...)
			if len(page) < limit {
				return all
			}
		}
	}
	every := func(keep func(loggedChange) bool) []loggedChange {
		var out []loggedChange
		for _, c := range want {
			if keep(c) {
				out = append(out, c)
			}
		}
		return out
	}
	big := 1000
	check("every change", read(plan.ChangesQuery{Since: 0, Limit: &big}), want)
	for _, limit := range []int{1, 4, 7, 50} {
		check(fmt.Sprintf("pages of %d", limit), pages(plan.ChangesQuery{Since: 0}, limit), want)
	}
	check("version 2", pages(plan.ChangesQuery{Since: 1, Until: ptr(2)}, 5), every(func(c loggedChange) bool { return c.Version == 2 }))
	check("dataset b", pages(plan.ChangesQuery{Since: 0, Dataset: ptr("b")}, 4), every(func(c loggedChange) bool { return c.Dataset == "b" }))
	check("dataset a since 1", pages(plan.ChangesQuery{Since: 1, Dataset: ptr("a")}, 3),
		every(func(c loggedChange) bool { return c.Dataset == "a" && c.Version > 1 }))
	check("none", read(plan.ChangesQuery{Since: 3}), nil)

	// A sync killed while staging (version 4: a's relationships retracted in 3-fact batches)
	// logs batched changes no reader sees; the next sync's rollback removes them.
	var left []store.Fact
	for i, f := range rels {
		if i%3 != 1 {
			left = append(left, f)
		}
	}
	v4 := syncInBatches(t, ctx, s, "a", 3, false, store.Batch{Kind: store.KindRel, Retracted: left})
	const staged = "MATCH (c:Change) WHERE c.version = $v RETURN count(c) AS n"
	if n := count(staged, map[string]any{"v": v4}); n != int64((len(left)+2)/3) {
		t.Errorf("the killed sync logged %d Change nodes, want %d (one per batch)", n, (len(left)+2)/3)
	}
	check("with a sync staged", pages(plan.ChangesQuery{Since: 0}, 7), want)
	if _, err := s.BeginSync(ctx, "a", "a"); err != nil {
		t.Fatal(err)
	}
	if err := s.AbortSync(ctx); err != nil {
		t.Fatal(err)
	}
	if n := count(staged, map[string]any{"v": v4}); n != 0 {
		t.Errorf("%d Change nodes of the killed sync left after the rollback", n)
	}
	check("after the rollback", pages(plan.ChangesQuery{Since: 0}, 7), want)
}

// TestChangeLogDeepPage: a deep page of a large log of batched relationship changes stays
// within the transaction's memory (the sort holds small rows, not the batches' lists) and
// lists the right changes. (Written by hand, as logChanges writes them: 60,000 changes in 12
// batches of 5,000 — a large first load's batches.)
func TestChangeLogDeepPage(t *testing.T) {
	s, ctx := openEmpty(t)
	const batches, size = 12, 5000
	if err := s.ExecForTest(ctx, "MERGE (m:HubMeta {id: 'hub'}) SET m.version = 1 CREATE (:DataVersion {version: 1, at: datetime()}) "+
		"WITH * UNWIND range(0, $batches - 1) AS b "+
		"CREATE (:Change {version: 1, dataset: 'a', kind: 'rel', ops: [i IN range(1, $size) | 'changed'], "+
		"keys: [i IN range(1, $size) | 'RESPONSIBLE_FOR|department/d|task/t' + right('0000000' + toString(i * $batches + b), 7)], "+
		"labels: [i IN range(1, $size) | 'RESPONSIBLE_FOR'], fields: [i IN range(1, $size) | '[\"note\",\"srcQuotes\"]']})",
		map[string]any{"batches": int64(batches), "size": int64(size)}); err != nil {
		t.Fatal(err)
	}
	limit, offset := 1000, batches*size-1500
	res, err := s.Read(ctx, &plan.Root{Kind: plan.RootChanges, Changes: plan.ChangesQuery{Since: 0, Limit: &limit, Offset: &offset}})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Changes) != limit {
		t.Fatalf("%d changes, want %d", len(res.Changes), limit)
	}
	for k, c := range res.Changes {
		// Key n (i*batches + b) is the n-th from batches (i from 1): the page starts at n = offset + batches.
		want := fmt.Sprintf("task/t%07d", offset+batches+k)
		if c.To == nil || *c.To != want || c.Op != reform.ChangeChanged || c.Type != "RESPONSIBLE_FOR" ||
			!reflect.DeepEqual(c.Fields, []string{"note", "srcQuotes"}) || c.Entity != nil {
			t.Fatalf("change %d: %+v (to %v), want a change of the relationship to %s", k, c, c.To, want)
		}
	}
}
