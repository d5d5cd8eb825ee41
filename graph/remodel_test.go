package graph_test

import (
	"slices"
	"strings"
	"testing"
)

// Analyst questions about the facts issue 19 re-modelled or added: relationship types that say
// what the article says (ESTABLISHED, COMPONENT_OF, INSPECTED, AFFIRMED), qualifiers and before
// values as fields, headline results and counts as outcomes, and the facts the second reading
// found missing. Asked through GraphQL over the real Neo4j with the shipped dataset loaded.

type edge struct {
	Node       idName
	Properties struct {
		Type    string
		Implied bool
		Note    *string
		Sources []evidence
	}
}

type conn struct{ Edges []edge }

func TestWhichBodiesDidTheCityEstablish(t *testing.T) {
	var resp struct {
		City struct{ Established conn }
		Hub  struct{ EstablishedBy []idName }
	}
	hub(t).MustPost(`{ city: entity(id: "department/dongying-city") { ... on Department {
		established: establishedConnection(sort: [{node: {id: ASC}}]) { edges { node { id name } properties { type implied sources { paragraph quote } } } } } }
		hub: entity(id: "department/city-new-media-center") { ... on Department { establishedBy { id name } } } }`, &resp)
	var got []string
	for _, e := range resp.City.Established.Edges {
		got = append(got, e.Node.ID)
		if e.Properties.Type != "ESTABLISHED" || e.Properties.Implied || len(e.Properties.Sources) == 0 {
			t.Errorf("%s: %+v", e.Node.ID, e.Properties)
		}
	}
	want := []string{"department/city-new-media-center", "department/dispute-resolution-centers", "department/governance-operation-centers",
		"department/grid-service-centers", "department/heavy-oil-state-key-lab", "department/military-horse-farm-group",
		"department/national-rare-earth-catalysis-institute", "department/national-saline-alkali-innovation-center",
		"department/yellow-river-delta-eco-civilization-research-center"}
	if !slices.Equal(got, want) {
		t.Errorf("established = %v, want %v", got, want)
	}
	if got := idsOf(resp.Hub.EstablishedBy); !slices.Equal(got, []string{"department/dongying-city"}) {
		t.Errorf("the new media centre was set up by %v", got)
	}
}

func TestTheCitySupportsOnlyWhatItSaysItSupports(t *testing.T) {
	// SUPPORTS no longer stands in for "built": what the city supports is the oilfield's CCUS work.
	var resp struct {
		City struct{ Supports []idName }
	}
	hub(t).MustPost(`{ city: entity(id: "department/dongying-city") { ... on Department { supports { id name } } } }`, &resp)
	if got := idsOf(resp.City.Supports); !slices.Equal(got, []string{"department/shengli-oilfield", "task/ccus-rd"}) {
		t.Errorf("the city supports %v", got)
	}
}

func TestWhatIsTheOnePlusSixPlusNineSystemMadeOf(t *testing.T) {
	var resp struct {
		Commission struct{ ComponentOf conn }
		Policies   []idName
	}
	hub(t).MustPost(`{ commission: entity(id: "department/city-reform-commission") { ... on Department {
		componentOf: componentOfConnection { edges { node { id name } properties { type implied note sources { paragraph quote } } } } } }
		policies(where: {components: {some: {kind: {eq: GROUP}}}}) { id name } }`, &resp)
	es := resp.Commission.ComponentOf.Edges
	if len(es) != 1 || es[0].Node.ID != "policy/1-6-9-work-system" || es[0].Properties.Type != "COMPONENT_OF" ||
		es[0].Properties.Note == nil || !strings.Contains(*es[0].Properties.Note, `"1"`) || !hasSource(es[0].Properties.Sources, 7, "“1+6+9”工作推进体系") {
		t.Errorf("the commission is a component of %+v", es)
	}
	// The special groups (kind GROUP) make up exactly one system.
	if got := idsOf(resp.Policies); !slices.Equal(got, []string{"policy/1-6-9-work-system"}) {
		t.Errorf("systems with groups as components = %v", got)
	}
}

func TestWhoInspectedDongying(t *testing.T) {
	var resp struct {
		Departments []struct {
			ID          string
			InspectedBy []idName
		}
	}
	hub(t).MustPost(`{ departments(where: {inspectedBy: {some: {name: {eq: "习近平"}}}}) { id inspectedBy { id name } } }`, &resp)
	if len(resp.Departments) != 1 || resp.Departments[0].ID != "department/dongying-city" ||
		!slices.Equal(idsOf(resp.Departments[0].InspectedBy), []string{"leader/xi-jinping"}) {
		t.Errorf("inspected = %+v", resp.Departments)
	}
}

