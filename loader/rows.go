package loader

import (
	"slices"
	"strings"

	"github.com/reformhub/hub/internal/access"
)

// Property rows follow the storage contract of internal/store/props.go: the names below are
// the node and relationship property names. Optional values that are not set are left out, so
// that a property removed from a dataset disappears when it is loaded again. The rows are what
// one dataset asserts; the provenance (`dataset`, `datasets`, `conflicts`) is added by Merge.

// documentRow returns the node properties of document d. A document's name
// is its title; it has no aliases and no evidence of its own.
func documentRow(d Document) map[string]any {
	row := map[string]any{
		"id":         d.ID,
		"name":       d.Title,
		"title":      d.Title,
		"paragraphs": d.Paragraphs,
		"aliases":    []string{},
		"aliasText":  "",
	}
	setEvidence(row, nil)
	setString(row, "nameEn", d.TitleEn)
	setString(row, "publisher", d.Publisher)
	setString(row, "date", d.Date)
	setString(row, "language", d.Language)
	setString(row, "source", d.Source)
	if d.Year != nil {
		row["year"] = *d.Year
	}
	// A public document has neither: its row (and content hash) is what it was before
	// documents declared access.
	if d.Access != "" && d.Access != access.Public {
		row[access.PropAccess] = string(d.Access)
		if len(d.Groups) > 0 {
			row[access.PropGroups] = slices.Clone(d.Groups)
		}
	}
	return row
}

// entityRow returns the node properties of entity e.
func entityRow(e Entity) map[string]any {
	aliases := e.Aliases
	if aliases == nil {
		aliases = []string{}
	}
	row := map[string]any{
		"id":        e.ID,
		"name":      e.Name,
		"aliases":   aliases,
		"aliasText": strings.Join(aliases, " / "),
	}
	setEvidence(row, e.Sources)
	setString(row, "nameEn", e.NameEn)
	setString(row, "description", e.Description)
	setString(row, "note", e.Note)
	for k, v := range e.typeFieldValues() {
		row[k] = v
	}
	return row
}

// relRow returns the properties of relationship r.
func relRow(r Relationship) map[string]any {
	props := map[string]any{"implied": r.Implied}
	setEvidence(props, r.Sources)
	setString(props, "note", r.Note)
	return props
}

// setEvidence stores srcs as the three parallel lists srcDocs, srcParas and srcQuotes.
func setEvidence(row map[string]any, srcs []Source) {
	docs := make([]string, len(srcs))
	paras := make([]int64, len(srcs))
	quotes := make([]string, len(srcs))
	for i, s := range srcs {
		docs[i], paras[i], quotes[i] = s.Doc, s.Para, s.Quote
	}
	row["srcDocs"], row["srcParas"], row["srcQuotes"] = docs, paras, quotes
}

// setString sets row[key] to *v when v is set.
func setString(row map[string]any, key string, v *string) {
	if v != nil {
		row[key] = *v
	}
}
