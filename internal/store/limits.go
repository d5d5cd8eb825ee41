package store

import (
	hubconfig "github.com/reformhub/hub/internal/config"
	"github.com/reformhub/hub/internal/plan"
)

// limits are the bounds of config.Limits that the store enforces itself: the same numbers
// the server's checks use, passed whole by cmd/hub. A request asking for more gets
// reform.ErrInvalidInput.
//
// A list or connection without limit or first is not unbounded: it returns at most its
// implicit limit, defaultLimit at the root (tasks, tasksConnection) and nestedLimit on a
// relationship (Department.tasks, Task.departmentsConnection, a group's nodes). The server's
// cost check (internal/server, limits.go) multiplies by the same numbers, so the static cost of
// a query is what its statement can produce.
type limits struct {
	maxLimit     int // the largest limit or first
	maxHops      int // the largest maxHops of paths
	defaultLimit int // the implicit limit of a root list or connection
	nestedLimit  int // the implicit limit of a relationship list or connection
}

func newLimits(l hubconfig.Limits) limits {
	l = l.WithDefaults()
	return limits{maxLimit: l.MaxLimit, maxHops: l.MaxHops, defaultLimit: l.DefaultLimit, nestedLimit: l.NestedLimit}
}

// implicit is the implicit limit of a root (nested false) or relationship list or connection.
func (l limits) implicit(nested bool) int64 {
	if nested {
		return int64(l.nestedLimit)
	}
	return int64(l.defaultLimit)
}

// page checks the limit and offset of q, a root (nested false) or relationship list.
func (l limits) page(q plan.ListQuery, nested bool) (limit, offset int64, err error) {
	limit, offset = l.implicit(nested), 0
	if q.Limit != nil {
		if *q.Limit < 0 || *q.Limit > l.maxLimit {
			return 0, 0, badInput("limit must be between 0 and %d, got %d", l.maxLimit, *q.Limit)
		}
		limit = int64(*q.Limit)
	}
	if q.Offset != nil {
		if *q.Offset < 0 {
			return 0, 0, badInput("offset must not be negative, got %d", *q.Offset)
		}
		offset = int64(*q.Offset)
	}
	return limit, offset, nil
}
