package web_test

// Browser tests of issue 20: each numbered defect of the issue has a test here that failed
// before its fix, and the results table, exports, links, graph steering, charts and the
// phone layout each have one. Helpers (session, waitJS, eval, …) are in e2e_test.go.

import (
	"encoding/json"
	"fmt"
	"net/url"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// setQuery puts a query (and variables) in GraphiQL's editors the way typing would, waits for
// GraphiQL to read the operation, and presses the run button.
func setQuery(query, variables string) chromedp.Action[chromedp.Void] {
	q, _ := json.Marshal(query)
	v, _ := json.Marshal(variables)
	return chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`void (() => {
		document.querySelector('.graphiql-query-editor .CodeMirror').CodeMirror.setValue(%s);
		document.querySelector('.graphiql-editor-tool .CodeMirror, [aria-label="Variables"] .CodeMirror') &&
		  document.querySelector('.graphiql-editor-tool .CodeMirror, [aria-label="Variables"] .CodeMirror').CodeMirror.setValue(%s);
	})()`, q, v))
}

var runButton = chromedp.Click(`.graphiql-execute-button`, chromedp.NodeVisible)

func sleep(d time.Duration) chromedp.Action[chromedp.Void] {
	return chromedp.Sleep(d)
}

// example clicks the example with that title.
func example(title string) chromedp.Action[chromedp.Void] {
	return chromedp.Click(`//button[contains(@class,"hub-example")][normalize-space()="`+title+`"]`, chromedp.NodeVisible)
}

// resultText is the whole response in GraphiQL's result pane (its CodeMirror draws only the
// lines in view).
const resultText = `(((document.querySelector('.result-window .CodeMirror') || {}).CodeMirror || { getValue: () => '' }).getValue())`

func openWorkbench(t *testing.T, s *session, path string) {
	t.Helper()
	if err := s.do(
		chromedp.Navigate(s.base+path),
		chromedp.WaitVisible(chromedp.CSS(`.graphiql-container .graphiql-query-editor`)),
		chromedp.WaitVisible(chromedp.CSS(`button.hub-example`)),
	); err != nil {
		t.Fatalf("loading the workbench: %v", err)
	}
}

// Defect 1: a second example runs its own operation.
func TestE2ESecondExampleRuns(t *testing.T) {
	s := newSession(t)
	openWorkbench(t, s, "/")
	err := s.do(
		example("What the pilots achieved"),
		waitJS(resultText+`.includes('"pilotPrograms"')`),
		example("Paths between two entities"),
		waitJS(resultText+`.includes('"paths"') || `+resultText+`.includes('not found')`),
	)
	if err != nil {
		t.Fatalf("running two examples: %v", err)
	}
	if r := eval[string](t, s, resultText); !strings.Contains(r, `"paths"`) || strings.Contains(r, "not found") {
		t.Errorf("the second example's result: %.300s", r)
	}
	s.checkRequests(t)
}

// Defect 2: the workbench opened after the explorer shows its editors.
func TestE2EWorkbenchAfterExplorer(t *testing.T) {
	s := newSession(t)
	err := s.do(
		chromedp.Navigate(s.base+"/#explorer"),
		chromedp.WaitVisible(chromedp.ID(`explorer-search`)),
		sleep(500*time.Millisecond),
		chromedp.Click(chromedp.ID(`tab-workbench`)),
		chromedp.WaitVisible(chromedp.CSS(`.graphiql-query-editor`)),
		sleep(500*time.Millisecond),
	)
	if err != nil {
		t.Fatal(err)
	}
	code := eval[string](t, s, `document.querySelector('.graphiql-query-editor .CodeMirror-code').innerText`)
	if !strings.Contains(code, "stats") {
		t.Errorf("the query editor shows %q, not the default query", code)
	}
	// Line numbers one under the other, not piled up.
	tops := eval[[]float64](t, s, `[...document.querySelectorAll('.graphiql-query-editor .CodeMirror-linenumber')].slice(0, 3).map(e => e.getBoundingClientRect().top)`)
	if len(tops) < 3 || !(tops[0] < tops[1] && tops[1] < tops[2]) {
		t.Errorf("line numbers at %v", tops)
	}
	s.screenshot(t, "workbench-after-explorer.png")
	s.checkRequests(t)
}

