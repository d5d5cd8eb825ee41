// Package reform is the hub's domain vocabulary: the entity and relationship types of the
// reform knowledge graph, the rules that say which types a relationship may join, the
// enumerations, the entity values the store returns and the GraphQL layer serves, and the
// sentinel errors. What a read asks for and the Relay shapes it returns live in package plan.
//
// Everything that decides what may become a Neo4j label or relationship type lives here, as
// fixed lists: labels and types are never built from user input.
package reform

import "errors"

// Sentinel errors a caller may check with errors.Is. The GraphQL edge maps them to codes.
var (
	// ErrNotFound reports that an id names no entity.
	ErrNotFound = errors.New("not found")
	// ErrInvalidInput reports a request argument outside what the API accepts.
	ErrInvalidInput = errors.New("invalid input")
	// ErrUnavailable reports that the database cannot be reached.
	ErrUnavailable = errors.New("database unavailable")
	// ErrOverloaded reports that the database is up but has no capacity for the statement
	// now: no free connection in the pool within the acquisition timeout, or Neo4j's shared
	// transaction memory pool or transaction count is exhausted. Retrying shortly may succeed.
	ErrOverloaded = errors.New("overloaded")
	// ErrTooLarge reports a statement that needs more memory than Neo4j allows one
	// transaction (db.memory.transaction.max): asking for less (a smaller limit, depth or
	// nesting) may succeed, retrying the same request will not.
	ErrTooLarge = errors.New("query too large for the database's memory limit")
	// ErrUnexpectedShape reports that the database returned a value of another type than the
	// statement asked for (a changed result shape or stored property): a fault of the hub or
	// of its data, never of the request. The GraphQL edge shows it as an internal error.
	ErrUnexpectedShape = errors.New("unexpected result shape")
)

// EntityType is the type of an entity; it is also its Neo4j label.
type EntityType string

// The entity types. Each is a Neo4j label; every entity also carries the label Entity.
const (
	TypeLeader       EntityType = "Leader"
	TypeDepartment   EntityType = "Department"
	TypeTask         EntityType = "Task"
	TypePolicy       EntityType = "Policy"
	TypePilotProgram EntityType = "PilotProgram"
	TypeOutcome      EntityType = "Outcome"
	TypeDocument     EntityType = "Document"
)

// EntityLabel is the label every entity node carries besides its type label.
const EntityLabel = "Entity"

// EntityTypes lists every entity type in a fixed order (the order of stats and docs).
var EntityTypes = []EntityType{
	TypeLeader, TypeDepartment, TypeTask, TypePolicy, TypePilotProgram, TypeOutcome, TypeDocument,
}

// IDPrefix is the id prefix of each entity type (`task/provincial-key-tasks`).
var IDPrefix = map[EntityType]string{
	TypeLeader:       "leader/",
	TypeDepartment:   "department/",
	TypeTask:         "task/",
	TypePolicy:       "policy/",
	TypePilotProgram: "pilot/",
	TypeOutcome:      "outcome/",
	TypeDocument:     "doc/",
}

// Valid reports whether t is one of the entity types.
func (t EntityType) Valid() bool {
	_, ok := IDPrefix[t]
	return ok
}

// RelType is a relationship type; it is also the Neo4j relationship type.
type RelType string

// The relationship types.
const (
	RelLeads          RelType = "LEADS"
	RelMemberOf       RelType = "MEMBER_OF"
	RelResponsibleFor RelType = "RESPONSIBLE_FOR"
	RelPartOf         RelType = "PART_OF"
	RelImplements     RelType = "IMPLEMENTS"
	RelRuns           RelType = "RUNS"
	RelAchieved       RelType = "ACHIEVED"
	RelIssued         RelType = "ISSUED"
	RelSupports       RelType = "SUPPORTS"
	// RelEstablished: a body built or set up another (建设, 成立, 组建, 建成).
	RelEstablished RelType = "ESTABLISHED"
	// RelComponentOf: a body is one of the parts a work system is built from (the "1" and
	// the "6" of the "1+6+9" system).
	RelComponentOf RelType = "COMPONENT_OF"
	// RelInspected: a leader inspected a place (视察).
	RelInspected RelType = "INSPECTED"
	// RelAffirmed: a leader affirmed a work and gave instructions on it (给予肯定并作出重要指示).
	RelAffirmed RelType = "AFFIRMED"
)

