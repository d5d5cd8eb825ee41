package loader

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// maxListed is how many problems ValidationError.Error lists before summarizing the rest.
const maxListed = 200

// Problem is one thing wrong with a dataset, at a file and line (Line 0: the whole file).
type Problem struct {
	File string
	Line int
	Msg  string
}

// String formats the problem as file:line: msg.
func (p Problem) String() string {
	return Location{p.File, p.Line}.String() + ": " + p.Msg
}

// ValidationError is the error Parse returns for a dataset that is not valid. It holds every
// problem found, sorted by file, then line. Check for it with errors.As.
type ValidationError struct {
	Problems []Problem
}

// Error lists the problems one per line as file:line: msg, at most 200 of them followed by a
// count of the rest.
func (e *ValidationError) Error() string {
	lines := make([]string, 0, min(len(e.Problems), maxListed)+1)
	for i, p := range e.Problems {
		if i == maxListed {
			lines = append(lines, fmt.Sprintf("and %d more", len(e.Problems)-maxListed))
			break
		}
		lines = append(lines, p.String())
	}
	return strings.Join(lines, "\n")
}

// problems collects the problems of one Parse. Problems are sorted by file and line; those
// on the same line by the order key of when they were found: (phase, k1, the order they were
// added in). Parse finds them in order (phase 1 for the checks across files); the streaming
// load finds them out of order and says where each belongs (stream.go).
type problems struct {
	list      []Problem
	keys      [][3]int64
	phase, k1 int64
}

// add records a problem at loc.
func (ps *problems) add(loc Location, format string, args ...any) {
	ps.list = append(ps.list, Problem{File: loc.File, Line: loc.Line, Msg: fmt.Sprintf(format, args...)})
	ps.keys = append(ps.keys, [3]int64{ps.phase, ps.k1, int64(len(ps.keys))})
}

// addAll adds the problems of o, with their order keys.
func (ps *problems) addAll(o *problems) {
	ps.list = append(ps.list, o.list...)
	ps.keys = append(ps.keys, o.keys...)
}

// err returns the collected problems as a *ValidationError, or nil when there are none.
func (ps *problems) err() error {
	if len(ps.list) == 0 {
		return nil
	}
	idx := make([]int, len(ps.list))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(i, j int) int {
		a, b := ps.list[i], ps.list[j]
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line),
			cmp.Compare(ps.keys[i][0], ps.keys[j][0]), cmp.Compare(ps.keys[i][1], ps.keys[j][1]),
			cmp.Compare(ps.keys[i][2], ps.keys[j][2]))
	})
	list := make([]Problem, len(idx))
	for i, k := range idx {
		list[i] = ps.list[k]
	}
	return &ValidationError{Problems: list}
}
