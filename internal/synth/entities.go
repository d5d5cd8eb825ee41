package synth

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/reformhub/hub/internal/reform"
)

// source is one evidence entry, with the keys of the dataset format.
type source struct {
	Doc   string `json:"doc"`
	Para  int    `json:"para"`
	Quote string `json:"quote"`
}

// entityRec is one entity with the keys of the dataset format (data/README.md); of the
// type-specific fields only those of its type are set.
type entityRec struct {
	ID          string   `json:"id"`
	Type        string   `json:"type"`
	Name        string   `json:"name"`
	NameEn      *string  `json:"nameEn,omitempty"`
	Aliases     []string `json:"aliases,omitempty"`
	Description *string  `json:"description,omitempty"`
	Note        *string  `json:"note,omitempty"`

	Role        *string  `json:"role,omitempty"`
	Headcount   *int     `json:"headcount,omitempty"`
	Kind        *string  `json:"kind,omitempty"`
	Area        *string  `json:"area,omitempty"`
	Year        *int     `json:"year,omitempty"`
	Status      *string  `json:"status,omitempty"`
	Planned     *int     `json:"planned,omitempty"`
	Completed   *int     `json:"completed,omitempty"`
	Title       *string  `json:"title,omitempty"`
	Level       *string  `json:"level,omitempty"`
	Metric      *string  `json:"metric,omitempty"`
	Value       *float64 `json:"value,omitempty"`
	Unit        *string  `json:"unit,omitempty"`
	Scope       *string  `json:"scope,omitempty"`
	Qualifier   *string  `json:"qualifier,omitempty"`
	ValueBefore *float64 `json:"valueBefore,omitempty"`
	UnitBefore  *string  `json:"unitBefore,omitempty"`

	Sources []source `json:"sources"`
}

// relRec is one relationship with the keys of the dataset format.
type relRec struct {
	Type    string   `json:"type"`
	From    string   `json:"from"`
	To      string   `json:"to"`
	Implied bool     `json:"implied,omitempty"`
	Note    *string  `json:"note,omitempty"`
	Sources []source `json:"sources"`
}

// docRec is one document of the manifest.
type docRec struct {
	ID         string   `yaml:"id"`
	Title      string   `yaml:"title"`
	Publisher  string   `yaml:"publisher"`
	Date       string   `yaml:"date"`
	Year       int      `yaml:"year"`
	Language   string   `yaml:"language"`
	Paragraphs int      `yaml:"paragraphs"`
	Access     string   `yaml:"access,omitempty"`
	Groups     []string `yaml:"groups,omitempty,flow"`
}

// typeIndex numbers the entity types for hashing.
func typeIndex(t reform.EntityType) uint64 {
	for i, x := range reform.EntityTypes {
		if x == t {
			return uint64(i + 1)
		}
	}
	return 0
}

