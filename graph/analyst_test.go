package graph_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/99designs/gqlgen/client"

	"github.com/reformhub/hub/internal/hubtest"
)

// Questions an analyst asks of the 2021 Dongying report, answered through GraphQL over the
// real Neo4j with the shipped dataset loaded. Each asserts the facts the article states.

func hub(t *testing.T) *client.Client {
	t.Helper()
	h, _, _ := hubtest.Handler(t)
	return client.New(h, client.Path("/graphql"))
}

type evidence struct {
	Paragraph int
	Quote     string
	Document  struct{ ID, Title string }
}

func TestHowManyProvincialKeyTasksWereCompleted(t *testing.T) {
	var resp struct {
		Tasks []struct {
			Name               string
			Planned, Completed int
			Status             string
			Sources            []evidence
		}
	}
	hub(t).MustPost(`{ tasks(where: {id: {eq: "task/provincial-key-tasks"}}) {
		name planned completed status sources { paragraph quote document { id title } } } }`, &resp)
	if len(resp.Tasks) != 1 {
		t.Fatalf("tasks = %+v", resp.Tasks)
	}
	got := resp.Tasks[0]
	if got.Planned != 112 || got.Completed != 112 || got.Status != "COMPLETED" {
		t.Errorf("provincial key tasks: %+v, want 112 planned, 112 completed", got)
	}
	if !hasSource(got.Sources, 3, "112项要点任务全部完成") {
		t.Errorf("no evidence in paragraph 3: %+v", got.Sources)
	}
	if got.Sources[0].Document.ID != "doc/dongying-reform-2021" || !strings.Contains(got.Sources[0].Document.Title, "2021年全市全面深化改革工作综述") {
		t.Errorf("evidence document = %+v", got.Sources[0].Document)
	}
}

func TestWhoLeadsTheKeyItems(t *testing.T) {
	var resp struct {
		Task struct {
			Name               string
			Planned, Completed int
			Leaders            []struct {
				Name      string
				Headcount int
			}
		}
	}
	hub(t).MustPost(`{ task: entity(id: "task/key-items-2021") { ... on Task {
		name planned completed leaders { name headcount } } } }`, &resp)
	if resp.Task.Planned != 21 || resp.Task.Completed != 21 {
		t.Errorf("key items: %+v, want 21 planned and completed", resp.Task)
	}
	if len(resp.Task.Leaders) != 1 || resp.Task.Leaders[0].Name != "市级领导" || resp.Task.Leaders[0].Headcount != 16 {
		t.Errorf("leaders of the key items = %+v, want 16 市级领导", resp.Task.Leaders)
	}
}

func TestHowMuchFasterIsStartingABusiness(t *testing.T) {
	var resp struct {
		Outcomes []struct {
			ID, Metric, Unit, Kind string
			Value                  float64
		}
	}
	hub(t).MustPost(`{ outcomes(where: {metric: {in: ["申请准备时间", "审批时间"]}}, sort: [{value: DESC}]) {
		id metric value unit kind } }`, &resp)
	if len(resp.Outcomes) != 2 {
		t.Fatalf("outcomes = %+v", resp.Outcomes)
	}
	if o := resp.Outcomes[0]; o.Metric != "申请准备时间" || o.Value != 10 || o.Unit != "分钟" || o.Kind != "METRIC" {
		t.Errorf("preparation time = %+v, want 10 分钟", o)
	}
	if o := resp.Outcomes[1]; o.Metric != "审批时间" || o.Value != 1 || o.Unit != "分钟" {
		t.Errorf("approval time = %+v, want 1 分钟", o)
	}
}

func TestLargestMoneyFiguresInYuan(t *testing.T) {
	var resp struct {
		Outcomes []struct {
			Name  string
			Value float64
			Unit  string
		}
	}
	hub(t).MustPost(`{ outcomes(where: {unit: {eq: "亿元"}}, sort: [{value: DESC}], limit: 2) { name value unit } }`, &resp)
	if len(resp.Outcomes) != 2 || resp.Outcomes[0].Value != 87.2 || resp.Outcomes[1].Value != 34.6 {
		t.Errorf("largest 亿元 figures = %+v, want 87.2 (cross-border e-commerce) then 34.6 (industrial funds)", resp.Outcomes)
	}
}

