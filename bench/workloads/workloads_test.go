package workloads

import (
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

func TestMixFollowsTheWeightsAndRotatesVariables(t *testing.T) {
	ws := []*Workload{
		{Name: "a", Weight: 3, Vars: []map[string]any{{"v": 1}, {"v": 2}}},
		{Name: "b", Weight: 1, Vars: []map[string]any{{}}},
		{Name: "c", Weight: 2, Vars: []map[string]any{{"v": 1}, {"v": 2}, {"v": 3}}},
	}
	mix := Mix(ws)
	if len(mix) != 6 {
		t.Fatalf("mix of %d requests, want 6", len(mix))
	}
	count := map[int]int{}
	varsOf := map[int][]int{}
	for i, p := range mix {
		count[p[0]]++
		varsOf[p[0]] = append(varsOf[p[0]], p[1])
		if i > 0 && p[0] == mix[i-1][0] && ws[p[0]].Weight < 3 {
			t.Errorf("workload %s twice in a row at %d: %v", ws[p[0]].Name, i, mix)
		}
	}
	if count[0] != 3 || count[1] != 1 || count[2] != 2 {
		t.Fatalf("counts %v, want the weights 3, 1, 2", count)
	}
	if got := varsOf[0]; got[0] != 0 || got[1] != 1 || got[2] != 0 {
		t.Errorf("variable sets of a: %v, want 0 1 0", got)
	}
	if got := varsOf[2]; got[0] != 0 || got[1] != 1 {
		t.Errorf("variable sets of c: %v, want 0 1", got)
	}
	if again := Mix(ws); len(again) != len(mix) || again[0] != mix[0] || again[5] != mix[5] {
		t.Errorf("the mix is not deterministic: %v vs %v", mix, again)
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
