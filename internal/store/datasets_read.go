package store

import (
	"encoding/json"
	"slices"
	"strings"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/reformhub/hub/internal/plan"
	"github.com/reformhub/hub/internal/reform"
)

// The reads of the datasets behind the graph (docs/datasets.md, "In GraphQL"): the loaded
// datasets, the data version, the claims of entities (their Assertion nodes), the entities
// whose datasets disagree, and the change log. Like every read they are plan roots, compiled
// here into one parameterized statement each and decoded by the one decoder. The change log
// is read up to the current data version only: the changes a sync in progress has logged at
// the next version are not part of any version readers can see yet. Claims, the change log and
// history are read at the statement's snapshot $dv (snapshot.go): the assertions visible at
// dv (not added after it, not retracted at or before it) and the changes of versions <= dv.

// compileDatasets writes the statement of the dataset roots (RootDatasets … RootHistory);
// handled is false for another kind.
func (pc *planCompiler) compileDatasets(root *plan.Root) (handled bool, err error) {
	switch root.Kind {
	case plan.RootDatasets:
		// A Dataset node holds the dataset's state at its version and, from the sync that
		// published that version, the state before it (_p_…); an unloaded one is marked _u
		// until the apply deletes it. At dv a reader sees the one or the other (docs/datasets.md).
		dv := pc.p.dvParam()
		pc.b.WriteString("OPTIONAL MATCH (m:" + labelMeta + " {id: 'hub'}) WITH m MATCH (d:" + labelDataset + ") " +
			"WHERE (d." + pUntil + " IS NULL OR d." + pUntil + " > " + dv + ") AND (d.version <= " + dv + " OR d." + prevDataset + "version > 0) " +
			pc.visibleDatasets("d.id") +
			"WITH d, m, d.version <= " + dv + " AS now ORDER BY d.id " +
			"RETURN CASE WHEN now THEN d {.id, .title, .version, .loadedAt, .hash, .documents, .entities, .relationships, syncing: d.id = m.lockBy} " +
			"ELSE {id: d.id, title: d." + prevDataset + "title, version: d." + prevDataset + "version, loadedAt: d." + prevDataset + "loadedAt, " +
			"hash: d." + prevDataset + "hash, documents: d." + prevDataset + "documents, entities: d." + prevDataset + "entities, " +
			"relationships: d." + prevDataset + "relationships, syncing: d.id = m.lockBy} END AS d")
	case plan.RootDataVersion:
		// The version of the read's snapshot (what extensions.dataVersion says), and when it
		// became current.
		pc.b.WriteString("OPTIONAL MATCH (v:" + labelVersion + " {version: " + pc.p.dvParam() + "}) RETURN " + pc.p.dvParam() + " AS v, v.at AS at")
	case plan.RootClaims:
		pc.p.m["ids"] = distinct(root.Parents)
		// An entity one dataset asserts has no Assertion node: it is that dataset's assertion.
		pc.b.WriteString("UNWIND $ids AS id OPTIONAL MATCH " + pc.p.node("n", reform.EntityLabel, "{id: id}") + " " +
			"WITH id, n, COLLECT { MATCH (a:" + labelAssertion + " {" + aKey + ": id}) WHERE a." + aKind + " = 'node' AND " + pc.p.versioned("a") + " " +
			"WITH a ORDER BY a." + aDataset + " RETURN properties(a) } AS claims " +
			"RETURN id, CASE WHEN size(claims) = 0 AND n IS NOT NULL THEN [n {.*, _inline: true}] ELSE claims END AS claims")
	case plan.RootConflicts:
		err = pc.rootConflicts(root)
	case plan.RootChanges:
		err = pc.rootChanges(root)
	case plan.RootHistory:
		limit, offset, perr := pc.lim.page(root.List, true)
		if perr != nil {
			return true, perr
		}
		pc.p.m["ids"] = distinct(root.Parents)
		// A caller who may not see every document sees the changes made by the datasets whose
		// assertion of the entity they may see: the entity is one dataset's own (no
		// Assertion node; the entity is visible, so its evidence is), or that dataset's
		// Assertion node cites a visible document.
		byVisible := ""
		if pc.p.vis {
			x := pc.p.anon()
			byVisible = "AND c.dataset IN $visds AND (NOT EXISTS { MATCH (" + x + ":" + labelAssertion + " {" + aKey + ": id}) WHERE " +
				x + "." + aKind + " = 'node' } OR EXISTS { MATCH (" + x + ":" + labelAssertion + " {" + aKey + ": id}) WHERE " +
				x + "." + aKind + " = 'node' AND " + x + "." + aDataset + " = c.dataset AND " + pc.p.versioned(x) +
				" AND any(vis_d IN " + x + "." + propSrcDocs + " WHERE $vism[vis_d]) }) "
		}
		pc.b.WriteString("UNWIND $ids AS id RETURN id, COLLECT { MATCH (c:" + labelChange + " {key: id}) " +
			"WHERE c.kind = 'node' AND c.version <= " + pc.p.dvParam() + " " + byVisible + "WITH c ORDER BY c.version DESC SKIP " + pc.p.add(offset) +
			" LIMIT " + pc.p.add(limit) + " OPTIONAL MATCH (dv:" + labelVersion + " {version: c.version}) " +
			"RETURN {change: c {.*}, at: dv.at} } AS changes")
	default:
		return false, nil
	}
	return true, err
}

