package store

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/reformhub/hub/internal/access"
	"github.com/reformhub/hub/internal/dataversion"
	"github.com/reformhub/hub/internal/reform"
)

// What a caller may see (docs/access.md). Each document declares its access (public,
// internal, restricted to groups); a fact is visible when at least one document that states
// it (its evidence, srcDocs) is visible, a document when it is. A read whose caller may not
// see every document is compiled in filtered mode (pattern.go): every node and relationship
// pattern carries the condition that it is visible ($vis, the visible documents' ids), so a
// hidden entity or relationship is never matched — not by a list, a count, an aggregate, a
// filter, an expansion or a path — and the decoder drops the evidence of hidden documents and
// the datasets that have none the caller may see (redact). A read without a caller (the
// loader, tools, tests of the store) sees everything.

// visibility is what one read may see; nil: everything.
type visibility struct {
	docs     []string        // the visible documents' ids, sorted ($vis)
	datasets map[string]bool // the datasets with a visible document
	// The parameters of filtered statements, built once: $vism (each visible document's id
	// to true: the set sees reads too) and $visds (the datasets with a visible document,
	// sorted).
	vism  map[string]any
	visds []string
}

// sees reports whether document id is visible.
func (v *visibility) sees(id string) bool { return v.vism[id] != nil }

// params fills in vism and visds from docs and datasets.
func (v *visibility) params() *visibility {
	v.vism = make(map[string]any, len(v.docs))
	for _, d := range v.docs {
		v.vism[d] = true
	}
	v.visds = make([]string, 0, len(v.datasets))
	for d := range v.datasets {
		v.visds = append(v.visds, d)
	}
	slices.Sort(v.visds)
	return v
}

// docAccess is the access of one document at a data version: its own, and when datasets that
// declare it disagree on it, each one's (the document is visible to a caller that every one
// of them allows).
type docAccess struct {
	id, dataset string
	decls       []accessDecl
}

type accessDecl struct {
	level  access.Level
	groups []string
}

// docsCache holds the documents' access of the last data version read: versions never
// change, so an entry is good until the version moves.
type docsCache struct {
	mu   sync.Mutex
	n    int64
	at   time.Time
	ok   bool
	docs []docAccess
	// vis is what each caller (access.Caller.Key) may see at that version, computed once;
	// at most maxCachedCallers of them (then it starts again).
	vis map[string]*visibility
}

// maxCachedCallers bounds the visibilities a docsCache keeps: one per distinct set of groups.
const maxCachedCallers = 1024

// visibilityAt returns what the caller of ctx may see at snap: nil when there is no caller
// (a read outside a request) or the caller may see every document.
func (s *Store) visibilityAt(ctx context.Context, snap dataversion.Version) (*visibility, error) {
	caller, ok := access.From(ctx)
	if !ok {
		return nil, nil
	}
	docs, err := s.documentAccess(ctx, snap)
	if err != nil {
		return nil, err
	}
	c, key := &s.docs, caller.Key()
	c.mu.Lock()
	defer c.mu.Unlock()
	fresh := c.ok && c.n == snap.N && c.at.Equal(snap.At)
	if v, hit := c.vis[key]; fresh && hit {
		return v, nil
	}
	v := visibleTo(caller, docs)
	if fresh {
		if c.vis == nil || len(c.vis) >= maxCachedCallers {
			c.vis = map[string]*visibility{}
		}
		c.vis[key] = v
	}
	return v, nil
}

// visibleTo is the visibility of caller over docs: nil when every document is visible.
func visibleTo(caller access.Caller, docs []docAccess) *visibility {
	v := &visibility{datasets: map[string]bool{}}
	for _, d := range docs {
		if !allows(caller, d.decls) {
			continue
		}
		v.docs = append(v.docs, d.id)
		if d.dataset != "" {
			v.datasets[d.dataset] = true
		}
	}
	if len(v.docs) == len(docs) {
		return nil
	}
	slices.Sort(v.docs)
	if v.docs == nil {
		v.docs = []string{}
	}
	return v.params()
}

func allows(c access.Caller, decls []accessDecl) bool {
	for _, d := range decls {
		if !c.Allows(d.level, d.groups) {
			return false
		}
	}
	return true
}

