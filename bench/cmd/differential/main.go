// Command differential sends random read queries valid in both schemas to the hub and to the
// Neo4j GraphQL Library over the same data and fails on any disagreement that the table of
// divergences (docs/compatibility.md, bench/differential.Table) does not list. The servers
// run already (scripts/differential.sh starts them); both serve their schema at
// /schema.graphql.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"strings"

	"github.com/reformhub/hub/bench/differential"
)

func main() {
	var hub, lib, label, forms, details string
	var n int
	var seed uint64
	var opt differential.Options
	flag.StringVar(&hub, "hub", "http://127.0.0.1:8080/graphql", "the hub's GraphQL URL")
	flag.StringVar(&lib, "library", "http://127.0.0.1:8082/graphql", "the library server's GraphQL URL")
	flag.IntVar(&n, "n", 1000, "queries to draw")
	flag.Uint64Var(&seed, "seed", 1, "the generator's seed")
	flag.StringVar(&label, "label", "", "the corpus, for the report")
	flag.StringVar(&forms, "forms", "", "v7 forms to use although the hub may lack them, comma-separated, or all: "+formNames())
	flag.BoolVar(&opt.Avoid, "avoid", false, "draw no query that uses a form of the divergence table (every difference then fails)")
	flag.IntVar(&opt.RootCap, "root-cap", 100, "the hub's implicit limit of a root list (HUB_DEFAULT_LIMIT)")
	flag.IntVar(&opt.NestedCap, "nested-cap", 50, "the hub's implicit limit of a nested list (HUB_NESTED_LIMIT)")
	flag.StringVar(&details, "details", "", "write every disagreement (query, differences, both answers) to this file")
	var schemaDiff bool
	flag.BoolVar(&schemaDiff, "schema-diff", false, "print what only one schema offers to a read, and exit")
	flag.Parse()
	if schemaDiff {
		s, err := differential.FetchSchemas(context.Background(), differential.NewClient(hub, lib))
		if err != nil {
			fmt.Fprintln(os.Stderr, "differential:", err)
			os.Exit(1)
		}
		for _, l := range s.SchemaDiff() {
			fmt.Println(l)
		}
		return
	}
	var err error
	if opt.Forms, err = parseForms(forms); err != nil {
		fmt.Fprintln(os.Stderr, "differential:", err)
		os.Exit(2)
	}
	cfg := differential.Config{N: n, Seed: seed, Label: label, Options: opt}
	if details != "" {
		f, err := os.Create(details)
		if err != nil {
			fmt.Fprintln(os.Stderr, "differential:", err)
			os.Exit(1)
		}
		defer func() { _ = f.Close() }()
		cfg.Details = f
	}
	r, err := differential.RunAgainst(context.Background(), hub, lib, cfg)
	if r != nil {
		fmt.Print(r.Summary())
		if unseen := differential.Unseen(r); len(unseen) > 0 && r.Sent >= 500 {
			fmt.Printf("pending entries no query showed (fixed? then remove them from differential.Pending): %s\n", strings.Join(unseen, ", "))
		}
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "differential:", err)
		os.Exit(1)
	}
	if r.Failed() {
		fmt.Fprintf(os.Stderr, "differential: %d queries answered differently, and the divergence table (docs/compatibility.md) does not say why\n", len(r.Unexplained))
		os.Exit(1)
	}
}

func formNames() string {
	var names []string
	for _, f := range differential.Forms {
		names = append(names, string(f))
	}
	return strings.Join(names, ", ")
}

func parseForms(s string) (map[differential.Form]bool, error) {
	out := map[differential.Form]bool{}
	for _, name := range strings.Split(s, ",") {
		name = strings.TrimSpace(name)
		switch name {
		case "":
		case "all":
			for _, f := range differential.Forms {
				out[f] = true
			}
		default:
			known := false
			for _, f := range differential.Forms {
				if string(f) == name {
					out[f], known = true, true
				}
			}
			if !known {
				return nil, fmt.Errorf("unknown form %q (known: %s)", name, formNames())
			}
		}
	}
	return out, nil
}
