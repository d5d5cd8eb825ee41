package loader

import (
	"maps"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/reformhub/hub/internal/reform"
	"github.com/reformhub/hub/internal/store"
)

// The store is the Writer Load is used with.
var _ Writer = (*store.Store)(nil)

func parseValid(t *testing.T) *Dataset {
	t.Helper()
	ds, err := Parse(filepath.Join("testdata", "valid"))
	if err != nil {
		t.Fatal(err)
	}
	return ds
}

func TestRows(t *testing.T) {
	ds := parseValid(t)
	nodes := map[string]map[string]any{}
	var rels []store.Fact
	for _, f := range Facts(ds) {
		if f.Kind == store.KindNode {
			nodes[f.Key] = f.Props
		} else {
			rels = append(rels, f)
		}
	}
	tests := map[string]map[string]any{
		"doc/fixture-note": {
			"id": "doc/fixture-note", "name": "补充说明", "title": "补充说明", "paragraphs": int64(3),
			"aliases": []string{}, "aliasText": "",
			"srcDocs": []string{}, "srcParas": []int64{}, "srcQuotes": []string{},
		},
		"doc/fixture-report": {
			"id": "doc/fixture-report", "name": "改革工作综述（测试）", "title": "改革工作综述（测试）",
			"nameEn": "Review of reform work (fixture)", "publisher": "测试日报社", "date": "2021-12",
			"year": int64(2021), "language": "zh", "paragraphs": int64(10), "source": "seeds/fixture.txt",
			"aliases": []string{}, "aliasText": "",
			"srcDocs": []string{}, "srcParas": []int64{}, "srcQuotes": []string{},
		},
		"department/reform-office": {
			"id": "department/reform-office", "name": "市委改革办",
			"aliases":     []string{"改革办", "市委全面深化改革委员会办公室"},
			"aliasText":   "改革办 / 市委全面深化改革委员会办公室",
			"description": "The office that coordinates reform work", "kind": "PARTY",
			"srcDocs": []string{"doc/fixture-report"}, "srcParas": []int64{2}, "srcQuotes": []string{"市委改革办统筹协调"},
		},
		"task/land-reform": {
			"id": "task/land-reform", "name": "土地要素改革", "aliases": []string{}, "aliasText": "",
			"area": "资源要素", "status": "IN_PROGRESS",
			"srcDocs":   []string{"doc/fixture-report", "doc/fixture-note"},
			"srcParas":  []int64{4, 2},
			"srcQuotes": []string{"土地要素改革", "土地要素改革持续推进"},
		},
		"outcome/approval-time": {
			"id": "outcome/approval-time", "name": "审批时间压缩", "aliases": []string{}, "aliasText": "",
			"kind": "METRIC", "metric": "申请准备时间", "value": 7.5, "unit": "分钟", "year": int64(2021),
			"scope":   "全省",
			"srcDocs": []string{"doc/fixture-report"}, "srcParas": []int64{7}, "srcQuotes": []string{"申请准备时间压缩至7.5分钟"},
		},
		"leader/city-leaders": {
			"id": "leader/city-leaders", "name": "市级领导", "nameEn": "City-level leaders",
			"aliases": []string{"市领导"}, "aliasText": "市领导", "role": "领衔市级领导", "headcount": int64(16),
			"srcDocs": []string{"doc/fixture-report"}, "srcParas": []int64{3},
			"srcQuotes": []string{"16名市级领导领衔的21项重点事项全部完成"},
		},
	}
	for id, want := range tests {
		if got := nodes[id]; !reflect.DeepEqual(got, want) {
			t.Errorf("row of %s:\n got %#v\nwant %#v", id, got, want)
		}
	}

	wantRel := store.Fact{Kind: store.KindRel, Key: "PART_OF|department/reform-office|department/city", Label: "PART_OF",
		From: "department/reform-office", To: "department/city", Props: map[string]any{
			"implied": true, "note": "the office is a body of the city",
			"srcDocs": []string{"doc/fixture-report"}, "srcParas": []int64{2}, "srcQuotes": []string{"市委改革办统筹协调"},
		}}
	var got *store.Fact
	for i, r := range rels {
		if r.From == wantRel.From && r.To == wantRel.To {
			got = &rels[i]
		}
	}
	if got != nil {
		wantRel.Hash = got.Hash
	}
	if got == nil || !reflect.DeepEqual(*got, wantRel) {
		t.Errorf("PART_OF fact:\n got %#v\nwant %#v", got, wantRel)
	}
	leads := slices.IndexFunc(rels, func(f store.Fact) bool { return f.Label == "LEADS" })
	if r := rels[leads]; r.Props["implied"] != false || r.Props["note"] != nil {
		t.Errorf("LEADS props = %#v, want implied false and no note", r.Props)
	}
}

