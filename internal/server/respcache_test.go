package server_test

import (
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
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

// cacheAnswer is a response as the cache tests read it.
type cacheAnswer struct {
	Data       json.RawMessage `json:"data"`
	Errors     []any           `json:"errors"`
	Extensions map[string]any  `json:"extensions"`
}

func (a cacheAnswer) hit() bool { return a.Extensions["cache"] == "hit" }

func (a cacheAnswer) version() float64 { v, _ := a.Extensions["dataVersion"].(float64); return v }

// ask posts q with vars (and headers as name, value pairs) and decodes the answer.
func ask(t *testing.T, h http.Handler, q string, vars map[string]any, header ...string) cacheAnswer {
	t.Helper()
	req := httptest.NewRequest(http.MethodPost, "/graphql", strings.NewReader(query(q, vars)))
	req.Header.Set("Content-Type", "application/json")
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	var a cacheAnswer
	if err := json.Unmarshal(rec.Body.Bytes(), &a); err != nil {
		t.Fatalf("%v: %s", err, rec.Body)
	}
	return a
}

// TestResponseCache: a read asked again is answered from the cache, equal to the first answer
// and without a statement; other variables, an error, Cache-Control: no-cache and HUB_CACHE=off
// are not; the metrics count it.
func TestResponseCache(t *testing.T) {
	_, _, st := hubtest.Handler(t)
	metrics := server.NewMetrics()
	opts := server.Options{Logger: slog.New(slog.DiscardHandler), Metrics: metrics, DataVersionInterval: time.Minute}
	h := server.New(&graph.Resolver{Store: st}, st, opts)
	q := `query Tasks($n: Int) { tasks(limit: $n, sort: [{ id: ASC }]) { id name departments { id } } }`

	first := ask(t, h, q, map[string]any{"n": 3})
	if first.hit() || len(first.Errors) > 0 || first.Extensions["statements"] == nil {
		t.Fatalf("first ask: %+v", first)
	}
	second := ask(t, h, q, map[string]any{"n": 3})
	if !second.hit() || string(second.Data) != string(first.Data) {
		t.Fatalf("second ask: hit %v, data %s, want %s", second.hit(), second.Data, first.Data)
	}
	if _, ran := second.Extensions["statements"]; ran || second.version() != first.version() {
		t.Errorf("a hit reports statements or another version: %v", second.Extensions)
	}
	// The same operation laid out differently is the same entry.
	if a := ask(t, h, "query Tasks($n:Int){tasks(limit:$n,sort:[{id:ASC}]){id,name,departments{id}}}", map[string]any{"n": 3}); !a.hit() {
		t.Error("the same operation with other whitespace and commas missed")
	}
	if a := ask(t, h, q, map[string]any{"n": 4}); a.hit() || string(a.Data) == string(first.Data) {
		t.Errorf("other variables: hit %v", a.hit())
	}
	if a := ask(t, h, q, map[string]any{"n": 3}, "Cache-Control", "no-cache"); a.hit() || string(a.Data) != string(first.Data) {
		t.Errorf("Cache-Control: no-cache answered from the cache (%v) or differently", a.hit())
	}
	for range 2 {
		if a := ask(t, h, `{ tasks(limit: -1) { id } }`, nil); a.hit() || len(a.Errors) == 0 {
			t.Errorf("an error answer was cached: %+v", a)
		}
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/metrics", nil))
	for _, want := range []string{"hub_response_cache_hits_total 2", "hub_response_cache_stores_total 2", "hub_response_cache_entries 2"} {
		if !strings.Contains(rec.Body.String(), want+"\n") {
			t.Errorf("/metrics has no %q", want)
		}
	}

	opts.ResponseCacheSize = -1 // HUB_CACHE=off
	opts.Metrics = nil
	off := server.New(&graph.Resolver{Store: st}, st, opts)
	for range 2 {
		if a := ask(t, off, q, map[string]any{"n": 3}); a.hit() || string(a.Data) != string(first.Data) {
			t.Errorf("cache off: hit %v", a.hit())
		}
	}
}

// TestResponseCacheNeverStale: two hubs over one Neo4j, each with its own data version watcher
// and response cache (what two processes have), hold an answer; a sync changes it. No answer
// labelled with the new version carries the old data, and both hubs serve the new answer
// within one second of the sync — then from their caches again.
func TestResponseCacheNeverStale(t *testing.T) {
	_, _, st := hubtest.Handler(t)
	ctx := context.Background()
	opts := server.Options{Logger: slog.New(slog.DiscardHandler), DataVersionInterval: 200 * time.Millisecond}
	hubs := []http.Handler{
		server.New(&graph.Resolver{Store: st}, st, opts),
		server.New(&graph.Resolver{Store: st}, st, opts),
	}
	q := `{ tasksConnection { totalCount } entity(id: "task/cache-extra") { id } }`
	type count struct {
		TasksConnection struct{ TotalCount int }
		Entity          *struct{ ID string }
	}
	read := func(a cacheAnswer) count {
		var c count
		if err := json.Unmarshal(a.Data, &c); err != nil || len(a.Errors) > 0 {
			t.Fatalf("%s %v", a.Data, a.Errors)
		}
		return c
	}
	var before count
	var v0 float64
	for _, h := range hubs {
		ask(t, h, q, nil)
		a := ask(t, h, q, nil)
		if !a.hit() {
			t.Fatal("the second ask missed the cache")
		}
		before, v0 = read(a), a.version()
	}
	if before.Entity != nil {
		t.Fatalf("task/cache-extra exists before the sync")
	}

	dir := t.TempDir()
	for name, text := range map[string]string{
		loader.ManifestFile: "format: reformhub/v1\nid: cache-extra\ntitle: An extra dataset (synthetic)\ndocuments:\n  - {id: doc/cache-extra, title: Extra, paragraphs: 2}\nfiles: [a.yaml]\n",
		"a.yaml":            "document: doc/cache-extra\nentities:\n  - {id: task/cache-extra, type: Task, name: 缓存任务, sources: [{para: 1, quote: 缓存任务}]}\n",
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	ds, err := loader.Parse(dir)
	if err != nil {
		t.Fatal(err)
	}
	// check asks each hub until it answers at a version after v, failing when an answer at a
	// later version holds what want says it must not, or when a second passes.
	check := func(v float64, want func(count) bool) float64 {
		t.Helper()
		synced := time.Now()
		var got float64
		for i, h := range hubs {
			for {
				a := ask(t, h, q, nil)
				if a.version() > v {
					if !want(read(a)) {
						t.Fatalf("hub %d: an answer at version %v holds the data of before: %s", i, a.version(), a.Data)
					}
					got = a.version()
					break
				}
				if time.Since(synced) > time.Second {
					t.Fatalf("hub %d still answers at version %v a second after the sync", i, a.version())
				}
				time.Sleep(10 * time.Millisecond)
			}
			if a := ask(t, h, q, nil); !a.hit() || !want(read(a)) {
				t.Errorf("hub %d after the sync: hit %v, %s", i, a.hit(), a.Data)
			}
		}
		return got
	}
	if _, err := loader.Load(ctx, ds, st, loader.Options{}); err != nil {
		t.Fatal(err)
	}
	v1 := check(v0, func(c count) bool {
		return c.Entity != nil && c.TasksConnection.TotalCount == before.TasksConnection.TotalCount+1
	})
	if _, err := loader.Unload(ctx, ds.ID, st, loader.Options{}); err != nil {
		t.Fatal(err)
	}
	check(v1, func(c count) bool {
		return c.Entity == nil && c.TasksConnection.TotalCount == before.TasksConnection.TotalCount
	})
}
