package differential

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"sort"
	"strings"
	"time"
)

// Config is one differential run.
type Config struct {
	N       int    // queries to draw
	Seed    uint64 // the generator's seed: the same seed, schemas and data give the same queries
	Label   string // the corpus, for the report
	Options Options
	// Details receives every disagreement (query, findings, both answers); nil: none.
	Details io.Writer
}

// Report counts a run's queries by outcome.
type Report struct {
	Label     string
	Generated int // queries drawn
	Sent      int // queries sent to both servers
	Agreed    int // ... whose data were equal
	// Explained counts, per divergence of Table, the queries whose every difference it (or
	// another divergence) explains; a query with two counts for both.
	Explained map[string]int
	// ExplainedQueries is the number of queries whose differences are all explained.
	ExplainedQueries int
	// PendingSeen counts the queries explained by Pending entries (hub bugs being fixed).
	PendingSeen map[string]int
	// HubLacks counts, per switched-on v7 form, the queries the hub's schema refuses (class b:
	// not sent).
	HubLacks map[Form]int
	// HubTime and LibTime are the time each server took to answer, in all.
	HubTime, LibTime time.Duration
	// LibTimeouts counts the queries the library did not answer in time (not compared).
	LibTimeouts int
	// Unexplained are the queries with a difference no divergence explains: the failures.
	Unexplained []Case
}

// Case is one query that the two servers answered differently.
type Case struct {
	Query    string
	Findings []Finding
	Hub, Lib string // the answers, abbreviated
}

// Failed reports whether the run found a disagreement that neither Table nor Pending lists.
func (r *Report) Failed() bool { return len(r.Unexplained) > 0 }

// Run draws cfg.N queries valid in both schemas, sends each to the hub and to the library,
// and compares their data.
func Run(ctx context.Context, c *Client, s *Schemas, d *Data, cfg Config) (*Report, error) {
	g, err := NewGen(s, d, cfg.Seed, cfg.Options)
	if err != nil {
		return nil, err
	}
	r := &Report{Label: cfg.Label, Explained: map[string]int{}, PendingSeen: map[string]int{}, HubLacks: map[Form]int{}}
	for range cfg.N {
		if err := ctx.Err(); err != nil {
			return r, err
		}
		q := g.Query()
		r.Generated++
		hubErr, libErr := s.Validate(q.Text)
		if libErr != nil {
			return r, fmt.Errorf("the generator drew a query the library's schema refuses (a generator bug): %w\n%s", libErr, q.Text)
		}
		if hubErr != nil {
			if len(q.Forms) == 0 {
				return r, fmt.Errorf("the generator drew a query the hub's schema refuses (a generator bug): %w\n%s", hubErr, q.Text)
			}
			for _, f := range q.Forms {
				r.HubLacks[f]++
			}
			continue
		}
		if err := r.check(ctx, c, q, cfg.Details); err != nil {
			return r, err
		}
	}
	return r, nil
}

// check sends one query to both servers and records the outcome.
func (r *Report) check(ctx context.Context, c *Client, q *Query, details io.Writer) error {
	t0 := time.Now()
	ha, err := c.Post(ctx, c.Hub, q.Text)
	if err != nil {
		return fmt.Errorf("hub: %w\n%s", err, q.Text)
	}
	t1 := time.Now()
	r.HubTime += t1.Sub(t0)
	la, err := c.Post(ctx, c.Lib, q.Text)
	r.LibTime += time.Since(t1)
	if err != nil {
		if errors.Is(err, context.DeadlineExceeded) || os.IsTimeout(err) {
			// The library compiles some filters into statements Neo4j takes minutes to plan.
			r.LibTimeouts++
			if details != nil {
				_, _ = fmt.Fprintf(details, "=== library timed out\n%s\n", q.Text)
			}
			return nil
		}
		return fmt.Errorf("library: %w\n%s", err, q.Text)
	}
	r.Sent++
	var findings []Finding
	if len(ha.Errors) > 0 && len(la.Errors) == 0 && hubLimit(ha.Errors) {
		findings = []Finding{{Path: "errors", Hub: clip(string(ha.Errors), 400), Div: []string{DivHubLimits}}}
	} else if len(ha.Errors) > 0 || len(la.Errors) > 0 {
		// A query valid in both schemas is answered by both: an error is a difference
		// nothing in the table explains.
		findings = []Finding{{Path: "errors", Hub: clip(string(ha.Errors), 400), Lib: clip(string(la.Errors), 400)}}
	} else {
		var hd, ld any
		if err := json.Unmarshal(ha.Data, &hd); err != nil {
			return fmt.Errorf("hub data: %w", err)
		}
		if err := json.Unmarshal(la.Data, &ld); err != nil {
			return fmt.Errorf("library data: %w", err)
		}
		findings = Compare(q.Shape, hd, ld)
	}
	if len(findings) == 0 {
		r.Agreed++
		return nil
	}
	divs := map[string]bool{}
	explained := true
	for _, f := range findings {
		if len(f.Div) == 0 {
			explained = false
		}
		// A Pending entry counts only where nothing in Table explains the difference too:
		// then it is the pending bug that the difference shows.
		decided := slices.ContainsFunc(f.Div, func(d string) bool { return !pending(d) })
		for _, d := range f.Div {
			if !decided || !pending(d) {
				divs[d] = true
			}
		}
	}
	cs := Case{Query: q.Text, Findings: findings, Hub: clip(string(ha.Data)+string(ha.Errors), 1500), Lib: clip(string(la.Data)+string(la.Errors), 1500)}
	if details != nil {
		writeCase(details, cs, explained)
	}
	if !explained {
		r.Unexplained = append(r.Unexplained, cs)
		return nil
	}
	r.ExplainedQueries++
	for d := range divs {
		if pending(d) {
			r.PendingSeen[d]++
		} else {
			r.Explained[d]++
		}
	}
	return nil
}

