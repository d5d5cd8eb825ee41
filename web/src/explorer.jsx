import { useEffect, useRef, useState } from 'react';
import cytoscape from 'cytoscape';
import { gql } from './api.js';
import doc from './explorer.graphql';

// Colours of the entity types (nodes) in the graph and its legend.
export const typeColours = {
  Leader: '#d9480f',
  Department: '#1971c2',
  Task: '#2f9e44',
  Policy: '#9c36b5',
  PilotProgram: '#e67700',
  Outcome: '#c2255c',
  Document: '#495057',
};

const run = (op, vars) => gql(doc, vars, op);

const label = (n) => (n.nameEn ? `${n.name}\n${n.nameEn}` : n.name);

function Evidence({ sources }) {
  if (!sources || !sources.length) return <p className="hub-muted">No evidence recorded.</p>;
  return (
    <ol className="hub-evidence">
      {sources.map((s, i) => (
        <li key={i}>
          <q>{s.quote}</q>
          <div className="hub-muted">{s.document ? s.document.title : ''} · paragraph {s.paragraph}</div>
        </li>
      ))}
    </ol>
  );
}

export function Explorer({ visible, onResult }) {
  const box = useRef(null);
  const cy = useRef(null);
  const nodes = useRef(new Map());
  const rels = useRef(new Map());
  const [term, setTerm] = useState('');
  const [hits, setHits] = useState(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(null);
  const [selected, setSelected] = useState(null); // {kind: 'node'|'edge', ...}
  const [from, setFrom] = useState(null);
  const [to, setTo] = useState(null);
  const [status, setStatus] = useState('Search an entity, in Chinese or English.');

  const report = (what) => {
    const rows = [
      ...[...nodes.current.values()].map((n) => ({ element: 'node', id: n.id, type: n.__typename, name: n.name, nameEn: n.nameEn || '' })),
      ...[...rels.current.values()].map((r) => ({
        element: 'relationship', id: r.key, type: r.type, from: r.from.id, to: r.to.id, implied: r.implied,
        evidence: (r.sources || []).map((s) => `¶${s.paragraph} ${s.quote}`).join(' | '),
      })),
    ];
    onResult({ view: what, nodes: [...nodes.current.values()], relationships: [...rels.current.values()].map(({ key, ...r }) => r), rows });
  };

  useEffect(() => {
    cy.current = cytoscape({
      container: box.current,
      wheelSensitivity: 0.3,
      maxZoom: 2,
      style: [
        { selector: 'node', style: {
          'background-color': 'data(colour)', label: 'data(label)', color: '#212529', 'font-size': 10,
          'text-wrap': 'wrap', 'text-max-width': 140, 'text-valign': 'bottom', 'text-margin-y': 4, width: 22, height: 22,
        } },
        { selector: 'node.centre', style: { width: 34, height: 34, 'border-width': 3, 'border-color': '#000' } },
        { selector: 'node.path-end', style: { 'border-width': 4, 'border-color': '#fab005' } },
        { selector: 'edge', style: {
          width: 1.5, 'line-color': '#adb5bd', 'target-arrow-color': '#adb5bd', 'target-arrow-shape': 'triangle',
          'curve-style': 'bezier', label: 'data(type)', 'font-size': 8, color: '#495057', 'text-rotation': 'autorotate',
          'text-background-color': '#fff', 'text-background-opacity': 0.8, 'text-background-padding': 1,
        } },
        { selector: 'edge.implied', style: { 'line-style': 'dashed' } },
        { selector: 'edge.on-path', style: { 'line-color': '#f08c00', 'target-arrow-color': '#f08c00', width: 3 } },
        { selector: ':selected', style: { 'overlay-color': '#fab005', 'overlay-opacity': 0.25 } },
      ],
    });
    cy.current.on('tap', 'node', (e) => select({ kind: 'node', id: e.target.id() }));
    cy.current.on('tap', 'edge', (e) => select({ kind: 'edge', key: e.target.id() }));
    window.__hubGraph = cy.current; // for the end-to-end tests and the curious
    return () => cy.current.destroy();
  }, []);

  useEffect(() => {
    if (visible && cy.current) cy.current.resize();
  }, [visible]);

  const add = (sub, centre) => {
    const c = cy.current;
    for (const n of sub.nodes) {
      nodes.current.set(n.id, n);
      if (c.getElementById(n.id).empty()) {
        c.add({ group: 'nodes', data: { id: n.id, label: label(n), type: n.__typename, colour: typeColours[n.__typename] || '#868e96' } });
      }
    }
    for (const r of sub.relationships) {
      const key = `${r.from.id}|${r.type}|${r.to.id}`;
      rels.current.set(key, { key, ...r });
      if (c.getElementById(key).empty() && nodes.current.has(r.from.id) && nodes.current.has(r.to.id)) {
        c.add({ group: 'edges', classes: r.implied ? 'implied' : '', data: { id: key, source: r.from.id, target: r.to.id, type: r.type } });
      }
    }
    if (centre) {
      c.nodes().removeClass('centre');
      c.getElementById(centre).addClass('centre');
    }
    c.layout({ name: 'cose', animate: false, nodeDimensionsIncludeLabels: true, randomize: false, idealEdgeLength: 90 }).run();
    c.fit(undefined, 30);
  };

  const guard = async (what, f) => {
    setBusy(true);
    setError(null);
    try {
      await f();
    } catch (e) {
      setError(`${what}: ${e.message}`);
    } finally {
      setBusy(false);
    }
  };

  const search = (e) => {
    e.preventDefault();
    if (!term.trim()) return;
    guard('search', async () => {
      const d = await run('ExplorerSearch', { q: term.trim() });
      setHits(d.search);
      setStatus(`${d.search.length} hits for “${term.trim()}”. Pick one to see its neighborhood.`);
    });
  };

  const clear = () => {
    cy.current.elements().remove();
    nodes.current.clear();
    rels.current.clear();
  };

  const open = (id, keep) => guard('neighborhood', async () => {
    const d = await run('ExplorerNeighborhood', { id, depth: 1 });
    if (!keep) clear();
    add(d.neighborhood, id);
    setStatus(`${nodes.current.size} entities, ${rels.current.size} relationships. Click a node or an edge for its evidence.`);
    report('neighborhood');
    await select({ kind: 'node', id });
  });

  const select = (sel) => guard('details', async () => {
    if (sel.kind === 'node') {
      const d = await run('ExplorerEntity', { id: sel.id });
      setSelected({ kind: 'node', entity: d.entity });
    } else {
      setSelected({ kind: 'edge', rel: rels.current.get(sel.key) });
    }
  });

  const showPaths = () => guard('paths', async () => {
    const d = await run('ExplorerPaths', { from: from.id, to: to.id });
    clear();
    for (const p of d.paths) add(p, null);
    const c = cy.current;
    c.elements().addClass('on-path');
    c.getElementById(from.id).addClass('path-end');
    c.getElementById(to.id).addClass('path-end');
    setStatus(d.paths.length
      ? `${d.paths.length} shortest path(s) of ${d.paths[0].length} hops between ${from.name} and ${to.name}.`
      : `No path of at most 4 hops between ${from.name} and ${to.name}.`);
    report('paths');
  });

  const ent = selected && selected.kind === 'node' ? selected.entity : null;
  const rel = selected && selected.kind === 'edge' ? selected.rel : null;
  const name = (id) => (nodes.current.get(id) || { name: id }).name;
  return (
    <div className="hub-explorer" data-busy={busy ? "true" : "false"}>
      <aside className="hub-side">
        <form onSubmit={search} className="hub-search">
          <input id="explorer-search" type="search" value={term} placeholder="e.g. 改革 or reform" onChange={(e) => setTerm(e.target.value)} />
          <button id="explorer-search-button" type="submit" disabled={busy}>Search</button>
        </form>
        {error && <p className="hub-error" role="alert">{error}</p>}
        <p id="explorer-status" className="hub-muted">{status}</p>
        {hits && (
          <ul id="explorer-hits" className="hub-hits">
            {hits.map((h) => (
              <li key={h.entity.id}>
                <button className="hub-hit" data-id={h.entity.id} onClick={() => open(h.entity.id, false)}>
                  <span className="hub-dot" style={{ background: typeColours[h.entity.__typename] }} />
                  {h.entity.name}
                </button>
                <span className="hub-muted"> {h.entity.__typename}{h.entity.nameEn ? ` · ${h.entity.nameEn}` : ''}</span>
              </li>
            ))}
          </ul>
        )}
        <div className="hub-paths">
          <div>From: <b id="path-from">{from ? from.name : '—'}</b></div>
          <div>To: <b id="path-to">{to ? to.name : '—'}</b></div>
          <button id="path-show" disabled={!from || !to || busy || from.id === to.id} onClick={showPaths}>Show paths</button>
        </div>
        {ent && (
          <div id="explorer-details" className="hub-details">
            <h3>{ent.name}</h3>
            <div className="hub-muted">{ent.__typename} · {ent.id}</div>
            {ent.nameEn && <div>{ent.nameEn}</div>}
            {ent.description && <p>{ent.description}</p>}
            <div className="hub-actions">
              <button id="node-expand" onClick={() => open(ent.id, true)}>Expand</button>
              <button id="node-from" onClick={() => setFrom(ent)}>Path from here</button>
              <button id="node-to" onClick={() => setTo(ent)}>Path to here</button>
            </div>
            <h4>Evidence</h4>
            <Evidence sources={ent.sources} />
          </div>
        )}
        {rel && (
          <div id="explorer-details" className="hub-details">
            <h3>{rel.type}{rel.implied ? ' (implied)' : ''}</h3>
            <div>{name(rel.from.id)} → {name(rel.to.id)}</div>
            {rel.note && <p>{rel.note}</p>}
            <h4>Evidence</h4>
            <Evidence sources={rel.sources} />
          </div>
        )}
        <ul className="hub-legend">
          {Object.entries(typeColours).map(([t, c]) => (
            <li key={t}><span className="hub-dot" style={{ background: c }} />{t}</li>
          ))}
        </ul>
      </aside>
      <div className="hub-graph" ref={box} id="explorer-graph" />
    </div>
  );
}
