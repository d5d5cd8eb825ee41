package verifycorpus

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/reformhub/hub/internal/reform"
	"github.com/reformhub/hub/loader"
)

// The semantic checks: what a fact says must be what its quotes say, not only be found near
// them.
//
//   - ends: a stated relationship (implied: false) names both of its ends in its quotes — by
//     the entity's name, an alias, a keyword declared for it in verify.yaml, one of the
//     entity's own quotes (the words that state it), or as the declared subject of the
//     paragraph (verify.yaml `subjects`, for sentences that leave the subject out); an implied
//     relationship names at least one end, and the other end is cited (by its own evidence)
//     in a paragraph the relationship cites. So an outcome credited to an unrelated task, or
//     an `implied` flag dropped from an inference, does not pass.
//   - keyword: every keyword verify.yaml declares belongs to a known entity and is written in
//     one of that entity's own quotes (a keyword is the article's word for it, not ours).
//   - unit: an outcome's value is written with its qualifier and unit ("180余项", "43万吨",
//     "100%"): the number, then the qualifier (余, 多 …) when the fact has one, then the unit;
//     a qualifier written after the number in the quote must be in the fact's `qualifier`
//     field; a before value (valueBefore, unitBefore) is written the same way.
//   - scope: an outcome's scope (全省, 全国, 黄河流域 …) is written in one of its quotes, and
//     every scope word its quotes attach to the value is in the field.
//   - status: a status is what the quotes say: COMPLETED needs a word of completion (完成,
//     建成, 实现 …), APPROVED a word of approval (获批, 批准 …), ACTIVE and IN_PROGRESS a word
//     of ongoing work (推进, 开展, 实施 …) and no word of completion alone; a task's completed
//     count is at most its planned count.
//   - number (extended): a number in an entity's name, description or metric is
//     written in a paragraph the entity cites (a description adds no figure of its own);
//   - duplicate (extended): no two entities of one type have the same normalized name
//     (punctuation, quotation marks, white space, full-width forms, a leading 东营市/我市/市,
//     人民 and a trailing 局/部门 ignored),

// relationCues are, per relationship type, the words a quote uses to state a relationship of
// that type; a stated relationship's quotes have one of them (the cue check).
var relationCues = map[reform.RelType][]string{
	reform.RelLeads:          {"领衔", "牵头", "召开", "主持", "带领", "主要领导", "书记"},
	reform.RelMemberOf:       {"组成", "成员", "民警", "网格员", "委员"},
	reform.RelResponsibleFor: {"开展", "实施", "推进", "完成", "建设", "深化", "实行", "推动", "落实", "选取", "组建", "出台", "构建", "召开", "搭建", "制定", "建成", "建立", "支持", "纳入", "设立", "谋划", "提升", "打造", "完善", "抢抓", "破除", "融入", "作为", "试点"},
	reform.RelPartOf:         {"纳入", "其中", "下设", "之一", "组成", "分级", "搭建起", "所属", "下属"},
	reform.RelImplements:     {"实施", "落实", "实行", "执行", "纳入", "按照", "通过", "聚焦", "锚定", "建立", "完善", "搭建", "推进", "以"},
	reform.RelRuns:           {"开展", "实施", "选取", "建设", "获批", "试点"},
	reform.RelAchieved: {"完成", "获", "实现", "推出", "形成", "入围", "建成", "走在", "居", "列", "成立", "出台", "压缩",
		"只需", "达", "增", "进入", "提高", "落地", "累注", "封存", "繁育", "设立", "表彰", "纳入", "率先", "首", "通过", "构建", "突破", "欢迎", "推广", "招生", "挂牌", "建立"},
	reform.RelIssued:      {"出台", "制定", "印发", "发布", "构建", "建立", "编制", "实行", "设立"},
	reform.RelSupports:    {"支持", "服务", "助力", "保障"},
	reform.RelEstablished: {"建设", "成立", "组建", "建成", "设立", "建立"},
	reform.RelComponentOf: {"联动", "组成", "构成"},
	reform.RelInspected:   {"视察", "考察", "调研"},
	reform.RelAffirmed:    {"肯定"},
}

