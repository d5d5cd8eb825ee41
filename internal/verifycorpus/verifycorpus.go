// Package verifycorpus checks a parsed dataset against the text of the article its evidence
// cites, so that the corpus is checked rather than trusted (`make verify-corpus`).
//
// The article is split into paragraphs exactly as data/README.md defines them: its non-empty
// lines (a line of only white space is empty), numbered from 1. Check then reports:
//
//   - quote: every evidence quote of the checked document appears verbatim in the paragraph
//     it cites;
//   - paragraph: every cited paragraph exists in the article, and the manifest's paragraph
//     count equals the article's;
//   - number: every Arabic number in a body paragraph is covered by a fact citing that
//     paragraph: the number (a whole token, "10" is not in "100") is written in one of the
//     fact's evidence quotes for that paragraph, or in one of the fact's own fields (name,
//     aliases, nameEn, description, note, role, area, title, metric, unit, scope, value,
//     planned, completed, headcount, year; for a relationship its note);
//   - value: a number the data asserts — an outcome's value, a task's planned and completed
//     counts, a group's headcount above 1 — is written in one of the fact's own quotes, so a
//     mistyped figure cannot hide behind a correct quote;
//   - orphan: every entity takes part in at least one relationship;
//   - duplicate: no two entities of one type share a name or an alias.
//
// The body is given by a Config (the dataset's verify.yaml), not guessed.
package verifycorpus

import (
	"fmt"
	"io"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/reformhub/hub/loader"
)

// ConfigFile is the name of the verification config inside a dataset folder. The loader does
// not read it (it reads only the files the manifest lists).
const ConfigFile = "verify.yaml"

// Config says which document an article is and which of its paragraphs are the body.
type Config struct {
	// Document is the id of the dataset document the article is the text of.
	Document string `yaml:"document"`
	// Body lists the body's paragraph ranges, each "N" or "N-M" (inclusive).
	Body []string `yaml:"body"`
}

// Range is an inclusive range of paragraph numbers.
type Range struct{ From, To int }

// LoadConfig reads a Config from a YAML file; unknown keys are errors.
func LoadConfig(path string) (Config, error) {
	var c Config
	f, err := os.Open(path)
	if err != nil {
		return c, fmt.Errorf("verify config: %w", err)
	}
	defer func() { _ = f.Close() }() // read only
	dec := yaml.NewDecoder(f)
	dec.KnownFields(true)
	if err := dec.Decode(&c); err != nil {
		return c, fmt.Errorf("verify config %s: %w", path, err)
	}
	if c.Document == "" {
		return c, fmt.Errorf("verify config %s: document is required", path)
	}
	if _, err := c.Ranges(); err != nil {
		return c, fmt.Errorf("verify config %s: %w", path, err)
	}
	return c, nil
}

// Ranges parses Body.
func (c Config) Ranges() ([]Range, error) {
	if len(c.Body) == 0 {
		return nil, fmt.Errorf("body: at least one paragraph range is required")
	}
	out := make([]Range, 0, len(c.Body))
	for _, s := range c.Body {
		from, to, found := strings.Cut(strings.TrimSpace(s), "-")
		a, err1 := strconv.Atoi(strings.TrimSpace(from))
		b := a
		var err2 error
		if found {
			b, err2 = strconv.Atoi(strings.TrimSpace(to))
		}
		if err1 != nil || err2 != nil || a < 1 || b < a {
			return nil, fmt.Errorf("body: bad paragraph range %q (want N or N-M, 1 <= N <= M)", s)
		}
		out = append(out, Range{a, b})
	}
	return out, nil
}

// Paragraphs splits an article into its paragraphs: the non-empty lines, in order (line ends
// "\n" or "\r\n"; a line of only white space is empty). Paragraph n is index n-1.
func Paragraphs(text string) []string {
	var out []string
	for _, line := range strings.Split(text, "\n") {
		line = strings.TrimSuffix(line, "\r")
		if strings.TrimSpace(line) != "" {
			out = append(out, line)
		}
	}
	return out
}

var numberRE = regexp.MustCompile(`[0-9]+(?:\.[0-9]+)?`)

// Numbers returns the Arabic numbers written in s (ASCII digits, with an optional decimal
// part: "34.6"), in order, repeats included.
func Numbers(s string) []string { return numberRE.FindAllString(s, -1) }

// Finding is one failed check.
type Finding struct {
	Check   string // quote, paragraph, number, value, orphan, duplicate
	Where   string // file:line of the fact, or "article ¶N"
	Message string
}

func (f Finding) String() string { return fmt.Sprintf("%-9s %s: %s", f.Check, f.Where, f.Message) }