// documentAccess reads the access of every document at snap (cached per data version).
func (s *Store) documentAccess(ctx context.Context, snap dataversion.Version) ([]docAccess, error) {
	c := &s.docs
	c.mu.Lock()
	if c.ok && c.n == snap.N && c.at.Equal(snap.At) {
		docs := c.docs
		c.mu.Unlock()
		return docs, nil
	}
	c.mu.Unlock()
	p := newParamsAt(snap.N, snap.Pending > 0)
	// A document several datasets declare is one node with their merge (the first dataset's
	// access); when they disagree, each one's declaration is read from its Assertion node.
	cypher := "MATCH " + p.node("d", string(reform.TypeDocument), "") + " RETURN d.id AS id, " + p.prop("d", "dataset") + " AS ds, " +
		p.prop("d", access.PropAccess) + " AS access, " + p.prop("d", access.PropGroups) + " AS groups, " +
		"CASE WHEN size(coalesce(" + p.prop("d", "datasets") + ", [])) > 1 THEN COLLECT { MATCH (a:" + labelAssertion + " {" + aKey + ": d.id}) " +
		"WHERE a." + aKind + " = 'node' AND " + p.versioned("a") + " RETURN [a." + access.PropAccess + ", a." + access.PropGroups + "] } ELSE [] END AS decls"
	recs, err := s.run(uncounted(ctx), "DocumentAccess", cypher, p.m, false)
	if err != nil {
		return nil, fmt.Errorf("document access: %w", err)
	}
	docs := make([]docAccess, 0, len(recs))
	for _, rec := range recs {
		d, err := decodeDocAccess(rec)
		if err != nil {
			return nil, err
		}
		docs = append(docs, d)
	}
	c.mu.Lock()
	c.n, c.at, c.ok, c.docs, c.vis = snap.N, snap.At, true, docs, nil
	c.mu.Unlock()
	return docs, nil
}

func decodeDocAccess(rec *neo4j.Record) (docAccess, error) {
	id, err := column[string](rec, "id")
	if err != nil {
		return docAccess{}, err
	}
	d := docAccess{id: id}
	ds, _ := rec.Get("ds")
	d.dataset, _ = ds.(string)
	lvl, _ := rec.Get("access")
	groups, _ := rec.Get("groups")
	d.decls = []accessDecl{declOf(lvl, groups)}
	if alts, _ := rec.Get("decls"); alts != nil {
		for _, a := range PropertyList(alts) {
			pair := PropertyList(a)
			if len(pair) == 2 {
				d.decls = append(d.decls, declOf(pair[0], pair[1]))
			}
		}
	}
	return d, nil
}

// declOf reads an access and groups property (absent access: public; an unknown one allows
// no one).
func declOf(lvl, groups any) accessDecl {
	d := accessDecl{level: access.Public}
	if s, ok := lvl.(string); ok {
		d.level = access.Level(s)
	}
	for _, g := range PropertyList(groups) {
		if s, ok := g.(string); ok {
			d.groups = append(d.groups, s)
		}
	}
	return d
}

// visible is the condition that node v with label (one of reform's types, Entity, or empty)
// is visible: a document when it is one of $vis, any other entity when a document of its
// evidence is. A node of any type is looked up in the map $vism (constant time), not the list
// $vis (a scan, as long as the visible documents are many): the list is for a Document
// pattern, where `id IN $vis` is an index seek.
func (p *params) visible(v, label string) string {
	stated := "any(vis_d IN " + p.prop(v, propSrcDocs) + " WHERE $vism[vis_d])"
	switch label {
	case string(reform.TypeDocument):
		return v + ".id IN $vis"
	case reform.EntityLabel, "":
		return "($vism[" + v + ".id] OR " + stated + ")"
	}
	return stated
}

// visibleRel is the condition that relationship r is visible: a document of its evidence is
// (its ends are checked by their own patterns).
func (p *params) visibleRel(r string) string {
	return "any(vis_d IN " + r + "." + propSrcDocs + " WHERE $vism[vis_d])"
}

// redact removes from the properties p of a node or relationship what the caller may not
// see: the evidence of hidden documents, the datasets without a visible document (and the
// conflicts, which may be between a hidden dataset and a visible one).
func (v *visibility) redact(p map[string]any) {
	if v == nil || p == nil {
		return
	}
	docs := PropertyList(p[propSrcDocs])
	if len(docs) > 0 {
		paras, quotes := PropertyList(p[propSrcParas]), PropertyList(p[propSrcQuotes])
		var d2, p2, q2 []any
		for i, d := range docs {
			if s, _ := d.(string); !v.sees(s) {
				continue
			}
			d2 = append(d2, d)
			if i < len(paras) {
				p2 = append(p2, paras[i])
			}
			if i < len(quotes) {
				q2 = append(q2, quotes[i])
			}
		}
		p[propSrcDocs], p[propSrcParas], p[propSrcQuotes] = orEmpty(d2), orEmpty(p2), orEmpty(q2)
	}
	if ds, ok := p["datasets"]; ok {
		all := PropertyList(ds)
		var kept []any
		for _, x := range all {
			if s, _ := x.(string); v.datasets[s] {
				kept = append(kept, x)
			}
		}
		p["datasets"] = orEmpty(kept)
		if len(kept) < len(all) {
			delete(p, "conflicts")
			if len(kept) > 0 {
				p["dataset"] = kept[0]
			}
		}
	}
}

