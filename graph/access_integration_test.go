package graph_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"maps"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/reformhub/hub/graph"
	"github.com/reformhub/hub/internal/access"
	"github.com/reformhub/hub/internal/auth"
	"github.com/reformhub/hub/internal/config"
	"github.com/reformhub/hub/internal/server"
	"github.com/reformhub/hub/internal/store/storetest"
	"github.com/reformhub/hub/loader"
)

// Access control through the real handler over the real Neo4j (docs/access.md): a fixture of
// public, internal and restricted documents whose facts overlap, loaded as two datasets, and
// asked by a suite of callers; every answer is compared with what an oracle computed in Go
// from the fixture says that caller may see.

type aclDoc struct {
	id, dataset string
	level       access.Level
	groups      []string
}

type aclEntity struct {
	id, typ, name, dataset string
	docs                   []string // one piece of evidence from each
}

type aclRel struct {
	typ, from, to, dataset string
	docs                   []string
	note                   string
}

var (
	aclDocs = []aclDoc{
		{"doc/acl-pub", "acl-main", access.Public, nil},
		{"doc/acl-int", "acl-main", access.Internal, nil},
		{"doc/acl-red", "acl-main", access.Restricted, []string{"red"}},
		{"doc/acl-blue", "acl-main", access.Restricted, []string{"blue"}},
		{"doc/acl-rb", "acl-main", access.Restricted, []string{"blue", "red"}},
		{"doc/acl-green", "acl-green", access.Restricted, []string{"green"}},
	}
	aclEntities = []aclEntity{
		{"department/acl-city", "Department", "测试城", "acl-main", []string{"doc/acl-pub", "doc/acl-red"}},
		{"department/acl-city", "Department", "测试城", "acl-green", []string{"doc/acl-green"}},
		{"task/acl-open", "Task", "公开任务", "acl-main", []string{"doc/acl-pub"}},
		{"task/acl-int", "Task", "内部任务", "acl-main", []string{"doc/acl-int"}},
		{"task/acl-red", "Task", "红组任务", "acl-main", []string{"doc/acl-red"}},
		{"task/acl-blue", "Task", "蓝组任务", "acl-main", []string{"doc/acl-blue"}},
		{"task/acl-rb", "Task", "红蓝任务", "acl-main", []string{"doc/acl-rb"}},
		{"task/acl-mixed", "Task", "混合任务", "acl-main", []string{"doc/acl-red", "doc/acl-blue"}},
		{"task/acl-green", "Task", "绿组任务", "acl-green", []string{"doc/acl-green"}},
	}
	aclRels = []aclRel{
		{"RESPONSIBLE_FOR", "department/acl-city", "task/acl-open", "acl-main", []string{"doc/acl-pub"}, "main note"},
		{"RESPONSIBLE_FOR", "department/acl-city", "task/acl-open", "acl-green", []string{"doc/acl-green"}, "green note"},
		{"RESPONSIBLE_FOR", "department/acl-city", "task/acl-int", "acl-main", []string{"doc/acl-pub"}, ""},
		{"RESPONSIBLE_FOR", "department/acl-city", "task/acl-red", "acl-main", []string{"doc/acl-red"}, ""},
		{"RESPONSIBLE_FOR", "department/acl-city", "task/acl-mixed", "acl-main", []string{"doc/acl-blue"}, ""},
		{"PART_OF", "task/acl-red", "task/acl-open", "acl-main", []string{"doc/acl-blue"}, ""},
		{"PART_OF", "task/acl-mixed", "task/acl-open", "acl-main", []string{"doc/acl-pub"}, ""},
		{"PART_OF", "task/acl-int", "task/acl-open", "acl-main", []string{"doc/acl-int"}, ""},
		{"RESPONSIBLE_FOR", "department/acl-city", "task/acl-green", "acl-green", []string{"doc/acl-green"}, ""},
	}
	aclCallers = []struct {
		name   string
		caller access.Caller
	}{
		{"anonymous", access.Anonymous},
		{"signed-in", access.NewCaller("u-none", nil)},
		{"red", access.NewCaller("u-red", []string{"red"})},
		{"blue", access.NewCaller("u-blue", []string{"blue"})},
		{"red+blue", access.NewCaller("u-rb", []string{"red", "blue"})},
		{"green", access.NewCaller("u-green", []string{"green"})},
	}
)

