package graph_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/reformhub/hub/graph"
	"github.com/reformhub/hub/internal/config"
	"github.com/reformhub/hub/internal/server"
	"github.com/reformhub/hub/internal/store/storetest"
	"github.com/reformhub/hub/loader"
)

// Datasets in GraphQL: two datasets that disagree on a property, loaded, changed and
// unloaded, then asked about through the real handler over the real Neo4j.

// twoSourceDataset writes a dataset folder with one document and data (a data.yaml body).
func twoSourceDataset(t *testing.T, id, data string) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), id)
	manifest := fmt.Sprintf("format: reformhub/v1\nid: %s\ntitle: Fixture %s\ndocuments:\n  - id: doc/%s\n    title: Document of %s\n    paragraphs: 9\nfiles:\n  - data.yaml\n", id, id, id, id)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, content := range map[string]string{loader.ManifestFile: manifest, "data.yaml": "document: doc/" + id + "\n" + data} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

const (
	sourceA = `entities:
  - { id: department/city, type: Department, name: 东营市, kind: GOVERNMENT, description: a city, sources: [{ para: 1, quote: 东营市 }] }
  - { id: task/a1, type: Task, name: 任务甲, year: 2021, sources: [{ para: 3, quote: 任务甲 }] }
relationships:
  - { type: RESPONSIBLE_FOR, from: department/city, to: task/a1, sources: [{ para: 3, quote: 东营市负责任务甲 }] }
`
	sourceB = `entities:
  - { id: department/city, type: Department, name: 东营市, kind: GOVERNMENT, description: the municipality, sources: [{ para: 4, quote: 东营市政府 }] }
  - { id: task/b1, type: Task, name: 任务乙, year: 2022, sources: [{ para: 6, quote: 任务乙 }] }
`
)

// gqlResult is a GraphQL response: data, and the errors' codes.
type gqlResult struct {
	Data   json.RawMessage
	Errors []struct {
		Message    string
		Extensions struct{ Code string }
	}
	Extensions struct{ DataVersion any }
}

func postGQL(t *testing.T, h http.Handler, query string, out any) gqlResult {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"query": query})
	req := httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	var res gqlResult
	if err := json.Unmarshal(rec.Body.Bytes(), &res); err != nil {
		t.Fatalf("response is not JSON: %v\n%s", err, rec.Body.String())
	}
	if out != nil {
		if len(res.Errors) > 0 {
			t.Fatalf("%s: errors: %s", query, rec.Body.String())
		}
		if err := json.Unmarshal(res.Data, out); err != nil {
			t.Fatalf("%s: %v\n%s", query, err, rec.Body.String())
		}
	}
	return res
}

type change struct {
	Version int
	At      *string
	Dataset string
	Op      string
	Kind    string
	ID      *string
	Type    string
	From    *string
	To      *string
	Fields  []string
	Entity  *struct{ ID string }
}

const changeFields = `version at dataset op kind id type from to fields entity { id }`

