package store

import (
	"slices"
	"strconv"
	"strings"

	"github.com/reformhub/hub/internal/plan"
	"github.com/reformhub/hub/internal/reform"
)

// The one projection: every entity a read returns is projected as {t: type, p: properties,
// d: documents of its evidence, x: {f0: …}}, its selected relationship fields compiled as
// subqueries that project their entities the same way.

// projection writes, as items of it, the subqueries that what sel selects of entity variable v
// (of static type t; empty at an interface position) needs, and returns the expression that
// projects v with them.
func (pc *planCompiler) projection(it *items, v string, t reform.EntityType, sel *plan.Selection) (string, error) {
	props := "properties(" + v + ")"
	if sel != nil && sel.Project {
		props = pc.propertyMap(v, sel.Fields)
	}
	label := pc.p.typeOf(v)
	if t.Valid() {
		// At a typed position the label is known: one of reform's fixed types.
		label = "'" + string(t) + "'"
	}
	proj := "{t: " + label + ", p: " + props
	if pc.p.vis {
		// Filtered mode (visibility.go): the assertions of an entity several datasets assert,
		// for the decoder to merge the visible ones again (the properties the selection needs
		// are enough: it redacts and merges those).
		proj = "{t: " + label + ", p: " + props + ", a: " + it.bind(pc.assertionsOf(v))
	}
	if sel == nil || (len(sel.Rels) == 0 && !sel.Documents) {
		return proj + "}", nil
	}
	if sel.Documents {
		proj += ", d: " + pc.documents(it, v)
	}
	if len(sel.Rels) > 0 {
		fields := make([]string, len(sel.Rels))
		for i, rs := range sel.Rels {
			expr, err := pc.rel(it, v, t, rs)
			if err != nil {
				return "", err
			}
			fields[i] = "f" + strconv.Itoa(i) + ": " + expr
		}
		proj += ", x: {" + strings.Join(fields, ", ") + "}"
	}
	return proj + "}", nil
}

// projectable are the node properties of the entity fields (GraphQL name = property name).
var projectable = func() map[string]bool {
	m := map[string]bool{propID: true, "name": true, "nameEn": true, "aliases": true, "description": true,
		"note": true, "language": true, "paragraphs": true, "datasets": true, "conflicts": true}
	for _, t := range reform.EntityTypes {
		for _, f := range reform.TypeFields(t) {
			m[f.Name] = true
		}
	}
	return m
}()

// propertyMap is the map projection of v's properties that fields need (GraphQL field names):
// always the id and the name (a Document's title falls back to it), the three evidence lists
// for sources, the kind for entityKind. A field that is no property (a computed or unknown one)
// falls back to every property.
func (pc *planCompiler) propertyMap(v string, fields []string) string {
	if pc.p.pending {
		// Pending values wait beside the properties; the decoder overlays them (overlay).
		return "properties(" + v + ")"
	}
	props := []string{propID, "name"}
	for _, f := range fields {
		switch {
		case f == "sources":
			props = append(props, propSrcDocs, propSrcParas, propSrcQuotes)
		case slices.Contains(props, f), f == "claims", f == "history":
			// claims and history are read by roots of their own, from the id.
		case f == "entityKind":
			// The kind, as text on every type (Entity.entityKind).
			if !slices.Contains(props, "kind") {
				props = append(props, "kind")
			}
		case projectable[f]:
			// f is a property name from the fixed table above.
			props = append(props, f)
		default:
			return "properties(" + v + ")"
		}
	}
	return v + " {." + strings.Join(props, ", .") + "}"
}

// assertionsOf is the list of the Assertion nodes' properties of entity v (by dataset) when
// several datasets assert it, else null.
func (pc *planCompiler) assertionsOf(v string) string {
	a := pc.fresh("asr")
	return "CASE WHEN (" + pc.p.prop(v, "datasets") + ")[1] IS NOT NULL THEN COLLECT { MATCH (" + a + ":" + labelAssertion + " {" + aKey + ": " + v + ".id}) " +
		"WHERE " + a + "." + aKind + " = 'node' AND " + pc.p.versioned(a) + " WITH " + a + " ORDER BY " + a + "." + aDataset + " RETURN properties(" + a + ") } ELSE null END"
}

// documents binds the list of the documents named by the evidence of v (a node or a
// relationship) as an item of it.
func (pc *planCompiler) documents(it *items, v string) string {
	x := it.open()
	d := pc.fresh("d")
	pc.b.WriteString("COLLECT { MATCH " + pc.p.node(d, string(reform.TypeDocument), "") + " WHERE " + d + ".id IN " + pc.p.prop(v, propSrcDocs) +
		" RETURN " + pc.nodeProjection(d) + " }")
	it.close(x)
	return x
}

// rel compiles relationship field rs of the entity bound to v (of static type t).
func (pc *planCompiler) rel(it *items, v string, t reform.EntityType, rs *plan.RelSelection) (string, error) {
	rel, ok := reform.RelationField(rs.On, rs.Field)
	if !ok {
		return "", badInput("%s has no relationship field %q", rs.On, rs.Field)
	}
	var on reform.EntityType
	if t != rs.On {
		// At an interface position the field applies to entities of type On only. On is one
		// of reform's types (RelationField found it).
		on = rs.On
	}
	w := pc.fresh("v")
	if rs.Kind == plan.RelConnection {
		r := pc.fresh("e")
		return pc.connection(it, &connScope{t: rel.Target, n: w, r: r,
			match: "MATCH " + pc.p.patternRel(v, on, rel, r, w)}, rs)
	}
	q := rs.List
	if rs.Kind == plan.RelOne {
		q = plan.ListQuery{Limit: ptrInt(1)}
	}
	c := &compiler{p: pc.p, ns: w + "_"}
	pred, err := c.where(rel.Target, w, q.Where, 0)
	if err != nil {
		return "", err
	}
	x := it.open()
	if err := pc.list("MATCH "+pc.p.patternRel(v, on, rel, "", w)+where(pred), rel.Target, w, q, rs.Node); err != nil {
		return "", err
	}
	it.close(x)
	return x, nil
}

func ptrInt(n int) *int { return &n }

// list writes the COLLECT of the distinct entities w bound by match, sorted and paged by q.
func (pc *planCompiler) list(match string, t reform.EntityType, w string, q plan.ListQuery, sel *plan.Selection) error {
	order, err := orderBy(pc.p, t, w, q.Sort)
	if err != nil {
		return err
	}
	// Relationship lists and a group's nodes: the nested implicit limit.
	limit, offset, err := pc.lim.page(q, true)
	if err != nil {
		return err
	}
	pc.b.WriteString("COLLECT { " + match + " WITH DISTINCT " + w + order + " SKIP " + pc.p.add(offset) +
		" LIMIT " + pc.p.add(limit))
	proj, err := pc.projection(&items{pc: pc, carry: w}, w, t, sel)
	if err != nil {
		return err
	}
	pc.b.WriteString(" RETURN " + proj + " }")
	return nil
}
