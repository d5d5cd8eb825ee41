package differential

import (
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"
)

// Finding is one place where the hub's and the library's data differ.
type Finding struct {
	Path     string
	Hub, Lib string // the two values there, abbreviated
	// Div are the divergences (Table, Pending) that explain it: named by the values
	// themselves, or else the forms the arguments of the fields above it use. Empty: none.
	Div []string
}

// Compare compares the hub's and the library's data (decoded JSON) as shape promises.
func Compare(sh *Shape, hub, lib any) []Finding {
	var out []Finding
	compare(sh, hub, lib, "$", nil, &out)
	return out
}

func emit(out *[]Finding, path string, h, l any, tags []string, divs ...string) {
	if len(divs) == 0 {
		divs = slices.Clone(tags)
	}
	// Only what Table or Pending lists explains: once a Pending entry is removed (its fix is
	// in), the generator's tag for it explains nothing.
	divs = slices.DeleteFunc(divs, func(id string) bool { _, ok := divergence(id); return !ok })
	*out = append(*out, Finding{Path: path, Hub: brief(h), Lib: brief(l), Div: divs})
}

func compare(sh *Shape, h, l any, path string, tags []string, out *[]Finding) {
	if sh == nil {
		if !jsonEqual(h, l) {
			emit(out, path, h, l, tags)
		}
		return
	}
	tags = append(slices.Clip(tags), sh.Tags...)
	switch sh.Kind {
	case Leaf:
		if !leafEqual(h, l) {
			emit(out, path, h, l, tags, leafDivs(lastKey(path), h, l)...)
		}
	case ScalarList:
		if !jsonEqual(h, l) {
			emit(out, path, h, l, tags)
		}
	case Object:
		if h == nil || l == nil {
			if h != nil || l != nil {
				emit(out, path, h, l, tags)
			}
			return
		}
		hm, ok1 := h.(map[string]any)
		lm, ok2 := l.(map[string]any)
		if !ok1 || !ok2 {
			emit(out, path, h, l, tags)
			return
		}
		capHit := sh.Conn && sh.Cap > 0 && fullPage(sh, hm)
		for _, k := range sortedKeys(sh.Fields) {
			hv, hin := hm[k]
			lv, lin := lm[k]
			p := path + "." + k
			if hin != lin {
				emit(out, p, hv, lv, tags)
				continue
			}
			if k == "pageInfo" && capHit {
				// Without first, the hub's page ends at its implicit limit: hasNextPage and
				// endCursor say so; v7's page holds every edge.
				n := len(*out)
				compare(sh.Fields[k], hv, lv, p, tags, out)
				for i := n; i < len(*out); i++ {
					if k := lastKey((*out)[i].Path); k == "hasNextPage" || k == "endCursor" {
						(*out)[i].Div = []string{DivImplicitLimit}
					}
				}
				continue
			}
			compare(sh.Fields[k], hv, lv, p, tags, out)
		}
	case List:
		compareList(sh, h, l, path, tags, out)
	}
}

// fullPage reports whether the hub's answer to a connection without first is a page of the
// implicit limit: as many edges, a totalCount beyond it, or an endCursor at its end.
func fullPage(sh *Shape, hub map[string]any) bool {
	if es, ok := hub["edges"].([]any); ok {
		return len(es) == sh.Cap
	}
	start := sh.After + 1
	if n, ok := hub["totalCount"].(float64); ok {
		return int(n)-start > sh.Cap
	}
	if pi, ok := hub["pageInfo"].(map[string]any); ok {
		if c, ok := pi["endCursor"].(string); ok {
			return c == cursor(start+sh.Cap-1)
		}
		if next, ok := pi["hasNextPage"].(bool); ok {
			return next
		}
	}
	return false
}

