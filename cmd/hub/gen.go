package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/reformhub/hub/internal/synth"
)

// gen writes a deterministic synthetic corpus (internal/synth) that `hub load` imports, with
// the same data as CSV files for Neo4j's LOAD CSV.
func gen(_ context.Context, fs *flag.FlagSet, args []string, stdout io.Writer) error {
	size := fs.String("size", "S", "corpus size: S (~10k entities), M (~200k) or L (~1M)")
	entities := fs.Int("entities", 0, "number of entities (overrides --size)")
	seed := fs.Uint64("seed", 1, "random seed: the same seed and size give byte-identical output")
	out := fs.String("out", "", "output folder (created; an earlier corpus there is replaced)")
	id := fs.String("id", "", "dataset id (default synth-<size>)")
	acc := fs.Bool("access", false, "give documents access levels: public, internal, restricted to groups g1…g4 (docs/access.md)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *out == "" || fs.NArg() != 0 {
		return fmt.Errorf("usage: hub gen --size S|M|L [--seed 1] --out DIR")
	}
	n, ok := synth.Sizes[strings.ToUpper(*size)]
	if *entities > 0 {
		n, ok = *entities, true
	}
	if !ok {
		return fmt.Errorf("--size must be S, M or L, got %q", *size)
	}
	if *id == "" {
		*id = "synth-" + strings.ToLower(*size)
		if *entities > 0 {
			*id = fmt.Sprintf("synth-%d", *entities)
		}
	}
	start := time.Now()
	counts, err := synth.Generate(synth.Config{Entities: n, Seed: *seed, ID: *id, Access: *acc}, *out)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%s: generated in %s: %s", *out, time.Since(start).Round(time.Millisecond), counts)
	return nil
}