// rootConflicts compiles `conflicts(type, limit, offset)`: the entities listing conflicts, by id.
func (pc *planCompiler) rootConflicts(root *plan.Root) error {
	t := root.Type
	label, err := labelOf(t)
	if err != nil {
		return err
	}
	limit, offset, err := pc.lim.page(root.List, false)
	if err != nil {
		return err
	}
	// A caller who may not see every document sees the conflicts between datasets they may
	// all see (a conflict with a hidden one is not theirs to know of).
	visible := ""
	if pc.p.vis {
		visible = " AND all(vis_ds IN " + pc.p.prop("n", "datasets") + " WHERE vis_ds IN $visds)"
	}
	pc.b.WriteString("MATCH " + pc.p.node("n", label, "") + " WHERE " + pc.p.prop("n", "conflicts") + " IS NOT NULL" + visible + " WITH n ORDER BY n.id SKIP " +
		pc.p.add(offset) + " LIMIT " + pc.p.add(limit))
	return pc.returnNodes("n", t, root.Node)
}

// visibleDatasets is the WHERE condition (with its leading AND, and a trailing space) that
// the dataset of id expression ds has a document the caller may see: empty unless filtered.
func (pc *planCompiler) visibleDatasets(ds string) string {
	if !pc.p.vis {
		return ""
	}
	return "AND " + ds + " IN $visds "
}

// visibleChange is, in filtered mode, the clause that keeps the changes (of kind, key) of
// the facts the caller may see now: an entity visible, a relationship visible between two
// visible entities (its key is TYPE|from|to). The changes of facts no longer in the graph
// are not shown to such a caller (docs/access.md). Empty unless filtered.
func (pc *planCompiler) visibleChange(kind, key string) string {
	if !pc.p.vis {
		return ""
	}
	p := pc.p
	part := "split(" + key + ", '|')"
	return "WITH c, v, kind, pair WHERE CASE " + kind + " WHEN 'node' THEN EXISTS { MATCH " + p.node("", reform.EntityLabel, "{id: "+key+"}") + " } " +
		"ELSE EXISTS { MATCH " + p.node("", reform.EntityLabel, "{id: "+part+"[1]}") + p.rel("vis_r", "", "", true) +
		p.node("", reform.EntityLabel, "{id: "+part+"[2]}") + " WHERE " + p.relType("vis_r") + " = " + part + "[0] } END "
}

// checkChanges checks the arguments of `changes`.
func checkChanges(q plan.ChangesQuery) error {
	switch {
	case q.Since < 0:
		return badInput("since must not be negative, got %d", q.Since)
	case q.Until != nil && *q.Until < 0:
		return badInput("until must not be negative, got %d", *q.Until)
	case q.Until != nil && q.Since > *q.Until:
		return badInput("since (%d) must not be greater than until (%d)", q.Since, *q.Until)
	}
	return nil
}

