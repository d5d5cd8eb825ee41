package plan

import (
	"context"

	"github.com/reformhub/hub/internal/reform"
)

// ListQuery is what a list field asks for: a where tree as the GraphQL layer receives it
// (input objects as maps, checked by the store against the fixed field tables), sort keys and
// a page.
type ListQuery struct {
	Where  map[string]any
	Sort   []SortKey
	Limit  *int // nil: the store's implicit limit (DefaultLimit at the root, DefaultNestedLimit on a relationship)
	Offset *int // nil: 0
}

// SortKey is one key of a sort, as the GraphQL edge coerces it once from the sort argument
// (its objects in order, the keys of each object in name order, keys without a direction
// left out). The store checks Field and Dir against the fixed field tables.
type SortKey struct {
	// On is "" for a field of the entity itself (a list's or a root connection's sort), or the
	// part of a relationship-field connection's sort object: "node" (a field of the entity
	// at the other end) or "edge" (type or implied of the relationship).
	On    string
	Field string
	Dir   string // ASC or DESC
}

// Origin is the entity a relationship-field connection starts from: its type, id, and the
// relationship field followed (e.g. Task "departments").
type Origin struct {
	Type  reform.EntityType
	ID    string
	Field string
}

// Scope is the set of edges a connection, its count, aggregates and groups range over: the
// entities of Type (all of them for a root connection, those joined to From through its
// relationship field otherwise) that match Where. On a root connection Where is a where tree
// of Type; on a relationship-field connection it is a connection where tree (`node`, `edge`,
// AND, OR, NOT).
type Scope struct {
	Type  reform.EntityType
	From  *Origin
	Where map[string]any
}

// ConnectionQuery asks for one page of a connection.
type ConnectionQuery struct {
	Scope
	Sort  []SortKey
	First *int    // nil: the store's implicit first (DefaultLimit at the root, DefaultNestedLimit on a relationship)
	After *string // nil: from the start
	// Last and Before page backward (see Page): the last edges before the cursor Before (nil:
	// the end).
	Last   *int
	Before *string
}

// Selection is what a relationship-field connection read on its own (From set) selects: its
// page, with edges, page info and edge properties, as a plan's RelSelection.
func (q ConnectionQuery) Selection() *RelSelection {
	return &RelSelection{On: q.From.Type, Field: q.From.Field, Kind: RelConnection,
		Where: q.Where, Sort: q.Sort, First: q.First, After: q.After, Last: q.Last, Before: q.Before, Edges: true}
}

// Page is the page arguments of a connection: first and after, last and before.
type Page struct {
	First, Last   *int
	After, Before *string
}

// Page returns the page arguments of rs.
func (rs *RelSelection) Page() Page {
	return Page{First: rs.First, Last: rs.Last, After: rs.After, Before: rs.Before}
}

// Page returns the page arguments of q.
func (q ConnectionQuery) Page() Page {
	return Page{First: q.First, Last: q.Last, After: q.After, Before: q.Before}
}

// Backward reports whether the page is taken from its end (Relay's backward paging): when
// last is given, or before without first. A backward page holds the last edges before
// `before` (the end of the connection when absent) and after `after`; a forward page the first
// edges after `after` and before `before`.
func (p Page) Backward() bool {
	return p.Last != nil || (p.Before != nil && p.First == nil)
}

// EmptyPageInfo is the page information of a page of a connection that has no edges (the
// connection of an entity that does not exist): there is a previous page when a forward page
// starts after a cursor, a next page when a backward page ends before one — what the store
// answers for an empty connection.
func (p Page) EmptyPageInfo() PageInfo {
	if p.Backward() {
		return PageInfo{HasNextPage: p.Before != nil}
	}
	return PageInfo{HasPreviousPage: p.After != nil}
}

// PageInfo is Relay's page information.
type PageInfo struct {
	HasNextPage     bool
	HasPreviousPage bool
	StartCursor     *string
	EndCursor       *string
}

// Connection is one page of a connection, and the scope it was taken from (for the count and
// aggregates, which are computed only when asked for).
type Connection struct {
	Scope    Scope
	Edges    []*Edge
	PageInfo PageInfo

	// Prefetched by the query planner: the total count and the aggregates by response key.
	total      *int
	aggregates map[string]*Aggregate
}

// Edge is one entry of a connection: its cursor, its entity, and on relationship-field
// connections the relationship that joins the entity.
type Edge struct {
	Cursor     string
	Node       reform.Entity
	Properties *EdgeProperties
}

// EdgeProperties are the type and properties of the relationship behind an edge.
type EdgeProperties struct {
	Type    reform.RelType
	Implied bool
	Note    *string
	Sources []reform.Evidence
}

// Count is the size of a connection: distinct entities and edges.
type Count struct {
	Nodes int
	Edges int
}

// Aggregate is the aggregate of a connection's scope; its parts are computed when asked for.
type Aggregate struct {
	Scope Scope

	// Prefetched by the query planner.
	count  *Count
	node   map[string]any
	groups map[string][]*Group
}

// IntAggregate aggregates an integer field.
type IntAggregate struct {
	Min, Max, Sum *int
	Average       *float64
}

// FloatAggregate aggregates a floating-point field.
type FloatAggregate struct {
	Min, Max, Average, Sum *float64
}

// StringAggregate holds the shortest and the longest value of a string field.
type StringAggregate struct {
	Shortest, Longest *string
}

// Group is one group of a groupBy: the value of the grouped field as text (the related
// entity's id when grouping by a relationship field), the related entity, and the ids of the
// members, of type Type.
type Group struct {
	Type   reform.EntityType
	Value  *string
	Entity reform.Entity
	Count  int
	IDs    []string

	// members are the prefetched `nodes` lists, by response key.
	members map[string][]reform.Entity
}

// preparedKey carries, in a read's context, what the store prepared for one root beforehand.
type preparedKey struct{}

type prepared struct {
	root *Root
	v    any
}

// WithPrepared returns ctx carrying v, what the store prepared for root before execution (its
// compiled statement: graph.InputCheck prepares every root field's plan, and the read of that
// same plan reuses it instead of compiling it again).
func WithPrepared(ctx context.Context, root *Root, v any) context.Context {
	return context.WithValue(ctx, preparedKey{}, prepared{root: root, v: v})
}

// PreparedFor returns what ctx carries prepared for root (the same plan, by identity).
func PreparedFor(ctx context.Context, root *Root) (any, bool) {
	p, ok := ctx.Value(preparedKey{}).(prepared)
	if !ok || p.root != root {
		return nil, false
	}
	return p.v, true
}
