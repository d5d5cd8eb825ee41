package store

import (
	"html"
	"maps"
	"slices"
	"strings"
	"unicode"

	"github.com/reformhub/hub/internal/plan"
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
	return q, map[string]any{"index": FullTextIndex, "q": LuceneQuery(q), "lq": strings.ToLower(q),
		"types": nilIfEmpty(labels), "limit": int64(n)}, nil
}

// LuceneQuery is the full-text query the hub's search sends for the query text q: the escaped
// text over the indexed fields with their boosts, plus the prefix expansions (expansions).
// Exported for the benchmark's hand-written handler, which must rank as the hub does.
func LuceneQuery(q string) string {
	return boosted(EscapeLucene(q) + expansions(q))
}

// searchCandidates yields every entity the query matches, as node and score (best first):
// the full-text hits (BM25 over the cjk analyzer's character pairs and words, plus the
// prefix expansions of single characters and Latin words, see expansions), each ranked by
// how its own texts hold the query text: exactly (a name, English name or alias equal to the
// query, +500), at the start (+400), inside a name or alias (+300), inside the English name
// (+200), inside the description (+100); the BM25 score orders the hits within a tier and is
// the only rank of the hits that do not hold the query text as it was typed (longer queries
// whose words are spread out). Ties go to the shorter name, then the id.
const searchCandidates = searchHits + searchTiers

// searchHits yields the full-text hits of a search of the types asked for, as node and score
// (the head of searchCandidates).
const searchHits = `CALL db.index.fulltext.queryNodes($index, $q) YIELD node, score
WITH node, score
WHERE $types IS NULL OR any(l IN labels(node) WHERE l IN $types)
`

// searchTiers ranks the candidates node, score of a search (see searchCandidates); in pending
// mode (searchCandidatesPending) the texts are read at the snapshot.
const searchTiers = `WITH node, score, toLower({name}) AS nm, toLower(coalesce({nameEn}, '')) AS en,
     [a IN coalesce({aliases}, []) | toLower(a)] AS al
WITH node, score + CASE
    WHEN nm = $lq OR en = $lq OR $lq IN al THEN 500.0
    WHEN nm STARTS WITH $lq OR en STARTS WITH $lq OR any(a IN al WHERE a STARTS WITH $lq) THEN 400.0
    WHEN nm CONTAINS $lq OR any(a IN al WHERE a CONTAINS $lq) THEN 300.0
    WHEN en CONTAINS $lq THEN 200.0
    WHEN toLower(coalesce({description}, '')) CONTAINS $lq THEN 100.0
    ELSE 0.0 END AS score
ORDER BY score DESC, size({name}) ASC, node.id ASC`

// searchedFields are the properties the full-text index covers (schema.go) and the tiers read.
var searchedFields = []string{"name", "nameEn", "aliases", "aliasText", "description"}