func TestWhatDidThePilotsUnderTheResourceFactorReformAchieve(t *testing.T) {
	var resp struct {
		Task struct {
			PilotPrograms []struct {
				ID, Name, Level string
				Departments     []struct{ Name string }
				Outcomes        []struct{ ID, Name string }
			}
		}
	}
	hub(t).MustPost(`{ task: entity(id: "task/resource-factor-reform") { ... on Task {
		pilotPrograms(sort: [{id: ASC}]) { id name level departments { name } outcomes { id name } } } } }`, &resp)
	pilots := resp.Task.PilotPrograms
	ids := make([]string, len(pilots))
	for i, p := range pilots {
		ids[i] = p.ID
	}
	want := []string{"pilot/collective-construction-land-market-entry", "pilot/eco-product-value-realization"}
	if !slices.Equal(ids, want) {
		t.Fatalf("pilots under the resource-factor reform = %v, want %v", ids, want)
	}
	eco := pilots[1]
	if eco.Level != "NATIONAL" || len(eco.Departments) != 1 || eco.Departments[0].Name != "东营市" {
		t.Errorf("eco-product pilot = %+v", eco)
	}
	if len(eco.Outcomes) != 1 || eco.Outcomes[0].ID != "outcome/first-eco-conditioned-land-transfer" {
		t.Errorf("eco-product pilot achieved %+v, want the first eco-conditioned land transfer", eco.Outcomes)
	}
}

func TestWhoCarriesCCUSAndWhatItAchieved(t *testing.T) {
	var resp struct {
		Tasks []struct {
			Departments []struct{ Name, Kind string }
			SupportedBy []struct{ Name string }
			Outcomes    []struct {
				Metric string
				Value  float64
				Unit   string
			}
		}
	}
	hub(t).MustPost(`{ tasks(where: {name: {contains: "CCUS"}}) {
		departments { name kind } supportedBy { name } outcomes(sort: [{value: DESC}]) { metric value unit } } }`, &resp)
	if len(resp.Tasks) != 1 {
		t.Fatalf("CCUS tasks = %+v", resp.Tasks)
	}
	task := resp.Tasks[0]
	if len(task.Departments) != 1 || task.Departments[0].Name != "胜利油田" || task.Departments[0].Kind != "ENTERPRISE" {
		t.Errorf("CCUS is carried by %+v, want 胜利油田", task.Departments)
	}
	if len(task.SupportedBy) != 1 || task.SupportedBy[0].Name != "东营市" {
		t.Errorf("CCUS is supported by %+v, want 东营市", task.SupportedBy)
	}
	var got []string
	for _, o := range task.Outcomes {
		got = append(got, ftoa(o.Value)+o.Unit)
	}
	if want := []string{"43万吨", "40万吨", "10万吨"}; !slices.Equal(got, want) {
		t.Errorf("CCUS outcomes = %v, want %v", got, want)
	}
}

func TestWhereIsTheSafeChinaHonourStated(t *testing.T) {
	var resp struct {
		Outcome struct {
			Kind       string
			Year       int
			Sources    []evidence
			AchievedBy []struct {
				Typename string `json:"__typename"`
				ID       string
			}
		}
	}
	hub(t).MustPost(`{ outcome: entity(id: "outcome/safe-china-model-city") { ... on Outcome {
		kind year sources { paragraph quote } achievedBy { __typename id } } } }`, &resp)
	if resp.Outcome.Kind != "HONOUR" || resp.Outcome.Year != 2021 {
		t.Errorf("safe-china honour = %+v", resp.Outcome)
	}
	if !hasSource(resp.Outcome.Sources, 29, "平安中国建设示范市") {
		t.Errorf("the honour should be stated in paragraph 29: %+v", resp.Outcome.Sources)
	}
	var by []string
	for _, a := range resp.Outcome.AchievedBy {
		by = append(by, a.Typename+":"+a.ID)
	}
	slices.Sort(by)
	if want := []string{"Department:department/dongying-city", "Task:task/social-system-reform"}; !slices.Equal(by, want) {
		t.Errorf("achieved by %v, want %v", by, want)
	}
}