// Defect 3: the export follows the GraphiQL tab on screen.
func TestE2EExportFollowsTab(t *testing.T) {
	s := newSession(t)
	openWorkbench(t, s, "/")
	err := s.do(
		example("Honours the city won"),
		waitJS(resultText+`.includes('"outcomes"')`),
		chromedp.Click(`.graphiql-tab-add`, chromedp.NodeVisible),
		sleep(300*time.Millisecond),
		setQuery(`query Leaders { leaders { id name } }`, ``),
		sleep(300*time.Millisecond),
		runButton,
		waitJS(resultText+`.includes('"leaders"')`),
		waitJS(`(window.__hubExport('workbench', 'csv') || '').includes('leader/')`),
		chromedp.Click(`(//*[contains(@class,"graphiql-tab")]//button[contains(@class,"graphiql-tab-button")])[1]`, chromedp.NodeVisible),
		waitJS(resultText+`.includes('"outcomes"')`),
		sleep(300*time.Millisecond),
	)
	if err != nil {
		s.screenshot(t, "export-tab-failed.png")
		t.Fatal(err)
	}
	csv := eval[string](t, s, `window.__hubExport('workbench', 'csv')`)
	if strings.Contains(csv, "leader/") || !strings.Contains(csv, "outcome/") {
		t.Errorf("tab 1 (Honours) exports:\n%.400s", csv)
	}
	s.checkRequests(t)
}

// Defect 4: CSV with a BOM, one row per innermost item, every list, no export after an error,
// and the explorer's evidence with document and names.
func TestE2ECSVExport(t *testing.T) {
	s := newSession(t)
	openWorkbench(t, s, "/")
	if err := s.do(example("Counts by kind"), waitJS(resultText+`.includes('relationshipCounts')`),
		waitJS(`(window.__hubExport('workbench', 'csv') || '').includes('relationshipCounts')`)); err != nil {
		t.Fatal(err)
	}
	csv := eval[string](t, s, `window.__hubExport('workbench', 'csv')`)
	if !strings.HasPrefix(csv, "\ufeff") {
		t.Errorf("CSV without a UTF-8 BOM: %q", csv[:min(20, len(csv))])
	}
	if !strings.Contains(csv, "relationshipCounts") || !strings.Contains(csv, "LEADS") || !strings.Contains(csv, "Task") {
		t.Errorf("CSV lacks a list:\n%s", csv)
	}
	if err := s.do(example("What the pilots achieved"), waitJS(resultText+`.includes('"pilotPrograms"')`),
		waitJS(`(window.__hubExport('workbench', 'csv') || '').includes('pilotPrograms.name')`)); err != nil {
		t.Fatal(err)
	}
	csv = eval[string](t, s, `window.__hubExport('workbench', 'csv')`)
	lines := strings.Split(strings.TrimSpace(strings.TrimPrefix(csv, "\ufeff")), "\r\n")
	pilots := eval[int](t, s, `JSON.parse(document.querySelector('.result-window .CodeMirror').CodeMirror.getValue()).data.pilotPrograms.length`)
	if strings.Contains(csv, `[{`) || len(lines)-1 <= pilots || !strings.Contains(lines[0], "outcomes.sources.quote") || !strings.Contains(lines[0], "pilotPrograms.name") {
		t.Errorf("nested lists not flattened to rows (%d lines):\n%.600s", len(lines), csv)
	}
	// After an error there is nothing to export.
	if err := s.do(setQuery(`{ nosuchfield }`, ``), sleep(300*time.Millisecond), runButton, waitJS(resultText+`.includes('nosuchfield')`),
		waitJS(`document.getElementById('export-csv').disabled`)); err != nil {
		t.Fatal(err)
	}
	if !eval[bool](t, s, `document.getElementById('export-csv').disabled && window.__hubExport('workbench', 'csv') === null`) {
		t.Errorf("export enabled after an error: %q", eval[string](t, s, `String(window.__hubExport('workbench', 'csv'))`))
	}
	// The explorer's CSV: names of the ends, the evidence's document and paragraph.
	err := s.do(
		chromedp.Click(chromedp.ID(`tab-explorer`)),
		chromedp.SendKeys(chromedp.ID(`explorer-search`), "胜利油田"),
		chromedp.Click(chromedp.ID(`explorer-search-button`)),
		chromedp.WaitVisible(chromedp.CSS(`#explorer-hits .hub-hit[data-id="department/shengli-oilfield"]`)),
		chromedp.Click(chromedp.CSS(`#explorer-hits .hub-hit[data-id="department/shengli-oilfield"]`)),
		waitJS(`window.__hubGraph.nodes().length > 1`), idle,
	)
	if err != nil {
		t.Fatal(err)
	}
	csv = eval[string](t, s, `window.__hubExport('explorer', 'csv')`)
	head := strings.SplitN(strings.TrimPrefix(csv, "\ufeff"), "\r\n", 2)[0]
	for _, col := range []string{"fromName", "toName", "document", "paragraph", "quote"} {
		if !strings.Contains(head, col) {
			t.Errorf("explorer CSV header %q lacks %s", head, col)
		}
	}
	if !strings.Contains(csv, "胜利油田") || !strings.Contains(csv, "东营市全面深化改革工作综述") && !strings.Contains(csv, "2021") {
		t.Errorf("explorer CSV lacks names or documents:\n%.600s", csv)
	}
	s.checkRequests(t)
}

