package reform

// ListQuery is what a list field asks for: a where tree and sort keys as the GraphQL layer
// receives them (input objects as maps, checked by the store against the fixed field tables),
// and a page.
type ListQuery struct {
	Where  map[string]any
	Sort   []map[string]any
	Limit  *int // nil: the store's maximum
	Offset *int // nil: 0
}