func TestWhichHonoursDidTheCityWin(t *testing.T) {
	var resp struct {
		Outcomes []struct{ Name string }
	}
	hub(t).MustPost(`{ outcomes(where: {kind: {eq: HONOUR}, achievedBy: {some: {id: {eq: "department/dongying-city"}}}}) { name } }`, &resp)
	var names []string
	for _, o := range resp.Outcomes {
		names = append(names, o.Name)
	}
	for _, want := range []string{"2021中国最具生态竞争力城市", "平安中国建设示范市", "全国最具人才吸引力城市100强"} {
		if !slices.Contains(names, want) {
			t.Errorf("honours of the city %v lack %s", names, want)
		}
	}
}

func TestWhoIssuedTheEcologicalRegulation(t *testing.T) {
	var resp struct {
		Policies []struct {
			Kind, Title string
			IssuedBy    []struct{ ID string }
			Outcomes    []struct{ Name, Scope string }
			Parent      *struct{ Name string }
		}
	}
	hub(t).MustPost(`{ policies(where: {kind: {eq: REGULATION}, title: {contains: "生态保护与修复条例"}}) {
		kind title issuedBy { id } outcomes { name scope } parent { name } } }`, &resp)
	if len(resp.Policies) != 1 {
		t.Fatalf("policies = %+v", resp.Policies)
	}
	p := resp.Policies[0]
	if len(p.IssuedBy) != 1 || p.IssuedBy[0].ID != "department/dongying-city" {
		t.Errorf("issued by %+v, want the city", p.IssuedBy)
	}
	if len(p.Outcomes) != 1 || p.Outcomes[0].Scope != "全国" {
		t.Errorf("the regulation's outcome = %+v, want a nation-wide first", p.Outcomes)
	}
	if p.Parent == nil || p.Parent.Name != "生态保护立法体系" {
		t.Errorf("parent = %+v, want the ecological legislation system", p.Parent)
	}
}

func TestSpecialGroupsOfTheReformCommission(t *testing.T) {
	var resp struct {
		Department struct {
			Name     string
			Children []struct {
				Name, Kind string
			}
		}
	}
	hub(t).MustPost(`{ department: entity(id: "department/city-reform-commission") { ... on Department {
		name children(where: {kind: {eq: GROUP}}) { name kind } } } }`, &resp)
	var names []string
	for _, c := range resp.Department.Children {
		names = append(names, c.Name)
	}
	if !slices.Contains(names, "六个深改委专项小组") {
		t.Errorf("groups under 市委深改委 = %v, want 六个深改委专项小组 among them", names)
	}
}

func TestSearchInChinese(t *testing.T) {
	var resp struct {
		Search []struct {
			Score     float64
			Highlight *string
			Entity    struct {
				Typename string `json:"__typename"`
				ID       string
			}
		}
	}
	hub(t).MustPost(`{ search(query: "生态产品价值实现", types: [PilotProgram], limit: 5) {
		score highlight entity { __typename id } } }`, &resp)
	if len(resp.Search) == 0 || resp.Search[0].Entity.ID != "pilot/eco-product-value-realization" {
		t.Fatalf("search hits = %+v, want the eco-product pilot first", resp.Search)
	}
	for _, h := range resp.Search {
		if h.Entity.Typename != "PilotProgram" {
			t.Errorf("types filter let through %s", h.Entity.Typename)
		}
	}
	if h := resp.Search[0].Highlight; h == nil || !strings.Contains(*h, "<em>") {
		t.Errorf("highlight = %v", h)
	}
	if len(resp.Search) > 1 && resp.Search[0].Score < resp.Search[1].Score {
		t.Errorf("hits not best first: %+v", resp.Search)
	}
}

