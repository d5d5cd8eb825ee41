// Package harness is the measuring part of `make bench`: the equality check of the three
// servers' answers (canonical JSON of the data), the open- and closed-loop runs with vegeta,
// the process samples (RSS, CPU time) and the results table.
package harness

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
)

// Response is the part of a GraphQL response the bench reads.
type Response struct {
	Data       json.RawMessage   `json:"data"`
	Errors     []json.RawMessage `json:"errors"`
	Extensions map[string]any    `json:"extensions"`
}

// Canonical returns the canonical form of a GraphQL response's data: object keys sorted,
// numbers as float64 (5 and 5.0 are equal; every server sends JSON numbers), no insignificant
// space. A response with errors, or without data, is an error: the bench compares answers.
func Canonical(body []byte) ([]byte, error) {
	var r Response
	if err := json.Unmarshal(body, &r); err != nil {
		return nil, fmt.Errorf("not a GraphQL response: %w (%s)", err, abbreviate(body, 200))
	}
	if len(r.Errors) > 0 {
		return nil, fmt.Errorf("response has errors: %s", abbreviate(body, 600))
	}
	if len(r.Data) == 0 || string(r.Data) == "null" {
		return nil, fmt.Errorf("response has no data: %s", abbreviate(body, 200))
	}
	return CanonicalJSON(r.Data)
}

// CanonicalJSON re-encodes any JSON value canonically (see Canonical).
func CanonicalJSON(raw []byte) ([]byte, error) {
	var v any
	if err := json.Unmarshal(raw, &v); err != nil {
		return nil, err
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimRight(b.Bytes(), "\n"), nil
}

// Diff describes where two canonical JSON values first differ, as a JSON path with both
// values, or "" when they are equal.
func Diff(a, b []byte) string {
	var va, vb any
	if err := json.Unmarshal(a, &va); err != nil {
		return "left is not JSON: " + err.Error()
	}
	if err := json.Unmarshal(b, &vb); err != nil {
		return "right is not JSON: " + err.Error()
	}
	return diff("$", va, vb)
}

func diff(path string, a, b any) string {
	switch x := a.(type) {
	case map[string]any:
		y, ok := b.(map[string]any)
		if !ok {
			return fmt.Sprintf("%s: %s vs %s", path, brief(a), brief(b))
		}
		for _, k := range sortedKeys(x, y) {
			va, ina := x[k]
			vb, inb := y[k]
			if ina != inb {
				return fmt.Sprintf("%s.%s: present only on the %s", path, k, map[bool]string{true: "left", false: "right"}[ina])
			}
			if d := diff(path+"."+k, va, vb); d != "" {
				return d
			}
		}
		return ""
	case []any:
		y, ok := b.([]any)
		if !ok {
			return fmt.Sprintf("%s: %s vs %s", path, brief(a), brief(b))
		}
		for i := range min(len(x), len(y)) {
			if d := diff(fmt.Sprintf("%s[%d]", path, i), x[i], y[i]); d != "" {
				return d
			}
		}
		if len(x) != len(y) {
			return fmt.Sprintf("%s: %d items vs %d", path, len(x), len(y))
		}
		return ""
	default:
		if a != b {
			return fmt.Sprintf("%s: %s vs %s", path, brief(a), brief(b))
		}
		return ""
	}
}

func sortedKeys(a, b map[string]any) []string {
	seen := map[string]bool{}
	var keys []string
	for _, m := range []map[string]any{a, b} {
		for k := range m {
			if !seen[k] {
				seen[k] = true
				keys = append(keys, k)
			}
		}
	}
	// Insertion sort keeps this file free of a sort import for a handful of keys.
	for i := 1; i < len(keys); i++ {
		for j := i; j > 0 && keys[j] < keys[j-1]; j-- {
			keys[j], keys[j-1] = keys[j-1], keys[j]
		}
	}
	return keys
}

func brief(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return abbreviate(b, 120)
}

func abbreviate(b []byte, n int) string {
	s := strings.TrimSpace(string(b))
	if r := []rune(s); len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}

// Statements reads the hub's statement count from a response's extensions (dev mode): a
// number under "statements", or an object with a numeric "total" or "count", or a list (its
// length). ok is false when the response carries none.
func Statements(ext map[string]any) (n float64, ok bool) {
	v, found := ext["statements"]
	if !found {
		return 0, false
	}
	switch x := v.(type) {
	case float64:
		return x, true
	case []any:
		return float64(len(x)), true
	case map[string]any:
		for _, k := range []string{"total", "count"} {
			if f, ok := x[k].(float64); ok {
				return f, true
			}
		}
	}
	return 0, false
}

// extensionsKey opens the top-level extensions of a response: every server of the bench writes
// them after the data, so the last occurrence is the top-level one (a key inside the data
// would come earlier; inside a string, its quotes would be escaped).
var extensionsKey = []byte(`"extensions":`)

// CacheAndStatements reads a response's top-level extensions: hit when the server says it
// answered from its response cache (extensions.cache "hit", which then carries no statement
// count: a hit counts 0 statements), else the statements it ran (Statements). ok is false when
// the answer says neither.
func CacheAndStatements(body []byte) (hit bool, statements float64, ok bool) {
	i := bytes.LastIndex(body, extensionsKey)
	if i < 0 {
		return false, 0, false
	}
	var ext map[string]any
	if err := json.NewDecoder(bytes.NewReader(body[i+len(extensionsKey):])).Decode(&ext); err != nil {
		return false, 0, false
	}
	if c, _ := ext["cache"].(string); c == "hit" {
		return true, 0, true
	}
	n, ok := Statements(ext)
	return false, n, ok
}
