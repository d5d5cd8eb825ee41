package verifycorpus

import (
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/reformhub/hub/internal/reform"
	"github.com/reformhub/hub/loader"
)

// The mutation test of the verifier (issue 19): random wrong facts of the kinds an
// independent reading found passing `make verify-corpus`, applied one at a time to a copy of
// the shipped dataset; the share the verifier catches is reported per kind, and the test
// fails when the verifier catches less than 95% of them, or flags the real dataset at all.
//
//	go test ./internal/verifycorpus -run Mutation -v [-mutations 900] [-mutation-seed 7]

var (
	mutations    = flag.Int("mutations", 800, "mutations the mutation test applies")
	mutationSeed = flag.Uint64("mutation-seed", 19, "seed of the mutation test")
)

const (
	shippedDataset = "../../data/dongying-2021"
	shippedArticle = "../../../shared/seeds/dongying-reform-2021.txt"
)

// shipped returns the shipped dataset, its article and config, or skips without the article.
func shipped(t *testing.T) (*loader.Dataset, string, Config) {
	t.Helper()
	text, err := os.ReadFile(shippedArticle)
	if err != nil {
		t.Skipf("skipped: article not found at %s", shippedArticle)
	}
	ds, err := loader.Parse(shippedDataset)
	if err != nil {
		t.Fatal(err)
	}
	c, err := LoadConfig(filepath.Join(shippedDataset, ConfigFile))
	if err != nil {
		t.Fatal(err)
	}
	return ds, string(text), c
}

func TestShippedDatasetPasses(t *testing.T) {
	ds, text, c := shipped(t)
	r, err := Check(ds, text, c)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range r.Findings {
		t.Error(f)
	}
}

// A mutation changes a copy of the dataset; it returns false when it found nothing to change.
type mutation struct {
	kind  string
	apply func(ds *loader.Dataset, rng *rand.Rand) (string, bool)
}

// clone copies the slices a mutation may change (pointer fields are replaced, never written
// through).
func clone(ds *loader.Dataset) *loader.Dataset {
	c := *ds
	c.Entities = slices.Clone(ds.Entities)
	c.Relationships = slices.Clone(ds.Relationships)
	return &c
}

func pick[T any](rng *rand.Rand, xs []T) (T, bool) {
	var zero T
	if len(xs) == 0 {
		return zero, false
	}
	return xs[rng.IntN(len(xs))], true
}

func entityIndexes(ds *loader.Dataset, keep func(e *loader.Entity) bool) []int {
	var out []int
	for i := range ds.Entities {
		if keep(&ds.Entities[i]) {
			out = append(out, i)
		}
	}
	return out
}

func relIndexes(ds *loader.Dataset, keep func(r *loader.Relationship) bool) []int {
	var out []int
	for i := range ds.Relationships {
		if keep(&ds.Relationships[i]) {
			out = append(out, i)
		}
	}
	return out
}

// otherNumber returns a number other than n: one written in the same paragraphs as the fact
// (the hard case: it is in the text) or a random one.
func otherNumber(rng *rand.Rand, n float64, text string) float64 {
	var near []float64
	for _, s := range Numbers(text) {
		if v, err := strconv.ParseFloat(s, 64); err == nil && v != n {
			near = append(near, v)
		}
	}
	if v, ok := pick(rng, near); ok && rng.IntN(2) == 0 {
		return v
	}
	for {
		if v := float64(1 + rng.IntN(999)); v != n {
			return v
		}
	}
}

func paraText(article []string, srcs []loader.Source) string {
	var b strings.Builder
	for _, s := range srcs {
		if s.Para >= 1 && int(s.Para) <= len(article) {
			b.WriteString(article[s.Para-1])
		}
	}
	return b.String()
}

