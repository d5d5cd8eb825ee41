package reform

// FieldKind is the value kind of a scalar field, which decides the filter operators it takes.
type FieldKind int

// Field kinds.
const (
	KindID FieldKind = iota + 1
	KindString
	KindInt
	KindFloat
	KindEnum
)

// commonFields are the scalar fields every entity type can be filtered and sorted on.
var commonFields = map[string]FieldKind{
	"id": KindID, "name": KindString, "nameEn": KindString, "description": KindString,
}

// FieldSpec describes one type-specific scalar field: its name (also the node property and
// the dataset key), its kind, the allowed values of an enum, and the smallest allowed integer.
type FieldSpec struct {
	Name string
	Kind FieldKind
	Enum []string // KindEnum: the allowed values
	Min  *int64   // KindInt: the smallest allowed value, nil for none
}

func minimum(n int64) *int64 { return &n }

// typeFields are the type-specific scalar fields of each type, in the order of
// data/README.md. The loader, the filter compiler and the schema all follow this table.
var typeFields = map[EntityType][]FieldSpec{
	TypeLeader: {
		{Name: "role", Kind: KindString},
		{Name: "headcount", Kind: KindInt, Min: minimum(1)},
	},
	TypeDepartment: {
		{Name: "kind", Kind: KindEnum, Enum: DepartmentKinds},
	},
	TypeTask: {
		{Name: "area", Kind: KindString},
		{Name: "year", Kind: KindInt},
		{Name: "status", Kind: KindEnum, Enum: TaskStatuses},
		{Name: "planned", Kind: KindInt, Min: minimum(0)},
		{Name: "completed", Kind: KindInt, Min: minimum(0)},
	},
	TypePolicy: {
		{Name: "kind", Kind: KindEnum, Enum: PolicyKinds},
		{Name: "title", Kind: KindString},
	},
	TypePilotProgram: {
		{Name: "level", Kind: KindEnum, Enum: PilotLevels},
		{Name: "status", Kind: KindEnum, Enum: PilotStatuses},
	},
	TypeOutcome: {
		{Name: "kind", Kind: KindEnum, Enum: OutcomeKinds},
		{Name: "metric", Kind: KindString},
		{Name: "value", Kind: KindFloat},
		{Name: "unit", Kind: KindString},
		{Name: "year", Kind: KindInt},
		{Name: "scope", Kind: KindString},
		{Name: "qualifier", Kind: KindString},
		{Name: "valueBefore", Kind: KindFloat},
		{Name: "unitBefore", Kind: KindString},
	},
	// A document's fields come from the dataset manifest, not from entity files.
	TypeDocument: {
		{Name: "title", Kind: KindString},
		{Name: "publisher", Kind: KindString},
		{Name: "date", Kind: KindString},
		{Name: "year", Kind: KindInt},
	},
}

// TypeFields returns the type-specific scalar fields of type t, in a fixed order.
func TypeFields(t EntityType) []FieldSpec {
	return typeFields[t]
}

// TypeField returns the spec of the type-specific field name of type t, and whether t has it.
func TypeField(t EntityType, name string) (FieldSpec, bool) {
	for _, f := range typeFields[t] {
		if f.Name == name {
			return f, true
		}
	}
	return FieldSpec{}, false
}

// ScalarField returns the kind of the scalar field name of type t, and whether t has it. The
// empty type stands for "any entity" and has the common fields only.
func ScalarField(t EntityType, name string) (FieldKind, bool) {
	if k, ok := commonFields[name]; ok {
		return k, true
	}
	f, ok := TypeField(t, name)
	return f.Kind, ok
}

// Relation describes a relationship field: which relationship types it follows, in which
// direction, and the type of entity at the other end.
type Relation struct {
	Types  []RelType
	Out    bool       // true: (this)-[:T]->(other); false: (this)<-[:T]-(other)
	Target EntityType // the other end's type; empty for any entity
}

func out(target EntityType, types ...RelType) Relation {
	return Relation{Types: types, Out: true, Target: target}
}

func in(target EntityType, types ...RelType) Relation {
	return Relation{Types: types, Out: false, Target: target}
}

// relations are the relationship fields of each type, by GraphQL field name. Every
// relationship type is reachable from both of its ends (see the test).
var relations = map[EntityType]map[string]Relation{
	TypeLeader: {
		"tasks":         out(TypeTask, RelLeads),
		"departments":   out(TypeDepartment, RelLeads, RelMemberOf),
		"pilotPrograms": out(TypePilotProgram, RelLeads),
		"outcomes":      out(TypeOutcome, RelAchieved),
		"inspected":     out(TypeDepartment, RelInspected),
		"affirmed":      out(TypeTask, RelAffirmed),
	},
	TypeDepartment: {
		"parent":              out(TypeDepartment, RelPartOf),
		"children":            in(TypeDepartment, RelPartOf),
		"leaders":             in(TypeLeader, RelLeads, RelMemberOf),
		"tasks":               out(TypeTask, RelResponsibleFor),
		"pilotPrograms":       out(TypePilotProgram, RelRuns),
		"policies":            out(TypePolicy, RelIssued),
		"implementedPolicies": out(TypePolicy, RelImplements),
		"outcomes":            out(TypeOutcome, RelAchieved),
		"supports":            out("", RelSupports),
		"supportedBy":         in(TypeDepartment, RelSupports),
		"established":         out(TypeDepartment, RelEstablished),
		"establishedBy":       in(TypeDepartment, RelEstablished),
		"componentOf":         out(TypePolicy, RelComponentOf),
		"inspectedBy":         in(TypeLeader, RelInspected),
	},
	TypeTask: {
		"parent":        out(TypeTask, RelPartOf),
		"subtasks":      in(TypeTask, RelPartOf),
		"departments":   in(TypeDepartment, RelResponsibleFor),
		"leaders":       in(TypeLeader, RelLeads),
		"policies":      out(TypePolicy, RelImplements),
		"pilotPrograms": in(TypePilotProgram, RelPartOf),
		"outcomes":      out(TypeOutcome, RelAchieved),
		"supportedBy":   in(TypeDepartment, RelSupports),
		"affirmedBy":    in(TypeLeader, RelAffirmed),
	},
	TypePolicy: {
		"issuedBy":      in(TypeDepartment, RelIssued),
		"implementedBy": in(TypeDepartment, RelImplements),
		"tasks":         in(TypeTask, RelImplements),
		"pilotPrograms": in(TypePilotProgram, RelImplements),
		"outcomes":      out(TypeOutcome, RelAchieved),
		"parent":        out(TypePolicy, RelPartOf),
		"parts":         in(TypePolicy, RelPartOf),
		"components":    in(TypeDepartment, RelComponentOf),
	},
	TypePilotProgram: {
		"departments": in(TypeDepartment, RelRuns),
		"leaders":     in(TypeLeader, RelLeads),
		"tasks":       out(TypeTask, RelPartOf),
		"policies":    out(TypePolicy, RelImplements),
		"outcomes":    out(TypeOutcome, RelAchieved),
		"supportedBy": in(TypeDepartment, RelSupports),
	},
	TypeOutcome: {
		"achievedBy": in("", RelAchieved),
	},
}

// RelationField returns the relationship field name of type t, and whether t has it.
func RelationField(t EntityType, name string) (Relation, bool) {
	r, ok := relations[t][name]
	return r, ok
}

// RelationFields returns the relationship fields of type t by name (a copy).
func RelationFields(t EntityType) map[string]Relation {
	m := make(map[string]Relation, len(relations[t]))
	for k, v := range relations[t] {
		m[k] = v
	}
	return m
}
