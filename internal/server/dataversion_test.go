package server_test

import (
	"bufio"
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/reformhub/hub/graph"
	"github.com/reformhub/hub/internal/hubtest"
	"github.com/reformhub/hub/internal/server"
	"github.com/reformhub/hub/loader"
)

// versionOf posts a query and returns the response's extensions.dataVersion.
func versionOf(t *testing.T, h http.Handler, q string) float64 {
	t.Helper()
	req := httptest.NewRequest(http.MethodPost, "/graphql", strings.NewReader(query(q, nil)))
	req.Header.Set("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	var resp struct {
		Extensions map[string]any `json:"extensions"`
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &resp); err != nil {
		t.Fatalf("%v: %s", err, rec.Body)
	}
	v, ok := resp.Extensions["dataVersion"].(float64)
	if !ok {
		t.Fatalf("no extensions.dataVersion in %s", rec.Body)
	}
	return v
}

// TestDataVersion: every response — data or error — carries the data version; two hub
// processes over one Neo4j both report a sync's new version within a second, the /events
// stream announces it, and a GET's ETag changes with it.
func TestDataVersion(t *testing.T) {
	_, _, st := hubtest.Handler(t)
	ctx := context.Background()
	opts := server.Options{Logger: slog.New(slog.DiscardHandler), DataVersionInterval: 200 * time.Millisecond}
	one := server.New(&graph.Resolver{Store: st}, st, opts)
	two := server.New(&graph.Resolver{Store: st}, st, opts)
	dv0, err := st.DataVersion(ctx)
	if err != nil {
		t.Fatal(err)
	}
	v0 := dv0.N
	for _, q := range []string{`{ tasks(limit: 1) { id } }`, `{ nosuchfield }`, `{ tasks(limit: -1) { id } }`} {
		if got := versionOf(t, one, q); got != float64(v0) {
			t.Errorf("%s: dataVersion %v, want %d", q, got, v0)
		}
	}

	srv := httptest.NewServer(one)
	defer srv.Close()
	sctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	req, _ := http.NewRequestWithContext(sctx, http.MethodGet, srv.URL+"/events", nil)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = res.Body.Close() }()
	if ct := res.Header.Get("Content-Type"); ct != "text/event-stream" {
		t.Fatalf("/events Content-Type %q", ct)
	}
	events := make(chan string, 8)
	go func() {
		sc := bufio.NewScanner(res.Body)
		var ev string
		for sc.Scan() {
			line := sc.Text()
			switch {
			case strings.HasPrefix(line, "event: "):
				ev = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "data: "):
				events <- ev + " " + strings.TrimPrefix(line, "data: ")
			}
		}
		close(events)
	}()
	if first := <-events; !strings.HasPrefix(first, "dataVersion {\"version\":") {
		t.Fatalf("first event %q", first)
	}

	// The ETag of a GET names the data version: the same tag before the sync (304), a new one
	// after it.
	etagGET := func(tag string) *httptest.ResponseRecorder {
		req := httptest.NewRequest(http.MethodGet, "/graphql?query="+url.QueryEscape(`{ tasksConnection { totalCount } }`), nil)
		req.Header.Set("GraphQL-Require-Preflight", "1")
		if tag != "" {
			req.Header.Set("If-None-Match", tag)
		}
		rec := httptest.NewRecorder()
		one.ServeHTTP(rec, req)
		return rec
	}
	tag0 := etagGET("").Header().Get("ETag")
	if rec := etagGET(tag0); tag0 == "" || rec.Code != http.StatusNotModified {
		t.Fatalf("before the sync: ETag %q, revalidation %d", tag0, rec.Code)
	}

	// A sync of a small extra dataset, unloaded again at the end.
	dir := t.TempDir()
	for name, text := range map[string]string{
		loader.ManifestFile: "format: reformhub/v1\nid: extra-synthetic\ntitle: An extra dataset (synthetic)\ndocuments:\n  - {id: doc/extra, title: Extra, paragraphs: 2}\nfiles: [a.yaml]\n",
		"a.yaml":            "document: doc/extra\nentities:\n  - {id: task/extra-one, type: Task, name: 额外任务, sources: [{para: 1, quote: 额外任务}]}\n",
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	ds, err := loader.Parse(dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := loader.Load(ctx, ds, st, loader.Options{}); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if _, err := loader.Unload(context.Background(), ds.ID, st, loader.Options{}); err != nil {
			t.Errorf("unloading the extra dataset: %v", err)
		}
	})
	synced := time.Now()
	for _, h := range []http.Handler{one, two} {
		for versionOf(t, h, `{ tasks(limit: 1) { id } }`) != float64(v0+1) {
			if time.Since(synced) > time.Second {
				t.Fatalf("a hub still reports version %d a second after the sync", v0)
			}
			time.Sleep(20 * time.Millisecond)
		}
	}
	if rec := etagGET(tag0); rec.Code != http.StatusOK || rec.Header().Get("ETag") == tag0 || rec.Header().Get("ETag") == "" {
		t.Errorf("after the sync, revalidating the old tag: %d, ETag %q (was %q)", rec.Code, rec.Header().Get("ETag"), tag0)
	}
	select {
	case ev := <-events:
		if !strings.HasPrefix(ev, "dataChanged {\"version\":"+jsonInt(v0+1)+",") {
			t.Errorf("event after the sync: %q", ev)
		}
	case <-time.After(5 * time.Second):
		t.Error("no dataChanged event within 5 s of the sync")
	}
}

func jsonInt(n int64) string { b, _ := json.Marshal(n); return string(b) }
