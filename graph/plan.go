package graph

import (
	"context"
	"errors"
	"slices"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/reformhub/hub/internal/plan"
	"github.com/reformhub/hub/internal/reform"
)

// The query planner's GraphQL half: a root field's resolver turns the field's selection (with
// its aliases, fragments and arguments) into a plan.Root and asks the store for it in one
// statement (Store.Read). The values that come back carry their relationship fields,
// connections, counts, aggregates, groups and evidence documents in prefetch slots keyed by
// response key; the nested resolvers read those slots (see related, relConnection …) and call
// the store per parent only for what the plan does not cover (the fallback).
//
// A plan the store refuses as invalid input is not an answer: the root field is then resolved
// without the planner — the bare root of its own arguments, its nested fields through the
// fallback — so that the error (or its absence, when the bad argument sits under an empty
// list) is exactly the one of the per-field path.

// rootTypes maps the root list fields and the root connections to their entity types.
var rootTypes = map[string]reform.EntityType{
	"leaders": reform.TypeLeader, "departments": reform.TypeDepartment, "tasks": reform.TypeTask,
	"policies": reform.TypePolicy, "pilotPrograms": reform.TypePilotProgram,
	"outcomes": reform.TypeOutcome, "documents": reform.TypeDocument,
}

// singleFields are the relationship fields that hold at most one entity.
var singleFields = map[string]bool{"parent": true}

// planner builds plans from the operation of one request.
type planner struct {
	op *graphql.OperationContext
}

// planRoot returns the plan of the root field being resolved in ctx, or nil when the planner
// is off or the field is not one it plans.
func (r *Resolver) planRoot(ctx context.Context) *plan.Root {
	if r.NoPlanner {
		return nil
	}
	fc := graphql.GetFieldContext(ctx)
	if fc == nil || !graphql.HasOperationContext(ctx) {
		return nil
	}
	op := graphql.GetOperationContext(ctx)
	if pr, ok := preparedRootOf(op, fc); ok {
		return pr.root // planned (and compiled) by InputCheck before execution
	}
	pl := &planner{op: op}
	return pl.root(fc.Field)
}

// preparedRoot returns what InputCheck prepared for the root field resolved in ctx.
func (r *Resolver) preparedRoot(ctx context.Context) (preparedRoot, bool) {
	if r.NoPlanner || !graphql.HasOperationContext(ctx) {
		return preparedRoot{}, false
	}
	return preparedRootOf(graphql.GetOperationContext(ctx), graphql.GetFieldContext(ctx))
}

// PlanRoot returns the plan of root field f of operation op (nil for a field the planner does
// not plan). It is what the root resolvers run; exported for tests and benchmarks.
func PlanRoot(op *graphql.OperationContext, f graphql.CollectedField) *plan.Root {
	return (&planner{op: op}).root(f)
}

func (pl *planner) root(f graphql.CollectedField) *plan.Root {
	args := f.ArgumentMap(pl.op.Variables)
	name := f.Name
	if t, ok := rootTypes[name]; ok {
		return &plan.Root{Kind: plan.RootList, Type: t, List: listArgs(args), Node: pl.node(t, f.Selections)}
	}
	if base, ok := strings.CutSuffix(name, "Connection"); ok {
		if t, ok := rootTypes[base]; ok {
			conn := &plan.RelSelection{Key: f.Alias, On: t, Field: base, Kind: plan.RelConnection}
			connArgs(conn, args, false)
			pl.connection(conn, t, f)
			return &plan.Root{Kind: plan.RootConnection, Type: t, Conn: conn}
		}
	}
	switch name {
	case "entity":
		id, _ := args["id"].(string)
		return &plan.Root{Kind: plan.RootEntity, ID: id, Node: pl.node("", f.Selections)}
	case "search":
		var ss ast.SelectionSet
		for _, hf := range graphql.CollectFields(pl.op, f.Selections, []string{"SearchHit"}) {
			if hf.Name == "entity" {
				ss = append(ss, hf.Selections...)
			}
		}
		return &plan.Root{Kind: plan.RootSearch, Node: pl.node("", ss), Search: searchArgs(args, "limit")}
	case "searchConnection":
		var ss ast.SelectionSet
		for _, ef := range pl.fields(f.Selections, "SearchConnection", "edges") {
			for _, nf := range pl.fields(ef.Selections, "SearchEdge", "node") {
				for _, hf := range pl.fields(nf.Selections, "SearchHit", "entity") {
					ss = append(ss, hf.Selections...)
				}
			}
		}
		return &plan.Root{Kind: plan.RootSearchPage, Node: pl.node("", ss), Search: searchArgs(args, "first")}
	case "neighborhood":
		return &plan.Root{Kind: plan.RootNeighborhood, Graph: graphArgs(args), Node: pl.graphNodes(f.Selections, "Subgraph")}
	case "paths":
		return &plan.Root{Kind: plan.RootPaths, Graph: graphArgs(args), Node: pl.graphNodes(f.Selections, "Path")}
	case "stats":
		return &plan.Root{Kind: plan.RootStats}
	case "datasets":
		return &plan.Root{Kind: plan.RootDatasets}
	case "dataVersion":
		return &plan.Root{Kind: plan.RootDataVersion}
	case "conflicts":
		t := entityTypeArg(args["type"])
		return &plan.Root{Kind: plan.RootConflicts, Type: t, List: listArgs(args), Node: pl.node(t, f.Selections)}
	case "changes":
		var ss ast.SelectionSet
		for _, ef := range pl.fields(f.Selections, "Change", "entity") {
			ss = append(ss, ef.Selections...)
		}
		return &plan.Root{Kind: plan.RootChanges, Changes: changesArgs(args), Node: pl.node("", ss)}
	}
	return nil
}

