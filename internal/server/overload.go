package server

import (
	"bytes"
	"encoding/json"
	"net/http"

	"github.com/99designs/gqlgen/graphql"

	"github.com/reformhub/hub/graph"
)

// overloaded tells a GraphQL response that carries nothing but overload: it has errors,
// every one coded RATE_LIMITED (no free Neo4j connection within the acquisition timeout,
// Neo4j's memory pool exhausted, …), and no data — data is null or every top-level field
// is null. Such a response goes out as HTTP 503 with Retry-After, like a request refused
// by the in-flight cap, so that proxies, load balancers and clients back off. A response
// with some data, or with any other error, keeps HTTP 200.
func overloaded(resp *graphql.Response) bool {
	if resp == nil || len(resp.Errors) == 0 {
		return false
	}
	for _, e := range resp.Errors {
		if code, _ := e.Extensions["code"].(string); code != graph.CodeRateLimited {
			return false
		}
	}
	data := bytes.TrimSpace(resp.Data)
	if len(data) == 0 || bytes.Equal(data, []byte("null")) {
		return true
	}
	var fields map[string]json.RawMessage
	if json.Unmarshal(data, &fields) != nil {
		return false
	}
	for _, v := range fields {
		if !bytes.Equal(bytes.TrimSpace(v), []byte("null")) {
			return false
		}
	}
	return true
}

// overloadWriter turns the status of a GraphQL response that noteCodes found overloaded
// into 503 with Retry-After. gqlgen's transports build the whole response (and so run the
// AroundResponses hook that marks it) before they write its first byte.
type overloadWriter struct {
	http.ResponseWriter
	info        *requestInfo
	wroteHeader bool
}

func (w *overloadWriter) WriteHeader(code int) {
	if !w.wroteHeader {
		w.wroteHeader = true
		if code == http.StatusOK && w.info.isOverloaded() {
			w.Header().Set("Retry-After", "1")
			code = http.StatusServiceUnavailable
		}
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *overloadWriter) Write(b []byte) (int, error) {
	if !w.wroteHeader {
		w.WriteHeader(http.StatusOK)
	}
	return w.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (w *overloadWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }
