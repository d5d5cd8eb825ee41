package store_test

import (
	stdcmp "cmp"
	"context"
	"encoding/json"
	"errors"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/reformhub/hub/internal/dataversion"
	"github.com/reformhub/hub/internal/plan"
	"github.com/reformhub/hub/internal/reform"
	"github.com/reformhub/hub/internal/store"
	"github.com/reformhub/hub/internal/store/storetest"
)

// Readers never see half a sync (staging.go): a version N staged by hand exactly as
// staging.go describes it is invisible to readers of N-1 (plain mode), is read whole in
// pending mode at N — every root kind answers as over a graph written directly in its final
// state — and once applied by hand, plain readers of N get the same answers.

// base is version 1, written plainly: what a loader leaves after one sync.
var pendingBase = []string{
	`CREATE (:HubMeta {id: 'hub', version: 1, at: datetime('2026-01-01T00:00:00Z')})`,
	`CREATE (:DataVersion {version: 1, at: datetime('2026-01-01T00:00:00Z')})`,
	`CREATE (:Entity:Document {id: 'document/a', name: '文件甲', aliases: [], aliasText: '', paragraphs: 9, datasets: ['ds']})`,
	`CREATE (:Entity:Department {id: 'department/city', name: '东营市', aliases: ['东营'], aliasText: '东营', kind: 'GOVERNMENT',
	  description: '一个城市', datasets: ['ds'], srcDocs: ['document/a'], srcParas: [1], srcQuotes: ['东营市']})`,
	`CREATE (:Entity:Task {id: 'task/t1', name: '改革任务甲', aliases: [], aliasText: '', year: 2021, area: '改革', planned: 3,
	  datasets: ['ds'], conflicts: ['year'], srcDocs: ['document/a'], srcParas: [2], srcQuotes: ['任务甲']})`,
	`CREATE (:Entity:Task {id: 'task/t2', name: '任务乙', aliases: [], aliasText: '', year: 2021, area: '改革', planned: 5,
	  description: '旧的说明', datasets: ['ds'], srcDocs: ['document/a'], srcParas: [3], srcQuotes: ['任务乙']})`,
	`CREATE (:Entity:Task {id: 'task/t3', name: '改革任务丙', aliases: [], aliasText: '', year: 2020, area: '开放', datasets: ['ds']})`,
	`CREATE (:Entity:Policy {id: 'policy/p1', name: '政策一', aliases: [], aliasText: '', kind: 'PLAN', datasets: ['ds']})`,
	`MATCH (a:Entity {id: 'department/city'}), (b:Entity {id: 'task/t1'}) CREATE (a)-[:RESPONSIBLE_FOR {implied: false, dataset: 'ds', srcDocs: ['document/a'], srcParas: [2], srcQuotes: ['负责']}]->(b)`,
	`MATCH (a:Entity {id: 'department/city'}), (b:Entity {id: 'task/t2'}) CREATE (a)-[:RESPONSIBLE_FOR {implied: false, dataset: 'ds'}]->(b)`,
	`MATCH (a:Entity {id: 'department/city'}), (b:Entity {id: 'task/t3'}) CREATE (a)-[:RESPONSIBLE_FOR {implied: true, dataset: 'ds'}]->(b)`,
	`MATCH (a:Entity {id: 'task/t1'}), (b:Entity {id: 'policy/p1'}) CREATE (a)-[:IMPLEMENTS {implied: false, dataset: 'ds'}]->(b)`,
	`CREATE (:Assertion {_ds: 'ds', _kind: 'node', _key: 'task/t1', _label: 'Task', _hash: 'h1', name: '改革任务甲', year: 2021})`,
	`CREATE (:Assertion {_ds: 'ds', _kind: 'node', _key: 'task/t1', _label: 'Task', _hash: 'h1b', name: '改革任务甲', year: 2020}) WITH 1 AS x
	 MATCH (a:Assertion {_key: 'task/t1', _hash: 'h1b'}) SET a._ds = 'ds2'`,
	`CREATE (:Assertion {_ds: 'ds', _kind: 'node', _key: 'task/t2', _label: 'Task', _hash: 'h2', name: '任务乙', year: 2021, description: '旧的说明'})`,
	`CREATE (:Assertion {_ds: 'ds', _kind: 'node', _key: 'task/t3', _label: 'Task', _hash: 'h3', name: '改革任务丙', year: 2020})`,
	`UNWIND ['task/t1', 'task/t2', 'task/t3', 'policy/p1', 'department/city', 'document/a'] AS k
	 CREATE (:Change {version: 1, dataset: 'ds', op: 'added', kind: 'node', key: k, label: 'Task', fields: []})`,
}

// pendingStage stages version 2 over pendingBase and publishes it, by staging.go's rules.
var pendingStage = []string{
	// Added entities: StagedEntity only, type in _label, version in _s.
	`CREATE (:StagedEntity {_label: 'Task', _s: 2, id: 'task/t4', name: '改革任务丁', aliases: ['丁'], aliasText: '丁', year: 2021, area: '改革', planned: 7, datasets: ['ds']})`,
	`CREATE (:StagedEntity {_label: 'Policy', _s: 2, id: 'policy/p2', name: '改革政策二', aliases: [], aliasText: '', kind: 'RULE', datasets: ['ds']})`,
	// An added relationship between two staged entities keeps its type.
	`MATCH (a:StagedEntity {id: 'task/t4'}), (b:StagedEntity {id: 'policy/p2'}) CREATE (a)-[:IMPLEMENTS {implied: false, dataset: 'ds'}]->(b)`,
	// Added relationships with an end in the graph: STAGED_REL with _type and _s.
	`MATCH (a:Entity {id: 'department/city'}), (b:StagedEntity {id: 'task/t4'}) CREATE (a)-[:STAGED_REL {_type: 'RESPONSIBLE_FOR', _s: 2, implied: false, dataset: 'ds', srcDocs: ['document/a'], srcParas: [4], srcQuotes: ['丁']}]->(b)`,
	`MATCH (a:Entity {id: 'task/t2'}), (b:Entity {id: 'policy/p1'}) CREATE (a)-[:STAGED_REL {_type: 'IMPLEMENTS', _s: 2, implied: true, dataset: 'ds'}]->(b)`,
	// Retracted: an entity with its relationship, and a relationship.
	`MATCH (n:Entity {id: 'task/t3'}) SET n._u = 2`,
	`MATCH (:Entity {id: 'department/city'})-[r:RESPONSIBLE_FOR]->(:Entity {id: 'task/t3'}) SET r._u = 2`,
	`MATCH (:Entity {id: 'task/t1'})-[r:IMPLEMENTS]->(:Entity {id: 'policy/p1'}) SET r._u = 2`,
	// Changed: the new values wait beside the old ones (description goes).
	`MATCH (n:Entity {id: 'task/t2'}) SET n._pv = 2, n._pc = ['name', 'year', 'description', 'conflicts'], n._n_name = '改革任务乙', n._n_year = 2022,
	 n._n_conflicts = ['name']`,
	// Assertions: new ones with _s, the replaced and retracted ones with _u.
	`CREATE (:Assertion {_ds: 'ds', _kind: 'node', _key: 'task/t4', _label: 'Task', _hash: 'h4', _s: 2, name: '改革任务丁', year: 2021})`,
	`CREATE (:Assertion {_ds: 'ds', _kind: 'node', _key: 'task/t2', _label: 'Task', _hash: 'h2b', _s: 2, name: '改革任务乙', year: 2022})`,
	`MATCH (a:Assertion {_key: 'task/t2', _hash: 'h2'}) SET a._u = 2`,
	`MATCH (a:Assertion {_key: 'task/t3'}) SET a._u = 2`,
	`UNWIND [['added', 'task/t4'], ['added', 'policy/p2'], ['changed', 'task/t2'], ['removed', 'task/t3']] AS c
	 CREATE (:Change {version: 2, dataset: 'ds', op: c[0], kind: 'node', key: c[1], label: 'Task', fields: []})`,
	// Publish.
	`CREATE (:DataVersion {version: 2, at: datetime('2026-01-02T00:00:00Z')})`,
	`MATCH (m:HubMeta {id: 'hub'}) SET m.version = 2, m.pending = 2, m.at = datetime('2026-01-02T00:00:00Z')`,
}

