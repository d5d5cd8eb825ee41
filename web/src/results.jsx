import { useEffect, useMemo, useState } from 'react';
import { toTable, view } from './export.js';

const MAX_ROWS = 2000; // drawn at once; the export holds every row

// series finds what a chart can draw in a table: for each list (the columns under one path),
// a label column (a name, type, value or key) and a count (or another number) column.
export function series(table) {
  if (!table) return [];
  const byPrefix = new Map();
  for (const c of table.columns) {
    const i = c.lastIndexOf('.');
    const prefix = i < 0 ? '' : c.slice(0, i);
    if (!byPrefix.has(prefix)) byPrefix.set(prefix, []);
    byPrefix.get(prefix).push(c);
  }
  const out = [];
  for (const [prefix, cols] of byPrefix) {
    const numeric = cols.filter((c) => table.rows.some((r) => typeof r[c] === 'number'));
    const value = numeric.find((c) => /\.?count$/.test(c)) || (numeric.length === 1 ? numeric[0] : null);
    if (!value) continue;
    // The label: the related entity's name (groupBy on a relationship), else a text column.
    const pick = (re) => table.columns.find((c) => c.startsWith(prefix ? `${prefix}.` : '') && re.test(c.slice(prefix.length)) &&
      table.rows.some((r) => r[c] !== undefined && r[c] !== null && typeof r[c] !== 'number'));
    const label = pick(/^\.?entity\.name$/) || pick(/^\.?(type|name|value|key|kind|area|year)$/) ||
      cols.find((c) => c !== value && table.rows.some((r) => r[c] !== undefined && typeof r[c] !== 'number'));
    if (!label) continue;
    const points = [];
    for (const r of table.rows) {
      if (typeof r[value] !== 'number') continue;
      const l = r[label] === null || r[label] === undefined ? '(none)' : String(r[label]);
      points.push({ label: l, value: r[value] });
    }
    if (points.length) out.push({ title: prefix || value, label, value, points });
  }
  return out;
}

// BarChart draws one series as horizontal bars (SVG, no library).
function BarChart({ s }) {
  const max = Math.max(...s.points.map((p) => p.value), 1);
  const row = 22;
  const labelW = 190;
  const width = 640;
  const barW = width - labelW - 60;
  return (
    <figure className="hub-chart">
      <figcaption>{s.title} <span className="hub-muted">({s.label.split('.').pop()} × {s.value.split('.').pop()})</span></figcaption>
      <svg viewBox={`0 0 ${width} ${s.points.length * row + 4}`} width="100%" style={{ maxWidth: width }} role="img" aria-label={s.title}>
        {s.points.map((p, i) => (
          <g key={i} transform={`translate(0, ${i * row + 2})`}>
            <text x={labelW - 6} y={row / 2 + 4} textAnchor="end" className="hub-chart-label">{p.label.length > 16 ? `${p.label.slice(0, 15)}…` : p.label}<title>{p.label}</title></text>
            <rect className="hub-bar-rect" x={labelW} y={3} width={Math.max(1, (p.value / max) * barW)} height={row - 6} rx="2" />
            <text x={labelW + (p.value / max) * barW + 4} y={row / 2 + 4} className="hub-chart-value">{p.value}</text>
          </g>
        ))}
      </svg>
    </figure>
  );
}

// ResultsPanel shows the result of the tab on screen as a table (one row per innermost item,
// sortable, filterable) or as bar charts, and reports the rows on screen for the export.
export function ResultsPanel({ result, onView }) {
  const table = useMemo(() => (result && result.data ? toTable(result.data) : null), [result]);
  const charts = useMemo(() => series(table), [table]);
  const [tab, setTab] = useState('table');
  const [filter, setFilter] = useState('');
  const [sort, setSort] = useState(null);
  const [open, setOpen] = useState(true);
  useEffect(() => setSort(null), [table && table.columns.join('|')]);
  const rows = useMemo(() => (table ? view(table.rows, table.columns, filter, sort) : []), [table, filter, sort]);
  useEffect(() => {
    onView(table ? { columns: table.columns, rows, filtered: rows.length !== table.rows.length || !!sort } : null);
  }, [table, rows]);
  const sortBy = (c) => setSort((s) => (s && s.col === c ? (s.desc ? null : { col: c, desc: true }) : { col: c, desc: false }));
  const errors = result && result.errors ? result.errors.length : 0;
  return (
    <section id="results" className={`hub-results${open ? '' : ' hub-closed'}`} aria-label="Results">
      <div className="hub-results-bar" role="tablist">
        <button id="results-toggle" className="hub-link" aria-expanded={open} onClick={() => setOpen(!open)}>{open ? '▾' : '▸'} Results</button>
        <button role="tab" id="results-tab-table" aria-selected={tab === 'table'} onClick={() => { setTab('table'); setOpen(true); }}>Table</button>
        <button role="tab" id="results-tab-chart" aria-selected={tab === 'chart'} disabled={!charts.length} onClick={() => { setTab('chart'); setOpen(true); }}>Chart</button>
        <input id="results-filter" type="search" placeholder="Filter rows" value={filter} onChange={(e) => setFilter(e.target.value)} disabled={!table} />
        <span id="results-count" className="hub-muted">
          {table ? `${rows.length} of ${table.rows.length} rows` : errors ? `${errors} error(s), no rows` : 'Run a query to see its rows.'}
        </span>
      </div>
      {open && tab === 'table' && table && (
        <div className="hub-table-wrap">
          <table id="results-table" className="hub-table">
            <thead>
              <tr>
                {table.columns.map((c) => (
                  <th key={c} data-col={c} title={`${c} — click to sort`} onClick={() => sortBy(c)}
                    aria-sort={sort && sort.col === c ? (sort.desc ? 'descending' : 'ascending') : 'none'}>
                    {c}{sort && sort.col === c ? (sort.desc ? ' ▼' : ' ▲') : ''}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.slice(0, MAX_ROWS).map((r, i) => (
                <tr key={i}>
                  {table.columns.map((c) => <td key={c} data-col={c}>{r[c] === null || r[c] === undefined ? '' : String(r[c])}</td>)}
                </tr>
              ))}
            </tbody>
          </table>
          {rows.length > MAX_ROWS && <p className="hub-muted">The first {MAX_ROWS} rows are shown; the export holds all {rows.length}.</p>}
        </div>
      )}
      {open && tab === 'chart' && (
        <div id="results-chart" className="hub-charts">
          {charts.map((s, i) => (
            <div key={i} className="hub-chart-pair">
              <BarChart s={s} />
              <table className="hub-table hub-chart-table">
                <thead><tr><th>{s.label.split('.').pop()}</th><th>{s.value.split('.').pop()}</th></tr></thead>
                <tbody>{s.points.map((p, j) => <tr key={j}><td>{p.label}</td><td>{p.value}</td></tr>)}</tbody>
              </table>
            </div>
          ))}
        </div>
      )}
    </section>
  );
}
