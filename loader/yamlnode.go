package loader

import (
	"bytes"
	"errors"
	"io"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// yamlErrLine extracts the line from the yaml package's syntax errors ("yaml: line 3: …").
var yamlErrLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// decodeFile checks that data is valid UTF-8 holding exactly one YAML document and returns
// that document's top-level node, or nil after reporting why there is none.
func decodeFile(ps *problems, file string, data []byte) *yaml.Node {
	if !utf8.Valid(data) {
		ps.add(Location{file, invalidUTF8Line(data)}, "invalid UTF-8")
		return nil
	}
	if i := bytes.IndexByte(data, 0); i >= 0 {
		ps.add(Location{file, 1 + bytes.Count(data[:i], []byte("\n"))}, "NUL byte (a binary or corrupted file?)")
		return nil
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			ps.add(Location{file, 1}, "file is empty")
			return nil
		}
		addYAMLError(ps, file, data, err)
		return nil
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); err == nil {
		ps.add(Location{file, extra.Line}, "file holds more than one YAML document")
		return nil
	} else if !errors.Is(err, io.EOF) {
		addYAMLError(ps, file, data, err)
		return nil
	}
	if len(doc.Content) == 0 {
		ps.add(Location{file, 1}, "file is empty")
		return nil
	}
	return resolve(doc.Content[0])
}

// parserProblems are the messages of the YAML parser's (as opposed to its scanner's) errors.
// For these the yaml package reports a 0-based line (and none for the first line), for
// scanner errors a 1-based one.
var parserProblems = []string{
	"did not find expected <stream-start>",
	"did not find expected <document start>",
	"found undefined tag handle",
	"did not find expected node content",
	"did not find expected '-' indicator",
	"did not find expected key",
	"did not find expected ',' or ']'",
	"did not find expected ',' or '}'",
	"found duplicate %YAML directive",
	"found incompatible YAML document",
	"found duplicate %TAG directive",
}

// unknownAnchor matches the yaml package's error for an alias to an undefined anchor.
var unknownAnchor = regexp.MustCompile(`^unknown anchor '(.*)' referenced$`)

// addYAMLError reports a yaml error in data at the line it concerns: the line the yaml package
// names (made 1-based), or the line of an undefined alias, or 0 when it is unknown. For an
// error inside a construct, the yaml package names the line where the construct starts.
func addYAMLError(ps *problems, file string, data []byte, err error) {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	line := 0
	if m := yamlErrLine.FindStringSubmatch(err.Error()); m != nil {
		line, _ = strconv.Atoi(m[1])
		msg = m[2]
	}
	switch {
	case slices.Contains(parserProblems, msg):
		line++ // 0-based, and absent (0) on the first line
	case unknownAnchor.MatchString(msg):
		name := unknownAnchor.FindStringSubmatch(msg)[1]
		if i := bytes.Index(data, []byte("*"+name)); i >= 0 {
			line = bytes.Count(data[:i], []byte("\n")) + 1
		}
	case line == 0 && !strings.Contains(msg, "anchor") && !strings.Contains(msg, "alias"):
		line = 1 // a scanner error on the first line
	}
	ps.add(Location{file, line}, "invalid YAML: %s", msg)
}

// invalidUTF8Line returns the 1-based line of the first byte of data that is not valid UTF-8.
func invalidUTF8Line(data []byte) int {
	line := 1
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size <= 1 {
			return line
		}
		if data[i] == '\n' {
			line++
		}
		i += size
	}
	return line
}

// resolve follows YAML aliases (*anchor) to the node they stand for.
func resolve(n *yaml.Node) *yaml.Node {
	for n != nil && n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	return n
}

// describe names the YAML type of n for messages.
func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		switch n.ShortTag() {
		case "!!str":
			return "a string"
		case "!!int":
			return "an integer"
		case "!!float":
			return "a number"
		case "!!bool":
			return "a boolean"
		case "!!null":
			return "null"
		}
		return "a value tagged " + n.ShortTag()
	}
	return "an unsupported YAML node"
}

// isNull reports whether n is an explicit null (`~`, `null` or nothing), which counts as absent.
func isNull(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null"
}

// pair is one key and its value in a YAML mapping.
type pair struct {
	key, val *yaml.Node
}

// fields is a decoded YAML mapping whose values are read by key. Every problem it finds is
// reported with the message prefix ctx (e.g. `entity task/foo`) at the line of the value.
type fields struct {
	ps   *problems
	file string
	ctx  string
	node *yaml.Node
	keys []string // in file order
	vals map[string]pair
	dups []*yaml.Node // repeated keys, reported by checkKeys
}

// mapping returns n as fields, or nil (after reporting) when n is not a mapping. Of a repeated
// key the first occurrence counts; checkKeys reports the others.
func mapping(ps *problems, file, ctx string, n *yaml.Node) *fields {
	n = resolve(n)
	if n.Kind != yaml.MappingNode {
		ps.add(Location{file, n.Line}, "%sexpected a mapping, got %s", prefix(ctx), describe(n))
		return nil
	}
	f := &fields{ps: ps, file: file, ctx: ctx, node: n, vals: map[string]pair{}}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := resolve(n.Content[i]), resolve(n.Content[i+1])
		if k.Kind != yaml.ScalarNode {
			f.problem(k, "keys must be plain strings, got %s", describe(k))
			continue
		}
		if _, dup := f.vals[k.Value]; dup {
			f.dups = append(f.dups, k)
			continue
		}
		f.keys = append(f.keys, k.Value)
		f.vals[k.Value] = pair{k, v}
	}
	return f
}