// RelTypes lists every relationship type in a fixed order.
var RelTypes = []RelType{
	RelLeads, RelMemberOf, RelResponsibleFor, RelPartOf, RelImplements, RelRuns, RelAchieved,
	RelIssued, RelSupports, RelEstablished, RelComponentOf, RelInspected, RelAffirmed,
}

// Endpoints is one allowed (from type, to type) pair of a relationship type.
type Endpoints struct {
	From, To EntityType
}

// RelRules lists, for each relationship type, the endpoint type pairs it may join.
var RelRules = map[RelType][]Endpoints{
	RelLeads: {
		{TypeLeader, TypeTask}, {TypeLeader, TypeDepartment}, {TypeLeader, TypePilotProgram},
	},
	RelMemberOf:       {{TypeLeader, TypeDepartment}},
	RelResponsibleFor: {{TypeDepartment, TypeTask}},
	RelPartOf: {
		{TypeTask, TypeTask}, {TypeDepartment, TypeDepartment}, {TypePilotProgram, TypeTask},
		{TypePolicy, TypePolicy},
	},
	RelImplements: {
		{TypeTask, TypePolicy}, {TypePilotProgram, TypePolicy}, {TypeDepartment, TypePolicy},
	},
	RelRuns: {{TypeDepartment, TypePilotProgram}},
	RelAchieved: {
		{TypeLeader, TypeOutcome}, {TypeDepartment, TypeOutcome}, {TypeTask, TypeOutcome},
		{TypePolicy, TypeOutcome}, {TypePilotProgram, TypeOutcome},
	},
	RelIssued: {{TypeDepartment, TypePolicy}},
	RelSupports: {
		{TypeDepartment, TypeDepartment}, {TypeDepartment, TypeTask},
		{TypeDepartment, TypePilotProgram},
	},
	RelEstablished: {{TypeDepartment, TypeDepartment}},
	RelComponentOf: {{TypeDepartment, TypePolicy}},
	RelInspected:   {{TypeLeader, TypeDepartment}},
	RelAffirmed:    {{TypeLeader, TypeTask}},
}

// Valid reports whether r is one of the relationship types.
func (r RelType) Valid() bool {
	_, ok := RelRules[r]
	return ok
}

// Allows reports whether r may join an entity of type from to one of type to.
func (r RelType) Allows(from, to EntityType) bool {
	for _, e := range RelRules[r] {
		if e.From == from && e.To == to {
			return true
		}
	}
	return false
}

// Enumerations of type-specific fields. The dataset format and the GraphQL schema use the
// same spellings.
var (
	DepartmentKinds = []string{"GOVERNMENT", "PARTY", "GROUP", "AGENCY", "ENTERPRISE",
		"UNIVERSITY", "RESEARCH", "CENTER", "MEDIA", "COMMUNITY", "OTHER"}
	TaskStatuses   = []string{"PLANNED", "IN_PROGRESS", "COMPLETED"}
	PolicyKinds    = []string{"PLAN", "REGULATION", "RULE", "MECHANISM", "SYSTEM", "STRATEGY", "OTHER"}
	PilotLevels    = []string{"NATIONAL", "PROVINCIAL", "MUNICIPAL", "COUNTY"}
	PilotStatuses  = []string{"APPROVED", "ACTIVE", "COMPLETED"}
	OutcomeKinds   = []string{"HONOUR", "METRIC", "MILESTONE"}
	MaxQuoteLength = 60 // characters (runes) in one evidence quote
)
