package store

import (
	"reflect"
	"strings"
	"testing"

	"github.com/reformhub/hub/internal/reform"
)

// Plain mode writes the patterns as before there were syncs, except that a relationship of
// any type lists reform's types (so STAGED_REL never matches); pending mode adds the version
// conditions of staging.go.
func TestPatternsPlain(t *testing.T) {
	p := newParams()
	for got, want := range map[string]string{
		p.node("n", "Task", ""):                      "(n:Task)",
		p.node("n", reform.EntityLabel, "{id: $id}"): "(n:Entity {id: $id})",
		p.node("", reform.EntityLabel, ""):           "(:Entity)",
		p.node("b", "", ""):                          "(b)",
		p.rel("r", ":LEADS|RUNS", "", true):          "-[r:LEADS|RUNS]->",
		p.rel("", "", "*1..2", false):                "-[" + allRelTypes + "*1..2]-",
		p.prop("n", "name"):                          "n.name",
		p.relType("r"):                               "type(r)",
		p.typeOf("n"):                                "[l IN labels(n) WHERE l <> 'Entity'][0]",
		p.patternRel("v", reform.TypeTask, reform.Relation{Types: []reform.RelType{"RESPONSIBLE_FOR"}, Target: reform.TypeDepartment}, "e", "w"): "(v:Task)<-[e:RESPONSIBLE_FOR]-(w:Department)",
	} {
		if got != want {
			t.Errorf("got %s, want %s", got, want)
		}
	}
	if strings.Contains(allRelTypes, typeStaged) || len(p.m) != 0 {
		t.Errorf("plain mode: %s, params %v", allRelTypes, p.m)
	}
}

func TestPatternsPending(t *testing.T) {
	p := newParamsAt(5, true)
	v := "(v._s IS NULL OR v._s <= $dv) AND (v._u IS NULL OR v._u > $dv)"
	for got, want := range map[string]string{
		p.node("v", "Task", ""):                      "(v:Task|StagedEntity WHERE (v:Task OR v._label = 'Task') AND " + v + ")",
		p.node("v", reform.EntityLabel, "{id: $id}"): "(v:Entity|StagedEntity {id: $id} WHERE " + v + ")",
		p.node("", reform.EntityLabel, ""):           "(anon1:Entity|StagedEntity WHERE (anon1._s IS NULL OR anon1._s <= $dv) AND (anon1._u IS NULL OR anon1._u > $dv))",
		p.node("b", "", ""):                          "(b)",
		p.rel("r", ":LEADS|RUNS", "", true): "-[r:LEADS|RUNS|STAGED_REL WHERE (type(r) IN ['LEADS', 'RUNS'] OR r._type IN ['LEADS', 'RUNS']) AND " +
			"(r._s IS NULL OR r._s <= $dv) AND (r._u IS NULL OR r._u > $dv)]->",
		p.prop("v", "name"): "CASE WHEN v._pv <= $dv AND 'name' IN v._pc THEN v._n_name ELSE v.name END",
		p.prop("v", "id"):   "v.id",
		p.relType("r"):      "coalesce(r._type, type(r))",
		p.typeOf("v"):       "coalesce(v._label, [l IN labels(v) WHERE l <> 'Entity'][0])",
	} {
		if got != want {
			t.Errorf("got  %s\nwant %s", got, want)
		}
	}
	if p.m["dv"] != int64(5) {
		t.Errorf("$dv = %v", p.m["dv"])
	}
	// Any type: every type of reform and STAGED_REL, with the conditions.
	if got := p.rel("", "", "", false); !strings.HasPrefix(got, "-[anon2"+allRelTypes+"|STAGED_REL WHERE (type(anon2) IN ['LEADS'") {
		t.Errorf("any type: %s", got)
	}
	got := p.patternRel("v", reform.TypeTask, reform.Relation{Types: []reform.RelType{"RESPONSIBLE_FOR"}, Target: reform.TypeDepartment}, "e", "w")
	if !strings.HasPrefix(got, "(v WHERE (v:Task OR v._label IN ['Task']))<-[e:RESPONSIBLE_FOR|STAGED_REL WHERE") {
		t.Errorf("interface position: %s", got)
	}
}

func TestOverlay(t *testing.T) {
	props := func() map[string]any {
		return map[string]any{"id": "task/a", "name": "old", "year": int64(2020), "description": "d",
			"_pv": int64(3), "_pc": []any{"name", "description"}, "_n_name": "new", "_s": int64(1)}
	}
	p := props()
	overlay(p, 3)
	if want := map[string]any{"id": "task/a", "name": "new", "year": int64(2020)}; !reflect.DeepEqual(p, want) {
		t.Errorf("at 3: %v, want %v", p, want)
	}
	p = props()
	overlay(p, 2)
	if want := map[string]any{"id": "task/a", "name": "old", "year": int64(2020), "description": "d"}; !reflect.DeepEqual(p, want) {
		t.Errorf("at 2: %v, want %v", p, want)
	}
	r := map[string]any{"_type": "LEADS", "_s": int64(3), "_u": int64(4), "implied": false}
	overlay(r, 3)
	if want := map[string]any{"implied": false}; !reflect.DeepEqual(r, want) {
		t.Errorf("relationship: %v", r)
	}
}
