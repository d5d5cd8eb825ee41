package graph_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/99designs/gqlgen/client"
)

// More analyst questions about the 2021 Dongying report (issue 3: the complete corpus), asked
// through GraphQL over the real Neo4j with the shipped dataset loaded. Together with
// analyst_test.go they cover multi-hop questions, numbers with their units, provenance (which
// paragraph states a fact) and paths between bodies. Every expectation is a fact of the article.

type idName struct{ ID, Name string }

func idsOf(xs []idName) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = x.ID
	}
	slices.Sort(out)
	return out
}

type metric struct {
	ID, Name, Metric, Unit, Kind, Scope string
	Note                                *string
	Value                               float64
	Year                                int
	Sources                             []evidence
}

func outcome(t *testing.T, c *client.Client, id string) metric {
	t.Helper()
	var resp struct{ Outcome *metric }
	c.MustPost(`query($id: ID!) { outcome: entity(id: $id) { ... on Outcome {
		id name metric value unit kind scope year note sources { paragraph quote } } } }`, &resp, client.Var("id", id))
	if resp.Outcome == nil {
		t.Fatalf("no outcome %s", id)
	}
	return *resp.Outcome
}

func TestWhenDidXiInspectDongyingAndWhichParagraphSaysSo(t *testing.T) {
	// Issue 19: the visit is an inspection of the city (INSPECTED), not an outcome Xi achieved.
	var resp struct {
		Leader struct {
			Name, Role  string
			Aliases     []string
			Headcount   int
			Outcomes    []metric
			Departments []idName
			Inspected   struct {
				Edges []struct {
					Node       idName
					Properties struct {
						Type    string
						Implied bool
						Sources []evidence
					}
				}
			}
		}
	}
	hub(t).MustPost(`{ leader: entity(id: "leader/xi-jinping") { ... on Leader {
		name role aliases headcount outcomes { id } departments { id name }
		inspected: inspectedConnection { edges { node { id name } properties { type implied sources { paragraph quote } } } } } } }`, &resp)
	l := resp.Leader
	if l.Name != "习近平" || l.Role != "总书记" || l.Headcount != 1 || !slices.Contains(l.Aliases, "习近平总书记") {
		t.Errorf("leader = %+v", l)
	}
	if len(l.Outcomes) != 0 || len(l.Departments) != 0 {
		t.Errorf("the visit is no outcome and Xi belongs to no body of the article: %+v %+v", l.Outcomes, l.Departments)
	}
	if len(l.Inspected.Edges) != 1 {
		t.Fatalf("inspected = %+v", l.Inspected.Edges)
	}
	e := l.Inspected.Edges[0]
	if e.Node.ID != "department/dongying-city" || e.Properties.Type != "INSPECTED" || e.Properties.Implied ||
		!hasSource(e.Properties.Sources, 2, "10月20日至21日,习近平总书记亲临东营视察") {
		t.Errorf("the inspection = %+v", e)
	}
}

func TestWhichWorksDidXiAffirm(t *testing.T) {
	// Paragraph 2: Xi affirmed five named works and gave instructions on them (AFFIRMED).
	var resp struct {
		Leader struct{ Affirmed []idName }
		Tasks  []idName
	}
	hub(t).MustPost(`{ leader: entity(id: "leader/xi-jinping") { ... on Leader { affirmed(sort: [{id: ASC}]) { id name } } }
		tasks(where: {affirmedBy: {some: {name: {eq: "习近平"}}}, departments: {some: {id: {eq: "department/dongying-city"}}}}, sort: [{id: ASC}]) { id name } }`, &resp)
	want := []string{"task/energy-security", "task/grassroots-social-governance", "task/saline-alkali-land-use",
		"task/southern-flood-area-relocation", "task/yellow-river-delta-ecology"}
	if got := idsOf(resp.Leader.Affirmed); !slices.Equal(got, want) {
		t.Errorf("works Xi affirmed = %v, want %v", got, want)
	}
	if got := idsOf(resp.Tasks); !slices.Equal(got, want) {
		t.Errorf("the city's works Xi affirmed (filter from the task side) = %v, want %v", got, want)
	}
}