// candidates returns the statement head that yields node, score of a search, best first. In
// plain mode these are searchCandidates. In pending mode the full-text index (which covers
// Entity nodes, as they are in the graph) cannot answer alone: a staged entity is not in it,
// and a changed one is in it with its old texts. So the candidates are the index's hits
// minus those retracted at or before dv and those whose searched texts change at or before
// dv, plus the staged entities visible at dv and the entities whose searched texts change at
// or before dv, found by a scan (these have no BM25 score: they qualify when their texts at dv
// hold the query text, tier 100 and up). Every candidate is ranked by the same tiers over its
// texts at dv, in the same order.
func (p *params) searchCandidates() string {
	tiers := func(q string) string {
		for _, f := range []string{"name", "nameEn", "aliases", "description"} {
			q = strings.ReplaceAll(q, "{"+f+"}", p.prop("node", f))
		}
		return q
	}
	if !p.pending {
		if p.vis {
			// Filtered mode (visibility.go): the hits the caller may see, ranked by their tiers
			// alone — BM25 weighs a term by how often the whole index holds it, hidden
			// entities too, so its score would tell something of them. The texts the tiers
			// compare are those the caller sees: of a hit with several datasets, merged again
			// from its visible assertions, read once per hit (vis_node) for all of them.
			head := strings.Replace(strings.Replace(searchHits,
				"WITH node, score\n", "WITH node, 0.0 AS score\n", 1),
				"WHERE $types IS NULL OR any(l IN labels(node) WHERE l IN $types)",
				"WHERE ($types IS NULL OR any(l IN labels(node) WHERE l IN $types)) AND "+p.visible("node", reform.EntityLabel), 1)
			head += "WITH node, score, " + p.visibleAssertions("node") + " AS vis_node\n"
			ranked := strings.Replace(searchTiers, "WITH node, score, ", "WITH node, score, vis_node, ", 1)
			for _, f := range []string{"name", "nameEn", "aliases", "description"} {
				ranked = strings.ReplaceAll(ranked, "{"+f+"}", fromAssertions("node", "vis_node", f))
			}
			return head + ranked
		}
		return tiers(searchCandidates)
	}
	dv := p.dvParam()
	lq, _ := p.m["lq"].(string)
	p.m["terms"] = indexTerms(lq)
	fields := "['" + strings.Join(searchedFields, "', '") + "']"
	changed := "node." + pPendingV + " <= " + dv + " AND any(k IN node." + pPendingKeys + " WHERE k IN " + fields + ")"
	typed := "($types IS NULL OR any(l IN labels(node) WHERE l IN $types) OR node." + pStagedLabel + " IN $types)"
	bm25 := "score"
	if p.vis {
		typed += " AND " + p.visible("node", reform.EntityLabel)
		bm25 = "0.0 AS score"
	}
	holds := func(t string) string {
		return "nm CONTAINS " + t + " OR en CONTAINS " + t + " OR ds CONTAINS " + t + " OR any(a IN al WHERE a CONTAINS " + t + ")"
	}
	return `CALL {
  CALL db.index.fulltext.queryNodes($index, $q) YIELD node, score
  WITH node, score
  WHERE NOT coalesce(` + changed + `, false) AND (node.` + pUntil + ` IS NULL OR node.` + pUntil + ` > ` + dv + `)
  RETURN node, ` + bm25 + `
  UNION ALL
  MATCH ` + p.node("node", reform.EntityLabel, "") + `
  WHERE node:` + labelStaged + ` OR coalesce(` + changed + `, false)
  WITH node, toLower(` + p.prop("node", "name") + `) AS nm, toLower(coalesce(` + p.prop("node", "nameEn") + `, '')) AS en,
       [a IN coalesce(` + p.prop("node", "aliases") + `, []) | toLower(a)] AS al, toLower(coalesce(` + p.prop("node", "description") + `, '')) AS ds
  WHERE ` + holds("$lq") + ` OR any(t IN $terms WHERE ` + holds("t") + `)
  RETURN node, 0.0 AS score
}
WITH node, score
WHERE ` + typed + `
` + tiers(searchTiers)
}

// indexTerms approximates the terms the full-text query of q matches (the cjk analyzer's
// character pairs, a lone character, and lower-cased Latin or numeric words, which the
// prefix expansions extend), for the entities pending-mode search finds by a scan: one whose
// texts hold any of them is a hit, as the index would find it (with no BM25 score).
func indexTerms(q string) []string {
	terms := []string{}
	add := func(t string) {
		if t != "" && !slices.Contains(terms, t) {
			terms = append(terms, t)
		}
	}
	for _, w := range strings.FieldsFunc(strings.ToLower(q), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsNumber(r)
	}) {
		rs := []rune(w)
		start := 0
		for i := 0; i <= len(rs); i++ {
			if i < len(rs) && paired(rs[i]) == paired(rs[start]) {
				continue
			}
			run := rs[start:i]
			switch {
			case !paired(run[0]) || len(run) == 1:
				add(string(run))
			default:
				for j := 0; j+1 < len(run); j++ {
					add(string(run[j : j+2]))
				}
			}
			start = i
		}
	}
	return terms
}