var unitSwaps = map[string][]string{
	"万吨": {"吨", "亿吨"}, "亿元": {"万元", "元"}, "项": {"个", "大项"}, "个": {"项", "家"},
	"家": {"个", "支"}, "支": {"个", "家"}, "分钟": {"小时", "天"}, "%": {"个百分点"},
	"次": {"项", "个"}, "名": {"人", "个"}, "个月": {"个", "年"}, "大项": {"小项", "项"},
	"小项": {"大项", "项"}, "市": {"省", "个"}, "条": {"个", "项"}, "省": {"市", "个"},
	"天": {"分钟", "个工作日"}, "个工作日": {"天", "分钟"}, "亩": {"公顷"}, "万元": {"亿元"},
}

var scopeSwaps = []string{"全省", "全国", "黄河流域", "沿黄九省区", "全市"}

func mutationKinds(article []string) []mutation {
	return []mutation{
		{"value", func(ds *loader.Dataset, rng *rand.Rand) (string, bool) {
			i, ok := pick(rng, entityIndexes(ds, func(e *loader.Entity) bool {
				return e.Value != nil || e.Planned != nil || e.Completed != nil || e.Headcount != nil && *e.Headcount > 1 || e.ValueBefore != nil
			}))
			if !ok {
				return "", false
			}
			e := &ds.Entities[i]
			text := paraText(article, e.Sources)
			var fields []string
			if e.Value != nil {
				fields = append(fields, "value")
			}
			if e.ValueBefore != nil {
				fields = append(fields, "valueBefore")
			}
			if e.Planned != nil {
				fields = append(fields, "planned")
			}
			if e.Completed != nil {
				fields = append(fields, "completed")
			}
			if e.Headcount != nil && *e.Headcount > 1 {
				fields = append(fields, "headcount")
			}
			f, _ := pick(rng, fields)
			switch f {
			case "value":
				v := otherNumber(rng, *e.Value, text)
				e.Value = &v
				return fmt.Sprintf("%s value → %v", e.ID, v), true
			case "valueBefore":
				v := otherNumber(rng, *e.ValueBefore, text)
				e.ValueBefore = &v
				return fmt.Sprintf("%s valueBefore → %v", e.ID, v), true
			default:
				p := map[string]**int64{"planned": &e.Planned, "completed": &e.Completed, "headcount": &e.Headcount}[f]
				v := int64(otherNumber(rng, float64(**p), text))
				*p = &v
				return fmt.Sprintf("%s %s → %d", e.ID, f, v), true
			}
		}},
		{"unit", func(ds *loader.Dataset, rng *rand.Rand) (string, bool) {
			i, ok := pick(rng, entityIndexes(ds, func(e *loader.Entity) bool { return e.Unit != nil || e.UnitBefore != nil }))
			if !ok {
				return "", false
			}
			e := &ds.Entities[i]
			p := &e.Unit
			if e.Unit == nil || e.UnitBefore != nil && rng.IntN(2) == 0 {
				p = &e.UnitBefore
			}
			alts := unitSwaps[**p]
			if len(alts) == 0 {
				alts = []string{"个", "项"}
			}
			u, _ := pick(rng, alts)
			if u == **p {
				return "", false
			}
			*p = &u
			return fmt.Sprintf("%s unit → %s", e.ID, u), true
		}},
		{"scope", func(ds *loader.Dataset, rng *rand.Rand) (string, bool) {
			i, ok := pick(rng, entityIndexes(ds, func(e *loader.Entity) bool { return e.Scope != nil }))
			if !ok {
				return "", false
			}
			e := &ds.Entities[i]
			s, _ := pick(rng, scopeSwaps)
			if strings.Contains(*e.Scope, s) {
				// 全省 → 全国 inside a combined scope ("全省、全国") or a plain swap.
				return "", false
			}
			e.Scope = &s
			return fmt.Sprintf("%s scope → %s", e.ID, s), true
		}},
		{"credit", func(ds *loader.Dataset, rng *rand.Rand) (string, bool) {
			j, ok := pick(rng, relIndexes(ds, func(r *loader.Relationship) bool { return r.Type == reform.RelAchieved }))
			if !ok {
				return "", false
			}
			rel := &ds.Relationships[j]
			tasks := entityIndexes(ds, func(e *loader.Entity) bool { return e.Type == reform.TypeTask && e.ID != rel.From })
			i, _ := pick(rng, tasks)
			to := ds.Entities[i].ID
			for _, r := range ds.Relationships {
				if r.Type == rel.Type && r.From == to && r.To == rel.To {
					return "", false
				}
			}
			rel.From = to
			return fmt.Sprintf("%s credited to %s", rel.To, to), true
		}},
		{"implied", func(ds *loader.Dataset, rng *rand.Rand) (string, bool) {
			j, ok := pick(rng, relIndexes(ds, func(r *loader.Relationship) bool { return r.Implied }))
			if !ok {
				return "", false
			}
			rel := &ds.Relationships[j]
			rel.Implied = false
			return fmt.Sprintf("%s %s->%s stated", rel.Type, rel.From, rel.To), true
		}},
		{"duplicate", func(ds *loader.Dataset, rng *rand.Rand) (string, bool) {
			i, ok := pick(rng, entityIndexes(ds, func(e *loader.Entity) bool { return e.Type == reform.TypeDepartment }))
			if !ok {
				return "", false
			}
			e := ds.Entities[i]
			name := nameVariant(rng, e)
			if name == e.Name {
				return "", false
			}
			e.ID += "-dup"
			e.Name, e.Aliases = name, nil
			ds.Entities = append(ds.Entities, e)
			// Give it one of the original's relationships, so that it is no orphan.
			for _, j := range rng.Perm(len(ds.Relationships)) {
				r := ds.Relationships[j]
				switch e.ID[:len(e.ID)-4] {
				case r.From:
					r.From = e.ID
				case r.To:
					r.To = e.ID
				default:
					continue
				}
				ds.Relationships = append(ds.Relationships, r)
				break
			}
			return fmt.Sprintf("%s duplicated as %q", e.ID, name), true
		}},
		{"status", func(ds *loader.Dataset, rng *rand.Rand) (string, bool) {
			i, ok := pick(rng, entityIndexes(ds, func(e *loader.Entity) bool { return e.Status != nil }))
			if !ok {
				return "", false
			}
			e := &ds.Entities[i]
			vals := reform.TaskStatuses
			if e.Type == reform.TypePilotProgram {
				vals = reform.PilotStatuses
			}
			s, _ := pick(rng, vals)
			if s == *e.Status {
				return "", false
			}
			e.Status = &s
			return fmt.Sprintf("%s status → %s", e.ID, s), true
		}},
		{"qualifier", func(ds *loader.Dataset, rng *rand.Rand) (string, bool) {
			i, ok := pick(rng, entityIndexes(ds, func(e *loader.Entity) bool { return e.Value != nil }))
			if !ok {
				return "", false
			}
			e := &ds.Entities[i]
			if e.Qualifier != nil {
				e.Qualifier = nil
				return e.ID + " qualifier dropped", true
			}
			q, _ := pick(rng, qualifierWords)
			e.Qualifier = &q
			return fmt.Sprintf("%s qualifier %s added", e.ID, q), true
		}},
		{"description", func(ds *loader.Dataset, rng *rand.Rand) (string, bool) {
			// A description that adds a figure the text does not give.
			i, ok := pick(rng, entityIndexes(ds, func(e *loader.Entity) bool { return e.Description != nil }))
			if !ok {
				return "", false
			}
			e := &ds.Entities[i]
			d := fmt.Sprintf("%s; %d of them in %d", *e.Description, 2+rng.IntN(98), 2010+rng.IntN(15))
			e.Description = &d
			return fmt.Sprintf("%s description %q", e.ID, d), true
		}},
		{"retarget", func(ds *loader.Dataset, rng *rand.Rand) (string, bool) {
			j, ok := pick(rng, relIndexes(ds, func(r *loader.Relationship) bool { return r.Type != reform.RelAchieved }))
			if !ok {
				return "", false
			}
			rel := &ds.Relationships[j]
			var toType reform.EntityType
			for _, e := range ds.Entities {
				if e.ID == rel.To {
					toType = e.Type
				}
			}
			i, _ := pick(rng, entityIndexes(ds, func(e *loader.Entity) bool { return e.Type == toType && e.ID != rel.To && e.ID != rel.From }))
			to := ds.Entities[i].ID
			for _, r := range ds.Relationships {
				if r.Type == rel.Type && r.From == rel.From && r.To == to {
					return "", false
				}
			}
			rel.To = to
			return fmt.Sprintf("%s %s->%s retargeted", rel.Type, rel.From, to), true
		}},
	}
}