// fields returns the fields named name that ss selects on type typ.
func (pl *planner) fields(ss ast.SelectionSet, typ, name string) []graphql.CollectedField {
	var out []graphql.CollectedField
	for _, f := range graphql.CollectFields(pl.op, ss, []string{typ}) {
		if f.Name == name {
			out = append(out, f)
		}
	}
	return out
}

// graphNodes is what a Subgraph's or Path's selection ss (of type typ) selects of its
// entities: the fields and relationship fields of `nodes`, and the fields of the relationships'
// ends (`from`, `to`), which are the same entities, read without the relationship fields of
// `nodes` (their own come from the fallback).
func (pl *planner) graphNodes(ss ast.SelectionSet, typ string) *plan.Selection {
	var nodes, ends ast.SelectionSet
	for _, f := range pl.fields(ss, typ, "nodes") {
		nodes = append(nodes, f.Selections...)
	}
	for _, rf := range pl.fields(ss, typ, "relationships") {
		for _, name := range []string{"from", "to"} {
			for _, f := range pl.fields(rf.Selections, "Relationship", name) {
				ends = append(ends, f.Selections...)
			}
		}
	}
	sel, e := pl.node("", nodes), pl.node("", ends)
	for _, f := range e.Fields {
		if !slices.Contains(sel.Fields, f) {
			sel.Fields = append(sel.Fields, f)
		}
	}
	slices.Sort(sel.Fields)
	sel.Documents = sel.Documents || e.Documents
	return sel
}

// searchArgs are the arguments of search (the page size under name: limit or first).
func searchArgs(args map[string]any, name string) plan.SearchQuery {
	q, _ := args["query"].(string)
	var types []reform.EntityType
	for _, x := range asList(args["types"]) {
		s, _ := x.(string)
		types = append(types, reform.EntityType(s))
	}
	sq := plan.SearchQuery{Query: q, Types: types, Limit: intArg(args[name]), After: cursorArg(args["after"])}
	if name == "first" { // searchConnection pages backward too
		sq.Last, sq.Before = intArg(args["last"]), cursorArg(args["before"])
	}
	return sq
}

// entityTypeArg is an EntityType argument ("" when absent).
func entityTypeArg(v any) reform.EntityType {
	switch x := v.(type) {
	case string:
		return reform.EntityType(x)
	case reform.EntityType:
		return x
	}
	return ""
}

// changesArgs are the arguments of changes.
func changesArgs(args map[string]any) plan.ChangesQuery {
	q := plan.ChangesQuery{Until: intArg(args["until"]), Limit: intArg(args["limit"]), Offset: intArg(args["offset"])}
	if n := intArg(args["since"]); n != nil {
		q.Since = *n
	}
	if ds, ok := args["dataset"].(string); ok {
		q.Dataset = &ds
	}
	return q
}

// graphArgs are the arguments of neighborhood and paths.
func graphArgs(args map[string]any) plan.GraphQuery {
	g := plan.GraphQuery{Depth: intArg(args["depth"]), MaxHops: intArg(args["maxHops"]), Limit: intArg(args["limit"])}
	g.ID, _ = args["id"].(string)
	g.From, _ = args["from"].(string)
	g.To, _ = args["to"].(string)
	for _, x := range asList(args["relationshipTypes"]) {
		s, _ := x.(string)
		g.RelTypes = append(g.RelTypes, s)
	}
	return g
}