func TestHowDoesTheSalineAlkaliCentreConnectToTheNewVarieties(t *testing.T) {
	var resp struct {
		Paths []struct {
			Length        int
			Nodes         []struct{ ID string }
			Relationships []struct {
				Type    string
				Implied bool
			}
		}
	}
	hub(t).MustPost(`{ paths(from: "department/national-saline-alkali-innovation-center", to: "outcome/salt-tolerant-varieties-209", maxHops: 4) {
		length nodes { id } relationships { type implied } } }`, &resp)
	if len(resp.Paths) == 0 {
		t.Fatal("no path")
	}
	if resp.Paths[0].Length != 3 {
		t.Errorf("the shortest path has 3 hops, got %d", resp.Paths[0].Length)
	}
	found := false
	for i, p := range resp.Paths {
		if i > 0 && p.Length < resp.Paths[i-1].Length {
			t.Errorf("path %d (%d hops) comes after a longer one: shortest first", i, p.Length)
		}
		if p.Length != 3 {
			continue
		}
		var ids []string
		for _, n := range p.Nodes {
			ids = append(ids, n.ID)
		}
		if slices.Equal(ids, []string{"department/national-saline-alkali-innovation-center", "task/saline-alkali-land-use",
			"task/seed-industry-innovation", "outcome/salt-tolerant-varieties-209"}) {
			found = true
			if p.Relationships[0].Type != "SUPPORTS" || !p.Relationships[0].Implied || p.Relationships[1].Type != "PART_OF" || p.Relationships[2].Type != "ACHIEVED" || p.Relationships[2].Implied {
				t.Errorf("relationships = %+v", p.Relationships)
			}
		}
	}
	if !found {
		t.Errorf("no path through the saline-alkali land task: %+v", resp.Paths)
	}
}

func TestHowIsTheCoastPoliceConnectedToTheSafeChinaHonour(t *testing.T) {
	var resp struct {
		Paths []struct {
			Length        int
			Nodes         []struct{ ID string }
			Relationships []struct {
				Type    string
				Implied bool
				Sources []evidence
			}
		}
	}
	hub(t).MustPost(`{ paths(from: "department/coast-police-detachment", to: "outcome/safe-china-model-city") {
		length nodes { id } relationships { type implied sources { paragraph } } } }`, &resp)
	// Paths come shortest first; exactly one has the shortest length.
	if len(resp.Paths) == 0 || (len(resp.Paths) > 1 && resp.Paths[1].Length == resp.Paths[0].Length) {
		t.Fatalf("want one shortest path, got %+v", resp.Paths)
	}
	p := resp.Paths[0]
	var ids, types, paras []string
	for _, n := range p.Nodes {
		ids = append(ids, n.ID)
	}
	for _, r := range p.Relationships {
		types = append(types, r.Type)
		paras = append(paras, ftoa(float64(r.Sources[0].Paragraph)))
	}
	if !slices.Equal(ids, []string{"department/coast-police-detachment", "department/mobile-law-publicity-team", "task/social-system-reform", "outcome/safe-china-model-city"}) ||
		!slices.Equal(types, []string{"SUPPORTS", "SUPPORTS", "ACHIEVED"}) || !slices.Equal(paras, []string{"30", "30", "29"}) {
		t.Errorf("path = %v %v %v", ids, types, paras)
	}
	for _, r := range p.Relationships {
		if !r.Implied {
			t.Errorf("%s along the caption path should be marked implied", r.Type)
		}
	}
}

func TestWhatDidTheIncentiveMechanismCommend(t *testing.T) {
	c := hub(t)
	var resp struct {
		Policy struct {
			Kind     string
			Outcomes []metric
		}
	}
	c.MustPost(`{ policy: entity(id: "policy/reform-incentive-mechanism") { ... on Policy {
		kind outcomes(sort: [{value: ASC}]) { value unit sources { paragraph quote } } } } }`, &resp)
	var got []string
	for _, o := range resp.Policy.Outcomes {
		got = append(got, ftoa(o.Value)+o.Unit)
		if !hasSource(o.Sources, 9, "3个集体、9名个人") {
			t.Errorf("commendation evidence = %+v", o.Sources)
		}
	}
	if resp.Policy.Kind != "MECHANISM" || !slices.Equal(got, []string{"3个", "9名"}) {
		t.Errorf("commended = %v (%s), want 3 collectives and 9 individuals", got, resp.Policy.Kind)
	}
}