// openEntity searches q in the explorer and opens the hit with id.
func openEntity(q, id string) []chromedp.Action[chromedp.Void] {
	return []chromedp.Action[chromedp.Void]{
		chromedp.Evaluate[chromedp.Void](`void (() => { const i = document.getElementById('explorer-search');
			Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set.call(i, '');
			i.dispatchEvent(new Event('input', { bubbles: true })); })()`),
		chromedp.SendKeys(chromedp.ID(`explorer-search`), q),
		chromedp.Click(chromedp.ID(`explorer-search-button`)),
		chromedp.WaitVisible(chromedp.CSS(`#explorer-hits .hub-hit[data-id="` + id + `"]`)),
		chromedp.Click(chromedp.CSS(`#explorer-hits .hub-hit[data-id="` + id + `"]`)),
		waitJS(`window.__hubGraph.getElementById('` + id + `').nonempty() && (document.querySelector('#explorer-details') || {}).innerText?.includes('` + id + `')`),
		idle,
	}
}

func steps(groups ...[]chromedp.Action[chromedp.Void]) []chromedp.Action[chromedp.Void] {
	var out []chromedp.Action[chromedp.Void]
	for _, g := range groups {
		out = append(out, g...)
	}
	return out
}

func acts(a ...chromedp.Action[chromedp.Void]) []chromedp.Action[chromedp.Void] { return a }

// Defect 5: a path search that finds nothing keeps the graph and says so where it is seen.
func TestE2EPathNotFoundKeepsGraph(t *testing.T) {
	s := newSession(t)
	const city, mfa = "department/dongying-city", "department/ministry-of-foreign-affairs"
	err := s.do(steps(
		acts(chromedp.Navigate(s.base+"/#explorer"), chromedp.WaitVisible(chromedp.ID(`explorer-search`))),
		openEntity("外交部", mfa),
		acts(chromedp.Click(chromedp.ID(`node-to`))),
		openEntity("东营市", city),
		acts(chromedp.Click(chromedp.ID(`node-from`))),
	)...)
	if err != nil {
		t.Fatal(err)
	}
	before := eval[int](t, s, `window.__hubGraph.nodes().length`)
	if err := s.do(chromedp.Click(chromedp.ID(`path-show`)), idle, waitJS(`!!document.getElementById('graph-notice')`)); err != nil {
		t.Fatalf("no notice after an empty path search: %v", err)
	}
	if after := eval[int](t, s, `window.__hubGraph.nodes().length`); after != before {
		t.Errorf("the graph went from %d to %d nodes after a path search that found nothing", before, after)
	}
	notice := eval[string](t, s, `document.getElementById('graph-notice').innerText`)
	inView := eval[bool](t, s, `(() => { const r = document.getElementById('graph-notice').getBoundingClientRect();
		return r.top >= 0 && r.bottom <= innerHeight && r.left >= 0 && r.right <= innerWidth && r.height > 0; })()`)
	if !strings.Contains(notice, "No path") || !inView {
		t.Errorf("notice %q in view: %v", notice, inView)
	}
	s.screenshot(t, "explorer-no-path.png")
	s.checkRequests(t)
}

