package store

// Node and relationship property names. The loader writes them, the readers read them; they
// are the storage contract of the graph.
//
// Every entity node: id, name, nameEn, aliases (list, never null), aliasText (aliases joined
// with " / ", for the full-text index), description, note, dataset, and its evidence as three
// parallel lists srcDocs, srcParas, srcQuotes. Type-specific fields keep the dataset's names:
// role, headcount, kind, area, year, status, planned, completed, title, level, metric, value,
// unit, scope; a Document also has publisher, date, language, paragraphs, source (name is its
// title).
//
// Every relationship: implied (bool), note, dataset, srcDocs, srcParas, srcQuotes.
const (
	propID        = "id"
	propSrcDocs   = "srcDocs"
	propSrcParas  = "srcParas"
	propSrcQuotes = "srcQuotes"
)

// FullTextIndex is the name of the full-text index over entity names, aliases and
// descriptions (cjk analyzer).
const FullTextIndex = "entity_fulltext"