func TestIntegratedReformItemsAndTheirAmbiguity(t *testing.T) {
	var resp struct {
		Task struct {
			Outcomes      []metric
			PilotPrograms []struct {
				Name        string
				Departments []idName
			}
			Subtasks []idName
		}
	}
	hub(t).MustPost(`{ task: entity(id: "task/integrated-reform-innovation-action") { ... on Task {
		outcomes(sort: [{value: ASC}]) { value unit note } pilotPrograms { name departments { id name } } subtasks { id name } } } }`, &resp)
	tk := resp.Task
	// 4大领域 (issue 19), 16大项, 52小项.
	if len(tk.Outcomes) != 3 || tk.Outcomes[0].Value != 4 || tk.Outcomes[0].Unit != "大领域" || tk.Outcomes[1].Value != 16 || tk.Outcomes[1].Unit != "大项" || tk.Outcomes[2].Value != 52 || tk.Outcomes[2].Unit != "小项" {
		t.Fatalf("items = %+v", tk.Outcomes)
	}
	if n := tk.Outcomes[2].Note; n == nil || !strings.Contains(*n, "Ambiguous") {
		t.Errorf("the 16/52 ambiguity is not recorded: %v", n)
	}
	if len(tk.PilotPrograms) != 1 || tk.PilotPrograms[0].Name != "系统集成改革试点" || len(tk.PilotPrograms[0].Departments) != 1 || tk.PilotPrograms[0].Departments[0].Name != "县区" {
		t.Errorf("pilots = %+v", tk.PilotPrograms)
	}
	if got := idsOf(tk.Subtasks); !slices.Equal(got, []string{"task/inspect-once-reform", "task/one-thing-reform"}) {
		t.Errorf("sub-tasks = %v", got)
	}
}

func TestDevelopmentZoneCompaniesFundsAndTeams(t *testing.T) {
	var resp struct {
		Departments []struct {
			Outcomes []metric
		}
	}
	hub(t).MustPost(`{ departments(where: {id: {eq: "department/development-zones"}}) {
		outcomes(where: {kind: {eq: METRIC}}, sort: [{value: DESC}]) { metric value unit sources { paragraph } } } }`, &resp)
	if len(resp.Departments) != 1 {
		t.Fatalf("got %+v", resp.Departments)
	}
	var got []string
	for _, o := range resp.Departments[0].Outcomes {
		got = append(got, ftoa(o.Value)+o.Unit)
		if o.Sources[0].Paragraph != 25 {
			t.Errorf("%s is stated in paragraph 25, got %d", o.Metric, o.Sources[0].Paragraph)
		}
	}
	if want := []string{"34.6亿元", "32家", "19支", "11支"}; !slices.Equal(got, want) {
		t.Errorf("development zones = %v, want %v", got, want)
	}
}

func TestTopFiveHundredFirmsCountsMayOverlap(t *testing.T) {
	var resp struct {
		Task struct {
			Outcomes []metric
		}
	}
	hub(t).MustPost(`{ task: entity(id: "task/private-economy-development") { ... on Task {
		outcomes(sort: [{kind: ASC}, {value: ASC}]) { id kind value unit scope note } } } }`, &resp)
	os := resp.Task.Outcomes
	if len(os) != 3 {
		t.Fatalf("outcomes = %+v", os)
	}
	if os[0].Kind != "HONOUR" || os[0].Scope != "全省" || os[0].ID != "outcome/top-500-counts-first-in-province" {
		t.Errorf("the ranking = %+v, want first in the province", os[0])
	}
	if os[1].Value != 13 || os[1].Unit != "家" || os[2].Value != 15 || os[2].Unit != "家" {
		t.Errorf("counts = %+v %+v, want 13家 and 15家", os[1], os[2])
	}
	for _, o := range os[1:] {
		if o.Note == nil || !strings.Contains(*o.Note, "overlap") {
			t.Errorf("%s does not record the possible overlap: %v", o.ID, o.Note)
		}
	}
}

