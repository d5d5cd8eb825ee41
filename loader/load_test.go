package loader

import (
	"context"
	"errors"
	"fmt"
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

// fakeWriter records the calls Load makes.
type fakeWriter struct {
	calls   []string // "schema", "nodes Task 2", "rels LEADS 1"
	nodes   map[string]map[string]any
	rels    []store.RelRow
	failOn  string // a call (as recorded) that fails
	failErr error
}

func (w *fakeWriter) record(call string) error {
	w.calls = append(w.calls, call)
	if call == w.failOn {
		return w.failErr
	}
	return nil
}

func (w *fakeWriter) EnsureSchema(ctx context.Context) error {
	return w.record("schema")
}

func (w *fakeWriter) MergeNodes(ctx context.Context, label reform.EntityType, rows []map[string]any) error {
	if err := w.record(fmt.Sprintf("nodes %s %d", label, len(rows))); err != nil {
		return err
	}
	for _, r := range rows {
		id, ok := r["id"].(string)
		if !ok {
			return fmt.Errorf("node row without a string id: %v", r)
		}
		w.nodes[id] = r
	}
	return nil
}

func (w *fakeWriter) MergeRelationships(ctx context.Context, relType reform.RelType, rows []store.RelRow) error {
	if err := w.record(fmt.Sprintf("rels %s %d", relType, len(rows))); err != nil {
		return err
	}
	w.rels = append(w.rels, rows...)
	return nil
}

func parseValid(t *testing.T) *Dataset {
	t.Helper()
	ds, err := Parse(filepath.Join("testdata", "valid"))
	if err != nil {
		t.Fatal(err)
	}
	return ds
}

func TestLoadOrderAndBatches(t *testing.T) {
	ds := parseValid(t)
	w := &fakeWriter{nodes: map[string]map[string]any{}}
	var progress strings.Builder
	sum, err := Load(context.Background(), ds, w, Options{BatchSize: 1, Progress: &progress})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"schema",
		"nodes Document 1", "nodes Document 1",
		"nodes Leader 1",
		"nodes Department 1", "nodes Department 1",
		"nodes Task 1", "nodes Task 1",
		"nodes Policy 1", "nodes PilotProgram 1", "nodes Outcome 1",
		"rels LEADS 1", "rels MEMBER_OF 1", "rels RESPONSIBLE_FOR 1", "rels PART_OF 1", "rels PART_OF 1",
		"rels IMPLEMENTS 1", "rels RUNS 1", "rels ACHIEVED 1", "rels ISSUED 1", "rels SUPPORTS 1",
	}
	if !slices.Equal(w.calls, want) {
		t.Errorf("calls:\n got %q\nwant %q", w.calls, want)
	}
	if sum.Dataset != "fixture-valid" || sum.TotalNodes() != 10 || sum.TotalRels() != 10 ||
		sum.Nodes(reform.TypeTask) != 2 || sum.Rels(reform.RelPartOf) != 2 {
		t.Errorf("summary = %+v", sum)
	}
	for i, c := range sum.Entities {
		if c.Type != reform.EntityTypes[i] {
			t.Errorf("summary entity %d is %s, want %s", i, c.Type, reform.EntityTypes[i])
		}
	}
	out := progress.String()
	for _, line := range []string{"Document: 1/2 nodes\n", "Task: 2/2 nodes\n", "PART_OF: 2/2 relationships\n", sum.String()} {
		if !strings.Contains(out, line) {
			t.Errorf("progress lacks %q:\n%s", line, out)
		}
	}
}

func TestLoadDefaultBatch(t *testing.T) {
	w := &fakeWriter{nodes: map[string]map[string]any{}}
	ds := parseValid(t)
	if _, err := Load(context.Background(), ds, w, Options{}); err != nil {
		t.Fatal(err)
	}
	if got, want := len(w.calls), 1+7+9; got != want {
		t.Errorf("%d calls, want one per type (%d): %q", got, want, w.calls)
	}
}

func TestLoadError(t *testing.T) {
	boom := errors.New("boom")
	w := &fakeWriter{nodes: map[string]map[string]any{}, failOn: "nodes Task 2", failErr: boom}
	sum, err := Load(context.Background(), parseValid(t), w, Options{})
	if !errors.Is(err, boom) {
		t.Fatalf("Load = %v, want the writer's error", err)
	}
	if sum.Nodes(reform.TypeLeader) != 1 || sum.Nodes(reform.TypeTask) != 0 || sum.TotalRels() != 0 {
		t.Errorf("summary after the failure = %+v, want what was written before it", sum)
	}
	if last := w.calls[len(w.calls)-1]; last != "nodes Task 2" {
		t.Errorf("Load went on after the failure: last call %q", last)
	}
}

