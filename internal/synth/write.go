package synth

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/reformhub/hub/internal/reform"
)

// File layout of a generated corpus, relative to its folder.
const (
	ManifestFile = "dataset.yaml" // the loader's manifest (documents and the files below)
	MetaFile     = "synth.json"   // what was generated: config and counts (see Meta)
	NodesDir     = "nodes"        // <Type>-0001.ndjson …
	RelsDir      = "rels"         // <TYPE>-0001.ndjson …
	CSVDir       = "csv"          // nodes-<Type>.csv and rels-<TYPE>.csv for LOAD CSV
)

// ListSep separates the items of a list value (aliases, srcDocs, srcParas, srcQuotes) in the
// CSV files; generated values never contain it.
const ListSep = "|"

// Meta is the content of synth.json: the config a corpus was generated with and its counts.
type Meta struct {
	ID       string         `json:"id"`
	Entities int            `json:"entities"`
	Seed     uint64         `json:"seed"`
	Nodes    map[string]int `json:"nodes"`
	Rels     map[string]int `json:"relationships"`
}

// Counts returns the counts of m by type.
func (m Meta) Counts() Counts {
	c := Counts{Nodes: map[reform.EntityType]int{}, Rels: map[reform.RelType]int{}}
	for k, v := range m.Nodes {
		c.Nodes[reform.EntityType(k)] = v
	}
	for k, v := range m.Rels {
		c.Rels[reform.RelType(k)] = v
	}
	return c
}

// ReadMeta reads the synth.json of the corpus in dir.
func ReadMeta(dir string) (Meta, error) {
	var m Meta
	data, err := os.ReadFile(filepath.Join(dir, MetaFile))
	if err != nil {
		return m, fmt.Errorf("read corpus metadata: %w", err)
	}
	if err := json.Unmarshal(data, &m); err != nil {
		return m, fmt.Errorf("read %s: %w", MetaFile, err)
	}
	return m, nil
}

// NodeCSV and RelCSV name the CSV file of a type, relative to the corpus folder.
func NodeCSV(t reform.EntityType) string { return CSVDir + "/nodes-" + string(t) + ".csv" }

// RelCSV names the CSV file of relationship type t.
func RelCSV(t reform.RelType) string { return CSVDir + "/rels-" + string(t) + ".csv" }

// CSVColumns returns the columns of the node CSV file of type t: the common fields, the
// type's fields (reform.TypeFields), then the evidence lists.
func CSVColumns(t reform.EntityType) []string {
	if t == reform.TypeDocument {
		return []string{"id", "name", "title", "publisher", "date", "year", "language", "paragraphs"}
	}
	cols := []string{"id", "name", "nameEn", "aliases", "description", "note"}
	for _, f := range reform.TypeFields(t) {
		cols = append(cols, f.Name)
	}
	return append(cols, "srcDocs", "srcParas", "srcQuotes")
}

// RelCSVColumns are the columns of every relationship CSV file.
var RelCSVColumns = []string{"from", "to", "implied", "note", "srcDocs", "srcParas", "srcQuotes"}

// Generate writes the corpus of cfg into dir (created if missing; a folder that holds anything
// but an earlier corpus is refused) and returns its counts.
func Generate(cfg Config, dir string) (Counts, error) {
	if cfg.Entities < 100 {
		return Counts{}, fmt.Errorf("synth: at least 100 entities, got %d", cfg.Entities)
	}
	if cfg.ID == "" {
		cfg.ID = "synth"
	}
	if cfg.ChunkRows <= 0 {
		cfg.ChunkRows = DefaultChunkRows
	}
	if err := prepare(dir); err != nil {
		return Counts{}, err
	}
	g := newGenerator(cfg)
	counts := Counts{Nodes: map[reform.EntityType]int{}, Rels: map[reform.RelType]int{}}
	var files []string

	// Documents: the manifest lists them; the CSV holds them too.
	docs := make([]docRec, g.count[reform.TypeDocument])
	dcsv, err := newCSVFile(filepath.Join(dir, NodeCSV(reform.TypeDocument)), CSVColumns(reform.TypeDocument))
	if err != nil {
		return counts, err
	}
	for j := range docs {
		d := g.document(j)
		docs[j] = d
		if err := dcsv.write(d.ID, d.Title, d.Title, d.Publisher, d.Date, strconv.Itoa(d.Year),
			d.Language, strconv.Itoa(d.Paragraphs)); err != nil {
			return counts, err
		}
	}
	if err := dcsv.close(); err != nil {
		return counts, err
	}
	counts.Nodes[reform.TypeDocument] = len(docs)

	for _, t := range reform.EntityTypes {
		if t == reform.TypeDocument {
			continue
		}
		nd := newChunks(dir, NodesDir, string(t), cfg.ChunkRows)
		cw, err := newCSVFile(filepath.Join(dir, NodeCSV(t)), CSVColumns(t))
		if err != nil {
			return counts, err
		}
		cols := CSVColumns(t)
		for i := range g.count[t] {
			e := g.entity(t, i)
			if err := nd.write(e); err != nil {
				return counts, err
			}
			if err := cw.write(e.csvRow(cols)...); err != nil {
				return counts, err
			}
		}
		if err := nd.close(); err != nil {
			return counts, err
		}
		if err := cw.close(); err != nil {
			return counts, err
		}
		files = append(files, nd.files...)
		counts.Nodes[t] = g.count[t]
	}

	rels := map[reform.RelType]*chunks{}
	rcsv := map[reform.RelType]*csvFile{}
	for _, t := range reform.RelTypes {
		rels[t] = newChunks(dir, RelsDir, string(t), cfg.ChunkRows)
		if rcsv[t], err = newCSVFile(filepath.Join(dir, RelCSV(t)), RelCSVColumns); err != nil {
			return counts, err
		}
	}
	g.emit = func(rt reform.RelType, ft reform.EntityType, fi int, tt reform.EntityType, ti int) error {
		rec := g.relationship(rt, ft, fi, tt, ti)
		counts.Rels[rt]++
		if err := rels[rt].write(rec); err != nil {
			return err
		}
		implied := "false"
		if rec.Implied {
			implied = "true"
		}
		return rcsv[rt].write(append([]string{rec.From, rec.To, implied, deref(rec.Note)}, srcCols(rec.Sources)...)...)
	}
	if err := g.relationships(); err != nil {
		return counts, err
	}
	for _, t := range reform.RelTypes {
		if err := rels[t].close(); err != nil {
			return counts, err
		}
		if err := rcsv[t].close(); err != nil {
			return counts, err
		}
		files = append(files, rels[t].files...)
	}

	if err := writeManifest(dir, cfg, docs, files); err != nil {
		return counts, err
	}
	return counts, writeMeta(dir, cfg, counts)
}

