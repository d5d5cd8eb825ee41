package store

import (
	"slices"
	"strconv"
	"strings"

	"github.com/reformhub/hub/internal/reform"
)

// The patterns the read compiler matches, and the expressions that read what a sync may
// have staged. Every node and relationship pattern of every read statement is written by the
// methods of this file — node, rel, pattern and patternRel — from the labels and relationship
// types of reform's fixed tables and the constants of staging.go: no other code of the read
// path writes "(v:Label …)" or "-[r:TYPE]->". (Writes, in write.go and sync.go, match by id
// on their own.) The same goes for what a pattern's variables are read for: a node's
// property (prop), its type (typeOf, hasType), a relationship's type (relType).
//
// This is the one seam for the rules that apply to every matched node and relationship: the
// data version a reader sees (staging.go). Each statement is compiled at a snapshot (params:
// dv, pending):
//
//   - Plain mode (no version pending) matches labels and types only, as before there were
//     syncs: a staged entity has the one label StagedEntity (never Entity nor a type label), a
//     relationship that touches an entity already in the graph is staged as STAGED_REL, so
//     neither matches. A relationship pattern always names its types — with none given, every
//     type of reform.RelTypes — so that it never matches STAGED_REL. A relationship of a real
//     type that a sync stages joins two staged entities; so a path of real types from an
//     Entity (a variable-length expansion, the quantified group of paths) never reaches a
//     staged node: its intermediate nodes are entities of the graph even where the pattern
//     gives them no label. Retracted things (_u) and pending values (_pv) are still whole
//     facts of the plain reader's version, and read as such.
//   - Pending mode (a version published and not applied) reads version dv exactly: a node of
//     label L is (L or StagedEntity with _label = L) and not _s > dv and not _u <= dv (an
//     inline WHERE of the node pattern; an anonymous node gets a variable of its own); a
//     relationship of types T is (T or STAGED_REL with _type in T) under the same version
//     conditions (an inline WHERE of the relationship pattern; variable-length expansions
//     become quantified groups, which can carry it); a node property named in _pc of a node
//     whose _pv <= dv reads _n_<name> (prop), a type reads _label or _type. The projections
//     return properties(v), and the decoder overlays the pending values (overlay).
//
// Both modes read Assertion and Change nodes at $dv (datasets_read.go). Two reads bind
// entities without a pattern of their own and get the rules where they do: the full-text
// index call of search (search.go) and the ends of a path's steps, bound by its quantified
// group (graph.go).

// node returns the pattern of node v (empty: anonymous) with label (one of reform's types or
// reform.EntityLabel; empty: none) and props, a map literal of parameters (empty: none), e.g.
// `(n:Entity {id: $id})`. In pending mode a labelled node carries the version conditions.
func (p *params) node(v, label, props string) string {
	if p.guarded() && label != "" {
		if v == "" {
			v = p.anon()
		}
		s := "(" + v + ":" + label
		if p.pending {
			s += "|" + labelStaged
		}
		if props != "" {
			s += " " + props
		}
		var conds []string
		if p.pending {
			cond := p.versioned(v)
			if label != reform.EntityLabel {
				cond = "(" + v + ":" + label + " OR " + v + "." + pStagedLabel + " = '" + label + "') AND " + cond
			}
			conds = append(conds, cond)
		}
		if p.vis {
			conds = append(conds, p.visible(v, label))
		}
		return s + " WHERE " + strings.Join(conds, " AND ") + ")"
	}
	s := "(" + v
	if label != "" {
		s += ":" + label
	}
	if props != "" {
		s += " " + props
	}
	return s + ")"
}

// versioned is the version condition of the node or relationship x at dv: not added after
// it, not retracted at or before it.
func (p *params) versioned(x string) string {
	return visibleAt(x, p.dvParam())
}

// dvParam sets $dv, the snapshot's data version, and returns its name.
func (p *params) dvParam() string {
	p.m["dv"] = p.dv
	return "$dv"
}

// anon returns a fresh variable for a node or relationship the statement does not name.
func (p *params) anon() string {
	p.anons++
	return "anon" + strconv.Itoa(p.anons)
}

// rel returns the pattern of a relationship bound to r (empty: anonymous) of types (a type
// part as relTypePattern returns it, ":LEADS|RUNS"; empty: any type — in plain mode every
// type of reform.RelTypes, so that STAGED_REL never matches), of the variable length length
// ("*1..3"; empty: one hop; plain mode only: pending mode expands with quantified groups,
// see graph.go), undirected unless out: `-[r:T]-`, `-[r:T]->`.
func (p *params) rel(r, types, length string, out bool) string {
	if types == "" {
		types = allRelTypes
	}
	var s string
	switch {
	case p.guarded() && length == "":
		if r == "" {
			r = p.anon()
		}
		var conds []string
		part := types
		if p.pending {
			names := strings.Split(strings.TrimPrefix(types, ":"), "|")
			list := "['" + strings.Join(names, "', '") + "']"
			conds = append(conds, "(type("+r+") IN "+list+" OR "+r+"."+pStagedType+" IN "+list+") AND "+p.versioned(r))
			part += "|" + typeStaged
		}
		if p.vis {
			conds = append(conds, p.visibleRel(r))
		}
		s = "-[" + r + part + " WHERE " + strings.Join(conds, " AND ") + "]-"
	default:
		s = "-[" + r + types + length + "]-"
	}
	if out {
		s += ">"
	}
	return s
}

