package graph_test

import (
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/reformhub/hub/graph"
	"github.com/reformhub/hub/internal/access"
	"github.com/reformhub/hub/internal/auth"
	"github.com/reformhub/hub/internal/config"
	"github.com/reformhub/hub/internal/server"
	"github.com/reformhub/hub/internal/store/storetest"
	"github.com/reformhub/hub/loader"
)

// A filter on the aliases (and on note) reads what the caller may see: one department asserted
// by a public dataset (aliases 甲, a note) and by a restricted one (aliases 乙, another
// note); a caller who may not see the restricted document neither finds the department by
// 乙 nor sees 乙 among its aliases, and its note is the public dataset's.
func TestAliasesFilterFollowsAccess(t *testing.T) {
	st, ctx := storetest.OpenEmpty(t)
	write := func(id, doc, level, alias, note string) string {
		dir := filepath.Join(t.TempDir(), id)
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		manifest := fmt.Sprintf("format: reformhub/v1\nid: %s\ntitle: Alias fixture %s\ndocuments:\n  - id: %s\n    title: 文件\n    paragraphs: 3\n", id, id, doc)
		if level != "" {
			manifest += "    access: restricted\n    groups: [" + level + "]\n"
		}
		manifest += "files:\n  - data.yaml\n"
		data := fmt.Sprintf("entities:\n  - { id: department/alias-city, type: Department, name: 别名城, aliases: [%s], note: %s, sources: [{ doc: %s, para: 1, quote: 证据 }] }\n", alias, note, doc)
		for name, content := range map[string]string{loader.ManifestFile: manifest, "data.yaml": data} {
			if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		return dir
	}
	for _, dir := range []string{write("alias-a", "doc/alias-a", "", "甲", "public note"), write("alias-b", "doc/alias-b", "green", "乙", "green note")} {
		ds, err := loader.Parse(dir)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := loader.Load(ctx, ds, st, loader.Options{}); err != nil {
			t.Fatal(err)
		}
	}
	authn, err := auth.New(ctx, auth.Config{Mode: auth.ModeJWT, Secret: aclSecret})
	if err != nil {
		t.Fatal(err)
	}
	h := server.New(&graph.Resolver{Store: st}, st, server.Options{RequestTimeout: 30 * time.Second, DataVersionInterval: time.Nanosecond,
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), Limits: config.Limits{MaxBodyBytes: 1 << 20}, Auth: authn})

	type found struct {
		Departments []struct {
			ID      string
			Aliases []string
			Note    *string
		}
	}
	for _, tc := range []struct {
		name    string
		caller  access.Caller
		aliases []string
		note    string
	}{
		{"anonymous", access.Caller{}, []string{"甲"}, "public note"},
		{"green", access.Caller{SignedIn: true, Subject: "g", Groups: []string{"green"}}, []string{"甲", "乙"}, "public note"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tok := ""
			if tc.caller.SignedIn {
				tok = aclToken(t, tc.caller)
			}
			var all found
			aclData(t, h, tok, `{ departments { id aliases note } }`, &all)
			if len(all.Departments) != 1 || !slices.Equal(all.Departments[0].Aliases, tc.aliases) {
				t.Fatalf("the department as %s sees it: %+v, want aliases %v", tc.name, all.Departments, tc.aliases)
			}
			for _, a := range []string{"甲", "乙", "丙"} {
				var got found
				aclData(t, h, tok, `{ departments(where: {aliases: {includes: "`+a+`"}}) { id } }`, &got)
				if want := slices.Contains(tc.aliases, a); (len(got.Departments) == 1) != want {
					t.Errorf("aliases includes %s: %d departments, want found = %v", a, len(got.Departments), want)
				}
			}
			for _, list := range [][]string{{"甲"}, {"甲", "乙"}, {"乙", "甲"}} {
				var got found
				q := fmt.Sprintf(`{ departments(where: {aliases: {eq: [%q%s]}}) { id } }`, list[0], map[bool]string{true: fmt.Sprintf(", %q", list[len(list)-1]), false: ""}[len(list) == 2])
				aclData(t, h, tok, q, &got)
				if want := slices.Equal(list, tc.aliases); (len(got.Departments) == 1) != want {
					t.Errorf("aliases eq %v: %d departments, want found = %v", list, len(got.Departments), want)
				}
			}
			for note, want := range map[string]bool{"public note": true, "green note": false} {
				var got found
				aclData(t, h, tok, `{ departments(where: {note: {eq: "`+note+`"}}) { id } }`, &got)
				if (len(got.Departments) == 1) != want {
					t.Errorf("note eq %q: %d departments, want found = %v", note, len(got.Departments), want)
				}
			}
		})
	}
}
