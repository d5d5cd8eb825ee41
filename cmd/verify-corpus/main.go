// Command verify-corpus checks a dataset against the text of the article it cites
// (`make verify-corpus SOURCE=<article>`): quotes verbatim in their paragraphs, cited
// paragraphs exist, every Arabic number of the body covered by a fact, no entity without a
// relationship, no duplicate names within a type, and the semantic checks (a stated
// relationship's quote names both ends, values with their units and qualifiers, scopes and
// statuses as quoted). See internal/verifycorpus.
//
//	verify-corpus [-dataset data/dongying-2021] [-config DATASET/verify.yaml] ARTICLE
//
// Exit status 0 when every check passes, 1 when one fails, 2 on a usage or input error.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/reformhub/hub/internal/verifycorpus"
	"github.com/reformhub/hub/loader"
)

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("verify-corpus", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dataset := fs.String("dataset", "data/dongying-2021", "dataset folder")
	config := fs.String("config", "", "verification config (default: DATASET/"+verifycorpus.ConfigFile+")")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: verify-corpus [-dataset DIR] [-config FILE] ARTICLE")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return 2
	}
	if *config == "" {
		*config = filepath.Join(*dataset, verifycorpus.ConfigFile)
	}
	cfg, err := verifycorpus.LoadConfig(*config)
	if err != nil {
		fmt.Fprintln(stderr, "verify-corpus:", err)
		return 2
	}
	text, err := os.ReadFile(fs.Arg(0))
	if err != nil {
		fmt.Fprintln(stderr, "verify-corpus:", err)
		return 2
	}
	ds, err := loader.Parse(*dataset)
	if err != nil {
		fmt.Fprintln(stderr, "verify-corpus: the dataset does not load:", err)
		return 1
	}
	rep, err := verifycorpus.Check(ds, string(text), cfg)
	if err != nil {
		fmt.Fprintln(stderr, "verify-corpus:", err)
		return 2
	}
	fmt.Fprintf(stdout, "article %s, dataset %s (document %s)\n", fs.Arg(0), *dataset, cfg.Document)
	rep.Print(stdout)
	if !rep.OK() {
		return 1
	}
	return 0
}
