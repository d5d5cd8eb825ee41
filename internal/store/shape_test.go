package store

import (
	"errors"
	"testing"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	hubconfig "github.com/reformhub/hub/internal/config"
	"github.com/reformhub/hub/internal/plan"
	"github.com/reformhub/hub/internal/reform"
)

// node returns a value of nodeProjection's shape.
func node(t string, p map[string]any) map[string]any {
	return map[string]any{"t": t, "p": p}
}

func taskProps() map[string]any {
	return map[string]any{"id": "task/a", "name": "A", "year": int64(2021), "aliases": []any{"甲"},
		"srcDocs": []any{"doc/x"}, "srcParas": []any{int64(3)}, "srcQuotes": []any{"q"}}
}

func with(p map[string]any, k string, v any) map[string]any {
	out := make(map[string]any, len(p)+1)
	for key, x := range p {
		out[key] = x
	}
	out[k] = v
	return out
}

func TestDecodeNodeReadsTheProjection(t *testing.T) {
	e, err := decodeNode(node("Task", with(taskProps(), "description", nil)))
	if err != nil {
		t.Fatal(err)
	}
	task, ok := e.(*reform.Task)
	if !ok || task.ID != "task/a" || *task.Year != 2021 || task.Description != nil || task.Status != nil ||
		len(task.Aliases) != 1 || len(task.Sources) != 1 || task.Sources[0].Paragraph != 3 {
		t.Errorf("got %#v", e)
	}
	// Optional properties stay optional: a node without them decodes, with empty lists.
	e, err = decodeNode(node("Leader", map[string]any{"id": "leader/b", "name": "B"}))
	if err != nil || len(e.Common().Aliases) != 0 || len(e.Common().Sources) != 0 {
		t.Errorf("got %#v, %v", e, err)
	}
}

