// Package server is the hub's http.Handler: the GraphQL endpoint with its transports and
// limits, CORS, CSRF protection, the in-flight cap, the offline playground, and the health
// and readiness probes.
package server

import (
	"context"
	"log/slog"
	"net/http"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/99designs/gqlgen/graphql/handler/lru"
	"github.com/rs/cors"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/reformhub/hub/graph"
	"github.com/reformhub/hub/internal/auth"
	"github.com/reformhub/hub/internal/config"
	"github.com/reformhub/hub/internal/dataversion"
	"github.com/reformhub/hub/web"
)

// Options configure the handler. Zero limits take the defaults of config.DefaultLimits.
type Options struct {
	CORSOrigins    []string
	Production     bool // no introspection, no playground, no "did you mean" suggestions
	RequestTimeout time.Duration
	// Limits are the request limits (complexity, body size, depth, list sizes, hops,
	// tokens, aliases, operations, requests in flight): config's, passed whole.
	config.Limits
	Logger *slog.Logger
	// Workbench and operator hooks (issue 7; see operator.go). Metrics nil: the handler
	// makes its own. TrustedDocuments non-nil: only the manifest's operations execute, and
	// automatic persisted queries are off.
	Metrics          *Metrics
	TrustedDocuments *TrustedDocuments
	// Auth authenticates callers (nil: every caller anonymous). Each request runs as its
	// caller (access.From), which the store's compiler reads for what it may see.
	Auth *auth.Authenticator
	// DataVersionInterval is how stale the data version may be (dataversion.DefaultInterval
	// when zero).
	DataVersionInterval time.Duration
	// MaxBatch is the most operations in one batched request: 0 the default
	// (config.DefaultMaxBatch), negative: batches are refused.
	MaxBatch int
	// CacheControl is the Cache-Control of answers to GET requests and persisted queries
	// (config.DefaultCacheControl when empty).
	CacheControl string
	// CORSHeaders are request headers CORS allows besides corsHeaders.
	CORSHeaders []string
	// ResponseCacheSize is the response cache's capacity in bytes (respcache.go): 0 the
	// default (DefaultResponseCacheSize), negative: no response cache.
	ResponseCacheSize int64
}

// planCacheSize is how many root fields' plans the plan cache keeps (graph.PlanCache).
const planCacheSize = 2000

// DefaultRequestTimeout is the deadline of a request when Options.RequestTimeout is zero.
const DefaultRequestTimeout = 30 * time.Second

func (o Options) withDefaults() Options {
	if o.RequestTimeout <= 0 {
		o.RequestTimeout = DefaultRequestTimeout
	}
	o.Limits = o.WithDefaults()
	if o.MaxBatch == 0 {
		o.MaxBatch = config.DefaultMaxBatch
	}
	if o.CacheControl == "" {
		o.CacheControl = config.DefaultCacheControl
	}
	if o.Logger == nil {
		o.Logger = slog.Default()
	}
	return o
}

// useDataVersion makes every response carry extensions.dataVersion, the data version it was
// served at (read at most once per interval from the database), when db can tell it; it
// returns the watcher (nil when db cannot).
func useDataVersion(gql *handler.Server, db Pinger, opts Options, log *slog.Logger) (*dataversion.Watcher, func(context.Context) dataversion.Version) {
	src, ok := db.(dataversion.Source)
	if !ok {
		return nil, nil
	}
	w := dataversion.NewWatcher(src, opts.DataVersionInterval)
	current := func(ctx context.Context) dataversion.Version {
		if v, ok := dataversion.From(ctx); ok {
			return v
		}
		v, err := w.Current(ctx)
		if err != nil {
			log.WarnContext(ctx, "reading the data version", "err", err)
		}
		return v
	}
	gql.AroundOperations(func(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
		return next(dataversion.With(ctx, current(ctx)))
	})
	gql.AroundResponses(func(ctx context.Context, next graphql.ResponseHandler) *graphql.Response {
		resp := next(ctx)
		if resp != nil {
			if resp.Extensions == nil {
				resp.Extensions = map[string]any{}
			}
			resp.Extensions["dataVersion"] = current(ctx).N
		}
		return resp
	})
	return w, current
}