// rootChanges compiles `changes(since, until, dataset, limit, offset)`: the changes with
// since < version <= until (the current version when until is null or beyond it), by version,
// kind and key, each with the entity it names as it is now.
func (pc *planCompiler) rootChanges(root *plan.Root) error {
	q := root.Changes
	if err := checkChanges(q); err != nil {
		return err
	}
	limit, offset, err := pc.lim.page(plan.ListQuery{Limit: q.Limit, Offset: q.Offset}, false)
	if err != nil {
		return err
	}
	var until, ds any
	if q.Until != nil {
		until = int64(*q.Until)
	}
	if q.Dataset != nil {
		ds = *q.Dataset
	}
	pc.p.m["since"], pc.p.m["until"], pc.p.m["ds"] = int64(q.Since), until, ds
	dv := pc.p.dvParam()
	// A Change node is one change (an entity's, or a relationship's logged before they were
	// batched) or a batch of relationship changes (parallel lists keys, ops, labels, fields;
	// logChanges). Each is unwound into one row per change: [key, i], i its index in the batch
	// (null for a single one). Only what the order needs (the node, version, kind and key) goes
	// through the sort, and a batch's lists are bound inside expressions only (ks, b), never to
	// a variable of the rows: a row holding one would weigh the whole list in the sort's
	// memory, and a deep page would exceed the transaction's. Each list is read once per node.
	// The changes of the page are grouped by node and made into maps like a single node's
	// properties (fields of a batched one stay encoded; the decoder decodes them).
	pc.b.WriteString("MATCH (c:" + labelChange + ") WHERE c.version > $since AND " +
		"c.version <= CASE WHEN $until IS NOT NULL AND $until < " + dv + " THEN $until ELSE " + dv + " END AND ($ds IS NULL OR c.dataset = $ds) " +
		pc.visibleDatasets("c.dataset") +
		"WITH c, c.version AS v, c.kind AS kind " +
		"UNWIND [ks IN [c.keys] | CASE WHEN ks IS NULL THEN [[c.key, null]] ELSE [i IN range(0, size(ks) - 1) | [ks[i], i]] END][0] AS pair " +
		pc.visibleChange("kind", "pair[0]") +
		"WITH c, v, kind, pair ORDER BY v, kind, pair[0] SKIP " + pc.p.add(offset) + " LIMIT " + pc.p.add(limit) +
		" WITH c, v, kind, collect(pair) AS page " +
		"UNWIND [b IN [c {.dataset, .op, .label, .fields, .ops, .labels}] | [p IN page | CASE WHEN p[1] IS NULL " +
		"THEN {version: v, dataset: b.dataset, op: b.op, kind: kind, key: p[0], label: b.label, fields: b.fields} " +
		"ELSE {version: v, dataset: b.dataset, op: b.ops[p[1]], kind: kind, key: p[0], label: b.labels[p[1]], fields: b.fields[p[1]]} END]][0] AS ch " +
		"OPTIONAL MATCH (dv:" + labelVersion + " {version: ch.version}) WITH ch, dv.at AS at " +
		"OPTIONAL MATCH " + pc.p.node("n", reform.EntityLabel, "{id: ch.key}") + " WHERE ch.kind = 'node'")
	proj, err := pc.projection(&items{pc: pc, carry: "ch, at, n"}, "n", "", root.Node)
	if err != nil {
		return err
	}
	pc.b.WriteString(" RETURN ch AS change, at, CASE WHEN n IS NULL THEN null ELSE " + proj +
		" END AS node ORDER BY change.version, change.kind, change.key")
	return nil
}

