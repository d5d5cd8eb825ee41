package store

import (
	"fmt"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/reformhub/hub/internal/plan"
	"github.com/reformhub/hub/internal/reform"
)

// The shapes the statements return and their decoders (see shape.go for the typed helpers
// they read with). Each decoder's error wraps reform.ErrUnexpectedShape when a value has
// another type than its projection promises.

// decodeEntity builds the entity of type t from node properties p.
func decodeEntity(t string, p map[string]any) (reform.Entity, error) {
	id, err := as[string](p[propID], "node property id")
	if err != nil {
		return nil, err
	}
	r := &propReader{p: p, what: "node " + id}
	name, err := as[string](p["name"], r.what+" property name")
	if err != nil {
		return nil, err
	}
	b := reform.Base{
		ID:          id,
		Name:        name,
		NameEn:      r.str("nameEn"),
		Aliases:     r.strs("aliases"),
		Description: r.str("description"),
		Note:        r.str("note"),
		Sources:     r.evidence(),
		Datasets:    r.strs("datasets"),
		Conflicts:   r.strs("conflicts"),
	}
	var e reform.Entity
	switch reform.EntityType(t) {
	case reform.TypeLeader:
		e = &reform.Leader{Base: b, Role: r.str("role"), Headcount: r.integer("headcount")}
	case reform.TypeDepartment:
		e = &reform.Department{Base: b, Kind: r.str("kind")}
	case reform.TypeTask:
		e = &reform.Task{Base: b, Area: r.str("area"), Year: r.integer("year"),
			Status: r.str("status"), Planned: r.integer("planned"), Completed: r.integer("completed")}
	case reform.TypePolicy:
		e = &reform.Policy{Base: b, Kind: r.str("kind"), Title: r.str("title")}
	case reform.TypePilotProgram:
		e = &reform.PilotProgram{Base: b, Level: r.str("level"), Status: r.str("status")}
	case reform.TypeOutcome:
		e = &reform.Outcome{Base: b, Kind: r.str("kind"), Metric: r.str("metric"),
			Value: r.float("value"), Unit: r.str("unit"), Year: r.integer("year"),
			Scope: r.str("scope"), Qualifier: r.str("qualifier"),
			ValueBefore: r.float("valueBefore"), UnitBefore: r.str("unitBefore")}
	case reform.TypeDocument:
		title := b.Name
		if s := r.str("title"); s != nil && *s != "" {
			title = *s
		}
		paras := 0
		if n := r.integer("paragraphs"); n != nil {
			paras = *n
		}
		b.Sources = []reform.Evidence{}
		lvl := "public"
		if s := r.str("access"); s != nil {
			lvl = *s
		}
		groups := r.strs("groups")
		if groups == nil {
			groups = []string{}
		}
		e = &reform.Document{Base: b, Title: title, Publisher: r.str("publisher"),
			Date: r.str("date"), Year: r.integer("year"), Language: r.str("language"),
			Paragraphs: paras, Access: lvl, Groups: groups}
	default:
		return nil, fmt.Errorf("%w: node %s has no known entity label (got %q)", reform.ErrUnexpectedShape, id, t)
	}
	if r.err != nil {
		return nil, r.err
	}
	return e, nil
}

// nodeProjection is the Cypher expression that returns node v as {t: type label, p: properties},
// the shape decodeNode reads.
func (pc *planCompiler) nodeProjection(v string) string {
	return "{t: " + pc.p.typeOf(v) + ", p: properties(" + v + ")}"
}

// decodeNode reads a value produced by nodeProjection.
func decodeNode(v any) (reform.Entity, error) {
	t, p, err := typed(v, "node", "t")
	if err != nil {
		return nil, err
	}
	return decodeEntity(t, p)
}

// typed reads the two keys every projection of a node or relationship has: its type (label
// or relationship type) under key, and its properties under "p".
func typed(v any, what, key string) (t string, p map[string]any, err error) {
	m, err := as[map[string]any](v, what)
	if err != nil {
		return "", nil, err
	}
	if t, err = as[string](m[key], what+" "+key); err != nil {
		return "", nil, err
	}
	p, err = as[map[string]any](m["p"], what+" properties")
	return t, p, err
}

// relProjection returns relationship r as {type, from, to, p}, the shape decodeRel reads.
func (pc *planCompiler) relProjection(r string) string {
	return "{type: " + pc.p.relType(r) + ", from: startNode(" + r + ").id, to: endNode(" + r + ").id, p: properties(" + r + ")" +
		pc.relAssertions(r) + "}"
}