// rootSearch compiles a search (RootSearch: the first $limit hits, as node and score) or one
// page of it with the number of all hits (RootSearchPage: the columns total and hits). none
// is true when nothing can match. The hits are projected with root.Node; the highlight is
// computed from their texts, so those are always fetched.
func (pc *planCompiler) rootSearch(root *plan.Root) (none bool, err error) {
	limit, err := searchPageSize(root)
	if err != nil {
		return false, err
	}
	_, p, err := searchParams(root.Search.Query, root.Search.Types, limit)
	if err != nil || p == nil {
		return err == nil, err
	}
	maps.Copy(pc.p.m, p)
	sel := root.Node
	if sel != nil && sel.Project {
		c := *sel
		c.Fields = append(slices.Clip(c.Fields), "aliases", "description", "nameEn")
		sel = &c
	}
	pc.b.WriteString(pc.p.searchCandidates())
	if root.Kind == plan.RootSearch {
		pc.b.WriteString("\nWITH node, score LIMIT $limit")
		proj, err := pc.projection(&items{pc: pc, carry: "node, score"}, "node", "", sel)
		pc.b.WriteString("\nRETURN " + proj + " AS node, score")
		return false, err
	}
	offset := int64(0)
	if a := root.Search.After; a != nil {
		o, err := decodeCursor(*a)
		if err != nil {
			return false, err
		}
		offset = o + 1
	}
	pc.p.m["offset"] = offset
	back := root.Search.Page().Backward()
	if windowed := back || root.Search.Before != nil; windowed {
		// A page bounded by before, or taken from the end: the slice [start..end) of all
		// hits, hi the position before which they end (before, or the end without it or past
		// it), which the decoder reads with the page.
		var hi any
		if b := root.Search.Before; b != nil {
			if hi, err = decodeCursor(*b); err != nil {
				return false, err
			}
		}
		pc.p.m["before"] = hi
		start, end := "$offset", "CASE WHEN $offset + $limit < hi THEN $offset + $limit ELSE hi END"
		if back {
			start, end = "CASE WHEN hi - $limit > $offset THEN hi - $limit ELSE $offset END", "hi"
		}
		pc.b.WriteString("\nWITH collect({n: node, s: score}) AS found" +
			"\nWITH size(found) AS total, found" +
			"\nWITH total, found, CASE WHEN $before IS NULL OR $before > total THEN total ELSE $before END AS hi" +
			"\nWITH total, found, hi, " + start + " AS start" +
			"\nWITH total, hi, start, found[start.." + end + "] AS page")
	} else {
		pc.b.WriteString("\nWITH collect({n: node, s: score}) AS found" +
			"\nWITH size(found) AS total, found[$offset..($offset + $limit)] AS page")
	}
	pc.b.WriteString("\nCALL { WITH page UNWIND page AS h WITH h.n AS node, h.s AS score")
	proj, err := pc.projection(&items{pc: pc, carry: "node, score"}, "node", "", sel)
	pc.b.WriteString(" RETURN collect({node: " + proj + ", score: score}) AS hits }\nRETURN total, hits")
	if back || root.Search.Before != nil {
		pc.b.WriteString(", hi, start")
	}
	return false, err
}

// searchPageSize is the page size of a search: limit (search) or first (searchConnection),
// or last, which a searchConnection page takes backward. first and last together are refused,
// as on every connection.
func searchPageSize(root *plan.Root) (*int, error) {
	q := root.Search
	if root.Kind != plan.RootSearchPage || q.Last == nil {
		return q.Limit, nil
	}
	if q.Limit != nil {
		return nil, badInput("first and last cannot be given together: page forward with first (and after) or backward with last (and before)")
	}
	if *q.Last < 1 || *q.Last > MaxSearchLimit {
		return nil, badInput("last must be between 1 and %d, got %d", MaxSearchLimit, *q.Last)
	}
	return q.Last, nil
}

// searchOffset is the offset of a search page's first hit.
func searchOffset(after *string) int {
	if after == nil {
		return 0
	}
	o, _ := decodeCursor(*after) // checked by rootSearch
	return int(o) + 1
}

// expansions returns the prefix queries (escaped, each preceded by a space) that let a search
// find what the analyzer's terms alone miss: a Latin or numeric word also matches the words it
// begins (ccu finds CCUS), and a lone Chinese character, which the cjk analyzer indexes only
// inside character pairs, matches every pair that begins or ends with it (碳 finds 低碳 and
// 碳达峰).
func expansions(q string) string {
	var b strings.Builder
	for _, w := range strings.FieldsFunc(q, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsNumber(r)
	}) {
		rs := []rune(w)
		start := 0
		for i := 0; i <= len(rs); i++ {
			if i < len(rs) && paired(rs[i]) == paired(rs[start]) {
				continue
			}
			run := rs[start:i]
			switch {
			case !paired(run[0]):
				b.WriteString(" " + EscapeLucene(strings.ToLower(string(run))) + "*")
			case len(run) == 1:
				c := EscapeLucene(string(run))
				b.WriteString(" " + c + "* *" + c)
			}
			start = i
		}
	}
	return b.String()
}

// decodeHit reads one search hit: the entity under "node" (which decode reads) and its
// "score".
func decodeHit(m map[string]any, q string, decode func(any) (reform.Entity, error)) (*reform.SearchHit, error) {
	e, err := decode(m["node"])
	if err != nil {
		return nil, err
	}
	score, err := as[float64](m["score"], "search score")
	if err != nil {
		return nil, err
	}
	return &reform.SearchHit{Score: score, Entity: e, Highlight: Highlight(e, q)}, nil
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

// paired reports whether the cjk analyzer indexes r in overlapping character pairs.
func paired(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul)
}

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

// trimmedQuery is the search text as searchParams checks it, and as hits highlight it.
func trimmedQuery(q string) string { return strings.TrimSpace(q) }
