package graph

import (
	"context"
	"fmt"

	"github.com/99designs/gqlgen/graphql"

	"github.com/reformhub/hub/internal/plan"
	"github.com/reformhub/hub/internal/reform"
)

// The fields that name an entity or relationship type with the EntityType and RelationshipType
// enums. Their values are reform's fixed names, so the JSON answer is the same text it was
// when these fields were strings; a name outside reform's lists would be no value of the enum,
// and is an internal error rather than a value a typed client cannot parse.

// entityTypeOf is the entity type named s.
func entityTypeOf(s string) (reform.EntityType, error) {
	if t := reform.EntityType(s); t.Valid() {
		return t, nil
	}
	return "", fmt.Errorf("%w: %q is no entity type", reform.ErrUnexpectedShape, s)
}

// relTypeOf is the relationship type named s.
func relTypeOf(s string) (reform.RelType, error) {
	if t := reform.RelType(s); t.Valid() {
		return t, nil
	}
	return "", fmt.Errorf("%w: %q is no relationship type", reform.ErrUnexpectedShape, s)
}

// changeEntityType is the entity type of a change of an entity (nil for a relationship's).
func changeEntityType(c *reform.Change) (*reform.EntityType, error) {
	if c.Kind != reform.FactEntity {
		return nil, nil
	}
	t, err := entityTypeOf(c.Type)
	return &t, err
}

// changeRelType is the relationship type of a change of a relationship (nil for an entity's).
func changeRelType(c *reform.Change) (*reform.RelType, error) {
	if c.Kind != reform.FactRelationship {
		return nil, nil
	}
	t, err := relTypeOf(c.Type)
	return &t, err
}

// groupEntityType is the entity type of a group of `groupBy(field: type)` (its value), nil
// for the group of another field.
func groupEntityType(ctx context.Context, g *plan.Group) (*reform.EntityType, error) {
	if g.Value == nil || groupField(ctx) != "type" {
		return nil, nil
	}
	t, err := entityTypeOf(*g.Value)
	return &t, err
}

// groupField is the `field` argument of the groupBy a group being resolved in ctx belongs to.
func groupField(ctx context.Context) string {
	for fc := graphql.GetFieldContext(ctx); fc != nil; fc = fc.Parent {
		if fc.Field.Field != nil && fc.Field.Name == "groupBy" {
			f, _ := fc.Args["field"].(string)
			return f
		}
	}
	return ""
}
