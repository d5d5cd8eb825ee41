package store

import (
	"context"
	"sync/atomic"
)

// StatementCounter counts the Cypher statements the store sends on behalf of one request. It
// travels in the request's context (WithStatementCounter); every statement run with that
// context — also by a dataloader's batch, which runs with the context of its first caller —
// adds one. It is safe for concurrent use: gqlgen resolves sibling fields in goroutines.
type StatementCounter struct{ n atomic.Int64 }

// Count returns the number of statements counted so far.
func (c *StatementCounter) Count() int { return int(c.n.Load()) }

type counterKey struct{}

// WithStatementCounter returns a context that counts the statements run with it (and with
// contexts derived from it), and the counter. A context that already carries a counter keeps
// counting into it, so an outer layer's count includes an inner one's.
func WithStatementCounter(ctx context.Context) (context.Context, *StatementCounter) {
	if c, ok := ctx.Value(counterKey{}).(*StatementCounter); ok {
		return ctx, c
	}
	c := &StatementCounter{}
	return context.WithValue(ctx, counterKey{}, c), c
}

// StatementsOf returns the counter of ctx, nil when it has none.
func StatementsOf(ctx context.Context) *StatementCounter {
	c, _ := ctx.Value(counterKey{}).(*StatementCounter)
	return c
}

// countStatement adds one statement to the counter of ctx, if it has one.
func countStatement(ctx context.Context) {
	if c, ok := ctx.Value(counterKey{}).(*StatementCounter); ok && c != nil {
		c.n.Add(1)
	}
}

// uncounted returns ctx without its counter: for the bookkeeping read of a read's snapshot
// (snapshot.go), which is no statement of the read's own.
func uncounted(ctx context.Context) context.Context {
	return context.WithValue(ctx, counterKey{}, (*StatementCounter)(nil))
}