// compoundTypes are the relationship types a compound or possessive name can state: adjacent
// names for all of them, one name containing the other for the types of belonging only.
var compoundTypes = map[reform.RelType]bool{
	reform.RelPartOf: true, reform.RelMemberOf: true, reform.RelIssued: false, reform.RelResponsibleFor: false, reform.RelLeads: false,
}

// adjacent reports whether a quote writes one end's name right before the other's (市委深改委,
// 外交部“一省一策”, 中央《规划纲要》), or one end's name that contains the other's
// (市政府主要领导): a compound or possessive name states the relationship.
func adjacent(rt reform.RelType, a, b, quotes []string) bool {
	contain, ok := compoundTypes[rt]
	if !ok {
		return false
	}
	for _, q := range quotes {
		for _, x := range a {
			for _, y := range b {
				if x == "" || y == "" {
					continue
				}
				// Adjacent, or one name built on the other (中国石油大学(华东)研究生院).
				if strings.Contains(q, x+y) || strings.Contains(q, y+x) ||
					contain && x != y && (strings.Contains(x, y) && strings.Contains(q, x) || strings.Contains(y, x) && strings.Contains(q, y)) {
					return true
				}
			}
		}
	}
	return false
}

// countClassifiers are the measure words a count is written with (112项, 16名, 9个).
var countClassifiers = []string{"项", "个", "名", "位", "人", "件", "条", "家", "支", "次", "大项", "小项"}

// qualifierWords are the words after a number that make it approximate ("more than": 余, 多;
// "at least": 以上; "nearly": 近 comes before the number and is not checked here).
var qualifierWords = []string{"余", "多", "以上"}

// scopeWords are the scopes a ranking or "first" claim can have.
var scopeWords = []string{"全国", "全省", "黄河流域", "沿黄九省区"}

// scopeSynonyms are other words that write a scope: a national title says 中国 or 国家.
var scopeSynonyms = map[string][]string{"全国": {"中国", "国家"}}

var _ = []string{"全国", "全省", "黄河流域", "沿黄九省区", "全市", "全球", "世界"}

var (
	completionWords = []string{"完成", "建成", "实现", "落地", "出清", "全覆盖", "建立", "获评", "入围"}
	approvalWords   = []string{"获批", "批准", "入选", "列为", "确定为"}
	ongoingWords    = []string{"三年行动", "推进", "开展", "实施", "推动", "深化", "建设", "实行", "持续", "选取", "加快", "谋划"}
)

