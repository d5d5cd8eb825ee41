package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"text/tabwriter"
	"time"

	"github.com/reformhub/hub/internal/config"
	"github.com/reformhub/hub/internal/store"
	"github.com/reformhub/hub/loader"
)

// load validates the dataset folder and syncs the graph with it (--dry-run: prints the diff
// a sync would apply and writes nothing).
func load(ctx context.Context, fs *flag.FlagSet, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	dryRun := fs.Bool("dry-run", false, "validate the dataset and print the changes a sync would make (reads the database); write nothing")
	validateOnly := fs.Bool("validate-only", false, "validate the dataset and print what it holds; no database needed")
	wait := fs.Bool("wait", false, "after publishing the new data version, wait out the sync grace and apply it (otherwise a serving hub or the next sync does)")
	batch, workers := writeFlags(fs)
	c, err := parseWriteCommand(fs, args, getenv, batch, "load takes one dataset folder, e.g. hub load data/dongying-2021")
	if err != nil {
		return err
	}
	dir := fs.Arg(0)
	loader.TuneGC(getenv)
	if *validateOnly {
		// Scan validates the folder streaming, keeping sorted records of its facts in
		// temporary files rather than the dataset in memory (the loader's package
		// documentation).
		sc, err := loader.Scan(dir)
		if err != nil {
			return reportInvalid(dir, err, stderr)
		}
		defer closeScanned(sc, stderr)
		printValid(stdout, dir, sc)
		fmt.Fprintf(stdout, "validated only, nothing written; the dataset asserts:\n%s", sc.Planned())
		return nil
	}
	st, err := openWriter(ctx, c)
	if err != nil {
		// Without the database the folder is still validated: its problems come first.
		sc, serr := loader.Scan(dir)
		if serr != nil {
			return reportInvalid(dir, serr, stderr)
		}
		closeScanned(sc, stderr)
		return err
	}
	defer closeStore(st)
	// ScanAgainst is Scan that decodes only the lines changed since the dataset's last sync.
	sc, err := loader.ScanAgainst(ctx, dir, st)
	if err != nil {
		return reportInvalid(dir, err, stderr)
	}
	defer closeScanned(sc, stderr)
	printValid(stdout, dir, sc)
	if *dryRun {
		d, err := loader.PlanScanned(ctx, sc, st)
		if err != nil {
			return reportInvalid(dir, err, stderr)
		}
		fmt.Fprintf(stdout, "dry run, nothing written; a sync would make these changes:\n%s", d)
		return nil
	}
	progress := loader.NewProgressOf(stderr, stdout, sc.Documents+sc.Entities+sc.Relationships, isTerminal(stderr))
	if _, err := loader.LoadScanned(ctx, sc, st, loader.Options{BatchSize: *batch, Workers: *workers, Wait: *wait,
		Progress: progress}); err != nil {
		return reportInvalid(dir, err, stderr)
	}
	return nil
}

// printValid says that the scanned dataset is valid, and what it holds.
func printValid(stdout io.Writer, dir string, sc *loader.Scanned) {
	fmt.Fprintf(stdout, "%s: dataset %s is valid: %d documents, %d entities, %d relationships",
		dir, sc.ID, sc.Documents, sc.Entities, sc.Relationships)
	if n, v := sc.Reused(); n > 0 {
		fmt.Fprintf(stdout, " (%d lines as at data version %d, not decoded again)", n, v)
	}
	fmt.Fprintln(stdout)
}

func closeScanned(sc *loader.Scanned, stderr io.Writer) {
	if err := sc.Close(); err != nil {
		fmt.Fprintln(stderr, err)
	}
}

// writeFlags declares the flags of the commands that write: --batch-size and --workers.
func writeFlags(fs *flag.FlagSet) (batch, workers *int) {
	return fs.Int("batch-size", loader.DefaultBatchSize, "facts per transaction"),
		fs.Int("workers", loader.DefaultWorkers, "write transactions at a time (1: one after the other, in order)")
}

// parseWriteCommand reads the configuration and flags of a command that writes and takes one
// argument (usage says which, when there is not exactly one).
func parseWriteCommand(fs *flag.FlagSet, args []string, getenv func(string) string, batch *int, usage string) (config.Config, error) {
	c, err := config.Load(fs, args, getenv)
	if err != nil {
		return c, err
	}
	if fs.NArg() != 1 {
		return c, errors.New(usage)
	}
	if *batch < 1 {
		return c, fmt.Errorf("--batch-size must be at least 1, got %d", *batch)
	}
	return c, nil
}

