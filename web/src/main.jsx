import { createRoot } from 'react-dom/client';
import { useState, useCallback, useEffect, useRef } from 'react';
import { Workbench } from './workbench.jsx';
import { Explorer } from './explorer.jsx';
import { ResultsPanel } from './results.jsx';
import { download, toCSV } from './export.js';
import { saved } from './saved.js';
import 'graphiql/style.css';
import '@graphiql/plugin-explorer/style.css';
import './style.css';

// Links: the view and its state live in the URL's fragment, so that a copied link reproduces
// the view:
//   #workbench?query=…&variables=…
//   #explorer?centre=ID&expand=ID,ID&from=ID&to=ID&hide=Type,…&hideRel=TYPE,…&gone=ID,…&layout=cose&path=N
const list = (v) => (v ? v.split(',').filter(Boolean) : []);
export function parseHash(hash) {
  const h = (hash || '').replace(/^#/, '');
  const i = h.indexOf('?');
  const view = (i < 0 ? h : h.slice(0, i)) === 'explorer' ? 'explorer' : 'workbench';
  const p = new URLSearchParams(i < 0 ? '' : h.slice(i + 1));
  const path = p.get('path');
  return {
    view,
    workbench: { query: p.get('query') || '', variables: p.get('variables') || '' },
    explorer: {
      centre: p.get('centre'), expanded: list(p.get('expand')), from: p.get('from'), to: p.get('to'),
      hideTypes: list(p.get('hide')), hideRels: list(p.get('hideRel')), gone: list(p.get('gone')),
      layout: p.get('layout') || 'auto', path: path === null || path === '' ? null : path === 'all' ? null : Number(path),
    },
  };
}

function hashOf(view, w, e) {
  const p = new URLSearchParams();
  if (view === 'workbench') {
    if (w.query) p.set('query', w.query);
    if (w.variables && w.variables.trim()) p.set('variables', w.variables);
  } else if (e) {
    if (e.centre) p.set('centre', e.centre);
    if (e.expanded.length) p.set('expand', e.expanded.join(','));
    if (e.from) p.set('from', e.from);
    if (e.to) p.set('to', e.to);
    if (e.hideTypes.length) p.set('hide', e.hideTypes.join(','));
    if (e.hideRels.length) p.set('hideRel', e.hideRels.join(','));
    if (e.gone.length) p.set('gone', e.gone.join(','));
    if (e.layout && e.layout !== 'auto') p.set('layout', e.layout);
    if (!e.centre && e.path !== null && e.path !== undefined) p.set('path', String(e.path));
  }
  const q = p.toString();
  return `#${view}${q ? `?${q}` : ''}`;
}

// What each view shows now, for the export buttons: the workbench's result and the rows of its
// table (filtered and sorted as on screen), the explorer's elements on screen.
const current = { workbench: null, workbenchRows: null, explorer: null };

// exportText renders what a view shows as JSON or CSV; null when it shows nothing to export.
function exportText(view, format) {
  if (view === 'explorer') {
    const r = current.explorer;
    if (!r) return null;
    if (format === 'json') return JSON.stringify({ view: r.view, nodes: r.nodes, relationships: r.relationships }, null, 2);
    return toCSV(r.columns, r.rows);
  }
  const t = current.workbenchRows;
  if (!t || !current.workbench || !current.workbench.data) return null;
  if (format === 'json') return JSON.stringify(t.filtered ? t.rows : current.workbench, null, 2);
  return toCSV(t.columns, t.rows);
}
window.__hubExport = exportText; // what the export buttons download; read by the e2e tests
window.__hubSaved = saved;

// refreshEditors redraws GraphiQL's CodeMirror editors, which measure nothing while their view
// is hidden (opening the explorer first left them blank).
function refreshEditors() {
  requestAnimationFrame(() => document.querySelectorAll('.graphiql-container .CodeMirror').forEach((e) => e.CodeMirror && e.CodeMirror.refresh()));
}

function App() {
  const initial = useRef(parseHash(location.hash)).current;
  const [view, setView] = useState(initial.view);
  const [, setTick] = useState(0);
  const [result, setResult] = useState(null);
  const links = useRef({ workbench: initial.workbench, explorer: null });
  const writeHash = (v) => history.replaceState(null, '', hashOf(v, links.current.workbench, links.current.explorer));
  const viewRef = useRef(view);
  viewRef.current = view;
  const show = (v) => {
    setView(v);
    writeHash(v);
    if (v === 'workbench') refreshEditors();
  };
  useEffect(() => {
    const onHash = () => {
      const v = parseHash(location.hash).view;
      if (v !== viewRef.current) show(v);
    };
    addEventListener('hashchange', onHash);
    return () => removeEventListener('hashchange', onHash);
  }, []);
  const tick = () => setTick((t) => t + 1);
  const onWorkbenchResult = useCallback((r) => {
    current.workbench = r;
    setResult(r);
  }, []);
  const onRows = useCallback((t) => {
    current.workbenchRows = t;
    tick();
  }, []);
  const onExplorer = useCallback((r) => {
    current.explorer = r;
    tick();
  }, []);
  const onEdit = useCallback((w) => {
    links.current.workbench = w;
    if (viewRef.current === 'workbench') writeHash('workbench');
  }, []);
  const onExplorerState = useCallback((e) => {
    links.current.explorer = e;
    if (viewRef.current === 'explorer') writeHash('explorer');
  }, []);
  const can = exportText(view, 'csv') !== null;
  const exportJSON = () => download(`reformhub-${view}.json`, 'application/json', exportText(view, 'json'));
  const exportCSV = () => download(`reformhub-${view}.csv`, 'text/csv;charset=utf-8', exportText(view, 'csv'));
  const copyLink = () => {
    writeHash(view);
    if (navigator.clipboard) navigator.clipboard.writeText(location.href).catch(() => {});
  };
  return (
    <div className="hub">
      <header className="hub-bar">
        <strong className="hub-title">Reform Hub</strong>
        <nav className="hub-tabs" role="tablist">
          <button role="tab" id="tab-workbench" aria-selected={view === 'workbench'} onClick={() => show('workbench')}>Query<span className="hub-wide"> workbench</span></button>
          <button role="tab" id="tab-explorer" aria-selected={view === 'explorer'} onClick={() => show('explorer')}>Graph<span className="hub-wide"> explorer</span></button>
        </nav>
        <span className="hub-spacer" />
        <button id="copy-link" onClick={copyLink} title="Copy a link to this view (query, variables, explorer state)">Link</button>
        <button id="export-json" disabled={!can} onClick={exportJSON} title="Download what is on screen as JSON">JSON</button>
        <button id="export-csv" disabled={!can} onClick={exportCSV} title="Download what is on screen as CSV (UTF-8 with BOM, for Excel)">CSV</button>
        <a className="hub-wide" href="/schema.graphql" target="_blank" rel="noopener">schema</a>
      </header>
      <main className="hub-main">
        <section className="hub-view hub-workbench" hidden={view !== 'workbench'}>
          <div className="hub-gql">
            <Workbench onResult={onWorkbenchResult} initial={initial.workbench} onEdit={onEdit} />
          </div>
          <ResultsPanel result={result} onView={onRows} />
        </section>
        <section className="hub-view" hidden={view !== 'explorer'}>
          <Explorer visible={view === 'explorer'} onResult={onExplorer} initial={initial.view === 'explorer' ? initial.explorer : null} onState={onExplorerState} />
        </section>
      </main>
    </div>
  );
}

createRoot(document.getElementById('root')).render(<App />);
