package verifycorpus

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/reformhub/hub/internal/reform"
	"github.com/reformhub/hub/loader"
)

// A tiny article: 1 headline, 2-3 body, 4 credits (its number is outside the body).
const article = "标题 2021\n\n全市完成112项任务,用时5分钟。\n   \r\n成立中心3个。\r\n记者 1号\n"

func src(para int64, quote string) []loader.Source {
	return []loader.Source{{Doc: "doc/a", Para: para, Quote: quote}}
}

func ptr[T any](v T) *T { return &v }

// good returns a dataset that passes every check against article.
func good() *loader.Dataset {
	return &loader.Dataset{
		Documents: []loader.Document{{ID: "doc/a", Paragraphs: 4}},
		Entities: []loader.Entity{
			{ID: "department/city", Type: reform.TypeDepartment, Name: "全市", Sources: src(2, "全市完成")},
			{ID: "task/t", Type: reform.TypeTask, Name: "任务", Planned: ptr[int64](112), Sources: src(2, "完成112项任务")},
			{ID: "outcome/o", Type: reform.TypeOutcome, Name: "用时", Value: ptr(5.0), Unit: ptr("分钟"), Sources: src(2, "用时5分钟")},
			{ID: "outcome/c", Type: reform.TypeOutcome, Name: "中心", Sources: src(3, "成立中心3个")},
		},
		Relationships: []loader.Relationship{
			{Type: reform.RelResponsibleFor, From: "department/city", To: "task/t", Sources: src(2, "全市完成112项任务")},
			// Implied: the quote names the outcome, the task is cited in the same paragraph.
			{Type: reform.RelAchieved, From: "task/t", To: "outcome/o", Implied: true, Sources: src(2, "用时5分钟")},
			{Type: reform.RelAchieved, From: "department/city", To: "outcome/c", Implied: true, Sources: append(src(2, "全市"), src(3, "成立中心")...)},
		},
	}
}

var cfg = Config{Document: "doc/a", Body: []string{"2-3"}}

