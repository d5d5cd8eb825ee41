package store

import (
	"strconv"

	"github.com/reformhub/hub/internal/plan"
	"github.com/reformhub/hub/internal/reform"
)

// The one decoder: the values of a compiled plan become entities, connections, aggregates
// and groups, with the prefetch slots of their relationship fields filled.

// planDecoder fills entities and prefetch slots from the value of a planned statement.
type planDecoder struct {
	lim   limits
	slots *plan.Slots // what the entities' relationship fields fetched
	// The snapshot the statement was read at: in pending mode the properties of each node
	// get the values that wait on it at a version <= dv (overlay).
	dv      int64
	pending bool
	// vis is what the caller may see (nil: everything): the decoder redacts the rest.
	vis *visibility
}

// node decodes a node projection ({t, p}), in pending mode with its pending values.
func (d *planDecoder) node(v any) (reform.Entity, error) {
	d.vis.redactProjection(v)
	if d.pending {
		if m, ok := v.(map[string]any); ok {
			if p, ok := m["p"].(map[string]any); ok {
				overlay(p, d.dv)
			}
		}
	}
	return decodeNode(v)
}

// entity decodes a projection made by planCompiler.projection with sel.
func (d *planDecoder) entity(v any, sel *plan.Selection) (reform.Entity, error) {
	e, err := d.node(v)
	if err != nil || sel == nil {
		return e, err
	}
	m, err := as[map[string]any](v, "node")
	if err != nil {
		return nil, err
	}
	b := e.Common()
	if sel.Documents {
		if err := d.attachDocuments(b.Sources, m["d"]); err != nil {
			return nil, err
		}
	}
	var x map[string]any
	for i, rs := range sel.Rels {
		if rs.On != e.EntityType() {
			continue
		}
		if x == nil {
			if x, err = as[map[string]any](m["x"], "relationship fields of "+b.ID); err != nil {
				return nil, err
			}
		}
		val := x["f"+strconv.Itoa(i)]
		switch rs.Kind {
		case plan.RelConnection:
			rel, _ := reform.RelationField(rs.On, rs.Field)
			c, err := d.connection(val, rs, plan.Scope{Type: rel.Target, Where: rs.Where,
				From: &plan.Origin{Type: rs.On, ID: b.ID, Field: rs.Field}}, true)
			if err != nil {
				return nil, err
			}
			d.slots.Set(e, rs.Key, c)
		default:
			es, err := d.entities(val, rs.Node)
			if err != nil {
				return nil, err
			}
			d.slots.Set(e, rs.Key, es)
		}
	}
	return e, nil
}

func (d *planDecoder) entities(v any, sel *plan.Selection) ([]reform.Entity, error) {
	l, err := as[[]any](v, "entity list")
	if err != nil {
		return nil, err
	}
	out := make([]reform.Entity, 0, len(l))
	for _, x := range l {
		e, err := d.entity(x, sel)
		if err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, nil
}

// attachDocuments sets the Document of each evidence from the documents fetched with it.
func (d *planDecoder) attachDocuments(ev []reform.Evidence, docsV any) error {
	docs, err := as[[]any](docsV, "evidence documents")
	if err != nil {
		return err
	}
	byID := make(map[string]*reform.Document, len(docs))
	for _, x := range docs {
		e, err := d.node(x)
		if err != nil {
			return err
		}
		doc, err := as[*reform.Document](e, "evidence document")
		if err != nil {
			return err
		}
		byID[doc.ID] = doc
	}
	for i := range ev {
		ev[i].Document = byID[ev[i].DocumentID]
	}
	return nil
}

// connection decodes the map of planCompiler.connection.
func (d *planDecoder) connection(v any, rs *plan.RelSelection, sc plan.Scope, rel bool) (*plan.Connection, error) {
	m, err := as[map[string]any](v, "connection")
	if err != nil {
		return nil, err
	}
	c := &plan.Connection{Scope: sc, Edges: []*plan.Edge{}}
	if rs.Edges {
		w, err := d.lim.window(rs.Page(), rel)
		if err != nil {
			return nil, err
		}
		edges, err := as[[]any](m["e"], "connection edges")
		if err != nil {
			return nil, err
		}
		var total int
		if w.reverse {
			if total, err = integer(m["c"], "connection edge count"); err != nil {
				return nil, err
			}
		}
		err = page(c, len(edges), w, int64(total), func(i int) (reform.Entity, *plan.EdgeProperties, error) {
			em, err := as[map[string]any](edges[i], "connection edge")
			if err != nil {
				return nil, nil, err
			}
			e, err := d.entity(em["n"], rs.Node)
			if err != nil || !rel {
				return e, nil, err
			}
			d.vis.redactProjection(em["r"])
			props, err := decodeEdge(em["r"])
			if err != nil || !rs.EdgeDocuments {
				return e, props, err
			}
			rm, err := as[map[string]any](em["r"], "relationship")
			if err != nil {
				return nil, nil, err
			}
			return e, props, d.attachDocuments(props.Sources, rm["d"])
		})
		if err != nil {
			return nil, err
		}
	}
	if rs.TotalCount {
		n, err := integer(m["c"], "connection totalCount")
		if err != nil {
			return nil, err
		}
		c.SetPrefetchedTotal(n)
	}
	for i, sel := range rs.Aggregates {
		a, err := d.aggregate(m["a"+strconv.Itoa(i)], sel, sc)
		if err != nil {
			return nil, err
		}
		c.SetPrefetchedAggregate(sel.Key, a)
	}
	return c, nil
}

func (d *planDecoder) aggregate(v any, sel *plan.AggregateSelection, sc plan.Scope) (*plan.Aggregate, error) {
	m, err := as[map[string]any](v, "aggregate")
	if err != nil {
		return nil, err
	}
	a := &plan.Aggregate{Scope: sc}
	t := sc.Type
	if sel.Count {
		cm, err := as[map[string]any](m["c"], "aggregate count")
		if err != nil {
			return nil, err
		}
		c, err := decodeCount(cm)
		if err != nil {
			return nil, err
		}
		a.SetPrefetchedCount(c)
	}
	if sel.Node {
		vals, err := as[[]any](m["n"], "aggregate node")
		if err != nil {
			return nil, err
		}
		fields, _ := selectedAggregateFields(t, sel.NodeFields)
		node, err := decodeAggregateNode(t, fields, vals)
		if err != nil {
			return nil, err
		}
		a.SetPrefetchedNode(node)
	}
	for i, gs := range sel.Groups {
		l, err := list[map[string]any](m["g"+strconv.Itoa(i)], "aggregate groups")
		if err != nil {
			return nil, err
		}
		groups := make([]*plan.Group, 0, len(l))
		for _, gm := range l {
			g, err := decodeGroup(t, gm, func(v any) (reform.Entity, error) { return d.entity(v, gs.Entity) })
			if err != nil {
				return nil, err
			}
			if len(gs.Members) > 0 {
				mm, err := as[map[string]any](gm["m"], "group members")
				if err != nil {
					return nil, err
				}
				for j, ms := range gs.Members {
					es, err := d.entities(mm["m"+strconv.Itoa(j)], ms.Node)
					if err != nil {
						return nil, err
					}
					g.SetPrefetchedMembers(ms.Key, es)
				}
			}
			groups = append(groups, g)
		}
		a.SetPrefetchedGroups(gs.Key, groups)
	}
	return a, nil
}
