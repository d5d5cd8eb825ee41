// Package access is the hub's access model (docs/access.md): who a caller is, and which
// documents they may read. Each document of a dataset declares its access level — public (the
// default), internal (any signed-in caller) or restricted to groups — and a fact is visible to
// a caller when at least one document that states it is visible to them. Package auth
// authenticates callers; package store enforces the rule in the one read compiler.
package access

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"unicode"
)

// Level is a document's access level.
type Level string

// The access levels of a document.
const (
	Public     Level = "public"
	Internal   Level = "internal"
	Restricted Level = "restricted"
)

// The properties of a Document node that hold its access (absent: public) and the groups of a
// restricted one.
const (
	PropAccess = "access"
	PropGroups = "groups"
)

// MaxGroupLen is the longest group name accepted, in bytes.
const MaxGroupLen = 128

// CheckGroup returns why g is not a valid group name ("" when it is): not empty, at most
// MaxGroupLen bytes, no control characters and no surrounding spaces.
func CheckGroup(g string) string {
	switch {
	case g == "":
		return "a group name must not be empty"
	case len(g) > MaxGroupLen:
		return "a group name is at most " + strconv.Itoa(MaxGroupLen) + " bytes"
	case strings.TrimSpace(g) != g:
		return "a group name must not start or end with spaces"
	case strings.IndexFunc(g, unicode.IsControl) >= 0:
		return "a group name must not hold control characters"
	}
	return ""
}

// Caller is who makes a request: anonymous (the zero Caller), or signed in with a subject and
// the groups their token names.
type Caller struct {
	SignedIn bool
	Subject  string
	Groups   []string // sorted, without repeats
}

// Anonymous is the caller of a request without a token.
var Anonymous = Caller{}

// NewCaller returns a signed-in caller with the groups given (sorted, repeats and invalid
// names dropped).
func NewCaller(subject string, groups []string) Caller {
	gs := make([]string, 0, len(groups))
	for _, g := range groups {
		if CheckGroup(g) == "" {
			gs = append(gs, g)
		}
	}
	slices.Sort(gs)
	return Caller{SignedIn: true, Subject: subject, Groups: slices.Compact(gs)}
}

// Allows reports whether c may read a document of level lvl restricted to groups. An unknown
// level allows no one.
func (c Caller) Allows(lvl Level, groups []string) bool {
	switch lvl {
	case Public, "":
		return true
	case Internal:
		return c.SignedIn
	case Restricted:
		if !c.SignedIn {
			return false
		}
		for _, g := range groups {
			if _, ok := slices.BinarySearch(c.Groups, g); ok {
				return true
			}
		}
	}
	return false
}

// Key is a string that equals another caller's exactly when the two may read the same
// documents whatever they are: the level of sign-in and the groups. Caches of what a caller
// may see key on it.
func (c Caller) Key() string {
	if !c.SignedIn {
		return "anonymous"
	}
	return "signed-in\x00" + strings.Join(c.Groups, "\x00")
}

type callerKey struct{}

// WithCaller returns ctx carrying caller c.
func WithCaller(ctx context.Context, c Caller) context.Context {
	return context.WithValue(ctx, callerKey{}, c)
}

// From returns the caller ctx carries; ok is false when it carries none (a read outside a
// request: the loader, tests, tools).
func From(ctx context.Context) (c Caller, ok bool) {
	c, ok = ctx.Value(callerKey{}).(Caller)
	return c, ok
}
