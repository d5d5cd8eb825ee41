package loader

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/reformhub/hub/internal/reform"
)

// idPattern is the syntax of an entity id: <prefix>/<slug>.
var idPattern = regexp.MustCompile(`^([a-z]+/)([a-z0-9][a-z0-9-]*)$`)

// relationshipKeys and sourceKeys are the keys of a relationship and of an evidence entry.
var (
	relationshipKeys = []string{"type", "from", "to", "implied", "note", "sources"}
	sourceKeys       = []string{"doc", "para", "quote"}
)

// defaultDoc is a file's default document for its evidence.
type defaultDoc struct {
	id      string // "" when the file names none (or names an unknown one)
	unknown bool   // the file names a document that is not declared (already reported)
}

// checkID returns why id is not a valid id for an entity of type t, or "".
func checkID(id string, t reform.EntityType) string {
	m := idPattern.FindStringSubmatch(id)
	if m == nil {
		return fmt.Sprintf("id %q is not of the form <prefix>/<slug> (slug: lower-case a-z, 0-9 and '-')", id)
	}
	if want, ok := reform.IDPrefix[t]; ok && m[1] != want {
		return fmt.Sprintf("id %q must start with %q for type %s", id, want, t)
	}
	return ""
}

// entity decodes the i-th entry of a file's entities. It returns false when the entry is not
// a mapping at all.
func (p *parser) entity(file string, i int, n *yaml.Node, def defaultDoc) (Entity, bool) {
	f := mapping(&p.ps, file, fmt.Sprintf("entity #%d", i+1), n)
	if f == nil {
		return Entity{}, false
	}
	e := Entity{Loc: f.loc()}
	if id := f.str("id", true); id != nil {
		e.ID = *id
		f.ctx = "entity " + e.ID
	}
	typeOK := false
	if t := f.str("type", true); t != nil {
		switch et := reform.EntityType(*t); {
		case et == reform.TypeDocument:
			f.problem(f.get("type", true), "documents are declared in %s, not as entities", ManifestFile)
		case !et.Valid():
			f.problem(f.get("type", true), "unknown entity type %q (want %s)", *t, entityTypeList())
		default:
			e.Type, typeOK = et, true
		}
	}
	if e.ID != "" {
		if msg := checkID(e.ID, e.Type); msg != "" {
			f.problem(f.get("id", true), "%s", msg)
		}
	}
	f.checkKeys(func(k string) bool {
		if slices.Contains(commonFields, k) {
			return true
		}
		if !typeOK {
			return isTypeField(k) // the type is already reported; don't guess at its fields
		}
		_, ok := reform.TypeField(e.Type, k)
		return ok
	}, func(k string) string {
		if typeOK {
			return fmt.Sprintf("unknown field %q for type %s", k, e.Type)
		}
		return fmt.Sprintf("unknown field %q", k)
	})

	if name := f.str("name", true); name != nil {
		e.Name = *name
	}
	e.NameEn = f.str("nameEn", false)
	e.Aliases = f.strList("aliases")
	e.Description = f.str("description", false)
	e.Note = f.str("note", false)
	if typeOK {
		p.typeFields(f, &e)
	}
	e.Sources = p.sources(f, def)
	return e, true
}

// typeFields decodes and checks the type-specific fields of e.
func (p *parser) typeFields(f *fields, e *Entity) {
	for _, spec := range reform.TypeFields(e.Type) {
		switch spec.Kind {
		case reform.KindString:
			*e.stringField(spec.Name) = f.str(spec.Name, false)
		case reform.KindEnum:
			v := f.str(spec.Name, false)
			if v != nil && !slices.Contains(spec.Enum, *v) {
				f.problem(f.get(spec.Name, false), "%s %q is not one of %s",
					spec.Name, *v, strings.Join(spec.Enum, ", "))
				v = nil
			}
			*e.stringField(spec.Name) = v
		case reform.KindInt:
			v := f.int(spec.Name, false)
			if v != nil && spec.Min != nil && *v < *spec.Min {
				f.problem(f.get(spec.Name, false), "%s must be at least %d, got %d", spec.Name, *spec.Min, *v)
				v = nil
			}
			*e.intField(spec.Name) = v
		case reform.KindFloat:
			*e.floatField(spec.Name) = f.float(spec.Name)
		}
	}
}

