package store

import (
	"context"
	"fmt"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/reformhub/hub/internal/reform"
)

// The writes of a sync's staging phase (staging.go): nothing here is seen by a reader of the
// current version.

// currentVersionCypher binds cur, the current data version (0 before the first sync), at the
// start of a statement.
const currentVersionCypher = "OPTIONAL MATCH (meta:" + labelMeta + " {id: 'hub'}) WITH coalesce(meta.version, 0) AS cur "

// visibleAt is the condition that a (a node, relationship or assertion) is current at version
// v (a variable or parameter): added at or before it, not retracted at or before it.
func visibleAt(a, v string) string {
	return "(" + a + "." + pSince + " IS NULL OR " + a + "." + pSince + " <= " + v + ") AND (" +
		a + "." + pUntil + " IS NULL OR " + a + "." + pUntil + " > " + v + ")"
}

// relBetween matches r, the relationship of type row.t from the entity with id row.from to
// the one with id row.to: both ends by their index, then the relationships between them (the
// planner would otherwise expand every relationship of the from end, thousands for a hub
// department), of the type asked. One statement serves every type: a sync plans a few
// statements rather than a few per type.
const relBetween = "MATCH (a:" + reform.EntityLabel + " {id: row.from})-[r]->(b:" + reform.EntityLabel + " {id: row.to}) " +
	"USING INDEX a:" + reform.EntityLabel + "(id) USING INDEX b:" + reform.EntityLabel + "(id) WHERE type(r) = row.t "

// stagedFact is a merged fact a batch stages: added or changed (with the names of the
// properties that change), or removed.
type stagedFact struct {
	Fact
	op     string
	fields []string
}

// stageFacts stages the merged facts put (added or changed) and marks the facts del
// retracted, at version v; staged says whether the sync may have staged entities.
func stageFacts(ctx context.Context, tx neo4j.ManagedTransaction, kind FactKind, v int64, put, del []stagedFact, staged bool) error {
	if kind == KindNode {
		return stageNodes(ctx, tx, v, put, del)
	}
	return stageRels(ctx, tx, v, put, del, staged)
}

func stageNodes(ctx context.Context, tx neo4j.ManagedTransaction, v int64, put, del []stagedFact) error {
	var added, changed []any
	for _, f := range put {
		if f.op == "added" {
			added = append(added, map[string]any{"props": f.Props, "label": f.Label})
			continue
		}
		pending := make(map[string]any, len(f.fields))
		for _, name := range f.fields {
			if val, ok := f.Props[name]; ok {
				pending[pPendingVal+name] = val
			}
		}
		changed = append(changed, map[string]any{"id": f.Key, "pending": pending, "keys": f.fields, "label": f.Label})
	}
	p := map[string]any{"v": v}
	if len(added) > 0 {
		p["rows"] = added
		const cypher = "UNWIND $rows AS row CREATE (n:" + labelStaged + ") SET n = row.props, n." + pStagedLabel + " = row.label, n." + pSince + " = $v"
		if err := run(ctx, tx, cypher, p); err != nil {
			return err
		}
	}
	if len(changed) > 0 {
		p["rows"] = changed
		// An entity keeps its type: a dataset that asserts it under another one is refused.
		const cypher = "UNWIND $rows AS row MATCH (n:" + reform.EntityLabel + " {id: row.id}) " +
			"WITH n, row, row.label IN labels(n) AS same " +
			"FOREACH (_ IN CASE WHEN same THEN [1] ELSE [] END | SET n += row.pending, n." + pPendingV + " = $v, n." + pPendingKeys + " = row.keys) " +
			"WITH row, same WHERE NOT same RETURN row.id AS id, row.label AS label LIMIT 10"
		res, err := tx.Run(ctx, cypher, p)
		if err != nil {
			return err
		}
		recs, err := res.Collect(ctx)
		if err != nil {
			return err
		}
		if len(recs) > 0 {
			var bad []string
			for _, rec := range recs {
				id, _ := rec.Get("id")
				label, _ := rec.Get("label")
				bad = append(bad, fmt.Sprintf("%v as %v", id, label))
			}
			return fmt.Errorf("%w: an entity keeps its type; asserted under another type: %s", reform.ErrInvalidInput, strings.Join(bad, ", "))
		}
	}
	if len(del) > 0 {
		ids := make([]string, len(del))
		for i, f := range del {
			ids[i] = f.Key
		}
		p["ids"] = ids
		const cypher = "UNWIND $ids AS id MATCH (n:" + reform.EntityLabel + " {id: id}) SET n." + pUntil + " = $v"
		if err := run(ctx, tx, cypher, p); err != nil {
			return err
		}
	}
	return nil
}