// aclView is what the oracle says a caller sees.
type aclView struct {
	docs     map[string]bool
	datasets map[string]bool
	entities map[string][]string // id → its visible evidence documents, sorted
	types    map[string]string   // id → type
	rels     map[string][]string // TYPE|from|to → its visible evidence documents
}

func aclOracle(c access.Caller) aclView {
	v := aclView{docs: map[string]bool{}, datasets: map[string]bool{}, entities: map[string][]string{},
		types: map[string]string{}, rels: map[string][]string{}}
	for _, d := range aclDocs {
		if c.Allows(d.level, d.groups) {
			v.docs[d.id], v.datasets[d.dataset] = true, true
		}
	}
	for _, e := range aclEntities {
		for _, d := range e.docs {
			if v.docs[d] {
				v.entities[e.id] = append(v.entities[e.id], d)
				v.types[e.id] = e.typ
			}
		}
	}
	for _, r := range aclRels {
		if _, ok := v.entities[r.from]; !ok {
			continue
		}
		if _, ok := v.entities[r.to]; !ok {
			continue
		}
		for _, d := range r.docs {
			if v.docs[d] {
				k := r.typ + "|" + r.from + "|" + r.to
				v.rels[k] = append(v.rels[k], d)
			}
		}
	}
	for _, m := range []map[string][]string{v.entities, v.rels} {
		for k := range m {
			slices.Sort(m[k])
		}
	}
	return v
}

// writeACLDataset writes the fixture's dataset id into a folder.
func writeACLDataset(t *testing.T, id string) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), id)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	var m strings.Builder
	fmt.Fprintf(&m, "format: reformhub/v1\nid: %s\ntitle: Access fixture %s\ndocuments:\n", id, id)
	for _, d := range aclDocs {
		if d.dataset != id {
			continue
		}
		fmt.Fprintf(&m, "  - id: %s\n    title: 文件 %s\n    paragraphs: 9\n", d.id, d.id)
		if d.level != access.Public {
			fmt.Fprintf(&m, "    access: %s\n", d.level)
		}
		if len(d.groups) > 0 {
			fmt.Fprintf(&m, "    groups: [%s]\n", strings.Join(d.groups, ", "))
		}
	}
	m.WriteString("files:\n  - data.yaml\n")
	src := func(docs []string) string {
		var parts []string
		for i, d := range docs {
			parts = append(parts, fmt.Sprintf("{ doc: %s, para: %d, quote: 证据%d }", d, i+1, i+1))
		}
		return "[" + strings.Join(parts, ", ") + "]"
	}
	var data strings.Builder
	data.WriteString("entities:\n")
	for _, e := range aclEntities {
		if e.dataset != id {
			continue
		}
		extra := ""
		switch e.typ {
		case "Department":
			extra = ", kind: GOVERNMENT, description: " + id + " 说"
		case "Task":
			extra = ", year: 2021"
		}
		fmt.Fprintf(&data, "  - { id: %s, type: %s, name: %s%s, sources: %s }\n", e.id, e.typ, e.name, extra, src(e.docs))
	}
	data.WriteString("relationships:\n")
	for _, r := range aclRels {
		if r.dataset == id {
			note := ""
			if r.note != "" {
				note = ", note: " + r.note
			}
			fmt.Fprintf(&data, "  - { type: %s, from: %s, to: %s%s, sources: %s }\n", r.typ, r.from, r.to, note, src(r.docs))
		}
	}
	for name, content := range map[string]string{loader.ManifestFile: m.String(), "data.yaml": data.String()} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

