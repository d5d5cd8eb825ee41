package web_test

// End-to-end tests of the workbench in a real headless browser (Debian's chromium, driven by
// chromedp) against the hub's real handler over the real Neo4j with the shipped dataset.
// They are required — a missing browser fails them — when CI=true or HUB_REQUIRE_NEO4J=1;
// elsewhere they skip without a browser or a database. Screenshots of each view go to
// $HUB_E2E_ARTIFACTS, or web/e2e-artifacts (git-ignored); the test log prints the paths.

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/reformhub/hub/internal/hubtest"
	"github.com/reformhub/hub/internal/store"
	"github.com/reformhub/hub/loader"
)

func required() bool {
	return os.Getenv("CI") == "true" || os.Getenv("HUB_REQUIRE_NEO4J") == "1"
}

// browserPath finds chromium: $HUB_CHROMIUM, /usr/bin/chromium, or chromium on the PATH.
func browserPath(t *testing.T) string {
	t.Helper()
	for _, p := range []string{os.Getenv("HUB_CHROMIUM"), "/usr/bin/chromium"} {
		if p != "" {
			if _, err := os.Stat(p); err == nil {
				return p
			}
		}
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if required() {
		t.Fatal("no chromium found (set HUB_CHROMIUM): the browser tests are required when CI=true or HUB_REQUIRE_NEO4J=1")
	}
	t.Skip("no chromium found; set HUB_CHROMIUM to run the browser tests")
	return ""
}

func artifactsDir(t *testing.T) string {
	t.Helper()
	dir := os.Getenv("HUB_E2E_ARTIFACTS")
	if dir == "" {
		dir = "e2e-artifacts"
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	abs, _ := filepath.Abs(dir)
	return abs
}

// session is one browser tab on a hub served over HTTP, recording every request the page
// makes and every uncaught exception or console error.
type session struct {
	ctx  context.Context
	base string
	st   *store.Store // the hub's store (a test may sync a dataset while the page is open)
	mu   sync.Mutex
	urls []string
	errs []string
}

func newSession(t *testing.T) *session {
	t.Helper()
	return newSessionAt(t, 1440, 900)
}

// newSessionAt is newSession with a window of w×h CSS pixels (a phone: 390×844).
func newSessionAt(t *testing.T, w, h int) *session {
	t.Helper()
	exe := browserPath(t)
	handler, _, st := hubtest.Handler(t)
	return newSessionOn(t, exe, w, h, handler, st)
}

// newSessionOn is newSessionAt on the hub handler h over st.
func newSessionOn(t *testing.T, exe string, w, h int, handler http.Handler, st *store.Store) *session {
	t.Helper()
	srv := httptest.NewServer(handler)
	t.Cleanup(srv.Close)

	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe),
		chromedp.NoSandbox, // tests run as root in CI
		chromedp.DisableGPU,
		chromedp.WindowSize(w, h),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("no-pings", true),
		chromedp.Flag("lang", "en-US"),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelTab := chromedp.NewContext(actx)
	ctx, cancelTime := context.WithTimeout(ctx, 2*time.Minute)
	t.Cleanup(func() { cancelTime(); cancelTab(); cancelAlloc() })

	s := &session{ctx: ctx, base: srv.URL, st: st}
	t.Cleanup(func() { // a failed test shows what the page said
		if t.Failed() {
			s.mu.Lock()
			defer s.mu.Unlock()
			for _, e := range s.errs {
				t.Logf("browser said: %s", e)
			}
		}
	})
	if err := chromedp.Do(ctx); err != nil { // starts the browser and opens the tab
		t.Fatalf("starting %s: %v", exe, err)
	}
	err := chromedp.Listen(ctx, func(ev any) {
		s.mu.Lock()
		defer s.mu.Unlock()
		switch ev := ev.(type) {
		case *network.EventRequestWillBeSent:
			s.urls = append(s.urls, ev.Request.URL)
		case *runtime.EventExceptionThrown:
			d := ev.ExceptionDetails
			msg := d.Text
			if d.Exception != nil {
				msg += " " + d.Exception.Description
			}
			s.errs = append(s.errs, "exception: "+msg)
		case *cdplog.EventEntryAdded:
			if e := ev.Entry; e.Level == cdplog.EntryLevelError || e.Level == cdplog.EntryLevelWarning {
				s.errs = append(s.errs, fmt.Sprintf("log %s: %s %s", e.Level, e.Text, e.URL))
			}
		case *runtime.EventConsoleAPICalled:
			if ev.Type == runtime.ConsoleAPICalledTypeError || ev.Type == runtime.ConsoleAPICalledTypeWarning {
				var parts []string
				for _, a := range ev.Args {
					parts = append(parts, strings.Trim(string(a.Value), `"`)+a.Description)
				}
				s.errs = append(s.errs, "console."+string(ev.Type)+": "+strings.Join(parts, " "))
			}
		}
	})
	if err != nil {
		t.Fatalf("listening to the tab: %v", err)
	}
	// The browser's own log (a failed resource load) and the page's warnings count as errors.
	if _, err := chromedp.Call(ctx, cdplog.Enable, cdp.Empty{}); err != nil {
		t.Fatalf("enabling the log: %v", err)
	}
	if w < 600 { // a phone: its viewport, device pixels and touch
		if _, err := chromedp.Call(ctx, emulation.SetDeviceMetricsOverride, emulation.SetDeviceMetricsOverrideParams{
			Width: int64(w), Height: int64(h), DeviceScaleFactor: 2, Mobile: true}); err != nil {
			t.Fatalf("emulating a phone: %v", err)
		}
	}
	return s
}

// checkRequests asserts that the page asked the hub only: every request went to the test
// server's origin, or was an inline data: or blob: URL.
func (s *session) checkRequests(t *testing.T) {
	t.Helper()
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.urls) < 3 {
		t.Errorf("only %d requests recorded: %v", len(s.urls), s.urls)
	}
	for _, u := range s.urls {
		if !strings.HasPrefix(u, s.base+"/") && !strings.HasPrefix(u, "data:") && !strings.HasPrefix(u, "blob:") {
			t.Errorf("the page requested %s, outside the hub", u)
		}
	}
	for _, e := range s.errs {
		t.Errorf("browser: %s", e)
	}
	t.Logf("%d requests, all to the hub (%s)", len(s.urls), s.base)
}

