package loader

import (
	"github.com/reformhub/hub/internal/reform"
)

// commonFields are the keys every entity may have.
var commonFields = []string{"id", "type", "name", "nameEn", "aliases", "description", "note", "sources"}

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
	case "qualifier":
		return &e.Qualifier
	case "unitBefore":
		return &e.UnitBefore
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

// floatField returns where the number field name of e is kept, or nil when it has none.
func (e *Entity) floatField(name string) **float64 {
	switch name {
	case "value":
		return &e.Value
	case "valueBefore":
		return &e.ValueBefore
	}
	return nil
}

// typeFieldValues returns the type-specific fields of e that are set, by property name, as
// string, int64 or float64.
func (e *Entity) typeFieldValues() map[string]any {
	out := map[string]any{}
	for _, spec := range reform.TypeFields(e.Type) {
		switch spec.Kind {
		case reform.KindString, reform.KindEnum:
			if p := *e.stringField(spec.Name); p != nil {
				out[spec.Name] = *p
			}
		case reform.KindInt:
			if p := *e.intField(spec.Name); p != nil {
				out[spec.Name] = *p
			}
		case reform.KindFloat:
			if p := *e.floatField(spec.Name); p != nil {
				out[spec.Name] = *p
			}
		}
	}
	return out
}

// isTypeField reports whether name is a type-specific field of some entity type that entity
// files may set (documents are declared in the manifest).
func isTypeField(name string) bool {
	for _, t := range reform.EntityTypes {
		if _, ok := reform.TypeField(t, name); ok && t != reform.TypeDocument {
			return true
		}
	}
	return false
}