// nameVariant writes e's name (or one of its aliases) another way: with or without the city
// prefix, with quotation marks, full-width letters or digits, a space, with or without a
// trailing 局 or 部门, or 市人民政府 for 市政府.
func nameVariant(rng *rand.Rand, e loader.Entity) string {
	base := e.Name
	if a, ok := pick(rng, e.Aliases); ok && rng.IntN(3) == 0 {
		base = a
	}
	switch rng.IntN(7) {
	case 5:
		if rest, ok := strings.CutSuffix(base, "局"); ok {
			return rest
		}
		return base + "局"
	case 6:
		if strings.Contains(base, "市政府") {
			return strings.Replace(base, "市政府", "市人民政府", 1)
		}
		return strings.TrimSuffix(base, "部门") + "部门"
	case 0:
		if rest, ok := strings.CutPrefix(base, "东营市"); ok {
			return "市" + rest
		}
		if rest, ok := strings.CutPrefix(base, "市"); ok {
			return "东营市" + rest
		}
		return "东营市" + base
	case 1:
		return "“" + base + "”"
	case 2:
		var b strings.Builder
		for _, r := range base {
			if r >= '!' && r <= '~' {
				r += 0xFEE0
			}
			b.WriteRune(r)
		}
		if b.String() == base {
			return base + " "
		}
		return b.String()
	case 3:
		rs := []rune(base)
		k := 1 + rng.IntN(max(1, len(rs)-1))
		return string(rs[:k]) + " " + string(rs[k:])
	default:
		if rest, ok := strings.CutPrefix(base, "我市"); ok {
			return "东营市" + rest
		}
		return "我市" + base
	}
}

