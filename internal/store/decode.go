package store

import (
	"fmt"

	"github.com/reformhub/hub/internal/reform"
)

// Values read from Neo4j come back as the driver's plain Go values (string, int64, float64,
// bool, []any, map[string]any); these helpers turn node properties into package reform values.

func optString(p map[string]any, k string) *string {
	if s, ok := p[k].(string); ok {
		return &s
	}
	return nil
}

func optInt(p map[string]any, k string) *int {
	if n, ok := p[k].(int64); ok {
		i := int(n)
		return &i
	}
	return nil
}

func optFloat(p map[string]any, k string) *float64 {
	switch x := p[k].(type) {
	case float64:
		return &x
	case int64:
		f := float64(x)
		return &f
	}
	return nil
}

func stringList(v any) []string {
	list, _ := v.([]any)
	out := make([]string, 0, len(list))
	for _, x := range list {
		if s, ok := x.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

// evidence reads the three parallel evidence lists of a node or relationship.
func evidence(p map[string]any) []reform.Evidence {
	docs, _ := p[propSrcDocs].([]any)
	paras, _ := p[propSrcParas].([]any)
	quotes, _ := p[propSrcQuotes].([]any)
	n := min(len(docs), len(paras), len(quotes))
	out := make([]reform.Evidence, 0, n)
	for i := 0; i < n; i++ {
		doc, _ := docs[i].(string)
		para, _ := paras[i].(int64)
		quote, _ := quotes[i].(string)
		out = append(out, reform.Evidence{DocumentID: doc, Paragraph: int(para), Quote: quote})
	}
	return out
}

func base(p map[string]any) reform.Base {
	id, _ := p[propID].(string)
	name, _ := p["name"].(string)
	return reform.Base{
		ID:          id,
		Name:        name,
		NameEn:      optString(p, "nameEn"),
		Aliases:     stringList(p["aliases"]),
		Description: optString(p, "description"),
		Note:        optString(p, "note"),
		Sources:     evidence(p),
	}
}

// decodeEntity builds the entity of type t from node properties p.
func decodeEntity(t string, p map[string]any) (reform.Entity, error) {
	b := base(p)
	switch reform.EntityType(t) {
	case reform.TypeLeader:
		return &reform.Leader{Base: b, Role: optString(p, "role"), Headcount: optInt(p, "headcount")}, nil
	case reform.TypeDepartment:
		return &reform.Department{Base: b, Kind: optString(p, "kind")}, nil
	case reform.TypeTask:
		return &reform.Task{Base: b, Area: optString(p, "area"), Year: optInt(p, "year"),
			Status: optString(p, "status"), Planned: optInt(p, "planned"), Completed: optInt(p, "completed")}, nil
	case reform.TypePolicy:
		return &reform.Policy{Base: b, Kind: optString(p, "kind"), Title: optString(p, "title")}, nil
	case reform.TypePilotProgram:
		return &reform.PilotProgram{Base: b, Level: optString(p, "level"), Status: optString(p, "status")}, nil
	case reform.TypeOutcome:
		return &reform.Outcome{Base: b, Kind: optString(p, "kind"), Metric: optString(p, "metric"),
			Value: optFloat(p, "value"), Unit: optString(p, "unit"), Year: optInt(p, "year"),
			Scope: optString(p, "scope"), Qualifier: optString(p, "qualifier"),
			ValueBefore: optFloat(p, "valueBefore"), UnitBefore: optString(p, "unitBefore")}, nil
	case reform.TypeDocument:
		title, _ := p["title"].(string)
		if title == "" {
			title = b.Name
		}
		paras := 0
		if n := optInt(p, "paragraphs"); n != nil {
			paras = *n
		}
		b.Sources = []reform.Evidence{}
		return &reform.Document{Base: b, Title: title, Publisher: optString(p, "publisher"),
			Date: optString(p, "date"), Year: optInt(p, "year"), Language: optString(p, "language"),
			Paragraphs: paras}, nil
	}
	return nil, fmt.Errorf("node %v has no known entity label (got %q)", p[propID], t)
}

// nodeProjection is the Cypher expression that returns node v as {t: type label, p: properties},
// the shape decodeNode reads.
func nodeProjection(v string) string {
	return "{t: [l IN labels(" + v + ") WHERE l <> 'Entity'][0], p: properties(" + v + ")}"
}

// decodeNode reads a value produced by nodeProjection.
func decodeNode(v any) (reform.Entity, error) {
	m, ok := v.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("unexpected node value %T", v)
	}
	t, _ := m["t"].(string)
	p, _ := m["p"].(map[string]any)
	return decodeEntity(t, p)
}

// relProjection returns relationship r as {type, from, to, p}, the shape decodeRel reads.
func relProjection(r string) string {
	return "{type: type(" + r + "), from: startNode(" + r + ").id, to: endNode(" + r + ").id, p: properties(" + r + ")}"
}

// decodeRel reads a value produced by relProjection; byID resolves its ends.
func decodeRel(v any, byID map[string]reform.Entity) (*reform.Relationship, error) {
	m, ok := v.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("unexpected relationship value %T", v)
	}
	t, _ := m["type"].(string)
	from, _ := m["from"].(string)
	to, _ := m["to"].(string)
	p, _ := m["p"].(map[string]any)
	a, b := byID[from], byID[to]
	if a == nil || b == nil {
		return nil, fmt.Errorf("relationship %s %s->%s: an end is missing from the result", t, from, to)
	}
	implied, _ := p["implied"].(bool)
	return &reform.Relationship{Type: reform.RelType(t), From: a, To: b, Implied: implied,
		Note: optString(p, "note"), Sources: evidence(p)}, nil
}