func TestHowManyWorksDidXiAffirmAndWhere(t *testing.T) {
	var resp struct {
		TasksConnection struct{ TotalCount int }
		Leader          struct{ Affirmed conn }
	}
	hub(t).MustPost(`{ tasksConnection(where: {affirmedByAggregate: {count: {gte: 1}}}) { totalCount }
		leader: entity(id: "leader/xi-jinping") { ... on Leader { affirmed: affirmedConnection { edges { node { id name } properties { type implied sources { paragraph quote } } } } } } }`, &resp)
	if resp.TasksConnection.TotalCount != 5 {
		t.Errorf("works affirmed = %d, want 5", resp.TasksConnection.TotalCount)
	}
	for _, e := range resp.Leader.Affirmed.Edges {
		if e.Properties.Type != "AFFIRMED" || e.Properties.Implied || !hasSource(e.Properties.Sources, 2, "给予肯定并作出重要指示") {
			t.Errorf("%s: %+v", e.Node.ID, e.Properties)
		}
	}
}

func TestWhatStandardDoesTheCitySetForReform(t *testing.T) {
	var resp struct {
		Policy struct {
			Name, Kind string
			Sources    []evidence
			Tasks      []idName
		}
	}
	hub(t).MustPost(`{ policy: entity(id: "policy/lead-and-set-example-standard") { ... on Policy { name kind sources { paragraph quote } tasks { id name } } } }`, &resp)
	p := resp.Policy
	if p.Kind != "STRATEGY" || !strings.Contains(p.Name, "走在前、作表率") || !hasSource(p.Sources, 3, "境界标准") || !hasSource(p.Sources, 36, "走在前、作表率") {
		t.Errorf("standard = %+v", p)
	}
	if got := idsOf(p.Tasks); !slices.Equal(got, []string{"task/comprehensive-reform-2021"}) {
		t.Errorf("applied by %v", got)
	}
}

func TestHeadlineCompletionsAreOutcomesOfTheirTasks(t *testing.T) {
	var resp struct {
		Outcomes []struct {
			Value      float64
			Unit       string
			AchievedBy []struct {
				ID                 string
				Planned, Completed int
				Status             string
			}
		}
	}
	hub(t).MustPost(`{ outcomes(where: {metric: {startsWith: "完成的"}}, sort: [{value: DESC}]) { value unit achievedBy { id ... on Task { planned completed status } } } }`, &resp)
	if len(resp.Outcomes) != 2 {
		t.Fatalf("completions = %+v", resp.Outcomes)
	}
	for i, want := range []struct {
		v    float64
		task string
	}{{112, "task/provincial-key-tasks"}, {21, "task/key-items-2021"}} {
		o := resp.Outcomes[i]
		if o.Value != want.v || o.Unit != "项" || len(o.AchievedBy) != 1 || o.AchievedBy[0].ID != want.task ||
			o.AchievedBy[0].Completed != int(want.v) || o.AchievedBy[0].Planned != int(want.v) || o.AchievedBy[0].Status != "COMPLETED" {
			t.Errorf("completion %d = %+v", i, o)
		}
	}
}

func TestWhichFiguresAreMoreThan(t *testing.T) {
	var resp struct {
		Outcomes []struct {
			Value           float64
			Qualifier, Unit string
		}
	}
	hub(t).MustPost(`{ outcomes(where: {qualifier: {eq: "余"}}, sort: [{value: ASC}]) { value qualifier unit } }`, &resp)
	var got []string
	for _, o := range resp.Outcomes {
		got = append(got, ftoa(o.Value)+o.Qualifier+o.Unit)
	}
	if want := []string{"10余次", "60余个", "120余项", "180余项"}; !slices.Equal(got, want) {
		t.Errorf("more-than figures = %v, want %v", got, want)
	}
}

func TestHowMuchWasCutBeforeAndAfter(t *testing.T) {
	var resp struct {
		Outcomes []struct {
			Metric             string
			ValueBefore, Value float64
			UnitBefore, Unit   string
			AchievedBy         []idName
		}
	}
	hub(t).MustPost(`{ outcomes(where: {valueBefore: {gt: 0}}, sort: [{metric: ASC}]) { metric valueBefore unitBefore value unit achievedBy { id name } } }`, &resp)
	var got []string
	for _, o := range resp.Outcomes {
		got = append(got, o.Metric+":"+ftoa(o.ValueBefore)+o.UnitBefore+"→"+ftoa(o.Value)+o.Unit)
		if ids := idsOf(o.AchievedBy); !slices.Equal(ids, []string{"task/smart-approval-system"}) {
			t.Errorf("%s achieved by %v", o.Metric, ids)
		}
	}
	if want := []string{"审批时间:1个工作日→1分钟", "申请准备时间:3天→10分钟"}; !slices.Equal(got, want) {
		t.Errorf("before/after = %v, want %v", got, want)
	}
}

