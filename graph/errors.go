package graph

import (
	"context"
	"errors"
	"fmt"
	"log/slog"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/reformhub/hub/internal/reform"
)

// Error codes in extensions.code. Parse and validation errors keep gqlgen's own
// GRAPHQL_PARSE_FAILED and GRAPHQL_VALIDATION_FAILED.
const (
	CodeBadUserInput = "BAD_USER_INPUT"
	CodeNotFound     = "NOT_FOUND"
	CodeUnavailable  = "UNAVAILABLE"
	CodeTimeout      = "TIMEOUT"
	CodeInternal     = "INTERNAL"
	// CodeRateLimited answers a request the hub has no capacity for now: beyond the in-flight
	// cap, or overloaded below it (no free Neo4j connection within NEO4J_ACQUIRE_TIMEOUT,
	// Neo4j's memory pool or transaction count exhausted). HTTP 503 with Retry-After when
	// the response has no data.
	CodeRateLimited = "RATE_LIMITED"
	// CodeUnauthenticated answers a request whose bearer token the hub refuses (HTTP 401):
	// one message whatever is wrong with the token (docs/access.md).
	CodeUnauthenticated = "UNAUTHENTICATED"
)

type requestIDKey struct{}

// WithRequestID returns ctx carrying the request's id, which every error of the response
// shows as extensions.requestId (and the log lines of the request as request_id).
func WithRequestID(ctx context.Context, id string) context.Context {
	return context.WithValue(ctx, requestIDKey{}, id)
}

// RequestID returns the id WithRequestID put in ctx, or "".
func RequestID(ctx context.Context) string {
	id, _ := ctx.Value(requestIDKey{}).(string)
	return id
}

// ErrorPresenter translates errors into GraphQL errors — the one place where that happens.
// Errors the client caused keep their message; anything else is logged with its path and
// shown only as "internal error", so no driver or Cypher text reaches a client.
func ErrorPresenter(log *slog.Logger) graphql.ErrorPresenterFunc {
	return func(ctx context.Context, err error) *gqlerror.Error {
		var gqlErr *gqlerror.Error
		if errors.As(err, &gqlErr) && gqlErr.Err == nil {
			// Parse and validation errors, and errors gqlgen made itself: already user-facing.
			if gqlErr.Path == nil {
				gqlErr.Path = graphql.GetPath(ctx)
			}
			if _, ok := gqlErr.Extensions["code"]; !ok {
				gqlErr.Extensions = withCode(gqlErr.Extensions, CodeBadUserInput)
			}
			if id := RequestID(ctx); id != "" {
				gqlErr.Extensions["requestId"] = id
			}
			return gqlErr
		}
		path := graphql.GetPath(ctx)
		code, msg := classify(err)
		switch code {
		case CodeInternal, CodeUnavailable, CodeTimeout:
			log.ErrorContext(ctx, "resolver error", "path", path.String(), "code", code, "err", err)
		case CodeRateLimited:
			log.WarnContext(ctx, "resolver error", "path", path.String(), "code", code, "err", err)
		}
		ext := map[string]any{"code": code}
		if id := RequestID(ctx); id != "" {
			ext["requestId"] = id
		}
		return &gqlerror.Error{
			Err:        err,
			Message:    msg,
			Path:       path,
			Extensions: ext,
		}
	}
}

func withCode(ext map[string]any, code string) map[string]any {
	if ext == nil {
		ext = map[string]any{}
	}
	ext["code"] = code
	return ext
}

// classify maps an error to its code and the message a client may see.
func classify(err error) (code, msg string) {
	switch {
	case errors.Is(err, reform.ErrUnexpectedShape):
		// The database answered with a shape the hub does not expect: the hub's fault, and
		// whatever else the error wraps must not reach the client.
		return CodeInternal, "internal error"
	case errors.Is(err, reform.ErrInvalidInput):
		return CodeBadUserInput, userMessage(err, reform.ErrInvalidInput)
	case errors.Is(err, reform.ErrNotFound):
		return CodeNotFound, userMessage(err, reform.ErrNotFound)
	case errors.Is(err, context.DeadlineExceeded):
		return CodeTimeout, "the request took too long"
	case errors.Is(err, reform.ErrTooLarge):
		return CodeBadUserInput, "the query needs more memory than the database allows one request; ask for less (a smaller limit, depth or nesting)"
	case errors.Is(err, reform.ErrOverloaded):
		return CodeRateLimited, "the hub is overloaded (no database capacity free); retry shortly"
	case errors.Is(err, reform.ErrUnavailable):
		return CodeUnavailable, "the database is unavailable; try again shortly"
	}
	return CodeInternal, "internal error"
}

// userMessage returns the part of err's text from the sentinel on ("invalid input: limit
// must be …"): the wrapping context before it may name internals.
func userMessage(err, sentinel error) string {
	text := err.Error()
	s := sentinel.Error()
	for i := 0; i+len(s) <= len(text); i++ {
		if text[i:i+len(s)] == s {
			return text[i:]
		}
	}
	return s
}

// Recover turns a panic in a resolver into an internal error, logged with its value.
func Recover(log *slog.Logger) graphql.RecoverFunc {
	return func(ctx context.Context, p any) error {
		log.ErrorContext(ctx, "panic in resolver", "path", graphql.GetPath(ctx).String(), "panic", fmt.Sprint(p))
		return errors.New("internal error")
	}
}