// relationship decodes the i-th entry of a file's relationships. It returns false when the
// entry is not a mapping at all.
func (p *parser) relationship(file string, i int, n *yaml.Node, def defaultDoc) (Relationship, bool) {
	f := mapping(&p.ps, file, fmt.Sprintf("relationship #%d", i+1), n)
	if f == nil {
		return Relationship{}, false
	}
	r := Relationship{Loc: f.loc()}
	if t := f.str("type", true); t != nil {
		f.ctx = "relationship " + *t
		if rt := reform.RelType(*t); rt.Valid() {
			r.Type = rt
		} else {
			f.problem(f.get("type", true), "unknown relationship type %q (want %s)", *t, relTypeList())
		}
	}
	f.checkKeys(oneOf(relationshipKeys), func(k string) string {
		return fmt.Sprintf("unknown field %q (want %s)", k, strings.Join(relationshipKeys, ", "))
	})
	if from := f.str("from", true); from != nil {
		r.From = *from
		r.fromLoc = Location{file, f.get("from", true).Line}
	}
	if to := f.str("to", true); to != nil {
		r.To = *to
		r.toLoc = Location{file, f.get("to", true).Line}
	}
	if implied := f.bool("implied"); implied != nil {
		r.Implied = *implied
	}
	r.Note = f.str("note", false)
	r.Sources = p.sources(f, def)
	return r, true
}

// sources decodes the evidence list of an entity or relationship and checks each entry
// against the declared documents.
func (p *parser) sources(f *fields, def defaultDoc) []Source {
	items := f.list("sources", true)
	if items != nil && len(items) == 0 {
		f.problem(f.get("sources", true), "sources: at least one source is required")
	}
	var out []Source
	seen := map[Source]int{}
	for i, n := range items {
		sf := mapping(f.ps, f.file, fmt.Sprintf("%s: source %d", f.ctx, i+1), n)
		if sf == nil {
			continue
		}
		sf.checkKeys(oneOf(sourceKeys), func(k string) string {
			return fmt.Sprintf("unknown field %q (want %s)", k, strings.Join(sourceKeys, ", "))
		})
		s := Source{Loc: sf.loc()}
		para := sf.int("para", true)
		if para != nil {
			s.Para = *para
		}
		if quote := sf.str("quote", true); quote != nil {
			s.Quote = *quote
			if n := utf8.RuneCountInString(s.Quote); n > reform.MaxQuoteLength {
				sf.problem(sf.get("quote", true), "quote is %d characters long (at most %d)", n, reform.MaxQuoteLength)
			}
		}
		p.sourceDoc(sf, &s, para != nil, def)
		key := Source{Doc: s.Doc, Para: s.Para, Quote: s.Quote}
		if first, dup := seen[key]; dup {
			sf.problem(n, "repeats source %d", first)
		} else {
			seen[key] = i + 1
		}
		out = append(out, s)
	}
	return out
}

// sourceDoc sets the document of s (its own `doc`, or the file's default) and checks that
// the document is declared and, when hasPara, that s.Para is one of its paragraphs.
func (p *parser) sourceDoc(sf *fields, s *Source, hasPara bool, def defaultDoc) {
	var d *Document
	if id := sf.str("doc", false); id != nil {
		s.Doc = *id
		if d = p.docs[*id]; d == nil {
			sf.problem(sf.get("doc", false), "doc %q is not declared in %s", *id, ManifestFile)
			return
		}
	} else {
		if def.unknown {
			return // the file's default document is unknown: reported once at its line
		}
		if def.id == "" {
			sf.problem(sf.node, "missing doc (and the file sets no default document)")
			return
		}
		s.Doc, d = def.id, p.docs[def.id]
	}
	if hasPara && (s.Para < 1 || (d.Paragraphs > 0 && s.Para > d.Paragraphs)) {
		sf.problem(sf.get("para", false), "para %d is out of range for %s (1..%d)", s.Para, d.ID, d.Paragraphs)
	}
}

// entityTypeList lists the entity types a dataset file may declare.
func entityTypeList() string {
	var names []string
	for _, t := range reform.EntityTypes {
		if t != reform.TypeDocument {
			names = append(names, string(t))
		}
	}
	return strings.Join(names, ", ")
}

// relTypeList lists the relationship types.
func relTypeList() string {
	names := make([]string, len(reform.RelTypes))
	for i, t := range reform.RelTypes {
		names[i] = string(t)
	}
	return strings.Join(names, ", ")
}
