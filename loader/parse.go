package loader

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/reformhub/hub/internal/access"
	"github.com/reformhub/hub/internal/reform"
)

// datasetIDPattern is the syntax of a dataset id (and of the slug of an entity id).
var datasetIDPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)

// manifestKeys and documentKeys are the keys of the manifest and of one of its documents.
var (
	manifestKeys = []string{"format", "id", "title", "documents", "files"}
	documentKeys = []string{"id", "title", "titleEn", "publisher", "date", "year", "language",
		"paragraphs", "source", "access", "groups"}
	dataFileKeys = []string{"document", "entities", "relationships"}
)

// parser holds the state of one Parse.
type parser struct {
	ps   problems
	dir  string
	ds   *Dataset
	docs map[string]*Document // declared documents by id (the first of repeated ids)
	// The streaming load (stream.go) takes the rows of a file as they are decoded rather
	// than keeping them in ds: onEntity and onRelationship get each with its row number in
	// its file (NDJSON: the n-th non-empty line; YAML: the entities, then the relationships,
	// by their index); want, when set, says which rows to decode at all.
	onEntity       func(e Entity, row int)
	onRelationship func(r Relationship, row int)
	want           func(row int) bool
	// hashLines: readNDJSON sets lineHash to the hash of each line (lineHash) before it asks
	// want and decodes the line.
	hashLines bool
	lineHash  string
}

// addEntity and addRelationship take one decoded row.
func (p *parser) addEntity(e Entity, row int) {
	if p.onEntity != nil {
		p.onEntity(e, row)
		return
	}
	p.ds.Entities = append(p.ds.Entities, e)
}

func (p *parser) addRelationship(r Relationship, row int) {
	if p.onRelationship != nil {
		p.onRelationship(r, row)
		return
	}
	p.ds.Relationships = append(p.ds.Relationships, r)
}

// wanted reports whether row is to be decoded.
func (p *parser) wanted(row int) bool { return p.want == nil || p.want(row) }

// listedFile is one entry of the manifest's files list.
type listedFile struct {
	name string   // as written, relative to the dataset folder
	loc  Location // where the manifest lists it
}

// Parse reads the dataset in the folder dir: its manifest dataset.yaml and the files that
// lists. It validates all of it and returns either the dataset or every problem found as a
// *ValidationError (file paths in the problems are dir joined with the file's name). Other
// errors, such as a missing manifest (errors.Is fs.ErrNotExist), are returned wrapped.
func Parse(dir string) (*Dataset, error) {
	root, p, _, files, ok, err := openDataset(dir)
	if err != nil {
		return nil, err
	}
	defer func() { _ = root.Close() }() // read only
	if ok {
		p.readFiles(root, files)
		p.ps.phase = 1 // after every file's problems on the same line (problems.err)
		p.validate()
	}
	if err := p.ps.err(); err != nil {
		parsed(dir, nil, err)
		return nil, err
	}
	parsed(dir, p.ds, nil)
	return p.ds, nil
}

// openDataset opens the dataset folder dir (the caller closes root) and reads its manifest:
// the parser holding what the manifest says and its problems, the manifest's path and the
// files it lists; ok is false when the manifest has problems (p.ps has them).
func openDataset(dir string) (root *os.Root, p *parser, manifest string, files []listedFile, ok bool, err error) {
	root, err = os.OpenRoot(dir)
	if err != nil {
		return nil, nil, "", nil, false, fmt.Errorf("open dataset folder: %w", err)
	}
	manifest = filepath.Join(dir, ManifestFile)
	data, err := readCapped(root, ManifestFile)
	if err != nil {
		_ = root.Close()
		if errors.Is(err, errTooLarge) {
			return nil, nil, "", nil, false, &ValidationError{Problems: []Problem{{File: manifest,
				Msg: fmt.Sprintf("file is larger than %d bytes", MaxFileBytes)}}}
		}
		return nil, nil, "", nil, false, fmt.Errorf("read dataset manifest: %w", err)
	}
	p = &parser{dir: dir, docs: map[string]*Document{}}
	files, ok = p.manifest(manifest, data)
	return root, p, manifest, files, ok, nil
}

// parsed is called with what each Parse returns: the package's tests check that Scan of the
// same folder agrees.
var parsed = func(dir string, ds *Dataset, err error) {}