func TestRows(t *testing.T) {
	ds := parseValid(t)
	w := &fakeWriter{nodes: map[string]map[string]any{}}
	if _, err := Load(context.Background(), ds, w, Options{}); err != nil {
		t.Fatal(err)
	}
	tests := map[string]map[string]any{
		"doc/fixture-note": {
			"id": "doc/fixture-note", "name": "补充说明", "title": "补充说明", "paragraphs": int64(3),
			"aliases": []string{}, "aliasText": "", "dataset": "fixture-valid",
			"srcDocs": []string{}, "srcParas": []int64{}, "srcQuotes": []string{},
		},
		"doc/fixture-report": {
			"id": "doc/fixture-report", "name": "改革工作综述（测试）", "title": "改革工作综述（测试）",
			"nameEn": "Review of reform work (fixture)", "publisher": "测试日报社", "date": "2021-12",
			"year": int64(2021), "language": "zh", "paragraphs": int64(10), "source": "seeds/fixture.txt",
			"aliases": []string{}, "aliasText": "", "dataset": "fixture-valid",
			"srcDocs": []string{}, "srcParas": []int64{}, "srcQuotes": []string{},
		},
		"department/reform-office": {
			"id": "department/reform-office", "name": "市委改革办",
			"aliases":     []string{"改革办", "市委全面深化改革委员会办公室"},
			"aliasText":   "改革办 / 市委全面深化改革委员会办公室",
			"description": "The office that coordinates reform work", "kind": "PARTY",
			"dataset": "fixture-valid",
			"srcDocs": []string{"doc/fixture-report"}, "srcParas": []int64{2}, "srcQuotes": []string{"市委改革办统筹协调"},
		},
		"task/land-reform": {
			"id": "task/land-reform", "name": "土地要素改革", "aliases": []string{}, "aliasText": "",
			"area": "资源要素", "status": "IN_PROGRESS", "dataset": "fixture-valid",
			"srcDocs":   []string{"doc/fixture-report", "doc/fixture-note"},
			"srcParas":  []int64{4, 2},
			"srcQuotes": []string{"土地要素改革", "土地要素改革持续推进"},
		},
		"outcome/approval-time": {
			"id": "outcome/approval-time", "name": "审批时间压缩", "aliases": []string{}, "aliasText": "",
			"kind": "METRIC", "metric": "申请准备时间", "value": 7.5, "unit": "分钟", "year": int64(2021),
			"scope": "全省", "dataset": "fixture-valid",
			"srcDocs": []string{"doc/fixture-report"}, "srcParas": []int64{7}, "srcQuotes": []string{"申请准备时间压缩至7.5分钟"},
		},
		"leader/city-leaders": {
			"id": "leader/city-leaders", "name": "市级领导", "nameEn": "City-level leaders",
			"aliases": []string{"市领导"}, "aliasText": "市领导", "role": "领衔市级领导", "headcount": int64(16),
			"dataset": "fixture-valid",
			"srcDocs": []string{"doc/fixture-report"}, "srcParas": []int64{3},
			"srcQuotes": []string{"16名市级领导领衔的21项重点事项全部完成"},
		},
	}
	for id, want := range tests {
		if got := w.nodes[id]; !reflect.DeepEqual(got, want) {
			t.Errorf("row of %s:\n got %#v\nwant %#v", id, got, want)
		}
	}

	wantRel := store.RelRow{From: "department/reform-office", To: "department/city", Props: map[string]any{
		"implied": true, "note": "the office is a body of the city", "dataset": "fixture-valid",
		"srcDocs": []string{"doc/fixture-report"}, "srcParas": []int64{2}, "srcQuotes": []string{"市委改革办统筹协调"},
	}}
	var got *store.RelRow
	for i, r := range w.rels {
		if r.From == wantRel.From && r.To == wantRel.To {
			got = &w.rels[i]
		}
	}
	if got == nil || !reflect.DeepEqual(*got, wantRel) {
		t.Errorf("PART_OF row:\n got %#v\nwant %#v", got, wantRel)
	}
	if r := w.rels[0]; r.Props["implied"] != false || r.Props["note"] != nil {
		t.Errorf("LEADS row props = %#v, want implied false and no note", r.Props)
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
	if lines := strings.Count(s, "\n"); lines != 1+1+7+1+9 {
		t.Errorf("summary has %d lines:\n%s", lines, s)
	}
}