func TestSearchTreatsLuceneSyntaxAsText(t *testing.T) {
	c := hub(t)
	for _, q := range []string{`改革 AND (`, `"unterminated`, `*:*`, `a~2^3 || b && !c`, `\`, `/regex/`, `[1 TO 5}`} {
		var resp struct{ Search []struct{ Score float64 } }
		if err := c.Post(`query($q: String!) { search(query: $q) { score } }`, &resp, client.Var("q", q)); err != nil {
			t.Errorf("search %q: %v", q, err)
		}
	}
}

func TestStatsCountWhatTheDatasetHolds(t *testing.T) {
	h, ds, _ := hubtest.Handler(t)
	c := client.New(h, client.Path("/graphql"))
	var resp struct {
		Stats struct {
			EntityCounts []struct {
				Type  string
				Count int
			}
			RelationshipCounts []struct {
				Type  string
				Count int
			}
		}
	}
	c.MustPost(`{ stats { entityCounts { type count } relationshipCounts { type count } } }`, &resp)
	wantNodes := map[string]int{"Document": len(ds.Documents)}
	for _, e := range ds.Entities {
		wantNodes[string(e.Type)]++
	}
	wantRels := map[string]int{}
	for _, r := range ds.Relationships {
		wantRels[string(r.Type)]++
	}
	total := 0
	for _, tc := range resp.Stats.EntityCounts {
		if tc.Count != wantNodes[tc.Type] {
			t.Errorf("%s: %d entities, dataset has %d", tc.Type, tc.Count, wantNodes[tc.Type])
		}
		total += tc.Count
	}
	if total < 61 {
		t.Errorf("only %d entities", total)
	}
	for _, tc := range resp.Stats.RelationshipCounts {
		if tc.Count != wantRels[tc.Type] {
			t.Errorf("%s: %d relationships, dataset has %d", tc.Type, tc.Count, wantRels[tc.Type])
		}
	}
}

func TestNeighborhoodShowsRelationshipEvidence(t *testing.T) {
	var resp struct {
		Neighborhood struct {
			Nodes         []struct{ ID string }
			Relationships []struct {
				Type     string
				Implied  bool
				From, To struct{ ID string }
				Sources  []evidence
			}
		}
	}
	hub(t).MustPost(`{ neighborhood(id: "pilot/eco-product-value-realization", depth: 1) {
		nodes { id } relationships { type implied from { id } to { id } sources { paragraph quote } } } }`, &resp)
	n := resp.Neighborhood
	if len(n.Nodes) == 0 || n.Nodes[0].ID != "pilot/eco-product-value-realization" {
		t.Fatalf("the centre comes first: %+v", n.Nodes)
	}
	found := false
	for _, r := range n.Relationships {
		if r.Type == "RUNS" && r.From.ID == "department/dongying-city" && r.To.ID == "pilot/eco-product-value-realization" {
			found = true
			if r.Implied || !hasSource(r.Sources, 18, "生态产品价值实现机制试点") {
				t.Errorf("RUNS evidence = %+v", r)
			}
		}
	}
	if !found {
		t.Errorf("the city RUNS the pilot is missing: %+v", n.Relationships)
	}
}

func TestHowIsTheOilfieldConnectedToTheStoredCarbon(t *testing.T) {
	var resp struct {
		Paths []struct {
			Length        int
			Nodes         []struct{ ID string }
			Relationships []struct {
				Type    string
				Sources []evidence
			}
		}
	}
	hub(t).MustPost(`{ paths(from: "department/shengli-oilfield", to: "outcome/ccus-co2-stored-40", maxHops: 3) {
		length nodes { id } relationships { type sources { paragraph } } } }`, &resp)
	// Shortest first: the direct path through the CCUS task, then the longer ones (via the city).
	if len(resp.Paths) == 0 {
		t.Fatalf("paths = %+v", resp.Paths)
	}
	for i := 1; i < len(resp.Paths); i++ {
		if resp.Paths[i].Length < resp.Paths[i-1].Length {
			t.Errorf("paths not shortest first: %+v", resp.Paths)
		}
	}
	p := resp.Paths[0]
	var ids, types []string
	for _, n := range p.Nodes {
		ids = append(ids, n.ID)
	}
	for _, r := range p.Relationships {
		types = append(types, r.Type)
		if len(r.Sources) == 0 || r.Sources[0].Paragraph != 16 {
			t.Errorf("%s evidence = %+v, want paragraph 16", r.Type, r.Sources)
		}
	}
	if p.Length != 2 || !slices.Equal(ids, []string{"department/shengli-oilfield", "task/ccus-rd", "outcome/ccus-co2-stored-40"}) ||
		!slices.Equal(types, []string{"RESPONSIBLE_FOR", "ACHIEVED"}) {
		t.Errorf("path = %+v", p)
	}
}

func TestTasksCarriedByTheOilfield(t *testing.T) {
	var resp struct{ Tasks []struct{ ID string } }
	hub(t).MustPost(`{ tasks(where: {departments: {some: {name: {eq: "胜利油田"}}}}) { id } }`, &resp)
	if len(resp.Tasks) != 1 || resp.Tasks[0].ID != "task/ccus-rd" {
		t.Errorf("tasks carried by 胜利油田 = %+v", resp.Tasks)
	}
}

func TestCrossBorderTradeVolume(t *testing.T) {
	var resp struct {
		PilotPrograms []struct {
			Outcomes []struct {
				Value float64
				Unit  string
				Year  int
			}
		}
	}
	hub(t).MustPost(`{ pilotPrograms(where: {name: {startsWith: "跨境电商"}}) { outcomes(where: {unit: {eq: "亿元"}}) { value unit year } } }`, &resp)
	if len(resp.PilotPrograms) != 1 || len(resp.PilotPrograms[0].Outcomes) != 1 {
		t.Fatalf("got %+v", resp.PilotPrograms)
	}
	if o := resp.PilotPrograms[0].Outcomes[0]; o.Value != 87.2 || o.Unit != "亿元" || o.Year != 2021 {
		t.Errorf("cross-border e-commerce trade = %+v, want 87.2 亿元 in 2021", o)
	}
}

func TestEveryFactHasEvidence(t *testing.T) {
	var resp struct {
		Neighborhood struct {
			Nodes []struct {
				ID      string
				Sources []evidence
			}
			Relationships []struct {
				Type    string
				Sources []evidence
			}
		}
	}
	hub(t).MustPost(`{ neighborhood(id: "department/dongying-city", depth: 2, limit: 500) {
		nodes { id sources { paragraph quote } } relationships { type sources { paragraph quote } } } }`, &resp)
	n := resp.Neighborhood
	if len(n.Nodes) < 50 || len(n.Relationships) < 50 {
		t.Fatalf("neighborhood of the city is small: %d nodes, %d relationships", len(n.Nodes), len(n.Relationships))
	}
	for _, e := range n.Nodes {
		if len(e.Sources) == 0 && !strings.HasPrefix(e.ID, "doc/") {
			t.Errorf("%s has no evidence", e.ID)
		}
	}
	for _, r := range n.Relationships {
		if len(r.Sources) == 0 || r.Sources[0].Paragraph < 1 || r.Sources[0].Quote == "" {
			t.Errorf("%s has no evidence", r.Type)
		}
	}
}

func hasSource(src []evidence, para int, quotePart string) bool {
	for _, s := range src {
		if s.Paragraph == para && strings.Contains(s.Quote, quotePart) {
			return true
		}
	}
	return false
}

func ftoa(f float64) string {
	return strings.TrimSuffix(strings.TrimRight(strings.TrimRight(fmtFloat(f), "0"), "."), ".")
}
