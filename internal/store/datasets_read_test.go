package store

import (
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/reformhub/hub/internal/plan"
	"github.com/reformhub/hub/internal/reform"
)

func TestDecodeClaims(t *testing.T) {
	assertions := []any{
		map[string]any{"_key": "task/x", "_ds": "a", "_kind": "node", "_hash": "h", "id": "task/x", "name": "甲",
			"year": int64(2021), "value": 1.5, "aliases": []any{"x"}, "aliasText": "x",
			"srcDocs": []any{"doc/a"}, "srcParas": []any{int64(3)}, "srcQuotes": []any{"甲"}},
		map[string]any{"_key": "task/x", "_ds": "b", "_kind": "node", "id": "task/x", "name": "甲",
			"year": int64(2022), "value": 1e21, "srcDocs": []any{"doc/b", "doc/b"}, "srcParas": []any{int64(1), int64(2)},
			"srcQuotes": []any{"q1", "q2"}},
	}
	got, err := decodeClaims("task/x", assertions, "", 0, nil)
	if err != nil {
		t.Fatal(err)
	}
	var keys []string
	for _, c := range got {
		keys = append(keys, c.Field+"@"+c.Dataset+"="+*c.Value)
	}
	want := []string{"name@a=甲", "name@b=甲", "value@a=1.5", "value@b=1000000000000000000000", "year@a=2021", "year@b=2022"}
	if !slices.Equal(keys, want) {
		t.Errorf("claims = %v, want %v", keys, want)
	}
	if s := got[1].Sources; len(s) != 2 || s[1].DocumentID != "doc/b" || s[1].Paragraph != 2 || s[1].Quote != "q2" {
		t.Errorf("sources of b = %+v", s)
	}
	only, err := decodeClaims("task/x", assertions, "year", 0, nil)
	if err != nil || len(only) != 2 || only[0].Field != "year" {
		t.Errorf("claims(year) = %+v, %v", only, err)
	}
	if _, err := decodeClaims("task/x", []any{map[string]any{"name": "no dataset"}}, "", 0, nil); !errors.Is(err, reform.ErrUnexpectedShape) {
		t.Errorf("an assertion without its dataset: %v", err)
	}
}

// An entity one dataset asserts is its own (inline) assertion: its claims are its plain
// properties at the snapshot, by its dataset; what the merge computes is no claim.
func TestDecodeInlineClaims(t *testing.T) {
	entity := func() []any {
		return []any{map[string]any{"id": "task/x", "name": "甲", "year": int64(2021), "dataset": "a", "datasets": []any{"a"},
			"aliases": []any{"x"}, "aliasText": "x", "srcDocs": []any{"doc/a"}, "srcParas": []any{int64(3)}, "srcQuotes": []any{"甲"},
			"_pv": int64(2), "_pc": []any{"name"}, "_n_name": "乙", "_inline": true}}
	}
	for _, c := range []struct {
		dv   int64
		want []string
	}{{1, []string{"name@a=甲", "year@a=2021"}}, {2, []string{"name@a=乙", "year@a=2021"}}} {
		got, err := decodeClaims("task/x", entity(), "", c.dv, nil)
		if err != nil {
			t.Fatal(err)
		}
		var keys []string
		for _, cl := range got {
			keys = append(keys, cl.Field+"@"+cl.Dataset+"="+*cl.Value)
		}
		if !slices.Equal(keys, c.want) {
			t.Errorf("at version %d: claims = %v, want %v", c.dv, keys, c.want)
		}
		if s := got[0].Sources; len(s) != 1 || s[0].DocumentID != "doc/a" {
			t.Errorf("at version %d: sources = %+v", c.dv, s)
		}
	}
}

func TestClaimText(t *testing.T) {
	for _, c := range []struct {
		in   any
		want string
	}{{"文", "文"}, {int64(-3), "-3"}, {0.1, "0.1"}, {true, "true"}, {[]any{"a", int64(1)}, `["a",1]`}} {
		if got := claimText(c.in); got == nil || *got != c.want {
			t.Errorf("claimText(%v) = %v, want %s", c.in, got, c.want)
		}
	}
	if claimText(nil) != nil {
		t.Error("claimText(nil) is not nil")
	}
}

