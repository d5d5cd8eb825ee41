// Package loader reads, validates and imports reform datasets (format `reformhub/v1`, see
// data/README.md).
//
// Parse reads a dataset folder — the manifest dataset.yaml and the entity and relationship
// files it lists — and checks all of it before anything is written: YAML syntax, keys, types,
// ids, entity fields, enumerations, relationship endpoints and evidence. Every problem is
// reported with its file and line in one *ValidationError, so that a dataset author fixes
// them all in one pass.
//
// Load writes a parsed dataset through a Writer (in practice *store.Store): the schema first,
// then documents, entities grouped by type and relationships grouped by type, in batches of
// one transaction each. Writes merge on ids, so loading the same dataset twice changes
// nothing.
package loader

import (
	"fmt"

	"github.com/reformhub/hub/internal/reform"
)

// FormatVersion is the only dataset format Parse accepts.
const FormatVersion = "reformhub/v1"

// ManifestFile is the name of a dataset's manifest inside its folder.
const ManifestFile = "dataset.yaml"

// Location is where a value was written: a file path (the dataset folder joined with the name
// the manifest gives) and a 1-based line (0 when unknown).
type Location struct {
	File string
	Line int
}

// String formats the location as file:line.
func (l Location) String() string {
	if l.Line <= 0 {
		return l.File
	}
	return fmt.Sprintf("%s:%d", l.File, l.Line)
}

// Dataset is a parsed and validated dataset.
type Dataset struct {
	Dir           string // the folder Parse read
	ID            string // dataset id, stored on every node and relationship as `dataset`
	Title         string
	Documents     []Document
	Entities      []Entity       // in file order (the manifest's file order, then line order)
	Relationships []Relationship // in file order
	// External lists the endpoints of relationships that the dataset does not declare: ids of
	// entities another loaded dataset defines (Load checks the graph holds them), in file
	// order, once per mention.
	External []ExternalRef
	Loc      Location // the manifest
}

// ExternalRef is a relationship endpoint another dataset defines.
type ExternalRef struct {
	ID   string
	Type reform.EntityType // the type its id's prefix names
	Loc  Location          // where it is written
	What string            // e.g. `relationship LEADS: to`, for messages
}

// Document is a source document that evidence points into.
type Document struct {
	ID         string // doc/<slug>
	Title      string
	TitleEn    *string
	Publisher  *string
	Date       *string // YYYY, YYYY-MM or YYYY-MM-DD
	Year       *int64
	Language   *string
	Paragraphs int64 // number of non-empty lines; evidence paragraphs are 1..Paragraphs
	Source     *string
	Loc        Location
}

// Entity is one node of the reform graph. Of the type-specific fields only those of its
// Type are ever set.
type Entity struct {
	ID          string
	Type        reform.EntityType
	Name        string
	NameEn      *string
	Aliases     []string
	Description *string
	Note        *string
	Sources     []Source

	Role        *string  // Leader
	Headcount   *int64   // Leader, >= 1
	Kind        *string  // Department, Policy, Outcome (an enumeration per type)
	Area        *string  // Task
	Year        *int64   // Task, Outcome
	Status      *string  // Task, PilotProgram (an enumeration per type)
	Planned     *int64   // Task, >= 0
	Completed   *int64   // Task, >= 0
	Title       *string  // Policy
	Level       *string  // PilotProgram
	Metric      *string  // Outcome
	Value       *float64 // Outcome
	Unit        *string  // Outcome
	Scope       *string  // Outcome
	Qualifier   *string  // Outcome: 余, 多, 以上 — the value is approximate ("more than")
	ValueBefore *float64 // Outcome: the figure before the change (申请准备时间由3天压缩为10分钟: 3)
	UnitBefore  *string  // Outcome: its unit as written (天)

	Loc Location
}

// Relationship is one directed edge of the reform graph, identified by (Type, From, To).
type Relationship struct {
	Type    reform.RelType
	From    string
	To      string
	Implied bool // true: the source clearly implies it rather than states it
	Note    *string
	Sources []Source
	Loc     Location

	fromLoc, toLoc Location // where From and To are written, for messages
}

// Source is one piece of evidence: a short quote from a paragraph of a document.
type Source struct {
	Doc   string // document id (the file's default when the entry gives none)
	Para  int64  // 1-based paragraph number
	Quote string
	Loc   Location
}