const aclSecret = "access-control-test-secret-of-32+bytes"

func aclToken(t *testing.T, c access.Caller) string {
	t.Helper()
	claims := jwt.MapClaims{"sub": c.Subject, "groups": c.Groups, "exp": time.Now().Add(time.Hour).Unix(), "iat": time.Now().Unix()}
	tok, err := jwt.NewWithClaims(jwt.SigningMethodHS256, claims).SignedString([]byte(aclSecret))
	if err != nil {
		t.Fatal(err)
	}
	return tok
}

// aclPost posts query as c and returns the status and the raw body.
func aclPost(t *testing.T, h http.Handler, token, query string) (int, []byte) {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"query": query})
	req := httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec.Code, rec.Body.Bytes()
}

// aclData posts query and decodes its data into out, failing on any error.
func aclData(t *testing.T, h http.Handler, token, query string, out any) {
	t.Helper()
	code, body := aclPost(t, h, token, query)
	var res struct {
		Data   json.RawMessage
		Errors []any
	}
	if err := json.Unmarshal(body, &res); err != nil || code != http.StatusOK || len(res.Errors) > 0 {
		t.Fatalf("%s: status %d: %s", query, code, body)
	}
	if err := json.Unmarshal(res.Data, out); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
}

type aclEvidence struct {
	Document struct{ ID string }
}

func docsOf(ev []aclEvidence) []string {
	out := []string{}
	for _, e := range ev {
		out = append(out, e.Document.ID)
	}
	slices.Sort(out)
	return out
}

