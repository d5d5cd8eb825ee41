package loader

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/reformhub/hub/internal/reform"
	"github.com/reformhub/hub/internal/store"
)

// NDJSON data files (the compact format for large datasets, see data/README.md): a listed
// file whose name ends in .ndjson or .jsonl holds one JSON object per line, each an entity or
// a relationship with exactly the keys of the YAML format. A line becomes the same YAML node
// tree a YAML file would give (every node at the line's number), and then goes through the
// same decoding and checks, so both formats accept and refuse the same facts with the same
// messages. NDJSON files have no default document: every source names its `doc`.

// MaxLineBytes caps one line of an NDJSON file. NDJSON files are read line by line, so
// MaxFileBytes does not apply to them.
const MaxLineBytes = 1 << 20

// isNDJSON reports whether a listed file is in the NDJSON format.
func isNDJSON(name string) bool {
	ext := strings.ToLower(filepath.Ext(name))
	return ext == ".ndjson" || ext == ".jsonl"
}

// readNDJSON reads one listed NDJSON file through root and decodes its entities and
// relationships.
func (p *parser) readNDJSON(root *os.Root, lf listedFile) {
	f, err := root.Open(lf.name)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			p.ps.add(lf.loc, "files: %q does not exist", lf.name)
		} else {
			p.ps.add(lf.loc, "files: cannot read %q: %v", lf.name, err)
		}
		return
	}
	defer func() { _ = f.Close() }()
	file := filepath.Join(p.dir, lf.name)
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 64<<10), MaxLineBytes)
	line, rows := 0, 0
	for sc.Scan() {
		line++
		b := bytes.TrimSpace(sc.Bytes())
		if len(b) == 0 {
			continue
		}
		rows++
		if p.hashLines {
			p.lineHash = lineHash(b)
		}
		if !p.wanted(rows - 1) {
			continue
		}
		if !utf8.Valid(b) {
			p.ps.add(Location{file, line}, "invalid UTF-8")
			continue
		}
		n, err := jsonLine(b, line)
		if err != nil {
			p.ps.add(Location{file, line}, "invalid JSON: %v", err)
			continue
		}
		if isRelationship(n) {
			if r, ok := p.relationship(file, rows-1, n, defaultDoc{}); ok {
				p.addRelationship(r, rows-1)
			}
		} else if e, ok := p.entity(file, rows-1, n, defaultDoc{}); ok {
			p.addEntity(e, rows-1)
		}
	}
	if err := sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			p.ps.add(Location{file, line + 1}, "line is longer than %d bytes", MaxLineBytes)
		} else {
			p.ps.add(lf.loc, "files: cannot read %q: %v", lf.name, err)
		}
		return
	}
	if rows == 0 {
		p.ps.add(Location{file, 0}, "file holds neither entities nor relationships")
	}
}

// lineHash is the hash of a data file line (without its surrounding white space), as a
// dataset's manifest in the graph records it for each fact read from a line of its own: a
// sync that finds the same line again knows the fact it states without decoding it. The
// prefix names what a line means: a new format version would change it.
func lineHash(b []byte) string {
	h := sha256.New()
	h.Write([]byte(FormatVersion + " line\x00"))
	h.Write(b)
	var sum [sha256.Size]byte
	return string(h.Sum(sum[:0])[:store.LineHashBytes])
}

// isRelationship reports whether the line's object is a relationship: its type is a
// relationship type, or it has no valid entity type but has a from or to key.
func isRelationship(n *yaml.Node) bool {
	if n.Kind != yaml.MappingNode {
		return false
	}
	hasEnds := false
	for i := 0; i+1 < len(n.Content); i += 2 {
		switch k, v := n.Content[i].Value, n.Content[i+1]; k {
		case "type":
			if reform.RelType(v.Value).Valid() {
				return true
			}
			if reform.EntityType(v.Value).Valid() {
				return false
			}
		case "from", "to":
			hasEnds = true
		}
	}
	return hasEnds
}

// jsonLine decodes one JSON value into a YAML node tree, every node at line. It is a small
// recursive-descent parser: encoding/json's token API allocates too much for millions of lines.
func jsonLine(b []byte, line int) (*yaml.Node, error) {
	d := &jsonDec{b: b, line: line}
	n, err := d.value(0)
	if err != nil {
		return nil, err
	}
	if d.skip(); d.i < len(d.b) {
		return nil, fmt.Errorf("unexpected %q after the value", d.b[d.i])
	}
	return n, nil
}

