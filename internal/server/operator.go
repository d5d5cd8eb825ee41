package server

import (
	"net/http"

	"github.com/99designs/gqlgen/graphql/handler"

	"github.com/reformhub/hub/graph"
)

// useOperatorExtensions installs the gqlgen extensions of issue 7 on gql — trusted documents
// or automatic persisted queries, and the metrics — and returns the metrics in use. Outside
// production, every response carries extensions.statements, the number of Cypher statements
// the request sent (issue 5).
func useOperatorExtensions(gql *handler.Server, opts Options) *Metrics {
	m := opts.Metrics
	if m == nil {
		m = NewMetrics()
	}
	if opts.TrustedDocuments != nil {
		gql.Use(opts.TrustedDocuments)
	} else {
		gql.Use(newAPQ())
	}
	gql.Use(gqlExtension{m: m, statementsExtension: !opts.Production})
	return m
}

// addOperatorRoutes serves /metrics always and /schema.graphql unless in production (where
// introspection is off too).
func addOperatorRoutes(mux *http.ServeMux, m *Metrics, opts Options) {
	mux.Handle("GET /metrics", m.Handler())
	if !opts.Production {
		mux.Handle("GET /schema.graphql", schemaHandler(SDL(graph.NewExecutableSchema(graph.Config{}).Schema())))
	}
}