// node returns what ss selects of the entities of type t (every entity type when t is empty:
// an interface position, where each type's fragments give its own fields).
func (pl *planner) node(t reform.EntityType, ss ast.SelectionSet) *plan.Selection {
	types := []reform.EntityType{t}
	if t == "" {
		types = reform.EntityTypes
	}
	sel := &plan.Selection{Project: true}
	for _, tt := range types {
		for _, f := range graphql.CollectFields(pl.op, ss, []string{string(tt), "Entity"}) {
			if f.Name == "sources" {
				sel.Documents = sel.Documents || pl.selectsDocument(f.Selections)
			}
			if _, ok := reform.RelationField(tt, f.Name); ok {
				rs := &plan.RelSelection{Key: f.Alias, On: tt, Field: f.Name, Kind: plan.RelList}
				if singleFields[f.Name] {
					rs.Kind = plan.RelOne
				} else {
					rs.List = listArgs(f.ArgumentMap(pl.op.Variables))
				}
				rel, _ := reform.RelationField(tt, f.Name)
				rs.Node = pl.node(rel.Target, f.Selections)
				sel.Rels = append(sel.Rels, rs)
				continue
			}
			if base, ok := strings.CutSuffix(f.Name, "Connection"); ok {
				if rel, ok := reform.RelationField(tt, base); ok {
					rs := &plan.RelSelection{Key: f.Alias, On: tt, Field: base, Kind: plan.RelConnection}
					connArgs(rs, f.ArgumentMap(pl.op.Variables), true)
					pl.connection(rs, rel.Target, f)
					sel.Rels = append(sel.Rels, rs)
					continue
				}
			}
			if f.Name != "__typename" && !slices.Contains(sel.Fields, f.Name) {
				sel.Fields = append(sel.Fields, f.Name)
			}
		}
	}
	slices.Sort(sel.Fields) // a stable statement text for the shape
	return sel
}

// selectsDocument reports whether an Evidence selection selects its document.
func (pl *planner) selectsDocument(ss ast.SelectionSet) bool {
	for _, f := range graphql.CollectFields(pl.op, ss, []string{"Evidence"}) {
		if f.Name == "document" {
			return true
		}
	}
	return false
}

func typeName(f graphql.CollectedField) string {
	if f.Definition == nil || f.Definition.Type == nil {
		return ""
	}
	return f.Definition.Type.Name()
}

// connection fills rs from the selection of connection field f, whose entities are of type t.
func (pl *planner) connection(rs *plan.RelSelection, t reform.EntityType, f graphql.CollectedField) {
	var nodes ast.SelectionSet
	for _, cf := range graphql.CollectFields(pl.op, f.Selections, []string{typeName(f)}) {
		switch cf.Name {
		case "pageInfo":
			rs.Edges = true
		case "totalCount":
			rs.TotalCount = true
		case "edges":
			rs.Edges = true
			for _, ef := range graphql.CollectFields(pl.op, cf.Selections, []string{typeName(cf)}) {
				switch ef.Name {
				case "node":
					nodes = append(nodes, ef.Selections...)
				case "properties":
					for _, pf := range graphql.CollectFields(pl.op, ef.Selections, []string{"RelationshipProperties"}) {
						if pf.Name == "sources" && pl.selectsDocument(pf.Selections) {
							rs.EdgeDocuments = true
						}
					}
				}
			}
		case "aggregate":
			rs.Aggregates = append(rs.Aggregates, pl.aggregate(t, cf))
		}
	}
	rs.Node = pl.node(t, nodes)
}

func (pl *planner) aggregate(t reform.EntityType, f graphql.CollectedField) *plan.AggregateSelection {
	a := &plan.AggregateSelection{Key: f.Alias}
	for _, af := range graphql.CollectFields(pl.op, f.Selections, []string{typeName(f)}) {
		switch af.Name {
		case "count":
			a.Count = true
		case "node":
			a.Node = true
			for _, nf := range graphql.CollectFields(pl.op, af.Selections, []string{typeName(af)}) {
				if nf.Name == "__typename" {
					continue
				}
				if !slices.Contains(a.NodeFields, nf.Name) {
					a.NodeFields = append(a.NodeFields, nf.Name)
				}
				if a.NodeAggregates == nil {
					a.NodeAggregates = map[string][]string{}
				}
				fns := a.NodeAggregates[nf.Name]
				if fns == nil {
					fns = []string{} // selected, with nothing under it but __typename
				}
				for _, fn := range graphql.CollectFields(pl.op, nf.Selections, []string{typeName(nf)}) {
					if fn.Name != "__typename" && !slices.Contains(fns, fn.Name) {
						fns = append(fns, fn.Name)
					}
				}
				a.NodeAggregates[nf.Name] = fns
			}
			if a.NodeFields == nil {
				a.NodeFields = []string{}
			}
		case "groupBy":
			args := af.ArgumentMap(pl.op.Variables)
			field, _ := args["field"].(string)
			g := &plan.GroupSelection{Key: af.Alias, Field: field, Limit: intArg(args["limit"])}
			var entity ast.SelectionSet
			for _, gf := range graphql.CollectFields(pl.op, af.Selections, []string{typeName(af)}) {
				switch gf.Name {
				case "entity":
					entity = append(entity, gf.Selections...)
				case "nodes":
					g.Members = append(g.Members, &plan.MembersSelection{Key: gf.Alias,
						List: listArgs(gf.ArgumentMap(pl.op.Variables)), Node: pl.node(t, gf.Selections)})
				}
			}
			if rel, ok := reform.RelationField(t, field); ok {
				g.Entity = pl.node(rel.Target, entity)
			}
			a.Groups = append(a.Groups, g)
		}
	}
	return a
}