// decodeDatasets decodes the rows of the dataset roots into res; handled is false for another
// kind.
func (d *planDecoder) decodeDatasets(recs []*neo4j.Record, root *plan.Root, res *plan.RootResult) (handled bool, err error) {
	switch root.Kind {
	case plan.RootDatasets:
		res.Datasets = make([]*reform.Dataset, 0, len(recs))
		for _, rec := range recs {
			m, err := column[map[string]any](rec, "d")
			if err != nil {
				return true, err
			}
			res.Datasets = append(res.Datasets, datasetOf(datasetInfo(m), m["loadedAt"]))
		}
	case plan.RootDataVersion:
		res.Version = &reform.DataVersion{}
		if len(recs) > 0 {
			v, err := column[int64](recs[0], "v")
			if err != nil {
				return true, err
			}
			at, _ := recs[0].Get("at")
			res.Version = &reform.DataVersion{Version: int(v), At: isoTime(at)}
		}
	case plan.RootClaims:
		res.Claims = make(map[string][]*reform.Claim, len(recs))
		err = byParent(recs, "claims", func(id string, v any) (err error) {
			res.Claims[id], err = decodeClaims(id, v, root.Field, d.dv, d.vis)
			return err
		})
	case plan.RootConflicts:
		res.Entities, err = decodeNodesColumn(recs, func(v any) (reform.Entity, error) { return d.entity(v, root.Node) })
	case plan.RootChanges:
		res.Changes = make([]*reform.Change, 0, len(recs))
		for _, rec := range recs {
			m, err := column[map[string]any](rec, "change")
			if err != nil {
				return true, err
			}
			at, _ := rec.Get("at")
			node, _ := rec.Get("node")
			c, err := d.change(m, at, node, root.Node)
			if err != nil {
				return true, err
			}
			res.Changes = append(res.Changes, c)
		}
	case plan.RootHistory:
		res.History = make(map[string][]*reform.Change, len(recs))
		err = byParent(recs, "changes", func(id string, v any) error {
			items, err := list[map[string]any](v, "history of "+id)
			if err != nil {
				return err
			}
			cs := make([]*reform.Change, 0, len(items))
			for _, it := range items {
				m, err := as[map[string]any](it["change"], "change of "+id)
				if err != nil {
					return err
				}
				c, err := d.change(m, it["at"], nil, nil)
				if err != nil {
					return err
				}
				cs = append(cs, c)
			}
			// Newest first (the subquery pages in this order; the list keeps it whatever the
			// planner does after the page).
			slices.SortStableFunc(cs, func(a, b *reform.Change) int { return b.Version - a.Version })
			res.History[id] = cs
			return nil
		})
	default:
		return false, nil
	}
	return true, err
}

// datasetOf is the GraphQL value of a dataset (loadedAt: the stored datetime).
func datasetOf(i DatasetInfo, loadedAt any) *reform.Dataset {
	return &reform.Dataset{ID: i.ID, Title: i.Title, Version: int(i.Version), LoadedAt: isoTime(loadedAt),
		Hash: i.Hash, Documents: int(i.Documents), Entities: int(i.Entities),
		Relationships: int(i.Relationships), Syncing: i.Syncing}
}

// isoTime formats a stored datetime as ISO 8601 in UTC (nil for none).
func isoTime(v any) *string {
	t, ok := v.(time.Time)
	if !ok || t.IsZero() {
		return nil
	}
	s := t.UTC().Format(time.RFC3339)
	return &s
}

// notClaimed are the properties of an assertion that are no claim of a plain property: the id,
// the aliases (united, never in conflict), the evidence (each claim's sources) and the
// provenance the merge writes. Bookkeeping properties start with "_".
var notClaimed = []string{propID, "aliases", "aliasText", propSrcDocs, propSrcParas, propSrcQuotes,
	"dataset", "datasets", "conflicts", "implied"}