// pendingApply applies the staged version 2 and finishes, by staging.go's rules.
var pendingApply = []string{
	`MATCH (n:StagedEntity) WHERE n._label = 'Task' SET n:Entity:Task REMOVE n:StagedEntity, n._label, n._s`,
	`MATCH (n:StagedEntity) WHERE n._label = 'Policy' SET n:Entity:Policy REMOVE n:StagedEntity, n._label, n._s`,
	`MATCH (a)-[r:STAGED_REL {_type: 'RESPONSIBLE_FOR'}]->(b) CREATE (a)-[r2:RESPONSIBLE_FOR]->(b) SET r2 = properties(r) REMOVE r2._type, r2._s DELETE r`,
	`MATCH (a)-[r:STAGED_REL {_type: 'IMPLEMENTS'}]->(b) CREATE (a)-[r2:IMPLEMENTS]->(b) SET r2 = properties(r) REMOVE r2._type, r2._s DELETE r`,
	`MATCH (n:Entity {id: 'task/t2'}) SET n.name = n._n_name, n.year = n._n_year, n.conflicts = n._n_conflicts
	 REMOVE n.description, n._pv, n._pc, n._n_name, n._n_year, n._n_conflicts`,
	`MATCH ()-[r]->() WHERE r._u <= 2 DELETE r`,
	`MATCH (n:Entity) WHERE n._u <= 2 DETACH DELETE n`,
	`MATCH (a:Assertion) WHERE a._u <= 2 DELETE a`,
	`MATCH (a:Assertion) WHERE a._s IS NOT NULL REMOVE a._s`,
	`MATCH (m:HubMeta {id: 'hub'}) REMOVE m.pending`,
}

// pendingFinal is version 2 written directly in its final state.
var pendingFinal = []string{
	`CREATE (:HubMeta {id: 'hub', version: 2, at: datetime('2026-01-02T00:00:00Z')})`,
	`CREATE (:DataVersion {version: 1, at: datetime('2026-01-01T00:00:00Z')})`,
	`CREATE (:DataVersion {version: 2, at: datetime('2026-01-02T00:00:00Z')})`,
	`CREATE (:Entity:Document {id: 'document/a', name: '文件甲', aliases: [], aliasText: '', paragraphs: 9, datasets: ['ds']})`,
	`CREATE (:Entity:Department {id: 'department/city', name: '东营市', aliases: ['东营'], aliasText: '东营', kind: 'GOVERNMENT',
	  description: '一个城市', datasets: ['ds'], srcDocs: ['document/a'], srcParas: [1], srcQuotes: ['东营市']})`,
	`CREATE (:Entity:Task {id: 'task/t1', name: '改革任务甲', aliases: [], aliasText: '', year: 2021, area: '改革', planned: 3,
	  datasets: ['ds'], conflicts: ['year'], srcDocs: ['document/a'], srcParas: [2], srcQuotes: ['任务甲']})`,
	`CREATE (:Entity:Task {id: 'task/t2', name: '改革任务乙', aliases: [], aliasText: '', year: 2022, area: '改革', planned: 5,
	  datasets: ['ds'], conflicts: ['name'], srcDocs: ['document/a'], srcParas: [3], srcQuotes: ['任务乙']})`,
	`CREATE (:Entity:Task {id: 'task/t4', name: '改革任务丁', aliases: ['丁'], aliasText: '丁', year: 2021, area: '改革', planned: 7, datasets: ['ds']})`,
	`CREATE (:Entity:Policy {id: 'policy/p1', name: '政策一', aliases: [], aliasText: '', kind: 'PLAN', datasets: ['ds']})`,
	`CREATE (:Entity:Policy {id: 'policy/p2', name: '改革政策二', aliases: [], aliasText: '', kind: 'RULE', datasets: ['ds']})`,
	`MATCH (a:Entity {id: 'department/city'}), (b:Entity {id: 'task/t1'}) CREATE (a)-[:RESPONSIBLE_FOR {implied: false, dataset: 'ds', srcDocs: ['document/a'], srcParas: [2], srcQuotes: ['负责']}]->(b)`,
	`MATCH (a:Entity {id: 'department/city'}), (b:Entity {id: 'task/t2'}) CREATE (a)-[:RESPONSIBLE_FOR {implied: false, dataset: 'ds'}]->(b)`,
	`MATCH (a:Entity {id: 'department/city'}), (b:Entity {id: 'task/t4'}) CREATE (a)-[:RESPONSIBLE_FOR {implied: false, dataset: 'ds', srcDocs: ['document/a'], srcParas: [4], srcQuotes: ['丁']}]->(b)`,
	`MATCH (a:Entity {id: 'task/t4'}), (b:Entity {id: 'policy/p2'}) CREATE (a)-[:IMPLEMENTS {implied: false, dataset: 'ds'}]->(b)`,
	`MATCH (a:Entity {id: 'task/t2'}), (b:Entity {id: 'policy/p1'}) CREATE (a)-[:IMPLEMENTS {implied: true, dataset: 'ds'}]->(b)`,
	`CREATE (:Assertion {_ds: 'ds', _kind: 'node', _key: 'task/t1', _label: 'Task', _hash: 'h1', name: '改革任务甲', year: 2021})`,
	`CREATE (:Assertion {_ds: 'ds2', _kind: 'node', _key: 'task/t1', _label: 'Task', _hash: 'h1b', name: '改革任务甲', year: 2020})`,
	`CREATE (:Assertion {_ds: 'ds', _kind: 'node', _key: 'task/t2', _label: 'Task', _hash: 'h2b', name: '改革任务乙', year: 2022})`,
	`CREATE (:Assertion {_ds: 'ds', _kind: 'node', _key: 'task/t4', _label: 'Task', _hash: 'h4', name: '改革任务丁', year: 2021})`,
	`UNWIND ['task/t1', 'task/t2', 'task/t3', 'policy/p1', 'department/city', 'document/a'] AS k
	 CREATE (:Change {version: 1, dataset: 'ds', op: 'added', kind: 'node', key: k, label: 'Task', fields: []})`,
	`UNWIND [['added', 'task/t4'], ['added', 'policy/p2'], ['changed', 'task/t2'], ['removed', 'task/t3']] AS c
	 CREATE (:Change {version: 2, dataset: 'ds', op: c[0], kind: 'node', key: c[1], label: 'Task', fields: []})`,
}