func containsAny(s string, words []string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

func foldAll(ss []string) []string {
	out := make([]string, 0, len(ss))
	for _, s := range ss {
		if f := fold(s); f != "" {
			out = append(out, f)
		}
	}
	return out
}

// fold normalizes text for name matching: full-width ASCII to half-width, lower case, and
// quotation marks, brackets, punctuation and white space dropped.
func fold(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r >= 0xFF01 && r <= 0xFF5E {
			r -= 0xFEE0
		}
		if r == 0x3000 || unicode.IsSpace(r) || unicode.IsPunct(r) || unicode.IsSymbol(r) && r != '+' && r != '%' {
			continue
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// normalizedName is fold(name) without a leading place prefix, for the duplicate check.
func normalizedName(name string) string {
	n := fold(name)
	for again := true; again; {
		again = false
		for _, p := range []string{"东营市", "东营", "我市", "全市", "市"} {
			if rest, ok := strings.CutPrefix(n, p); ok && rest != "" {
				n, again = rest, true
				break
			}
		}
	}
	// Generic words that do not tell two bodies apart: 人民 (市人民政府 = 市政府) and a
	// trailing 局 or 部门 (市财政局 = 市财政).
	n = strings.ReplaceAll(n, "人民", "")
	for again := true; again; {
		again = false
		for _, suffix := range []string{"部门", "局"} {
			if rest, ok := strings.CutSuffix(n, suffix); ok && rest != "" {
				n, again = rest, true
			}
		}
	}
	return n
}

// formatValue writes a number as the article would: no exponent, no trailing zeros.
func formatValue(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// numberWith reports whether s writes the number n (as a whole token) directly followed by
// next ("" for anything).
func numberWith(s, n, next string) bool {
	re := regexp.MustCompile(`(^|[^0-9.])` + regexp.QuoteMeta(n) + regexp.QuoteMeta(next))
	if next == "" {
		re = regexp.MustCompile(`(^|[^0-9.])` + regexp.QuoteMeta(n) + `($|[^0-9.])`)
	}
	return re.MatchString(s)
}

// semantic runs the semantic checks and adds their findings.
func semantic(ds *loader.Dataset, cfg Config, docID string, paras []string, add func(check, where, format string, args ...any)) {
	byID := map[string]*loader.Entity{}
	for i := range ds.Entities {
		byID[ds.Entities[i].ID] = &ds.Entities[i]
	}

	// Keywords: known entity, written in one of its own quotes.
	for id, kws := range cfg.Keywords {
		e := byID[id]
		if e == nil {
			add("keyword", "verify config", "keywords for %s: no such entity", id)
			continue
		}
		for _, kw := range kws {
			found := false
			for _, s := range e.Sources {
				if strings.Contains(fold(s.Quote), fold(kw)) {
					found = true
				}
			}
			if !found || fold(kw) == "" {
				add("keyword", "verify config", "keyword %q of %s is in none of its own quotes", kw, id)
			}
		}
	}

	subject := map[int64]map[string]bool{}
	for p, ids := range cfg.Subjects {
		for _, id := range ids {
			e := byID[id]
			if e == nil {
				add("keyword", "verify config", "subject of paragraph %d: no entity %s", p, id)
				continue
			}
			if p < 1 || p > len(paras) || !containsAny(fold(paras[p-1]), foldAll(append([]string{e.Name}, e.Aliases...))) {
				add("keyword", "verify config", "subject %s of paragraph %d is not named in it", id, p)
				continue
			}
			if subject[int64(p)] == nil {
				subject[int64(p)] = map[string]bool{}
			}
			subject[int64(p)][id] = true
		}
	}

	names := func(e *loader.Entity) []string {
		out := []string{fold(e.Name)}
		for _, a := range e.Aliases {
			out = append(out, fold(a))
		}
		if e.Title != nil {
			out = append(out, fold(*e.Title))
		}
		for _, k := range cfg.Keywords[e.ID] {
			out = append(out, fold(k))
		}
		return out
	}
	named := func(e *loader.Entity, quotes []string) bool {
		// The words that state the entity itself (one of its own quotes, of four characters
		// or more) are in the relationship's quote.
		for _, s := range e.Sources {
			own := fold(s.Quote)
			if s.Doc != docID || len([]rune(own)) < 4 {
				continue
			}
			for _, q := range quotes {
				if strings.Contains(q, own) {
					return true
				}
			}
		}
		for _, q := range quotes {
			for _, n := range names(e) {
				if n != "" && strings.Contains(q, n) {
					return true
				}
			}
		}
		return false
	}
	citedIn := func(e *loader.Entity, ps map[int64]bool) bool {
		for _, s := range e.Sources {
			if s.Doc == docID && ps[s.Para] {
				return true
			}
		}
		return false
	}

	// oneQuoteStates: one quote names both ends (or the paragraph's subject stands for one)
	// and has a word for the relationship's type or writes the names as a compound.
	oneQuoteStates := func(rel loader.Relationship, from, to *loader.Entity) bool {
		cues := foldAll(relationCues[rel.Type])
		for _, src := range rel.Sources {
			if src.Doc != docID {
				continue
			}
			q := []string{fold(src.Quote)}
			if !(named(from, q) || subject[src.Para][from.ID]) || !(named(to, q) || subject[src.Para][to.ID]) {
				continue
			}
			// The word for the relationship is outside the names of its ends (实施 in the
			// title 《…实施规划》 states nothing).
			// An outcome's name is the statement of the result (…走在全国前列), so for
			// ACHIEVED only the achiever's names are taken out.
			rest := q[0]
			strip := append(names(from), names(to)...)
			if rel.Type == reform.RelAchieved {
				strip = names(from)
			}
			// Longer names first: a name inside another's title must not break the title.
			slices.SortFunc(strip, func(a, b string) int { return len(b) - len(a) })
			for _, n := range strip {
				if n != "" {
					rest = strings.ReplaceAll(rest, n, "|")
				}
			}
			if len(cues) == 0 || containsAny(rest, cues) || adjacent(rel.Type, names(from), names(to), q) {
				return true
			}
		}
		return false
	}

	// Ends of relationships.
	for _, rel := range ds.Relationships {
		from, to := byID[rel.From], byID[rel.To]
		if from == nil || to == nil {
			continue
		}
		var quotes []string
		ps := map[int64]bool{}
		for _, s := range rel.Sources {
			if s.Doc == docID {
				quotes = append(quotes, fold(s.Quote))
				ps[s.Para] = true
			}
		}
		if len(quotes) == 0 {
			continue
		}
		where := fmt.Sprintf("%s %s %s->%s", rel.Loc, rel.Type, rel.From, rel.To)
		isSubject := func(e *loader.Entity) bool {
			for p := range ps {
				if subject[p][e.ID] {
					return true
				}
			}
			return false
		}
		nf, nt := named(from, quotes) || isSubject(from), named(to, quotes) || isSubject(to)
		switch {
		case !rel.Implied && !(nf && nt):
			var missing []string
			if !nf {
				missing = append(missing, rel.From)
			}
			if !nt {
				missing = append(missing, rel.To)
			}
			add("ends", where, "stated, but its quotes do not name %s (by name, alias or keyword); mark it implied or quote the words that name it", strings.Join(missing, " and "))
		case !rel.Implied && len(relationCues[rel.Type]) > 0 && !containsAny(strings.Join(quotes, "\n"), foldAll(relationCues[rel.Type])) && !adjacent(rel.Type, names(from), names(to), quotes):
			add("cue", where, "stated, but no quote has a word that states a %s relationship (%s); mark it implied or quote the words that state it", rel.Type, strings.Join(relationCues[rel.Type], ", "))
		case !rel.Implied && !oneQuoteStates(rel, from, to):
			add("ends", where, "stated, but no single quote names both ends together with a word for %s; mark it implied or quote the one phrase that states it", rel.Type)
		case rel.Implied && !nf && !nt:
			add("ends", where, "implied, but its quotes name neither end")
		case rel.Implied && !(nf || citedIn(from, ps)) || rel.Implied && !(nt || citedIn(to, ps)):
			add("ends", where, "implied, and an end neither named in its quotes nor cited in the paragraphs they come from")
		}
	}

	for i := range ds.Entities {
		e := &ds.Entities[i]
		var quotes []string
		for _, s := range e.Sources {
			if s.Doc == docID {
				quotes = append(quotes, s.Quote)
			}
		}
		if len(quotes) == 0 {
			continue
		}
		all := strings.Join(quotes, "\n")
		where := e.Loc.String() + " " + e.ID

		// Value with qualifier and unit; before value likewise.
		checkValue := func(field string, v *float64, unit *string, before bool) {
			if v == nil {
				return
			}
			n := formatValue(*v)
			if before {
				u := ""
				if unit != nil {
					u = *unit
				}
				if !strings.Contains(all, "由"+n+u) && !strings.Contains(all, "从"+n+u) {
					add("unit", where, "%s %s%s is not written as the figure before a change (由%s%s…)", field, n, u, n, u)
				}
				return
			}
			q := ""
			if e.Qualifier != nil {
				q = *e.Qualifier
			}
			u := ""
			if unit != nil {
				u = *unit
			}
			if !numberWith(all, n, q+u) {
				for _, w := range qualifierWords {
					if q == "" && numberWith(all, n, w+u) {
						add("unit", where, "%s %s%s is written %s%s%s: put %q in the qualifier field", field, n, u, n, w, u, w)
						return
					}
				}
				add("unit", where, "%s %s%s%s is written in none of its quotes", field, n, q, u)
				return
			}
		}
		if e.Type == reform.TypeOutcome {
			checkValue("value", e.Value, e.Unit, false)
			checkValue("valueBefore", e.ValueBefore, e.UnitBefore, true)
			if e.ValueBefore != nil && e.Value == nil {
				add("unit", where, "valueBefore without a value")
			}
			if e.Qualifier != nil && e.Value == nil {
				add("unit", where, "qualifier without a value")
			}
		}

		// Numbers in the entity's own words (name, description, metric; not the English gloss,
		// which may convert units) are
		// in a paragraph it cites: a description adds no figure the text does not give.
		cited := ""
		for _, src := range e.Sources {
			if src.Doc == docID && src.Para >= 1 && int(src.Para) <= len(paras) {
				cited += paras[src.Para-1] + "\n"
			}
		}
		for _, t := range []*string{&e.Name, e.Description, e.Metric} {
			if t == nil {
				continue
			}
			for _, n := range Numbers(*t) {
				if !numberWith(cited, n, "") {
					add("number", where, "%s is in its name or description but in no paragraph it cites", n)
				}
			}
		}

		// Scope.
		if e.Scope != nil {
			for _, part := range strings.FieldsFunc(*e.Scope, func(r rune) bool { return r == '、' || r == ',' || r == ' ' }) {
				if !containsAny(all, append([]string{part}, scopeSynonyms[part]...)) {
					add("scope", where, "scope %q is written in none of its quotes", part)
				}
			}
			for _, w := range scopeWords {
				if strings.Contains(all, w) && !strings.Contains(*e.Scope, w) && !strings.Contains(e.Name, w) {
					add("scope", where, "its quotes say %s, its scope is %q", w, *e.Scope)
				}
			}
		}

		// Status.
		if e.Status != nil {
			switch *e.Status {
			case "COMPLETED":
				if containsAny(all, approvalWords) && !strings.Contains(all, "完成") || strings.Contains(all, "年度任务") {
					add("status", where, "status COMPLETED, but its quotes say approved, or completed only for the year (年度任务)")
				}
				if !containsAny(all, completionWords) {
					add("status", where, "status COMPLETED, but no quote says it was completed (%s)", strings.Join(completionWords, ", "))
				}
			case "APPROVED":
				if !containsAny(all, approvalWords) {
					add("status", where, "status APPROVED, but no quote says it was approved (%s)", strings.Join(approvalWords, ", "))
				}
			case "ACTIVE", "IN_PROGRESS":
				if !containsAny(all, ongoingWords) {
					add("status", where, "status %s, but no quote says the work goes on (%s)", *e.Status, strings.Join(ongoingWords, ", "))
				}
				if strings.Contains(all, "完成") && !strings.Contains(all, "年度") {
					add("status", where, "status %s, but its quotes say 完成 (completed) and not of an annual part (年度)", *e.Status)
				}
				if containsAny(all, approvalWords) && !containsAny(all, ongoingWords) {
					add("status", where, "status %s, but its quotes say approved", *e.Status)
				}
			case "PLANNED":
				if containsAny(all, completionWords) || containsAny(all, ongoingWords) {
					add("status", where, "status PLANNED, but its quotes say the work is done or under way")
				}
			}
		}
		for _, c := range []struct {
			field string
			v     *int64
		}{{"planned", e.Planned}, {"completed", e.Completed}, {"headcount", e.Headcount}} {
			if c.v == nil || c.field == "headcount" && *c.v < 2 {
				continue
			}
			n := strconv.FormatInt(*c.v, 10)
			ok := false
			classifiers := countClassifiers
			if c.field == "headcount" {
				classifiers = []string{"名", "位", "人"}
			}
			for _, cl := range classifiers {
				if numberWith(all, n, cl) {
					ok = true
				}
			}
			if !ok {
				add("unit", where, "%s %s is not written as a count in its quotes (%s followed by %s)", c.field, n, n, strings.Join(classifiers, ", "))
			}
		}
		if e.Planned != nil && e.Completed != nil && *e.Completed > *e.Planned {
			add("status", where, "completed %d is more than planned %d", *e.Completed, *e.Planned)
		}
	}

	// Duplicates under another name: normalized names, and identical evidence.
	type key struct{ typ, name string }
	owner := map[key]string{}
	for _, e := range ds.Entities {
		seen := map[string]bool{}
		for _, n := range append([]string{e.Name}, e.Aliases...) {
			nn := normalizedName(n)
			if seen[nn] || nn == "" {
				continue
			}
			seen[nn] = true
			k := key{string(e.Type), nn}
			if other, ok := owner[k]; ok && other != e.ID {
				add("duplicate", e.Loc.String(), "%s %s and %s share the name %q (normalized: %q)", e.Type, other, e.ID, n, nn)
				continue
			}
			owner[k] = e.ID
		}
	}
	_ = paras
}
