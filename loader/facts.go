package loader

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"slices"
	"strings"

	"github.com/reformhub/hub/internal/reform"
	"github.com/reformhub/hub/internal/store"
)

// A dataset asserts facts: each of its documents, entities and relationships is one, keyed by
// the id (entities and documents) or by type, from and to (relationships). What the graph shows
// of a fact is the merge of what every loaded dataset asserts of it (Merge); see
// docs/datasets.md.

// Facts returns the facts ds asserts, each with the hash of its content: documents, then
// entities, then relationships, in file order.
func Facts(ds *Dataset) []store.Fact {
	out := make([]store.Fact, 0, len(ds.Documents)+len(ds.Entities)+len(ds.Relationships))
	for _, d := range ds.Documents {
		out = append(out, documentFact(d))
	}
	for _, e := range ds.Entities {
		out = append(out, entityFact(e))
	}
	for _, r := range ds.Relationships {
		out = append(out, relFact(r))
	}
	return out
}

// documentFact, entityFact and relFact return the fact a document, entity or relationship
// asserts, with its hash.
func documentFact(d Document) store.Fact {
	return nodeFact(d.ID, reform.TypeDocument, documentRow(d))
}

func entityFact(e Entity) store.Fact { return nodeFact(e.ID, e.Type, entityRow(e)) }

func relFact(r Relationship) store.Fact {
	f := store.Fact{Kind: store.KindRel, Key: store.RelKey(r.Type, r.From, r.To), Label: string(r.Type),
		From: r.From, To: r.To, Props: relRow(r)}
	f.Hash = factHash(f)
	return f
}

func nodeFact(id string, t reform.EntityType, row map[string]any) store.Fact {
	f := store.Fact{Kind: store.KindNode, Key: id, Label: string(t), Props: row}
	f.Hash = factHash(f)
	return f
}

// factHash is the hash of what a fact asserts: its kind, label, ends and properties (JSON
// with sorted keys, so the same content always hashes the same).
func factHash(f store.Fact) string {
	b, err := json.Marshal(struct {
		K, L, F, T string
		P          map[string]any
	}{string(f.Kind), f.Label, f.From, f.To, f.Props})
	if err != nil {
		// Rows hold strings, numbers, booleans and lists of them only.
		panic("loader: fact not encodable as JSON: " + err.Error())
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:16])
}

// contentHash is the hash of a dataset's title and facts, whatever their order.
func contentHash(title string, facts []store.Fact) string {
	keys := make([]string, len(facts))
	for i, f := range facts {
		keys[i] = f.Key + "\x00" + f.Hash
	}
	slices.Sort(keys)
	h := sha256.New()
	h.Write([]byte(title + "\x00"))
	for _, k := range keys {
		h.Write([]byte(k + "\n"))
	}
	return hex.EncodeToString(h.Sum(nil)[:16])
}

// factOfKey rebuilds the kind, label and ends of a fact from its key (for a fact a dataset no
// longer asserts, of which only the key and hash are stored).
func factOfKey(kind store.FactKind, key string) store.Fact {
	f := store.Fact{Kind: kind, Key: key}
	if kind == store.KindRel {
		parts := strings.SplitN(key, "|", 3)
		if len(parts) == 3 {
			f.Label, f.From, f.To = parts[0], parts[1], parts[2]
		}
		return f
	}
	if t, ok := typeOfID(key); ok {
		f.Label = string(t)
	} else if strings.HasPrefix(key, reform.IDPrefix[reform.TypeDocument]) {
		f.Label = string(reform.TypeDocument)
	}
	return f
}

// Properties the merge treats specially: the evidence lists are concatenated, aliases united,
// and the provenance is written by the merge itself.
var (
	evidenceProps = []string{"srcDocs", "srcParas", "srcQuotes"}
	mergedProps   = []string{"aliases", "aliasText", "dataset", "datasets", "conflicts", "implied",
		"srcDocs", "srcParas", "srcQuotes"}
)

// Merge is the rule that makes one fact of what several datasets assert of it (assertions
// sorted by dataset id, as the store passes them):
//   - a property is the value of the first dataset (by id) that gives one; when another gives
//     a different value, the property is listed in `conflicts` (every value stays readable
//     with its dataset through the claims);
//   - aliases are the union (first appearance order), evidence the concatenation of every
//     dataset's evidence (dataset order);
//   - a relationship is implied only when every dataset says so;
//   - `dataset` is the first dataset, `datasets` all of them.
//
// ok is false when no dataset asserts the fact.
func Merge(kind store.FactKind, _ string, as []store.Assertion) (map[string]any, bool) {
	if len(as) == 0 {
		return nil, false
	}
	out := map[string]any{}
	for _, k := range evidenceProps {
		out[k] = []any{}
	}
	var conflicts, datasets []string
	for _, a := range as {
		datasets = append(datasets, a.Dataset)
		for k, v := range a.Props {
			if slices.Contains(mergedProps, k) {
				continue
			}
			cur, ok := out[k]
			if !ok {
				out[k] = v
				continue
			}
			if !sameJSON(cur, v) && !slices.Contains(conflicts, k) {
				conflicts = append(conflicts, k)
			}
		}
		for _, k := range evidenceProps {
			out[k] = append(store.PropertyList(out[k]), store.PropertyList(a.Props[k])...)
		}
	}
	if kind == store.KindNode {
		var aliases []any
		for _, a := range as {
			for _, x := range store.PropertyList(a.Props["aliases"]) {
				if !slices.Contains(aliases, x) {
					aliases = append(aliases, x)
				}
			}
		}
		texts := make([]string, 0, len(aliases))
		for _, x := range aliases {
			s, _ := x.(string)
			texts = append(texts, s)
		}
		if aliases == nil {
			aliases = []any{}
		}
		out["aliases"], out["aliasText"] = aliases, strings.Join(texts, " / ")
	} else {
		implied := true
		for _, a := range as {
			b, _ := a.Props["implied"].(bool)
			implied = implied && b
		}
		out["implied"] = implied
	}
	out["dataset"], out["datasets"] = as[0].Dataset, datasets
	if len(conflicts) > 0 {
		slices.Sort(conflicts)
		out["conflicts"] = conflicts
	}
	return out, true
}

// sameJSON compares two property values by their JSON form.
func sameJSON(a, b any) bool {
	x, err1 := json.Marshal(a)
	y, err2 := json.Marshal(b)
	return err1 == nil && err2 == nil && string(x) == string(y)
}