func TestFirstInTheNationClaims(t *testing.T) {
	var resp struct{ Outcomes []idName }
	hub(t).MustPost(`{ outcomes(where: {kind: {eq: HONOUR}, scope: {eq: "全国"}, name: {contains: "首"}}) { id name } }`, &resp)
	want := []string{"outcome/eco-product-pilot-national-first-batch", "outcome/first-5g-smart-chemical-park", "outcome/first-territory-wide-eco-restoration-law"}
	if got := idsOf(resp.Outcomes); !slices.Equal(got, want) {
		t.Errorf("nation-wide firsts = %v, want %v", got, want)
	}
}

func TestFirstInTheProvinceClaims(t *testing.T) {
	var resp struct{ Outcomes []idName }
	hub(t).MustPost(`{ outcomes(where: {scope: {eq: "全省"}, OR: [{name: {contains: "率先"}}, {name: {contains: "首"}}]}) { id name } }`, &resp)
	want := []string{"outcome/dev-zone-reform-first-in-province", "outcome/first-city-new-media-center-in-province",
		"outcome/first-water-rights-trade-by-source-swap", "outcome/three-level-centers-first-in-province", "outcome/top-500-counts-first-in-province"}
	if got := idsOf(resp.Outcomes); !slices.Equal(got, want) {
		t.Errorf("province-wide firsts = %v, want %v", got, want)
	}
}

func TestFirstsInTheYellowRiverBasinAndAmongTheNineProvinces(t *testing.T) {
	var resp struct {
		Basin []idName
		Nine  []struct {
			ID         string
			AchievedBy []struct{ ID string }
		}
	}
	hub(t).MustPost(`{ basin: outcomes(where: {scope: {eq: "黄河流域"}}) { id name }
		nine: outcomes(where: {scope: {eq: "沿黄九省区"}}) { id achievedBy { id } } }`, &resp)
	if got := idsOf(resp.Basin); !slices.Equal(got, []string{"outcome/eco-product-pilot-first-in-yellow-river-basin", "outcome/first-prefecture-eco-civilization-institute"}) {
		t.Errorf("Yellow River basin firsts = %v", got)
	}
	if len(resp.Nine) != 1 || resp.Nine[0].ID != "outcome/first-implementation-plan-among-nine-provinces" ||
		len(resp.Nine[0].AchievedBy) != 1 || resp.Nine[0].AchievedBy[0].ID != "department/dongying-city" {
		t.Errorf("first among the nine provinces = %+v", resp.Nine)
	}
}

func TestBusinessEnvironmentMeasuresAndServices(t *testing.T) {
	c := hub(t)
	m := outcome(t, c, "outcome/reform-measures-219")
	if m.Value != 219 || m.Unit != "项" || !hasSource(m.Sources, 24, "219项改革措施") || m.Note == nil || !strings.Contains(*m.Note, "106") {
		t.Errorf("219 measures = %+v", m)
	}
	var resp struct {
		Task struct {
			Parent   *idName
			Outcomes []metric
		}
	}
	c.MustPost(`{ task: entity(id: "task/full-lifecycle-integrated-reform") { ... on Task {
		parent { id name } outcomes(sort: [{value: ASC}]) { metric value unit note } } } }`, &resp)
	var got []string
	for _, o := range resp.Task.Outcomes {
		got = append(got, ftoa(o.Value)+o.Unit)
	}
	// 8省 and 21市 are two outcomes since issue 19.
	if want := []string{"8省", "21市", "106项", "115项"}; !slices.Equal(got, want) {
		t.Errorf("life-cycle reform = %v, want %v", got, want)
	}
	if n := resp.Task.Outcomes[1].Note; n == nil || !strings.Contains(*n, "8省21市") {
		t.Errorf("the 21 cities are in 8 provinces: %v", n)
	}
	if resp.Task.Parent == nil || resp.Task.Parent.ID != "task/fang-guan-fu-reform" {
		t.Errorf("parent = %+v", resp.Task.Parent)
	}
}

func TestTeacherCertificationAtTheServiceHut(t *testing.T) {
	var resp struct {
		Outcome struct {
			Value      float64
			Unit, Note string
			AchievedBy []struct {
				Typename string `json:"__typename"`
				ID, Name string
			}
		}
	}
	hub(t).MustPost(`{ outcome: entity(id: "outcome/teacher-certification-5-minutes") { ... on Outcome {
		value unit note achievedBy { __typename id name } } } }`, &resp)
	o := resp.Outcome
	if o.Value != 5 || o.Unit != "分钟" || !strings.Contains(o.Note, "一天") {
		t.Errorf("teacher certification = %+v", o)
	}
	var by []string
	for _, a := range o.AchievedBy {
		by = append(by, a.Typename+":"+a.Name)
	}
	slices.Sort(by)
	if want := []string{"Department:政务晓屋", "Task:“放管服”改革"}; !slices.Equal(by, want) {
		t.Errorf("achieved by %v, want %v", by, want)
	}
}

