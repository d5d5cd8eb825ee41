package server

import (
	"bytes"
	"net/http"

	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/formatter"
)

// SDL prints schema as GraphQL SDL with gqlparser's formatter (descriptions kept, built-in
// types left out). GET /schema.graphql serves it for the executable schema, so it always
// matches what the endpoint executes; `make schema` writes it to docs/schema.graphql.
func SDL(schema *ast.Schema) []byte {
	var b bytes.Buffer
	formatter.NewFormatter(&b, formatter.WithIndent("  ")).FormatSchema(schema)
	return b.Bytes()
}

// schemaHandler serves sdl as a file.
func schemaHandler(sdl []byte) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Header().Set("Cache-Control", "no-cache")
		w.Header().Set("Content-Disposition", `inline; filename="schema.graphql"`)
		if r.Method == http.MethodHead {
			return
		}
		_, _ = w.Write(sdl)
	})
}