func TestAccessControlCallers(t *testing.T) {
	st, ctx := storetest.OpenEmpty(t)
	for _, id := range []string{"acl-main", "acl-green"} {
		ds, err := loader.Parse(writeACLDataset(t, id))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := loader.Load(ctx, ds, st, loader.Options{}); err != nil {
			t.Fatal(err)
		}
	}
	authn, err := auth.New(ctx, auth.Config{Mode: auth.ModeJWT, Secret: aclSecret})
	if err != nil {
		t.Fatal(err)
	}
	// The response cache off: the timing of hidden and missing ids is the database's, and
	// every caller's answers below are read, not remembered (the cache has its own subtest).
	h := server.New(&graph.Resolver{Store: st}, st, server.Options{RequestTimeout: 30 * time.Second, DataVersionInterval: time.Nanosecond,
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), Limits: config.Limits{MaxBodyBytes: 1 << 20}, Auth: authn, ResponseCacheSize: -1})

	allIDs := map[string]bool{}
	for _, e := range aclEntities {
		allIDs[e.id] = true
	}
	for _, d := range aclDocs {
		allIDs[d.id] = true
	}
	t.Run("hidden and missing ids take the same time", func(t *testing.T) {
		hiddenVsMissing(t, h, 20) // warm up: both statements planned and cached
		hidden, missing, iqrH, iqrM := hiddenVsMissing(t, h, 300)
		t.Logf("entity(id) as anonymous, 300 requests each, interleaved: hidden median %v (IQR %v), missing median %v (IQR %v)",
			hidden, iqrH, missing, iqrM)
		if d := hidden - missing; d.Abs() > max(iqrH, iqrM)+200*time.Microsecond {
			t.Errorf("hidden and missing ids differ by %v, beyond their noise (IQR %v / %v)", d, iqrH, iqrM)
		}
	})
	for _, cl := range aclCallers {
		t.Run(cl.name, func(t *testing.T) {
			want := aclOracle(cl.caller)
			tok := ""
			if cl.caller.SignedIn {
				tok = aclToken(t, cl.caller)
			}
			wantEntities := func(typ string) map[string][]string {
				out := map[string][]string{}
				for id, docs := range want.entities {
					if typ == "" || want.types[id] == typ {
						out[id] = docs
					}
				}
				return out
			}

			// viewer
			var vw struct {
				Viewer struct {
					SignedIn bool
					Subject  *string
					Groups   []string
				}
			}
			aclData(t, h, tok, `{ viewer { signedIn subject groups } }`, &vw)
			if vw.Viewer.SignedIn != cl.caller.SignedIn || !slices.Equal(vw.Viewer.Groups, orNone(cl.caller.Groups)) {
				t.Errorf("viewer = %+v", vw.Viewer)
			}

			// Root lists, their evidence and a relationship field; connections' counts.
			var lists struct {
				Tasks []struct {
					ID      string
					Sources []aclEvidence
				}
				Departments []struct {
					ID       string
					Datasets []string
					Sources  []aclEvidence
					Tasks    []struct{ ID string }
				}
				TasksConnection struct{ TotalCount int }
				Documents       []struct {
					ID     string
					Access string
					Groups []string
				}
				Datasets []struct{ ID string }
			}
			aclData(t, h, tok, `{ tasks(limit: 100) { id sources { document { id } } }
				departments(limit: 100) { id datasets sources { document { id } } tasks(limit: 100) { id } }
				tasksConnection { totalCount } documents(limit: 100) { id access groups } datasets { id } }`, &lists)
			got := map[string][]string{}
			for _, x := range lists.Tasks {
				got[x.ID] = docsOf(x.Sources)
			}
			if w := wantEntities("Task"); !maps.EqualFunc(got, w, slices.Equal) {
				t.Errorf("tasks = %v, want %v", got, w)
			}
			if lists.TasksConnection.TotalCount != len(wantEntities("Task")) {
				t.Errorf("tasksConnection.totalCount = %d, want %d", lists.TasksConnection.TotalCount, len(wantEntities("Task")))
			}
			got = map[string][]string{}
			for _, d := range lists.Departments {
				got[d.ID] = docsOf(d.Sources)
				var tasks []string
				for _, x := range d.Tasks {
					tasks = append(tasks, x.ID)
				}
				slices.Sort(tasks)
				var wantTasks []string
				for k := range want.rels {
					if p := strings.Split(k, "|"); p[0] == "RESPONSIBLE_FOR" && p[1] == d.ID {
						wantTasks = append(wantTasks, p[2])
					}
				}
				slices.Sort(wantTasks)
				if !slices.Equal(tasks, wantTasks) {
					t.Errorf("%s.tasks = %v, want %v", d.ID, tasks, wantTasks)
				}
				var wantDS []string
				for _, e := range aclEntities {
					for _, doc := range e.docs {
						if e.id == d.ID && want.docs[doc] && !slices.Contains(wantDS, e.dataset) {
							wantDS = append(wantDS, e.dataset)
						}
					}
				}
				slices.Sort(wantDS)
				if !slices.Equal(d.Datasets, wantDS) {
					t.Errorf("%s.datasets = %v, want %v", d.ID, d.Datasets, wantDS)
				}
			}
			if w := wantEntities("Department"); !maps.EqualFunc(got, w, slices.Equal) {
				t.Errorf("departments = %v, want %v", got, w)
			}
			var docs, wantDocs []string
			for _, d := range lists.Documents {
				docs = append(docs, d.ID)
			}
			for d := range want.docs {
				wantDocs = append(wantDocs, d)
			}
			slices.Sort(docs)
			slices.Sort(wantDocs)
			if !slices.Equal(docs, wantDocs) {
				t.Errorf("documents = %v, want %v", docs, wantDocs)
			}
			var dss []string
			for _, d := range lists.Datasets {
				dss = append(dss, d.ID)
			}
			if w := slices.Sorted(maps.Keys(want.datasets)); !slices.Equal(dss, w) {
				t.Errorf("datasets = %v, want %v", dss, w)
			}

			// Aggregates, groups, a search connection and the other root lists count only what
			// the caller sees.
			var agg struct {
				TasksConnection struct {
					Aggregate struct {
						Count   struct{ Nodes int }
						GroupBy []struct {
							Value *string
							Count int
						}
					}
				}
				SearchConnection                           struct{ TotalCount int }
				Leaders, Policies, PilotPrograms, Outcomes []struct{ ID string }
				DepartmentsConnection                      struct{ TotalCount int }
			}
			aclData(t, h, tok, `{ tasksConnection { aggregate { count { nodes } groupBy(field: year) { value count } } }
				searchConnection(query: "任务") { totalCount } leaders { id } policies { id } pilotPrograms { id } outcomes { id }
				departmentsConnection { totalCount } }`, &agg)
			nTasks := len(wantEntities("Task"))
			if agg.TasksConnection.Aggregate.Count.Nodes != nTasks || agg.SearchConnection.TotalCount != nTasks ||
				agg.DepartmentsConnection.TotalCount != len(wantEntities("Department")) {
				t.Errorf("counts: aggregate %d, search %d, departments %d; want %d tasks, %d departments", agg.TasksConnection.Aggregate.Count.Nodes,
					agg.SearchConnection.TotalCount, agg.DepartmentsConnection.TotalCount, nTasks, len(wantEntities("Department")))
			}
			grouped := 0
			for _, g := range agg.TasksConnection.Aggregate.GroupBy {
				grouped += g.Count
			}
			if grouped != nTasks {
				t.Errorf("groupBy(year) counts %d tasks, want %d: %+v", grouped, nTasks, agg.TasksConnection.Aggregate.GroupBy)
			}
			if n := len(agg.Leaders) + len(agg.Policies) + len(agg.PilotPrograms) + len(agg.Outcomes); n != 0 {
				t.Errorf("the fixture has no leaders, policies, pilot programs or outcomes; got %d", n)
			}

			// entity(id): a hidden entity answers exactly as a missing one.
			for id := range allIDs {
				q := `{ entity(id: "%s") { id } }`
				_, body := aclPost(t, h, tok, fmt.Sprintf(q, id))
				_, visible := want.entities[id]
				if strings.HasPrefix(id, "doc/") {
					visible = want.docs[id]
				}
				if visible {
					if !strings.Contains(string(body), `"id":"`+id+`"`) {
						t.Errorf("entity(%s) = %s, want it", id, body)
					}
					continue
				}
				_, missing := aclPost(t, h, tok, fmt.Sprintf(q, "task/acl-no-such"))
				if !bytes.Equal(noRequestID(body), noRequestID(missing)) {
					t.Errorf("entity(%s) (hidden) = %s; a missing id = %s", id, body, missing)
				}
			}

			// search: only visible hits.
			var search struct {
				Search []struct{ Entity struct{ ID string } }
			}
			aclData(t, h, tok, `{ search(query: "任务", limit: 50) { entity { id } } }`, &search)
			var hits []string
			for _, s := range search.Search {
				hits = append(hits, s.Entity.ID)
			}
			slices.Sort(hits)
			if w := slices.Sorted(maps.Keys(wantEntities("Task"))); !slices.Equal(hits, w) {
				t.Errorf("search = %v, want %v", hits, w)
			}

			// neighborhood: never through a hidden node or relationship.
			var nb struct {
				Neighborhood struct {
					Nodes         []struct{ ID string }
					Relationships []struct {
						Type     string
						From, To struct{ ID string }
						Note     *string
						Sources  []aclEvidence
					}
				}
			}
			aclData(t, h, tok, `{ neighborhood(id: "department/acl-city", depth: 2, limit: 100) { nodes { id } relationships { type from { id } to { id } note sources { document { id } } } } }`, &nb)
			for _, r := range nb.Neighborhood.Relationships {
				if r.From.ID == "department/acl-city" && r.To.ID == "task/acl-open" {
					wantNote := "main note" // the first visible dataset by id that gives one
					if want.datasets["acl-green"] {
						wantNote = "green note"
					}
					if r.Note == nil || *r.Note != wantNote {
						t.Errorf("city → open note = %v, want %q", r.Note, wantNote)
					}
				}
			}
			reach := map[string]bool{"department/acl-city": true}
			for range 2 {
				for k := range want.rels {
					p := strings.Split(k, "|")
					if reach[p[1]] || reach[p[2]] {
						reach[p[1]], reach[p[2]] = true, true
					}
				}
			}
			var nodes []string
			for _, n := range nb.Neighborhood.Nodes {
				nodes = append(nodes, n.ID)
			}
			slices.Sort(nodes)
			if w := slices.Sorted(maps.Keys(reach)); !slices.Equal(nodes, w) {
				t.Errorf("neighborhood nodes = %v, want %v", nodes, w)
			}
			gotRels := map[string][]string{}
			for _, r := range nb.Neighborhood.Relationships {
				gotRels[r.Type+"|"+r.From.ID+"|"+r.To.ID] = docsOf(r.Sources)
			}
			if !maps.EqualFunc(gotRels, want.rels, slices.Equal) {
				t.Errorf("neighborhood relationships = %v, want %v", gotRels, want.rels)
			}

			// paths: from a task that may be hidden to the public one.
			q := `{ paths(from: "%s", to: "task/acl-open", maxHops: 3, limit: 10) { nodes { id } } }`
			code, body := aclPost(t, h, tok, fmt.Sprintf(q, "task/acl-red"))
			if _, ok := want.entities["task/acl-red"]; !ok {
				_, missing := aclPost(t, h, tok, fmt.Sprintf(q, "task/acl-no-such"))
				if !bytes.Equal(noRequestID(bytes.ReplaceAll(body, []byte("task/acl-red"), []byte("task/acl-no-such"))), noRequestID(missing)) {
					t.Errorf("paths from a hidden entity = %d %s; from a missing one: %s", code, body, missing)
				}
			} else {
				var paths struct {
					Paths []struct{ Nodes []struct{ ID string } }
				}
				if err := json.Unmarshal(body, &struct{ Data any }{&paths}); err != nil {
					t.Fatal(err)
				}
				if len(paths.Paths) == 0 {
					t.Errorf("no path from task/acl-red: %s", body)
				}
				for _, p := range paths.Paths {
					for _, n := range p.Nodes {
						if _, ok := want.entities[n.ID]; !ok {
							t.Errorf("a path passes through hidden %s: %s", n.ID, body)
						}
					}
				}
			}

			// stats count only what the caller sees.
			var stats struct {
				Stats struct {
					EntityCounts, RelationshipCounts []struct {
						Type  string
						Count int
					}
				}
			}
			aclData(t, h, tok, `{ stats { entityCounts { type count } relationshipCounts { type count } } }`, &stats)
			wantCount := map[string]int{}
			for id := range want.entities {
				wantCount[want.types[id]]++
			}
			wantCount["Document"] = len(want.docs)
			for k := range want.rels {
				wantCount[strings.Split(k, "|")[0]]++
			}
			for _, c := range slices.Concat(stats.Stats.EntityCounts, stats.Stats.RelationshipCounts) {
				if c.Count != wantCount[c.Type] {
					t.Errorf("stats %s = %d, want %d", c.Type, c.Count, wantCount[c.Type])
				}
			}

			// Claims and conflicts: the green dataset's description is green's to see.
			var city struct {
				Entity struct {
					Description string
					History     []struct{ Dataset string }
					Conflicts   []string
					Claims      []struct {
						Field, Dataset string
						Sources        []aclEvidence
					}
				}
				Conflicts []struct{ ID string }
			}
			aclData(t, h, tok, `{ entity(id: "department/acl-city") { description conflicts claims { field dataset sources { document { id } } } history { dataset } } conflicts { id } }`, &city)
			for _, c := range city.Entity.History {
				if !want.datasets[c.Dataset] {
					t.Errorf("history shows a change by hidden dataset %s", c.Dataset)
				}
			}
			if len(city.Entity.History) == 0 {
				t.Errorf("no history of the city")
			}
			wantDesc := "acl-main 说" // the first dataset by id the caller sees that gives one
			if want.datasets["acl-green"] {
				wantDesc = "acl-green 说"
			}
			if city.Entity.Description != wantDesc {
				t.Errorf("description = %q, want %q", city.Entity.Description, wantDesc)
			}
			for _, c := range city.Entity.Claims {
				if !want.datasets[c.Dataset] {
					t.Errorf("claim %s by hidden dataset %s", c.Field, c.Dataset)
				}
				for _, d := range docsOf(c.Sources) {
					if !want.docs[d] {
						t.Errorf("claim %s shows evidence of hidden %s", c.Field, d)
					}
				}
			}
			seesBoth := want.docs["doc/acl-green"]
			if seesBoth != slices.Contains(city.Entity.Conflicts, "description") || seesBoth != (len(city.Conflicts) == 1) {
				t.Errorf("conflicts = %v / %v; the caller sees both datasets: %t", city.Entity.Conflicts, city.Conflicts, seesBoth)
			}

			// A filter or a sort reads the value the caller's merge gives, never a hidden one.
			var byDesc struct {
				Green, Main []struct{ ID string }
			}
			aclData(t, h, tok, `{ green: departments(where: {description: {eq: "acl-green 说"}}) { id } main: departments(where: {description: {eq: "acl-main 说"}}) { id } }`, &byDesc)
			if (len(byDesc.Green) == 1) != (wantDesc == "acl-green 说") || (len(byDesc.Main) == 1) != (wantDesc == "acl-main 说") {
				t.Errorf("departments by description: green %v, main %v; the caller's value is %q", byDesc.Green, byDesc.Main, wantDesc)
			}

			// An edge filter reads a relationship's note as the caller's merge gives it.
			var byNote struct {
				Entity struct {
					Green, Main struct{ TotalCount int }
				}
			}
			aclData(t, h, tok, `{ entity(id: "department/acl-city") { ... on Department {
				green: tasksConnection(where: {edge: {note: {eq: "green note"}}}) { totalCount }
				main: tasksConnection(where: {edge: {note: {eq: "main note"}}}) { totalCount } } } }`, &byNote)
			seesGreen := want.datasets["acl-green"]
			if (byNote.Entity.Green.TotalCount == 1) != seesGreen || (byNote.Entity.Main.TotalCount == 1) == seesGreen {
				t.Errorf("tasks by edge note: green %d, main %d; the caller sees acl-green: %t", byNote.Entity.Green.TotalCount,
					byNote.Entity.Main.TotalCount, seesGreen)
			}

			// changes: of visible facts only.
			var changes struct {
				Changes []struct {
					Dataset  string
					Kind     string
					ID       *string
					Type     string
					From, To *string
				}
			}
			aclData(t, h, tok, `{ changes(since: 0, limit: 1000) { dataset kind id type from to } }`, &changes)
			seen := map[string]bool{}
			for _, c := range changes.Changes {
				if !want.datasets[c.Dataset] {
					t.Errorf("a change by hidden dataset %s", c.Dataset)
				}
				var key string
				switch {
				case c.ID != nil:
					key = *c.ID
					_, ok := want.entities[key]
					if strings.HasPrefix(key, "doc/") {
						ok = want.docs[key]
					}
					if !ok {
						t.Errorf("change of hidden entity %s", key)
					}
				case c.From != nil && c.To != nil:
					key = c.Type + "|" + *c.From + "|" + *c.To
					if _, ok := want.rels[key]; !ok {
						t.Errorf("change of hidden relationship %s", key)
					}
				}
				seen[key] = true
			}
			for id := range want.entities {
				if !seen[id] {
					t.Errorf("no change of visible %s", id)
				}
			}
		})
	}
	t.Run("the response cache keeps each caller's answers apart", func(t *testing.T) {
		// Each query asked by every caller in turn, twice: the second round is answered from
		// the cache, and every answer equals the one a hub without a cache gives that caller.
		// A key that forgot the caller's groups, or the subject of viewer, would serve the
		// first caller's answer to the next.
		off := server.New(&graph.Resolver{Store: st}, st, server.Options{RequestTimeout: 30 * time.Second, DataVersionInterval: time.Nanosecond,
			Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), Limits: config.Limits{MaxBodyBytes: 1 << 20}, Auth: authn, ResponseCacheSize: -1})
		on := server.New(&graph.Resolver{Store: st}, st, server.Options{RequestTimeout: 30 * time.Second, DataVersionInterval: time.Minute,
			Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), Limits: config.Limits{MaxBodyBytes: 1 << 20}, Auth: authn})
		queries := []string{
			`{ viewer { signedIn subject groups } }`,
			`{ tasks(sort: [{ id: ASC }]) { id name sources { document { id } } } }`,
			`{ tasksConnection { totalCount } }`,
			`{ entity(id: "task/acl-red") { id } }`,
			`{ entity(id: "department/acl-city") { id ... on Department { tasks { id } description } } }`,
			`{ documents { id } datasets { id } }`,
			`{ search(query: "任务", limit: 50) { score entity { id } } }`,
		}
		hits := 0
		for _, q := range queries {
			for round := range 2 {
				for _, cl := range aclCallers {
					tok := ""
					if cl.caller.SignedIn {
						tok = aclToken(t, cl.caller)
					}
					_, want := aclPost(t, off, tok, q)
					_, got := aclPost(t, on, tok, q)
					var w, g struct {
						Data       json.RawMessage
						Errors     []any
						Extensions map[string]any
					}
					if json.Unmarshal(want, &w) != nil || json.Unmarshal(got, &g) != nil || len(w.Errors) > 0 {
						t.Fatalf("%s as %s: %s / %s", q, cl.name, want, got)
					}
					if !bytes.Equal(w.Data, g.Data) {
						t.Errorf("%s as %s (round %d): with the cache %s, without %s", q, cl.name, round, g.Data, w.Data)
					}
					if g.Extensions["cache"] == "hit" {
						hits++
						if round == 0 && cl.name != "signed-in" && cl.name != "anonymous" {
							// a first ask may hit only an entry of a caller with the same visibility
							t.Errorf("%s as %s: a hit on the first round", q, cl.name)
						}
					}
				}
			}
		}
		if want := len(queries) * len(aclCallers); hits < want {
			t.Errorf("%d hits, want at least %d (every second ask)", hits, want)
		}
	})
}

