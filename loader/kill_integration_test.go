package loader

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/reformhub/hub/internal/store/storetest"
	"github.com/reformhub/hub/internal/synth"
)

// buildHub compiles cmd/hub into a temporary folder and returns the binary's path.
func buildHub(t *testing.T) string {
	t.Helper()
	_, file, _, _ := runtime.Caller(0)
	root := filepath.Join(filepath.Dir(file), "..")
	bin := filepath.Join(t.TempDir(), "hub")
	cmd := exec.Command("go", "build", "-o", bin, "./cmd/hub")
	cmd.Dir = root
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build ./cmd/hub: %v\n%s", err, out)
	}
	return bin
}

// TestKilledSyncKeepsTheVersion SIGKILLs `hub load` while it syncs a dataset to new content —
// early, midway and late in its staging, and after it published the new version but before
// it applied it — and checks that the previous version stays current and intact (the graph a
// reader sees is exactly that of the previous content) until the new version is published,
// and that running the sync again gives exactly the graph of one clean sync, with nothing
// staged left over.
func TestKilledSyncKeepsTheVersion(t *testing.T) {
	s, ctx := storetest.OpenEmpty(t)
	bin := buildHub(t)
	gen := func(seed uint64) string {
		dir := filepath.Join(t.TempDir(), "kill")
		if _, err := synth.Generate(synth.Config{Entities: 300, Seed: seed, ID: "kill"}, dir); err != nil {
			t.Fatal(err)
		}
		return dir
	}
	v1, v2 := gen(1), gen(2)
	uri := storetest.Options(t).URI
	load := func(dir, grace string, args ...string) *exec.Cmd {
		cmd := exec.CommandContext(ctx, bin, append(append([]string{"load"}, args...), dir)...)
		cmd.Env = append(os.Environ(), "NEO4J_URI="+uri, "HUB_SYNC_GRACE="+grace)
		return cmd
	}
	mustLoad := func(dir string) {
		t.Helper()
		if out, err := load(dir, "0", "--batch-size", "500").CombinedOutput(); err != nil {
			t.Fatalf("load %s: %v\n%s", dir, err, out)
		}
	}
	version := func() int64 {
		t.Helper()
		v, err := s.DataVersion(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return v.N
	}
	staged := func() map[string]int64 {
		t.Helper()
		m, err := s.Staged(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return m
	}
	mustLoad(v1)
	first := storetest.Snapshot(t, ctx, s)
	mustLoad(v2)
	second := storetest.Snapshot(t, ctx, s)
	if reflect.DeepEqual(first, second) {
		t.Fatal("the two contents give the same graph; the test proves nothing")
	}

	// kill runs cmd until ready says so, then SIGKILLs it.
	kill := func(what string, cmd *exec.Cmd, ready func() bool) {
		t.Helper()
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		deadline := time.Now().Add(2 * time.Minute)
		for !ready() {
			select {
			case err := <-done:
				t.Fatalf("%s: the load ended (%v) before it could be killed", what, err)
			default:
			}
			if time.Now().After(deadline) {
				t.Fatalf("%s: never ready to be killed", what)
			}
			time.Sleep(2 * time.Millisecond)
		}
		_ = cmd.Process.Signal(syscall.SIGKILL)
		if err := <-done; err == nil || !strings.Contains(err.Error(), "killed") {
			t.Fatalf("%s: load ended with %v, want killed", what, err)
		}
	}
	reset := func() int64 {
		t.Helper()
		if err := s.DeleteAll(ctx); err != nil {
			t.Fatal(err)
		}
		mustLoad(v1)
		return version()
	}

	// Killed while staging: the previous version stays current and intact.
	// Early, midway and late in the entities, then in the relationships (a changed one is
	// retracted, and added again staged).
	type point struct {
		what  string
		ready func() bool
	}
	var points []point
	for _, at := range []int64{1, 150, 400} {
		points = append(points, point{fmt.Sprintf("kill after %d things staged", at), func() bool { return sumCounts(staged()) >= at }})
	}
	points = append(points, point{"kill after 30 relationships staged", func() bool {
		m := staged()
		return m["staged relationships"]+m["retraction marks"] >= 30
	}})
	for _, pt := range points {
		before := reset()
		what := pt.what
		kill(what, load(v2, "0", "--batch-size", "3", "--workers", "1"), pt.ready)
		if v := version(); v != before {
			t.Errorf("%s: data version %d, want %d (the previous one)", what, v, before)
		}
		if got := storetest.Snapshot(t, ctx, s); !reflect.DeepEqual(got, first) {
			t.Errorf("%s: readers see a graph other than the previous version", what)
		}
		left := staged()
		mustLoad(v2)
		if got := storetest.Snapshot(t, ctx, s); !reflect.DeepEqual(got, second) {
			t.Errorf("%s: the sync run again gives a graph other than a clean sync", what)
		}
		if m := staged(); sumCounts(m) != 0 {
			t.Errorf("%s: staged left after the sync ran again: %v", what, m)
		}
		t.Logf("%s: previous version intact (staged then: %v); run again, converged", what, left)
	}

	// Killed after publishing, while waiting out the grace period to apply: the new version is
	// current; running the sync again applies it and changes nothing more.
	before := reset()
	kill("kill after publishing", load(v2, "3s", "--wait"), func() bool { return version() > before })
	if v := version(); v != before+1 {
		t.Errorf("after the kill the data version is %d, want %d", v, before+1)
	}
	if m := staged(); m["staged entities"]+m["pending values"] == 0 {
		t.Errorf("after publishing, nothing is pending: %v", m)
	}
	mustLoad(v2)
	if got := storetest.Snapshot(t, ctx, s); !reflect.DeepEqual(got, second) {
		t.Error("after the kill after publishing and a rerun: a graph other than a clean sync")
	}
	if v := version(); v != before+1 {
		t.Errorf("the rerun made version %d, want %d (nothing more to change)", v, before+1)
	}
	if m := staged(); sumCounts(m) != 0 {
		t.Errorf("staged left after the rerun: %v", m)
	}
}