// Defect 6: a busy neighbourhood stays readable and can be steered: labels few and legible,
// a wheel notch zooms visibly, zoom buttons, hiding a node and undoing it, type filters from
// the legend, layouts.
func TestE2EBusyNodeIsReadable(t *testing.T) {
	s := newSession(t)
	const city = "department/dongying-city"
	err := s.do(steps(
		acts(chromedp.Navigate(s.base+"/#explorer"), chromedp.WaitVisible(chromedp.ID(`explorer-search`))),
		openEntity("东营市", city),
	)...)
	if err != nil {
		t.Fatal(err)
	}
	n := eval[int](t, s, `window.__hubGraph.nodes(':visible').length`)
	labelled := eval[[]float64](t, s, `window.__hubGraph.nodes(':visible').filter(n => n.style('label') && n.style('text-opacity') !== '0' && n.style('label').trim() !== '').map(n => parseFloat(n.style('font-size')) * window.__hubGraph.zoom())`)
	if n < 50 {
		t.Fatalf("the city's neighbourhood has %d nodes; the test wants a busy one", n)
	}
	if len(labelled) == 0 || len(labelled) > 35 {
		t.Errorf("%d of %d nodes labelled; want a readable few (quiet %d, page error %q)", len(labelled), n,
			eval[int](t, s, `window.__hubGraph.nodes('.quiet').length`), eval[string](t, s, `(document.querySelector('.hub-error') || {}).innerText || ''`))
	}
	for _, px := range labelled {
		if px < 10 {
			t.Errorf("a label drawn %.1f px high", px)
			break
		}
	}
	s.screenshot(t, "explorer-busy-node.png")
	// One wheel notch zooms by at least 5 %.
	z0 := eval[float64](t, s, `window.__hubGraph.zoom()`)
	err = s.do(chromedp.Evaluate[chromedp.Void](`void (() => { const c = document.querySelector('#explorer-graph canvas:last-child') || document.querySelector('#explorer-graph');
		const r = c.getBoundingClientRect();
		c.dispatchEvent(new WheelEvent('wheel', { deltaY: -100, deltaMode: 0, clientX: r.left + r.width / 2, clientY: r.top + r.height / 2, bubbles: true, cancelable: true })); })()`),
		sleep(300*time.Millisecond))
	if err != nil {
		t.Fatal(err)
	}
	if z1 := eval[float64](t, s, `window.__hubGraph.zoom()`); z1 < z0*1.05 {
		t.Errorf("one wheel notch zoomed from %.3f to %.3f", z0, z1)
	}
	z1 := eval[float64](t, s, `window.__hubGraph.zoom()`)
	if err := s.do(chromedp.Click(chromedp.ID(`graph-zoom-in`)), sleep(300*time.Millisecond)); err != nil {
		t.Fatal(err)
	}
	if z2 := eval[float64](t, s, `window.__hubGraph.zoom()`); z2 <= z1 {
		t.Errorf("zoom-in button: %.3f -> %.3f", z1, z2)
	}
	if err := s.do(chromedp.Click(chromedp.ID(`graph-fit`)), sleep(300*time.Millisecond)); err != nil {
		t.Fatal(err)
	}
	// Hide a node, then undo.
	visible := eval[int](t, s, `window.__hubGraph.nodes(':visible').length`)
	err = s.do(
		chromedp.Evaluate[chromedp.Void](`void window.__hubGraph.nodes().not('.centre')[0].emit('tap')`),
		waitJS(`!!document.getElementById('node-hide')`), idle,
		chromedp.Click(chromedp.ID(`node-hide`)),
		waitJS(fmt.Sprintf(`window.__hubGraph.nodes(':visible').length === %d`, visible-1)),
		chromedp.Click(chromedp.ID(`graph-undo`)),
		waitJS(fmt.Sprintf(`window.__hubGraph.nodes(':visible').length === %d`, visible)),
	)
	if err != nil {
		t.Errorf("hide and undo: %v (visible %d)", err, eval[int](t, s, `window.__hubGraph.nodes(':visible').length`))
	}
	// Hide an entity type from the legend, and show it again.
	outcomes := eval[int](t, s, `window.__hubGraph.nodes('[type = "Outcome"]:visible').length`)
	err = s.do(
		chromedp.Click(chromedp.CSS(`input[data-legend-type="Outcome"]`)),
		waitJS(`window.__hubGraph.nodes('[type = "Outcome"]:visible').length === 0`),
		chromedp.Click(chromedp.CSS(`input[data-legend-type="Outcome"]`)),
		waitJS(fmt.Sprintf(`window.__hubGraph.nodes('[type = "Outcome"]:visible').length === %d`, outcomes)),
	)
	if err != nil || outcomes == 0 {
		t.Errorf("legend type filter (%d outcomes): %v", outcomes, err)
	}
	// Hide a relationship type from the legend.
	err = s.do(
		chromedp.Click(chromedp.CSS(`input[data-legend-rel]`)),
		waitJS(`(() => { const t = document.querySelector('input[data-legend-rel]').dataset.legendRel;
			return window.__hubGraph.edges('[type = "' + t + '"]:visible').length === 0; })()`),
	)
	if err != nil {
		t.Errorf("legend relationship filter: %v", err)
	}
	// Another layout.
	if err := s.do(chromedp.SetValue(chromedp.CSS(`#graph-layout`), "concentric"),
		chromedp.Evaluate[chromedp.Void](`void document.getElementById('graph-layout').dispatchEvent(new Event('change', { bubbles: true }))`),
		waitJS(`document.querySelector('.hub-explorer').dataset.layout === 'concentric'`)); err != nil {
		t.Errorf("layout: %v", err)
	}
	s.checkRequests(t)
}