// manifest decodes dataset.yaml into p.ds and returns the files it lists. It returns false
// when the manifest is unusable (not YAML, not a mapping, or another format version), in which
// case nothing else is read.
func (p *parser) manifest(file string, data []byte) ([]listedFile, bool) {
	n := decodeFile(&p.ps, file, data)
	if n == nil {
		return nil, false
	}
	f := mapping(&p.ps, file, "", n)
	if f == nil {
		return nil, false
	}
	format := f.str("format", true)
	if format == nil {
		return nil, false
	}
	if *format != FormatVersion {
		f.problem(f.get("format", true), "format %q is not supported (want %q)", *format, FormatVersion)
		return nil, false
	}
	f.checkKeys(oneOf(manifestKeys), func(k string) string {
		return fmt.Sprintf("unknown key %q (want %s)", k, strings.Join(manifestKeys, ", "))
	})

	p.ds = &Dataset{Dir: p.dir, Loc: f.loc()}
	if id := f.str("id", true); id != nil {
		if !datasetIDPattern.MatchString(*id) {
			f.problem(f.get("id", true), "dataset id %q must be lower-case letters, digits and '-'", *id)
		}
		p.ds.ID = *id
	}
	if title := f.str("title", true); title != nil {
		p.ds.Title = *title
	}
	docs := f.list("documents", true)
	if docs != nil && len(docs) == 0 {
		f.problem(f.get("documents", true), "documents: at least one document is required")
	}
	for i, dn := range docs {
		p.document(file, i, dn)
	}
	return p.fileList(f), true
}

// document decodes the i-th entry of the manifest's documents.
func (p *parser) document(file string, i int, n *yaml.Node) {
	f := mapping(&p.ps, file, fmt.Sprintf("document #%d", i+1), n)
	if f == nil {
		return
	}
	d := Document{Loc: f.loc()}
	if id := f.str("id", true); id != nil {
		d.ID = *id
		f.ctx = "document " + d.ID
		if msg := checkID(d.ID, reform.TypeDocument); msg != "" {
			f.problem(f.get("id", true), "%s", msg)
		}
	}
	f.checkKeys(oneOf(documentKeys), func(k string) string {
		return fmt.Sprintf("unknown field %q (want %s)", k, strings.Join(documentKeys, ", "))
	})
	if title := f.str("title", true); title != nil {
		d.Title = *title
	}
	d.TitleEn = f.str("titleEn", false)
	d.Publisher = f.str("publisher", false)
	if d.Date = f.str("date", false); d.Date != nil && !validDate(*d.Date) {
		f.problem(f.get("date", false), "date %q must be YYYY, YYYY-MM or YYYY-MM-DD", *d.Date)
		d.Date = nil
	}
	d.Year = f.int("year", false)
	d.Language = f.str("language", false)
	if paras := f.int("paragraphs", true); paras != nil {
		if *paras < 1 {
			f.problem(f.get("paragraphs", true), "paragraphs must be at least 1, got %d", *paras)
		} else {
			d.Paragraphs = *paras
		}
	}
	d.Source = f.str("source", false)
	p.documentAccess(f, &d)

	p.ds.Documents = append(p.ds.Documents, d)
	if _, dup := p.docs[d.ID]; d.ID != "" && !dup {
		p.docs[d.ID] = &p.ds.Documents[len(p.ds.Documents)-1]
	}
}

// documentAccess decodes who may read document d (access, groups): public when access is
// absent; restricted needs groups, which no other access takes.
func (p *parser) documentAccess(f *fields, d *Document) {
	d.Access = access.Public
	if a := f.str("access", false); a != nil {
		switch lvl := access.Level(*a); lvl {
		case access.Public, access.Internal, access.Restricted:
			d.Access = lvl
		default:
			f.problem(f.get("access", false), "access %q must be public, internal or restricted", *a)
		}
	}
	groups := f.strList("groups")
	for _, g := range groups {
		if msg := access.CheckGroup(g); msg != "" {
			f.problem(f.get("groups", false), "groups: %s", msg)
		}
	}
	switch {
	case d.Access == access.Restricted && len(groups) == 0 && f.get("groups", false) == nil:
		f.problem(f.get("access", false), "access restricted needs groups: the groups whose members may read it")
	case d.Access == access.Restricted && len(groups) == 0:
		f.problem(f.get("groups", false), "groups: at least one group is required for access restricted")
	case d.Access != access.Restricted && f.get("groups", false) != nil:
		f.problem(f.get("groups", false), "groups apply only to access restricted (this document is %s)", d.Access)
	default:
		slices.Sort(groups)
		d.Groups = groups
	}
}

// validDate reports whether s is an ISO date or its year or year-month prefix.
func validDate(s string) bool {
	for _, layout := range []string{"2006", "2006-01", "2006-01-02"} {
		if len(s) == len(layout) {
			if _, err := time.Parse(layout, s); err == nil {
				return true
			}
		}
	}
	return false
}

// fileList returns the manifest's files entries that name a file inside the dataset folder,
// reporting the others.
func (p *parser) fileList(f *fields) []listedFile {
	var out []listedFile
	seen := map[string]int{}
	for _, n := range f.list("files", true) {
		loc := Location{f.file, n.Line}
		if n.Kind != yaml.ScalarNode || n.ShortTag() != "!!str" || strings.TrimSpace(n.Value) == "" {
			p.ps.add(loc, "files: items must be file names, got %s", describe(n))
			continue
		}
		name := n.Value
		clean := filepath.Clean(filepath.FromSlash(name))
		switch {
		case !filepath.IsLocal(clean):
			p.ps.add(loc, "files: %q is not inside the dataset folder", name)
		case clean == ManifestFile:
			p.ps.add(loc, "files: %q is the manifest itself", name)
		case seen[clean] != 0:
			p.ps.add(loc, "files: %q is listed twice (first at line %d)", name, seen[clean])
		default:
			seen[clean] = n.Line
			out = append(out, listedFile{name: clean, loc: loc})
		}
	}
	return out
}

