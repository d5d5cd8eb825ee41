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

// problems collects the problems of one Parse.
type problems struct {
	list []Problem
}

// add records a problem at loc.
func (ps *problems) add(loc Location, format string, args ...any) {
	ps.list = append(ps.list, Problem{File: loc.File, Line: loc.Line, Msg: fmt.Sprintf(format, args...)})
}

// err returns the collected problems as a *ValidationError, or nil when there are none.
func (ps *problems) err() error {
	if len(ps.list) == 0 {
		return nil
	}
	list := slices.Clone(ps.list)
	slices.SortStableFunc(list, func(a, b Problem) int {
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line))
	})
	return &ValidationError{Problems: list}
}