func orEmpty(l []any) []any {
	if l == nil {
		return []any{}
	}
	return l
}

// redactProjection redacts the properties of a projection {t, p, a, …} or a relationship's
// {type, p, …}; an entity's assertions (a) are merged again from the visible ones.
func (v *visibility) redactProjection(x any) {
	if v == nil {
		return
	}
	if m, ok := x.(map[string]any); ok {
		if p, ok := m["p"].(map[string]any); ok {
			v.redact(p)
			if as, ok := m["a"].([]any); ok {
				v.remerge(p, as)
			}
		}
	}
}

// provenance are the properties a merge computes rather than takes from one assertion.
var provenance = []string{propID, "aliases", "aliasText", "dataset", "datasets", "conflicts", "implied",
	propSrcDocs, propSrcParas, propSrcQuotes}

// remerge recomputes the properties p of an entity or a relationship from its visible assertions as (their
// properties, by dataset) when some are hidden, by the merge's rule (loader.Merge): each
// plain property is the value of the first visible dataset that gives one (a property only
// hidden datasets give is dropped), aliases are the union of the visible ones, and conflicts
// are the properties the visible datasets disagree on. An assertion is visible when a
// document of its evidence is.
func (v *visibility) remerge(p map[string]any, as []any) {
	var seen []map[string]any
	for _, x := range as {
		a, ok := x.(map[string]any)
		if !ok {
			continue
		}
		for _, d := range PropertyList(a[propSrcDocs]) {
			if s, _ := d.(string); v.sees(s) {
				seen = append(seen, a)
				break
			}
		}
	}
	if len(seen) == len(as) || len(seen) == 0 {
		return
	}
	var conflicts []any
	for k := range p {
		if slices.Contains(provenance, k) || isPendingKey(k) {
			continue
		}
		var val any
		found, differ := false, false
		for _, a := range seen {
			x, ok := a[k]
			switch {
			case !ok:
			case !found:
				val, found = x, true
			case !sameValue(val, x):
				differ = true
			}
		}
		if !found {
			delete(p, k)
			continue
		}
		p[k] = val
		if differ {
			conflicts = append(conflicts, k)
		}
	}
	if _, ok := p["aliases"]; ok {
		var aliases []any
		var texts []string
		for _, a := range seen {
			for _, x := range PropertyList(a["aliases"]) {
				if !slices.Contains(aliases, x) {
					aliases = append(aliases, x)
					s, _ := x.(string)
					texts = append(texts, s)
				}
			}
		}
		p["aliases"], p["aliasText"] = orEmpty(aliases), strings.Join(texts, " / ")
	}
	if _, ok := p["implied"]; ok {
		// A relationship is implied when every dataset that states it says so.
		implied := true
		for _, a := range seen {
			b, _ := a["implied"].(bool)
			implied = implied && b
		}
		p["implied"] = implied
	}
	delete(p, "conflicts")
	if len(conflicts) > 0 {
		slices.SortFunc(conflicts, func(a, b any) int { x, _ := a.(string); y, _ := b.(string); return strings.Compare(x, y) })
		p["conflicts"] = conflicts
	}
}

// relProp is relationship r's property name (implied or note) as a filter reads it: in
// filtered mode, for a relationship several datasets assert, as the caller's merge gives it
// (the decoder's remerge: note of the first visible dataset that gives one, implied when
// every visible one says so); else as stored (implied false when absent).
func (p *params) relProp(r, name string) string {
	base := r + "." + name
	if name == "implied" {
		base = "coalesce(" + base + ", false)"
	}
	if !p.vis {
		return base
	}
	a := p.anon()
	claims := "COLLECT { MATCH (" + a + ":" + labelAssertion + " {" + aKey + ": " + p.relType(r) + " + '|' + startNode(" + r + ").id + '|' + endNode(" + r + ").id}) " +
		"WHERE " + a + "." + aKind + " = 'rel' AND " + p.versioned(a) + " AND any(vis_d IN " + a + "." + propSrcDocs + " WHERE $vism[vis_d]) " +
		"WITH " + a + " ORDER BY " + a + "." + aDataset + " RETURN " + a + "." + name + " }"
	merged := "head([x IN " + claims + " WHERE x IS NOT NULL])"
	if name == "implied" {
		merged = "all(x IN " + claims + " WHERE coalesce(x, false))"
	}
	return "CASE WHEN " + r + ".datasets[1] IS NOT NULL THEN " + merged + " ELSE " + base + " END"
}