// compareList compares lists of objects: as multisets by id, in the order sh.Order promises
// (by the sort keys' values; by id too when the order is total), item by item below.
func compareList(sh *Shape, h, l any, path string, tags []string, out *[]Finding) {
	if h == nil || l == nil {
		if h != nil || l != nil {
			emit(out, path, h, l, tags)
		}
		return
	}
	ha, ok1 := h.([]any)
	la, ok2 := l.([]any)
	if !ok1 || !ok2 {
		emit(out, path, h, l, tags)
		return
	}
	hid, lid := ids(ha), ids(la)
	capHit := sh.Cap > 0 && len(ha) == sh.Cap && len(la) > len(ha)
	onlyHub, onlyLib := multisetDiff(hid, lid)
	switch {
	case capHit && len(onlyHub) == 0:
		// The hub stopped at its implicit limit; what it returned, v7 returned too.
		emit(out, path, fmt.Sprintf("%d items", len(ha)), fmt.Sprintf("%d items", len(la)), tags, DivImplicitLimit)
	case len(onlyHub) > 0 || len(onlyLib) > 0:
		emit(out, path, fmt.Sprintf("%d items, only here: %s", len(ha), clipList(onlyHub)),
			fmt.Sprintf("%d items, only here: %s", len(la), clipList(onlyLib)), tags)
	case sh.Order != nil:
		hk, lk := sortKeys(ha, sh.Order.Keys), sortKeys(la, sh.Order.Keys)
		if !jsonEqual(hk, lk) || (sh.Order.Total && !slices.Equal(hid, lid)) {
			emit(out, path+" (order)", clipList(hid), clipList(lid), tags)
		}
	}
	// Item by item, paired by id (in order of appearance for repeated ids).
	byID := map[string][]int{}
	for i, id := range lid {
		byID[id] = append(byID[id], i)
	}
	for i, id := range hid {
		js := byID[id]
		if len(js) == 0 {
			continue
		}
		byID[id] = js[1:]
		compare(sh.Elem, ha[i], la[js[0]], fmt.Sprintf("%s[%s]", path, id), tags, out)
	}
}

// ids returns each item's identity: its id (an edge's node's id), else its canonical JSON.
func ids(xs []any) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = identity(x)
	}
	return out
}

func identity(x any) string {
	m, ok := x.(map[string]any)
	if ok {
		if id, ok := m["id"].(string); ok {
			return id
		}
		if n, ok := m["node"].(map[string]any); ok {
			if id, ok := n["id"].(string); ok {
				return id
			}
		}
	}
	return brief(x)
}

// sortKeys returns the values of the sort keys of each item (of an edge's node).
func sortKeys(xs []any, keys []string) []any {
	out := make([]any, len(xs))
	for i, x := range xs {
		m, _ := x.(map[string]any)
		if n, ok := m["node"].(map[string]any); ok {
			m = n
		}
		var t []any
		for _, k := range keys {
			t = append(t, m[k])
		}
		out[i] = t
	}
	return out
}

func multisetDiff(a, b []string) (onlyA, onlyB []string) {
	count := map[string]int{}
	for _, x := range a {
		count[x]++
	}
	for _, x := range b {
		count[x]--
	}
	for _, x := range a {
		if count[x] > 0 {
			onlyA = append(onlyA, x)
			count[x]--
		}
	}
	for _, x := range b {
		if count[x] < 0 {
			onlyB = append(onlyB, x)
			count[x]++
		}
	}
	return onlyA, onlyB
}

// leafDivs names the divergences two differing leaf values show by themselves.
func leafDivs(key string, h, l any) []string {
	hs, ok1 := h.(string)
	ls, ok2 := l.(string)
	switch {
	case (key == "shortest" || key == "longest") && ok1 && ok2 && utf8.RuneCountInString(hs) == utf8.RuneCountInString(ls):
		return []string{DivAggregateTies}
	}
	return nil
}

// leafEqual compares two scalars; numbers within a relative 1e-9 (averages are summed in
// another order by each server).
func leafEqual(a, b any) bool {
	x, ok1 := a.(float64)
	y, ok2 := b.(float64)
	if ok1 && ok2 {
		return x == y || math.Abs(x-y) <= 1e-9*math.Max(1, math.Max(math.Abs(x), math.Abs(y)))
	}
	return jsonEqual(a, b)
}

func jsonEqual(a, b any) bool {
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	return string(ja) == string(jb)
}

func lastKey(path string) string {
	if i := strings.LastIndexByte(path, '.'); i >= 0 {
		return path[i+1:]
	}
	return path
}

func sortedKeys(m map[string]*Shape) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func brief(v any) string {
	if s, ok := v.(string); ok {
		return clip(s, 200)
	}
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return clip(string(b), 200)
}

func clip(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}

func clipList(xs []string) string {
	if len(xs) > 6 {
		return fmt.Sprintf("%s … (%d)", strings.Join(xs[:6], ", "), len(xs))
	}
	return strings.Join(xs, ", ")
}
