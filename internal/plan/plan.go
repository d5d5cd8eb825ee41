package plan

import (
	"sync"

	"github.com/reformhub/hub/internal/reform"
)

// A query plan describes, for one root field of a GraphQL request, everything the response
// needs beneath it, so that the store can fetch it with one statement. The plan is pure data:
// package graph builds it from the parsed operation, package store compiles it to Cypher and
// fills the prefetch slots of the values it returns (Slots), which the resolvers read instead
// of running a statement per parent.

// RootKind tells which kind of root field a Root plans.
type RootKind int

// Root field kinds.
const (
	// RootList is a root list (`tasks(where, sort, limit, offset)`).
	RootList RootKind = iota + 1
	// RootEntity is `entity(id)`.
	RootEntity
	// RootConnection is a root connection (`tasksConnection(where, sort, first, after)`).
	RootConnection
	// RootSearch is `search(query, types, limit)`.
	RootSearch
	// RootRelated is a relationship list field of many parents at once (the fallback of the
	// fields a plan did not cover): each parent's own filtered, sorted, paged list.
	RootRelated
	// RootRelatedConnection is a relationship-field connection of many parents at once (the
	// fallback of the connections a plan did not cover): each parent's own page.
	RootRelatedConnection
	// RootScope is the count, node aggregate or groups of a connection's scope (Scope; Conn
	// selects which: TotalCount, Aggregates), asked for on their own by the per-field path:
	// of a root connection, or, with Scope.From set, of the relationship-field connection of
	// each parent in Parents (Scope.From.ID unused).
	RootScope
	// RootDocuments is the documents with the ids in Parents (the evidence documents a plan did
	// not fetch).
	RootDocuments
	// RootSearchPage is `searchConnection(query, types, first, after, last, before)`:
	// Search.Limit is first.
	RootSearchPage
	// RootNeighborhood is `neighborhood(id, depth, limit, relationshipTypes)` (Graph).
	RootNeighborhood
	// RootPaths is `paths(from, to, maxHops, limit, relationshipTypes)` (Graph).
	RootPaths
	// RootStats is `stats`.
	RootStats
	// RootDatasets is `datasets`: the loaded datasets, by id.
	RootDatasets
	// RootDataVersion is `dataVersion`: the current data version.
	RootDataVersion
	// RootClaims is the claims of the entities with the ids in Parents (`Entity.claims`):
	// every dataset's value of every plain property; Field, when set, keeps that field's only.
	RootClaims
	// RootConflicts is `conflicts(type, limit, offset)`: the entities (of Type; every type when
	// empty) whose datasets disagree on a property, by id, paged by List.
	RootConflicts
	// RootChanges is `changes(since, until, dataset, limit, offset)` (Changes).
	RootChanges
	// RootHistory is `Entity.history(limit, offset)` of the entities with the ids in Parents:
	// each one's changes, newest first, paged by List.
	RootHistory
)

// ChangesQuery holds the arguments of `changes`: the changes with Since < version <= Until
// (nil: the current version; never beyond it), of Dataset when set, paged by Limit and Offset.
type ChangesQuery struct {
	Since         int
	Until         *int
	Dataset       *string
	Limit, Offset *int
}

// GraphQuery holds the arguments of `neighborhood` (ID, Depth, Limit, RelTypes) and `paths`
// (From, To, MaxHops, Limit, RelTypes).
type GraphQuery struct {
	ID, From, To          string
	Depth, MaxHops, Limit *int
	RelTypes              []string
}

// Root is the plan of one root field.
type Root struct {
	Kind RootKind
	// RootList, RootConnection: the entity type listed (RootList: empty for the entities of
	// every type); RootRelated, RootRelatedConnection: the parents' type.
	Type reform.EntityType
	// RootList, RootRelated: the list's arguments.
	List ListQuery
	// RootRelated, RootRelatedConnection, RootScope: the parents' ids; RootRelated: the
	// relationship field followed from each. RootDocuments: the documents' ids.
	Parents []string
	Field   string
	// RootEntity: the id.
	ID string
	// RootConnection: the page asked for and what is selected of it (Conn.Field unused);
	// RootRelatedConnection: the same of each parent's connection (Conn.Field: the
	// relationship field followed).
	Conn *RelSelection
	// RootSearch, RootSearchPage: the search arguments.
	Search SearchQuery
	// RootScope: the scope counted or aggregated.
	Scope Scope
	// RootNeighborhood, RootPaths: their arguments.
	Graph GraphQuery
	// RootChanges: its arguments.
	Changes ChangesQuery
	// Node is what is selected of each entity the root field returns (RootList, RootEntity,
	// RootSearch, RootSearchPage, RootRelated, and the nodes of RootNeighborhood and
	// RootPaths); nil: every property, no relationship field.
	Node *Selection
}

