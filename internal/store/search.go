package store

import (
	"context"
	"fmt"
	"html"
	"strings"
	"unicode"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/reformhub/hub/internal/reform"
)

// Search bounds.
const (
	DefaultSearchLimit = 20
	MaxSearchLimit     = 100
	maxSearchRunes     = 200
)

// luceneSpecial are the characters of Lucene's query syntax; EscapeLucene escapes each.
const luceneSpecial = `+-&|!(){}[]^"~*?:\/`

// EscapeLucene makes s a plain-text Lucene query: every syntax character is escaped and the
// operator words AND, OR, NOT lose their meaning (they are lower-cased; the analyzers
// lower-case terms anyway).
func EscapeLucene(s string) string {
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune(luceneSpecial, r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	words := strings.Fields(b.String())
	for i, w := range words {
		if w == "AND" || w == "OR" || w == "NOT" {
			words[i] = strings.ToLower(w)
		}
	}
	return strings.Join(words, " ")
}

// Search runs query against the full-text index and returns the best hits first, restricted
// to types when it is not empty. limit nil means DefaultSearchLimit.
func (s *Store) Search(ctx context.Context, query string, types []reform.EntityType, limit *int) ([]*reform.SearchHit, error) {
	q, p, err := searchParams(query, types, limit)
	if err != nil || p == nil {
		return []*reform.SearchHit{}, err
	}
	recs, err := s.read(ctx, "Search", searchHead+"\nRETURN "+nodeProjection("node")+" AS node, score", p)
	if err != nil {
		return nil, fmt.Errorf("search %q: %w", q, err)
	}
	return decodeHits(recs, q, func(v any) (reform.Entity, error) { return decodeNode(v) })
}

// searchParams checks the arguments of a search and returns the trimmed query and the
// statement's parameters; nil parameters (and no error) when nothing can match.
func searchParams(query string, types []reform.EntityType, limit *int) (string, map[string]any, error) {
	q := strings.TrimSpace(query)
	if q == "" {
		return "", nil, badInput("search query must not be empty")
	}
	if n := len([]rune(q)); n > maxSearchRunes {
		return "", nil, badInput("search query is %d characters long; at most %d", n, maxSearchRunes)
	}
	if strings.ContainsRune(q, 0) {
		return "", nil, badInput("search query contains a NUL character")
	}
	n := DefaultSearchLimit
	if limit != nil {
		if *limit < 1 || *limit > MaxSearchLimit {
			return "", nil, badInput("search limit must be between 1 and %d, got %d", MaxSearchLimit, *limit)
		}
		n = *limit
	}
	var labels []string
	for _, t := range types {
		if !t.Valid() {
			return "", nil, badInput("unknown entity type %q", t)
		}
		labels = append(labels, string(t))
	}
	escaped := EscapeLucene(q)
	if strings.Trim(escaped, `\ `) == "" {
		return q, nil, nil
	}
	return q, map[string]any{"index": FullTextIndex, "q": boosted(escaped), "types": nilIfEmpty(labels), "limit": int64(n)}, nil
}

// searchHead is the search statement up to its RETURN: the hits, best first, as node and score.
const searchHead = `CALL db.index.fulltext.queryNodes($index, $q) YIELD node, score
WHERE $types IS NULL OR any(l IN labels(node) WHERE l IN $types)
WITH node, score ORDER BY score DESC, node.id ASC LIMIT $limit`

func decodeHits(recs []*neo4j.Record, q string, decode func(any) (reform.Entity, error)) ([]*reform.SearchHit, error) {
	hits := make([]*reform.SearchHit, 0, len(recs))
	for _, r := range recs {
		v, _ := r.Get("node")
		e, err := decode(v)
		if err != nil {
			return nil, err
		}
		sc, _ := r.Get("score")
		score, _ := sc.(float64)
		hits = append(hits, &reform.SearchHit{Score: score, Entity: e, Highlight: Highlight(e, q)})
	}
	return hits, nil
}

// boosted turns an escaped plain-text query into one Lucene query over the indexed fields with
// per-field boosts: a match in the name counts three times, in the English name or an alias
// twice, in the description once. Within each field Lucene's BM25 scores the terms (for
// Chinese, the overlapping character pairs of the cjk analyzer; for English, the words), so an
// entity named by the query ranks above one that only mentions it, and rarer terms weigh more.
func boosted(escaped string) string {
	return "name:(" + escaped + ")^3 nameEn:(" + escaped + ")^2 aliasText:(" + escaped + ")^2 description:(" + escaped + ")"
}

func nilIfEmpty(s []string) any {
	if len(s) == 0 {
		return nil
	}
	return s
}

// Highlight returns the first of the entity's name, English name, aliases and description that
// contains a term of query, HTML-escaped, with the matching terms wrapped in <em>…</em>; nil
// when none does. Terms are the query's words, and for Chinese text its overlapping
// two-character pieces (as the cjk analyzer indexes them).
func Highlight(e reform.Entity, query string) *string {
	terms := searchTerms(query)
	b := e.Common()
	fields := []string{b.Name}
	if b.NameEn != nil {
		fields = append(fields, *b.NameEn)
	}
	fields = append(fields, b.Aliases...)
	if b.Description != nil {
		fields = append(fields, *b.Description)
	}
	for _, f := range fields {
		if s, ok := mark(f, terms); ok {
			return &s
		}
	}
	return nil
}

func searchTerms(q string) []string {
	var terms []string
	for _, w := range strings.FieldsFunc(q, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsNumber(r)
	}) {
		rs := []rune(w)
		if isHan(rs[0]) && len(rs) > 2 {
			for i := 0; i+1 < len(rs); i++ {
				terms = append(terms, string(rs[i:i+2]))
			}
			continue
		}
		terms = append(terms, w)
	}
	return terms
}

func isHan(r rune) bool { return unicode.Is(unicode.Han, r) }

// mark wraps every case-insensitive occurrence of a term in text with <em>, escaping the rest.
func mark(text string, terms []string) (string, bool) {
	lower := []rune(strings.ToLower(text))
	rs := []rune(text)
	if len(lower) != len(rs) { // lower-casing changed the length: match on the text itself
		lower = rs
	}
	hit := make([]bool, len(rs))
	found := false
	for _, t := range terms {
		tr := []rune(strings.ToLower(t))
		if len(tr) == 0 {
			continue
		}
		for i := 0; i+len(tr) <= len(lower); i++ {
			if string(lower[i:i+len(tr)]) == string(tr) {
				for j := i; j < i+len(tr); j++ {
					hit[j] = true
				}
				found = true
			}
		}
	}
	if !found {
		return "", false
	}
	var b strings.Builder
	for i := 0; i < len(rs); {
		j := i
		for j < len(rs) && hit[j] == hit[i] {
			j++
		}
		seg := html.EscapeString(string(rs[i:j]))
		if hit[i] {
			b.WriteString("<em>" + seg + "</em>")
		} else {
			b.WriteString(seg)
		}
		i = j
	}
	return b.String(), true
}
