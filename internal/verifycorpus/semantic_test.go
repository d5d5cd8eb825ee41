package verifycorpus

import (
	"strings"
	"testing"

	"github.com/reformhub/hub/internal/reform"
	"github.com/reformhub/hub/loader"
)

// A second tiny article for the semantic checks.
const article2 = "标题\n我市建成全国首个智慧园区,累注二氧化碳43万吨,形成制度成果180余项。\n审批时间由3天压缩为10分钟。获批全省首批试点。\n"

var cfg2 = Config{Document: "doc/a", Body: []string{"2-3"}}

// good2 passes every check against article2.
func good2() *loader.Dataset {
	return &loader.Dataset{
		Documents: []loader.Document{{ID: "doc/a", Paragraphs: 3}},
		Entities: []loader.Entity{
			{ID: "department/city", Type: reform.TypeDepartment, Name: "东营市", Aliases: []string{"我市"}, Sources: src(2, "我市建成")},
			{ID: "outcome/park", Type: reform.TypeOutcome, Name: "首个智慧园区", Scope: ptr("全国"), Sources: src(2, "建成全国首个智慧园区")},
			{ID: "outcome/co2", Type: reform.TypeOutcome, Name: "累注二氧化碳", Value: ptr(43.0), Unit: ptr("万吨"), Sources: src(2, "累注二氧化碳43万吨")},
			{ID: "outcome/rules", Type: reform.TypeOutcome, Name: "制度成果", Value: ptr(180.0), Unit: ptr("项"), Qualifier: ptr("余"), Sources: src(2, "形成制度成果180余项")},
			{ID: "outcome/time", Type: reform.TypeOutcome, Name: "审批时间", Value: ptr(10.0), Unit: ptr("分钟"), ValueBefore: ptr(3.0), UnitBefore: ptr("天"), Sources: src(3, "审批时间由3天压缩为10分钟")},
			{ID: "pilot/p", Type: reform.TypePilotProgram, Name: "首批试点", Status: ptr("APPROVED"), Sources: src(3, "获批全省首批试点")},
		},
		Relationships: []loader.Relationship{
			{Type: reform.RelAchieved, From: "department/city", To: "outcome/park", Sources: src(2, "我市建成全国首个智慧园区")},
			{Type: reform.RelAchieved, From: "department/city", To: "outcome/co2", Implied: true, Sources: src(2, "累注二氧化碳43万吨")},
			{Type: reform.RelAchieved, From: "department/city", To: "outcome/rules", Implied: true, Sources: src(2, "形成制度成果180余项")},
			{Type: reform.RelAchieved, From: "pilot/p", To: "outcome/time", Implied: true, Sources: src(3, "审批时间由3天压缩为10分钟")},
		},
	}
}