// Every value of another type than its projection promises is an error wrapping
// reform.ErrUnexpectedShape, never a silent zero value.
func TestDecodeRefusesAWrongShape(t *testing.T) {
	sel := &plan.Selection{Rels: []*plan.RelSelection{{Key: "ds", On: reform.TypeTask, Field: "departments"}}}
	first := 10
	conn := &plan.RelSelection{Key: "c", On: reform.TypeTask, Field: "departments", Edges: true, TotalCount: true, First: &first}
	d := &planDecoder{lim: newLimits(hubconfig.Limits{}), slots: plan.NewSlots()}
	rec := func(keys []string, vals ...any) *neo4j.Record { return &neo4j.Record{Keys: keys, Values: vals} }
	cases := map[string]func() error{
		"node not a map":     func() error { _, err := decodeNode("task/a"); return err },
		"node label missing": func() error { _, err := decodeNode(map[string]any{"p": taskProps()}); return err },
		"unknown label":      func() error { _, err := decodeNode(node("Nope", taskProps())); return err },
		"properties missing": func() error { _, err := decodeNode(map[string]any{"t": "Task"}); return err },
		"id an integer":      func() error { _, err := decodeNode(node("Task", with(taskProps(), "id", int64(1)))); return err },
		"name missing":       func() error { _, err := decodeNode(node("Task", with(taskProps(), "name", nil))); return err },
		"year a string":      func() error { _, err := decodeNode(node("Task", with(taskProps(), "year", "2021"))); return err },
		"status a list":      func() error { _, err := decodeNode(node("Task", with(taskProps(), "status", []any{"x"}))); return err },
		"aliases a string":   func() error { _, err := decodeNode(node("Task", with(taskProps(), "aliases", "甲"))); return err },
		"paragraph a string": func() error {
			_, err := decodeNode(node("Task", with(taskProps(), "srcParas", []any{"3"})))
			return err
		},
		"outcome value text":  func() error { _, err := decodeNode(node("Outcome", with(taskProps(), "value", "3.5"))); return err },
		"document pages text": func() error { _, err := decodeNode(node("Document", with(taskProps(), "paragraphs", "9"))); return err },
		"edge type missing": func() error {
			_, err := decodeEdge(map[string]any{"p": map[string]any{}})
			return err
		},
		"edge implied text": func() error {
			_, err := decodeEdge(map[string]any{"type": "LEADS", "p": map[string]any{"implied": "yes"}})
			return err
		},
		"relationship end an integer": func() error {
			_, err := decodeRel(map[string]any{"type": "LEADS", "from": int64(1), "to": "task/a", "p": map[string]any{}}, nil)
			return err
		},
		"count text": func() error {
			_, err := decodeCount(map[string]any{"nodes": "1", "edges": int64(1)})
			return err
		},
		"count missing": func() error { _, err := decodeCount(map[string]any{"nodes": int64(1)}); return err },
		"graph nodes not a list": func() error {
			_, _, err := (&planDecoder{slots: plan.NewSlots()}).graph(map[string]any{}, nil)
			return err
		},
		"aggregate too short": func() error {
			_, err := decodeAggregateNode(reform.TypeTask, []reform.FieldSpec{{Name: "year", Kind: reform.KindInt}}, []any{[]any{int64(1), int64(2)}})
			return err
		},
		"aggregate min text": func() error {
			_, err := decodeAggregateNode(reform.TypeTask, []reform.FieldSpec{{Name: "year", Kind: reform.KindInt}}, []any{[]any{"1", nil, nil, nil}})
			return err
		},
		"shortest an integer": func() error {
			_, err := decodeAggregateNode(reform.TypeTask, []reform.FieldSpec{{Name: "name", Kind: reform.KindString}}, []any{[]any{int64(1), "x"}})
			return err
		},
		"group ids not a list": func() error {
			_, err := decodeGroup(reform.TypeTask, map[string]any{"k": "x", "ids": "task/a"}, decodeNode)
			return err
		},
		"hit score text": func() error {
			_, err := decodeHit(map[string]any{"node": node("Task", taskProps()), "score": "1"}, "a", decodeNode)
			return err
		},
		"column missing":    func() error { _, err := column[string](rec([]string{"x"}, "a"), "id"); return err },
		"column wrong type": func() error { _, err := column[string](rec([]string{"id"}, int64(1)), "id"); return err },
		"column null":       func() error { _, err := column[[]any](rec([]string{"nodes"}, nil), "nodes"); return err },
		"node column missing": func() error {
			_, err := decodeNodeColumn([]*neo4j.Record{rec([]string{"n"}, node("Task", taskProps()))}, decodeNode)
			return err
		},
		"planned relationship fields missing": func() error {
			_, err := d.entity(node("Task", taskProps()), sel)
			return err
		},
		"planned list not a list": func() error {
			_, err := d.entity(with(node("Task", taskProps()), "x", map[string]any{"f0": "none"}), sel)
			return err
		},
		"planned edges not a list": func() error {
			_, err := d.connection(map[string]any{"e": map[string]any{}, "c": int64(0)}, conn, plan.Scope{Type: reform.TypeDepartment}, true)
			return err
		},
		"planned totalCount text": func() error {
			_, err := d.connection(map[string]any{"e": []any{}, "c": "0"}, conn, plan.Scope{Type: reform.TypeDepartment}, true)
			return err
		},
		"planned edge without relationship": func() error {
			_, err := d.connection(map[string]any{"e": []any{map[string]any{"n": node("Department", taskProps())}}, "c": int64(1)},
				conn, plan.Scope{Type: reform.TypeDepartment}, true)
			return err
		},
	}
	for name, decode := range cases {
		if err := decode(); !errors.Is(err, reform.ErrUnexpectedShape) {
			t.Errorf("%s: err = %v, want one wrapping reform.ErrUnexpectedShape", name, err)
		}
	}
}

// Null is a value where the projection allows it: an optional column, an optional property,
// the relationship of a connection row without one.
func TestDecodeAcceptsNullWhereOptional(t *testing.T) {
	if v, err := opt[string](nil, "x"); v != nil || err != nil {
		t.Errorf("opt(nil) = %v, %v", v, err)
	}
	if l, err := optList[string](nil, "x"); len(l) != 0 || l == nil || err != nil {
		t.Errorf("optList(nil) = %#v, %v", l, err)
	}
	r := &neo4j.Record{Keys: []string{"rel"}, Values: []any{nil}}
	if v, err := value(r, "rel"); v != nil || err != nil {
		t.Errorf("value(null) = %v, %v", v, err)
	}
	agg, err := decodeAggregateNode(reform.TypeOutcome,
		[]reform.FieldSpec{{Name: "name", Kind: reform.KindString}, {Name: "value", Kind: reform.KindFloat}},
		[]any{[]any{nil, nil}, []any{nil, int64(2), 1.5, nil}})
	if err != nil {
		t.Fatal(err)
	}
	if s, ok := agg["name"].(*plan.StringAggregate); !ok || s.Shortest != nil || s.Longest != nil {
		t.Errorf("string aggregate of nulls = %+v", s)
	}
	if f, ok := agg["value"].(*plan.FloatAggregate); !ok || f.Min != nil || *f.Max != 2 || *f.Average != 1.5 || f.Sum != nil {
		t.Errorf("float aggregate = %+v", f)
	}
}