func TestWhatBelongsToTheAIPlusAdvantageIndustriesPlan(t *testing.T) {
	var resp struct {
		Policy struct {
			Tasks         conn
			ImplementedBy []idName
		}
		Fund struct{ Departments []idName }
	}
	hub(t).MustPost(`{ policy: entity(id: "policy/ai-plus-advantage-industries-plan") { ... on Policy {
		tasks: tasksConnection(sort: [{node: {id: ASC}}]) { edges { node { id name } properties { implied sources { paragraph quote } } } } implementedBy { id name } } }
		fund: entity(id: "task/tech-upgrade-special-fund") { ... on Task { departments { id name } } } }`, &resp)
	var got []string
	for _, e := range resp.Policy.Tasks.Edges {
		got = append(got, e.Node.ID)
		if !e.Properties.Implied || !hasSource(e.Properties.Sources, 17, "三年行动计划") {
			t.Errorf("%s: %+v", e.Node.ID, e.Properties)
		}
	}
	if want := []string{"task/tech-upgrade-special-fund", "task/technical-upgrading"}; !slices.Equal(got, want) {
		t.Errorf("the plan's measures = %v, want %v", got, want)
	}
	if got := idsOf(resp.Fund.Departments); !slices.Equal(got, []string{"department/city-finance"}) {
		t.Errorf("the fund is set up by %v", got)
	}
}

func TestWhatAreTheFiveHighs(t *testing.T) {
	var resp struct {
		Task struct {
			Name        string
			Departments []idName
			Outcomes    []idName
		}
	}
	hub(t).MustPost(`{ task: entity(id: "task/five-highs") { ... on Task { name departments { id name } outcomes { id name } } } }`, &resp)
	tk := resp.Task
	for _, h := range []string{"高水平保护", "高质量发展", "高层次开放", "高效能治理", "高品质生活"} {
		if !strings.Contains(tk.Name, h) {
			t.Errorf("%s missing from %q", h, tk.Name)
		}
	}
	if !slices.Equal(idsOf(tk.Departments), []string{"department/dongying-city"}) || !slices.Equal(idsOf(tk.Outcomes), []string{"outcome/good-start-14th-five-year-plan"}) {
		t.Errorf("five highs = %+v", tk)
	}
}

func TestWhoConvenesTheReformCampaignPromotionMeetings(t *testing.T) {
	var resp struct {
		Leaders []struct {
			Name  string
			Tasks []struct {
				ID     string
				Parent *idName
			}
		}
	}
	hub(t).MustPost(`{ leaders(where: {tasks: {some: {name: {eq: "改革攻坚推进会议"}}}}) { name tasks { id parent { id name } } } }`, &resp)
	if len(resp.Leaders) != 1 || resp.Leaders[0].Name != "市政府主要领导" || len(resp.Leaders[0].Tasks) != 1 ||
		resp.Leaders[0].Tasks[0].Parent == nil || resp.Leaders[0].Tasks[0].Parent.ID != "task/nine-major-reform-campaigns" {
		t.Errorf("meetings = %+v", resp.Leaders)
	}
}

func TestWhatServesTheFirstClassBusinessEnvironment(t *testing.T) {
	var resp struct {
		Task struct {
			Sources     []evidence
			Departments []idName
			Subtasks    []idName
		}
	}
	hub(t).MustPost(`{ task: entity(id: "task/first-class-business-environment") { ... on Task { sources { paragraph quote } departments { id name } subtasks { id name } } } }`, &resp)
	tk := resp.Task
	if !hasSource(tk.Sources, 21, "打造一流营商环境") || !slices.Equal(idsOf(tk.Departments), []string{"department/dongying-city"}) ||
		!slices.Equal(idsOf(tk.Subtasks), []string{"task/business-environment-breakthrough"}) {
		t.Errorf("first-class business environment = %+v", tk)
	}
}

func TestWhatRulesApplyToCityCulturalEnterprises(t *testing.T) {
	var resp struct {
		Department struct {
			Kind                string
			ImplementedPolicies []struct {
				ID       string
				IssuedBy []idName
			}
		}
	}
	hub(t).MustPost(`{ department: entity(id: "department/city-cultural-enterprises") { ... on Department { kind implementedPolicies { id issuedBy { id name } } } } }`, &resp)
	d := resp.Department
	if d.Kind != "ENTERPRISE" || len(d.ImplementedPolicies) != 1 || d.ImplementedPolicies[0].ID != "policy/cultural-enterprise-dual-benefit-evaluation" ||
		!slices.Equal(idsOf(d.ImplementedPolicies[0].IssuedBy), []string{"department/dongying-city"}) {
		t.Errorf("cultural enterprises = %+v", d)
	}
}