// Report is the result of Check.
type Report struct {
	Paragraphs     int // paragraphs in the article
	BodyParagraphs int // paragraphs in the body ranges
	Entities       int
	Relationships  int
	Quotes         int // evidence entries of the checked document
	OtherDocQuotes int // evidence entries of other documents (not checked against this article)
	CitedParas     int // distinct paragraphs cited
	Numbers        int // distinct (paragraph, number) pairs in the body
	Findings       []Finding
}

// OK reports whether every check passed.
func (r Report) OK() bool { return len(r.Findings) == 0 }

// Count returns how many findings a check has.
func (r Report) Count(check string) int {
	n := 0
	for _, f := range r.Findings {
		if f.Check == check {
			n++
		}
	}
	return n
}

// fact is an entity or a relationship seen as text for the number check.
type fact struct {
	where   string
	text    []string // the fact's own fields (name, aliases, note, value …), without quotes
	sources []loader.Source
}

// Check verifies ds against the article text, the document cfg.Document.
func Check(ds *loader.Dataset, article string, cfg Config) (Report, error) {
	ranges, err := cfg.Ranges()
	if err != nil {
		return Report{}, err
	}
	var doc *loader.Document
	for i := range ds.Documents {
		if ds.Documents[i].ID == cfg.Document {
			doc = &ds.Documents[i]
		}
	}
	if doc == nil {
		return Report{}, fmt.Errorf("the dataset has no document %q", cfg.Document)
	}
	paras := Paragraphs(article)
	r := Report{Paragraphs: len(paras), Entities: len(ds.Entities), Relationships: len(ds.Relationships)}
	add := func(check, where, format string, args ...any) {
		r.Findings = append(r.Findings, Finding{check, where, fmt.Sprintf(format, args...)})
	}
	if int(doc.Paragraphs) != len(paras) {
		add("paragraph", doc.Loc.String(), "document %s declares %d paragraphs, the article has %d", doc.ID, doc.Paragraphs, len(paras))
	}
	for _, rg := range ranges {
		if rg.To > len(paras) {
			add("paragraph", "verify config", "body range %d-%d ends after the article's last paragraph %d", rg.From, rg.To, len(paras))
		}
	}

	facts := make([]fact, 0, len(ds.Entities)+len(ds.Relationships))
	for _, e := range ds.Entities {
		facts = append(facts, fact{where: e.Loc.String() + " " + e.ID, text: entityText(e), sources: e.Sources})
	}
	for _, rel := range ds.Relationships {
		var text []string
		if rel.Note != nil {
			text = append(text, *rel.Note)
		}
		facts = append(facts, fact{where: fmt.Sprintf("%s %s %s->%s", rel.Loc, rel.Type, rel.From, rel.To), text: text, sources: rel.Sources})
	}

	// Quotes and paragraph numbers; and, per paragraph, the numbers its facts cover.
	covered := map[int]map[string]bool{}
	cited := map[int]bool{}
	for _, f := range facts {
		own := map[string]bool{}
		for _, t := range f.text {
			for _, n := range Numbers(t) {
				own[n] = true
			}
		}
		for _, s := range f.sources {
			if s.Doc != doc.ID {
				r.OtherDocQuotes++
				continue
			}
			r.Quotes++
			where := s.Loc.String()
			if s.Loc.File == "" {
				where = f.where
			}
			if s.Para < 1 || int(s.Para) > len(paras) {
				add("paragraph", where, "%s cites paragraph %d; the article has 1-%d", f.where, s.Para, len(paras))
				continue
			}
			p := int(s.Para)
			cited[p] = true
			if !strings.Contains(paras[p-1], s.Quote) {
				add("quote", where, "%s: quote %q is not in paragraph %d", f.where, s.Quote, p)
				continue
			}
			if covered[p] == nil {
				covered[p] = map[string]bool{}
			}
			for n := range own {
				covered[p][n] = true
			}
			for _, n := range Numbers(s.Quote) {
				covered[p][n] = true
			}
		}
	}
	r.CitedParas = len(cited)

	// Numbers of the body.
	body := map[int]bool{}
	for _, rg := range ranges {
		for p := rg.From; p <= rg.To && p <= len(paras); p++ {
			body[p] = true
		}
	}
	r.BodyParagraphs = len(body)
	for p := 1; p <= len(paras); p++ {
		if !body[p] {
			continue
		}
		seen := map[string]bool{}
		for _, n := range Numbers(paras[p-1]) {
			if seen[n] {
				continue
			}
			seen[n] = true
			r.Numbers++
			if !covered[p][n] {
				add("number", fmt.Sprintf("article ¶%d", p), "%s is in no fact citing this paragraph (%s)", n, context(paras[p-1], n))
			}
		}
	}

	// Asserted numbers appear in the fact's own quotes.
	for _, e := range ds.Entities {
		inQuotes := map[string]bool{}
		for _, s := range e.Sources {
			for _, n := range Numbers(s.Quote) {
				inQuotes[n] = true
			}
		}
		var asserted []string
		if e.Value != nil {
			asserted = append(asserted, "value "+strconv.FormatFloat(*e.Value, 'f', -1, 64))
		}
		for _, f := range []struct {
			name string
			v    *int64
			min  int64
		}{{"planned", e.Planned, 0}, {"completed", e.Completed, 0}, {"headcount", e.Headcount, 2}} {
			if f.v != nil && *f.v >= f.min {
				asserted = append(asserted, f.name+" "+strconv.FormatInt(*f.v, 10))
			}
		}
		for _, a := range asserted {
			field, n, _ := strings.Cut(a, " ")
			if !inQuotes[n] {
				add("value", e.Loc.String(), "%s: %s %s is written in none of its quotes", e.ID, field, n)
			}
		}
	}

	// Orphans.
	linked := map[string]bool{}
	for _, rel := range ds.Relationships {
		linked[rel.From] = true
		linked[rel.To] = true
	}
	for _, e := range ds.Entities {
		if !linked[e.ID] {
			add("orphan", e.Loc.String(), "entity %s (%s) takes part in no relationship", e.ID, e.Name)
		}
	}

	// Duplicate names and aliases within a type.
	type key struct{ typ, name string }
	owner := map[key]string{}
	for _, e := range ds.Entities {
		names := append([]string{e.Name}, e.Aliases...)
		slices.Sort(names)
		for _, n := range slices.Compact(names) {
			k := key{string(e.Type), n}
			if other, ok := owner[k]; ok && other != e.ID {
				add("duplicate", e.Loc.String(), "%s %s and %s share the name %q", e.Type, other, e.ID, n)
				continue
			}
			owner[k] = e.ID
		}
	}
	return r, nil
}

