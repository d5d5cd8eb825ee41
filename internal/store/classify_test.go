package store

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/reformhub/hub/internal/reform"
)

// classify tells Neo4j's memory and capacity errors apart: a transaction over its own memory
// limit is too large (the client should ask for less), an exhausted shared pool, heap or
// transaction count is overload (retry later) — also after the driver's retries gave up —
// and other server errors stay unclassified (INTERNAL at the edge). TestPoolExhaustedIsOverloaded
// covers the pool-timeout case against the real driver.
func TestClassifyNeo4jErrors(t *testing.T) {
	neoErr := func(code string) error {
		return &neo4j.Neo4jError{Code: code, Msg: "the allocation of an extra 2.0 MiB would use more than the limit"}
	}
	// What Neo4j 5.26 actually sends when one transaction passes db.memory.transaction.max
	// (TestOverLargeStatementFailsAlone): the pool error, naming the per-transaction setting.
	txLimit := &neo4j.Neo4jError{Code: "Neo.TransientError.General.MemoryPoolOutOfMemoryError",
		Msg: "The allocation of an extra 39.0 MiB would use more than the limit 192.0 MiB. Currently using 183.5 MiB. db.memory.transaction.max threshold reached"}
	totalLimit := &neo4j.Neo4jError{Code: "Neo.TransientError.General.MemoryPoolOutOfMemoryError",
		Msg: "The allocation of an extra 2.0 MiB would use more than the limit 384.0 MiB. Currently using 383.0 MiB. dbms.memory.transaction.total.max threshold reached"}
	gaveUp := func(errs ...error) error {
		return &neo4j.TransactionExecutionLimit{Cause: "timeout (exceeded max retry time: 1s)", Errors: errs}
	}
	tests := []struct {
		name string
		err  error
		want error // nil: none of the sentinels
	}{
		{"transaction memory limit", neoErr("Neo.ClientError.General.TransactionOutOfMemoryError"), reform.ErrTooLarge},
		{"wrapped transaction memory limit", fmt.Errorf("stats: %w", neoErr("Neo.ClientError.General.TransactionOutOfMemoryError")), reform.ErrTooLarge},
		{"transaction memory limit (5.26)", txLimit, reform.ErrTooLarge},
		{"transaction memory limit (5.26) after retries", gaveUp(txLimit), reform.ErrTooLarge},
		{"total transaction memory exhausted (5.26)", totalLimit, reform.ErrOverloaded},
		{"memory pool exhausted", neoErr("Neo.TransientError.General.MemoryPoolOutOfMemoryError"), reform.ErrOverloaded},
		{"memory pool exhausted after retries", gaveUp(neoErr("Neo.TransientError.General.MemoryPoolOutOfMemoryError"),
			neoErr("Neo.TransientError.General.MemoryPoolOutOfMemoryError")), reform.ErrOverloaded},
		{"heap exhausted", neoErr("Neo.TransientError.General.OutOfMemoryError"), reform.ErrOverloaded},
		{"too many transactions", neoErr("Neo.TransientError.Transaction.MaximumTransactionLimitReached"), reform.ErrOverloaded},
		{"memory pool then connection lost", gaveUp(neoErr("Neo.TransientError.General.MemoryPoolOutOfMemoryError"),
			&neo4j.ConnectivityError{Inner: errors.New("connection reset")}), reform.ErrUnavailable},
		{"connection lost", &neo4j.ConnectivityError{Inner: errors.New("connection refused")}, reform.ErrUnavailable},
		{"syntax error", neoErr("Neo.ClientError.Statement.SyntaxError"), nil},
		{"other transient", neoErr("Neo.TransientError.Transaction.DeadlockDetected"), nil},
	}
	sentinels := []error{reform.ErrTooLarge, reform.ErrOverloaded, reform.ErrUnavailable, context.DeadlineExceeded}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := classify(context.Background(), tc.err)
			if !errors.Is(got, tc.err) {
				t.Errorf("classify(%v) = %v, which no longer wraps the original", tc.err, got)
			}
			for _, s := range sentinels {
				if errors.Is(got, s) != (s == tc.want) { //nolint:errorlint // s and tc.want are both sentinels: identity is meant
					t.Errorf("classify(%v) = %v; errors.Is(%v) = %v", tc.err, got, s, errors.Is(got, s))
				}
			}
		})
	}
	// Past the request's deadline, the deadline wins over any other classification.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if got := classify(ctx, neoErr("Neo.TransientError.General.MemoryPoolOutOfMemoryError")); !errors.Is(got, context.Canceled) {
		t.Errorf("after the context ended: %v", got)
	}
}

// substringIndexFault recognises the error of Neo4j 5.26's plan that hands a CONTAINS or ENDS
// WITH to a range index (the message as CI met it), wrapped or after the driver's retries,
// and nothing else: not another execution failure, not the same words under another code.
func TestSubstringIndexFault(t *testing.T) {
	fault := &neo4j.Neo4jError{Code: "Neo.DatabaseError.Statement.ExecutionFailed",
		Msg: `Tried to query index with illegal query. A STRING_CONTAINS predicate is not allowed for a RANGE index. Query was :[PropertyIndexQuery.StringContainsPredicate[contains=String("局"),propertyKeyId=22]]`}
	suffix := &neo4j.Neo4jError{Code: fault.Code,
		Msg: "Tried to query index with illegal query. A STRING_SUFFIX predicate is not allowed for a RANGE index."}
	for _, tc := range []struct {
		name string
		err  error
		want bool
	}{
		{"contains", fault, true},
		{"ends with", suffix, true},
		{"wrapped", fmt.Errorf("Related: %w", fault), true},
		{"after the driver's retries", &neo4j.TransactionExecutionLimit{Errors: []error{fault}}, true},
		{"another execution failure", &neo4j.Neo4jError{Code: fault.Code, Msg: "Tried to query index with illegal query. A RANGE predicate is not allowed for a TEXT index."}, false},
		{"another code", &neo4j.Neo4jError{Code: "Neo.ClientError.Statement.SyntaxError", Msg: fault.Msg}, false},
		{"not from Neo4j", errors.New(fault.Msg), false},
	} {
		if got := substringIndexFault(tc.err); got != tc.want {
			t.Errorf("%s: substringIndexFault = %v, want %v", tc.name, got, tc.want)
		}
	}
}
