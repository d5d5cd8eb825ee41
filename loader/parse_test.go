package loader

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/reformhub/hub/internal/reform"
)

func TestParseValid(t *testing.T) {
	dir := filepath.Join("testdata", "valid")
	ds, err := Parse(dir)
	if err != nil {
		t.Fatalf("Parse(%s): %v", dir, err)
	}
	if ds.ID != "fixture-valid" || ds.Title != "测试数据集" || ds.Dir != dir {
		t.Errorf("dataset = %q %q %q", ds.ID, ds.Title, ds.Dir)
	}
	if got := len(ds.Documents); got != 2 {
		t.Fatalf("%d documents, want 2", got)
	}
	d := ds.Documents[0]
	if d.ID != "doc/fixture-report" || d.Paragraphs != 10 || deref(d.Year) != 2021 ||
		deref(d.Date) != "2021-12" || deref(d.TitleEn) == "" || d.Loc.Line != 7 {
		t.Errorf("document 0 = %+v", d)
	}
	if d := ds.Documents[1]; d.TitleEn != nil || d.Year != nil || d.Paragraphs != 3 {
		t.Errorf("document 1 = %+v, want only the required fields", d)
	}

	var ids []string
	for _, e := range ds.Entities {
		ids = append(ids, e.ID)
	}
	wantIDs := "department/city department/reform-office leader/city-leaders task/key-items " +
		"task/land-reform policy/ecology-regulation pilot/land-pilot outcome/approval-time"
	if got := strings.Join(ids, " "); got != wantIDs {
		t.Errorf("entities in order:\n got %s\nwant %s", got, wantIDs)
	}
	leader := ds.Entities[2]
	if leader.Type != reform.TypeLeader || deref(leader.Headcount) != 16 || deref(leader.Role) != "领衔市级领导" ||
		len(leader.Aliases) != 1 || leader.Loc != (Location{filepath.Join(dir, "entities.yaml"), 3}) {
		t.Errorf("leader = %+v", leader)
	}
	if s := leader.Sources[0]; s.Doc != "doc/fixture-report" || s.Para != 3 || s.Loc.Line != 11 {
		t.Errorf("leader source = %+v, want the file's default document at line 11", s)
	}
	land := ds.Entities[4]
	if s := land.Sources[1]; s.Doc != "doc/fixture-note" || s.Para != 2 {
		t.Errorf("land-reform source 2 = %+v, want its own doc", s)
	}
	if land.Year != nil || land.Planned != nil || deref(land.Status) != "IN_PROGRESS" {
		t.Errorf("land-reform = %+v", land)
	}
	outcome := ds.Entities[7]
	if deref(outcome.Value) != 7.5 || deref(outcome.Kind) != "METRIC" || deref(outcome.Scope) != "全省" {
		t.Errorf("outcome = %+v", outcome)
	}

	if got := len(ds.Relationships); got != 10 {
		t.Fatalf("%d relationships, want 10", got)
	}
	r := ds.Relationships[0]
	if r.Type != reform.RelPartOf || !r.Implied || deref(r.Note) == "" ||
		r.Loc != (Location{filepath.Join(dir, "departments.yaml"), 19}) {
		t.Errorf("relationship 0 = %+v", r)
	}
	if r := ds.Relationships[1]; r.Type != reform.RelLeads || r.Implied || r.Note != nil {
		t.Errorf("relationship 1 = %+v", r)
	}
}

// TestParseRealDataset checks the datasets the hub ships.
func TestParseRealDataset(t *testing.T) {
	dir := filepath.Join("..", "data", "dongying-2021")
	if _, err := os.Stat(filepath.Join(dir, ManifestFile)); errors.Is(err, fs.ErrNotExist) {
		t.Skipf("%s has no %s yet", dir, ManifestFile)
	}
	ds, err := Parse(dir)
	if err != nil {
		t.Fatalf("Parse(%s):\n%v", dir, err)
	}
	if len(ds.Entities) == 0 || len(ds.Relationships) == 0 {
		t.Errorf("%s: %d entities, %d relationships", dir, len(ds.Entities), len(ds.Relationships))
	}
}

func TestParseMissingManifest(t *testing.T) {
	_, err := Parse(t.TempDir())
	if !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("Parse(empty folder) = %v, want fs.ErrNotExist", err)
	}
	var verr *ValidationError
	if errors.As(err, &verr) {
		t.Errorf("a missing manifest is not a validation problem: %v", err)
	}
}

func deref[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}
