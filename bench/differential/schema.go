package differential

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"
)

// Schemas are the two servers' schemas, as each serves it (GET /schema.graphql).
type Schemas struct {
	Hub, Lib *ast.Schema
}

// LoadSchemas parses the hub's and the library's SDL.
func LoadSchemas(hubSDL, libSDL string) (*Schemas, error) {
	hub, err := gqlparser.LoadSchema(&ast.Source{Name: "hub.graphql", Input: hubSDL})
	if err != nil {
		return nil, fmt.Errorf("the hub's schema: %w", err)
	}
	lib, err := gqlparser.LoadSchema(&ast.Source{Name: "library.graphql", Input: libSDL})
	if err != nil {
		return nil, fmt.Errorf("the library's schema: %w", err)
	}
	return &Schemas{Hub: hub, Lib: lib}, nil
}

// Validate checks query against both schemas; each result is nil when that schema accepts it.
func (s *Schemas) Validate(query string) (hubErr, libErr error) {
	// nil rules: the specification's validation rules, all of them.
	if _, errs := gqlparser.LoadQueryWithRules(s.Hub, query, nil); len(errs) > 0 {
		hubErr = errs
	}
	if _, errs := gqlparser.LoadQueryWithRules(s.Lib, query, nil); len(errs) > 0 {
		libErr = errs
	}
	return hubErr, libErr
}

// pair is one position in both schemas: the type there in the hub's schema and in the
// library's. hub is nil at a position only the library has (a v7 form the generator was told
// to use although the hub lacks it, see Forms).
type pair struct {
	hub, lib *ast.Definition
}

func (p pair) kind() ast.DefinitionKind { return p.lib.Kind }

// libOnly reports whether the position exists in the library's schema only.
func (p pair) libOnly() bool { return p.hub == nil }

// fieldPair is one field (or input field, or argument) in both schemas.
type fieldPair struct {
	name     string
	hub, lib *ast.FieldDefinition
}

// typ is the library's type of the field (its shape is the hub's too; see shapesAgree).
func (f fieldPair) typ() *ast.Type { return f.lib.Type }

// argPair is one argument of a field in both schemas.
type argPair struct {
	hub, lib *ast.ArgumentDefinition
}

// deprecated reports whether a field is marked @deprecated (the library keeps its 6.x
// filter names next to the 7.x ones, and marks the <field>Aggregate filters the hub has as
// deprecated too: those the hub has are generated, the others are not).
func deprecated(f *ast.FieldDefinition) bool {
	return f.Directives.ForName("deprecated") != nil
}

// shapesAgree reports whether two types have the same list nesting (nullability may differ:
// a query valid in one schema stays valid in the other).
func shapesAgree(a, b *ast.Type) bool {
	for a != nil && b != nil {
		if (a.Elem == nil) != (b.Elem == nil) {
			return false
		}
		a, b = a.Elem, b.Elem
	}
	return a == nil && b == nil
}

// leaf reports whether a named type is a scalar or an enum in sch.
func leaf(sch *ast.Schema, name string) bool {
	d := sch.Types[name]
	return d != nil && (d.Kind == ast.Scalar || d.Kind == ast.Enum)
}

// sameScalar reports whether two scalars take the same literals and give the same JSON:
// the same scalar, or ID and String (the hub's id filters take String for contains,
// startsWith and endsWith, v7's take ID; a string literal is both).
func sameScalar(a, b string) bool {
	str := func(n string) bool { return n == "ID" || n == "String" }
	return a == b || str(a) && str(b)
}

// fields returns the fields of a position that both schemas have with an agreeing shape: leaf
// fields of the same scalar (enums with any name), composite fields whose named types are
// composite in both. Deprecated fields of either side are left out, and so are fields whose
// name starts with "__". With lib-only positions, the library's fields.
func (s *Schemas) fields(p pair) []fieldPair {
	var out []fieldPair
	for _, lf := range p.lib.Fields {
		if strings.HasPrefix(lf.Name, "__") {
			continue
		}
		if p.libOnly() {
			if !deprecated(lf) {
				out = append(out, fieldPair{name: lf.Name, lib: lf})
			}
			continue
		}
		hf := p.hub.Fields.ForName(lf.Name)
		if hf == nil || deprecated(hf) || !shapesAgree(hf.Type, lf.Type) {
			continue
		}
		hn, ln := hf.Type.Name(), lf.Type.Name()
		hl, ll := leaf(s.Hub, hn), leaf(s.Lib, ln)
		if hl != ll {
			continue
		}
		if hl {
			hk, lk := s.Hub.Types[hn].Kind, s.Lib.Types[ln].Kind
			if hk != lk || (hk == ast.Scalar && !sameScalar(hn, ln)) {
				continue
			}
		}
		out = append(out, fieldPair{name: lf.Name, hub: hf, lib: lf})
	}
	return out
}

// field returns one field of a position in both schemas (ok false when it is not in both).
func (s *Schemas) field(p pair, name string) (fieldPair, bool) {
	for _, f := range s.fields(p) {
		if f.name == name {
			return f, true
		}
	}
	return fieldPair{}, false
}