func TestPendingModeReadsWholeVersions(t *testing.T) {
	s, ctx := storetest.OpenEmpty(t)
	wipe := func() {
		t.Helper()
		if err := s.ExecForTest(ctx, "MATCH (n) WHERE n:Entity OR n:StagedEntity OR n:Assertion OR n:Change OR n:DataVersion OR n:HubMeta OR n:Dataset DETACH DELETE n", nil); err != nil {
			t.Fatal(err)
		}
	}
	run := func(stmts []string) {
		t.Helper()
		for _, c := range stmts {
			if err := s.ExecForTest(ctx, c, nil); err != nil {
				t.Fatal(err)
			}
		}
	}
	t.Cleanup(func() {
		_ = s.ExecForTest(context.Background(), "MATCH (n:StagedEntity) DETACH DELETE n", nil)
	})

	wipe()
	run(pendingBase)
	v1 := readAll(t, ctx, s)
	if v1["list"] == "[]" {
		t.Fatal("the base graph reads empty")
	}

	run(pendingStage)
	// A reader of version 1 (its snapshot taken before the publish) sees version 1 exactly.
	plain1 := dataversion.With(ctx, dataversion.Version{N: 1})
	comparePending(t, "plain reads at 1 after staging 2", v1, readAll(t, plain1, s))
	// A reader of the published version reads in pending mode.
	if v, err := s.DataVersion(ctx); err != nil || v.N != 2 || v.Pending != 2 {
		t.Fatalf("DataVersion = %+v, %v; want version 2 pending", v, err)
	}
	pending := readAll(t, ctx, s)
	// The fixture tells the modes apart: plain mode over the staged graph misses version 2.
	wrong := readAll(t, dataversion.With(ctx, dataversion.Version{N: 2}), s)

	wipe()
	run(pendingFinal)
	final := readAll(t, ctx, s)
	// Pending-mode search finds staged and changed entities by a scan, with no BM25 score
	// (search.go): the hits compare by entity and tier (canonicalHits).
	comparePending(t, "pending reads at 2 vs the final graph", final, pending)
	if final["list"] == v1["list"] {
		t.Error("versions 1 and 2 read the same: the fixture changes nothing")
	}
	same := 0
	for k, w := range final {
		if wrong[k] == w {
			same++
		}
	}
	if same > len(final)/2 {
		t.Errorf("%d of %d answers of plain mode over the staged graph equal the final ones: the fixture stages too little", same, len(final))
	}

	wipe()
	run(pendingBase)
	run(pendingStage)
	run(pendingApply)
	comparePending(t, "plain reads at 2 after applying", final, readAll(t, ctx, s))
}