func TestWhichProgrammeIncludesTheEstuaryCitiesForum(t *testing.T) {
	var resp struct {
		Tasks []struct {
			Policies []struct {
				ID       string
				IssuedBy []idName
			}
		}
	}
	hub(t).MustPost(`{ tasks(where: {name: {eq: "世界入海口城市发展论坛"}}) { policies { id issuedBy { id name } } } }`, &resp)
	if len(resp.Tasks) != 1 || len(resp.Tasks[0].Policies) != 1 || resp.Tasks[0].Policies[0].ID != "policy/mfa-one-province-one-policy" ||
		len(resp.Tasks[0].Policies[0].IssuedBy) != 1 || resp.Tasks[0].Policies[0].IssuedBy[0].Name != "外交部" {
		t.Errorf("forum = %+v", resp.Tasks)
	}
}

func TestWhatRaisedTheHappinessIndex(t *testing.T) {
	var resp struct {
		Outcome struct {
			Kind       string
			AchievedBy conn
		}
	}
	hub(t).MustPost(`{ outcome: entity(id: "outcome/happiness-index-raised") { ... on Outcome { kind
		achievedBy: achievedByConnection { edges { node { id name } properties { implied sources { paragraph quote } } } } } } }`, &resp)
	o := resp.Outcome
	if o.Kind != "MILESTONE" || len(o.AchievedBy.Edges) != 1 || o.AchievedBy.Edges[0].Node.ID != "task/comprehensive-reform-2021" ||
		o.AchievedBy.Edges[0].Properties.Implied || !hasSource(o.AchievedBy.Edges[0].Properties.Sources, 34, "提高了民众幸福指数") {
		t.Errorf("happiness = %+v", o)
	}
}

func TestCountsTheArticleStatesAreOutcomes(t *testing.T) {
	var resp struct {
		Outcomes []struct {
			Value float64
			Unit  string
		}
	}
	hub(t).MustPost(`{ outcomes(where: {unit: {in: ["省", "大领域", "大产业"]}}, sort: [{value: ASC}]) { value unit } }`, &resp)
	var got []string
	for _, o := range resp.Outcomes {
		got = append(got, ftoa(o.Value)+o.Unit)
	}
	if want := []string{"4大领域", "6大产业", "8省"}; !slices.Equal(got, want) {
		t.Errorf("counts = %v, want %v", got, want)
	}
}

func TestWhoIsInterviewedUnderTheGradedInterviews(t *testing.T) {
	var resp struct {
		Policy struct {
			Description string
			Sources     []evidence
			Parent      conn
		}
	}
	hub(t).MustPost(`{ policy: entity(id: "policy/graded-interviews") { ... on Policy { description sources { paragraph quote }
		parent: parentConnection { edges { node { id name } properties { implied note } } } } } }`, &resp)
	p := resp.Policy
	if !hasSource(p.Sources, 7, "对任务进展慢、落实质效不高的部门、县区(开发区)") || !strings.Contains(p.Description, "development zones") {
		t.Errorf("targets = %+v", p)
	}
	if len(p.Parent.Edges) != 1 || p.Parent.Edges[0].Node.ID != "policy/targeted-interview-mechanism" || !p.Parent.Edges[0].Properties.Implied {
		t.Errorf("parent = %+v", p.Parent.Edges)
	}
}

func TestWhichPilotsWereApprovedRatherThanRunning(t *testing.T) {
	var resp struct {
		PilotPrograms []struct{ ID, Level string }
	}
	hub(t).MustPost(`{ pilotPrograms(where: {status: {eq: APPROVED}}) { id level } }`, &resp)
	if len(resp.PilotPrograms) != 1 || resp.PilotPrograms[0].ID != "pilot/eco-product-value-realization" || resp.PilotPrograms[0].Level != "NATIONAL" {
		t.Errorf("approved pilots = %+v", resp.PilotPrograms)
	}
}

func TestInferredLinksAreMarkedImpliedConsistently(t *testing.T) {
	// The identical "listed next to it" pattern is implied everywhere (issue 19).
	var resp struct {
		Month struct{ Policies conn }
		Firms struct{ AchievedBy conn }
	}
	hub(t).MustPost(`{ month: entity(id: "task/reform-publicity-month") { ... on Task { policies: policiesConnection { edges { node { id name } properties { implied note } } } } }
		firms: entity(id: "outcome/manufacturing-top-500-15") { ... on Outcome { achievedBy: achievedByConnection { edges { node { id name } properties { implied note } } } } } }`, &resp)
	for _, es := range [][]edge{resp.Month.Policies.Edges, resp.Firms.AchievedBy.Edges} {
		if len(es) != 1 || !es[0].Properties.Implied || es[0].Properties.Note == nil {
			t.Errorf("edges = %+v, want one implied edge with a note", es)
		}
	}
}