// libField returns a field the library has at a position, whether or not the hub has it:
// for the v7 forms the generator uses behind a switch (Forms).
func (s *Schemas) libField(p pair, name string) (fieldPair, bool) {
	lf := p.lib.Fields.ForName(name)
	if lf == nil {
		return fieldPair{}, false
	}
	if f, ok := s.field(p, name); ok {
		return f, true
	}
	return fieldPair{name: name, lib: lf}, true
}

// sub returns the position of a field's named type.
func (s *Schemas) sub(f fieldPair) pair {
	p := pair{lib: s.Lib.Types[f.lib.Type.Name()]}
	if f.hub != nil {
		p.hub = s.Hub.Types[f.hub.Type.Name()]
	}
	return p
}

// args returns the arguments of a field both schemas have, by name.
func (s *Schemas) args(f fieldPair) map[string]argPair {
	out := map[string]argPair{}
	for _, la := range f.lib.Arguments {
		if la.Directives.ForName("deprecated") != nil {
			continue
		}
		if f.hub == nil {
			out[la.Name] = argPair{lib: la}
			continue
		}
		if ha := f.hub.Arguments.ForName(la.Name); ha != nil && shapesAgree(ha.Type, la.Type) {
			out[la.Name] = argPair{hub: ha, lib: la}
		}
	}
	return out
}

// argPos returns the position of an argument's named type.
func (s *Schemas) argPos(a argPair) pair {
	p := pair{lib: s.Lib.Types[a.lib.Type.Name()]}
	if a.hub != nil {
		p.hub = s.Hub.Types[a.hub.Type.Name()]
	}
	return p
}

// query returns the root position.
func (s *Schemas) query() pair {
	return pair{hub: s.Hub.Query, lib: s.Lib.Query}
}

// possible returns the concrete types of an interface position both schemas have, by name.
func (s *Schemas) possible(p pair) []pair {
	var out []pair
	for _, l := range s.Lib.GetPossibleTypes(p.lib) {
		h := s.Hub.Types[l.Name]
		if p.libOnly() {
			h = nil
		} else if h == nil || !slices.ContainsFunc(s.Hub.GetPossibleTypes(p.hub), func(d *ast.Definition) bool { return d.Name == l.Name }) {
			continue
		}
		out = append(out, pair{hub: h, lib: l})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].lib.Name < out[j].lib.Name })
	return out
}

// SchemaDiff lists what only one of the two schemas offers to a read: the fields, arguments
// and input fields reachable from Query that the other schema lacks at the same position (or
// has with another shape), each as "library only" or "hub only", grouped by name with the
// types where it occurs. The library's deprecated 6.x names are left out.
func (s *Schemas) SchemaDiff() []string {
	type key struct{ side, what, name string }
	found := map[key][]string{}
	seen := map[string]bool{}
	note := func(side, what, name, where string) {
		k := key{side, what, name}
		if !slices.Contains(found[k], where) {
			found[k] = append(found[k], where)
		}
	}
	var walk func(p pair)
	walk = func(p pair) {
		id := p.hub.Name + "|" + p.lib.Name
		if seen[id] || p.hub.Kind != p.lib.Kind {
			return
		}
		seen[id] = true
		what := "field"
		if p.lib.Kind == ast.InputObject {
			what = "input field"
		}
		where := p.lib.Name
		if p.hub.Name != p.lib.Name {
			where = "hub " + p.hub.Name + " / library " + p.lib.Name
		}
		if len(s.fields(p)) == 0 {
			note("different types", what+"s", "(nothing in common)", where)
			return
		}
		common := map[string]bool{}
		for _, f := range s.fields(p) {
			common[f.name] = true
			if !leaf(s.Lib, f.lib.Type.Name()) {
				walk(s.sub(f))
			} else if hn, ln := f.hub.Type.Name(), f.lib.Type.Name(); hn != ln && s.Hub.Types[hn].Kind == ast.Scalar {
				note("other scalar", what, fmt.Sprintf("%s (hub %s, library %s)", f.name, hn, ln), where)
			}
			for _, la := range f.lib.Arguments {
				ha := f.hub.Arguments.ForName(la.Name)
				switch {
				case ha == nil && la.Directives.ForName("deprecated") == nil:
					note("library only", "argument", f.name+"("+la.Name+")", where)
				case ha != nil && !leaf(s.Lib, la.Type.Name()) && shapesAgree(ha.Type, la.Type):
					walk(s.argPos(argPair{hub: ha, lib: la}))
				}
			}
			for _, ha := range f.hub.Arguments {
				if f.lib.Arguments.ForName(ha.Name) == nil {
					note("hub only", "argument", f.name+"("+ha.Name+")", where)
				}
			}
		}
		for _, lf := range p.lib.Fields {
			if !common[lf.Name] && !deprecated(lf) && !strings.HasPrefix(lf.Name, "__") {
				note("library only", what, lf.Name, where)
			}
		}
		for _, hf := range p.hub.Fields {
			if !common[hf.Name] && !strings.HasPrefix(hf.Name, "__") {
				note("hub only", what, hf.Name, where)
			}
		}
	}
	walk(s.query())
	var out []string
	for k, where := range found {
		sort.Strings(where)
		out = append(out, fmt.Sprintf("%s %s %s: %s", k.side, k.what, k.name, strings.Join(where, ", ")))
	}
	sort.Strings(out)
	return out
}