// Defect 7: the search box finds one character and a prefix, shows the total and more, and an
// error clears the previous count.
func TestE2ESearchBox(t *testing.T) {
	s := newSession(t)
	search := func(q string) []chromedp.Action[chromedp.Void] {
		qj, _ := json.Marshal(q)
		return acts(chromedp.Evaluate[chromedp.Void](`void (() => { const i = document.getElementById('explorer-search');
			Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set.call(i, `+string(qj)+`);
			i.dispatchEvent(new Event('input', { bubbles: true })); })()`),
			chromedp.Click(chromedp.ID(`explorer-search-button`)), sleep(200*time.Millisecond), idle)
	}
	status := func() string { return eval[string](t, s, `document.getElementById('explorer-status').innerText`) }
	hits := func() int { return eval[int](t, s, `document.querySelectorAll('#explorer-hits .hub-hit').length`) }
	if err := s.do(steps(acts(chromedp.Navigate(s.base+"/#explorer"), chromedp.WaitVisible(chromedp.ID(`explorer-search`))), search("碳"))...); err != nil {
		t.Fatal(err)
	}
	if hits() == 0 {
		t.Errorf("碳 finds nothing: %q", status())
	}
	if err := s.do(search("ccu")...); err != nil {
		t.Fatal(err)
	}
	if first := eval[string](t, s, `(document.querySelector('#explorer-hits .hub-hit') || {dataset: {}}).dataset.id || ''`); first != "task/ccus-rd" {
		t.Errorf("ccu: first hit %q (%s)", first, status())
	}
	if err := s.do(search("改")...); err != nil {
		t.Fatal(err)
	}
	st, n := status(), hits()
	if n != 20 || !strings.Contains(st, "of ") || !eval[bool](t, s, `!!document.getElementById('explorer-more')`) {
		t.Errorf("改: %d hits shown, status %q, more button %v", n, st, eval[bool](t, s, `!!document.getElementById('explorer-more')`))
	}
	if err := s.do(chromedp.Click(chromedp.ID(`explorer-more`)), sleep(200*time.Millisecond), idle); err != nil {
		t.Fatal(err)
	}
	if m := hits(); m <= n {
		t.Errorf("more: %d hits after %d", m, n)
	}
	if err := s.do(search(strings.Repeat("改革", 101))...); err != nil {
		t.Fatal(err)
	}
	if st := status(); strings.Contains(st, "hits") || strings.Contains(st, " of ") || hits() != 0 {
		t.Errorf("after an over-long query the status is %q with %d hits", st, hits())
	}
	s.checkRequests(t)
}

// Defect 9: long lines stay left of the toolbar, empty canvas clears the selection, the
// legend explains dashed edges, paths are listed and stepped through one at a time, and the
// explorer plugin does not fill in 1.5.
func TestE2EExplorerDetailsAndPaths(t *testing.T) {
	s := newSession(t)
	const oilfield, co2 = "department/shengli-oilfield", "outcome/ccus-co2-stored-40"
	err := s.do(steps(
		acts(chromedp.Navigate(s.base+"/#explorer"), chromedp.WaitVisible(chromedp.ID(`explorer-search`))),
		openEntity("封存二氧化碳", co2),
		acts(chromedp.Click(chromedp.ID(`node-to`))),
		openEntity("胜利油田", oilfield),
		acts(chromedp.Click(chromedp.ID(`node-from`))),
	)...)
	if err != nil {
		t.Fatal(err)
	}
	legend := eval[string](t, s, `document.querySelector('.hub-legend-wrap').innerText`)
	if !strings.Contains(legend, "implied") {
		t.Errorf("legend without dashed (implied) edges: %q", legend)
	}
	// A tap on the empty canvas clears the selection.
	err = s.do(chromedp.Evaluate[chromedp.Void](`void window.__hubGraph.emit('tap')`), sleep(200*time.Millisecond),
		waitJS(`!document.getElementById('explorer-details')`))
	if err != nil {
		t.Errorf("a tap on the canvas kept the selection: %v", err)
	}
	err = s.do(chromedp.Click(chromedp.ID(`path-show`)), idle, waitJS(`document.querySelectorAll('#path-list li').length > 0`))
	if err != nil {
		t.Fatalf("paths: %v", err)
	}
	n := eval[int](t, s, `document.querySelectorAll('#path-list li').length`)
	onScreen := eval[int](t, s, `window.__hubGraph.edges(':visible').length`)
	first := eval[int](t, s, `window.__hubGraph.edges(':visible').length`)
	if n > 1 {
		if err := s.do(chromedp.Click(chromedp.ID(`path-next`)), sleep(200*time.Millisecond)); err != nil {
			t.Fatal(err)
		}
		if cur := eval[string](t, s, `document.getElementById('path-current').innerText`); !strings.HasPrefix(cur, "2") {
			t.Errorf("after Next the current path is %q", cur)
		}
	}
	length := eval[int](t, s, `Number(document.querySelector('#path-list li').dataset.length)`)
	if first != length {
		t.Errorf("one path of %d hops on screen shows %d edges (%d paths)", length, onScreen, n)
	}
	s.screenshot(t, "explorer-path-steps.png")
	// Edge labels do not sit on node labels: in a busy graph edges are unlabelled until chosen.
	if err := s.do(openEntity("东营市", "department/dongying-city")...); err != nil {
		t.Fatal(err)
	}
	if l := eval[int](t, s, `window.__hubGraph.edges(':visible').filter(e => e.style('label') !== '' && e.style('text-opacity') !== '0').length`); l > 10 {
		t.Errorf("%d edge labels drawn in a busy graph", l)
	}
	// The workbench: long lines wrap or scroll left of the toolbar; the explorer plugin's
	// default Float is not 1.5.
	err = s.do(chromedp.Click(chromedp.ID(`tab-workbench`)), chromedp.WaitVisible(chromedp.CSS(`.graphiql-query-editor`)),
		setQuery(`{ tasks(where: { name: { contains: "`+strings.Repeat("改革", 60)+`" } }) { id name } }`, ``), sleep(300*time.Millisecond))
	if err != nil {
		t.Fatal(err)
	}
	if !eval[bool](t, s, `(() => { const tb = document.querySelector('.graphiql-toolbar').getBoundingClientRect();
		const sc = document.querySelector('.graphiql-query-editor .CodeMirror').getBoundingClientRect();
		return sc.right <= tb.left + 1; })()`) {
		t.Error("the query editor runs under the toolbar")
	}
	if v := eval[string](t, s, `String(window.__hubExplorerDefault({ name: 'Float' }))`); v == "1.5" {
		t.Errorf("the explorer plugin fills Float with %s", v)
	}
	s.checkRequests(t)
}