func TestWhatDidTheResourceFactorReformAchieveDirectlyAndThroughItsPilots(t *testing.T) {
	var resp struct {
		Task struct {
			Outcomes      []metric
			PilotPrograms []struct {
				Outcomes []metric
			}
		}
	}
	hub(t).MustPost(`{ task: entity(id: "task/resource-factor-reform") { ... on Task {
		outcomes { id value unit scope } pilotPrograms { outcomes { id } } } } }`, &resp)
	all := map[string]metric{}
	for _, o := range resp.Task.Outcomes {
		all[o.ID] = o
	}
	for _, p := range resp.Task.PilotPrograms {
		for _, o := range p.Outcomes {
			all[o.ID] = o
		}
	}
	var got []string
	for id := range all {
		got = append(got, id)
	}
	slices.Sort(got)
	want := []string{"outcome/first-eco-conditioned-land-transfer", "outcome/first-water-rights-trade-by-source-swap",
		"outcome/homestead-mechanism-full-coverage", "outcome/standard-land-100-percent"}
	if !slices.Equal(got, want) {
		t.Errorf("resource-factor results = %v, want %v", got, want)
	}
	if o := all["outcome/standard-land-100-percent"]; o.Value != 100 || o.Unit != "%" {
		t.Errorf("standard land = %+v, want 100 %%", o)
	}
	if o := all["outcome/first-water-rights-trade-by-source-swap"]; o.Scope != "全省" {
		t.Errorf("water-rights trade scope = %q, want 全省", o.Scope)
	}
}

func TestWhoFundsTechnicalUpgradingAndWithHowMuch(t *testing.T) {
	// Issue 19: the 3亿元 a year is a budget input (a Task of the finance bureau under the AI
	// plan), not an outcome; the new round of upgrading belongs to the same plan.
	var resp struct {
		Task struct {
			SupportedBy []struct {
				Name  string
				Tasks []struct {
					Name     string
					Policies []struct{ Title string }
				}
			}
			Policies []struct{ Title string }
			Outcomes []metric
		}
		Fund []metric
	}
	hub(t).MustPost(`{ task: entity(id: "task/technical-upgrading") { ... on Task {
		supportedBy { name tasks { name policies { title } } } policies { title } outcomes { value unit scope } } }
		fund: outcomes(where: {unit: {eq: "亿元"}, name: {contains: "技改"}}) { value } }`, &resp)
	tk := resp.Task
	plan := "“优势产业+人工智能”三年行动计划"
	if len(tk.SupportedBy) != 1 || tk.SupportedBy[0].Name != "市财政" || len(tk.SupportedBy[0].Tasks) != 1 ||
		tk.SupportedBy[0].Tasks[0].Name != "每年3亿元技改专项资金" || len(tk.SupportedBy[0].Tasks[0].Policies) != 1 ||
		tk.SupportedBy[0].Tasks[0].Policies[0].Title != plan {
		t.Errorf("funding = %+v, want 市财政 with its 3亿元 fund under the AI plan", tk.SupportedBy)
	}
	if len(resp.Fund) != 0 {
		t.Errorf("the fund is no outcome: %+v", resp.Fund)
	}
	if len(tk.Policies) != 1 || tk.Policies[0].Title != plan {
		t.Errorf("policies = %+v", tk.Policies)
	}
	if len(tk.Outcomes) != 1 || tk.Outcomes[0].Value != 6 || tk.Outcomes[0].Unit != "个月" || tk.Outcomes[0].Scope != "全省" {
		t.Errorf("ranking = %+v, want first in the province for 6 months", tk.Outcomes)
	}
}

