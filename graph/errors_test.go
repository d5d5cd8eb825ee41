package graph

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"testing"

	"github.com/reformhub/hub/internal/reform"
)

// A result of an unexpected shape is the hub's fault: INTERNAL, with nothing of its text,
// even when it also wraps a sentinel the client could otherwise see.
func TestUnexpectedShapeIsInternal(t *testing.T) {
	for _, err := range []error{
		fmt.Errorf("planned query: %w", fmt.Errorf("%w: column nodes is string, want []interface {}", reform.ErrUnexpectedShape)),
		fmt.Errorf("%w: %w", reform.ErrInvalidInput, reform.ErrUnexpectedShape),
	} {
		code, msg := classify(err)
		if code != CodeInternal || msg != "internal error" {
			t.Errorf("classify(%v) = %s %q, want INTERNAL", err, code, msg)
		}
		gqlErr := ErrorPresenter(slog.New(slog.NewTextHandler(io.Discard, nil)))(context.Background(), err)
		if gqlErr.Extensions["code"] != CodeInternal || gqlErr.Message != "internal error" {
			t.Errorf("presented %v as %s %q", err, gqlErr.Extensions["code"], gqlErr.Message)
		}
		if !errors.Is(gqlErr.Err, reform.ErrUnexpectedShape) {
			t.Errorf("the presented error lost its cause: %v", gqlErr.Err)
		}
	}
}
