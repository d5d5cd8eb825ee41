// Command handwritten serves the bench's hand-written handler (package bench/handwritten):
// POST /graphql with an operationName of a bench workload, answered by one hand-written Cypher
// statement. The lower bound of `make bench`; not a GraphQL server.
//
//	handwritten -addr 127.0.0.1:8083   (NEO4J_URI, NEO4J_USERNAME, NEO4J_PASSWORD, NEO4J_DATABASE)
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/config"

	"github.com/reformhub/hub/bench/handwritten"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:8083", "listen address")
	flag.Parse()
	if err := run(*addr); err != nil {
		fmt.Fprintln(os.Stderr, "handwritten:", err)
		os.Exit(1)
	}
}

func run(addr string) error {
	uri := os.Getenv("NEO4J_URI")
	if uri == "" {
		uri = "bolt://127.0.0.1:7687"
	}
	auth := neo4j.NoAuth()
	if u := os.Getenv("NEO4J_USERNAME"); u != "" {
		auth = neo4j.BasicAuth(u, os.Getenv("NEO4J_PASSWORD"), "")
	}
	driver, err := neo4j.NewDriverWithContext(uri, auth, func(c *config.Config) { c.MaxConnectionPoolSize = 50 })
	if err != nil {
		return err
	}
	defer func() { _ = driver.Close(context.Background()) }()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	mux := http.NewServeMux()
	mux.Handle("/graphql", handwritten.New(driver, os.Getenv("NEO4J_DATABASE")))
	mux.HandleFunc("/healthz", func(w http.ResponseWriter, _ *http.Request) { _, _ = w.Write([]byte("ok\n")) })
	srv := &http.Server{Addr: addr, Handler: mux, ReadHeaderTimeout: 5 * time.Second}
	errc := make(chan error, 1)
	go func() { errc <- srv.ListenAndServe() }()
	log.Printf("hand-written handler on http://%s/graphql", addr)
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