// relAssertions is, in filtered mode, the entry a: of a relationship projection: the
// Assertion nodes' properties of relationship r when several datasets assert it (else null),
// for the decoder to merge the visible ones again (visibility.go); empty otherwise.
func (pc *planCompiler) relAssertions(r string) string {
	if !pc.p.vis {
		return ""
	}
	a := pc.fresh("rasr")
	return ", a: CASE WHEN " + r + ".datasets[1] IS NOT NULL THEN COLLECT { MATCH (" + a + ":" + labelAssertion + " {" + aKey + ": " +
		pc.p.relType(r) + " + '|' + startNode(" + r + ").id + '|' + endNode(" + r + ").id}) WHERE " + a + "." + aKind + " = 'rel' AND " +
		pc.p.versioned(a) + " WITH " + a + " ORDER BY " + a + "." + aDataset + " RETURN properties(" + a + ") } ELSE null END"
}

// decodeRel reads a value produced by relProjection; byID resolves its ends.
func decodeRel(v any, byID map[string]reform.Entity) (*reform.Relationship, error) {
	m, err := as[map[string]any](v, "relationship")
	if err != nil {
		return nil, err
	}
	ep, err := decodeEdge(m)
	if err != nil {
		return nil, err
	}
	from, err := as[string](m["from"], "relationship start")
	if err != nil {
		return nil, err
	}
	to, err := as[string](m["to"], "relationship end")
	if err != nil {
		return nil, err
	}
	a, b := byID[from], byID[to]
	if a == nil || b == nil {
		return nil, fmt.Errorf("%w: relationship %s %s->%s: an end is missing from the result", reform.ErrUnexpectedShape, ep.Type, from, to)
	}
	return &reform.Relationship{Type: ep.Type, From: a, To: b, Implied: ep.Implied,
		Note: ep.Note, Sources: ep.Sources}, nil
}

// decodeEdge reads the type and properties of a relationship from a map {type, p} (the edge
// of a connection, relProjection's too).
func decodeEdge(v any) (*plan.EdgeProperties, error) {
	t, p, err := typed(v, "relationship", "type")
	if err != nil {
		return nil, err
	}
	if !reform.RelType(t).Valid() {
		// The patterns name reform's types only; another would be no RelationshipType value.
		return nil, fmt.Errorf("%w: relationship of unknown type %q", reform.ErrUnexpectedShape, t)
	}
	r := &propReader{p: p, what: "relationship " + t}
	ep := &plan.EdgeProperties{Type: reform.RelType(t), Implied: r.boolean("implied"), Note: r.str("note"), Sources: r.evidence()}
	if r.err != nil {
		return nil, r.err
	}
	return ep, nil
}

// decodeCount reads a count: the integers under "nodes" and "edges" of m (a map value or a
// record's AsMap).
func decodeCount(m map[string]any) (*plan.Count, error) {
	n, err := integer(m["nodes"], "count of nodes")
	if err != nil {
		return nil, err
	}
	e, err := integer(m["edges"], "count of edges")
	if err != nil {
		return nil, err
	}
	return &plan.Count{Nodes: n, Edges: e}, nil
}

// decodeNodesColumn decodes the entities of a statement that returns them as one list, the
// column `nodes` of its one record (compile.go, returnNodes), in order.
func decodeNodesColumn(recs []*neo4j.Record, decode func(any) (reform.Entity, error)) ([]reform.Entity, error) {
	var out []reform.Entity
	for _, r := range recs {
		v, err := value(r, "nodes")
		if err != nil {
			return nil, err
		}
		list, ok := v.([]any)
		if !ok {
			return nil, fmt.Errorf("%w: nodes is %T, not a list", reform.ErrUnexpectedShape, v)
		}
		if out == nil {
			out = make([]reform.Entity, 0, len(list))
		}
		for _, item := range list {
			e, err := decode(item)
			if err != nil {
				return nil, err
			}
			out = append(out, e)
		}
	}
	if out == nil {
		out = []reform.Entity{}
	}
	return out, nil
}

// decodeNodeColumn reads the column "node" of every record with decode (entity(id): one row).
func decodeNodeColumn(recs []*neo4j.Record, decode func(any) (reform.Entity, error)) ([]reform.Entity, error) {
	out := make([]reform.Entity, 0, len(recs))
	for _, r := range recs {
		v, err := value(r, "node")
		if err != nil {
			return nil, err
		}
		e, err := decode(v)
		if err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, nil
}