// SearchQuery holds the arguments of `search`.
type SearchQuery struct {
	Query string
	Types []reform.EntityType
	Limit *int
	// After is the cursor a page starts after (RootSearchPage); Last and Before page backward
	// (plan.Page).
	After  *string
	Last   *int
	Before *string
}

// Page returns the page arguments of a RootSearchPage.
func (q SearchQuery) Page() Page {
	return Page{First: q.Limit, After: q.After, Last: q.Last, Before: q.Before}
}

// RootResult is what the store returns for a Root: the entities (RootList), the entity
// (RootEntity), the connection (RootConnection) or the hits (RootSearch) …, with their
// prefetch slots filled.
type RootResult struct {
	Entities   []reform.Entity
	Entity     reform.Entity
	Connection *Connection
	Hits       []*reform.SearchHit
	// Related: each parent's list, by parent id (RootRelated; a parent with no entity has
	// none).
	Related map[string][]reform.Entity
	// Connections: each parent's page, by parent id (RootRelatedConnection; RootScope over
	// parents). RootScope of a root connection fills Connection.
	Connections map[string]*Connection
	// Documents: the documents in the order of the ids asked for, nil for a missing one
	// (RootDocuments).
	Documents []*reform.Document
	// RootSearchPage: the hits (Hits), their cursors, whether more follow and precede, the
	// number of all.
	Cursors  []string
	More     bool
	Previous bool
	Total    int
	// Subgraph (RootNeighborhood), Paths (RootPaths), Stats (RootStats).
	Subgraph *reform.Subgraph
	Paths    []*reform.Path
	Stats    *reform.Stats
	// Datasets (RootDatasets), Version (RootDataVersion), Claims by entity id (RootClaims; an
	// entity no dataset asserts has none), Changes (RootChanges), History by entity id
	// (RootHistory; an entity without changes has none).
	Datasets []*reform.Dataset
	Version  *reform.DataVersion
	Claims   map[string][]*reform.Claim
	Changes  []*reform.Change
	History  map[string][]*reform.Change
	// Slots holds what was fetched for the relationship fields of the entities returned.
	Slots *Slots
}

// Slots holds what planned statements fetched for the relationship fields of the entities
// they returned, by entity and response key: a []reform.Entity for a list or single-valued
// field, a *Connection for a connection. It keeps the planner's results off the domain
// values; one request's root fields fill one table, concurrently.
type Slots struct {
	mu sync.Mutex
	m  map[*reform.Base]map[string]any
}

// NewSlots returns an empty table.
func NewSlots() *Slots { return &Slots{m: map[*reform.Base]map[string]any{}} }

// Set records v as the value of the field with response key key of entity e.
func (s *Slots) Set(e reform.Entity, key string, v any) {
	s.mu.Lock()
	defer s.mu.Unlock()
	b := e.Common()
	if s.m[b] == nil {
		s.m[b] = map[string]any{}
	}
	s.m[b][key] = v
}

