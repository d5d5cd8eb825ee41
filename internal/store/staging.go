package store

// How a sync stays invisible until it is whole (docs/datasets.md, "Readers never see half a
// sync").
//
// A sync of data version N runs in four phases; only the second is one transaction.
//
//  1. Stage (many transactions). What the sync adds or changes is written so that a reader
//     of version N-1 does not see it, and what it retracts is only marked:
//     - an added entity is a node with the one label StagedEntity (no Entity, no type label):
//     its type in _label, its version in _s, its properties as they will be;
//     - a changed entity keeps its properties; the new values wait beside them: _pv = N, _pc =
//     the names of the properties that change, _n_<name> = the new value of each (absent: the
//     property goes);
//     - a retracted entity or relationship gets _u = N;
//     - an added relationship between two staged entities has its own type (no reader of N-1
//     reaches it: its ends have no Entity label); any other added relationship — one end or
//     both already in the graph — is a STAGED_REL relationship with its type in _type and _s =
//     N; a changed relationship is the old one retracted and the new one added;
//     - assertions are never changed in place: a new or changed one is a new Assertion node
//     with _s = N, the one it replaces gets _u = N;
//     - Change nodes are logged with version N.
//  2. Publish (one transaction): HubMeta.version = N, HubMeta.pending = N (with
//     pendingSince), the DataVersion and Dataset nodes. From here readers of version N read in
//     pending mode (below) and see the whole of N.
//  3. Apply (many transactions), once every reader that may still read N-1 in plain mode has
//     finished — the grace period after publishing (a reader's statement is bounded by the
//     request timeout; a hub process learns of a new version within its watcher's interval):
//     staged entities get their labels, STAGED_REL relationships become relationships of
//     their type, pending values replace the old ones, what was retracted at N is deleted.
//  4. Finish: HubMeta.pending is removed; readers go back to plain mode.
//
// Readers in plain mode (no version pending) match exactly as before: labels and
// relationship types keep every staged thing out of their patterns. Readers in pending mode
// match with version conditions (pattern.go): a node is (label or StagedEntity with _label),
// not _s > dv, not _u <= dv; a relationship is (type or STAGED_REL with _type), not _s > dv,
// not _u <= dv; a property of a node with _pv <= dv named in _pc reads _n_<name>. Both modes
// read Assertion and Change nodes with the version conditions (they are few per fact).
//
// A sync killed while staging leaves the current version untouched; the next sync first
// removes what a sync of a version above the current one staged (Rollback), then stages
// again. A sync killed after publishing leaves N current and pending; the next sync, or any
// hub process serving, applies it.
const (
	labelStaged = "StagedEntity" // an entity added by a sync not yet applied
	typeStaged  = "STAGED_REL"   // a relationship added by a sync not yet applied (type in _type)

	pSince       = "_s"         // the version that added a staged node, relationship or assertion
	pUntil       = "_u"         // the version that retracted a node, relationship or assertion
	pStagedType  = "_type"      // STAGED_REL: the relationship's type
	pStagedLabel = aLabel       // StagedEntity: the entity's type
	pPendingV    = "_pv"        // the version whose new property values wait on a node
	pPendingKeys = "_pc"        // the names of the properties that change at _pv
	pPendingVal  = "_n_"        // prefix: the new value of a property that changes at _pv
	metaPending  = "pending"    // HubMeta: the version published and not yet applied
	prevDataset  = "_p_"        // prefix: a Dataset's property before the version that changed it
	metaEpoch    = "applyEpoch" // HubMeta: incremented by every transaction of an apply
)