// readFiles reads the listed files, several at a time, and appends their entities,
// relationships and problems to p in the manifest's order.
func (p *parser) readFiles(root *os.Root, files []listedFile) {
	subs := make([]*parser, len(files))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(files)) {
		wg.Go(func() {
			for i := range next {
				sub := &parser{dir: p.dir, docs: p.docs, ds: &Dataset{}}
				sub.ps.k1 = int64(i) + 1
				if isNDJSON(files[i].name) {
					sub.readNDJSON(root, files[i])
				} else {
					sub.readDataFile(root, files[i])
				}
				subs[i] = sub
			}
		})
	}
	for i := range files {
		next <- i
	}
	close(next)
	wg.Wait()
	ne, nr := len(p.ds.Entities), len(p.ds.Relationships)
	for _, sub := range subs {
		ne += len(sub.ds.Entities)
		nr += len(sub.ds.Relationships)
	}
	p.ds.Entities = slices.Grow(p.ds.Entities, ne-len(p.ds.Entities))
	p.ds.Relationships = slices.Grow(p.ds.Relationships, nr-len(p.ds.Relationships))
	for _, sub := range subs {
		p.ds.Entities = append(p.ds.Entities, sub.ds.Entities...)
		p.ds.Relationships = append(p.ds.Relationships, sub.ds.Relationships...)
		p.ps.addAll(&sub.ps)
	}
}

// readDataFile reads one listed file through root (which keeps it inside the dataset folder,
// symbolic links included) and decodes its entities and relationships.
func (p *parser) readDataFile(root *os.Root, lf listedFile) {
	data, err := readCapped(root, lf.name)
	if err != nil {
		if errors.Is(err, errTooLarge) {
			p.ps.add(Location{File: filepath.Join(p.dir, lf.name)},
				"file is larger than %d bytes; split it into several files", MaxFileBytes)
			p.ps.add(lf.loc, "files: %q is too large", lf.name)
		} else if errors.Is(err, fs.ErrNotExist) {
			p.ps.add(lf.loc, "files: %q does not exist", lf.name)
		} else {
			p.ps.add(lf.loc, "files: cannot read %q: %v", lf.name, err)
		}
		return
	}
	file := filepath.Join(p.dir, lf.name)
	n := decodeFile(&p.ps, file, data)
	if n == nil {
		return
	}
	f := mapping(&p.ps, file, "", n)
	if f == nil {
		return
	}
	f.checkKeys(oneOf(dataFileKeys), func(k string) string {
		return fmt.Sprintf("unknown key %q (want %s)", k, strings.Join(dataFileKeys, ", "))
	})
	if f.get("entities", false) == nil && f.get("relationships", false) == nil {
		p.ps.add(f.loc(), "file holds neither entities nor relationships")
	}
	def := defaultDoc{}
	if id := f.str("document", false); id != nil {
		if _, ok := p.docs[*id]; ok {
			def.id = *id
		} else {
			f.problem(f.get("document", false), "document %q is not declared in %s", *id, ManifestFile)
			def.unknown = true
		}
	}
	entities := f.list("entities", false)
	for i, n := range entities {
		if !p.wanted(i) {
			continue
		}
		if e, ok := p.entity(file, i, n, def); ok {
			p.addEntity(e, i)
		}
	}
	for i, n := range f.list("relationships", false) {
		if !p.wanted(len(entities) + i) {
			continue
		}
		if r, ok := p.relationship(file, i, n, def); ok {
			p.addRelationship(r, len(entities)+i)
		}
	}
}

// oneOf returns a predicate that reports whether a key is one of keys.
func oneOf(keys []string) func(string) bool {
	return func(k string) bool { return slices.Contains(keys, k) }
}

// MaxFileBytes caps the size of each dataset file (the manifest and every listed file), so that
// a runaway file is refused before it is read into memory rather than exhausting it.
const MaxFileBytes = 16 << 20

var errTooLarge = errors.New("file too large")

// readCapped reads name through root, refusing files larger than MaxFileBytes without
// reading them.
func readCapped(root *os.Root, name string) ([]byte, error) {
	f, err := root.Open(name)
	if err != nil {
		return nil, err
	}
	defer func() { _ = f.Close() }()
	data, err := io.ReadAll(io.LimitReader(f, MaxFileBytes+1))
	if err != nil {
		return nil, err
	}
	if len(data) > MaxFileBytes {
		return nil, errTooLarge
	}
	return data, nil
}
