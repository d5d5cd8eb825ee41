package differential

// Shape describes a generated query's response, so that two answers are compared as the
// query promises: lists in order only where an order is asked for (and then only as far as the
// sort keys go), connections with their implicit page size, and the divergent forms (Table)
// each list's arguments use, so that a difference below them is put down to those forms.
type Shape struct {
	Kind Kind
	// Fields are an object's response keys (inline fragments' fields included: an object of
	// another concrete type lacks them on both sides).
	Fields map[string]*Shape
	// Elem is the shape of a list's items.
	Elem *Shape
	// Order is the order a list (or a connection's edges) promises: nil for none (compared
	// as a multiset, by id).
	Order *Order
	// Cap is the hub's implicit limit when the field has no limit/first (0: a limit is given).
	Cap int
	// Max is how many items a list (a connection's edges) can hold: its limit or Cap.
	Max int
	// After is the offset a connection's after cursor names (-1: none).
	After int
	// Conn marks a connection object (edges, pageInfo, totalCount, aggregate).
	Conn bool
	// Tags are the ids of divergences (Table, Pending) whose forms this field's arguments use.
	Tags []string
}

// Kind is what a response value is.
type Kind int

// The kinds of response values.
const (
	Leaf       Kind = iota // a scalar or an enum
	ScalarList             // a list of scalars (compared in order)
	Object                 // an object (nullable)
	List                   // a list of objects (entities, or connection edges)
)

// Order is the sort a list promises: the node fields of its sort keys, in order, and whether
// the id is among them (then every item has its place; otherwise items with equal keys may
// come in any order).
type Order struct {
	Keys  []string
	Total bool
}

func leafShape() *Shape         { return &Shape{Kind: Leaf} }
func objectShape() *Shape       { return &Shape{Kind: Object, Fields: map[string]*Shape{}} }
func listShape(e *Shape) *Shape { return &Shape{Kind: List, Elem: e} }

// tagged reports whether any field of the shape uses a form of Table or Pending.
func (s *Shape) tagged() bool {
	if s == nil {
		return false
	}
	for _, t := range s.Tags {
		if _, ok := divergence(t); ok {
			return true
		}
	}
	for _, f := range s.Fields {
		if f.tagged() {
			return true
		}
	}
	return s.Elem.tagged()
}

// cost estimates what the hub's cost model charges for the selection of s: each field 1 plus
// its selection's cost, a list its items' cost times Max (docs/api.md, "The cost model").
func (s *Shape) cost() int {
	if s == nil {
		return 0
	}
	switch s.Kind {
	case Object:
		c := 0
		for _, f := range s.Fields {
			c += 1 + f.cost()
		}
		return c
	case List:
		return max(s.Max, 1) * s.Elem.cost()
	}
	return 0
}