// relationship builds the record of one drawn relationship: its evidence is in the document
// of its from entity and quotes the name of its to entity.
func (g *generator) relationship(rt reform.RelType, ft reform.EntityType, fi int, tt reform.EntityType, ti int) relRec {
	rec := relRec{Type: string(rt), From: g.id(ft, fi), To: g.id(tt, ti)}
	if g.r.IntN(4) == 0 {
		rec.Implied = true
		if g.r.IntN(3) == 0 {
			rec.Note = ptr(pick(g.r, notes))
		}
	}
	to := g.entity(tt, ti)
	rec.Sources = g.sources(g.r, g.docOf(ft, fi), to.Name)
	return rec
}

// prepare makes dir ready for a corpus: created when missing; when it holds files, it must
// be an earlier corpus (it has synth.json), whose generated files are removed.
func prepare(dir string) error {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return os.MkdirAll(dir, 0o755)
	}
	if err != nil {
		return fmt.Errorf("synth: %w", err)
	}
	if len(entries) > 0 {
		if _, err := os.Stat(filepath.Join(dir, MetaFile)); err != nil {
			return fmt.Errorf("synth: %s is not empty and holds no earlier corpus (%s); refusing to write there", dir, MetaFile)
		}
		for _, sub := range []string{NodesDir, RelsDir, CSVDir, ManifestFile, MetaFile} {
			if err := os.RemoveAll(filepath.Join(dir, sub)); err != nil {
				return fmt.Errorf("synth: %w", err)
			}
		}
	}
	return nil
}

// writeManifest writes dataset.yaml.
func writeManifest(dir string, cfg Config, docs []docRec, files []string) error {
	m := struct {
		Format    string   `yaml:"format"`
		ID        string   `yaml:"id"`
		Title     string   `yaml:"title"`
		Documents []docRec `yaml:"documents"`
		Files     []string `yaml:"files"`
	}{"reformhub/v1", cfg.ID, fmt.Sprintf("合成改革语料（%d个实体，种子%d）", cfg.Entities, cfg.Seed), docs, files}
	data, err := yaml.Marshal(&m)
	if err != nil {
		return fmt.Errorf("synth: manifest: %w", err)
	}
	header := fmt.Sprintf("# Synthetic corpus written by `hub gen` (%d entities, seed %d). Do not edit.\n", cfg.Entities, cfg.Seed)
	return os.WriteFile(filepath.Join(dir, ManifestFile), append([]byte(header), data...), 0o644)
}

// writeMeta writes synth.json.
func writeMeta(dir string, cfg Config, c Counts) error {
	m := Meta{ID: cfg.ID, Entities: cfg.Entities, Seed: cfg.Seed, Nodes: map[string]int{}, Rels: map[string]int{}}
	for t, n := range c.Nodes {
		m.Nodes[string(t)] = n
	}
	for t, n := range c.Rels {
		m.Rels[string(t)] = n
	}
	data, err := json.MarshalIndent(m, "", "  ") // map keys are sorted: deterministic
	if err != nil {
		return fmt.Errorf("synth: %w", err)
	}
	return os.WriteFile(filepath.Join(dir, MetaFile), append(data, '\n'), 0o644)
}