func check2(t *testing.T, ds *loader.Dataset, c Config) Report {
	t.Helper()
	r, err := Check(ds, article2, c)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestSemanticGoodDatasetPasses(t *testing.T) {
	if r := check2(t, good2(), cfg2); !r.OK() {
		t.Fatalf("findings: %v", r.Findings)
	}
}

func TestSemanticChecksCatch(t *testing.T) {
	for _, tc := range []struct {
		name, check, msg string
		mutate           func(ds *loader.Dataset, c *Config)
	}{
		{"implied flag dropped", "ends", "stated, but its quotes do not name pilot/p", func(ds *loader.Dataset, _ *Config) { ds.Relationships[3].Implied = false }},
		{"stated, ends named only in different quotes", "ends", "no single quote", func(ds *loader.Dataset, _ *Config) {
			ds.Relationships[1].Implied = false
			ds.Relationships[1].Sources = append(src(2, "我市建成"), src(2, "累注二氧化碳43万吨")...)
		}},
		{"stated, an end not named", "ends", "do not name pilot/p", func(ds *loader.Dataset, _ *Config) {
			ds.Relationships[0].From = "pilot/p"
		}},
		{"implied, neither end named", "ends", "name neither end", func(ds *loader.Dataset, _ *Config) {
			ds.Relationships[1].Sources = src(2, "形成制度成果")
			ds.Relationships[1].To = "outcome/time"
		}},
		{"stated without a word for its type", "cue", "word that states a ACHIEVED", func(ds *loader.Dataset, _ *Config) {
			ds.Relationships[0].Sources = src(2, "我市建成全国首个智慧园区")
			ds.Relationships[0].Sources[0].Quote = "我市"
			ds.Entities[1].Aliases = []string{"我市"} // names both ends, but says nothing of an achievement
		}},
		{"keyword not in the entity's quotes", "keyword", "none of its own quotes", func(_ *loader.Dataset, c *Config) {
			c.Keywords = map[string][]string{"outcome/park": {"园区建设"}}
		}},
		{"keyword of an unknown entity", "keyword", "no such entity", func(_ *loader.Dataset, c *Config) {
			c.Keywords = map[string][]string{"outcome/none": {"园区"}}
		}},
		{"subject the paragraph does not name", "keyword", "not named in it", func(_ *loader.Dataset, c *Config) {
			c.Subjects = map[int][]string{3: {"department/city"}}
		}},
		{"unit changed", "unit", "43吨", func(ds *loader.Dataset, _ *Config) { ds.Entities[2].Unit = ptr("吨") }},
		{"value changed to another number of the text", "unit", "180万吨", func(ds *loader.Dataset, _ *Config) { ds.Entities[2].Value = ptr(180.0) }},
		{"qualifier dropped", "unit", "in the qualifier field", func(ds *loader.Dataset, _ *Config) { ds.Entities[3].Qualifier = nil }},
		{"qualifier added", "unit", "43余万吨", func(ds *loader.Dataset, _ *Config) { ds.Entities[2].Qualifier = ptr("余") }},
		{"before value swapped with after", "unit", "before a change", func(ds *loader.Dataset, _ *Config) {
			ds.Entities[4].ValueBefore, ds.Entities[4].UnitBefore = ptr(10.0), ptr("分钟")
		}},
		{"scope changed", "scope", `scope "全省"`, func(ds *loader.Dataset, _ *Config) { ds.Entities[1].Scope = ptr("全省") }},
		{"status approved, said completed", "status", "status COMPLETED", func(ds *loader.Dataset, _ *Config) { ds.Entities[5].Status = ptr("COMPLETED") }},
		{"status approved, said active", "status", "say approved", func(ds *loader.Dataset, _ *Config) { ds.Entities[5].Status = ptr("ACTIVE") }},
		{"description adds a figure", "number", "in no paragraph it cites", func(ds *loader.Dataset, _ *Config) {
			ds.Entities[1].Description = ptr("one of 12 parks")
		}},
		{"duplicate under another name", "duplicate", "normalized", func(ds *loader.Dataset, _ *Config) {
			ds.Entities = append(ds.Entities, loader.Entity{ID: "department/city2", Type: reform.TypeDepartment, Name: "市 东营市", Sources: src(2, "我市建成")})
			ds.Relationships = append(ds.Relationships, loader.Relationship{Type: reform.RelAchieved, From: "department/city2", To: "outcome/co2", Implied: true, Sources: src(2, "累注二氧化碳43万吨")})
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ds, c := good2(), cfg2
			tc.mutate(ds, &c)
			r := check2(t, ds, c)
			found := false
			for _, f := range r.Findings {
				if f.Check == tc.check && strings.Contains(f.Message, tc.msg) {
					found = true
				}
			}
			if !found {
				t.Errorf("want a %s finding with %q, got %v", tc.check, tc.msg, r.Findings)
			}
		})
	}
}

func TestSemanticNamesBySubjectKeywordAndSynonym(t *testing.T) {
	ds := good2()
	// Stated with the subject left out: fails, then passes when the paragraph declares it.
	ds.Relationships[1].Implied = false
	ds.Relationships[1].Sources = src(2, "累注二氧化碳43万吨")
	if r := check2(t, ds, cfg2); r.Count("ends") != 1 {
		t.Fatalf("findings: %v", r.Findings)
	}
	c := cfg2
	c.Subjects = map[int][]string{2: {"department/city"}}
	if r := check2(t, ds, c); !r.OK() {
		t.Fatalf("subject: %v", r.Findings)
	}
	// A keyword names an entity.
	ds = good2()
	ds.Entities[1].Name = "全国首个智慧化园区"
	ds.Relationships[0].Sources = src(2, "我市建成全国首个智慧园区")
	c = cfg2
	c.Keywords = map[string][]string{"outcome/park": {"智慧园区"}}
	if r := check2(t, ds, c); !r.OK() {
		t.Fatalf("keyword: %v", r.Findings)
	}
	// 全国 is also written 中国 or 国家.
	if !containsAny("获评平安中国建设示范市", append([]string{"全国"}, scopeSynonyms["全国"]...)) {
		t.Error("中国 should write the scope 全国")
	}
	if normalizedName("我市市公安局") != normalizedName("公安局") || normalizedName("“东营网”") != normalizedName("东营网") {
		t.Error("normalizedName")
	}
}

func TestCueMustBeOutsideTheNamesAndCompoundsOnlyForBelonging(t *testing.T) {
	const art = "标题\n编制《生态保护实施规划》。市委深改委。\n"
	ds := &loader.Dataset{
		Documents: []loader.Document{{ID: "doc/a", Paragraphs: 2}},
		Entities: []loader.Entity{
			{ID: "task/eco", Type: reform.TypeTask, Name: "生态保护", Sources: src(2, "生态保护")},
			{ID: "policy/plan", Type: reform.TypePolicy, Name: "《生态保护实施规划》", Sources: src(2, "《生态保护实施规划》")},
			{ID: "department/pc", Type: reform.TypeDepartment, Name: "市委", Sources: src(2, "市委深改委")},
			{ID: "department/rc", Type: reform.TypeDepartment, Name: "深改委", Sources: src(2, "市委深改委")},
		},
		Relationships: []loader.Relationship{
			// 实施 is in the plan's title only: the title states no IMPLEMENTS.
			{Type: reform.RelImplements, From: "task/eco", To: "policy/plan", Sources: src(2, "《生态保护实施规划》")},
			// 市委深改委: a compound name states PART_OF.
			{Type: reform.RelPartOf, From: "department/rc", To: "department/pc", Sources: src(2, "市委深改委")},
		},
	}
	r, err := Check(ds, art, Config{Document: "doc/a", Body: []string{"2"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Findings) != 1 || !strings.Contains(r.Findings[0].Where, "IMPLEMENTS") {
		t.Fatalf("findings = %v, want one for the IMPLEMENTS stated by a title", r.Findings)
	}
	// The same compound does not state a relationship of another kind.
	ds.Relationships[1].Type = reform.RelSupports
	ds.Relationships[1].From, ds.Relationships[1].To = "department/pc", "department/rc"
	if r, _ := Check(ds, art, Config{Document: "doc/a", Body: []string{"2"}}); len(r.Findings) != 2 {
		t.Errorf("findings = %v, want SUPPORTS refused too", r.Findings)
	}
}
