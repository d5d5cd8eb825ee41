package loader

import (
	"fmt"
	"strings"

	"github.com/reformhub/hub/internal/reform"
)

// Summary counts what Load wrote: nodes per entity type and relationships per relationship
// type, in the fixed orders of reform.EntityTypes and reform.RelTypes (zero counts included).
type Summary struct {
	Dataset       string
	Entities      []TypeCount
	Relationships []RelTypeCount
}

// TypeCount is the number of nodes of one entity type.
type TypeCount struct {
	Type  reform.EntityType
	Count int
}

// RelTypeCount is the number of relationships of one relationship type.
type RelTypeCount struct {
	Type  reform.RelType
	Count int
}

// newSummary returns a summary of dataset with every count zero.
func newSummary(dataset string) Summary {
	s := Summary{Dataset: dataset}
	for _, t := range reform.EntityTypes {
		s.Entities = append(s.Entities, TypeCount{Type: t})
	}
	for _, t := range reform.RelTypes {
		s.Relationships = append(s.Relationships, RelTypeCount{Type: t})
	}
	return s
}

// Nodes returns the number of nodes of type t.
func (s Summary) Nodes(t reform.EntityType) int {
	for _, c := range s.Entities {
		if c.Type == t {
			return c.Count
		}
	}
	return 0
}

// Rels returns the number of relationships of type t.
func (s Summary) Rels(t reform.RelType) int {
	for _, c := range s.Relationships {
		if c.Type == t {
			return c.Count
		}
	}
	return 0
}

// TotalNodes returns the number of nodes of all types.
func (s Summary) TotalNodes() int {
	n := 0
	for _, c := range s.Entities {
		n += c.Count
	}
	return n
}

// TotalRels returns the number of relationships of all types.
func (s Summary) TotalRels() int {
	n := 0
	for _, c := range s.Relationships {
		n += c.Count
	}
	return n
}

// addNodes and addRels count n more written nodes of type t and relationships of type t.
func (s *Summary) addNodes(t reform.EntityType, n int) {
	for i := range s.Entities {
		if s.Entities[i].Type == t {
			s.Entities[i].Count += n
		}
	}
}

func (s *Summary) addRels(t reform.RelType, n int) {
	for i := range s.Relationships {
		if s.Relationships[i].Type == t {
			s.Relationships[i].Count += n
		}
	}
}

// String prints the counts as a small table: the totals, then one row per type.
func (s Summary) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "dataset %s: %d nodes, %d relationships\n", s.Dataset, s.TotalNodes(), s.TotalRels())
	b.WriteString("  nodes\n")
	for _, c := range s.Entities {
		fmt.Fprintf(&b, "    %-16s %7d\n", c.Type, c.Count)
	}
	b.WriteString("  relationships\n")
	for _, c := range s.Relationships {
		fmt.Fprintf(&b, "    %-16s %7d\n", c.Type, c.Count)
	}
	return b.String()
}
