package store_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/reformhub/hub/internal/reform"
	"github.com/reformhub/hub/internal/store"
	"github.com/reformhub/hub/internal/store/storetest"
)

const luceneSpecial = `+-&|!(){}[]^"~*?:\/`

// FuzzSearchEscaping checks EscapeLucene on arbitrary text — no syntax character stays
// unescaped, no operator word survives, unescaping gives the text back — and runs the text
// through Search on the real full-text index, which must answer or refuse it as bad input,
// never fail inside Neo4j. `make test` runs it briefly, `make fuzz` longer.
func FuzzSearchEscaping(f *testing.F) {
	for _, s := range []string{"改革", "*:*", `name:(a OR b) AND NOT "c" ~2 ^3`, `\`, `\\"`, "a && b || !c",
		"[a TO z] {b TO c}", "/re.*x/", "AND", "OR NOT", "te?t*~0.5", "  ", "\x00", "改\t革\n创新", "-+-+"} {
		f.Add(s)
	}
	st := storetest.Open(f)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	err := st.EnsureSchema(ctx)
	cancel()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return // GraphQL strings are UTF-8: JSON decoding replaces anything else
		}
		out := store.EscapeLucene(s)
		var plain strings.Builder
		rs := []rune(out)
		for i := 0; i < len(rs); i++ {
			if rs[i] == '\\' {
				if i+1 == len(rs) || !strings.ContainsRune(luceneSpecial, rs[i+1]) {
					t.Fatalf("EscapeLucene(%q) = %q: stray backslash at %d", s, out, i)
				}
				i++
				plain.WriteRune(rs[i])
				continue
			}
			if strings.ContainsRune(luceneSpecial, rs[i]) {
				t.Fatalf("EscapeLucene(%q) = %q: unescaped %q", s, out, rs[i])
			}
			plain.WriteRune(rs[i])
		}
		words := strings.Fields(s)
		for i, w := range words {
			if w == "AND" || w == "OR" || w == "NOT" {
				words[i] = strings.ToLower(w)
			}
		}
		if got, want := plain.String(), strings.Join(words, " "); got != want {
			t.Fatalf("EscapeLucene(%q) = %q, unescaped %q, want %q", s, out, got, want)
		}
		for _, w := range strings.Fields(out) {
			if w == "AND" || w == "OR" || w == "NOT" {
				t.Fatalf("EscapeLucene(%q) = %q keeps the operator %s", s, out, w)
			}
		}
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if _, err := st.Search(ctx, s, nil, nil); err != nil && !errors.Is(err, reform.ErrInvalidInput) {
			t.Fatalf("Search(%q): %v", s, err)
		}
	})
}