func check(t *testing.T, ds *loader.Dataset) Report {
	t.Helper()
	r, err := Check(ds, article, cfg)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestParagraphsAreNonEmptyLines(t *testing.T) {
	got := Paragraphs(article)
	want := []string{"标题 2021", "全市完成112项任务,用时5分钟。", "成立中心3个。", "记者 1号"}
	if !slices.Equal(got, want) {
		t.Errorf("Paragraphs = %q, want %q", got, want)
	}
}

func TestNumbers(t *testing.T) {
	got := Numbers("总规模34.6亿元的产业基金11支,“1+499”,5G")
	if want := []string{"34.6", "11", "1", "499", "5"}; !slices.Equal(got, want) {
		t.Errorf("Numbers = %v, want %v", got, want)
	}
}

func TestGoodDatasetPasses(t *testing.T) {
	r := check(t, good())
	if !r.OK() {
		t.Fatalf("findings: %v", r.Findings)
	}
	// 112 and 5 in paragraph 2, 3 in paragraph 3; 2021 (headline) and 1 (credits) are outside the body.
	if r.Numbers != 3 || r.BodyParagraphs != 2 || r.Quotes != 8 || r.CitedParas != 2 || r.Count("value") != 0 {
		t.Errorf("report = %+v", r)
	}
	var out bytes.Buffer
	r.Print(&out)
	if !strings.HasSuffix(out.String(), "PASS\n") {
		t.Errorf("output:\n%s", out.String())
	}
}

func TestQuoteNotInItsParagraph(t *testing.T) {
	ds := good()
	ds.Entities[0].Sources = src(3, "全市完成") // the words are in paragraph 2, not 3
	r := check(t, ds)
	if r.Count("quote") != 1 || len(r.Findings) != 1 || !strings.Contains(r.Findings[0].Message, "not in paragraph 3") {
		t.Errorf("findings = %v", r.Findings)
	}
}

func TestQuoteMustBeVerbatim(t *testing.T) {
	ds := good()
	ds.Relationships[2].Sources = src(3, "成立了中心")
	if r := check(t, ds); r.Count("quote") != 1 {
		t.Errorf("findings = %v", r.Findings)
	}
}

func TestParagraphOutOfRange(t *testing.T) {
	ds := good()
	ds.Entities[3].Sources = append(ds.Entities[3].Sources, src(9, "成立中心")...)
	if r := check(t, ds); r.Count("paragraph") != 1 || len(r.Findings) != 1 {
		t.Errorf("findings = %v", r.Findings)
	}
	ds = good()
	ds.Documents[0].Paragraphs = 5
	if r := check(t, ds); r.Count("paragraph") != 1 {
		t.Errorf("declared paragraph count: findings = %v", r.Findings)
	}
}

func TestUncoveredNumber(t *testing.T) {
	ds := good()
	// 5 is covered only by the relationship's quote and the outcome's quote and value; drop them.
	ds.Relationships[1].Sources = src(2, "用时")
	ds.Entities[2].Sources = src(2, "用时")
	ds.Entities[2].Value = nil
	r := check(t, ds)
	if r.Count("number") != 1 || !strings.Contains(r.Findings[0].Message, "5 is in no fact") || r.Findings[0].Where != "article ¶2" {
		t.Errorf("findings = %v", r.Findings)
	}
	// The value field alone covers it; a number in another paragraph's fact does not.
	ds.Entities[2].Value = ptr(5.0)
	if r := check(t, ds); r.Count("number") != 0 {
		t.Errorf("value 5 should cover ¶2: %v", r.Findings)
	}
	ds.Entities[2].Value = nil
	ds.Entities[3].Note = ptr("5")
	if r := check(t, ds); r.Count("number") != 1 {
		t.Errorf("a fact citing ¶3 must not cover ¶2: %v", r.Findings)
	}
}

func TestNumbersAreWholeTokens(t *testing.T) {
	ds := good()
	// "112" must not be covered by a fact that only says "1120" or "12".
	ds.Entities[1].Planned = ptr[int64](12)
	ds.Entities[1].Sources = src(2, "任务")
	ds.Relationships[0].Sources = src(2, "全市完成")
	ds.Relationships[0].Note = ptr("1120")
	if r := check(t, ds); r.Count("number") != 1 {
		t.Errorf("findings = %v", r.Findings)
	}
}

func TestAssertedNumberMissingFromItsQuotes(t *testing.T) {
	ds := good()
	ds.Entities[1].Planned = ptr[int64](113) // quoted as 112
	r := check(t, ds)
	if r.Count("value") != 1 || !strings.Contains(r.Findings[0].Message, "planned 113") {
		t.Errorf("findings = %v", r.Findings)
	}
	ds = good()
	ds.Entities[2].Value = ptr(5.0)
	ds.Entities[2].Sources = src(2, "用时") // the value 5 is in no quote of the outcome
	if r := check(t, ds); r.Count("value") != 1 {
		t.Errorf("findings = %v", r.Findings)
	}
	ds = good()
	ds.Entities = append(ds.Entities, loader.Entity{ID: "leader/l", Type: reform.TypeLeader, Name: "全市", Headcount: ptr[int64](1), Sources: src(2, "全市")})
	ds.Relationships = append(ds.Relationships, loader.Relationship{Type: reform.RelLeads, From: "leader/l", To: "task/t", Implied: true, Sources: src(2, "全市完成112项任务")})
	if r := check(t, ds); !r.OK() {
		t.Errorf("a headcount of 1 needs no quote: %v", r.Findings)
	}
	ds.Entities[len(ds.Entities)-1].Headcount = ptr[int64](7)
	if r := check(t, ds); r.Count("value") != 1 {
		t.Errorf("headcount 7: %v", r.Findings)
	}
}

func TestOrphanEntity(t *testing.T) {
	ds := good()
	ds.Entities = append(ds.Entities, loader.Entity{ID: "policy/p", Type: reform.TypePolicy, Name: "中心", Sources: src(3, "中心")})
	r := check(t, ds)
	if r.Count("orphan") != 1 || len(r.Findings) != 1 || !strings.Contains(r.Findings[0].Message, "policy/p") {
		t.Errorf("findings = %v", r.Findings)
	}
}

func TestDuplicateNamesWithinAType(t *testing.T) {
	ds := good()
	// Same name, other type: fine (outcome/c and a department 中心).
	ds.Entities = append(ds.Entities, loader.Entity{ID: "department/c", Type: reform.TypeDepartment, Name: "中心", Sources: src(3, "中心")})
	ds.Relationships = append(ds.Relationships, loader.Relationship{Type: reform.RelAchieved, From: "department/c", To: "outcome/c", Sources: src(3, "成立中心")})
	if r := check(t, ds); !r.OK() {
		t.Fatalf("findings = %v", r.Findings)
	}
	// An alias equal to another department's name: a duplicate.
	ds.Entities[0].Aliases = []string{"中心"}
	r := check(t, ds)
	if r.Count("duplicate") != 1 || !strings.Contains(r.Findings[0].Message, `"中心"`) {
		t.Errorf("findings = %v", r.Findings)
	}
	var out bytes.Buffer
	r.Print(&out)
	if !strings.Contains(out.String(), "FAIL: 1 problems") {
		t.Errorf("output:\n%s", out.String())
	}
}

func TestOtherDocumentsAreNotCheckedAgainstThisArticle(t *testing.T) {
	ds := good()
	ds.Documents = append(ds.Documents, loader.Document{ID: "doc/b", Paragraphs: 1})
	ds.Entities[0].Sources = append(ds.Entities[0].Sources, loader.Source{Doc: "doc/b", Para: 1, Quote: "不在这篇"})
	r := check(t, ds)
	if !r.OK() || r.OtherDocQuotes != 1 {
		t.Errorf("report = %+v", r)
	}
}

func TestConfig(t *testing.T) {
	dir := t.TempDir()
	write := func(s string) string {
		p := filepath.Join(dir, "v.yaml")
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	c, err := LoadConfig(write("document: doc/a\nbody: [\"2-36\", \"40\"]\n"))
	if err != nil {
		t.Fatal(err)
	}
	rs, _ := c.Ranges()
	if !slices.Equal(rs, []Range{{2, 36}, {40, 40}}) {
		t.Errorf("ranges = %v", rs)
	}
	for _, bad := range []string{"document: doc/a\nbody: [\"5-2\"]\n", "body: [\"1\"]\n", "document: doc/a\nbody: []\n", "document: doc/a\nbody: [\"1\"]\nbdy: 1\n", "document: doc/a\nbody: [x]\n"} {
		if _, err := LoadConfig(write(bad)); err == nil {
			t.Errorf("LoadConfig(%q) accepted", bad)
		}
	}
	if _, err := Check(good(), article, Config{Document: "doc/none", Body: []string{"2"}}); err == nil {
		t.Error("unknown document accepted")
	}
	r, err := Check(good(), article, Config{Document: "doc/a", Body: []string{"2-9"}})
	if err != nil || r.Count("paragraph") != 1 {
		t.Errorf("body past the end: %v %v", r.Findings, err)
	}
}