// Defect 10: no console warnings and no failed resources, even for a query with errors.
func TestE2EConsoleClean(t *testing.T) {
	s := newSession(t)
	openWorkbench(t, s, "/")
	err := s.do(setQuery(`query Broken { nosuchfield }`, ``), sleep(300*time.Millisecond), runButton,
		waitJS(resultText+`.includes('nosuchfield')`),
		chromedp.Click(chromedp.ID(`tab-explorer`)), chromedp.WaitVisible(chromedp.ID(`explorer-search`)), sleep(500*time.Millisecond))
	if err != nil {
		t.Fatal(err)
	}
	s.checkRequests(t) // fails on any console warning, error or failed resource
}

// The results table: rows of the innermost items, sortable, filterable, and the export is
// what is on screen.
func TestE2EResultsTable(t *testing.T) {
	s := newSession(t)
	openWorkbench(t, s, "/")
	if err := s.do(example("What the pilots achieved"), waitJS(resultText+`.includes('"pilotPrograms"')`), waitJS(`!!document.querySelector('#results-table tbody tr')`)); err != nil {
		t.Fatal(err)
	}
	rows := eval[int](t, s, `document.querySelectorAll('#results-table tbody tr').length`)
	cols := eval[[]string](t, s, `[...document.querySelectorAll('#results-table thead th')].map(th => th.dataset.col)`)
	pilots := eval[int](t, s, `JSON.parse(document.querySelector('.result-window .CodeMirror').CodeMirror.getValue()).data.pilotPrograms.length`)
	if rows <= pilots || !strings.Contains(strings.Join(cols, " "), "outcomes.name") {
		t.Errorf("table: %d rows, columns %v", rows, cols)
	}
	// Sort by a column: ascending on the first click, descending on the second.
	const th = `#results-table thead th[data-col="pilotPrograms.outcomes.value"]`
	const cells = `[...document.querySelectorAll('#results-table tbody tr')].map(tr => tr.querySelector('td[data-col="pilotPrograms.outcomes.value"]').innerText).filter(x => x !== '').map(Number)`
	if err := s.do(chromedp.Click(chromedp.CSS(th)), sleep(200*time.Millisecond)); err != nil {
		t.Fatal(err)
	}
	asc := eval[[]float64](t, s, cells)
	if err := s.do(chromedp.Click(chromedp.CSS(th)), sleep(200*time.Millisecond)); err != nil {
		t.Fatal(err)
	}
	desc := eval[[]float64](t, s, cells)
	if len(asc) < 2 || len(asc) != len(desc) {
		t.Errorf("sorted values: %v then %v", asc, desc)
	}
	for i := 1; i < len(asc); i++ {
		if asc[i] < asc[i-1] || desc[i] > desc[i-1] {
			t.Errorf("not sorted: ascending %v, descending %v", asc, desc)
			break
		}
	}
	// Filter, and export what is shown.
	err := s.do(chromedp.SendKeys(chromedp.ID(`results-filter`), "生态"), sleep(300*time.Millisecond))
	if err != nil {
		t.Fatal(err)
	}
	shown := eval[int](t, s, `document.querySelectorAll('#results-table tbody tr').length`)
	csv := eval[string](t, s, `window.__hubExport('workbench', 'csv')`)
	lines := strings.Split(strings.TrimSpace(strings.TrimPrefix(csv, "\ufeff")), "\r\n")
	if shown == 0 || shown >= rows || len(lines)-1 != shown {
		t.Errorf("filter shows %d of %d rows; the CSV holds %d", shown, rows, len(lines)-1)
	}
	s.screenshot(t, "workbench-table.png")
	s.checkRequests(t)
}