// read runs the plan of the root field being resolved in ctx, or bare — the root of the
// field's own arguments, with nothing selected beneath it — when there is no plan, the
// request has no loaders to hand the plan's slots to, or the store refuses the plan as invalid
// input (the nested fields then go through the fallback).
func (r *Resolver) read(ctx context.Context, bare *plan.Root) (*plan.RootResult, error) {
	if root, slots := r.planRoot(ctx), slotsFrom(ctx); root != nil && slots != nil {
		rctx := ctx
		if pr, ok := r.preparedRoot(ctx); ok && pr.root == root {
			rctx = plan.WithPrepared(ctx, root, pr.prepared)
		}
		res, err := r.Store.Read(rctx, root)
		if err == nil {
			slots.Merge(res.Slots)
			return res, nil
		}
		if !errors.Is(err, reform.ErrInvalidInput) {
			return nil, err
		}
	}
	return r.Store.Read(ctx, bare)
}

// rootList resolves a root list field.
func (r *Resolver) rootList(ctx context.Context, t reform.EntityType, q plan.ListQuery) ([]reform.Entity, error) {
	res, err := r.read(ctx, &plan.Root{Kind: plan.RootList, Type: t, List: q})
	if err != nil {
		return nil, err
	}
	return res.Entities, nil
}

// rootEntity resolves `entity(id)`: nil for an unknown id.
func (r *Resolver) rootEntity(ctx context.Context, id string) (reform.Entity, error) {
	res, err := r.read(ctx, &plan.Root{Kind: plan.RootEntity, ID: id})
	if errors.Is(err, reform.ErrNotFound) {
		return nil, nil // an unknown id is null, as for any nullable lookup
	}
	if err != nil {
		return nil, err
	}
	return res.Entity, nil
}

// rootSearch resolves `search` (kind RootSearch) and `searchConnection` (RootSearchPage).
func (r *Resolver) rootSearch(ctx context.Context, kind plan.RootKind, q plan.SearchQuery) (*plan.RootResult, error) {
	return r.read(ctx, &plan.Root{Kind: kind, Search: q})
}

// rootConnection resolves a root connection field.
func (r *Resolver) rootConnection(ctx context.Context, t reform.EntityType, where map[string]any, sort []map[string]any, pg plan.Page) (*plan.Connection, error) {
	res, err := r.read(ctx, plan.ConnectionRoot(plan.ConnectionQuery{
		Scope: plan.Scope{Type: t, Where: whereArg(where)}, Sort: sortArg(sort, false),
		First: pg.First, After: pg.After, Last: pg.Last, Before: pg.Before,
	}))
	if err != nil {
		return nil, err
	}
	return res.Connection, nil
}

// rootGraph resolves `neighborhood` (kind RootNeighborhood) and `paths` (RootPaths).
func (r *Resolver) rootGraph(ctx context.Context, kind plan.RootKind, g plan.GraphQuery) (*plan.RootResult, error) {
	return r.read(ctx, &plan.Root{Kind: kind, Graph: g})
}

// alias is the response key of the field being resolved in ctx.
func alias(ctx context.Context) string {
	if fc := graphql.GetFieldContext(ctx); fc != nil && fc.Field.Field != nil {
		return fc.Field.Alias
	}
	return ""
}

// slotsFrom returns the request's prefetch slots (nil without the request's loaders).
func slotsFrom(ctx context.Context) *plan.Slots {
	if l, ok := ctx.Value(loadersKey{}).(*Loaders); ok {
		return l.slots
	}
	return nil
}

// prefetched returns what the plan fetched for the field being resolved in ctx (by its
// response key) of obj, and whether it did.
func prefetched(ctx context.Context, obj reform.Entity) (any, bool) {
	return slotsFrom(ctx).Get(obj, alias(ctx))
}

// related resolves relationship field `field` of obj: from the plan's prefetch slot, else by
// the fallback.
func related(ctx context.Context, s Store, obj reform.Entity, field string, q plan.ListQuery) ([]reform.Entity, error) {
	if v, ok := prefetched(ctx, obj); ok {
		if es, ok := v.([]reform.Entity); ok {
			return es, nil
		}
	}
	return relatedFallback(ctx, s, obj.EntityType(), obj.Common().ID, field, q)
}
