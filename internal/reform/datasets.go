package reform

// The datasets behind the graph, as readers see them (docs/datasets.md): the loaded datasets,
// the data version, each dataset's claims about an entity, and the change log.

// Dataset is a loaded dataset.
type Dataset struct {
	ID      string
	Title   string
	Version int // the data version of its last change
	// LoadedAt is when it was last synced (ISO 8601, UTC), nil before its first sync ended.
	LoadedAt      *string
	Hash          string
	Documents     int
	Entities      int
	Relationships int
	// Syncing: a sync of it started and did not finish; loading it again completes it.
	Syncing bool
}

// DataVersion is the data version of the graph and when it became current (ISO 8601, UTC;
// nil before the first sync).
type DataVersion struct {
	Version int
	At      *string
}

// Claim is one dataset's value of one plain property of an entity, with that dataset's
// evidence of the entity.
type Claim struct {
	Field string
	// Value is the value as text (numbers in plain decimal); nil for no value.
	Value   *string
	Dataset string
	Sources []Evidence
}

// Change operations and fact kinds, as GraphQL names them (ChangeOp, FactKind).
const (
	ChangeAdded      = "ADDED"
	ChangeRemoved    = "REMOVED"
	ChangeChanged    = "CHANGED"
	FactEntity       = "ENTITY"
	FactRelationship = "RELATIONSHIP"
)

// Change is one change of the graph at a data version: an entity or relationship added,
// removed, or changed (with the names of the properties that changed).
type Change struct {
	Version int
	At      *string // when the version became current (ISO 8601, UTC)
	Dataset string  // the dataset whose sync made the change
	Op      string  // ChangeAdded, ChangeRemoved or ChangeChanged
	Kind    string  // FactEntity or FactRelationship
	// ID is the entity's id (kind ENTITY); From and To the relationship's ends.
	ID       *string
	Type     string // the entity type or the relationship type
	From, To *string
	Fields   []string
	// Entity is the entity now (kind ENTITY; nil when it is gone).
	Entity Entity
}
