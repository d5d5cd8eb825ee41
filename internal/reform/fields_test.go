package reform

import "testing"

// Every endpoint pair a relationship type allows must be visible as a field from both ends,
// and every field must follow a pair the rules allow.
func TestRelationsCoverRulesFromBothEnds(t *testing.T) {
	sees := func(owner EntityType, rel RelType, out bool, other EntityType) bool {
		for _, r := range relations[owner] {
			if r.Out != out || (r.Target != "" && r.Target != other) {
				continue
			}
			for _, rt := range r.Types {
				if rt == rel {
					return true
				}
			}
		}
		return false
	}
	for rel, pairs := range RelRules {
		for _, p := range pairs {
			if !sees(p.From, rel, true, p.To) {
				t.Errorf("%s %s->%s: no field on %s follows it outwards", rel, p.From, p.To, p.From)
			}
			if !sees(p.To, rel, false, p.From) {
				t.Errorf("%s %s->%s: no field on %s follows it inwards", rel, p.From, p.To, p.To)
			}
		}
	}
	for owner, fields := range relations {
		for name, r := range fields {
			for _, rt := range r.Types {
				ok := false
				for _, p := range RelRules[rt] {
					from, to := owner, r.Target
					if !r.Out {
						from, to = r.Target, owner
					}
					if (from == "" || p.From == from) && (to == "" || p.To == to) {
						ok = true
					}
				}
				if !ok {
					t.Errorf("%s.%s follows %s, which never joins those types", owner, name, rt)
				}
			}
		}
	}
}

func TestScalarField(t *testing.T) {
	if k, ok := ScalarField(TypeTask, "year"); !ok || k != KindInt {
		t.Errorf("Task.year = %v, %v", k, ok)
	}
	if _, ok := ScalarField(TypeLeader, "year"); ok {
		t.Error("Leader has no year")
	}
	if k, ok := ScalarField("", "name"); !ok || k != KindString {
		t.Errorf("any.name = %v, %v", k, ok)
	}
}