// allRelTypes is the type part of every relationship type of reform, in its fixed order.
var allRelTypes = func() string {
	names := make([]string, len(reform.RelTypes))
	for i, t := range reform.RelTypes {
		names[i] = string(t)
	}
	return ":" + strings.Join(names, "|")
}()

// pattern returns the relationship pattern from v to w for rel, e.g.
// `(n)-[:LEADS|MEMBER_OF]->(n1:Department)`. Types and labels come from reform's tables.
func (p *params) pattern(v string, rel reform.Relation, w string) string {
	return p.patternRel(v, "", rel, "", w)
}

// patternRel is pattern with the relationship bound to variable r (empty: anonymous). When on
// is not empty, v (bound already) must be an entity of type on, as at an interface position.
func (p *params) patternRel(v string, on reform.EntityType, rel reform.Relation, r, w string) string {
	types := make([]string, len(rel.Types))
	for i, t := range rel.Types {
		types[i] = string(t)
	}
	label := reform.EntityLabel
	if rel.Target != "" {
		label = string(rel.Target)
	}
	rp := p.rel(r, ":"+strings.Join(types, "|"), "", rel.Out)
	if !rel.Out {
		rp = "<" + rp
	}
	from := "(" + v + ")"
	if on != "" {
		// on is one of reform's types.
		from = "(" + v + ":" + string(on) + ")"
		if p.pending {
			from = "(" + v + " WHERE " + p.hasType(v, []string{string(on)}) + ")"
		}
	}
	return from + rp + p.node(w, label, "")
}

// prop is the value of property name (a field name of reform's tables or of props.go) of node
// v at the snapshot: v.name, or in pending mode the value that waits on v when it changes
// at a version <= dv. Pending-mode statements test properties only through prop: Neo4j 5.26
// answers `MATCH (n:Entity|StagedEntity WHERE …) WHERE n.conflicts IS NOT NULL RETURN
// properties(n)` with conflicts: true (the existence check's cached value replaces the
// property), which the CASE of prop avoids (TestPendingModeReadsWholeVersions reads conflicts).
//
// In filtered mode (visibility.go) a plain property of an entity several datasets assert is
// the value the caller's merge gives it: that of the first dataset by id whose assertion the
// caller may see and gives one (the decoder's remerge) — so that a filter, a sort or an
// aggregate never reads a value only a hidden dataset states.
func (p *params) prop(v, name string) string {
	base := v + "." + name // an entity's id never changes
	if p.pending && name != propID {
		base = "CASE WHEN " + v + "." + pPendingV + " <= " + p.dvParam() + " AND '" + name + "' IN " + v + "." + pPendingKeys +
			" THEN " + v + "." + pPendingVal + name + " ELSE " + v + "." + name + " END"
	}
	if !p.vis || slices.Contains(provenance, name) || isPendingKey(name) {
		return base
	}
	a := p.anon()
	return "CASE WHEN (" + p.prop(v, "datasets") + ")[1] IS NOT NULL THEN head(COLLECT { MATCH (" + a + ":" + labelAssertion + " {" + aKey + ": " + v + ".id}) " +
		"WHERE " + a + "." + aKind + " = 'node' AND " + p.versioned(a) + " AND " + a + "." + name + " IS NOT NULL AND " +
		"any(vis_d IN " + a + "." + propSrcDocs + " WHERE $vism[vis_d]) WITH " + a + " ORDER BY " + a + "." + aDataset + " RETURN " + a + "." + name + " }) ELSE " + base + " END"
}

// typeOf is the type of entity v: its label other than Entity (a staged entity: _label).
func (p *params) typeOf(v string) string {
	label := "[l IN labels(" + v + ") WHERE l <> 'Entity'][0]"
	if p.pending {
		return "coalesce(" + v + "." + pStagedLabel + ", " + label + ")"
	}
	return label
}

// hasType is the condition that entity v is of one of types (reform's types, written as
// literals: they come from the fixed tables).
func (p *params) hasType(v string, types []string) string {
	list := "['" + strings.Join(types, "', '") + "']"
	s := "any(l IN labels(" + v + ") WHERE l IN " + list + ")"
	if len(types) == 1 {
		s = v + ":" + types[0]
	}
	if p.pending {
		return "(" + s + " OR " + v + "." + pStagedLabel + " IN " + list + ")"
	}
	return s
}

// relType is the type of relationship r (a staged one: _type).
func (p *params) relType(r string) string {
	if p.pending {
		return "coalesce(" + r + "." + pStagedType + ", type(" + r + "))"
	}
	return "type(" + r + ")"
}

// isPendingKey tells the bookkeeping properties of staging.go, which no projection returns.
func isPendingKey(k string) bool { return strings.HasPrefix(k, "_") }

// overlay applies to the properties p of a node the values that wait on it for a version
// <= dv, and drops every bookkeeping property (those starting with "_", a relationship's
// too).
func overlay(p map[string]any, dv int64) {
	if pv, ok := p[pPendingV].(int64); ok && pv <= dv {
		keys, _ := p[pPendingKeys].([]any)
		for _, k := range keys {
			name, ok := k.(string)
			if !ok || isPendingKey(name) {
				continue
			}
			if v, ok := p[pPendingVal+name]; ok && v != nil {
				p[name] = v
			} else {
				delete(p, name)
			}
		}
	}
	for k := range p {
		if isPendingKey(k) {
			delete(p, k)
		}
	}
}
