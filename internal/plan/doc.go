// Package plan holds what a read asks the store for and the shapes it gets back, apart from
// the domain (package reform): the list and connection queries (ListQuery, ConnectionQuery,
// Scope, SortKey), the plan of one root field (Root, Selection, RelSelection …) that the
// GraphQL layer builds and the store compiles into one statement, and the Relay shapes a read
// returns (Connection, Edge, PageInfo, Count, Aggregate, Group) with the prefetch slots the
// store fills while it decodes a planned result, keyed by GraphQL response key.
package plan
