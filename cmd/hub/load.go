package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"time"

	"github.com/reformhub/hub/internal/config"
	"github.com/reformhub/hub/internal/store"
	"github.com/reformhub/hub/loader"
)

// load validates the dataset folder and, unless --dry-run, imports it.
func load(ctx context.Context, fs *flag.FlagSet, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	dryRun := fs.Bool("dry-run", false, "validate the dataset and print the report; write nothing")
	batch := fs.Int("batch-size", loader.DefaultBatchSize, "nodes or relationships per transaction")
	workers := fs.Int("workers", loader.DefaultWorkers, "write transactions at a time (1: one after the other, in order)")
	c, err := config.Load(fs, args, getenv)
	if err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return fmt.Errorf("load takes one dataset folder, e.g. hub load data/dongying-2021")
	}
	if *batch < 1 {
		return fmt.Errorf("--batch-size must be at least 1, got %d", *batch)
	}
	dir := fs.Arg(0)
	ds, err := loader.Parse(dir)
	if err != nil {
		var verr *loader.ValidationError
		if errors.As(err, &verr) {
			fmt.Fprintln(stderr, verr.Error())
			fmt.Fprintf(stderr, "%s: invalid dataset, nothing written\n", dir)
			return exitError{err}
		}
		return err
	}
	fmt.Fprintf(stdout, "%s: dataset %s is valid: %d documents, %d entities, %d relationships\n",
		dir, ds.ID, len(ds.Documents), len(ds.Entities), len(ds.Relationships))
	if *dryRun {
		// The validation report only: what a load would write; no connection is made.
		fmt.Fprintf(stdout, "dry run, nothing written; a load would write:\n%s", loader.Planned(ds))
		return nil
	}
	// Concurrent batches may deadlock on a shared node; the driver retries them, for longer
	// than a request would wait.
	st, err := store.Open(store.Options{URI: c.Neo4jURI, Username: c.Neo4jUsername,
		Password: c.Neo4jPassword, Database: c.Neo4jDatabase, MaxRetryTime: time.Minute})
	if err != nil {
		return err
	}
	defer closeStore(st)
	if err := st.Ping(ctx); err != nil {
		return fmt.Errorf("load %s: %w", dir, err)
	}
	if _, err := loader.Load(ctx, ds, st, loader.Options{BatchSize: *batch, Workers: *workers,
		Progress: loader.NewProgress(stderr, stdout, ds, isTerminal(stderr))}); err != nil {
		return fmt.Errorf("load %s: %w", dir, err)
	}
	return nil
}

// migrate creates the schema (constraints, full-text index) without loading data.
func migrate(ctx context.Context, fs *flag.FlagSet, args []string, getenv func(string) string, stdout io.Writer) error {
	c, err := config.Load(fs, args, getenv)
	if err != nil {
		return err
	}
	st, err := openStore(c)
	if err != nil {
		return err
	}
	defer closeStore(st)
	if err := st.EnsureSchema(ctx); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	fmt.Fprintln(stdout, "schema is up to date")
	return nil
}

func version() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "(unknown)"
	}
	v := info.Main.Version
	for _, s := range info.Settings {
		if s.Key == "vcs.revision" && len(s.Value) >= 12 {
			v += " " + s.Value[:12]
		}
	}
	return v
}

// isTerminal reports whether w is a terminal, where the load progress is drawn as a bar.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// closeStore closes the store at the end of a command; a failure to close is reported on
// stderr (the command's work is done by then).
func closeStore(st *store.Store) {
	if err := st.Close(context.Background()); err != nil {
		fmt.Fprintln(os.Stderr, "closing the neo4j driver:", err)
	}
}
