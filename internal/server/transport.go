package server

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"mime"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
	"github.com/vektah/gqlparser/v2/parser"

	"github.com/reformhub/hub/graph"
	"github.com/reformhub/hub/internal/access"
	"github.com/reformhub/hub/internal/dataversion"
)

// The GraphQL-over-HTTP transport (https://graphql.github.io/graphql-over-http/draft/), its
// SHOULDs included, for both media types:
//
//   - Content negotiation on Accept: application/graphql-response+json when the client lists
//     it at least as high as application/json, else application/json (also without an Accept
//     header, or with */*); 406 when the client accepts neither.
//   - application/json: 200 for every well-formed request, the errors in the body.
//     application/graphql-response+json: 400 when the request fails before execution (it does
//     not parse, is invalid, its variables cannot be coerced, a limit refuses it), 200 once
//     execution has started.
//   - A request error has no "data" entry; an executed operation always has one.
//   - Vary: Accept and Authorization on every answer (the CORS layer adds Origin).
//   - Batches: a JSON array of operations answered by an array in the same order, each with its
//     own errors; at most Batch operations; the cost limit applies to the batch as a whole.
//   - HTTP caching of GET requests and persisted queries: an ETag that names the answer (the
//     data version, the caller, the operation and its variables), If-None-Match → 304 without
//     running the operation, and Cache-Control (CacheControl).
type transport struct {
	schema *ast.Schema
	// batch is the most operations in one batch; 0: a batch is refused.
	batch int
	// cacheControl is the Cache-Control of a cacheable answer.
	cacheControl string
	// version is the data version a request is answered at; nil: no ETag.
	version func(context.Context) dataversion.Version
	// instance is random per process: an ETag of one process never validates in another (its
	// settings, limits or code may differ).
	instance string
	// cache is the response cache (respcache.go); nil: off. cached counts an operation it
	// answered (nil: not counted).
	cache  *responseCache
	cached func(ctx context.Context, params *graphql.RawParams, start time.Time)
}

const (
	mediaJSON     = "application/json"
	mediaResponse = "application/graphql-response+json"
)

var _ graphql.Transport = (*transport)(nil)

func newTransport(schema *ast.Schema, batch int, cacheControl string, version func(context.Context) dataversion.Version) *transport {
	var b [12]byte
	_, _ = rand.Read(b[:])
	return &transport{schema: schema, batch: batch, cacheControl: cacheControl, version: version, instance: hex.EncodeToString(b[:])}
}

// Supports every request the guard let through (GET and POST).
func (t *transport) Supports(r *http.Request) bool {
	return r.Method == http.MethodGet || r.Method == http.MethodPost
}

// Do answers one HTTP request: one operation, or a batch.
func (t *transport) Do(w http.ResponseWriter, r *http.Request, exec graphql.GraphExecutor) {
	h := w.Header()
	h.Add("Vary", "Accept")
	h.Add("Vary", "Authorization")
	media, ok := negotiate(r.Header.Get("Accept"))
	if !ok {
		writeError(w, r, http.StatusNotAcceptable, graph.CodeBadUserInput,
			"the Accept header allows neither application/graphql-response+json nor application/json")
		return
	}
	ctx := r.Context()
	if r.Method == http.MethodGet {
		params, msg := getParams(r.URL.Query())
		if msg != "" {
			t.requestError(w, r, media, msg)
			return
		}
		t.one(ctx, w, r, exec, media, params, true)
		return
	}
	var body []byte
	if r.Body != nil {
		var buf bytes.Buffer
		_, _ = buf.ReadFrom(r.Body) // the guard read it whole already
		body = bytes.TrimSpace(buf.Bytes())
	}
	if len(body) > 0 && body[0] == '[' {
		t.batchDo(ctx, w, r, exec, media, body)
		return
	}
	params, msg := decodeRequest(body)
	if msg != "" {
		t.requestError(w, r, media, msg)
		return
	}
	t.one(ctx, w, r, exec, media, params, persisted(params.Extensions))
}