// Get returns the value fetched for the field with response key key of entity e, and whether
// there is one. A nil table holds nothing.
func (s *Slots) Get(e reform.Entity, key string) (any, bool) {
	if s == nil {
		return nil, false
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	v, ok := s.m[e.Common()][key]
	return v, ok
}

// Merge adds the slots of o (nil: none) to s.
func (s *Slots) Merge(o *Slots) {
	if o == nil || o == s {
		return
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	s.mu.Lock()
	defer s.mu.Unlock()
	for b, m := range o.m {
		s.m[b] = m
	}
}

// Selection is what a response needs of the entities at one position: the relationship
// fields and connections selected on them (each for one concrete type: an interface position
// holds the fields of each type's fragments), and whether the documents of their evidence are
// selected (`sources { document { … } }`).
type Selection struct {
	// Project: only the scalar fields in Fields (GraphQL field names, sorted) are needed, besides
	// the id and the name; when false, every property is fetched.
	Project bool
	Fields  []string
	Rels    []*RelSelection
	// Documents: the documents named by the entities' evidence are fetched too.
	Documents bool
}

// RelKind is the shape of a relationship field.
type RelKind int

// Relationship field shapes.
const (
	// RelList is a list field (`departments(where, sort, limit, offset)`).
	RelList RelKind = iota + 1
	// RelOne is a single-valued field (`parent`): at most one entity.
	RelOne
	// RelConnection is a connection field (`departmentsConnection(where, sort, first, after)`).
	RelConnection
)

// RelSelection is one relationship field, under its response key (alias or name), of the
// entities of type On at a position.
type RelSelection struct {
	Key   string            // the response key: the alias, or the field name
	On    reform.EntityType // the concrete type the field belongs to
	Field string            // the relationship field (`departments` for `departmentsConnection`)
	Kind  RelKind
	// RelList, RelOne: the list's arguments.
	List ListQuery
	// RelConnection: the connection's where (a connection where tree; a where tree of the
	// type on a root connection), sort, and page: first and after (forward), last and before
	// (backward; see Page).
	Where  map[string]any
	Sort   []SortKey
	First  *int
	After  *string
	Last   *int
	Before *string
	// Edges: the edges or the page info of the connection are selected.
	Edges bool
	// EdgeDocuments: the documents of the edges' relationship evidence are selected.
	EdgeDocuments bool
	// TotalCount: totalCount is selected.
	TotalCount bool
	// Aggregates: the aggregate fields selected, by response key.
	Aggregates []*AggregateSelection
	// Node is what is selected of the related entities (list items, edge nodes).
	Node *Selection
}

// AggregateSelection is one `aggregate` field of a connection, under its response key.
type AggregateSelection struct {
	Key   string
	Count bool
	Node  bool
	// NodeFields are the fields selected under `node` (nil: every aggregating field); only
	// they are computed.
	NodeFields []string
	// NodeAggregates are the aggregates selected of each field under `node` (min, max,
	// average, sum; shortest, longest), by field name; nil, or a field not in it: all of that
	// field's. A root connection whose fields ask only for min and max reads them from the
	// fields' range indexes, in order, one entry each (store: indexEnds).
	NodeAggregates map[string][]string
	Groups         []*GroupSelection
}

// GroupSelection is one `groupBy(field, limit)` of an aggregate, under its response key.
type GroupSelection struct {
	Key   string
	Field string
	Limit *int
	// Entity is what is selected of the groups' related entity (grouping by a relationship).
	Entity *Selection
	// Members: the `nodes` fields selected on the groups, by response key.
	Members []*MembersSelection
}

// MembersSelection is one `nodes(sort, limit, offset)` field of a group.
type MembersSelection struct {
	Key  string
	List ListQuery
	Node *Selection
}

// PrefetchedTotal returns the prefetched totalCount of the connection, and whether there is one.
func (c *Connection) PrefetchedTotal() (int, bool) {
	if c.total == nil {
		return 0, false
	}
	return *c.total, true
}

// SetPrefetchedTotal records the connection's totalCount.
func (c *Connection) SetPrefetchedTotal(n int) { c.total = &n }

// PrefetchedAggregate returns the prefetched aggregate with response key key.
func (c *Connection) PrefetchedAggregate(key string) (*Aggregate, bool) {
	a, ok := c.aggregates[key]
	return a, ok
}

// SetPrefetchedAggregate records the aggregate with response key key.
func (c *Connection) SetPrefetchedAggregate(key string, a *Aggregate) {
	if c.aggregates == nil {
		c.aggregates = map[string]*Aggregate{}
	}
	c.aggregates[key] = a
}

// PrefetchedCount returns the prefetched count of the aggregate.
func (a *Aggregate) PrefetchedCount() (*Count, bool) { return a.count, a.count != nil }

// SetPrefetchedCount records the aggregate's count.
func (a *Aggregate) SetPrefetchedCount(c *Count) { a.count = c }

// PrefetchedNode returns the prefetched node aggregates (keyed by field name).
func (a *Aggregate) PrefetchedNode() (map[string]any, bool) { return a.node, a.node != nil }

// SetPrefetchedNode records the node aggregates.
func (a *Aggregate) SetPrefetchedNode(m map[string]any) { a.node = m }

// PrefetchedGroups returns the prefetched groups of the groupBy with response key key.
func (a *Aggregate) PrefetchedGroups(key string) ([]*Group, bool) {
	g, ok := a.groups[key]
	return g, ok
}

// SetPrefetchedGroups records the groups of the groupBy with response key key.
func (a *Aggregate) SetPrefetchedGroups(key string, gs []*Group) {
	if a.groups == nil {
		a.groups = map[string][]*Group{}
	}
	a.groups[key] = gs
}

// PrefetchedMembers returns the prefetched members of the `nodes` field with response key key.
func (g *Group) PrefetchedMembers(key string) ([]reform.Entity, bool) {
	m, ok := g.members[key]
	return m, ok
}

// SetPrefetchedMembers records the members listed by the `nodes` field with response key key.
func (g *Group) SetPrefetchedMembers(key string, es []reform.Entity) {
	if g.members == nil {
		g.members = map[string][]reform.Entity{}
	}
	g.members[key] = es
}