// decodeClaims decodes the assertions of entity id (their properties, by dataset) into one
// claim per dataset per plain property, by field then dataset; field, when set, keeps that
// field's only.
// A caller who may not see every document (vis) gets the claims of the assertions with
// evidence they may see, with that evidence only.
func decodeClaims(id string, v any, field string, dv int64, vis *visibility) ([]*reform.Claim, error) {
	asserted, err := list[map[string]any](v, "assertions of "+id)
	if err != nil {
		return nil, err
	}
	out := []*reform.Claim{}
	for _, a := range asserted {
		if a["_inline"] == true {
			// The entity itself, its one dataset's inline assertion: its properties at dv.
			overlay(a, dv)
			if a[aDataset] = a["dataset"]; a[aDataset] == nil {
				continue // not asserted by a dataset (written by hand)
			}
		}
		ds, err := as[string](a[aDataset], "assertion dataset of "+id)
		if err != nil {
			return nil, err
		}
		r := &propReader{p: a, what: "assertion of " + id + " by " + ds}
		sources := r.evidence()
		if r.err != nil {
			return nil, r.err
		}
		if vis != nil {
			sources = slices.DeleteFunc(sources, func(e reform.Evidence) bool { return !vis.sees(e.DocumentID) })
			if len(sources) == 0 {
				continue
			}
		}
		for k, val := range a {
			if strings.HasPrefix(k, "_") || slices.Contains(notClaimed, k) || (field != "" && k != field) {
				continue
			}
			out = append(out, &reform.Claim{Field: k, Value: claimText(val), Dataset: ds, Sources: sources})
		}
	}
	slices.SortStableFunc(out, func(a, b *reform.Claim) int {
		if c := strings.Compare(a.Field, b.Field); c != 0 {
			return c
		}
		return strings.Compare(a.Dataset, b.Dataset)
	})
	return out, nil
}

// claimText is a property value as text: strings as they are, numbers in plain decimal,
// booleans as true/false, anything else as JSON; nil for no value.
func claimText(v any) *string {
	switch v.(type) {
	case nil, string, int64, float64, bool:
		return valueText(v)
	}
	b, err := json.Marshal(v)
	if err != nil {
		return nil
	}
	s := string(b)
	return &s
}

// changeOps and factKinds name the stored ops and kinds as GraphQL does.
var (
	changeOps = map[string]string{"added": reform.ChangeAdded, "removed": reform.ChangeRemoved, "changed": reform.ChangeChanged}
	factKinds = map[string]string{string(KindNode): reform.FactEntity, string(KindRel): reform.FactRelationship}
)

// change decodes one change of RootChanges or RootHistory: the Change node's properties m (or
// the row rootChanges made of one change of a batched node: its fields a string,
// encodeFields'), the time of its version and the entity it names now (nil when gone, or not
// read).
func (d *planDecoder) change(m map[string]any, at, node any, sel *plan.Selection) (*reform.Change, error) {
	r := &propReader{p: m, what: "change"}
	str := func(k string) string {
		if s := r.str(k); s != nil {
			return *s
		}
		return ""
	}
	c := &reform.Change{Dataset: str("dataset"), Type: str("label")}
	if enc, ok := m["fields"].(string); ok {
		// A change of a batched Change node: its fields encoded (logChanges).
		fields, err := decodeFields(enc)
		if err != nil {
			return nil, err
		}
		c.Fields = fields
	} else {
		c.Fields = r.strs("fields")
	}
	if n := r.integer("version"); n != nil {
		c.Version = *n
	}
	if r.err != nil {
		return nil, r.err
	}
	if c.Fields == nil {
		c.Fields = []string{}
	}
	var ok bool
	if c.Op, ok = changeOps[str("op")]; !ok {
		return nil, shapeError("change op", m["op"], "added, removed or changed")
	}
	if c.Kind, ok = factKinds[str("kind")]; !ok {
		return nil, shapeError("change kind", m["kind"], "node or rel")
	}
	key := str("key")
	if c.Kind == reform.FactEntity {
		c.ID = &key
	} else if parts := strings.SplitN(key, "|", 3); len(parts) == 3 {
		c.From, c.To = &parts[1], &parts[2]
	}
	c.At = isoTime(at)
	if node != nil {
		var err error
		if c.Entity, err = d.entity(node, sel); err != nil {
			return nil, err
		}
	}
	return c, nil
}