// Links: the query and variables, and the explorer's state, live in the URL; opening the URL
// reproduces the view. Saved queries are named, exported and imported.
func TestE2ELinks(t *testing.T) {
	s := newSession(t)
	openWorkbench(t, s, "/")
	if err := s.do(example("Search (Chinese)"), waitJS(resultText+`.includes('"search"')`), sleep(500*time.Millisecond)); err != nil {
		t.Fatal(err)
	}
	link := eval[string](t, s, `location.href`)
	u, err := url.Parse(link)
	if err != nil {
		t.Fatal(err)
	}
	frag, _ := url.ParseQuery(strings.TrimPrefix(u.Fragment, "workbench?"))
	if !strings.Contains(frag.Get("query"), "SearchReform") || !strings.Contains(frag.Get("variables"), "改革") {
		t.Errorf("the URL does not hold the query and variables: %s", link)
	}
	// Explorer state.
	err = s.do(steps(
		acts(chromedp.Click(chromedp.ID(`tab-explorer`)), chromedp.WaitVisible(chromedp.ID(`explorer-search`))),
		openEntity("胜利油田", "department/shengli-oilfield"),
		acts(chromedp.Click(chromedp.CSS(`input[data-legend-type="Outcome"]`)), sleep(300*time.Millisecond)),
	)...)
	if err != nil {
		t.Fatal(err)
	}
	// Switching views keeps the explorer's graph and state.
	nodes := eval[int](t, s, `window.__hubGraph.nodes(':visible').length`)
	err = s.do(chromedp.Click(chromedp.ID(`tab-workbench`)), chromedp.WaitVisible(chromedp.CSS(`.graphiql-query-editor`)),
		chromedp.Click(chromedp.ID(`tab-explorer`)), chromedp.WaitVisible(chromedp.ID(`explorer-graph`)), sleep(200*time.Millisecond))
	if err != nil {
		t.Fatal(err)
	}
	if n := eval[int](t, s, `window.__hubGraph.nodes(':visible').length`); n != nodes || !eval[bool](t, s, `!!document.getElementById('explorer-details')`) {
		t.Errorf("after switching views the explorer shows %d nodes (before %d) or lost its selection", n, nodes)
	}
	explorerLink := eval[string](t, s, `location.href`)
	if !strings.Contains(explorerLink, "centre=department") || !strings.Contains(explorerLink, "hide=Outcome") {
		t.Errorf("explorer link: %s", explorerLink)
	}
	s2 := newSession(t)
	err = s2.do(chromedp.Navigate(strings.Replace(explorerLink, s.base, s2.base, 1)),
		waitJS(`window.__hubGraph && window.__hubGraph.getElementById('department/shengli-oilfield').nonempty()`), idle, sleep(300*time.Millisecond))
	if err != nil {
		t.Fatalf("opening the explorer link: %v", err)
	}
	if n := eval[int](t, s2, `window.__hubGraph.nodes('[type = "Outcome"]:visible').length`); n != 0 {
		t.Errorf("the link's filter is lost: %d outcomes shown", n)
	}
	err = s2.do(chromedp.Navigate(strings.Replace(link, s.base+"/", s2.base+"/?again", 1)), chromedp.WaitVisible(chromedp.CSS(`.graphiql-query-editor`)), sleep(500*time.Millisecond))
	if err != nil {
		t.Fatal(err)
	}
	if q := eval[string](t, s2, `document.querySelector('.graphiql-query-editor .CodeMirror').CodeMirror.getValue()`); !strings.Contains(q, "SearchReform") {
		t.Errorf("the workbench link opened with %q", q)
	}
	// Saved queries: save under a name, export as a file, import it back.
	saved := eval[string](t, s2, `(() => { window.__hubSaved.save('Reform search'); return window.__hubSaved.exportText(); })()`)
	if !strings.Contains(saved, "Reform search") || !strings.Contains(saved, "SearchReform") {
		t.Errorf("saved queries file: %s", saved)
	}
	text, _ := json.Marshal(saved)
	n := eval[int](t, s2, `(() => { window.__hubSaved.clear(); window.__hubSaved.importText(`+string(text)+`); return window.__hubSaved.list().length; })()`)
	if n != 1 {
		t.Errorf("imported %d saved queries", n)
	}
	s.checkRequests(t)
	s2.checkRequests(t)
}