// mix is splitmix64's finalizer: a well-spread hash of x.
func mix(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

// entityRand returns the random stream of entity i of type t: every attribute of an entity
// comes from it, so an entity can be rebuilt from its index alone.
func (g *generator) entityRand(t reform.EntityType, i int) *rand.Rand {
	h := mix(g.seed ^ mix(typeIndex(t)<<40^uint64(i)))
	return rand.New(rand.NewPCG(g.seed, h))
}

// docOf returns the index of the document that reports entity i of type t (which fixes its
// city and year).
func (g *generator) docOf(t reform.EntityType, i int) int {
	return int(mix(g.seed^typeIndex(t)<<40^uint64(i)^0x5bd1e995) % uint64(g.count[reform.TypeDocument]))
}

// docCity, docYear and docParas are the city, year and paragraph count of document j.
func docCity(j int) *city { return &cities[j%len(cities)] }
func docYear(j int) int   { return firstYear + (j+j/len(cities))%numYears } // every year, also with few documents
func (g *generator) docParas(j int) int {
	return 20 + int(mix(g.seed^uint64(j)^0xd0c)%60)
}

// docID returns the id of document j.
func docID(j int) string {
	return "doc/" + docCity(j).slug + "-" + strconv.Itoa(docYear(j)) + "-" + strconv.Itoa(j)
}

// document returns document j.
func (g *generator) document(j int) docRec {
	c, y := docCity(j), docYear(j)
	kind := docKinds[(j/(len(cities)*numYears))%len(docKinds)]
	d := docRec{
		ID:         docID(j),
		Title:      fmt.Sprintf("%s市%d年%s（第%d号）", c.name, y, kind, j+1),
		Publisher:  c.name + "日报社",
		Date:       strconv.Itoa(y),
		Year:       y,
		Language:   "zh",
		Paragraphs: g.docParas(j),
	}
	if g.access {
		d.Access, d.Groups = g.docAccess(j)
	}
	return d
}

// docAccess returns the access level of document j (Config.Access) and its groups.
func (g *generator) docAccess(j int) (string, []string) {
	h := mix(g.seed ^ 0xacce55<<32 ^ uint64(j))
	switch pct := h % 100; {
	case pct < 80:
		return "", nil
	case pct < 88:
		return "internal", nil
	case pct < 95:
		return "restricted", []string{Groups[(h>>8)%uint64(len(Groups))]}
	default:
		a, b := (h>>8)%uint64(len(Groups)), (h>>16)%uint64(len(Groups)-1)
		if b >= a {
			b++
		}
		gs := []string{Groups[a], Groups[b]}
		slices.Sort(gs)
		return "restricted", gs
	}
}

// id returns the id of entity i of type t: <prefix><city>-<year>-<i>.
func (g *generator) id(t reform.EntityType, i int) string {
	j := g.docOf(t, i)
	return reform.IDPrefix[t] + docCity(j).slug + "-" + strconv.Itoa(docYear(j)) + "-" + strconv.Itoa(i)
}

func pick[T any](r *rand.Rand, list []T) T { return list[r.IntN(len(list))] }

func ptr[T any](v T) *T { return &v }

// quote returns an evidence quote of at most reform.MaxQuoteLength characters about name.
func quote(r *rand.Rand, name string) string {
	const keep = 40
	if utf8.RuneCountInString(name) > keep {
		name = string([]rune(name)[:keep])
	}
	return name + pick(r, quoteTails)
}

// sources returns one or two evidence entries in document j about name.
func (g *generator) sources(r *rand.Rand, j int, name string) []source {
	paras := g.docParas(j)
	out := []source{{Doc: docID(j), Para: 1 + r.IntN(paras), Quote: quote(r, name)}}
	if r.IntN(4) == 0 {
		p := 1 + r.IntN(paras)
		if p == out[0].Para {
			p = p%paras + 1
		}
		if p != out[0].Para {
			out = append(out, source{Doc: out[0].Doc, Para: p, Quote: quote(r, name)})
		}
	}
	return out
}

// place returns the city-level or county-level place name of an entity in city c.
func place(r *rand.Rand, c *city) string {
	if r.IntN(3) == 0 {
		return c.name + "市" + pick(r, c.counties)
	}
	return c.name + "市"
}

// entity builds entity i of type t (not a Document).
func (g *generator) entity(t reform.EntityType, i int) entityRec {
	r := g.entityRand(t, i)
	j := g.docOf(t, i)
	c, year := docCity(j), docYear(j)
	e := entityRec{ID: g.id(t, i), Type: string(t)}
	switch t {
	case reform.TypeLeader:
		if r.IntN(10) < 7 {
			n := pick(r, surnames) + pick(r, givenNames)
			if r.IntN(2) == 0 {
				n += pick(r, givenNames)
			}
			e.Name = n
			e.Role = ptr(c.name + "市" + pick(r, roles))
		} else {
			role := pick(r, groupRoles)
			e.Name = fmt.Sprintf("%s%d名%s", place(r, c), 2+r.IntN(30), role)
			e.Role = ptr(role)
			e.Headcount = ptr(2 + r.IntN(30))
		}
	case reform.TypeDepartment:
		a := pick(r, agencies)
		e.Name = place(r, c) + a.name + pick(r, units)
		e.Kind = ptr(a.kind)
	case reform.TypeTask:
		area, verb, form := pick(r, areas), pick(r, taskVerbs), pick(r, taskForms)
		e.Name = fmt.Sprintf("%s%d年%s%s%s", place(r, c), year, verb, area, form)
		e.Area, e.Year = ptr(area), ptr(year)
		if r.IntN(5) == 0 {
			e.Aliases = []string{verb + area + form}
		}
		switch s := r.IntN(10); {
		case s < 5:
			e.Status = ptr("COMPLETED")
		case s < 8:
			e.Status = ptr("IN_PROGRESS")
		case s < 9:
			e.Status = ptr("PLANNED")
		}
		if r.IntN(5) < 2 {
			planned := 1 + r.IntN(200)
			done := r.IntN(planned + 1)
			if e.Status != nil && *e.Status == "COMPLETED" {
				done = planned
			}
			e.Planned, e.Completed = ptr(planned), ptr(done)
		}
	case reform.TypePolicy:
		area, form := pick(r, areas), pick(r, policyForms)
		e.Name = place(r, c) + area + form.name
		e.Kind = ptr(form.kind)
		if r.IntN(2) == 0 {
			e.Title = ptr("《" + c.name + "市" + area + form.name + "》")
		}
	case reform.TypePilotProgram:
		area, form := pick(r, areas), pick(r, pilotForms)
		e.Name = place(r, c) + area + form
		e.Level = ptr(pick(r, reform.PilotLevels))
		if r.IntN(5) > 0 {
			e.Status = ptr(pick(r, reform.PilotStatuses))
		}
	case reform.TypeOutcome:
		switch k := r.IntN(20); {
		case k < 12:
			m := pick(r, metrics)
			v := math.Round(r.Float64()*m.max*10) / 10
			e.Name = fmt.Sprintf("%s%s达到%s%s", place(r, c), m.name,
				strconv.FormatFloat(v, 'f', -1, 64), m.unit)
			e.Kind, e.Metric, e.Value, e.Unit = ptr("METRIC"), ptr(m.name), ptr(v), ptr(m.unit)
			// Qualifiers and before values without another random draw, so that the rest
			// of the corpus stays what it was: every 7th metric is "more than", every 11th
			// a change from twice its value.
			if i%7 == 3 {
				e.Qualifier = ptr("余")
			}
			if i%11 == 5 {
				e.ValueBefore, e.UnitBefore = ptr(2*v), ptr(m.unit)
			}
		case k < 17:
			scope := pick(r, scopes)
			e.Name = place(r, c) + pick(r, areas) + "获评" + scope + pick(r, honours)
			e.Kind, e.Scope = ptr("HONOUR"), ptr(scope)
		default:
			e.Name = place(r, c) + pick(r, areas) + pick(r, taskForms) + pick(r, milestones)
			e.Kind = ptr("MILESTONE")
		}
		e.Year = ptr(year)
	}
	if r.IntN(5) == 0 {
		e.NameEn = ptr(fmt.Sprintf("%s %s %d (%s, %d)", strings.ToUpper(c.slug[:1])+c.slug[1:], t, i, "synthetic", year))
	}
	if r.IntN(3) == 0 {
		e.Description = ptr(fmt.Sprintf("Synthetic %s of %s, reported for %d", strings.ToLower(string(t)), c.slug, year))
	}
	if r.IntN(10) == 0 {
		e.Note = ptr(pick(r, notes))
	}
	e.Sources = g.sources(r, j, e.Name)
	return e
}
