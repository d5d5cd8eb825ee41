package store

import (
	"strings"

	"github.com/reformhub/hub/internal/reform"
)

// The patterns the read compiler matches. Every node and relationship pattern of every read
// statement is written by the functions of this file — node, relPattern, pattern and
// patternRel — from the labels and relationship types of reform's fixed tables: no other code
// of the read path writes "(v:Label …)" or "-[r:TYPE]->". (Writes, in write.go, match by id
// on their own.)
//
// This is the one seam for a rule that applies to every matched node and relationship — the
// data version a reader sees, a visibility condition: add it here, as an inline WHERE of the
// node pattern (`(v:Label WHERE …)`) and of the relationship pattern (`-[r:TYPE WHERE …]-`),
// and every read gets it. Two reads bind entities without a pattern of their own and need
// the same condition where they do: the full-text index call of search (searchCandidates)
// and the nodes of a path, which are bound by the relationship patterns of its steps.

// node returns the pattern of node v (empty: anonymous) with label (one of reform's types or
// reform.EntityLabel; empty: none) and props, a map literal of parameters (empty: none), e.g.
// `(n:Entity {id: $id})`.
func nodePattern(v, label, props string) string {
	s := "(" + v
	if label != "" {
		s += ":" + label
	}
	if props != "" {
		s += " " + props
	}
	return s + ")"
}

// relPattern returns the pattern of a relationship bound to r (empty: anonymous) of types
// (a type part as relTypePattern returns it, ":LEADS|RUNS", or empty for any type), of the
// variable length length ("*1..3"; empty: one hop), undirected unless out: `-[r:T]-`,
// `-[r:T]->`.
func relPattern(r, types, length string, out bool) string {
	s := "-[" + r + types + length + "]-"
	if out {
		s += ">"
	}
	return s
}

// pattern returns the relationship pattern from v to w for rel, e.g.
// `(n)-[:LEADS|MEMBER_OF]->(n1:Department)`. Types and labels come from reform's tables.
func pattern(v string, rel reform.Relation, w string) string {
	return patternRel(v, rel, "", w)
}

// patternRel is pattern with the relationship bound to variable r (empty: anonymous). v may
// carry a label (`v:Task`), as at an interface position.
func patternRel(v string, rel reform.Relation, r, w string) string {
	types := make([]string, len(rel.Types))
	for i, t := range rel.Types {
		types[i] = string(t)
	}
	label := reform.EntityLabel
	if rel.Target != "" {
		label = string(rel.Target)
	}
	rp := relPattern(r, ":"+strings.Join(types, "|"), "", rel.Out)
	if !rel.Out {
		rp = "<" + rp
	}
	return "(" + v + ")" + rp + nodePattern(w, label, "")
}
