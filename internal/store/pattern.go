package store

import (
	"strings"

	"github.com/reformhub/hub/internal/reform"
)

// The patterns the compiler matches. Every node and relationship pattern of every read the
// store compiles is written by the functions of this file, from labels and relationship types
// of reform's fixed tables: nothing else writes "(v:Label …)" or "-[r:TYPE]->".
//
// This is the one seam for a rule that applies to every matched node and relationship (a
// data version a reader sees, a visibility condition): add it here, as an inline WHERE in the
// node or relationship pattern, and every statement gets it.

// pattern returns the relationship pattern from v to w for rel, e.g.
// `(n)-[:LEADS|MEMBER_OF]->(n1:Department)`. Types and labels come from reform's tables.
func pattern(v string, rel reform.Relation, w string) string {
	types := make([]string, len(rel.Types))
	for i, t := range rel.Types {
		types[i] = string(t)
	}
	label := reform.EntityLabel
	if rel.Target != "" {
		label = string(rel.Target)
	}
	left, right := "-", "->"
	if !rel.Out {
		left, right = "<-", "-"
	}
	return "(" + v + ")" + left + "[:" + strings.Join(types, "|") + "]" + right + "(" + w + ":" + label + ")"
}

// patternRel is pattern with the relationship bound to variable r.
func patternRel(v string, rel reform.Relation, r, w string) string {
	s := pattern(v, rel, w)
	return strings.Replace(s, "[:", "["+r+":", 1)
}