// entityText returns the entity's own text fields and numeric fields as text.
func entityText(e loader.Entity) []string {
	out := []string{e.Name}
	out = append(out, e.Aliases...)
	for _, s := range []*string{e.NameEn, e.Description, e.Note, e.Role, e.Area, e.Title, e.Metric, e.Unit, e.Scope} {
		if s != nil {
			out = append(out, *s)
		}
	}
	for _, n := range []*int64{e.Headcount, e.Year, e.Planned, e.Completed} {
		if n != nil {
			out = append(out, strconv.FormatInt(*n, 10))
		}
	}
	if e.Value != nil {
		out = append(out, strconv.FormatFloat(*e.Value, 'f', -1, 64))
	}
	return out
}

// context returns a few characters of s around the first occurrence of the number n.
func context(s, n string) string {
	for _, ix := range numberRE.FindAllStringIndex(s, -1) {
		if s[ix[0]:ix[1]] != n {
			continue
		}
		rs := []rune(s)
		at := len([]rune(s[:ix[0]]))
		from, to := max(0, at-8), min(len(rs), at+len([]rune(n))+8)
		return "…" + string(rs[from:to]) + "…"
	}
	return ""
}

// Print writes the report: a summary, then every finding, then PASS or FAIL.
func (r Report) Print(w io.Writer) {
	fmt.Fprintf(w, "verify-corpus: %d paragraphs (%d in the body, %d cited); %d entities, %d relationships\n",
		r.Paragraphs, r.BodyParagraphs, r.CitedParas, r.Entities, r.Relationships)
	fmt.Fprintf(w, "  quote      %d quotes checked verbatim against their paragraphs: %d problems\n", r.Quotes, r.Count("quote"))
	if r.OtherDocQuotes > 0 {
		fmt.Fprintf(w, "             (%d quotes cite other documents and were not checked)\n", r.OtherDocQuotes)
	}
	fmt.Fprintf(w, "  paragraph  every cited paragraph exists: %d problems\n", r.Count("paragraph"))
	fmt.Fprintf(w, "  number     %d distinct numbers per body paragraph, each in a fact citing it: %d uncovered\n", r.Numbers, r.Count("number"))
	fmt.Fprintf(w, "  value      every outcome value, task count and group headcount written in its quotes: %d problems\n", r.Count("value"))
	fmt.Fprintf(w, "  orphan     every entity in a relationship: %d orphans\n", r.Count("orphan"))
	fmt.Fprintf(w, "  duplicate  no shared name or alias within a type: %d duplicates\n", r.Count("duplicate"))
	for _, f := range r.Findings {
		fmt.Fprintln(w, f)
	}
	if r.OK() {
		fmt.Fprintln(w, "PASS")
	} else {
		fmt.Fprintf(w, "FAIL: %d problems\n", len(r.Findings))
	}
}