// TestFactHashes: a fact's hash changes with its content only; a dataset's content hash
// does not depend on the order of its facts.
func TestFactHashes(t *testing.T) {
	facts := Facts(parseValid(t))
	again := Facts(parseValid(t))
	seen := map[string]bool{}
	for i, f := range facts {
		if f.Hash != again[i].Hash || len(f.Hash) != 32 {
			t.Errorf("%s: hash %q then %q", f.Key, f.Hash, again[i].Hash)
		}
		if seen[f.Hash] {
			t.Errorf("%s: a hash shared with another fact", f.Key)
		}
		seen[f.Hash] = true
	}
	changed := facts[3]
	changed.Props = maps.Clone(changed.Props)
	changed.Props["name"] = "another name"
	if factHash(changed) == facts[3].Hash {
		t.Error("a changed name kept the hash")
	}
	reversed := slices.Clone(facts)
	slices.Reverse(reversed)
	if contentHash("t", reversed) != contentHash("t", facts) {
		t.Error("the content hash depends on the order of the facts")
	}
	if contentHash("t", facts[1:]) == contentHash("t", facts) || contentHash("u", facts) == contentHash("t", facts) {
		t.Error("the content hash ignores a fact or the title")
	}
}

func TestMergeRule(t *testing.T) {
	a := store.Assertion{Dataset: "a", Props: map[string]any{"id": "task/x", "name": "甲", "year": int64(2021),
		"aliases": []any{"x", "y"}, "srcDocs": []any{"doc/a"}, "srcParas": []any{int64(1)}, "srcQuotes": []any{"qa"}}}
	b := store.Assertion{Dataset: "b", Props: map[string]any{"id": "task/x", "name": "乙", "note": "only b",
		"aliases": []any{"y", "z"}, "srcDocs": []any{"doc/b"}, "srcParas": []any{int64(2)}, "srcQuotes": []any{"qb"}}}
	got, ok := Merge(store.KindNode, "task/x", []store.Assertion{a, b})
	want := map[string]any{"id": "task/x", "name": "甲", "year": int64(2021), "note": "only b",
		"aliases": []any{"x", "y", "z"}, "aliasText": "x / y / z",
		"srcDocs": []any{"doc/a", "doc/b"}, "srcParas": []any{int64(1), int64(2)}, "srcQuotes": []any{"qa", "qb"},
		"dataset": "a", "datasets": []string{"a", "b"}, "conflicts": []string{"name"}}
	if !ok || !reflect.DeepEqual(got, want) {
		t.Errorf("Merge(a, b):\n got %#v\nwant %#v", got, want)
	}
	if _, ok := Merge(store.KindNode, "task/x", nil); ok {
		t.Error("Merge of no assertion made a fact")
	}
	r1 := store.Assertion{Dataset: "a", Props: map[string]any{"implied": true}}
	r2 := store.Assertion{Dataset: "b", Props: map[string]any{"implied": false}}
	if got, _ := Merge(store.KindRel, "k", []store.Assertion{r1}); got["implied"] != true {
		t.Errorf("one implied assertion: %#v", got)
	}
	if got, _ := Merge(store.KindRel, "k", []store.Assertion{r1, r2}); got["implied"] != false || got["conflicts"] != nil {
		t.Errorf("implied by a, stated by b: %#v, want stated and no conflict", got)
	}
}

func TestSummaryString(t *testing.T) {
	sum := newSummary("x")
	sum.addNodes(reform.TypeTask, 12)
	sum.addRels(reform.RelLeads, 3)
	s := sum.String()
	for _, want := range []string{"dataset x: 12 nodes, 3 relationships\n", "\n    Task                  12\n",
		"\n    LEADS                  3\n", "\n    RESPONSIBLE_FOR        0\n"} {
		if !strings.Contains(s, want) {
			t.Errorf("summary lacks %q:\n%s", want, s)
		}
	}
	if lines := strings.Count(s, "\n"); lines != 2+1+len(reform.EntityTypes)+1+len(reform.RelTypes) {
		t.Errorf("summary has %d lines:\n%s", lines, s)
	}
}
