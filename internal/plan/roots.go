package plan

// The roots of the per-field path: what a resolver reads on its own when no plan fetched it
// (the planner is off, the plan was refused, or the field sits where no plan reaches). Each
// is a Root like any other, compiled and decoded by the store's one compiler and decoder.

// scopeKey is the response key of the one aggregate a scope root computes.
const scopeKey = "scope"

// ConnectionRoot is the page q of a connection: a RootConnection of a root connection, or
// the RootRelatedConnection of its one parent (q.From set).
func ConnectionRoot(q ConnectionQuery) *Root {
	if q.From != nil {
		return &Root{Kind: RootRelatedConnection, Type: q.From.Type, Parents: []string{q.From.ID}, Conn: q.Selection()}
	}
	return &Root{Kind: RootConnection, Type: q.Type, Conn: &RelSelection{Kind: RelConnection, On: q.Type,
		Where: q.Where, Sort: q.Sort, First: q.First, After: q.After, Last: q.Last, Before: q.Before, Edges: true}}
}

// ConnectionOf returns the connection a ConnectionRoot read for q: an empty page for a parent
// the store found no entity for.
func (r *RootResult) ConnectionOf(q ConnectionQuery) *Connection {
	if q.From == nil {
		return r.Connection
	}
	if c := r.Connections[q.From.ID]; c != nil {
		return c
	}
	return &Connection{Scope: q.Scope, Edges: []*Edge{}, PageInfo: q.Page().EmptyPageInfo()}
}

// ScopeRoot is the root that computes a (a count, node aggregate or groupBy) over scope sc:
// of a root connection, or, when sc.From is set, of the relationship-field connection of each
// of parents (sc.From.ID when there are none).
func ScopeRoot(sc Scope, a *AggregateSelection, parents ...string) *Root {
	if sc.From != nil && len(parents) == 0 {
		parents = []string{sc.From.ID}
	}
	a.Key = scopeKey
	return &Root{Kind: RootScope, Scope: sc, Parents: parents,
		Conn: &RelSelection{Kind: RelConnection, Aggregates: []*AggregateSelection{a}}}
}

// CountSelection is the count of a scope, one of ScopeRoot's three uses (with NodeSelection
// and GroupSelectionOf).
func CountSelection() *AggregateSelection { return &AggregateSelection{Count: true} }

// NodeSelection is the node aggregate of every aggregating field.
func NodeSelection() *AggregateSelection { return &AggregateSelection{Node: true} }

// GroupSelectionOf is one groupBy(field, limit), its groups' entities with every property.
func GroupSelectionOf(field string, limit *int) *AggregateSelection {
	return &AggregateSelection{Groups: []*GroupSelection{{Key: scopeKey, Field: field, Limit: limit}}}
}

// ScopeAggregate returns the aggregate a ScopeRoot computed: of the root connection (id
// empty), or of parent id's connection (nil when the store found no entity for it).
func (r *RootResult) ScopeAggregate(id string) *Aggregate {
	c := r.Connection
	if id != "" {
		c = r.Connections[id]
	}
	if c == nil {
		return nil
	}
	a, _ := c.PrefetchedAggregate(scopeKey)
	return a
}

// Count returns the count of a ScopeRoot of CountSelection (zero for a missing parent).
func (r *RootResult) Count(id string) *Count {
	if a := r.ScopeAggregate(id); a != nil {
		if c, ok := a.PrefetchedCount(); ok {
			return c
		}
	}
	return &Count{}
}

// Groups returns the groups of a ScopeRoot of GroupSelectionOf (none for a missing parent).
func (r *RootResult) Groups(id string) []*Group {
	if a := r.ScopeAggregate(id); a != nil {
		if gs, ok := a.PrefetchedGroups(scopeKey); ok {
			return gs
		}
	}
	return []*Group{}
}

// Parent is the id of the entity a relationship-field scope starts from ("" for a root
// connection's scope), the key of ScopeAggregate, Count and Groups.
func (s Scope) Parent() string {
	if s.From == nil {
		return ""
	}
	return s.From.ID
}

// NodeAggregate returns the node aggregates of a ScopeRoot of NodeSelection.
func (r *RootResult) NodeAggregate(id string) map[string]any {
	if a := r.ScopeAggregate(id); a != nil {
		m, _ := a.PrefetchedNode()
		return m
	}
	return nil
}

// Counts returns the count a ScopeRoot over parents ids computed for each of them (zero for
// one the store found no entity for).
func (r *RootResult) Counts(ids []string) map[string]*Count {
	out := make(map[string]*Count, len(ids))
	for _, id := range ids {
		out[id] = r.Count(id)
	}
	return out
}
