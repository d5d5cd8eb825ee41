//go:build chaos

package chaos

import (
	"bufio"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// make run's supervision (scripts/neo4j.sh supervise): a Neo4j SIGKILLed under the supervisor
// is restarted with the death logged, and a clean `neo4j.sh stop` ends the supervision
// instead of being undone. Its own Neo4j on CHAOS_NEO4J_PORT+1.
func TestSupervisedNeo4jRestarts(t *testing.T) {
	port := strconv.Itoa(db.port + 1)
	data := filepath.Join(workDir, "supervised", "data")
	script := filepath.Join(root, "scripts", "neo4j.sh")
	env := append(os.Environ(), "NEO4J_HEAP=512m", "NEO4J_PAGECACHE=64m")
	neo4jsh := func(args ...string) (string, error) {
		cmd := exec.Command(script, append(args, "--data", data)...)
		cmd.Env = env
		out, err := cmd.CombinedOutput()
		return string(out), err
	}
	pid := func() int {
		raw, _ := os.ReadFile(filepath.Join(filepath.Dir(data), "neo4j.pid"))
		n, _ := strconv.Atoi(strings.TrimSpace(string(raw)))
		return n
	}

	sup := exec.Command(script, "supervise", "--port", port, "--data", data)
	sup.Env = env
	out, err := sup.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	sup.Stderr = sup.Stdout
	if err := sup.Start(); err != nil {
		t.Fatal(err)
	}
	lines := make(chan string, 1000)
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
	}()
	var log []string
	waitFor := func(what string, d time.Duration) {
		t.Helper()
		deadline := time.After(d)
		for {
			select {
			case l, ok := <-lines:
				if !ok {
					t.Fatalf("the supervisor ended before %q:\n%s", what, strings.Join(log, "\n"))
				}
				log = append(log, l)
				if strings.Contains(l, what) {
					return
				}
			case <-deadline:
				t.Fatalf("no %q within %s:\n%s", what, d, strings.Join(log, "\n"))
			}
		}
	}
	defer func() {
		_ = sup.Process.Kill()
		_, _ = neo4jsh("stop")
	}()

	waitFor("watching pid", 3*time.Minute)
	first := pid()
	if first == 0 {
		t.Fatal("no pid file")
	}
	if err := syscall.Kill(first, syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	waitFor("died; restarting", 30*time.Second)
	waitFor("neo4j is back", 3*time.Minute)
	second := pid()
	if second == 0 || second == first {
		t.Fatalf("pid after the restart: %d (before: %d)", second, first)
	}
	if s, err := neo4jsh("status"); err != nil {
		t.Fatalf("status after the restart: %v %s", err, s)
	}
	joined := strings.Join(log, "\n")
	if !strings.Contains(joined, "killed by a signal") {
		t.Errorf("the death's reason was not logged:\n%s", joined)
	}

	// A clean stop ends the supervision; nothing restarts Neo4j.
	if s, err := neo4jsh("stop"); err != nil {
		t.Fatalf("stop: %v %s", err, s)
	}
	waitFor("stopped cleanly; supervision ends", 30*time.Second)
	done := make(chan error, 1)
	go func() { done <- sup.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("the supervisor ended with %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Error("the supervisor did not end after the clean stop")
	}
	if s, err := neo4jsh("status"); err == nil {
		t.Errorf("Neo4j runs again after a clean stop: %s", s)
	}
}
