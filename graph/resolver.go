// Package graph is the GraphQL edge of the hub: the gqlgen executable schema generated from
// schema.graphqls, thin resolvers that call the store, per-request loaders, and the error
// presenter that turns errors into coded GraphQL errors — the one place errors are translated.
package graph

// Resolver holds the dependencies of the resolvers. It is built once in cmd/hub.
type Resolver struct {
	Store Store
	// NoPlanner turns the query planner off: every root field then reads the bare root of its
	// own arguments and the fields below it go through the fallback (plan roots over their
	// parents' ids). For tests that compare both paths.
	NoPlanner bool
}