// one runs a single operation and writes its answer; cacheable: a GET or a persisted query,
// which gets an ETag and Cache-Control.
func (t *transport) one(ctx context.Context, w http.ResponseWriter, r *http.Request, exec graphql.GraphExecutor,
	media string, params *graphql.RawParams, cacheable bool) {
	h := w.Header()
	tag := ""
	var v *dataversion.Version
	if t.version != nil {
		cur := t.version(ctx)
		v = &cur
		ctx = dataversion.With(ctx, cur)
	}
	if cacheable && v != nil {
		tag = t.etag(ctx, *v, media, params)
		if tag != "" && matches(r.Header.Get("If-None-Match"), tag) {
			h.Set("ETag", tag)
			h.Set("Cache-Control", t.cacheControl)
			w.WriteHeader(http.StatusNotModified)
			return
		}
	}
	params.Headers = r.Header
	resp, requestErr := t.answer(ctx, exec, params, v)
	if requestErr && r.Method == http.MethodGet && !readOnly(params) {
		// GraphQL over HTTP: a mutation (or subscription) by GET is 405, whatever else is wrong.
		h.Set("Allow", "POST")
		writeError(w, r, http.StatusMethodNotAllowed, graph.CodeBadUserInput, "only queries may be sent with GET; use POST")
		return
	}
	status := http.StatusOK
	if requestErr && media == mediaResponse {
		status = http.StatusBadRequest
	}
	switch {
	case tag != "" && len(resp.Errors) == 0:
		h.Set("ETag", tag)
		h.Set("Cache-Control", t.cacheControl)
	case cacheable:
		h.Set("Cache-Control", "no-store")
	}
	h.Set("Content-Type", media+"; charset=utf-8")
	w.WriteHeader(status)
	_, _ = w.Write(encodeResponse(resp, requestErr))
}