// Pinger tells whether the database answers (for /readyz).
type Pinger interface {
	Ping(ctx context.Context) error
}

// New returns the hub's handler over the resolver r (built by cmd/hub: it is the dependency
// list of the GraphQL layer); db answers the readiness probe.
func New(r *graph.Resolver, db Pinger, opts Options) http.Handler {
	opts = opts.withDefaults()
	// Every log line written with a request's context carries its request_id.
	log := slog.New(requestIDHandler{opts.Logger.Handler()})

	es := graph.NewExecutableSchema(graph.Config{Resolvers: r})
	gql := handler.New(es)
	tr := newTransport(es.Schema(), opts.MaxBatch, opts.CacheControl, nil)
	gql.AddTransport(tr)
	gql.Use(strictVariables{schema: es.Schema()}) // first: every later check reads coerced values
	gql.SetQueryCache(lru.New[*ast.QueryDocument](1000))
	gql.SetParserTokenLimit(opts.MaxTokens)
	if opts.Production {
		gql.SetDisableSuggestion(true)
	} else {
		gql.Use(extension.Introspection{})
	}
	gql.Use(requestRules{introspection: !opts.Production})
	gql.Use(operationLimits{maxDepth: opts.MaxDepth, maxCost: opts.MaxComplexity,
		defaultLimit: opts.DefaultLimit, nestedLimit: opts.NestedLimit,
		maxLimit: opts.MaxLimit, maxHops: opts.MaxHops, maxAliases: opts.MaxAliases, maxOperations: opts.MaxOperations})
	// After the limits (their errors name the limit): every argument the store would refuse is
	// a request error, so that no root field fails for its input during execution.
	gql.Use(graph.InputCheck{Store: r.Store, Plans: graph.NewPlanCache(planCacheSize)})
	metrics := useOperatorExtensions(gql, opts)
	gql.SetErrorPresenter(graph.ErrorPresenter(log))
	gql.SetRecoverFunc(graph.Recover(log))
	gql.AroundResponses(func(ctx context.Context, next graphql.ResponseHandler) *graphql.Response {
		resp := next(ctx)
		if resp != nil {
			noteCodes(ctx, resp)
		}
		return resp
	})
	versions, current := useDataVersion(gql, db, opts, log)
	tr.version = current
	if current != nil {
		size := opts.ResponseCacheSize
		if size == 0 {
			size = DefaultResponseCacheSize
		}
		tr.cache = newResponseCache(size, metrics.Registry())
		tr.cached = metrics.countCached
	}

	mux := http.NewServeMux()
	mux.Handle("/graphql", guard(opts, graph.WithLoaders(r.Store, gql)))
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
	if versions != nil {
		mux.Handle("GET /events", eventsHandler(versions, log))
	}
	if !opts.Production {
		mux.Handle("/", web.Handler())
	}
	addOperatorRoutes(mux, metrics, opts)

	c := cors.New(cors.Options{
		AllowedOrigins: opts.CORSOrigins,
		AllowedMethods: []string{http.MethodGet, http.MethodPost, http.MethodOptions},
		AllowedHeaders: append(corsHeaders(), opts.CORSHeaders...),
		ExposedHeaders: []string{"X-Request-Id", "Retry-After", "ETag"},
		MaxAge:         600,
	})
	return logRequests(log, metrics, c.Handler(mux))
}

// corsHeaders are the request headers a browser may send cross-origin (a preflight asks for
// them): those of the GraphQL-over-HTTP and CSRF conventions, and those GraphQL clients and
// tracing libraries add — Apollo Client's client awareness, W3C Trace Context and Baggage
// (OpenTelemetry), Sentry's — so that no request of theirs is blocked. Options.CORSHeaders
// (HUB_CORS_HEADERS) adds more.
func corsHeaders() []string {
	return []string{
		"Accept", "Content-Type", "Authorization", "X-Request-Id", "If-None-Match",
		preflightHeaders[0], preflightHeaders[1], preflightHeaders[2],
		"Apollographql-Client-Name", "Apollographql-Client-Version",
		"Traceparent", "Tracestate", "Baggage", "Sentry-Trace",
	}
}
