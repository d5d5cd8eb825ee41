package docs

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// root is the repository root, seen from this package's directory.
var root = filepath.Join("..", "..")

// maxReadmeLines keeps README.md a front door: what the hub is, the two commands, examples
// that run and a map of docs/. Reference text belongs in docs/.
const maxReadmeLines = 250

func TestReadmeIsShort(t *testing.T) {
	b, err := os.ReadFile(filepath.Join(root, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(b), "\n"); n >= maxReadmeLines {
		t.Errorf("README.md has %d lines; keep it under %d and move reference text to docs/", n, maxReadmeLines)
	}
	for _, s := range []string{"make run", "make test"} {
		if !strings.Contains(string(b), s) {
			t.Errorf("README.md does not show %q", s)
		}
	}
}

// TestDocLinksResolve checks every relative link of README.md, docs/*.md and data/README.md:
// the file or folder exists, and a #fragment names a heading of the Markdown file it points
// to (GitHub's anchors).
func TestDocLinksResolve(t *testing.T) {
	files := []string{filepath.Join(root, "README.md"), filepath.Join(root, "data", "README.md")}
	more, err := filepath.Glob(filepath.Join(root, "docs", "*.md"))
	if err != nil {
		t.Fatal(err)
	}
	if len(more) == 0 {
		t.Fatal("no docs/*.md")
	}
	files = append(files, more...)
	links := 0
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		rel, _ := filepath.Rel(root, f)
		for _, target := range markdownLinks(string(b)) {
			if strings.Contains(target, "://") || strings.HasPrefix(target, "mailto:") {
				continue
			}
			links++
			path, frag, _ := strings.Cut(target, "#")
			dest := f
			if path != "" {
				dest = filepath.Join(filepath.Dir(f), filepath.FromSlash(path))
				if _, err := os.Stat(dest); err != nil {
					t.Errorf("%s: link %q: no such file or folder", rel, target)
					continue
				}
			}
			if frag == "" {
				continue
			}
			if !strings.HasSuffix(dest, ".md") {
				continue // an anchor into a non-Markdown file is not ours to check
			}
			if !anchors(t, dest)[frag] {
				t.Errorf("%s: link %q: no heading with anchor #%s in %s", rel, target, frag, filepath.Base(dest))
			}
		}
	}
	if links < 20 {
		t.Errorf("found only %d relative links; is the link pattern still right?", links)
	}
}

var (
	linkRE    = regexp.MustCompile(`\[[^\]\n]*\]\(([^)\s]+)\)`)
	headingRE = regexp.MustCompile(`^#{1,6} +(.+?) *#*$`)
	slugDrop  = regexp.MustCompile(`[^\p{L}\p{N} _-]`)
)

// markdownLinks returns the targets of the inline links of a Markdown text, outside fenced
// code blocks.
func markdownLinks(text string) []string {
	var out []string
	for _, line := range prose(text) {
		for _, m := range linkRE.FindAllStringSubmatch(line, -1) {
			out = append(out, m[1])
		}
	}
	return out
}

// prose returns the lines of a Markdown text that are not inside fenced code blocks.
func prose(text string) []string {
	var out []string
	fenced := false
	for _, line := range strings.Split(text, "\n") {
		if strings.HasPrefix(strings.TrimSpace(line), "```") {
			fenced = !fenced
			continue
		}
		if !fenced {
			out = append(out, line)
		}
	}
	return out
}

// anchors returns the anchors GitHub gives the headings of a Markdown file: lower case,
// punctuation dropped, spaces as hyphens, "-1", "-2" … for repeats.
func anchors(t *testing.T, file string) map[string]bool {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]int{}
	out := map[string]bool{}
	for _, line := range prose(string(b)) {
		m := headingRE.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		slug := strings.ReplaceAll(slugDrop.ReplaceAllString(strings.ToLower(m[1]), ""), " ", "-")
		if n := seen[slug]; n > 0 {
			out[slug+"-"+strconv.Itoa(n)] = true
		} else {
			out[slug] = true
		}
		seen[slug]++
	}
	return out
}