// prefix formats a message context as "ctx: ", or nothing when ctx is empty.
func prefix(ctx string) string {
	if ctx == "" {
		return ""
	}
	return ctx + ": "
}

// problem reports a problem at the line of n.
func (f *fields) problem(n *yaml.Node, format string, args ...any) {
	f.ps.add(Location{f.file, n.Line}, prefix(f.ctx)+format, args...)
}

// loc returns the location of the mapping itself.
func (f *fields) loc() Location {
	return Location{f.file, f.node.Line}
}

// checkKeys reports repeated keys, and every key for which allowed is false with msg
// formatting the message. Callers set f.ctx before, so that messages name what is wrong.
func (f *fields) checkKeys(allowed func(key string) bool, msg func(key string) string) {
	for _, k := range f.dups {
		f.problem(k, "key %q is repeated (first at line %d)", k.Value, f.vals[k.Value].key.Line)
	}
	for _, k := range f.keys {
		if !allowed(k) {
			f.problem(f.vals[k].key, "%s", msg(k))
		}
	}
}

// get returns the value of key, or nil when it is absent or null. A missing required key is
// reported.
func (f *fields) get(key string, required bool) *yaml.Node {
	p, ok := f.vals[key]
	if !ok || isNull(p.val) {
		if required {
			line := f.node.Line
			if ok {
				line = p.key.Line
			}
			f.ps.add(Location{f.file, line}, "%smissing required field %q", prefix(f.ctx), key)
		}
		return nil
	}
	return p.val
}

// str returns the string value of key, or nil when it is absent or not a non-blank string.
func (f *fields) str(key string, required bool) *string {
	n := f.get(key, required)
	if n == nil {
		return nil
	}
	if n.Kind != yaml.ScalarNode || n.ShortTag() != "!!str" {
		f.problem(n, "field %q must be a string, got %s", key, describe(n))
		return nil
	}
	if strings.TrimSpace(n.Value) == "" {
		f.problem(n, "field %q must not be empty", key)
		return nil
	}
	if len(n.Value) > MaxIndexedBytes && !slices.Contains(freeText, key) {
		f.problem(n, "field %q is %d bytes long; at most %d (the hub indexes it; put long text in description or note)",
			key, len(n.Value), MaxIndexedBytes)
		return nil
	}
	return &n.Value
}

// MaxIndexedBytes is the longest value of a string field other than the free text (freeText):
// the hub keeps a range index on the fields it filters and sorts by (`hub migrate`), and Neo4j
// refuses a value of more than about 8 KB in one — so a longer name would fail the load half-way
// instead of here, with its place in the file.
const MaxIndexedBytes = 4096

// freeText are the fields no index holds, which may be as long as they need.
var freeText = []string{"description", "note"}

// int returns the integer value of key, or nil when it is absent or not an integer.
func (f *fields) int(key string, required bool) *int64 {
	n := f.get(key, required)
	if n == nil {
		return nil
	}
	var v int64
	if n.Kind != yaml.ScalarNode || n.ShortTag() != "!!int" || n.Decode(&v) != nil {
		f.problem(n, "field %q must be an integer, got %s", key, describe(n))
		return nil
	}
	return &v
}

// float returns the numeric value of key (an integer or a finite number), or nil.
func (f *fields) float(key string) *float64 {
	n := f.get(key, false)
	if n == nil {
		return nil
	}
	var v float64
	tag := n.ShortTag()
	if n.Kind != yaml.ScalarNode || (tag != "!!int" && tag != "!!float") || n.Decode(&v) != nil {
		f.problem(n, "field %q must be a number, got %s", key, describe(n))
		return nil
	}
	if math.IsNaN(v) || math.IsInf(v, 0) {
		f.problem(n, "field %q must be a finite number, got %s", key, n.Value)
		return nil
	}
	return &v
}

// bool returns the boolean value of key, or nil.
func (f *fields) bool(key string) *bool {
	n := f.get(key, false)
	if n == nil {
		return nil
	}
	var v bool
	if n.Kind != yaml.ScalarNode || n.ShortTag() != "!!bool" || n.Decode(&v) != nil {
		f.problem(n, "field %q must be true or false, got %s", key, describe(n))
		return nil
	}
	return &v
}

// list returns the items of the list value of key, or nil when it is absent or not a list.
func (f *fields) list(key string, required bool) []*yaml.Node {
	n := f.get(key, required)
	if n == nil {
		return nil
	}
	if n.Kind != yaml.SequenceNode {
		f.problem(n, "field %q must be a list, got %s", key, describe(n))
		return nil
	}
	items := make([]*yaml.Node, len(n.Content))
	for i, it := range n.Content {
		items[i] = resolve(it)
	}
	return items
}

// strList returns the non-blank strings of the list value of key; blank, repeated and
// non-string items are reported and left out.
func (f *fields) strList(key string) []string {
	var out []string
	seen := map[string]bool{}
	for _, n := range f.list(key, false) {
		switch {
		case n.Kind != yaml.ScalarNode || n.ShortTag() != "!!str":
			f.problem(n, "%s: items must be strings, got %s", key, describe(n))
		case strings.TrimSpace(n.Value) == "":
			f.problem(n, "%s: items must not be empty", key)
		case len(n.Value) > MaxIndexedBytes:
			f.problem(n, "%s: an item is %d bytes long; at most %d", key, len(n.Value), MaxIndexedBytes)
		case seen[n.Value]:
			f.problem(n, "%s: %q is listed twice", key, n.Value)
		default:
			seen[n.Value] = true
			out = append(out, n.Value)
		}
	}
	return out
}