// stageRels marks the retracted relationships and the old content of the changed ones
// retracted at v, then adds the new ones: with their own type between two staged entities,
// as STAGED_REL otherwise.
func stageRels(ctx context.Context, tx neo4j.ManagedTransaction, v int64, put, del []stagedFact, staged bool) error {
	var gone []any
	add := map[reform.RelType][]any{}
	for _, f := range del {
		gone = append(gone, map[string]any{"from": f.From, "to": f.To, "t": f.Label})
	}
	for _, f := range put {
		t := reform.RelType(f.Label)
		if f.op == "changed" {
			gone = append(gone, map[string]any{"from": f.From, "to": f.To, "t": f.Label})
		}
		add[t] = append(add[t], map[string]any{"from": f.From, "to": f.To, "t": f.Label, "props": f.Props})
	}
	if len(gone) > 0 {
		cypher := "UNWIND $rows AS row " + relBetween + "AND r." + pUntil + " IS NULL SET r." + pUntil + " = $v"
		if err := run(ctx, tx, cypher, map[string]any{"rows": gone, "v": v}); err != nil {
			return err
		}
	}
	var rest []any
	for _, t := range reform.RelTypes {
		rows := add[t]
		if len(rows) == 0 {
			continue
		}
		// t is one of the fixed reform.RelTypes: safe in statement text.
		// Between two entities this sync adds (a first load: all of them), the relationship
		// has its own type; one statement of two index seeks per row writes those.
		if staged {
			fast := "UNWIND range(0, size($rows) - 1) AS i WITH i, $rows[i] AS row " +
				"MATCH (a:" + labelStaged + " {id: row.from}) MATCH (b:" + labelStaged + " {id: row.to}) " +
				"CREATE (a)-[r:" + string(t) + "]->(b) SET r = row.props RETURN collect(i) AS done"
			res, err := tx.Run(ctx, fast, map[string]any{"rows": rows})
			if err != nil {
				return err
			}
			rec, err := res.Single(ctx)
			if err != nil {
				return err
			}
			done, err := column[[]any](rec, "done")
			if err != nil {
				return err
			}
			if len(done) == len(rows) {
				continue
			}
			rows = without(rows, done)
		}
		rest = append(rest, rows...)
	}
	if len(rest) == 0 {
		return nil
	}
	// The rest have an end in the graph: they wait as STAGED_REL until the apply.
	cypher := "UNWIND $rows AS row " +
		"OPTIONAL MATCH (a1:" + reform.EntityLabel + " {id: row.from}) OPTIONAL MATCH (a2:" + labelStaged + " {id: row.from}) " +
		"OPTIONAL MATCH (b1:" + reform.EntityLabel + " {id: row.to}) OPTIONAL MATCH (b2:" + labelStaged + " {id: row.to}) " +
		"WITH row, coalesce(a1, a2) AS a, coalesce(b1, b2) AS b WHERE a IS NOT NULL AND b IS NOT NULL " +
		"CREATE (a)-[r:" + typeStaged + "]->(b) SET r = row.props, r." + pStagedType + " = row.t, r." + pSince + " = $v " +
		"RETURN count(*) AS merged"
	res, err := tx.Run(ctx, cypher, map[string]any{"rows": rest, "v": v})
	if err != nil {
		return err
	}
	rec, err := res.Single(ctx)
	if err != nil {
		return err
	}
	merged, err := column[int64](rec, "merged")
	if err != nil {
		return err
	}
	if merged != int64(len(rest)) {
		missing, err := missingEndpoints(ctx, tx, rest)
		if err != nil {
			return err
		}
		return fmt.Errorf("endpoint %w: %d of %d relationships matched both endpoints; missing ids: %s",
			reform.ErrNotFound, merged, len(rest), strings.Join(missing, ", "))
	}
	return nil
}

// without returns rows without the rows at the indexes done (int64 values, as the driver
// returns them).
func without(rows []any, done []any) []any {
	skip := make(map[int64]bool, len(done))
	for _, i := range done {
		if n, ok := i.(int64); ok {
			skip[n] = true
		}
	}
	out := make([]any, 0, len(rows)-len(skip))
	for i, row := range rows {
		if !skip[int64(i)] {
			out = append(out, row)
		}
	}
	return out
}
