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
  const exportJSON = () => download(`reformhub-${view}.json`, 'application/json', JSON.stringify(result, null, 2));
  const exportCSV = () => {
    const rows = view === 'explorer' ? result.rows : firstList(result && result.data) || [result && result.data];
    download(`reformhub-${view}.csv`, 'text/csv', toCSV(rows));
  };
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
