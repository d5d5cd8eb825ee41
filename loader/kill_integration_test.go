package loader

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/reformhub/hub/internal/store"
	"github.com/reformhub/hub/internal/store/storetest"
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

// written is the number of nodes plus relationships in the graph.
func written(ctx context.Context, s *store.Store) int {
	st, err := s.Stats(ctx)
	if err != nil {
		return -1
	}
	n := 0
	for _, c := range st.EntityCounts {
		n += c.Count
	}
	for _, c := range st.RelationshipCounts {
		n += c.Count
	}
	return n
}

// TestKilledLoadConverges SIGKILLs `hub load` (three nodes or relationships per transaction) at
// several points — among the first nodes, midway, among the relationships — and checks that
// loading again gives exactly the graph of one clean load.
func TestKilledLoadConverges(t *testing.T) {
	s, ctx := storetest.OpenEmpty(t)
	bin := buildHub(t)
	dir, _ := filepath.Abs(filepath.Join("..", "data", "dongying-2021"))
	env := append(os.Environ(), "NEO4J_URI="+storetest.Options(t).URI)
	load := func(batch string) *exec.Cmd {
		cmd := exec.CommandContext(ctx, bin, "load", "--batch-size", batch, dir)
		cmd.Env = env
		return cmd
	}

	if out, err := load("500").CombinedOutput(); err != nil {
		t.Fatalf("clean load: %v\n%s", err, out)
	}
	clean := storetest.Snapshot(t, ctx, s)
	total := len(clean.Nodes) + len(clean.Relationships)
	if total < 300 {
		t.Fatalf("the clean load wrote only %d nodes and relationships", total)
	}

	for _, at := range []int{1, total / 2, total * 9 / 10} {
		if err := s.DeleteAll(ctx); err != nil {
			t.Fatal(err)
		}
		cmd := load("3")
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		deadline := time.Now().Add(2 * time.Minute)
		got := 0
	poll:
		for time.Now().Before(deadline) {
			select {
			case err := <-done:
				t.Fatalf("kill at %d: the load finished (%v) before it could be killed", at, err)
			default:
			}
			if got = written(ctx, s); got >= at {
				break poll
			}
			time.Sleep(2 * time.Millisecond)
		}
		_ = cmd.Process.Signal(syscall.SIGKILL)
		err := <-done
		if err == nil || !strings.Contains(err.Error(), "killed") {
			t.Fatalf("kill at %d: load ended with %v, want killed", at, err)
		}
		partial := written(ctx, s)
		if partial >= total {
			t.Fatalf("kill at %d: the graph was already complete (%d); the kill proves nothing", at, partial)
		}
		if out, err := load("500").CombinedOutput(); err != nil {
			t.Fatalf("reload after kill at %d: %v\n%s", at, err, out)
		}
		if again := storetest.Snapshot(t, ctx, s); !reflect.DeepEqual(clean, again) {
			t.Errorf("kill at %d (%d of %d written): the reloaded graph differs from a clean load", at, partial, total)
		}
		t.Logf("killed with %d of %d written; reload converged", partial, total)
	}
}
