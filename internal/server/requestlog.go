package server

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"log/slog"
	"net/http"
	"slices"
	"sync"
	"time"

	"github.com/99designs/gqlgen/graphql"

	"github.com/reformhub/hub/graph"
)

// requestInfo gathers what the request's log line reports beyond the HTTP basics: the error
// codes of its response; and whether that response carries nothing but overload (then
// overloadWriter answers 503).
type requestInfo struct {
	mu         sync.Mutex
	codes      []string
	overloaded bool
}

func (i *requestInfo) isOverloaded() bool {
	i.mu.Lock()
	defer i.mu.Unlock()
	return i.overloaded
}

func (i *requestInfo) add(code string) {
	i.mu.Lock()
	defer i.mu.Unlock()
	if !slices.Contains(i.codes, code) {
		i.codes = append(i.codes, code)
	}
}

type infoKey struct{}

func infoFrom(ctx context.Context) *requestInfo {
	i, _ := ctx.Value(infoKey{}).(*requestInfo)
	return i
}

// noteCodes records the error codes of a GraphQL response for the request's log line, and
// whether the response is overloaded (for its HTTP status).
func noteCodes(ctx context.Context, resp *graphql.Response) {
	info := infoFrom(ctx)
	if info == nil {
		return
	}
	if overloaded(resp) {
		info.mu.Lock()
		info.overloaded = true
		info.mu.Unlock()
	}
	for _, e := range resp.Errors {
		if code, ok := e.Extensions["code"].(string); ok {
			info.add(code)
		}
	}
}

// requestIDHandler adds the request_id of the context to every log record.
type requestIDHandler struct{ slog.Handler }

func (h requestIDHandler) Handle(ctx context.Context, r slog.Record) error {
	if id := graph.RequestID(ctx); id != "" {
		r.AddAttrs(slog.String("request_id", id))
	}
	return h.Handler.Handle(ctx, r)
}

func (h requestIDHandler) WithAttrs(as []slog.Attr) slog.Handler {
	return requestIDHandler{h.Handler.WithAttrs(as)}
}

func (h requestIDHandler) WithGroup(name string) slog.Handler {
	return requestIDHandler{h.Handler.WithGroup(name)}
}

type statusWriter struct {
	http.ResponseWriter
	status int
	bytes  int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	n, err := w.ResponseWriter.Write(b)
	w.bytes += n
	return n, err
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// validRequestID accepts a client's X-Request-Id only when it is short and plain, so that it
// cannot forge log lines.
func validRequestID(id string) bool {
	if id == "" || len(id) > 64 {
		return false
	}
	for _, c := range id {
		if (c < 'a' || c > 'z') && (c < 'A' || c > 'Z') && (c < '0' || c > '9') && c != '-' && c != '_' && c != '.' {
			return false
		}
	}
	return true
}

// logRequests gives each request an id (X-Request-Id, echoed back, and in every error's
// extensions.requestId) and logs one JSON line for it with its status and error codes.
func logRequests(log *slog.Logger, metrics *Metrics, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		id := r.Header.Get("X-Request-Id")
		if !validRequestID(id) {
			var b [8]byte
			_, _ = rand.Read(b[:])
			id = hex.EncodeToString(b[:])
		}
		w.Header().Set("X-Request-Id", id)
		info := &requestInfo{}
		ctx := context.WithValue(graph.WithRequestID(r.Context(), id), infoKey{}, info)
		ctx, ri := withReqInfo(ctx)
		sw := &statusWriter{ResponseWriter: w}
		next.ServeHTTP(sw, r.WithContext(ctx))
		if sw.status == 0 {
			sw.status = http.StatusOK
		}
		metrics.countHTTP(r.URL.Path, sw.status)
		info.mu.Lock()
		codes := slices.Clone(info.codes)
		info.mu.Unlock()
		attrs := []any{"method", r.Method, "path", r.URL.Path, "op", ri.operationName(),
			"status", sw.status, "bytes", sw.bytes, "ms", time.Since(start).Milliseconds()}
		if len(codes) > 0 {
			attrs = append(attrs, "codes", codes)
		}
		log.InfoContext(ctx, "request", attrs...)
	})
}
