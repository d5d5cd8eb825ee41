package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/pprof"
	"runtime"
	"time"

	"github.com/reformhub/hub/graph"
	"github.com/reformhub/hub/internal/auth"
	"github.com/reformhub/hub/internal/config"
	"github.com/reformhub/hub/internal/server"
	"github.com/reformhub/hub/internal/store"
)

func openStore(c config.Config) (*store.Store, error) {
	return openObservedStore(c, nil)
}

// openObservedStore opens the store with metrics' statement observer, if any.
func openObservedStore(c config.Config, metrics *server.Metrics) (*store.Store, error) {
	opts := store.Options{URI: c.Neo4jURI, Username: c.Neo4jUsername,
		Password: c.Neo4jPassword, Database: c.Neo4jDatabase,
		MaxPoolSize: c.Neo4jPoolSize, AcquireTimeout: c.Neo4jAcquire, Limits: c.Limits, SyncGrace: syncGrace(c)}
	if metrics != nil {
		opts.Observe = metrics.ObserveStatement
	}
	return store.Open(opts)
}

// serve runs the HTTP server until ctx ends, then drains in-flight requests and closes the
// driver. A database that is down at start is not fatal: /readyz says so until it is up.
func serve(ctx context.Context, fs *flag.FlagSet, args []string, getenv func(string) string, stderr io.Writer) error {
	c, err := config.Load(fs, args, getenv)
	if err != nil {
		return err
	}
	log := newLogger(stderr, c.LogLevel)
	metrics := server.NewMetrics()
	var trusted *server.TrustedDocuments
	if c.TrustedDocuments != "" {
		if trusted, err = server.LoadTrustedDocuments(c.TrustedDocuments); err != nil {
			return err
		}
		log.Info("trusted documents mode: only registered operations execute", "documents", trusted.Len())
	}
	st, err := openObservedStore(c, metrics)
	if err != nil {
		return err
	}
	defer func() {
		if err := st.Close(context.Background()); err != nil {
			log.Warn("closing the neo4j driver", "err", err)
		}
	}()
	pingCtx, cancel := context.WithTimeout(ctx, 5*time.Second)
	if err := st.Ping(pingCtx); err != nil {
		log.Warn("neo4j is not reachable yet; serving anyway, /readyz reports it", "err", err)
	}
	cancel()

	authn, err := auth.New(ctx, c.Auth)
	if err != nil {
		return fmt.Errorf("auth: %w", err)
	}
	defer authn.Close()
	if c.Auth.Mode == auth.ModeNone {
		log.Info("HUB_AUTH=none: every caller is anonymous and reads public documents only")
	}
	srv := newServer(ctx, c, newHandler(c, st, st, log, metrics, trusted, authn))
	go applyPending(ctx, st, log)
	if c.DebugAddr != "" {
		stopDebug, err := serveDebug(c.DebugAddr, log)
		if err != nil {
			return err
		}
		defer stopDebug()
	}
	ln, err := net.Listen("tcp", c.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", c.Addr, err)
	}
	log.Info("serving", "addr", ln.Addr().String(), "graphql", "/graphql", "config", c.String())
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	log.Info("shutting down", "timeout", c.ShutdownTimeout.String())
	sctx, scancel := context.WithTimeout(context.Background(), c.ShutdownTimeout)
	defer scancel()
	if err := srv.Shutdown(sctx); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("shutdown: %w", err)
	}
	log.Info("stopped")
	return nil
}

// newHandler builds the GraphQL layer's resolver over st — cmd/hub is where its dependencies
// are wired — and the hub's handler with the configuration's limits, passed whole.
func newHandler(c config.Config, st graph.Store, db server.Pinger, log *slog.Logger, metrics *server.Metrics,
	trusted *server.TrustedDocuments, authn *auth.Authenticator) http.Handler {
	return server.New(&graph.Resolver{Store: st}, db, server.Options{
		CORSOrigins:       c.CORSOrigins,
		Production:        c.Production(),
		RequestTimeout:    c.RequestTimeout,
		Limits:            c.Limits,
		Logger:            log,
		Metrics:           metrics,
		TrustedDocuments:  trusted,
		Auth:              authn,
		MaxBatch:          batchOption(c.MaxBatch),
		CacheControl:      c.CacheControl,
		CORSHeaders:       c.CORSHeaders,
		ResponseCacheSize: cacheOption(c),
	})
}

// cacheOption is server.Options.ResponseCacheSize for HUB_CACHE and HUB_CACHE_SIZE: negative
// when the cache is off.
func cacheOption(c config.Config) int64 {
	if !c.ResponseCache {
		return -1
	}
	return c.ResponseCacheSize
}

// batchOption is server.Options.MaxBatch for HUB_MAX_BATCH: 0 (off) is negative there.
func batchOption(n int) int {
	if n == 0 {
		return -1
	}
	return n
}

// newServer is the http.Server of h with the configuration's connection timeouts.
func newServer(ctx context.Context, c config.Config, h http.Handler) *http.Server {
	l := c.Limits
	return &http.Server{
		Addr:              c.Addr,
		Handler:           h,
		ReadHeaderTimeout: l.ReadHeaderTimeout,
		ReadTimeout:       l.ReadTimeout,
		WriteTimeout:      l.WriteTimeout,
		IdleTimeout:       l.IdleTimeout,
		MaxHeaderBytes:    64 << 10,
		BaseContext:       func(net.Listener) context.Context { return context.WithoutCancel(ctx) },
	}
}

// serveDebug serves /debug/vars — the number of goroutines and the Go memory statistics, as
// JSON — on its own address, apart from the public one: for the soak and chaos tests and for
// operators. It is off unless HUB_DEBUG_ADDR is set.
func serveDebug(addr string, log *slog.Logger) (stop func(), err error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("listen on debug address %s: %w", addr, err)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /debug/vars", func(w http.ResponseWriter, _ *http.Request) {
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(map[string]any{"goroutines": runtime.NumGoroutine(), "memstats": m})
	})
	// Go's profiles of the running hub (CPU, heap, goroutines …): `go tool pprof
	// http://ADDR/debug/pprof/profile?seconds=20` — on this listener only, never on the API's.
	mux.HandleFunc("GET /debug/pprof/", pprof.Index)
	mux.HandleFunc("GET /debug/pprof/cmdline", pprof.Cmdline)
	mux.HandleFunc("GET /debug/pprof/profile", pprof.Profile)
	mux.HandleFunc("GET /debug/pprof/symbol", pprof.Symbol)
	mux.HandleFunc("GET /debug/pprof/trace", pprof.Trace)
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 5 * time.Second}
	go func() { _ = srv.Serve(ln) }()
	log.Info("debug variables and profiles", "addr", ln.Addr().String(), "paths", "/debug/vars, /debug/pprof/")
	return func() { _ = srv.Close() }, nil
}

// applyInterval is how often a serving hub checks for a published data version whose grace
// period is over.
const applyInterval = 2 * time.Second

// applyPending applies, until ctx ends, every data version a sync published once its grace
// period is over (docs/datasets.md): a sync that did not wait for it (hub load without
// --wait) is finished by the hubs serving the database. Several hubs may try: one takes the
// sync lock, the others skip.
func applyPending(ctx context.Context, st *store.Store, log *slog.Logger) {
	t := time.NewTicker(applyInterval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		applied, err := st.FinishPending(ctx, false)
		switch {
		case err != nil && !errors.Is(err, store.ErrSyncRunning) && ctx.Err() == nil:
			log.Warn("applying a published data version", "err", err)
		case applied:
			log.Info("applied the published data version")
		}
	}
}