// chunks writes NDJSON rows into numbered files <sub>/<name>-0001.ndjson of at most size rows.
type chunks struct {
	dir, sub, name string
	size, rows     int
	files          []string // relative to dir, slash-separated
	f              *os.File
	w              *bufio.Writer
	enc            *json.Encoder
}

func newChunks(dir, sub, name string, size int) *chunks {
	return &chunks{dir: dir, sub: sub, name: name, size: size}
}

// write appends one row, starting a new file when the current one is full.
func (c *chunks) write(v any) error {
	if c.f == nil || c.rows == c.size {
		if err := c.close(); err != nil {
			return err
		}
		rel := fmt.Sprintf("%s/%s-%04d.ndjson", c.sub, c.name, len(c.files)+1)
		path := filepath.Join(c.dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return fmt.Errorf("synth: %w", err)
		}
		f, err := os.Create(path)
		if err != nil {
			return fmt.Errorf("synth: %w", err)
		}
		c.f, c.w, c.rows = f, bufio.NewWriterSize(f, 1<<16), 0
		c.enc = json.NewEncoder(c.w)
		c.enc.SetEscapeHTML(false)
		c.files = append(c.files, rel)
	}
	c.rows++
	if err := c.enc.Encode(v); err != nil {
		return fmt.Errorf("synth: %w", err)
	}
	return nil
}

// close flushes and closes the current file, if any.
func (c *chunks) close() error {
	if c.f == nil {
		return nil
	}
	err := errors.Join(c.w.Flush(), c.f.Close())
	c.f = nil
	if err != nil {
		return fmt.Errorf("synth: %w", err)
	}
	return nil
}

// csvFile is one CSV file with a header row.
type csvFile struct {
	f *os.File
	b *bufio.Writer
	w *csv.Writer
}

func newCSVFile(path string, header []string) (*csvFile, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, fmt.Errorf("synth: %w", err)
	}
	f, err := os.Create(path)
	if err != nil {
		return nil, fmt.Errorf("synth: %w", err)
	}
	b := bufio.NewWriterSize(f, 1<<16)
	c := &csvFile{f: f, b: b, w: csv.NewWriter(b)}
	return c, c.write(header...)
}

func (c *csvFile) write(cols ...string) error {
	if err := c.w.Write(cols); err != nil {
		return fmt.Errorf("synth: %w", err)
	}
	return nil
}

func (c *csvFile) close() error {
	c.w.Flush()
	if err := errors.Join(c.w.Error(), c.b.Flush(), c.f.Close()); err != nil {
		return fmt.Errorf("synth: %w", err)
	}
	return nil
}

// csvRow returns the values of e for the columns cols (CSVColumns of its type); unset
// optional fields are empty, which LOAD CSV reads as null.
func (e *entityRec) csvRow(cols []string) []string {
	out := make([]string, 0, len(cols))
	for _, c := range cols {
		var v string
		switch c {
		case "id":
			v = e.ID
		case "name":
			v = e.Name
		case "nameEn":
			v = deref(e.NameEn)
		case "aliases":
			v = strings.Join(e.Aliases, ListSep)
		case "description":
			v = deref(e.Description)
		case "note":
			v = deref(e.Note)
		case "role":
			v = deref(e.Role)
		case "headcount":
			v = intStr(e.Headcount)
		case "kind":
			v = deref(e.Kind)
		case "area":
			v = deref(e.Area)
		case "year":
			v = intStr(e.Year)
		case "status":
			v = deref(e.Status)
		case "planned":
			v = intStr(e.Planned)
		case "completed":
			v = intStr(e.Completed)
		case "title":
			v = deref(e.Title)
		case "level":
			v = deref(e.Level)
		case "metric":
			v = deref(e.Metric)
		case "value":
			if e.Value != nil {
				v = strconv.FormatFloat(*e.Value, 'f', -1, 64)
			}
		case "unit":
			v = deref(e.Unit)
		case "scope":
			v = deref(e.Scope)
		case "qualifier":
			v = deref(e.Qualifier)
		case "valueBefore":
			if e.ValueBefore != nil {
				v = strconv.FormatFloat(*e.ValueBefore, 'f', -1, 64)
			}
		case "unitBefore":
			v = deref(e.UnitBefore)
		}
		out = append(out, v)
	}
	return append(out[:len(out)-3], srcCols(e.Sources)...)
}

// srcCols returns the evidence as the three list columns srcDocs, srcParas, srcQuotes.
func srcCols(srcs []source) []string {
	docs, paras, quotes := make([]string, len(srcs)), make([]string, len(srcs)), make([]string, len(srcs))
	for i, s := range srcs {
		docs[i], paras[i], quotes[i] = s.Doc, strconv.Itoa(s.Para), s.Quote
	}
	return []string{strings.Join(docs, ListSep), strings.Join(paras, ListSep), strings.Join(quotes, ListSep)}
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

func intStr(p *int) string {
	if p == nil {
		return ""
	}
	return strconv.Itoa(*p)
}
