package reform

// Entity is implemented by every entity value: *Leader, *Department, *Task, *Policy,
// *PilotProgram, *Outcome and *Document.
type Entity interface {
	// Common returns the fields every entity has.
	Common() *Base
	// EntityType returns the entity's type.
	EntityType() EntityType
}

// Base holds the fields every entity has.
type Base struct {
	ID          string
	Name        string
	NameEn      *string
	Aliases     []string
	Description *string
	Note        *string
	Sources     []Evidence
	// Datasets are the ids of the loaded datasets that assert the entity (by id); Conflicts
	// the properties whose values differ between them (sorted; empty when they agree).
	Datasets  []string
	Conflicts []string
}

// Common returns b itself.
func (b *Base) Common() *Base { return b }

// Evidence is the provenance of a fact: a paragraph of a document and the words that state it.
type Evidence struct {
	DocumentID string
	Paragraph  int
	Quote      string
	// Document is the document, when the query planner fetched it with the evidence.
	Document *Document
}

// Leader is a named leader, a role, or a group of leaders.
type Leader struct {
	Base
	Role      *string
	Headcount *int
}

// Department is a party or government body, group, bureau, enterprise, university …
type Department struct {
	Base
	Kind *string
}

// Task is a reform area, sub-task, key item, measure or campaign.
type Task struct {
	Base
	Area      *string
	Year      *int
	Status    *string
	Planned   *int
	Completed *int
}

// Policy is a titled plan, regulation, rule, mechanism or system.
type Policy struct {
	Base
	Kind  *string
	Title *string
}

// PilotProgram is a pilot program or experimental zone.
type PilotProgram struct {
	Base
	Level  *string
	Status *string
}

// Outcome is an honour, a metric or a milestone.
type Outcome struct {
	Base
	Kind   *string
	Metric *string
	Value  *float64
	Unit   *string
	Year   *int
	Scope  *string
	// Qualifier is written after the number (余, 多, 以上): the value is approximate.
	Qualifier *string
	// ValueBefore and UnitBefore are the figure before the change, where one is given.
	ValueBefore *float64
	UnitBefore  *string
}

// Document is a source document.
type Document struct {
	Base
	Title      string
	Publisher  *string
	Date       *string
	Year       *int
	Language   *string
	Paragraphs int
	// Access is who may read the document (public, internal, restricted); Groups the
	// groups of a restricted one.
	Access string
	Groups []string
}

// EntityType methods tell each value's type.

// EntityType returns TypeLeader.
func (*Leader) EntityType() EntityType { return TypeLeader }

// EntityType returns TypeDepartment.
func (*Department) EntityType() EntityType { return TypeDepartment }

// EntityType returns TypeTask.
func (*Task) EntityType() EntityType { return TypeTask }

// EntityType returns TypePolicy.
func (*Policy) EntityType() EntityType { return TypePolicy }

// EntityType returns TypePilotProgram.
func (*PilotProgram) EntityType() EntityType { return TypePilotProgram }

// EntityType returns TypeOutcome.
func (*Outcome) EntityType() EntityType { return TypeOutcome }

// EntityType returns TypeDocument.
func (*Document) EntityType() EntityType { return TypeDocument }

// Relationship is a relationship between two entities with its evidence.
type Relationship struct {
	Type    RelType
	From    Entity
	To      Entity
	Implied bool
	Note    *string
	Sources []Evidence
}

// Subgraph is a set of entities and the relationships among them.
type Subgraph struct {
	Nodes         []Entity
	Relationships []*Relationship
}

// Path is a chain of relationships between two entities.
type Path struct {
	Nodes         []Entity
	Relationships []*Relationship
}

// Length returns the number of relationships on the path.
func (p *Path) Length() int { return len(p.Relationships) }

// SearchHit is one full-text search result.
type SearchHit struct {
	Score     float64
	Entity    Entity
	Highlight *string
}

// TypeCount is the number of entities or relationships of one type.
type TypeCount struct {
	Type  string
	Count int
}

// Stats counts entities and relationships per type.
type Stats struct {
	EntityCounts       []TypeCount
	RelationshipCounts []TypeCount
}