func TestChangesArguments(t *testing.T) {
	bad := []plan.ChangesQuery{{Since: -1}, {Since: 0, Until: new(-1)}, {Since: 3, Until: new(2)},
		{Since: 0, Limit: new(-1)}, {Since: 0, Offset: new(-5)}, {Since: 0, Limit: new(1 << 20)}}
	for _, q := range bad {
		if _, _, err := Compile(&plan.Root{Kind: plan.RootChanges, Changes: q}); !errors.Is(err, reform.ErrInvalidInput) {
			t.Errorf("%+v: %v, want invalid input", q, err)
		}
	}
	for _, q := range []plan.ChangesQuery{{Since: 0}, {Since: 2, Until: new(2)}, {Since: 5, Until: new(99), Dataset: new("a")}} {
		_, p, err := Compile(&plan.Root{Kind: plan.RootChanges, Changes: q})
		if err != nil {
			t.Errorf("%+v: %v", q, err)
			continue
		}
		if p["since"] != int64(q.Since) {
			t.Errorf("%+v: since param %v", q, p["since"])
		}
	}
	if _, _, err := Compile(&plan.Root{Kind: plan.RootHistory, Parents: []string{"task/x"}, List: plan.ListQuery{Offset: new(-1)}}); !errors.Is(err, reform.ErrInvalidInput) {
		t.Errorf("history(offset: -1): %v", err)
	}
	if _, _, err := Compile(&plan.Root{Kind: plan.RootConflicts, Type: "Nope"}); !errors.Is(err, reform.ErrInvalidInput) {
		t.Errorf("conflicts(type: Nope): %v", err)
	}
}

func TestDecodeChanges(t *testing.T) {
	at := time.Date(2026, 12, 6, 3, 40, 12, 0, time.FixedZone("x", 3600))
	rec := func(m map[string]any, node any) *neo4j.Record {
		return &neo4j.Record{Keys: []string{"change", "at", "node"}, Values: []any{m, at, node}}
	}
	recs := []*neo4j.Record{
		rec(map[string]any{"version": int64(2), "dataset": "a", "op": "changed", "kind": "node", "key": "task/x",
			"label": "Task", "fields": []any{"year"}}, map[string]any{"t": "Task", "p": map[string]any{"id": "task/x", "name": "甲"}}),
		rec(map[string]any{"version": int64(2), "dataset": "a", "op": "removed", "kind": "rel",
			"key": "RESPONSIBLE_FOR|department/a|task/x", "label": "RESPONSIBLE_FOR", "fields": []any{}}, nil),
	}
	d := &planDecoder{slots: plan.NewSlots()}
	res := &plan.RootResult{}
	if _, err := d.decodeDatasets(recs, &plan.Root{Kind: plan.RootChanges}, res); err != nil {
		t.Fatal(err)
	}
	c0, c1 := res.Changes[0], res.Changes[1]
	if c0.Op != reform.ChangeChanged || c0.Kind != reform.FactEntity || *c0.ID != "task/x" || c0.Entity.Common().ID != "task/x" ||
		*c0.At != "2026-12-06T02:40:12Z" || !slices.Equal(c0.Fields, []string{"year"}) {
		t.Errorf("entity change = %+v", c0)
	}
	if c1.Op != reform.ChangeRemoved || c1.Kind != reform.FactRelationship || c1.ID != nil || *c1.From != "department/a" ||
		*c1.To != "task/x" || c1.Type != "RESPONSIBLE_FOR" || c1.Entity != nil {
		t.Errorf("relationship change = %+v", c1)
	}
	bad := rec(map[string]any{"version": int64(1), "op": "renamed", "kind": "node", "key": "k"}, nil)
	if _, err := d.decodeDatasets([]*neo4j.Record{bad}, &plan.Root{Kind: plan.RootChanges}, res); !errors.Is(err, reform.ErrUnexpectedShape) {
		t.Errorf("unknown op: %v", err)
	}
}