func TestMutationKillRate(t *testing.T) {
	if testing.Short() {
		// make test's first stage runs with -short to fail fast; this test (about 100 s under
		// the race detector) runs in its second stage, with the integration tests.
		t.Skip("-short: the mutation test runs in make test's integration stage")
	}
	ds, text, c := shipped(t)
	if r, err := Check(ds, text, c); err != nil || !r.OK() {
		t.Fatalf("the shipped dataset must pass first (TestShippedDatasetPasses): %v", err)
	}
	article := Paragraphs(text)
	kinds := mutationKinds(article)
	rng := rand.New(rand.NewPCG(*mutationSeed, 19))
	applied, killed := map[string]int{}, map[string]int{}
	var survivors []string
	for n := 0; n < *mutations; {
		m := kinds[n%len(kinds)]
		mut := clone(ds)
		what, ok := m.apply(mut, rng)
		if !ok {
			continue
		}
		n++
		applied[m.kind]++
		r, err := Check(mut, text, c)
		if err != nil {
			t.Fatal(err)
		}
		if !r.OK() {
			killed[m.kind]++
		} else {
			survivors = append(survivors, m.kind+": "+what)
		}
	}
	total, totalKilled := 0, 0
	for _, m := range kinds {
		a, k := applied[m.kind], killed[m.kind]
		total += a
		totalKilled += k
		t.Logf("%-10s %4d mutations, %4d caught: %5.1f%%", m.kind, a, k, 100*float64(k)/float64(max(a, 1)))
	}
	rate := float64(totalKilled) / float64(total)
	t.Logf("%-10s %4d mutations, %4d caught: %5.1f%%", "all", total, totalKilled, 100*rate)
	slices.Sort(survivors)
	for _, s := range slices.Compact(survivors) {
		t.Logf("survived: %s", s)
	}
	if rate < 0.95 {
		t.Errorf("the verifier catches %.1f%% of the mutations, want at least 95%%", 100*rate)
	}
}
