package store

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/reformhub/hub/internal/reform"
)

// stats compiles `stats`: it counts the entities of each type and the relationships of each type, one
// subquery per type, each a count Neo4j answers from its count store (NodeCountFromCountStore,
// RelationshipCountFromCountStore) without touching a node: constant time at any size. The
// hub writes every entity with its type label and Entity, and relationships only between
// entities, so these are the counts of entities and of relationships between them. It returns
// one row: the list of node counts in the order of reform.EntityTypes, and the list of
// relationship counts in the order of reform.RelTypes. Labels and types come from reform's
// fixed lists. In pending mode (pattern.go) the count store knows nothing of staged entities:
// the counts of version dv are made row by row, in one pass over the entities and one over
// the relationships (both ends with the version conditions), grouped by type.
func (pc *planCompiler) stats() {
	b := &pc.b
	if pc.p.guarded() {
		ents := make([]string, len(reform.EntityTypes))
		for i, t := range reform.EntityTypes {
			ents[i] = string(t)
		}
		rels := make([]string, len(reform.RelTypes))
		for i, t := range reform.RelTypes {
			rels[i] = string(t)
		}
		label := "coalesce(n." + pStagedLabel + ", [l IN labels(n) WHERE l <> '" + reform.EntityLabel + "'][0])"
		b.WriteString("CALL { MATCH " + pc.p.node("n", reform.EntityLabel, "") + " WITH " + label + " AS t, count(*) AS c RETURN collect([t, c]) AS nc }\n")
		b.WriteString("CALL { MATCH " + pc.p.node("", reform.EntityLabel, "") + pc.p.rel("r", "", "", true) + pc.p.node("", reform.EntityLabel, "") +
			" WITH " + pc.p.relType("r") + " AS t, count(*) AS c RETURN collect([t, c]) AS rc }\n")
		b.WriteString("RETURN [t IN " + pc.p.add(ents) + " | coalesce(head([x IN nc WHERE x[0] = t | x[1]]), 0)] AS nodes, " +
			"[t IN " + pc.p.add(rels) + " | coalesce(head([x IN rc WHERE x[0] = t | x[1]]), 0)] AS rels")
		return
	}
	var nodes, rels []string
	for i, t := range reform.EntityTypes {
		c := "n" + strconv.Itoa(i)
		b.WriteString("CALL { MATCH " + pc.p.node("n", string(t), "") + " RETURN count(n) AS " + c + " }\n")
		nodes = append(nodes, c)
	}
	for i, t := range reform.RelTypes {
		c := "r" + strconv.Itoa(i)
		b.WriteString("CALL { MATCH " + pc.p.node("", reform.EntityLabel, "") + pc.p.rel("r", ":"+string(t), "", true) + "() RETURN count(r) AS " + c + " }\n")
		rels = append(rels, c)
	}
	b.WriteString("RETURN [" + strings.Join(nodes, ", ") + "] AS nodes, [" + strings.Join(rels, ", ") + "] AS rels")
}

// decodeStats reads the row of pc.stats: the counts in the fixed orders of package reform.
func decodeStats(recs []*neo4j.Record) (*reform.Stats, error) {
	if len(recs) != 1 {
		return nil, fmt.Errorf("%w: stats: %d records, want 1", reform.ErrUnexpectedShape, len(recs))
	}
	nodes, err := column[[]any](recs[0], "nodes")
	if err != nil {
		return nil, fmt.Errorf("stats: %w", err)
	}
	rels, err := column[[]any](recs[0], "rels")
	if err != nil {
		return nil, fmt.Errorf("stats: %w", err)
	}
	if len(nodes) != len(reform.EntityTypes) || len(rels) != len(reform.RelTypes) {
		return nil, fmt.Errorf("%w: stats: %d node and %d relationship counts", reform.ErrUnexpectedShape, len(nodes), len(rels))
	}
	st := &reform.Stats{}
	for i, t := range reform.EntityTypes {
		n, err := integer(nodes[i], "count of "+string(t))
		if err != nil {
			return nil, fmt.Errorf("stats: %w", err)
		}
		st.EntityCounts = append(st.EntityCounts, reform.TypeCount{Type: string(t), Count: n})
	}
	for i, t := range reform.RelTypes {
		n, err := integer(rels[i], "count of "+string(t))
		if err != nil {
			return nil, fmt.Errorf("stats: %w", err)
		}
		st.RelationshipCounts = append(st.RelationshipCounts, reform.TypeCount{Type: string(t), Count: n})
	}
	return st, nil
}