// jsonDec is the state of jsonLine.
type jsonDec struct {
	b    []byte
	i    int
	line int
}

// maxJSONDepth bounds the nesting of a line's value.
const maxJSONDepth = 32

func (d *jsonDec) skip() {
	for d.i < len(d.b) && (d.b[d.i] == ' ' || d.b[d.i] == '\t' || d.b[d.i] == '\r' || d.b[d.i] == '\n') {
		d.i++
	}
}

func (d *jsonDec) value(depth int) (*yaml.Node, error) {
	if depth > maxJSONDepth {
		return nil, errors.New("nested too deeply")
	}
	d.skip()
	if d.i >= len(d.b) {
		return nil, io.ErrUnexpectedEOF
	}
	switch c := d.b[d.i]; {
	case c == '{' || c == '[':
		return d.container(depth)
	case c == '"':
		s, err := d.str()
		if err != nil {
			return nil, err
		}
		return scalar("!!str", s, d.line), nil
	case c == '-' || (c >= '0' && c <= '9'):
		start := d.i
		for d.i < len(d.b) && strings.IndexByte("+-0123456789.eE", d.b[d.i]) >= 0 {
			d.i++
		}
		num := string(d.b[start:d.i])
		if !json.Valid([]byte(num)) {
			return nil, fmt.Errorf("invalid number %q", num)
		}
		if strings.ContainsAny(num, ".eE") {
			return scalar("!!float", num, d.line), nil
		}
		return scalar("!!int", num, d.line), nil
	}
	for _, lit := range []struct{ word, tag string }{{"true", "!!bool"}, {"false", "!!bool"}, {"null", "!!null"}} {
		if bytes.HasPrefix(d.b[d.i:], []byte(lit.word)) {
			d.i += len(lit.word)
			return scalar(lit.tag, lit.word, d.line), nil
		}
	}
	return nil, fmt.Errorf("unexpected %q", d.b[d.i])
}

// container decodes an object or an array (d.b[d.i] is '{' or '[').
func (d *jsonDec) container(depth int) (*yaml.Node, error) {
	kind, tag, end := yaml.MappingNode, "!!map", byte('}')
	if d.b[d.i] == '[' {
		kind, tag, end = yaml.SequenceNode, "!!seq", ']'
	}
	d.i++
	n := &yaml.Node{Kind: kind, Tag: tag, Line: d.line}
	for first := true; ; first = false {
		d.skip()
		if d.i < len(d.b) && d.b[d.i] == end && first {
			d.i++
			return n, nil
		}
		if d.i >= len(d.b) {
			return nil, io.ErrUnexpectedEOF
		}
		if kind == yaml.MappingNode {
			if d.b[d.i] != '"' {
				return nil, errors.New("object keys must be strings")
			}
			k, err := d.str()
			if err != nil {
				return nil, err
			}
			if d.skip(); d.i >= len(d.b) || d.b[d.i] != ':' {
				return nil, errors.New("missing ':' after an object key")
			}
			d.i++
			n.Content = append(n.Content, scalar("!!str", k, d.line))
		}
		v, err := d.value(depth + 1)
		if err != nil {
			return nil, err
		}
		n.Content = append(n.Content, v)
		d.skip()
		if d.i >= len(d.b) {
			return nil, io.ErrUnexpectedEOF
		}
		switch d.b[d.i] {
		case ',':
			d.i++
		case end:
			d.i++
			return n, nil
		default:
			return nil, fmt.Errorf("unexpected %q in %s", d.b[d.i], describe(n))
		}
	}
}

// str decodes a string (d.b[d.i] is '"').
func (d *jsonDec) str() (string, error) {
	start := d.i
	d.i++
	escaped := false
	for d.i < len(d.b) {
		switch c := d.b[d.i]; {
		case c == '\\':
			escaped = true
			d.i += 2
			continue
		case c == '"':
			d.i++
			if !escaped {
				return string(d.b[start+1 : d.i-1]), nil
			}
			var s string
			if err := json.Unmarshal(d.b[start:d.i], &s); err != nil {
				return "", err
			}
			return s, nil
		case c < 0x20:
			return "", errors.New("control character in a string")
		}
		d.i++
	}
	return "", io.ErrUnexpectedEOF
}

func scalar(tag, value string, line int) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: tag, Value: value, Line: line}
}