func TestTheOnePlusSixPlusNineSystem(t *testing.T) {
	var resp struct {
		Policy struct {
			Components    []idName
			ImplementedBy []idName
			IssuedBy      []idName
		}
		Commission struct {
			Parent   *idName
			Children []idName
		}
	}
	hub(t).MustPost(`{ policy: entity(id: "policy/1-6-9-work-system") { ... on Policy { components { id name } implementedBy { id name } issuedBy { id name } } }
		commission: entity(id: "department/city-reform-commission") { ... on Department { parent { id name } children { id name } } } }`, &resp)
	// Issue 19: the bodies are the system's components (COMPONENT_OF), they do not implement it.
	if got := idsOf(resp.Policy.Components); !slices.Equal(got, []string{"department/city-reform-commission", "department/reform-campaign-special-groups", "department/reform-commission-special-groups"}) {
		t.Errorf("the 1+6+9 bodies = %v", got)
	}
	if len(resp.Policy.ImplementedBy) != 0 {
		t.Errorf("implemented by %v", resp.Policy.ImplementedBy)
	}
	if got := idsOf(resp.Policy.IssuedBy); !slices.Equal(got, []string{"department/dongying-city"}) {
		t.Errorf("built by %v", got)
	}
	if p := resp.Commission.Parent; p == nil || p.Name != "市委" {
		t.Errorf("the commission's parent = %+v, want 市委", p)
	}
	if got := idsOf(resp.Commission.Children); !slices.Equal(got, []string{"department/reform-campaign-special-groups", "department/reform-commission-special-groups"}) {
		t.Errorf("the commission's groups = %v", got)
	}
}

func TestWhatDidTheProvincialPartyCommitteeIssue(t *testing.T) {
	var resp struct {
		Departments []struct {
			Policies []struct {
				ID, Kind      string
				ImplementedBy []idName
			}
		}
	}
	hub(t).MustPost(`{ departments(where: {name: {eq: "省委"}}) { policies(sort: [{id: ASC}]) { id kind implementedBy { id name } } } }`, &resp)
	if len(resp.Departments) != 1 {
		t.Fatalf("got %+v", resp.Departments)
	}
	var got []string
	for _, p := range resp.Departments[0].Policies {
		got = append(got, p.ID)
		if p.Kind != "STRATEGY" || len(p.ImplementedBy) != 1 || p.ImplementedBy[0].Name != "东营市" {
			t.Errorf("%s = %+v", p.ID, p)
		}
	}
	if want := []string{"policy/six-more-emphases", "policy/six-ones-development-approach", "policy/twelve-focuses"}; !slices.Equal(got, want) {
		t.Errorf("issued by 省委: %v, want %v", got, want)
	}
}

func TestTheMusicalAndTheNewspapersAreNotPolicies(t *testing.T) {
	var resp struct {
		Policies  []idName
		Musical   []struct{ ID, Kind, Scope string }
		Newspaper []idName
	}
	hub(t).MustPost(`{ policies(where: {OR: [{name: {contains: "追光者"}}, {name: {contains: "东营日报"}}, {name: {contains: "晚刊"}}, {name: {contains: "系统"}}, {name: {contains: "平台"}}]}) { id name }
		musical: outcomes(where: {name: {contains: "《追光者》"}}) { id kind scope }
		newspaper: departments(where: {name: {contains: "东营日报"}}) { id name } }`, &resp)
	// Nor are the software systems (issue 19): they are tasks now.
	if len(resp.Policies) != 0 {
		t.Errorf("policies that are not policies: %+v", resp.Policies)
	}
	if len(resp.Musical) != 1 || resp.Musical[0].Kind != "HONOUR" || resp.Musical[0].Scope != "全国" {
		t.Errorf("the musical = %+v, want a national honour", resp.Musical)
	}
	// The newspapers were named only by the copyright notice (paragraph 40): out of scope.
	if len(resp.Newspaper) != 0 {
		t.Errorf("the newspapers = %+v, want none", resp.Newspaper)
	}
}

