package server

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strconv"
	"unicode/utf8"

	"github.com/reformhub/hub/graph"
	"github.com/reformhub/hub/internal/access"
	"github.com/reformhub/hub/internal/auth"
)

// preflightHeaders are the headers that make a GET acceptable: a browser cannot send any of
// them cross-site without a CORS preflight, which the CORS allow-list then decides. They are
// the headers Apollo Server's CSRF prevention accepts, and the GraphQL-over-HTTP variant.
var preflightHeaders = [3]string{"Apollo-Require-Preflight", "X-Apollo-Operation-Name", "GraphQL-Require-Preflight"}

// simpleContentTypes are the content types a cross-site HTML form or a no-cors fetch can
// send without a preflight.
var simpleContentTypes = map[string]bool{
	"text/plain": true, "application/x-www-form-urlencoded": true, "multipart/form-data": true,
}

// guard protects the GraphQL endpoint, cheapest check first:
//
//   - methods: POST with a JSON body, or GET (queries only; gqlgen refuses other operations);
//   - CSRF: a POST must say Content-Type: application/json, and a GET must carry a
//     preflight header or a non-simple Content-Type, so that no request a browser sends
//     cross-site without a CORS preflight (form posts, <img>, no-cors fetch) is executed;
//   - the body: at most MaxBodyBytes (413), and a JSON object (400);
//   - the in-flight cap: beyond MaxInFlight concurrent requests, 503 with Retry-After and
//     code RATE_LIMITED, at once rather than queued; below it, a response whose only errors
//     are RATE_LIMITED (the Neo4j pool or memory exhausted) and that has no data also goes
//     out as 503 with Retry-After (overloadWriter);
//   - the deadline: RequestTimeout, which the store passes to Neo4j as the transaction timeout.
func guard(opts Options, next http.Handler) http.Handler {
	slots := make(chan struct{}, opts.MaxInFlight)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.Method {
		case http.MethodPost:
			mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
			if err != nil || mt != "application/json" {
				writeError(w, r, http.StatusUnsupportedMediaType, graph.CodeBadUserInput,
					"POST requests must have Content-Type: application/json")
				return
			}
		case http.MethodGet:
			if !preflighted(r) {
				writeError(w, r, http.StatusBadRequest, graph.CodeBadUserInput,
					"GET requests must carry a header such as Apollo-Require-Preflight: true (CSRF protection); or use POST with JSON")
				return
			}
			if msg := badGETParams(r); msg != "" {
				writeError(w, r, http.StatusBadRequest, graph.CodeBadUserInput, msg)
				return
			}
		default:
			w.Header().Set("Allow", "GET, POST")
			writeError(w, r, http.StatusMethodNotAllowed, graph.CodeBadUserInput, "use POST with a JSON body, or GET for queries")
			return
		}
		if r.Method == http.MethodPost {
			if r.ContentLength > opts.MaxBodyBytes {
				writeError(w, r, http.StatusRequestEntityTooLarge, graph.CodeBadUserInput,
					fmt.Sprintf("request body is larger than %d bytes", opts.MaxBodyBytes))
				return
			}
			body, err := io.ReadAll(io.LimitReader(r.Body, opts.MaxBodyBytes+1))
			if err != nil {
				writeError(w, r, http.StatusBadRequest, graph.CodeBadUserInput, "could not read the request body")
				return
			}
			if int64(len(body)) > opts.MaxBodyBytes {
				writeError(w, r, http.StatusRequestEntityTooLarge, graph.CodeBadUserInput,
					fmt.Sprintf("request body is larger than %d bytes", opts.MaxBodyBytes))
				return
			}
			if !jsonObject(body) && !jsonBatch(body) {
				writeError(w, r, http.StatusBadRequest, graph.CodeBadUserInput,
					`the request body must be a JSON object such as {"query": "{ stats { entityCounts { type count } } }"}, or an array of them (a batch)`)
				return
			}
			r.Body = io.NopCloser(bytes.NewReader(body))
		}
		caller, err := authenticate(opts.Auth, r)
		if err != nil {
			if errors.Is(err, auth.ErrTokenInURL) {
				writeError(w, r, http.StatusBadRequest, graph.CodeBadUserInput,
					"a token in the query string is refused (URLs end up in logs): send it as `Authorization: Bearer <token>`")
				return
			}
			opts.Logger.InfoContext(r.Context(), "token refused", "err", err)
			w.Header().Set("WWW-Authenticate", `Bearer error="invalid_token"`)
			writeError(w, r, http.StatusUnauthorized, graph.CodeUnauthenticated, auth.Message)
			return
		}
		select {
		case slots <- struct{}{}:
			defer func() { <-slots }()
		default:
			w.Header().Set("Retry-After", "1")
			writeError(w, r, http.StatusServiceUnavailable, graph.CodeRateLimited,
				"too many requests in flight ("+strconv.Itoa(opts.MaxInFlight)+"); retry shortly")
			return
		}
		ctx, cancel := context.WithTimeout(access.WithCaller(r.Context(), caller), opts.RequestTimeout)
		defer cancel()
		if info := infoFrom(ctx); info != nil {
			w = &overloadWriter{ResponseWriter: w, info: info}
		}
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

// authenticate returns the caller of r: anonymous without an authenticator.
func authenticate(a *auth.Authenticator, r *http.Request) (access.Caller, error) {
	if a == nil {
		if r.URL.Query().Has("access_token") {
			return access.Anonymous, auth.ErrTokenInURL
		}
		return access.Anonymous, nil
	}
	return a.Authenticate(r)
}

// badGETParams checks the query string of a GET: variables and extensions, when present,
// must be JSON objects, and everything valid UTF-8.
func badGETParams(r *http.Request) string {
	q, err := url.ParseQuery(r.URL.RawQuery)
	if err != nil {
		return "the query string cannot be decoded"
	}
	for k, vs := range q {
		for _, v := range vs {
			if !utf8.ValidString(v) {
				return "the query string is not valid UTF-8"
			}
			if k == "variables" || k == "extensions" {
				var m map[string]any
				if json.Unmarshal([]byte(v), &m) != nil {
					return k + " must be a JSON object"
				}
			}
		}
	}
	return ""
}

func preflighted(r *http.Request) bool {
	for _, h := range preflightHeaders {
		if r.Header.Get(h) != "" {
			return true
		}
	}
	if ct := r.Header.Get("Content-Type"); ct != "" {
		mt, _, err := mime.ParseMediaType(ct)
		return err == nil && !simpleContentTypes[mt]
	}
	return false
}

// jsonObject reports whether body is one well-formed JSON object in valid UTF-8 whose
// GraphQL members have their types (query and operationName strings, variables and
// extensions objects), so that gqlgen never answers with an uncoded decoding error.
func jsonObject(body []byte) bool {
	body = bytes.TrimSpace(body)
	if len(body) == 0 || body[0] != '{' || !utf8.Valid(body) || !json.Valid(body) {
		return false
	}
	var params struct {
		Query         *string        `json:"query"`
		OperationName *string        `json:"operationName"`
		Variables     map[string]any `json:"variables"`
		Extensions    map[string]any `json:"extensions"`
	}
	return json.Unmarshal(body, &params) == nil
}

// jsonBatch reports whether body is a JSON array of GraphQL requests (jsonObject each).
func jsonBatch(body []byte) bool {
	body = bytes.TrimSpace(body)
	if len(body) == 0 || body[0] != '[' || !utf8.Valid(body) || !json.Valid(body) {
		return false
	}
	var items []json.RawMessage
	if json.Unmarshal(body, &items) != nil {
		return false
	}
	for _, it := range items {
		if !jsonObject(it) {
			return false
		}
	}
	return true
}

// writeError answers with a GraphQL-shaped error before the GraphQL handler runs.
func writeError(w http.ResponseWriter, r *http.Request, status int, code, msg string) {
	ext := map[string]any{"code": code}
	if id := graph.RequestID(r.Context()); id != "" {
		ext["requestId"] = id
	}
	if info := infoFrom(r.Context()); info != nil {
		info.add(code)
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(map[string]any{
		"errors": []map[string]any{{"message": msg, "extensions": ext}},
	})
}
