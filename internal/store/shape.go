package store

import (
	"fmt"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/reformhub/hub/internal/reform"
)

// Decoding at the store boundary. Neo4j returns the driver's plain Go values (string, int64,
// float64, bool, []any, map[string]any, nil for null); every value a statement returns is
// read through the helpers below, so a value of another type than its statement's projection
// promises is an error wrapping reform.ErrUnexpectedShape, never a silent zero value. Null is
// accepted only where a helper says so (opt, optList): optional properties and columns.

// shapeError reports that what is got (a value of another type than want).
func shapeError(what string, got any, want string) error {
	return fmt.Errorf("%w: %s is %T, want %s", reform.ErrUnexpectedShape, what, got, want)
}

// as returns v as a T; what names the value in the error.
func as[T any](v any, what string) (T, error) {
	x, ok := v.(T)
	if !ok {
		var zero T
		return zero, shapeError(what, v, fmt.Sprintf("%T", zero))
	}
	return x, nil
}

// opt is as for a value that may be null: nil for null.
func opt[T any](v any, what string) (*T, error) {
	if v == nil {
		return nil, nil
	}
	x, err := as[T](v, what)
	if err != nil {
		return nil, err
	}
	return &x, nil
}

// value returns column key of rec, which may be null; a record without the column is an
// error.
func value(rec *neo4j.Record, key string) (any, error) {
	v, ok := rec.Get(key)
	if !ok {
		return nil, fmt.Errorf("%w: the result has no column %q", reform.ErrUnexpectedShape, key)
	}
	return v, nil
}

// column returns column key of rec as a T (not null).
func column[T any](rec *neo4j.Record, key string) (T, error) {
	v, err := value(rec, key)
	if err != nil {
		var zero T
		return zero, err
	}
	return as[T](v, "column "+key)
}

// list returns v, a list, with every element as a T.
func list[T any](v any, what string) ([]T, error) {
	l, err := as[[]any](v, what)
	if err != nil {
		return nil, err
	}
	out := make([]T, len(l))
	for i, x := range l {
		if out[i], err = as[T](x, fmt.Sprintf("%s[%d]", what, i)); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// optList is list for a value that may be null: an empty list for null.
func optList[T any](v any, what string) ([]T, error) {
	if v == nil {
		return []T{}, nil
	}
	return list[T](v, what)
}

// integer returns v, an integer, as an int.
func integer(v any, what string) (int, error) {
	n, err := as[int64](v, what)
	return int(n), err
}

// propReader reads the properties of one node or relationship, each optional; the first
// property of a wrong type is kept in err (the caller checks it once, after reading all).
type propReader struct {
	p    map[string]any
	what string // "node task/x", named in the error
	err  error
}

func (r *propReader) keep(err error) {
	if r.err == nil {
		r.err = err
	}
}

// prop reads optional property k of r as a T.
func prop[T any](r *propReader, k string) *T {
	v, err := opt[T](r.p[k], r.what+" property "+k)
	r.keep(err)
	return v
}

func (r *propReader) str(k string) *string { return prop[string](r, k) }

func (r *propReader) boolean(k string) bool {
	b := prop[bool](r, k)
	return b != nil && *b
}

func (r *propReader) integer(k string) *int {
	n := prop[int64](r, k)
	if n == nil {
		return nil
	}
	i := int(*n)
	return &i
}

// float reads a number property (Neo4j keeps a whole float written as an integer as one).
func (r *propReader) float(k string) *float64 {
	switch x := r.p[k].(type) {
	case nil:
		return nil
	case float64:
		return &x
	case int64:
		f := float64(x)
		return &f
	default:
		r.keep(shapeError(r.what+" property "+k, x, "a number"))
		return nil
	}
}

// strs reads an optional list of strings (empty when absent).
func (r *propReader) strs(k string) []string {
	l, err := optList[string](r.p[k], r.what+" property "+k)
	r.keep(err)
	return l
}

// evidence reads the three parallel evidence lists (absent on a node without evidence).
func (r *propReader) evidence() []reform.Evidence {
	docs := r.strs(propSrcDocs)
	paras, err := optList[int64](r.p[propSrcParas], r.what+" property "+propSrcParas)
	r.keep(err)
	quotes := r.strs(propSrcQuotes)
	n := min(len(docs), len(paras), len(quotes))
	out := make([]reform.Evidence, 0, n)
	for i := 0; i < n; i++ {
		out = append(out, reform.Evidence{DocumentID: docs[i], Paragraph: int(paras[i]), Quote: quotes[i]})
	}
	return out
}