func TestNoFactComesFromTheCreditsOrTheCopyrightNotice(t *testing.T) {
	// Paragraphs 37-42 are credits and the copyright notice (issue 19): nothing cites them.
	type node struct {
		ID      string
		Sources []evidence
	}
	var resp map[string][]node
	hub(t).MustPost(`{ leaders(limit: 100) { id sources { paragraph quote } } departments(limit: 100) { id sources { paragraph quote } }
		tasks(limit: 100) { id sources { paragraph quote } } policies(limit: 100) { id sources { paragraph quote } }
		pilotPrograms(limit: 100) { id sources { paragraph quote } } outcomes(limit: 100) { id sources { paragraph quote } } }`, &resp)
	n := 0
	for _, nodes := range resp {
		for _, e := range nodes {
			n++
			for _, s := range e.Sources {
				if s.Paragraph >= 37 {
					t.Errorf("%s cites paragraph %d (%s)", e.ID, s.Paragraph, s.Quote)
				}
			}
		}
	}
	if n != 216 {
		t.Errorf("%d entities read, want the corpus's 216", n)
	}
}

func TestWhichUniversityDoesTheGraduateSchoolBelongTo(t *testing.T) {
	var resp struct {
		Departments []struct {
			Name     string
			Parent   *idName
			Outcomes []struct{ Kind, Name string }
		}
	}
	hub(t).MustPost(`{ departments(where: {kind: {eq: UNIVERSITY}, parent: {some: {kind: {eq: UNIVERSITY}}}}) { name parent { id name } outcomes { kind name } } }`, &resp)
	if len(resp.Departments) != 1 {
		t.Fatalf("got %+v", resp.Departments)
	}
	d := resp.Departments[0]
	if d.Name != "中国石油大学(华东)研究生院" || d.Parent == nil || d.Parent.Name != "中国石油大学(华东)" {
		t.Errorf("graduate school = %+v", d)
	}
	var outs []string
	for _, o := range d.Outcomes {
		outs = append(outs, o.Kind)
	}
	if len(outs) != 2 || !slices.Contains(outs, "MILESTONE") {
		t.Errorf("outcomes = %+v, want enrolment and the higher-education system", d.Outcomes)
	}
}

func TestWhereAreTheSocialGovernanceCentresStated(t *testing.T) {
	var resp struct {
		Policy struct {
			Title         string
			ImplementedBy []struct {
				ID, Kind string
				Sources  []evidence
			}
		}
		First metric
	}
	hub(t).MustPost(`{ policy: entity(id: "policy/social-governance-modernization-plan") { ... on Policy {
		title implementedBy(where: {kind: {eq: CENTER}}) { id kind sources { paragraph quote } } } }
		first: entity(id: "outcome/three-level-centers-first-in-province") { ... on Outcome { scope sources { paragraph quote } } } }`, &resp)
	if len(resp.Policy.ImplementedBy) != 3 {
		t.Fatalf("centres = %+v", resp.Policy.ImplementedBy)
	}
	for _, c := range resp.Policy.ImplementedBy {
		if len(c.Sources) == 0 || c.Sources[0].Paragraph != 29 {
			t.Errorf("%s should be stated in paragraph 29: %+v", c.ID, c.Sources)
		}
	}
	if resp.First.Scope != "全省" || !hasSource(resp.First.Sources, 29, "在全省率先建立市县乡三级") {
		t.Errorf("first in the province = %+v", resp.First)
	}
}

func TestWhatMakesUpTheEcologicalLegislationSystem(t *testing.T) {
	var resp struct {
		Policies []struct {
			Parts []struct {
				ID, Kind string
				IssuedBy []idName
			}
		}
	}
	hub(t).MustPost(`{ policies(where: {name: {eq: "生态保护立法体系"}}) { parts(sort: [{id: ASC}]) { id kind issuedBy { id name } } } }`, &resp)
	if len(resp.Policies) != 1 || len(resp.Policies[0].Parts) != 2 {
		t.Fatalf("got %+v", resp.Policies)
	}
	for _, p := range resp.Policies[0].Parts {
		if p.Kind != "REGULATION" || len(p.IssuedBy) != 1 || p.IssuedBy[0].ID != "department/dongying-city" {
			t.Errorf("%s = %+v", p.ID, p)
		}
	}
	if got := []string{resp.Policies[0].Parts[0].ID, resp.Policies[0].Parts[1].ID}; !slices.Equal(got, []string{"policy/ecological-protection-regulation", "policy/four-existing-regulations"}) {
		t.Errorf("parts = %v", got)
	}
}