// comparePending compares two sets of answers by root.
func comparePending(t *testing.T, what string, want, got map[string]string, skip ...string) {
	t.Helper()
	for k, w := range want {
		if slices.ContainsFunc(skip, func(p string) bool { return strings.HasPrefix(k, p) }) {
			continue
		}
		if d := cmp.Diff(w, got[k]); d != "" {
			t.Errorf("%s: %s differs (-want +got):\n%s", what, k, d)
		}
	}
}

// readAll reads every root kind and returns each answer as canonical JSON.
func readAll(t *testing.T, ctx context.Context, s *store.Store) map[string]string {
	t.Helper()
	out := map[string]string{}
	put := func(k string, v any, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("%s: %v", k, err)
		}
		b, err := json.MarshalIndent(v, "", " ")
		if err != nil {
			t.Fatalf("%s: %v", k, err)
		}
		out[k] = string(b)
	}
	read := func(k string, root *plan.Root) *plan.RootResult {
		t.Helper()
		res, err := s.Read(ctx, root)
		if err != nil {
			t.Fatalf("%s: %v", k, err)
		}
		return res
	}
	yr := map[string]any{"year": map[string]any{"gte": int64(2021)}}
	sortByName := []plan.SortKey{{Field: "name", Dir: "ASC"}}

	es, err := s.List(ctx, reform.TypeTask, plan.ListQuery{Sort: sortByName})
	put("list", es, err)
	es, err = s.List(ctx, reform.TypeTask, plan.ListQuery{Where: yr, Sort: []plan.SortKey{{Field: "year", Dir: "DESC"}}})
	put("list-where-year", es, err)
	es, err = s.List(ctx, reform.TypeTask, plan.ListQuery{Where: map[string]any{"name": map[string]any{"startsWith": "改革"}}})
	put("list-where-name", es, err)
	es, err = s.ListEntities(ctx, plan.ListQuery{Where: map[string]any{"type": map[string]any{"in": []any{"Task", "Policy"}}}})
	put("list-entities", es, err)
	es, err = s.List(ctx, reform.TypeTask, plan.ListQuery{Where: map[string]any{"policies": map[string]any{"some": map[string]any{}}}})
	put("list-where-rel", es, err)
	for _, id := range []string{"task/t2", "task/t3", "task/t4", "department/city"} {
		e, err := s.Entity(ctx, id)
		if err != nil && !errorsIsNotFound(err) {
			t.Fatalf("entity %s: %v", id, err)
		}
		put("entity "+id, e, nil)
	}
	res := read("connection", &plan.Root{Kind: plan.RootConnection, Type: reform.TypeTask, Conn: &plan.RelSelection{
		Kind: plan.RelConnection, Edges: true, TotalCount: true, Sort: []plan.SortKey{{Field: "year", Dir: "ASC"}},
		Aggregates: []*plan.AggregateSelection{{Key: "a", Count: true, Node: true,
			Groups: []*plan.GroupSelection{{Key: "g", Field: "year"}, {Key: "h", Field: "departments"}}}}}})
	put("connection", res.Connection, nil)
	cnt, err := s.Count(ctx, plan.Scope{Type: reform.TypeTask})
	put("count", cnt, err)
	agg, err := s.AggregateNode(ctx, plan.Scope{Type: reform.TypeTask, Where: yr})
	put("aggregate", agg, err)
	groups, err := s.GroupBy(ctx, plan.Scope{Type: reform.TypeTask}, "area", nil)
	put("groupBy area", groups, err)
	groups, err = s.GroupBy(ctx, plan.Scope{Type: reform.TypeTask}, "policies", nil)
	put("groupBy policies", groups, err)
	conns, err := s.ConnectionMany(ctx, plan.ConnectionQuery{Scope: plan.Scope{Type: reform.TypeTask,
		From: &plan.Origin{Type: reform.TypeDepartment, Field: "tasks"}}}, []string{"department/city"})
	put("related connection", conns, err)
	counts, err := s.CountMany(ctx, plan.Scope{Type: reform.TypeTask, From: &plan.Origin{Type: reform.TypeDepartment, Field: "tasks"}}, []string{"department/city"})
	put("related count", counts, err)
	rel, err := s.RelatedMany(ctx, reform.TypeDepartment, []string{"department/city"}, "tasks", plan.ListQuery{Sort: sortByName})
	put("related", rel, err)
	rel, err = s.RelatedMany(ctx, reform.TypeTask, []string{"task/t1", "task/t2", "task/t4"}, "policies", plan.ListQuery{})
	put("related policies", rel, err)
	for _, q := range []string{"改革", "任务乙", "丁", "政策"} {
		hits, err := s.Search(ctx, q, nil, nil)
		put("search "+q, canonicalHits(hits, 0), err)
		put("search-text "+q, canonicalHits(hits, 100), err)
	}
	hits, err := s.Search(ctx, "改革", []reform.EntityType{reform.TypePolicy}, nil)
	put("search-text typed", canonicalHits(hits, 100), err)
	hits, _, more, total, err := s.SearchPage(ctx, "改革", nil, ptr(2), nil)
	put("search page", map[string]any{"more": more, "total": total, "n": len(hits)}, err)
	for _, d := range []int{1, 2} {
		sg, err := s.Neighborhood(ctx, "department/city", &d, nil, nil)
		put("neighborhood "+string(rune('0'+d)), sg, err)
	}
	sg, err := s.Neighborhood(ctx, "department/city", ptr(2), nil, []string{"IMPLEMENTS", "RESPONSIBLE_FOR"})
	put("neighborhood typed", sg, err)
	paths, err := s.Paths(ctx, "task/t1", "policy/p1", nil, nil, nil)
	put("paths t1-p1", paths, err)
	paths, err = s.Paths(ctx, "department/city", "policy/p1", nil, nil, []string{"IMPLEMENTS", "RESPONSIBLE_FOR"})
	put("paths city-p1", paths, err)
	st, err := s.Stats(ctx)
	put("stats", st, err)
	docs, err := s.Documents(ctx, []string{"document/a"})
	put("documents", docs, err)
	ids := []string{"task/t1", "task/t2", "task/t3", "task/t4"}
	put("claims", read("claims", &plan.Root{Kind: plan.RootClaims, Parents: ids}).Claims, nil)
	put("conflicts", read("conflicts", &plan.Root{Kind: plan.RootConflicts}).Entities, nil)
	put("changes", read("changes", &plan.Root{Kind: plan.RootChanges, Changes: plan.ChangesQuery{Since: 0}}).Changes, nil)
	put("changes until", read("changes until", &plan.Root{Kind: plan.RootChanges, Changes: plan.ChangesQuery{Since: 0, Until: ptr(5)}}).Changes, nil)
	put("history", read("history", &plan.Root{Kind: plan.RootHistory, Parents: ids}).History, nil)
	return out
}

func errorsIsNotFound(err error) bool {
	return errors.Is(err, reform.ErrNotFound)
}

// canonicalHits keeps of each hit scoring at least minTier its entity id and tier (the hundreds of its score): BM25
// depends on the index's statistics, which differ between a graph in pending mode (retracted
// and old texts still indexed) and the same graph written directly.
func canonicalHits(hits []*reform.SearchHit, minTier float64) []map[string]any {
	type hit struct {
		id   string
		tier float64
	}
	var hs []hit
	for _, h := range hits {
		if h.Score >= minTier {
			hs = append(hs, hit{h.Entity.Common().ID, math.Floor(h.Score/100) * 100})
		}
	}
	slices.SortFunc(hs, func(a, b hit) int { return stdcmp.Or(stdcmp.Compare(b.tier, a.tier), stdcmp.Compare(a.id, b.id)) })
	out := make([]map[string]any, len(hs))
	for i, h := range hs {
		out[i] = map[string]any{"id": h.id, "tier": h.tier}
	}
	return out
}
