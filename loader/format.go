// Package loader reads, validates and imports reform datasets (format `reformhub/v1`, see
// data/README.md).
//
// Parse reads a dataset folder — the manifest dataset.yaml and the entity and relationship
// files it lists — and checks all of it before anything is written: YAML syntax, keys, types,
// ids, entity fields, enumerations, relationship endpoints and evidence. Every problem is
// reported with its file and line in one *ValidationError, so that a dataset author fixes
// them all in one pass. Parse returns the whole dataset in memory (a *Dataset).
//
// Load syncs the graph with a dataset through a Writer (in practice *store.Store,
// docs/datasets.md): it diffs what the dataset asserts with what the graph records of it and
// writes the facts added, changed and retracted, in batches of one transaction each.
//
// # Streaming
//
// `hub load` does not hold the dataset in memory: Scan, then LoadScanned (or PlanScanned for
// --dry-run) keep its peak memory bounded whatever the dataset's size. Every sync — Load and
// Plan of a parsed dataset too — goes through the same steps; only where the facts come from
// differs (factSet):
//
//  1. Scan (validate) reads the listed files several at a time, a row at a time (an NDJSON
//     line; a YAML file, at most MaxFileBytes, is decoded whole), and checks each row as Parse
//     does. Of each fact it keeps a small record — key, kind, type, hash, where it is written
//     (file and row, seq) — in an external sorter (extsort.go): records fill runBytes of memory,
//     are sorted and written to a temporary run, and are read back as a merge of the runs
//     (never more than maxFan at a time). The checks across files that Parse does with maps are
//     merges of sorted streams: repeated ids and repeated relationships are runs of equal keys
//     among the facts sorted by key; the relationship endpoints, sorted by id, are merged with
//     the declared ids (their type, or an external reference, or an unknown id), then sorted
//     back by relationship to check the type pairs. The problems (only an invalid dataset has
//     any, and they are kept in memory) carry an order key, so that they come out in Parse's
//     order.
//  2. The diff merge-joins the facts sorted by key with what the graph records the dataset
//     asserts (store.Store.AssertedHashes: its manifest, sorted the same way): added, changed,
//     the same, retracted.
//     The content hash is computed on the same sorted stream (contentHash's order). Only counts
//     and the first facts of each kind (Diff.String) stay in memory; the facts to write go to a
//     sorter by file position, the facts to retract to a sorter by key, and the entities
//     retracted are checked for dependents a chunk at a time.
//  3. apply reads the facts to write again from the files in file order (rows not wanted are
//     skipped before they are decoded; a fact whose hash is not the validated one means the
//     files changed: the sync stops with an error, and running it again completes it) and
//     hands them to the workers as they come, in batches of Options.BatchSize
//     (writeBatches): nodes, then relationships (grouped by a hash of their from id, one group
//     per worker; a sync of fewer than four batches writes with one worker), then retracted
//     relationships and nodes. Last, the dataset's new manifest (the sorted facts' keys and
//     hashes, with the hash of the line each fact was read from) is written.
//
// # Incremental scan
//
// `hub load` of a dataset the graph holds scans it with ScanAgainst (incremental.go): the line
// hashes of the dataset's manifest go into a hash index (about 30 bytes a fact, for manifests
// of up to maxIncrementalFacts facts), every line of the files is hashed and looked up, and
// only the lines not found (at most maxIncrementalDecoded) and the documents are decoded and
// checked; one merge of the manifest with the decoded facts by key gives the diff, the new
// manifest, the counts and the content hash, and checks what changed lines can break across
// files. Whatever it cannot settle goes to Scan, which reports problems as always.
//
// A command sets the collector with TuneGC: the heap may grow to 256 MiB before it works
// harder (a fifth less CPU to validate size M than Go's default).
//
// Memory is then a fixed amount plus, per sorter filling at a time, runBytes of records (16
// MiB by default, up to about twice that in Go's heap), per merge maxFan read buffers of 32
// KiB, per file being read one line (or one YAML file), and per worker a few batches of facts
// with their properties. docs/data.md gives the measured peaks. Temporary runs are written to
// os.TempDir (TMPDIR) and removed at the end: about 100 bytes per fact and relationship end.
package loader

import (
	"fmt"

	"github.com/reformhub/hub/internal/access"
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
	// Access is who may read the document and the facts it states (docs/access.md):
	// public (the default), internal (any signed-in caller) or restricted to the callers in
	// at least one of Groups (sorted).
	Access access.Level
	Groups []string
	Loc    Location
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