var listOnce sync.Once

func (s *session) screenshot(t *testing.T, name string) {
	t.Helper()
	png, err := chromedp.Run(s.ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	path := filepath.Join(artifactsDir(t), name)
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s", path)
	// The list of screenshots, one line each: file, test (started afresh by each test binary).
	list := filepath.Join(artifactsDir(t), "screenshots.txt")
	listOnce.Do(func() { _ = os.Remove(list) })
	if f, err := os.OpenFile(list, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644); err == nil {
		fmt.Fprintf(f, "%s\t%s\n", name, t.Name())
		_ = f.Close()
	}
}

// waitJS polls a JavaScript condition until it holds.
func waitJS(expr string) chromedp.Action[chromedp.Void] {
	poll := chromedp.Poll[any](expr, chromedp.WithPollingInterval(100*time.Millisecond), chromedp.WithPollingTimeout(30*time.Second))
	return func(ctx context.Context, t *chromedp.Target) (chromedp.Void, error) {
		_, err := poll(ctx, t)
		return chromedp.Void{}, err
	}
}

// do runs steps with a deadline of its own, so that a step that waits for ever fails
// alone and leaves time for a screenshot.
func (s *session) do(steps ...chromedp.Action[chromedp.Void]) error {
	ctx, cancel := context.WithTimeout(s.ctx, 40*time.Second)
	defer cancel()
	return chromedp.Do(ctx, steps...)
}

// idle waits until the explorer has no request in flight.
var idle = waitJS(`document.querySelector('.hub-explorer').dataset.busy === 'false'`)

func eval[T any](t *testing.T, s *session, expr string) T {
	t.Helper()
	v, err := chromedp.Run(s.ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		t.Fatalf("evaluating %s: %v", expr, err)
	}
	return v
}

func text(t *testing.T, s *session, id string) string {
	t.Helper()
	v, err := chromedp.Run(s.ctx, chromedp.Text(chromedp.ID(id)))
	if err != nil {
		t.Fatalf("text of #%s: %v", id, err)
	}
	return v
}

// TestE2EWorkbench loads the page, measures its load, runs an example query with one click
// and sees its result.
func TestE2EWorkbench(t *testing.T) {
	s := newSession(t)
	start := time.Now()
	err := s.do(
		chromedp.Navigate(s.base+"/"),
		chromedp.WaitVisible(chromedp.CSS(`.graphiql-container .graphiql-query-editor`)),
		chromedp.WaitVisible(chromedp.CSS(`button.hub-example`)),
	)
	if err != nil {
		t.Fatalf("loading the workbench: %v", err)
	}
	ready := time.Since(start)
	timing := eval[map[string]float64](t, s, `(() => { const n = performance.getEntriesByType('navigation')[0];
		return { domContentLoaded: n.domContentLoadedEventEnd, load: n.loadEventEnd, transfer: n.transferSize,
		         resources: performance.getEntriesByType('resource').reduce((a, r) => a + r.transferSize, 0) }; })()`)
	report := fmt.Sprintf("workbench load in headless chromium: DOMContentLoaded %.0f ms, load event %.0f ms, "+
		"GraphiQL and the examples visible %d ms after navigation started (measured by the test); %.0f bytes transferred\n",
		timing["domContentLoaded"], timing["load"], ready.Milliseconds(), timing["transfer"]+timing["resources"])
	t.Log(strings.TrimSpace(report))
	_ = os.WriteFile(filepath.Join(artifactsDir(t), "load-time.txt"), []byte(report), 0o644)

	if title, err := chromedp.Run(s.ctx, chromedp.Title()); err != nil || title != "Reform Hub — analyst workbench" {
		t.Errorf("title %q (err %v)", title, err)
	}
	// "Counts by kind": one click loads the example and runs it.
	err = s.do(
		chromedp.Click(`//button[contains(@class,"hub-example")][normalize-space()="Counts by kind"]`, chromedp.NodeVisible),
		waitJS(`(((document.querySelector('.result-window .CodeMirror') || {}).CodeMirror || { getValue: () => '' }).getValue()).includes('relationshipCounts')`),
	)
	if err != nil {
		s.screenshot(t, "workbench-failed.png")
		s.mu.Lock()
		t.Logf("browser errors: %v", s.errs)
		s.mu.Unlock()
		t.Fatalf("running the example: %v", err)
	}
	result := eval[string](t, s, `document.querySelector('.result-window .CodeMirror').CodeMirror.getValue()`)
	for _, want := range []string{`"entityCounts"`, `"Task"`, `"relationshipCounts"`} {
		if !strings.Contains(result, want) {
			t.Errorf("result lacks %s:\n%s", want, result)
		}
	}
	if query := eval[string](t, s, `document.querySelector('.graphiql-query-editor').innerText`); !strings.Contains(query, "CountsByKind") {
		t.Errorf("the editor does not hold the example: %s", query)
	}
	// The data version is shown next to the logo; "What changed since version N" asks for the
	// changes since N-1.
	if err := s.do(waitJS(`/^data version \d+$/.test((document.getElementById('hub-data-version') || {}).textContent || '')`)); err != nil {
		t.Errorf("no data version next to the logo: %v", err)
	} else {
		var n int
		if _, err := fmt.Sscanf(text(t, s, "hub-data-version"), "data version %d", &n); err != nil {
			t.Errorf("data version badge: %v", err)
		}
		err = s.do(
			chromedp.Click(`//button[contains(@class,"hub-example")][normalize-space()="What changed since version N"]`, chromedp.NodeVisible),
			waitJS(`(((document.querySelector('.result-window .CodeMirror') || {}).CodeMirror || { getValue: () => '' }).getValue()).includes('"changes"')`),
		)
		if err != nil {
			t.Errorf("running What changed since version N: %v", err)
		} else if vars := eval[string](t, s, `document.querySelector('.graphiql-editor-tool .CodeMirror').CodeMirror.getValue()`); !strings.Contains(vars, fmt.Sprintf(`"since": %d`, max(n-1, 0))) {
			t.Errorf("data version %d: the example's variables are %s", n, vars)
		}
		// Back to the counts for what follows.
		if err := s.do(chromedp.Click(`//button[contains(@class,"hub-example")][normalize-space()="Counts by kind"]`, chromedp.NodeVisible),
			waitJS(`(((document.querySelector('.result-window .CodeMirror') || {}).CodeMirror || { getValue: () => '' }).getValue()).includes('relationshipCounts')`)); err != nil {
			t.Fatalf("running Counts by kind again: %v", err)
		}
	}
	if err := s.do(waitJS(`!document.getElementById('export-csv').disabled && !document.getElementById('export-json').disabled`)); err != nil {
		t.Errorf("export buttons not enabled after a result: %v", err)
	}
	// What Export CSV and Export JSON download: the entity counts as a table, the whole result.
	// Every list, one row per item: the entity counts, then the relationship counts.
	csv := eval[string](t, s, `window.__hubExport('workbench', 'csv')`)
	lines := strings.Split(strings.TrimSpace(strings.TrimPrefix(csv, "\ufeff")), "\r\n")
	if len(lines) < 9 || lines[0] != "stats.entityCounts.type,stats.entityCounts.count,stats.relationshipCounts.type,stats.relationshipCounts.count" ||
		!strings.HasPrefix(lines[3], "Task,") || !strings.HasPrefix(lines[len(lines)-1], ",,") {
		t.Errorf("CSV export:\n%s", csv)
	}
	if js := eval[string](t, s, `window.__hubExport('workbench', 'json')`); !strings.Contains(js, `"relationshipCounts"`) {
		t.Errorf("JSON export: %.200s", js)
	}
	if err := s.do(chromedp.Click(chromedp.ID("export-csv")), chromedp.Click(chromedp.ID("export-json"))); err != nil {
		t.Errorf("pressing the export buttons: %v", err)
	}
	s.screenshot(t, "workbench.png")
	s.checkRequests(t)
}

// TestE2EExplorer searches an entity in Chinese, sees its neighborhood drawn with coloured
// nodes and labelled edges and its evidence, the evidence of an edge, and then the paths
// between two entities.
func TestE2EExplorer(t *testing.T) {
	s := newSession(t)
	const oilfield, co2 = "department/shengli-oilfield", "outcome/ccus-co2-stored-40"
	err := s.do(
		chromedp.Navigate(s.base+"/#explorer"),
		chromedp.WaitVisible(chromedp.ID(`explorer-search`)),
		chromedp.SendKeys(chromedp.ID(`explorer-search`), "胜利油田"),
		chromedp.Click(chromedp.ID(`explorer-search-button`)),
		chromedp.WaitVisible(chromedp.CSS(`#explorer-hits .hub-hit[data-id="`+oilfield+`"]`)),
		chromedp.Click(chromedp.CSS(`#explorer-hits .hub-hit[data-id="`+oilfield+`"]`)),
		waitJS(`window.__hubGraph && window.__hubGraph.nodes().length > 1 && (document.querySelector('#explorer-details') || {}).innerText?.includes('`+oilfield+`')`),
	)
	if err != nil {
		t.Fatalf("searching and opening an entity: %v", err)
	}
	nodes := eval[int](t, s, `window.__hubGraph.nodes().length`)
	edges := eval[int](t, s, `window.__hubGraph.edges().filter(e => /^[A-Z_]+$/.test(e.data('type'))).length`)
	colours := eval[[]string](t, s, `[...new Set(window.__hubGraph.nodes().map(n => n.style('background-color')))]`)
	if nodes < 2 || edges < 1 || len(colours) < 2 {
		t.Errorf("neighborhood drawn with %d nodes, %d labelled edges, %d colours", nodes, edges, len(colours))
	}
	details := text(t, s, "explorer-details")
	if !strings.Contains(details, "胜利油田") || !strings.Contains(details, "paragraph") {
		t.Errorf("details panel lacks the entity or its evidence:\n%s", details)
	}
	t.Logf("neighborhood of %s: %d nodes, %d edges, %d colours", oilfield, nodes, edges, len(colours))
	s.screenshot(t, "explorer-neighborhood.png")

	// An edge's evidence (a tap on the graph element), then expanding a neighbour.
	err = s.do(
		chromedp.Evaluate[chromedp.Void](`void window.__hubGraph.edges()[0].emit('tap')`),
		waitJS(`/^[A-Z_]+/.test((document.querySelector('#explorer-details h3') || {}).innerText || '')`),
	)
	if err != nil {
		t.Fatalf("an edge's evidence: %v", err)
	}
	if d := text(t, s, "explorer-details"); !strings.Contains(d, "Evidence") || !strings.Contains(d, "→") {
		t.Errorf("edge details: %s", d)
	}
	before := nodes
	err = s.do(
		chromedp.Evaluate[chromedp.Void](`void window.__hubGraph.nodes().not('.centre')[0].emit('tap')`),
		waitJS(`!!document.getElementById('node-expand')`),
		chromedp.Click(chromedp.ID(`node-expand`)),
		waitJS(`window.__hubGraph.nodes().length > `+fmt.Sprint(before)+` && document.querySelector('.hub-explorer').dataset.busy === 'false'`),
	)
	if err != nil {
		t.Fatalf("expanding a node: %v", err)
	}

	// Paths from the oilfield to the CO2 it stored.
	err = s.do(
		chromedp.Evaluate[chromedp.Void](`void window.__hubGraph.getElementById('`+oilfield+`').emit('tap')`),
		waitJS(`(document.querySelector('#explorer-details') || {}).innerText?.includes('`+oilfield+`')`),
		chromedp.Click(chromedp.ID(`node-from`)),
		idle,
		// Empty the React-controlled search box the way typing would.
		chromedp.Evaluate[chromedp.Void](`void (() => { const i = document.getElementById('explorer-search');
			Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set.call(i, '');
			i.dispatchEvent(new Event('input', { bubbles: true })); })()`),
		chromedp.SendKeys(chromedp.ID(`explorer-search`), "二氧化碳"),
		chromedp.Click(chromedp.ID(`explorer-search-button`)),
		chromedp.WaitVisible(chromedp.CSS(`#explorer-hits .hub-hit[data-id="`+co2+`"]`)),
		chromedp.Click(chromedp.CSS(`#explorer-hits .hub-hit[data-id="`+co2+`"]`)),
		waitJS(`(document.querySelector('#explorer-details') || {}).innerText?.includes('`+co2+`')`),
		chromedp.Click(chromedp.ID(`node-to`)),
		chromedp.Click(chromedp.ID(`path-show`)),
		waitJS(`/path/.test(document.getElementById('explorer-status').innerText) && !/Pick one/.test(document.getElementById('explorer-status').innerText)`),
	)
	if err != nil {
		s.screenshot(t, "explorer-failed.png")
		t.Fatalf("paths between two entities: %v (status %q)", err, eval[string](t, s, `document.getElementById('explorer-status').innerText`))
	}
	status := text(t, s, "explorer-status")
	if !strings.Contains(status, "shortest path") {
		t.Errorf("status after Show paths: %q", status)
	}
	if !eval[bool](t, s, `window.__hubGraph.getElementById('`+oilfield+`').nonempty() && window.__hubGraph.getElementById('`+co2+`').nonempty()`) {
		t.Errorf("the path graph lacks its ends; status %q", status)
	}
	t.Log(status)
	csv := eval[string](t, s, `window.__hubExport('explorer', 'csv')`)
	if !strings.HasPrefix(csv, "\ufeffelement,id,type,name,nameEn,from,fromName,to,toName,implied,document,paragraph,quote") ||
		!strings.Contains(csv, "node,"+oilfield+",Department,") || !strings.Contains(csv, "relationship,") {
		t.Errorf("explorer CSV export:\n%s", csv)
	}
	if js := eval[string](t, s, `window.__hubExport('explorer', 'json')`); !strings.Contains(js, `"view": "paths"`) || !strings.Contains(js, co2) {
		t.Errorf("explorer JSON export: %.300s", js)
	}
	s.screenshot(t, "explorer-paths.png")
	s.checkRequests(t)
}

// TestE2EDataChanged opens the workbench, syncs a small extra dataset while the page is open
// and sees the badge next to the logo show the new version, marked new, without any request of
// the page's own: the hub's /events stream announced it. Unloading the dataset makes one more
// version, which the badge follows too.
func TestE2EDataChanged(t *testing.T) {
	s := newSession(t)
	if err := s.do(chromedp.Navigate(s.base+"/"),
		waitJS(`/^data version \d+$/.test((document.getElementById('hub-data-version') || {}).textContent || '')`)); err != nil {
		t.Fatalf("loading the workbench: %v", err)
	}
	var n int
	if _, err := fmt.Sscanf(text(t, s, "hub-data-version"), "data version %d", &n); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for name, body := range map[string]string{
		loader.ManifestFile: "format: reformhub/v1\nid: e2e-extra-synthetic\ntitle: An extra dataset (synthetic)\n" +
			"documents:\n  - {id: doc/e2e-extra, title: Extra, paragraphs: 2}\nfiles: [a.yaml]\n",
		"a.yaml": "document: doc/e2e-extra\nentities:\n  - {id: task/e2e-extra, type: Task, name: 额外任务, sources: [{para: 1, quote: 额外任务}]}\n",
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	ds, err := loader.Parse(dir)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	s.mu.Lock()
	requests := len(s.urls)
	s.mu.Unlock()
	if _, err := loader.Load(ctx, ds, s.st, loader.Options{}); err != nil {
		t.Fatal(err)
	}
	unloaded := false
	t.Cleanup(func() {
		if !unloaded {
			_, _ = loader.Unload(context.Background(), ds.ID, s.st, loader.Options{})
		}
	})
	want := fmt.Sprintf("data version %d — new", n+1)
	if err := s.do(waitJS(fmt.Sprintf(`(document.getElementById('hub-data-version') || {}).textContent === %q`, want))); err != nil {
		s.screenshot(t, "data-changed-failed.png")
		t.Fatalf("after a sync the badge says %q, want %q: %v", text(t, s, "hub-data-version"), want, err)
	}
	s.mu.Lock()
	if len(s.urls) != requests {
		t.Errorf("the page made %d requests to learn of the new version (%v); /events alone should tell it", len(s.urls)-requests, s.urls[requests:])
	}
	s.mu.Unlock()
	s.screenshot(t, "workbench-data-changed.png")
	if _, err := loader.Unload(ctx, ds.ID, s.st, loader.Options{}); err != nil {
		t.Fatal(err)
	}
	unloaded = true
	want = fmt.Sprintf("data version %d — new", n+2)
	if err := s.do(waitJS(fmt.Sprintf(`(document.getElementById('hub-data-version') || {}).textContent === %q`, want))); err != nil {
		t.Errorf("after the unload the badge says %q, want %q: %v", text(t, s, "hub-data-version"), want, err)
	}
	s.checkRequests(t)
}