func TestDatasetsInGraphQL(t *testing.T) {
	st, ctx := storetest.OpenEmpty(t)
	// Each request reads at the version the server's watcher knows; a version as fresh as the
	// last load, for a test that loads and asks at once.
	h := server.New(&graph.Resolver{Store: st}, st, server.Options{RequestTimeout: 30 * time.Second, DataVersionInterval: time.Nanosecond,
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), Limits: config.Limits{MaxBodyBytes: 1 << 20}})
	load := func(id, data string) {
		t.Helper()
		ds, err := loader.Parse(twoSourceDataset(t, id, data))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := loader.Load(ctx, ds, st, loader.Options{}); err != nil {
			t.Fatal(err)
		}
	}
	load("a", sourceA) // version 1
	load("b", sourceB) // version 2

	var ds struct {
		Datasets []struct {
			ID, Title, Hash                             string
			Version, Documents, Entities, Relationships int
			LoadedAt                                    *string
			Syncing                                     bool
		}
		DataVersion struct {
			Version int
			At      *string
		}
	}
	postGQL(t, h, `{ datasets { id title version loadedAt hash documents entities relationships syncing } dataVersion { version at } }`, &ds)
	if len(ds.Datasets) != 2 || ds.Datasets[0].ID != "a" || ds.Datasets[1].ID != "b" {
		t.Fatalf("datasets = %+v", ds.Datasets)
	}
	a, b := ds.Datasets[0], ds.Datasets[1]
	if a.Version != 1 || b.Version != 2 || a.Entities != 2 || a.Relationships != 1 || a.Documents != 1 || b.Entities != 2 ||
		a.Title != "Fixture a" || a.Hash == "" || a.Syncing || a.LoadedAt == nil {
		t.Errorf("datasets = %+v", ds.Datasets)
	}
	if _, err := time.Parse(time.RFC3339, *a.LoadedAt); err != nil {
		t.Errorf("loadedAt %q: %v", *a.LoadedAt, err)
	}
	if ds.DataVersion.Version != 2 || ds.DataVersion.At == nil {
		t.Errorf("dataVersion = %+v", ds.DataVersion)
	}

	// The conflicting claim: the plain property shows the first dataset's value, every value
	// stays visible with its dataset and sources.
	type claim struct {
		Field   string
		Value   *string
		Dataset string
		Sources []struct {
			Paragraph int
			Quote     string
			Document  struct{ ID string }
		}
	}
	var city struct {
		Entity struct {
			Description string
			Datasets    []string
			Conflicts   []string
			Claims      []claim
			Described   []claim
			Year        []claim
		}
	}
	postGQL(t, h, `{ entity(id: "department/city") { description datasets conflicts
		claims { field value dataset sources { paragraph quote document { id } } }
		described: claims(field: "description") { field value dataset sources { quote } }
		year: claims(field: "year") { value } } }`, &city)
	e := city.Entity
	if e.Description != "a city" || !slices.Equal(e.Datasets, []string{"a", "b"}) || !slices.Equal(e.Conflicts, []string{"description"}) {
		t.Errorf("city = %+v", e)
	}
	if len(e.Described) != 2 || *e.Described[0].Value != "a city" || e.Described[0].Dataset != "a" ||
		*e.Described[1].Value != "the municipality" || e.Described[1].Dataset != "b" ||
		e.Described[1].Sources[0].Quote != "东营市政府" {
		t.Errorf("claims(field: description) = %+v", e.Described)
	}
	if len(e.Year) != 0 {
		t.Errorf("claims(field: year) of a department = %+v", e.Year)
	}
	var fields []string
	for _, c := range e.Claims {
		fields = append(fields, c.Field+"@"+c.Dataset)
		if c.Field == "description" && c.Dataset == "b" && (len(c.Sources) != 1 || c.Sources[0].Document.ID != "doc/b" || c.Sources[0].Paragraph != 4) {
			t.Errorf("claim sources = %+v", c.Sources)
		}
	}
	if want := []string{"description@a", "description@b", "kind@a", "kind@b", "name@a", "name@b"}; !slices.Equal(fields, want) {
		t.Errorf("claims = %v, want %v", fields, want)
	}
	var task struct{ Entity struct{ Claims []claim } }
	postGQL(t, h, `{ entity(id: "task/a1") { claims(field: "year") { field value dataset } } }`, &task)
	if len(task.Entity.Claims) != 1 || *task.Entity.Claims[0].Value != "2021" {
		t.Errorf("year claims = %+v", task.Entity.Claims)
	}

	var conflicts struct {
		Conflicts []struct{ ID string }
		Tasks     []struct{ ID string } `json:"tasks"`
	}
	postGQL(t, h, `{ conflicts { id } tasks: conflicts(type: Task) { id } }`, &conflicts)
	if len(conflicts.Conflicts) != 1 || conflicts.Conflicts[0].ID != "department/city" || len(conflicts.Tasks) != 0 {
		t.Errorf("conflicts = %+v", conflicts)
	}

	// b changes its task's year (version 3), a is unloaded (version 4).
	load("b", `entities:
  - { id: department/city, type: Department, name: 东营市, kind: GOVERNMENT, description: the municipality, sources: [{ para: 4, quote: 东营市政府 }] }
  - { id: task/b1, type: Task, name: 任务乙, year: 2023, sources: [{ para: 6, quote: 任务乙 }] }
`)
	if _, err := loader.Unload(ctx, "a", st, loader.Options{}); err != nil {
		t.Fatal(err)
	}

	var since2 struct{ Changes []change }
	postGQL(t, h, `{ changes(since: 2, until: 3) { `+changeFields+` } }`, &since2)
	if len(since2.Changes) != 1 {
		t.Fatalf("changes(since: 2, until: 3) = %+v", since2.Changes)
	}
	c := since2.Changes[0]
	if c.Version != 3 || c.Op != "CHANGED" || c.Kind != "ENTITY" || *c.ID != "task/b1" || c.Type != "Task" ||
		c.Dataset != "b" || !slices.Contains(c.Fields, "year") || c.Entity == nil || c.Entity.ID != "task/b1" || c.At == nil {
		t.Errorf("change = %+v", c)
	}

	var since3 struct{ Changes []change }
	postGQL(t, h, `{ changes(since: 3) { `+changeFields+` } }`, &since3)
	var got []string
	for _, c := range since3.Changes {
		if c.Version != 4 || c.Dataset != "a" {
			t.Errorf("change after the unload = %+v", c)
		}
		key := c.Type + " "
		if c.ID != nil {
			key += *c.ID
		} else {
			key += *c.From + "->" + *c.To
		}
		got = append(got, c.Op+" "+c.Kind+" "+key)
		if c.Op == "REMOVED" && c.Entity != nil {
			t.Errorf("a removed entity is not null: %+v", c)
		}
	}
	want := []string{"REMOVED ENTITY Document doc/a", "CHANGED ENTITY Department department/city", "REMOVED ENTITY Task task/a1",
		"REMOVED RELATIONSHIP RESPONSIBLE_FOR department/city->task/a1"}
	slices.Sort(want[:3])
	if !slices.Equal(got, want) {
		t.Errorf("changes(since: 3) = %v, want %v", got, want)
	}

	// Bounds: until beyond the current version is the current version; dataset and paging.
	var all, beyond, ofB, paged struct{ Changes []change }
	postGQL(t, h, `{ changes(since: 0) { `+changeFields+` } }`, &all)
	postGQL(t, h, `{ changes(since: 0, until: 99) { `+changeFields+` } }`, &beyond)
	postGQL(t, h, `{ changes(since: 0, dataset: "b") { `+changeFields+` } }`, &ofB)
	postGQL(t, h, `{ changes(since: 0, limit: 2, offset: 1) { `+changeFields+` } }`, &paged)
	if len(all.Changes) < 8 || len(beyond.Changes) != len(all.Changes) || len(paged.Changes) != 2 {
		t.Errorf("changes: all %d, beyond %d, paged %d", len(all.Changes), len(beyond.Changes), len(paged.Changes))
	}
	for i := 1; i < len(all.Changes); i++ {
		if all.Changes[i].Version < all.Changes[i-1].Version {
			t.Errorf("changes not by version: %+v", all.Changes)
		}
	}
	for _, c := range ofB.Changes {
		if c.Dataset != "b" {
			t.Errorf("changes(dataset: b) has %+v", c)
		}
	}
	if len(paged.Changes) == 2 && paged.Changes[0].Type+*paged.Changes[0].ID != all.Changes[1].Type+*all.Changes[1].ID {
		t.Errorf("changes(limit: 2, offset: 1) = %+v, all %+v", paged.Changes, all.Changes)
	}

	// The planned entity of a change, with a relationship field, also for one that is gone.
	var nested struct {
		Changes []struct {
			ID     *string
			Entity *struct {
				ID           string
				Departments  []struct{ ID string }
				Conflicts    []string
				HistoryCount []struct{ Version int } `json:"h"`
			}
		}
	}
	postGQL(t, h, `{ changes(since: 0, until: 4) { id entity { id conflicts h: history(limit: 1) { version } ... on Task { departments { id } } } } }`, &nested)
	gone, kept := 0, 0
	for _, c := range nested.Changes {
		switch {
		case c.ID != nil && *c.ID == "task/a1":
			if c.Entity != nil {
				t.Errorf("task/a1 is gone: %+v", c.Entity)
			}
			gone++
		case c.ID != nil && *c.ID == "task/b1":
			if c.Entity == nil || len(c.Entity.Departments) != 0 || len(c.Entity.HistoryCount) != 1 {
				t.Errorf("task/b1 now: %+v", c.Entity)
			}
			kept++
		}
	}
	if gone == 0 || kept == 0 {
		t.Errorf("changes with entities: %+v", nested.Changes)
	}

	// History: the city's changes, newest first.
	var hist struct {
		Entity struct {
			Conflicts []string
			History   []change
		}
	}
	postGQL(t, h, `{ entity(id: "department/city") { conflicts history { `+changeFields+` } } }`, &hist)
	var versions []int
	for _, c := range hist.Entity.History {
		versions = append(versions, c.Version)
		if c.Entity == nil || c.Entity.ID != "department/city" || *c.ID != "department/city" {
			t.Errorf("history change = %+v", c)
		}
	}
	if !slices.Equal(versions, []int{4, 2, 1}) || hist.Entity.History[2].Op != "ADDED" || len(hist.Entity.Conflicts) != 0 {
		t.Errorf("history versions = %v (%+v)", versions, hist.Entity)
	}
	var hist1 struct{ Entity struct{ History []change } }
	postGQL(t, h, `{ entity(id: "department/city") { history(limit: 1, offset: 1) { version } } }`, &hist1)
	if len(hist1.Entity.History) != 1 || hist1.Entity.History[0].Version != 2 {
		t.Errorf("history(limit: 1, offset: 1) = %+v", hist1.Entity.History)
	}

	// Several entities' histories (one statement per limit and offset, by the request's loader).
	var many struct {
		Changes []struct {
			ID     *string
			Entity *struct{ History []struct{ Version int } }
		}
	}
	postGQL(t, h, `{ changes(since: 0, until: 2) { id entity { history(limit: 1) { version } } } }`, &many)
	latest := map[string]int{}
	for _, c := range many.Changes {
		if c.ID != nil && c.Entity != nil && len(c.Entity.History) == 1 {
			latest[*c.ID] = c.Entity.History[0].Version
		}
	}
	if latest["department/city"] != 4 || latest["task/b1"] != 3 || latest["doc/b"] != 2 {
		t.Errorf("latest versions = %v", latest)
	}
	var pair struct {
		A struct{ History []struct{ Version int } }
		B struct{ History []struct{ Version int } }
	}
	postGQL(t, h, `{ a: entity(id: "department/city") { history(limit: 1) { version } } b: entity(id: "task/b1") { history(limit: 1) { version } } }`, &pair)
	if len(pair.A.History) != 1 || pair.A.History[0].Version != 4 || len(pair.B.History) != 1 || pair.B.History[0].Version != 3 {
		t.Errorf("histories = %+v", pair)
	}

	// Bad arguments.
	for _, q := range []string{`{ changes(since: -1) { version } }`, `{ changes(since: 3, until: 1) { version } }`,
		`{ changes(since: 0, until: -2) { version } }`, `{ changes(since: 0, offset: -1) { version } }`,
		`{ entity(id: "department/city") { history(offset: -1) { version } } }`} {
		res := postGQL(t, h, q, nil)
		if len(res.Errors) == 0 || res.Errors[0].Extensions.Code != "BAD_USER_INPUT" {
			t.Errorf("%s: errors %+v, want BAD_USER_INPUT", q, res.Errors)
		}
	}
}