// batchDo runs a batch: each operation in turn, the answers in one array.
func (t *transport) batchDo(ctx context.Context, w http.ResponseWriter, r *http.Request, exec graphql.GraphExecutor, media string, body []byte) {
	if t.batch <= 0 {
		t.requestError(w, r, media, "batched requests (a JSON array of operations) are turned off on this hub (HUB_MAX_BATCH=0): send one operation per request")
		return
	}
	var items []json.RawMessage
	if err := decodeJSON(body, &items); err != nil {
		t.requestError(w, r, media, "the request body is not a batch of GraphQL requests: "+err.Error())
		return
	}
	switch {
	case len(items) == 0:
		t.requestError(w, r, media, "the batch is empty: send at least one operation")
		return
	case len(items) > t.batch:
		t.requestError(w, r, media, fmt.Sprintf("the batch has %d operations; at most %d are allowed (HUB_MAX_BATCH)", len(items), t.batch))
		return
	}
	ctx = withBatch(ctx)
	var v *dataversion.Version
	if t.version != nil {
		cur := t.version(ctx)
		v = &cur
		ctx = dataversion.With(ctx, cur)
	}
	out := make([]json.RawMessage, len(items))
	for i, item := range items {
		params, msg := decodeRequest(item)
		if msg != "" {
			e := gqlerror.Errorf("operation %d of the batch: %s", i, msg)
			e.Extensions = map[string]any{"code": graph.CodeBadUserInput}
			out[i] = encodeResponse(exec.DispatchError(ctx, gqlerror.List{e}), true)
			continue
		}
		params.Headers = r.Header
		resp, requestErr := t.answer(ctx, exec, params, v)
		out[i] = encodeResponse(resp, requestErr)
	}
	w.Header().Set("Content-Type", media+"; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	b, _ := json.Marshal(out)
	_, _ = w.Write(b)
}

// answer answers one operation at data version v (nil: unknown), from the response cache
// when it holds the answer, else by running it (and keeping the answer when it may be kept);
// requestErr: it failed before execution.
func (t *transport) answer(ctx context.Context, exec graphql.GraphExecutor, params *graphql.RawParams, v *dataversion.Version) (*graphql.Response, bool) {
	if t.cache == nil || v == nil {
		resp, requestErr, _ := t.run(ctx, exec, params)
		return resp, requestErr
	}
	l := t.cache.plan(ctx, *v, params, params.Headers)
	if l.key == "" {
		resp, requestErr, _ := t.run(ctx, exec, params)
		return resp, requestErr
	}
	start := time.Now()
	if data, ok := t.cache.get(ctx, &l); ok {
		if t.cached != nil {
			t.cached(ctx, params, start)
		}
		return &graphql.Response{Data: data, Extensions: map[string]any{"dataVersion": v.N, "cache": "hit"}}, false
	}
	var (
		resp       *graphql.Response
		requestErr bool
		keep       bool
	)
	start = time.Now()
	defer func() { // also when the operation panics: requests waiting on the key go on
		var data json.RawMessage
		if resp != nil {
			data = resp.Data
		}
		t.cache.done(&l, data, time.Since(start), keep)
	}()
	var query bool
	resp, requestErr, query = t.run(ctx, exec, params)
	keep = query && !requestErr && len(resp.Errors) == 0 && len(resp.Data) > 0
	return resp, requestErr
}

// run prepares and executes one operation; requestErr: it failed before execution (the answer
// has errors and no data); query: the operation is a query.
func (t *transport) run(ctx context.Context, exec graphql.GraphExecutor, params *graphql.RawParams) (*graphql.Response, bool, bool) {
	rc, errs := t.prepare(ctx, exec, params)
	if len(errs) > 0 {
		return exec.DispatchError(graphql.WithOperationContext(ctx, rc), errs), true, false
	}
	query := rc.Operation != nil && rc.Operation.Operation == ast.Query
	responses, ctx := exec.DispatchOperation(ctx, rc)
	resp := responses(ctx)
	if resp == nil {
		resp = &graphql.Response{Data: json.RawMessage("null")}
	}
	return resp, false, query
}

// prepare parses, validates and checks the operation (gqlgen's CreateOperationContext, with
// the limits and rules of the extensions; strictVariables, the first of them, coerces the
// variables by the specification). When gqlparser's own check of the variables refuses one
// first, the specification's coercion gives the error its message and code.
func (t *transport) prepare(ctx context.Context, exec graphql.GraphExecutor, params *graphql.RawParams) (*graphql.OperationContext, gqlerror.List) {
	ctx = withRawVariables(ctx, params.Variables)
	rc, errs := exec.CreateOperationContext(ctx, params)
	if len(errs) == 0 || rc == nil || rc.Operation == nil || !variableErrors(errs) {
		return rc, errs
	}
	if _, verrs := coerceVariables(t.schema, rc.Operation, params.Variables); len(verrs) > 0 {
		return rc, verrs
	}
	// gqlparser refused a value that the specification's coercion accepts: keep its message,
	// with the code of a bad variable.
	for _, e := range errs {
		if e.Extensions == nil {
			e.Extensions = map[string]any{}
		}
		e.Extensions["code"] = graph.CodeBadUserInput
	}
	return rc, errs
}

// readOnly reports whether the operation params names is a query (or cannot be told: it
// does not parse, or names no operation of its document).
func readOnly(params *graphql.RawParams) bool {
	doc, err := parser.ParseQuery(&ast.Source{Input: params.Query})
	if err != nil {
		return true
	}
	op := doc.Operations.ForName(params.OperationName)
	return op == nil || op.Operation == ast.Query
}

// variableErrors reports whether errs are gqlparser's errors of variable values.
func variableErrors(errs gqlerror.List) bool {
	for _, e := range errs {
		if len(e.Path) == 0 || e.Path[0] != ast.PathName("variable") {
			return false
		}
	}
	return true
}

// requestError writes a request error found before any operation is read: 400 for both media
// types (the request is not well-formed), no data.
func (t *transport) requestError(w http.ResponseWriter, r *http.Request, media, msg string) {
	e := gqlerror.Errorf("%s", msg)
	e.Extensions = map[string]any{"code": graph.CodeBadUserInput}
	if id := graph.RequestID(r.Context()); id != "" {
		e.Extensions["requestId"] = id
	}
	if info := infoFrom(r.Context()); info != nil {
		info.add(graph.CodeBadUserInput)
	}
	w.Header().Set("Content-Type", media+"; charset=utf-8")
	w.WriteHeader(http.StatusBadRequest)
	_, _ = w.Write(encodeResponse(&graphql.Response{Errors: gqlerror.List{e}}, true))
}

// encodeResponse is resp as JSON: without "data" for a request error, with it (null included)
// for an executed operation. The data, which gqlgen has already written as JSON, is spliced in
// as it is: json.Marshal of a json.RawMessage would parse and compact it again (a tenth of the
// hub's CPU on a response of 1,000 rows). It gets the one change that re-encoding makes to
// valid compact JSON: <, >, & and U+2028/U+2029 escaped (json.HTMLEscape), as before. (gqlgen's
// writer emits compact, valid JSON; it is not checked again.)
func encodeResponse(resp *graphql.Response, requestErr bool) []byte {
	failed := []byte(`{"errors":[{"message":"internal error: the answer could not be encoded","extensions":{"code":"INTERNAL"}}]}`)
	b := make([]byte, 0, len(resp.Data)+64)
	b = append(b, '{')
	if requestErr || len(resp.Errors) > 0 {
		errs, err := json.Marshal(resp.Errors)
		if err != nil {
			return failed
		}
		b = append(append(b, `"errors":`...), errs...)
	}
	if !requestErr {
		if len(b) > 1 {
			b = append(b, ',')
		}
		b = append(b, `"data":`...)
		switch data := resp.Data; {
		case len(data) == 0:
			b = append(b, "null"...)
		case htmlUnsafe(data):
			var esc bytes.Buffer
			json.HTMLEscape(&esc, data)
			b = append(b, esc.Bytes()...)
		default:
			b = append(b, data...)
		}
	}
	if len(resp.Extensions) > 0 {
		ext, err := json.Marshal(resp.Extensions)
		if err != nil {
			return failed
		}
		b = append(append(b, `,"extensions":`...), ext...)
	}
	return append(b, '}')
}

// htmlUnsafe reports whether JSON text b holds a byte json.HTMLEscape changes: <, >, &, or the
// UTF-8 of U+2028 or U+2029 (each a pass of bytes.IndexByte or bytes.Contains, which are
// vectorised, where bytes.ContainsAny would decode every rune).
func htmlUnsafe(b []byte) bool {
	return bytes.IndexByte(b, '<') >= 0 || bytes.IndexByte(b, '>') >= 0 || bytes.IndexByte(b, '&') >= 0 ||
		bytes.Contains(b, []byte("\u2028")) || bytes.Contains(b, []byte("\u2029"))
}

// negotiate picks the media type of the answer from an Accept header: the acceptable one the
// client ranks highest, application/graphql-response+json on a tie with application/json
// listed explicitly, application/json for wildcards and without a header.
func negotiate(accept string) (string, bool) {
	if strings.TrimSpace(accept) == "" {
		return mediaJSON, true
	}
	qResp, qJSON, qWild := -1.0, -1.0, -1.0
	for _, part := range strings.Split(accept, ",") {
		mt, p, err := mime.ParseMediaType(strings.TrimSpace(part))
		if err != nil {
			continue
		}
		q := 1.0
		if s, ok := p["q"]; ok {
			if f, err := strconv.ParseFloat(s, 64); err == nil {
				q = f
			}
		}
		switch mt {
		case mediaResponse:
			qResp = max(qResp, q)
		case mediaJSON:
			qJSON = max(qJSON, q)
		case "*/*", "application/*":
			qWild = max(qWild, q)
		}
	}
	switch {
	case qResp > 0 && qResp >= qJSON:
		return mediaResponse, true
	case qJSON > 0:
		return mediaJSON, true
	case qWild > 0:
		return mediaJSON, true
	}
	return "", false
}

// getParams reads the GraphQL request of a GET's query string (the guard checked that
// variables and extensions are JSON objects).
func getParams(q url.Values) (*graphql.RawParams, string) {
	p := &graphql.RawParams{Query: q.Get("query"), OperationName: q.Get("operationName")}
	if v := q.Get("variables"); v != "" {
		if err := decodeJSON([]byte(v), &p.Variables); err != nil {
			return nil, "variables must be a JSON object"
		}
	}
	if v := q.Get("extensions"); v != "" {
		if err := decodeJSON([]byte(v), &p.Extensions); err != nil {
			return nil, "extensions must be a JSON object"
		}
	}
	if msg := withDocumentID(p, q.Get("documentId")); msg != "" {
		return nil, msg
	}
	return p, ""
}

// decodeRequest reads the GraphQL request of a POST body (or a batch's item): its members, and
// documentId (persisted documents, GraphQL over HTTP Appendix A) as a persisted query.
func decodeRequest(body []byte) (*graphql.RawParams, string) {
	var req struct {
		graphql.RawParams
		DocumentID *string `json:"documentId"`
	}
	if err := decodeJSON(body, &req); err != nil {
		return nil, "the request body is not a GraphQL request: " + err.Error()
	}
	p := &req.RawParams
	if req.DocumentID != nil {
		if msg := withDocumentID(p, *req.DocumentID); msg != "" {
			return nil, msg
		}
	}
	return p, ""
}

// decodeJSON decodes data into v keeping numbers as json.Number, so that Int variables are
// read exactly.
func decodeJSON(data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if err := dec.Decode(v); err != nil {
		return err
	}
	if dec.More() {
		return fmt.Errorf("unexpected data after the JSON value")
	}
	return nil
}

// persisted reports whether a request names a persisted query (automatic persisted queries,
// or a trusted document by its hash).
func persisted(ext map[string]any) bool {
	_, ok := ext["persistedQuery"]
	return ok
}

// etag is the entity tag of the answer to params at data version v for the caller of ctx in
// media: the same tag, the same answer (reads at one version are deterministic). Empty when
// the request has no operation to name.
func (t *transport) etag(ctx context.Context, v dataversion.Version, media string, params *graphql.RawParams) string {
	if params.Query == "" && !persisted(params.Extensions) {
		return ""
	}
	caller, _ := access.From(ctx)
	h := sha256.New()
	// encoding/json writes map keys in order: equal variables, equal text.
	vars, _ := json.Marshal(params.Variables)
	ext, _ := json.Marshal(params.Extensions["persistedQuery"])
	fmt.Fprintf(h, "%s\x00%d\x00%d\x00%d\x00%s\x00%s\x00%s\x00%s\x00%s\x00%s",
		t.instance, v.N, v.Pending, v.At.UnixNano(), caller.Key(), media, params.Query, params.OperationName, vars, ext)
	return `"` + hex.EncodeToString(h.Sum(nil)[:16]) + `"`
}

// matches reports whether an If-None-Match header names tag (weak comparison, as RFC 9110
// says for If-None-Match; "*" matches any).
func matches(header, tag string) bool {
	for _, part := range strings.Split(header, ",") {
		part = strings.TrimPrefix(strings.TrimSpace(part), "W/")
		if part == "*" || part == tag {
			return true
		}
	}
	return false
}
