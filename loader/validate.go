package loader

import (
	"fmt"
	"strings"

	"github.com/reformhub/hub/internal/reform"
)

// relKey identifies a relationship: (type, from, to).
type relKey struct {
	typ      reform.RelType
	from, to string
}

// validate runs the checks that span files: unique ids, relationship endpoints and their
// types, unique relationships.
func (p *parser) validate() {
	types := p.checkIDs()
	// Most relationships occur once: their first location is kept, a list only for repeats.
	first := make(map[relKey]Location, len(p.ds.Relationships))
	repeats := map[relKey][]Location{}
	var order []relKey
	for _, r := range p.ds.Relationships {
		p.checkEndpoints(r, types)
		if r.Type == "" || r.From == "" || r.To == "" {
			continue
		}
		k := relKey{r.Type, r.From, r.To}
		loc, seen := first[k]
		if !seen {
			first[k] = r.Loc
			continue
		}
		if repeats[k] == nil {
			repeats[k] = []Location{loc}
			order = append(order, k)
		}
		repeats[k] = append(repeats[k], r.Loc)
	}
	for _, k := range order {
		p.reportRepeats(repeats[k], fmt.Sprintf("relationship %s %s -> %s", k.typ, k.from, k.to))
	}
}

// checkIDs reports ids declared more than once (documents and entities share one id space)
// and returns the type of every declared id ("" when its type is not valid).
func (p *parser) checkIDs() map[string]reform.EntityType {
	types := make(map[string]reform.EntityType, len(p.ds.Documents)+len(p.ds.Entities))
	first := make(map[string]Location, len(p.ds.Documents)+len(p.ds.Entities))
	repeats := map[string][]Location{}
	var order []string
	declare := func(id string, t reform.EntityType, loc Location) {
		if id == "" {
			return
		}
		at, seen := first[id]
		if !seen {
			first[id] = loc
			types[id] = t
			return
		}
		if repeats[id] == nil {
			repeats[id] = []Location{at}
			order = append(order, id)
		}
		repeats[id] = append(repeats[id], loc)
	}
	for _, d := range p.ds.Documents {
		declare(d.ID, reform.TypeDocument, d.Loc)
	}
	for _, e := range p.ds.Entities {
		declare(e.ID, e.Type, e.Loc)
	}
	for _, id := range order {
		p.reportRepeats(repeats[id], fmt.Sprintf("duplicate id %q", id))
	}
	return types
}

// reportRepeats reports, at each of locs when there are several, that what is declared again
// at the others.
func (p *parser) reportRepeats(locs []Location, what string) {
	if len(locs) < 2 {
		return
	}
	for i, loc := range locs {
		var others []string
		for j, o := range locs {
			if j != i {
				others = append(others, o.String())
			}
		}
		p.ps.add(loc, "%s: also declared at %s", what, strings.Join(others, ", "))
	}
}

// checkEndpoints reports relationship endpoints that are not declared ids, and endpoint type
// pairs the relationship type does not allow.
func (p *parser) checkEndpoints(r Relationship, types map[string]reform.EntityType) {
	ctx := "relationship " + string(r.Type)
	if r.Type == "" {
		ctx = "relationship"
	}
	fromType, fromOK := p.endpointType(types, r.From, r.fromLoc, ctx, "from")
	toType, toOK := p.endpointType(types, r.To, r.toLoc, ctx, "to")
	if r.From != "" && r.From == r.To {
		p.ps.add(r.toLoc, "%s: from and to are the same entity %q", ctx, r.From)
	}
	if r.Type == "" || !fromOK || !toOK || fromType == "" || toType == "" {
		return
	}
	if !r.Type.Allows(fromType, toType) {
		p.ps.add(r.Loc, "%s: cannot join %s %q to %s %q (allowed: %s)",
			ctx, fromType, r.From, toType, r.To, endpointList(r.Type))
	}
}

// endpointType returns the type of the endpoint id of a relationship (written at loc): the
// type it is declared with in the dataset, or, for an id of the entity id form that the
// dataset does not declare, the type its prefix names — such an id is an external reference
// to an entity another loaded dataset defines, recorded in p.ds.External and checked against
// the graph by Load. Any other id is a problem.
func (p *parser) endpointType(types map[string]reform.EntityType, id string, loc Location, ctx, end string) (reform.EntityType, bool) {
	if id == "" {
		return "", false
	}
	if t, ok := types[id]; ok {
		return t, true
	}
	if t, ok := typeOfID(id); ok {
		p.ds.External = append(p.ds.External, ExternalRef{ID: id, Type: t, Loc: loc, What: ctx + ": " + end})
		return t, true
	}
	p.ps.add(loc, "%s: %s %q is not a known entity id", ctx, end, id)
	return "", false
}

// typeOfID returns the entity type the prefix of id names, when id has the entity id form.
func typeOfID(id string) (reform.EntityType, bool) {
	m := idPattern.FindStringSubmatch(id)
	if m == nil {
		return "", false
	}
	for t, prefix := range reform.IDPrefix {
		if prefix == m[1] && t != reform.TypeDocument {
			return t, true
		}
	}
	return "", false
}

// endpointList lists the endpoint type pairs rt allows, as "From->To, …".
func endpointList(rt reform.RelType) string {
	var pairs []string
	for _, e := range reform.RelRules[rt] {
		pairs = append(pairs, string(e.From)+"->"+string(e.To))
	}
	return strings.Join(pairs, ", ")
}
