package workloads

import (
	"slices"
	"strings"
	"testing"
)

func TestAllHasEveryWorkloadOfTheIssue(t *testing.T) {
	ws, err := All()
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"entity": "entity(", "list": "tasks(", "nested": "policies(", "paths": "paths(",
		"search": "search(", "counts": "totalCount", "rows": "limit: 1000"}
	if len(ws) != len(want) {
		t.Fatalf("%d workloads, want %d", len(ws), len(want))
	}
	for _, w := range ws {
		frag, ok := want[w.Name]
		if !ok {
			t.Errorf("unexpected workload %s", w.Name)
			continue
		}
		if !strings.Contains(w.Query, frag) || !strings.Contains(w.Query, "query "+w.Operation) {
			t.Errorf("workload %s: text lacks %q or its operation %s", w.Name, frag, w.Operation)
		}
		if w.Weight <= 0 {
			t.Errorf("workload %s has weight %d", w.Name, w.Weight)
		}
	}
}

func TestMixOrderFollowsTheWeights(t *testing.T) {
	ws := []*Workload{{Name: "a", Weight: 3}, {Name: "b", Weight: 1}, {Name: "c", Weight: 2}}
	mix := MixOrder(ws)
	if len(mix) != 6 {
		t.Fatalf("mix of %d requests, want 6", len(mix))
	}
	count := map[int]int{}
	for i, w := range mix {
		count[w]++
		if i > 0 && w == mix[i-1] && ws[w].Weight < 3 {
			t.Errorf("workload %s twice in a row at %d: %v", ws[w].Name, i, mix)
		}
	}
	if count[0] != 3 || count[1] != 1 || count[2] != 2 {
		t.Fatalf("counts %v, want the weights 3, 1, 2", count)
	}
	if again := MixOrder(ws); !slices.Equal(again, mix) {
		t.Errorf("the mix is not deterministic: %v vs %v", mix, again)
	}
}

func TestWindowsAreDistinctLists(t *testing.T) {
	ids := []string{"d/1", "d/2", "d/3", "d/4"}
	sets := windows(ids, 3)
	if len(sets) != 4 {
		t.Fatalf("%d sets of 4 ids", len(sets))
	}
	if len(dedupe(sets)) != 4 {
		t.Errorf("windows repeat a list: %v", sets)
	}
	if got, _ := sets[3]["ids"].([]any); len(got) != 3 || got[0] != "d/4" || got[1] != "d/1" {
		t.Errorf("the last window %v does not wrap around", got)
	}
	got := windows(ids[:2], 10)
	if first, _ := got[0]["ids"].([]any); len(got) != 2 || len(first) != 2 {
		t.Errorf("fewer ids than a set: %v", got)
	}
}

func TestHanTermIsAChineseRunOfTheName(t *testing.T) {
	r := rng(1, "search")
	for _, name := range []string{"东营市2021年深化营商环境改革", "王建国", "《泰安市交通运输实施方案》（第3号）", "市委"} {
		for range 20 {
			term := hanTerm(name, r)
			n := len([]rune(term))
			if !strings.Contains(name, term) || n < 2 || n > 6 {
				t.Fatalf("term %q of %q", term, name)
			}
			if n == 2 && name != "市委" {
				t.Errorf("term %q of %q: two characters though a longer run exists", term, name)
			}
		}
	}
	if got := hanTerm("Policy 12 a", r); got != "" {
		t.Errorf("a name without Chinese gave %q", got)
	}
}

func TestShuffledIsFixedBySeedAndRows(t *testing.T) {
	a := shuffled([]string{"c", "a", "b", "d", "e", "f"}, rng(1, "x"))
	b := shuffled([]string{"f", "e", "d", "c", "b", "a"}, rng(1, "x"))
	if !slices.Equal(a, b) {
		t.Errorf("the same rows in another order gave %v and %v", a, b)
	}
	if c := shuffled([]string{"a", "b", "c", "d", "e", "f"}, rng(1, "y")); slices.Equal(a, c) {
		t.Errorf("two workloads' sources gave the same order %v", a)
	}
}

func TestKeepOnlyFiltersIDsAndListsOfIDs(t *testing.T) {
	ws := []*Workload{
		{Name: "entity", Vars: []map[string]any{{"id": "task/a"}, {"id": "task/hidden"}}},
		{Name: "nested", Vars: []map[string]any{
			{"ids": []any{"department/a", "department/hidden", "department/b"}, "n": 3},
			{"ids": []any{"department/hidden"}},
		}},
		{Name: "list", Vars: []map[string]any{{"year": 2021, "q": "plain text"}}},
	}
	keep := map[string]bool{"task/a": true, "department/a": true, "department/b": true}
	if err := keepOnly(ws, keep); err != nil {
		t.Fatal(err)
	}
	if got := ws[0].Vars; len(got) != 1 || got[0]["id"] != "task/a" {
		t.Errorf("entity: %v, want only task/a", got)
	}
	if got := ws[1].Vars; len(got) != 1 || len(entityIDs(got[0]["ids"])) != 2 || got[0]["n"] != 3 {
		t.Errorf("nested: %v, want one set with department/a and department/b", got)
	}
	if got := ws[2].Vars; len(got) != 1 || got[0]["q"] != "plain text" {
		t.Errorf("list: %v, want the set unchanged", got)
	}
	if err := keepOnly([]*Workload{{Name: "x", Vars: []map[string]any{{"ids": []any{"department/hidden"}}}}}, keep); err == nil {
		t.Error("a workload left with no variables is not an error")
	}
}
