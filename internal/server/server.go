// Package server is the hub's http.Handler: the GraphQL endpoint with its transports and
// limits, CORS, the offline playground, and the health and readiness probes.
package server

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"time"

	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/99designs/gqlgen/graphql/handler/lru"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/rs/cors"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/reformhub/hub/graph"
	"github.com/reformhub/hub/web"
)

// Options configure the handler.
type Options struct {
	CORSOrigins    []string
	Production     bool // no introspection, no playground
	RequestTimeout time.Duration
	MaxComplexity  int
	MaxBodyBytes   int64
	Logger         *slog.Logger
	// Workbench and operator hooks (issue 7; see operator.go). Metrics nil: the handler
	// makes its own. TrustedDocuments non-nil: only the manifest's operations execute, and
	// automatic persisted queries are off.
	Metrics          *Metrics
	TrustedDocuments *TrustedDocuments
}

// Pinger tells whether the database answers (for /readyz).
type Pinger interface {
	Ping(ctx context.Context) error
}

// New returns the hub's handler over store.
func New(store graph.Store, db Pinger, opts Options) http.Handler {
	log := opts.Logger
	if log == nil {
		log = slog.Default()
	}
	gql := handler.New(graph.NewExecutableSchema(graph.Config{Resolvers: &graph.Resolver{Store: store}}))
	gql.AddTransport(transport.GET{})
	gql.AddTransport(transport.POST{})
	gql.SetQueryCache(lru.New[*ast.QueryDocument](1000))
	if !opts.Production {
		gql.Use(extension.Introspection{})
	}
	// Every list field can return up to a thousand entities; complexity counts fields so that a
	// query cannot ask for an unbounded fan-out of nested lists and aliases.
	gql.Use(extension.FixedComplexityLimit(opts.MaxComplexity))
	metrics := useOperatorExtensions(gql, opts)
	gql.SetErrorPresenter(graph.ErrorPresenter(log))
	gql.SetRecoverFunc(graph.Recover(log))

	mux := http.NewServeMux()
	mux.Handle("/graphql", graph.WithLoaders(store, gql))
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		_, _ = w.Write([]byte("ok\n"))
	})
	mux.HandleFunc("GET /readyz", func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
		defer cancel()
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		if err := db.Ping(ctx); err != nil {
			log.WarnContext(ctx, "not ready", "err", err)
			w.WriteHeader(http.StatusServiceUnavailable)
			_, _ = w.Write([]byte("neo4j unavailable\n"))
			return
		}
		_, _ = w.Write([]byte("ready\n"))
	})
	if !opts.Production {
		mux.Handle("/", web.Handler())
	}
	addOperatorRoutes(mux, metrics, opts)

	c := cors.New(cors.Options{
		AllowedOrigins: opts.CORSOrigins,
		AllowedMethods: []string{http.MethodGet, http.MethodPost, http.MethodOptions},
		AllowedHeaders: []string{"Content-Type", "Authorization", "X-Request-Id"},
		ExposedHeaders: []string{"X-Request-Id"},
		MaxAge:         600,
	})
	return logRequests(log, metrics, limits(opts, c.Handler(mux)))
}

// limits bounds each request's body and time.
func limits(opts Options, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if opts.MaxBodyBytes > 0 && r.Body != nil && r.Body != http.NoBody {
			// Read the body here, bounded, so that an oversized one gets a clear 413 rather
			// than a decoding error from deep inside the GraphQL transport.
			if r.ContentLength > opts.MaxBodyBytes {
				writeError(w, http.StatusRequestEntityTooLarge, "BAD_USER_INPUT",
					fmt.Sprintf("request body is larger than %d bytes", opts.MaxBodyBytes))
				return
			}
			body, err := io.ReadAll(io.LimitReader(r.Body, opts.MaxBodyBytes+1))
			if err != nil {
				writeError(w, http.StatusBadRequest, "BAD_USER_INPUT", "could not read the request body")
				return
			}
			if int64(len(body)) > opts.MaxBodyBytes {
				writeError(w, http.StatusRequestEntityTooLarge, "BAD_USER_INPUT",
					fmt.Sprintf("request body is larger than %d bytes", opts.MaxBodyBytes))
				return
			}
			r.Body = io.NopCloser(bytes.NewReader(body))
		}
		if opts.RequestTimeout > 0 {
			ctx, cancel := context.WithTimeout(r.Context(), opts.RequestTimeout)
			defer cancel()
			r = r.WithContext(ctx)
		}
		next.ServeHTTP(w, r)
	})
}

// writeError answers with a GraphQL-shaped error before the GraphQL handler runs.
func writeError(w http.ResponseWriter, status int, code, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(map[string]any{
		"errors": []map[string]any{{"message": msg, "extensions": map[string]any{"code": code}}},
	})
}

type statusWriter struct {
	http.ResponseWriter
	status int
	bytes  int
}

func (w *statusWriter) WriteHeader(code int) {
	w.status = code
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	n, err := w.ResponseWriter.Write(b)
	w.bytes += n
	return n, err
}

// logRequests gives each request an id (X-Request-Id, echoed back) and logs one line for it.
func logRequests(log *slog.Logger, metrics *Metrics, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		id := r.Header.Get("X-Request-Id")
		if id == "" || len(id) > 64 {
			var b [8]byte
			_, _ = rand.Read(b[:])
			id = hex.EncodeToString(b[:])
		}
		w.Header().Set("X-Request-Id", id)
		sw := &statusWriter{ResponseWriter: w}
		ctx, info := withReqInfo(r.Context())
		next.ServeHTTP(sw, r.WithContext(ctx))
		if sw.status == 0 {
			sw.status = http.StatusOK
		}
		metrics.countHTTP(r.URL.Path, sw.status)
		log.InfoContext(r.Context(), "request", "id", id, "method", r.Method, "path", r.URL.Path,
			"op", info.operationName(), "status", sw.status, "bytes", sw.bytes, "ms", time.Since(start).Milliseconds())
	})
}
