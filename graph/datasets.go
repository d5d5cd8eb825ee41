package graph

import (
	"context"
	"fmt"
	"time"

	"github.com/vikstrous/dataloadgen"

	"github.com/reformhub/hub/graph/model"
	"github.com/reformhub/hub/internal/access"
	"github.com/reformhub/hub/internal/plan"
	"github.com/reformhub/hub/internal/reform"
)

// The datasets behind the graph in GraphQL (docs/datasets.md, "In GraphQL"): each read is a
// plan root of the store (RootDatasets … RootHistory); the resolvers only pass arguments and
// pick results.

// rootDatasets resolves `datasets`.
func (r *Resolver) rootDatasets(ctx context.Context) ([]*reform.Dataset, error) {
	res, err := r.read(ctx, &plan.Root{Kind: plan.RootDatasets})
	if err != nil {
		return nil, err
	}
	return res.Datasets, nil
}

// rootDataVersion resolves `dataVersion`.
func (r *Resolver) rootDataVersion(ctx context.Context) (*reform.DataVersion, error) {
	res, err := r.read(ctx, &plan.Root{Kind: plan.RootDataVersion})
	if err != nil {
		return nil, err
	}
	return res.Version, nil
}

// rootConflicts resolves `conflicts(type, limit, offset)`.
func (r *Resolver) rootConflicts(ctx context.Context, t *reform.EntityType, limit, offset *int) ([]reform.Entity, error) {
	root := &plan.Root{Kind: plan.RootConflicts, List: plan.ListQuery{Limit: limit, Offset: offset}}
	if t != nil {
		root.Type = *t
	}
	res, err := r.read(ctx, root)
	if err != nil {
		return nil, err
	}
	return res.Entities, nil
}

// rootChanges resolves `changes(since, until, dataset, limit, offset)`.
func (r *Resolver) rootChanges(ctx context.Context, q plan.ChangesQuery) ([]*reform.Change, error) {
	res, err := r.read(ctx, &plan.Root{Kind: plan.RootChanges, Changes: q})
	if err != nil {
		return nil, err
	}
	return res.Changes, nil
}

// claims resolves `Entity.claims(field)`: the claims of every entity of the request are read
// in one statement (the request's loader), then filtered by field.
func claims(ctx context.Context, s Store, obj reform.Entity, field *string) ([]*reform.Claim, error) {
	id := obj.Common().ID
	var (
		all []*reform.Claim
		err error
	)
	if l, ok := ctx.Value(loadersKey{}).(*Loaders); ok {
		all, err = l.claims.Load(ctx, id)
	} else {
		var res *plan.RootResult
		if res, err = s.Read(ctx, &plan.Root{Kind: plan.RootClaims, Parents: []string{id}}); err == nil {
			all = res.Claims[id]
		}
	}
	if err != nil {
		return nil, err
	}
	out := []*reform.Claim{}
	for _, c := range all {
		if field == nil || c.Field == *field {
			out = append(out, c)
		}
	}
	return out, nil
}

// newClaimsLoader batches the claims of many entities into one RootClaims.
func newClaimsLoader(s Store) *dataloadgen.Loader[string, []*reform.Claim] {
	return dataloadgen.NewLoader(func(ctx context.Context, ids []string) ([]([]*reform.Claim), []error) {
		res, err := s.Read(ctx, &plan.Root{Kind: plan.RootClaims, Parents: ids})
		if err != nil {
			return nil, []error{err}
		}
		out := make([][]*reform.Claim, len(ids))
		for i, id := range ids {
			out[i] = res.Claims[id]
		}
		return out, nil
	}, dataloadgen.WithWait(time.Millisecond))
}

// history resolves `Entity.history(limit, offset)`: the histories of every entity of the
// request that asks with the same limit and offset are read in one statement (the request's
// loader); each change names the entity itself.
func history(ctx context.Context, s Store, obj reform.Entity, limit, offset *int) ([]*reform.Change, error) {
	id := obj.Common().ID
	q := plan.ListQuery{Limit: limit, Offset: offset}
	fetch := func(ctx context.Context, ids []string) (map[string][]*reform.Change, error) {
		res, err := s.Read(ctx, &plan.Root{Kind: plan.RootHistory, Parents: ids, List: q})
		if err != nil {
			return nil, err
		}
		return res.History, nil
	}
	var (
		byID map[string][]*reform.Change
		cs   []*reform.Change
		err  error
	)
	if l, ok := ctx.Value(loadersKey{}).(*Loaders); ok {
		key := fmt.Sprint(intOr(limit, -1), "/", intOr(offset, -1))
		cs, err = loaderFor(ctx, &l.mu, l.history, key, fetch).Load(ctx, id)
	} else if byID, err = fetch(ctx, []string{id}); err == nil {
		cs = byID[id]
	}
	if err != nil {
		return nil, err
	}
	out := make([]*reform.Change, len(cs))
	for i, c := range cs {
		cc := *c
		cc.Entity = obj // the entity now: the one asked about
		out[i] = &cc
	}
	return out, nil
}

func intOr(p *int, or int) int {
	if p == nil {
		return or
	}
	return *p
}

// viewer is who the request of ctx runs as (access.From; anonymous without a caller).
func viewer(ctx context.Context) *model.Viewer {
	c, _ := access.From(ctx)
	v := &model.Viewer{SignedIn: c.SignedIn, Groups: c.Groups}
	if v.Groups == nil {
		v.Groups = []string{}
	}
	if c.SignedIn && c.Subject != "" {
		v.Subject = &c.Subject
	}
	return v
}