func TestWhichParagraphsStateTheEcoCompetitivenessHonour(t *testing.T) {
	m := outcome(t, hub(t), "outcome/most-eco-competitive-city-2021")
	var paras []string
	for _, s := range m.Sources {
		paras = append(paras, ftoa(float64(s.Paragraph)))
		if !strings.Contains(s.Quote, "2021中国最具生态竞争力城市") {
			t.Errorf("quote %q", s.Quote)
		}
	}
	slices.Sort(paras)
	if !slices.Equal(paras, []string{"14", "3"}) || m.Kind != "HONOUR" || m.Year != 2021 {
		t.Errorf("honour = %+v stated in %v, want paragraphs 3 and 14", m, paras)
	}
}

func TestCarbonStoredVersusInjected(t *testing.T) {
	c := hub(t)
	injected := outcome(t, c, "outcome/ccus-co2-injected-43")
	stored := outcome(t, c, "outcome/ccus-co2-stored-40")
	if injected.Value != 43 || injected.Unit != "万吨" || stored.Value != 40 || stored.Unit != "万吨" {
		t.Errorf("injected %+v, stored %+v", injected, stored)
	}
	if stored.Note == nil || !strings.Contains(*stored.Note, "43万吨") {
		t.Errorf("the stored/injected ambiguity is not recorded: %v", stored.Note)
	}
}

func TestWhichLeaderGroupsHaveHeadcounts(t *testing.T) {
	var resp struct {
		Leaders []struct {
			Name      string
			Headcount int
			Tasks     []idName
		}
	}
	hub(t).MustPost(`{ leaders(where: {headcount: {gt: 1}}) { name headcount tasks { id name } } }`, &resp)
	if len(resp.Leaders) != 1 || resp.Leaders[0].Name != "市级领导" || resp.Leaders[0].Headcount != 16 {
		t.Fatalf("groups = %+v", resp.Leaders)
	}
	if got := idsOf(resp.Leaders[0].Tasks); !slices.Equal(got, []string{"task/key-items-2021"}) {
		t.Errorf("the 16 leaders lead %v", got)
	}
}

func TestImpliedFactsAreMarkedWithANote(t *testing.T) {
	var resp struct {
		Neighborhood struct {
			Relationships []struct {
				Type     string
				Implied  bool
				Note     *string
				From, To struct{ ID string }
			}
		}
	}
	hub(t).MustPost(`{ neighborhood(id: "department/dongying-city", depth: 1) { relationships { type implied note from { id } to { id } } } }`, &resp)
	implied, stated := 0, 0
	for _, r := range resp.Neighborhood.Relationships {
		if r.Implied {
			implied++
		} else {
			stated++
		}
		// The city's founding of bodies is stated (建设, 成立, 组建) since issue 19.
		if r.Type == "ESTABLISHED" && r.Implied {
			t.Errorf("%s %s->%s is implied", r.Type, r.From.ID, r.To.ID)
		}
		if r.From.ID == "department/dongying-city" && r.To.ID == "task/energy-security" && (!r.Implied || r.Note == nil) {
			t.Errorf("the city's responsibility for energy security is implied, with a note: %+v", r)
		}
	}
	if implied == 0 || stated == 0 {
		t.Errorf("the city's relationships: %d implied, %d stated", implied, stated)
	}
}

func TestSearchFindsXiByName(t *testing.T) {
	var resp struct {
		Search []struct {
			Entity struct{ ID string }
		}
	}
	hub(t).MustPost(`{ search(query: "习近平", types: [Leader]) { entity { id } } }`, &resp)
	if len(resp.Search) == 0 || resp.Search[0].Entity.ID != "leader/xi-jinping" {
		t.Errorf("search = %+v", resp.Search)
	}
}

func TestCrossBorderECommerceParksAndPeriod(t *testing.T) {
	c := hub(t)
	parks := outcome(t, c, "outcome/cross-border-ecommerce-parks-4")
	trade := outcome(t, c, "outcome/cross-border-ecommerce-trade-87-2")
	if parks.Value != 4 || parks.Unit != "个" || !hasSource(parks.Sources, 25, "建成跨境电商园区4个") {
		t.Errorf("parks = %+v", parks)
	}
	if trade.Note == nil || !strings.Contains(*trade.Note, "1至11月") || !strings.Contains(trade.Metric, "1至11月") {
		t.Errorf("the Jan–Nov period is not recorded: %+v", trade)
	}
}
