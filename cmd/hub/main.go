// Command hub is the Reform Hub binary: one command per job.
//
//	hub serve     serve the GraphQL API, the playground and the health probes
//	hub load DIR  validate a dataset folder and sync the graph with it
//	hub unload ID remove a dataset's facts from the graph
//	hub datasets  list the loaded datasets and the data version
//	hub migrate   create the constraints and the indexes (range, full-text)
//	hub gen       write a deterministic synthetic corpus (internal/synth)
//	hub version   print the version
//
// Every command reads the Neo4j connection from NEO4J_URI, NEO4J_USERNAME, NEO4J_PASSWORD
// and NEO4J_DATABASE (or the matching flags); see docs/operating.md for the whole table.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Getenv, os.Stdout, os.Stderr)
	stop()
	if err != nil {
		var exit exitError
		if !errors.As(err, &exit) {
			fmt.Fprintln(os.Stderr, "hub:", err)
		}
		os.Exit(1)
	}
}

// exitError is a failure already reported to the user; main only sets the exit status.
type exitError struct{ error }

const usage = `usage: hub <command> [flags]

commands:
  serve          serve GraphQL at /graphql, the playground at /, /healthz and /readyz
  load DIR       validate the dataset in DIR and sync the graph with it exactly
                 (--dry-run: print the changes a sync would make, write nothing)
  unload ID      remove the facts of dataset ID (refused while others depend on them)
  datasets       list the loaded datasets and the data version
  migrate        create constraints and indexes (range, full-text)
  gen            write a synthetic corpus (--size S|M|L --seed N --out DIR)
  version        print the version

Run 'hub <command> -h' for the flags of a command.
`

func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitError{errors.New("no command")}
	}
	cmd, rest := args[0], args[1:]
	fs := flag.NewFlagSet("hub "+cmd, flag.ContinueOnError)
	fs.SetOutput(stderr)
	switch cmd {
	case "serve":
		return serve(ctx, fs, rest, getenv, stderr)
	case "load":
		return load(ctx, fs, rest, getenv, stdout, stderr)
	case "unload":
		return unload(ctx, fs, rest, getenv, stdout, stderr)
	case "datasets":
		return datasets(ctx, fs, rest, getenv, stdout)
	case "migrate":
		return migrate(ctx, fs, rest, getenv, stdout)
	case "gen":
		return gen(ctx, fs, rest, stdout)
	case "version":
		fmt.Fprintln(stdout, "hub", version())
		return nil
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return nil
	}
	fmt.Fprint(stderr, usage)
	return exitError{fmt.Errorf("unknown command %q", cmd)}
}

func newLogger(w io.Writer, level string) *slog.Logger {
	var l slog.Level
	_ = l.UnmarshalText([]byte(level))
	return slog.New(slog.NewJSONHandler(w, &slog.HandlerOptions{Level: l}))
}