// Charts: counts and groupBy results are drawn as bars beside a table.
func TestE2ECharts(t *testing.T) {
	s := newSession(t)
	openWorkbench(t, s, "/")
	err := s.do(example("Counts by kind"), waitJS(resultText+`.includes('relationshipCounts')`),
		chromedp.Click(chromedp.ID(`results-tab-chart`)), waitJS(`document.querySelectorAll('#results-chart rect.hub-bar-rect').length > 0`))
	if err != nil {
		t.Fatal(err)
	}
	if n := eval[int](t, s, `document.querySelectorAll('#results-chart rect.hub-bar-rect').length`); n < 7 {
		t.Errorf("%d bars for the counts by kind", n)
	}
	err = s.do(example("Tasks by area"), waitJS(resultText+`.includes('groupBy')`),
		chromedp.Click(chromedp.ID(`results-tab-chart`)), waitJS(`document.querySelectorAll('#results-chart rect.hub-bar-rect').length > 2`))
	if err != nil {
		t.Fatalf("groupBy chart: %v", err)
	}
	s.screenshot(t, "workbench-chart.png")
	s.checkRequests(t)
}

// Defect 8: at 390×844 the header fits, the graph and the results are usable.
func TestE2EPhone(t *testing.T) {
	s := newSessionAt(t, 390, 844)
	openWorkbench(t, s, "/")
	if w := eval[float64](t, s, `document.querySelector('.hub-bar').scrollWidth`); w > 390 {
		t.Errorf("header %v px wide", w)
	}
	if err := s.do(example("Counts by kind"), waitJS(resultText+`.includes('relationshipCounts')`), sleep(300*time.Millisecond)); err != nil {
		t.Fatal(err)
	}
	s.screenshot(t, "phone-workbench.png")
	// The response is on screen, wide enough, and nothing covers it.
	if !eval[bool](t, s, `(() => { const w = document.querySelector('.result-window'); const r = w.getBoundingClientRect();
		const top = document.elementFromPoint(r.left + r.width / 2, r.top + Math.min(r.height / 2, 40));
		return r.width >= 300 && r.left >= -1 && r.right <= innerWidth + 1 && r.height >= 150 && w.contains(top); })()`) {
		t.Errorf("results off screen: %v", eval[any](t, s, `JSON.stringify(document.querySelector('.result-window').getBoundingClientRect())`))
	}
	err := s.do(steps(acts(chromedp.Click(chromedp.ID(`tab-explorer`)), chromedp.WaitVisible(chromedp.ID(`explorer-search`))),
		openEntity("胜利油田", "department/shengli-oilfield"))...)
	if err != nil {
		t.Fatal(err)
	}
	if w := eval[float64](t, s, `document.getElementById('explorer-graph').getBoundingClientRect().width`); w < 340 {
		t.Errorf("graph canvas %v px wide", w)
	}
	if h := eval[float64](t, s, `document.getElementById('explorer-graph').getBoundingClientRect().height`); h < 300 {
		t.Errorf("graph canvas %v px high", h)
	}
	s.screenshot(t, "phone-explorer.png")
	s.checkRequests(t)
}

// The page declares a CJK font stack and is dark throughout in dark mode.
func TestE2EFontsAndDarkMode(t *testing.T) {
	s := newSession(t)
	openWorkbench(t, s, "/")
	font := eval[string](t, s, `getComputedStyle(document.body).fontFamily`)
	if !strings.Contains(font, "Noto Sans CJK SC") {
		t.Errorf("body font stack %q has no CJK font", font)
	}
	// The screenshots show Chinese only with a CJK font on the machine (Debian: fonts-noto-cjk).
	if out, err := exec.Command("fc-list", ":lang=zh", "family").Output(); err != nil || len(strings.TrimSpace(string(out))) == 0 {
		if required() {
			t.Errorf("no Chinese font installed (fc-list :lang=zh: %v): apt-get install fonts-noto-cjk", err)
		} else {
			t.Logf("no Chinese font installed; the screenshots show boxes for Chinese (apt-get install fonts-noto-cjk)")
		}
	}
	err := s.do(chromedp.Evaluate[chromedp.Void](`void localStorage.setItem('graphiql:theme', 'dark')`),
		// Another query string: a new document (a changed fragment alone would not load one).
		chromedp.Navigate(s.base+"/?theme=dark#explorer"), chromedp.WaitVisible(chromedp.ID(`explorer-search`)), sleep(500*time.Millisecond))
	if err != nil {
		t.Fatal(err)
	}
	for _, sel := range []string{".hub-bar", ".hub-side", ".hub-explorer"} {
		bg := eval[string](t, s, `getComputedStyle(document.querySelector('`+sel+`')).backgroundColor`)
		var r, g, b int
		if _, err := fmt.Sscanf(bg, "rgb(%d, %d, %d)", &r, &g, &b); err != nil {
			t.Errorf("%s: background %q: %v", sel, bg, err)
		}
		if r+g+b > 3*90 {
			t.Errorf("%s is %s in dark mode", sel, bg)
		}
	}
	s.screenshot(t, "explorer-dark.png")
	s.checkRequests(t)
}
