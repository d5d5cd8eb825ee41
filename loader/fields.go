package loader

import (
	"github.com/reformhub/hub/internal/reform"
)

// valueKind is the YAML type of a type-specific entity field.
type valueKind int

const (
	kindString valueKind = iota
	kindInt
	kindNumber
	kindEnum
)

// fieldSpec describes one type-specific entity field of the format.
type fieldSpec struct {
	name string
	kind valueKind
	enum []string // kindEnum: the allowed values
	min  *int64   // kindInt: the smallest allowed value, nil for none
}

// commonFields are the keys every entity may have.
var commonFields = []string{"id", "type", "name", "nameEn", "aliases", "description", "note", "sources"}

// typeFields is the fixed list of type-specific fields of each entity type, in the order of
// data/README.md. Their names are also the node property names (internal/store/props.go).
var typeFields = map[reform.EntityType][]fieldSpec{
	reform.TypeLeader: {
		{name: "role", kind: kindString},
		{name: "headcount", kind: kindInt, min: new(int64(1))},
	},
	reform.TypeDepartment: {
		{name: "kind", kind: kindEnum, enum: reform.DepartmentKinds},
	},
	reform.TypeTask: {
		{name: "area", kind: kindString},
		{name: "year", kind: kindInt},
		{name: "status", kind: kindEnum, enum: reform.TaskStatuses},
		{name: "planned", kind: kindInt, min: new(int64(0))},
		{name: "completed", kind: kindInt, min: new(int64(0))},
	},
	reform.TypePolicy: {
		{name: "kind", kind: kindEnum, enum: reform.PolicyKinds},
		{name: "title", kind: kindString},
	},
	reform.TypePilotProgram: {
		{name: "level", kind: kindEnum, enum: reform.PilotLevels},
		{name: "status", kind: kindEnum, enum: reform.PilotStatuses},
	},
	reform.TypeOutcome: {
		{name: "kind", kind: kindEnum, enum: reform.OutcomeKinds},
		{name: "metric", kind: kindString},
		{name: "value", kind: kindNumber},
		{name: "unit", kind: kindString},
		{name: "year", kind: kindInt},
		{name: "scope", kind: kindString},
	},
}

// stringField returns where the string field name of e is kept, or nil when it has none.
func (e *Entity) stringField(name string) **string {
	switch name {
	case "role":
		return &e.Role
	case "kind":
		return &e.Kind
	case "area":
		return &e.Area
	case "status":
		return &e.Status
	case "title":
		return &e.Title
	case "level":
		return &e.Level
	case "metric":
		return &e.Metric
	case "unit":
		return &e.Unit
	case "scope":
		return &e.Scope
	}
	return nil
}

// intField returns where the integer field name of e is kept, or nil when it has none.
func (e *Entity) intField(name string) **int64 {
	switch name {
	case "headcount":
		return &e.Headcount
	case "year":
		return &e.Year
	case "planned":
		return &e.Planned
	case "completed":
		return &e.Completed
	}
	return nil
}

// typeFieldValues returns the type-specific fields of e that are set, by property name, as
// string, int64 or float64.
func (e *Entity) typeFieldValues() map[string]any {
	out := map[string]any{}
	for _, spec := range typeFields[e.Type] {
		switch spec.kind {
		case kindString, kindEnum:
			if p := *e.stringField(spec.name); p != nil {
				out[spec.name] = *p
			}
		case kindInt:
			if p := *e.intField(spec.name); p != nil {
				out[spec.name] = *p
			}
		case kindNumber:
			if e.Value != nil {
				out[spec.name] = *e.Value
			}
		}
	}
	return out
}

// isTypeField reports whether name is a type-specific field of some entity type.
func isTypeField(name string) bool {
	for _, specs := range typeFields {
		for _, s := range specs {
			if s.name == name {
				return true
			}
		}
	}
	return false
}

// specFor returns the spec of the field name of type t.
func specFor(t reform.EntityType, name string) (fieldSpec, bool) {
	for _, s := range typeFields[t] {
		if s.name == name {
			return s, true
		}
	}
	return fieldSpec{}, false
}
