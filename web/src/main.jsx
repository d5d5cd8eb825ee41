import { createRoot } from 'react-dom/client';
import { useState, useCallback } from 'react';
import { Workbench } from './workbench.jsx';
import { Explorer } from './explorer.jsx';
import { download, toCSV, firstList } from './export.js';
import 'graphiql/style.css';
import '@graphiql/plugin-explorer/style.css';
import './style.css';

// The current result of each view, for the export buttons.
const current = { workbench: null, explorer: null };

// exportText renders the current result of a view as JSON or CSV: for a query, the first list
// in its data (flattened); for the explorer, its nodes and relationships with their evidence.
function exportText(view, format) {
  const result = current[view];
  if (!result) return null;
  if (format === 'json') return JSON.stringify(result, null, 2);
  const rows = view === 'explorer' ? result.rows : firstList(result.data) || [result.data];
  return toCSV(rows);
}
window.__hubExport = exportText; // what the export buttons download; read by the e2e tests

function App() {
  const [view, setView] = useState(location.hash === '#explorer' ? 'explorer' : 'workbench');
  const [, setTick] = useState(0);
  const show = (v) => {
    setView(v);
    history.replaceState(null, '', v === 'explorer' ? '#explorer' : '#');
  };
  const onResult = useCallback((which, value) => {
    current[which] = value;
    setTick((t) => t + 1);
  }, []);
  const result = current[view];
  const exportJSON = () => download(`reformhub-${view}.json`, 'application/json', exportText(view, 'json'));
  const exportCSV = () => download(`reformhub-${view}.csv`, 'text/csv', exportText(view, 'csv'));
  return (
    <div className="hub">
      <header className="hub-bar">
        <strong className="hub-title">Reform Hub</strong>
        <nav className="hub-tabs" role="tablist">
          <button role="tab" id="tab-workbench" aria-selected={view === 'workbench'} onClick={() => show('workbench')}>Query workbench</button>
          <button role="tab" id="tab-explorer" aria-selected={view === 'explorer'} onClick={() => show('explorer')}>Graph explorer</button>
        </nav>
        <span className="hub-spacer" />
        <button id="export-json" disabled={!result} onClick={exportJSON}>Export JSON</button>
        <button id="export-csv" disabled={!result} onClick={exportCSV}>Export CSV</button>
        <a href="/schema.graphql" target="_blank" rel="noopener">schema.graphql</a>
        <a href="/healthz" target="_blank" rel="noopener">health</a>
      </header>
      <main className="hub-main">
        <section className="hub-view" hidden={view !== 'workbench'}>
          <Workbench onResult={(r) => onResult('workbench', r)} />
        </section>
        <section className="hub-view" hidden={view !== 'explorer'}>
          <Explorer visible={view === 'explorer'} onResult={(r) => onResult('explorer', r)} />
        </section>
      </main>
    </div>
  );
}

createRoot(document.getElementById('root')).render(<App />);