// reportInvalid prints a validation error's problems and returns an exitError; other errors
// are returned as they are.
func reportInvalid(dir string, err error, stderr io.Writer) error {
	var verr *loader.ValidationError
	if errors.As(err, &verr) {
		fmt.Fprintln(stderr, verr.Error())
		fmt.Fprintf(stderr, "%s: invalid dataset, nothing written\n", dir)
		return exitError{err}
	}
	return err
}

// openWriter opens the store for a command that writes: concurrent batches may deadlock on
// a shared node, and the driver retries them for longer than a request would wait.
func openWriter(ctx context.Context, c config.Config) (*store.Store, error) {
	st, err := store.Open(store.Options{URI: c.Neo4jURI, Username: c.Neo4jUsername,
		Password: c.Neo4jPassword, Database: c.Neo4jDatabase, MaxRetryTime: time.Minute, SyncGrace: syncGrace(c)})
	if err != nil {
		return nil, err
	}
	if err := st.Ping(ctx); err != nil {
		closeStore(st)
		return nil, err
	}
	if err := st.EnsureSchema(ctx); err != nil {
		closeStore(st)
		return nil, err
	}
	return st, nil
}

// syncGrace is the store's SyncGrace for c (0 in the configuration means none).
func syncGrace(c config.Config) time.Duration {
	if c.SyncGrace == 0 {
		return -1
	}
	return c.SyncGrace
}

// unload removes a dataset's assertions from the graph.
func unload(ctx context.Context, fs *flag.FlagSet, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	batch, workers := writeFlags(fs)
	c, err := parseWriteCommand(fs, args, getenv, batch, "unload takes one dataset id, e.g. hub unload dongying-2021 (hub datasets lists them)")
	if err != nil {
		return err
	}
	st, err := openWriter(ctx, c)
	if err != nil {
		return err
	}
	defer closeStore(st)
	sum, err := loader.Unload(ctx, fs.Arg(0), st, loader.Options{BatchSize: *batch, Workers: *workers,
		Progress: &loader.Progress{W: stderr, TTY: isTerminal(stderr), Now: time.Now}})
	if err != nil {
		return fmt.Errorf("unload %s: %w", fs.Arg(0), err)
	}
	fmt.Fprintf(stdout, "dataset %s unloaded: %d facts retracted; data version %d\n", fs.Arg(0), sum.Removed, sum.Version)
	return nil
}

// datasets lists the loaded datasets.
func datasets(ctx context.Context, fs *flag.FlagSet, args []string, getenv func(string) string, stdout io.Writer) error {
	c, err := config.Load(fs, args, getenv)
	if err != nil {
		return err
	}
	st, err := openStore(c)
	if err != nil {
		return err
	}
	defer closeStore(st)
	ds, err := st.Datasets(ctx)
	if err != nil {
		return err
	}
	dv, err := st.DataVersion(ctx)
	if err != nil {
		return err
	}
	v, at := dv.N, dv.At
	fmt.Fprintf(stdout, "data version %d", v)
	if !at.IsZero() {
		fmt.Fprintf(stdout, " (%s)", at.UTC().Format(time.RFC3339))
	}
	if dv.Pending > 0 {
		fmt.Fprint(stdout, "; live, being applied (a serving hub or the next sync finishes it after the grace period)")
	}
	fmt.Fprintln(stdout)
	tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tTITLE\tVERSION\tLOADED\tHASH\tDOCUMENTS\tENTITIES\tRELATIONSHIPS\tSTATE")
	for _, d := range ds {
		state := "current"
		if d.Syncing {
			state = "syncing (or stopped: the next sync removes what it staged)"
		}
		fmt.Fprintf(tw, "%s\t%s\t%d\t%s\t%s\t%d\t%d\t%d\t%s\n", d.ID, d.Title, d.Version,
			d.LoadedAt.UTC().Format(time.RFC3339), d.Hash, d.Documents, d.Entities, d.Relationships, state)
	}
	return tw.Flush()
}

// migrate creates the schema (constraints, range and full-text indexes) without loading data.
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