func writeCase(w io.Writer, c Case, explained bool) {
	status := "UNEXPLAINED"
	if explained {
		status = "explained"
	}
	_, _ = fmt.Fprintf(w, "=== %s\n%s\n", status, c.Query)
	for _, f := range c.Findings {
		_, _ = fmt.Fprintf(w, "  %s [%s]\n    hub: %s\n    lib: %s\n", f.Path, strings.Join(f.Div, ","), f.Hub, f.Lib)
	}
	_, _ = fmt.Fprintf(w, "  hub answer: %s\n  lib answer: %s\n", c.Hub, c.Lib)
}

// Summary is the report as text: the counts, then each unexplained query.
func (r *Report) Summary() string {
	var b strings.Builder
	pct := func(n int) string {
		if r.Sent == 0 {
			return "n/a"
		}
		return fmt.Sprintf("%.1f%%", 100*float64(n)/float64(r.Sent))
	}
	fmt.Fprintf(&b, "differential (%s): %d queries drawn, %d sent to both, %d agree (%s), %d differ as the table says (%s), %d differ otherwise\n",
		r.Label, r.Generated, r.Sent, r.Agreed, pct(r.Agreed), r.ExplainedQueries, pct(r.ExplainedQueries), len(r.Unexplained))
	fmt.Fprintf(&b, "  answering took the hub %s, the library %s\n", r.HubTime.Round(time.Millisecond), r.LibTime.Round(time.Millisecond))
	for _, d := range Table {
		fmt.Fprintf(&b, "  %-16s %5d queries  (%s)\n", d.ID, r.Explained[d.ID], d.Decision)
	}
	for _, d := range Pending {
		fmt.Fprintf(&b, "  %-16s %5d queries  (pending: %s)\n", d.ID, r.PendingSeen[d.ID], d.Reason)
	}
	if r.LibTimeouts > 0 {
		fmt.Fprintf(&b, "  the library did not answer %d queries in time (not compared)\n", r.LibTimeouts)
	}
	if len(r.HubLacks) > 0 {
		var forms []string
		for f, n := range r.HubLacks {
			forms = append(forms, fmt.Sprintf("%s %d", f, n))
		}
		sort.Strings(forms)
		fmt.Fprintf(&b, "  v7 forms the hub's schema refuses (not sent): %s\n", strings.Join(forms, ", "))
	}
	for i, c := range r.Unexplained {
		if i == 10 {
			fmt.Fprintf(&b, "… and %d more\n", len(r.Unexplained)-10)
			break
		}
		fmt.Fprintf(&b, "UNEXPLAINED %s\n", c.Query)
		for _, f := range c.Findings[:min(len(c.Findings), 3)] {
			fmt.Fprintf(&b, "  %s\n    hub: %s\n    lib: %s\n", f.Path, f.Hub, f.Lib)
		}
	}
	return b.String()
}

// Unseen returns the Pending entries no query of the runs showed (their fix may be in).
func Unseen(reports ...*Report) []string {
	var out []string
	for _, d := range Pending {
		if !slices.ContainsFunc(reports, func(r *Report) bool { return r.PendingSeen[d.ID] > 0 }) {
			out = append(out, d.ID)
		}
	}
	return out
}

// RunAgainst is Run against the servers at two GraphQL URLs: their schemas read from
// /schema.graphql, the data sampled through the hub.
func RunAgainst(ctx context.Context, hubURL, libURL string, cfg Config) (*Report, error) {
	c := NewClient(hubURL, libURL)
	s, err := FetchSchemas(ctx, c)
	if err != nil {
		return nil, err
	}
	d, err := Sample(ctx, c, s)
	if err != nil {
		return nil, err
	}
	return Run(ctx, c, s, d, cfg)
}

// hubLimit reports whether the hub's errors are all refusals by one of its limits
// (BAD_USER_INPUT with extensions.limit).
func hubLimit(raw json.RawMessage) bool {
	var errs []struct {
		Extensions struct {
			Code  string `json:"code"`
			Limit string `json:"limit"`
		} `json:"extensions"`
	}
	if err := json.Unmarshal(raw, &errs); err != nil || len(errs) == 0 {
		return false
	}
	for _, e := range errs {
		if e.Extensions.Code != "BAD_USER_INPUT" || e.Extensions.Limit == "" {
			return false
		}
	}
	return true
}

// FetchSchemas reads both servers' schemas from /schema.graphql.
func FetchSchemas(ctx context.Context, c *Client) (*Schemas, error) {
	hubSDL, err := c.SDL(ctx, c.Hub)
	if err != nil {
		return nil, fmt.Errorf("the hub's schema: %w", err)
	}
	libSDL, err := c.SDL(ctx, c.Lib)
	if err != nil {
		return nil, fmt.Errorf("the library's schema: %w", err)
	}
	return LoadSchemas(hubSDL, libSDL)
}