var requestIDField = regexp.MustCompile(`,?"requestId":"[^"]*"`)

// noRequestID is a response body without its request ids (each request has its own).
func noRequestID(body []byte) []byte { return requestIDField.ReplaceAll(body, nil) }

// hiddenVsMissing times entity(id) for a hidden id and a missing one, interleaved, as the
// anonymous caller: the same statement runs for both, so the times should differ by no more
// than their noise. It returns the medians and interquartile ranges.
func hiddenVsMissing(t *testing.T, h http.Handler, n int) (hidden, missing, iqrH, iqrM time.Duration) {
	t.Helper()
	var hs, ms []time.Duration
	for i := range 2 * n {
		id, into := "task/acl-red", &hs
		if i%2 == 1 {
			id, into = "task/acl-nothing", &ms
		}
		start := time.Now()
		aclPost(t, h, "", `{ entity(id: "`+id+`") { id name } }`)
		*into = append(*into, time.Since(start))
	}
	q := func(d []time.Duration, p float64) time.Duration {
		slices.Sort(d)
		return d[int(p*float64(len(d)-1))]
	}
	return q(hs, 0.5), q(ms, 0.5), q(hs, 0.75) - q(hs, 0.25), q(ms, 0.75) - q(ms, 0.25)
}

func orNone(l []string) []string {
	if l == nil {
		return []string{}
	}
	return l
}
