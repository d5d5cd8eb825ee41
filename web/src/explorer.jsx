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

export const layouts = {
  auto: 'Auto',
  cose: 'Force (cose)',
  concentric: 'Rings by degree',
  breadthfirst: 'Tree from the centre',
  circle: 'Circle',
  grid: 'Grid',
};

const run = (op, vars) => gql(doc, vars, op);

const label = (n) => (n.nameEn ? `${n.name}\n${n.nameEn}` : n.name);
const relKey = (r) => `${r.from.id}|${r.type}|${r.to.id}`;

// Readability: at most this many node labels at once (the centre, the selection and its
// neighbours, the best connected), each drawn LABEL_PX high whatever the zoom; edge labels
// only when few edges are shown, or for the chosen edge.
const FEW_NODES = 25;
const MANY_LABELS = 14;
const FEW_EDGES = 15;
const LABEL_PX = 12;
const WHEEL_STEP = 1.0018; // zoom factor per pixel of wheel delta: one notch (100 px) ≈ 1.2×

function isDark() {
  const b = document.body.classList;
  return b.contains('graphiql-dark') || (!b.contains('graphiql-light') && matchMedia('(prefers-color-scheme: dark)').matches);
}

function graphStyle(dark) {
  const fg = dark ? '#e9ecef' : '#212529';
  const bg = dark ? '#1c1f24' : '#ffffff';
  const edge = dark ? '#6c757d' : '#adb5bd';
  return [
    { selector: 'node', style: {
      'background-color': 'data(colour)', label: 'data(label)', color: fg, 'font-size': LABEL_PX,
      'text-wrap': 'wrap', 'text-max-width': 140, 'text-valign': 'bottom', 'text-margin-y': 3, width: 18, height: 18,
      'text-background-color': bg, 'text-background-opacity': 0.75, 'text-background-padding': 1,
      'font-family': 'system-ui, "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif',
    } },
    { selector: 'node.brief', style: { label: 'data(short)' } },
    { selector: 'node.quiet', style: { label: '', 'text-opacity': 0 } },
    { selector: 'node.centre', style: { width: 30, height: 30, 'border-width': 3, 'border-color': fg } },
    { selector: 'node.path-end', style: { 'border-width': 4, 'border-color': '#fab005' } },
    { selector: 'edge', style: {
      width: 1.5, 'line-color': edge, 'target-arrow-color': edge, 'target-arrow-shape': 'triangle',
      'curve-style': 'bezier', label: '', 'text-opacity': 0, 'font-size': 10, color: fg, 'text-rotation': 'autorotate',
      'text-background-color': bg, 'text-background-opacity': 0.85, 'text-background-padding': 1,
    } },
    { selector: 'edge.labelled', style: { label: 'data(type)', 'text-opacity': 1 } },
    { selector: 'edge.implied', style: { 'line-style': 'dashed' } },
    { selector: 'edge.on-path', style: { 'line-color': '#f08c00', 'target-arrow-color': '#f08c00', width: 3 } },
    { selector: 'node.dim, edge.dim', style: { opacity: 0.25 } },
    { selector: '.gone, .filtered, .off-path', style: { display: 'none' } },
    { selector: ':selected', style: { 'overlay-color': '#fab005', 'overlay-opacity': 0.3 } },
  ];
}

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

const emptyState = () => ({ centre: null, expanded: [], from: null, to: null, hideTypes: [], hideRels: [], gone: [], layout: 'auto', path: null });

// Explorer is the graph view. Its state (centre, expanded nodes, path ends, filters, hidden
// nodes, layout, the path on screen) is reported through onState for the URL, and restored
// from initial.
export function Explorer({ visible, onResult, initial, onState }) {
  const box = useRef(null);
  const wrap = useRef(null);
  const cy = useRef(null);
  const nodes = useRef(new Map());
  const rels = useRef(new Map());
  const undoStack = useRef([]);
  const [term, setTerm] = useState('');
  const [hits, setHits] = useState(null); // { q, list, total, next }
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(null);
  const [notice, setNotice] = useState(null);
  const [selected, setSelected] = useState(null); // {kind: 'node'|'edge', ...}
  const [from, setFrom] = useState(null);
  const [to, setTo] = useState(null);
  const [status, setStatus] = useState('Search an entity, in Chinese or English: a name, a word, one character.');
  const [st, setSt] = useState(emptyState);
  const [paths, setPathsState] = useState(null); // [{ length, nodes: Set, edges: Set, names }]
  const pathsRef = useRef(null);
  const setPaths = (p) => { pathsRef.current = p; setPathsState(p); };
  const [legend, setLegend] = useState({ types: {}, rels: {} });
  const [undoDepth, setUndoDepth] = useState(0);
  const state = useRef(st);
  state.current = st;
  const setState = (f) => setSt((s) => ({ ...s, ...(typeof f === 'function' ? f(s) : f) }));

  useEffect(() => { onState(st); }, [st]);

  // What the export and the legend see: the elements on screen.
  const report = () => {
    const c = cy.current;
    const shownNodes = c.nodes(':visible').map((n) => nodes.current.get(n.id())).filter(Boolean);
    const shownRels = c.edges(':visible').map((e) => rels.current.get(e.id())).filter(Boolean);
    const name = (id) => (nodes.current.get(id) || { name: '' }).name;
    const rows = [];
    const evidenceRows = (base, sources) => {
      if (!sources || !sources.length) rows.push({ ...base, document: '', paragraph: '', quote: '' });
      else for (const s of sources) rows.push({ ...base, document: s.document ? s.document.title : '', paragraph: s.paragraph, quote: s.quote });
    };
    for (const n of shownNodes) {
      evidenceRows({ element: 'node', id: n.id, type: n.__typename, name: n.name, nameEn: n.nameEn || '', from: '', fromName: '', to: '', toName: '', implied: '' }, n.sources);
    }
    for (const r of shownRels) {
      evidenceRows({ element: 'relationship', id: r.key, type: r.type, name: '', nameEn: '', from: r.from.id, fromName: name(r.from.id), to: r.to.id, toName: name(r.to.id), implied: r.implied }, r.sources);
    }
    const columns = ['element', 'id', 'type', 'name', 'nameEn', 'from', 'fromName', 'to', 'toName', 'implied', 'document', 'paragraph', 'quote'];
    onResult(shownNodes.length ? {
      view: pathsRef.current ? 'paths' : 'neighborhood', nodes: shownNodes, relationships: shownRels.map(({ key, ...r }) => r), columns, rows,
    } : null);
    const types = {};
    const relTypes = {};
    for (const n of nodes.current.values()) types[n.__typename] = (types[n.__typename] || 0) + 1;
    for (const r of rels.current.values()) relTypes[r.type] = (relTypes[r.type] || 0) + 1;
    setLegend({ types, rels: relTypes });
  };

  // Classes that follow the state: filters, hidden nodes, the path on screen, labels.
  const restyle = () => {
    const c = cy.current;
    if (!c) return;
    const s = state.current;
    c.batch(() => {
      c.nodes().forEach((n) => {
        n.toggleClass('filtered', s.hideTypes.includes(n.data('type')));
        n.toggleClass('gone', s.gone.includes(n.id()));
      });
      c.edges().forEach((e) => e.toggleClass('filtered', s.hideRels.includes(e.data('type'))));
    });
    labels();
  };

  // labels keeps the graph readable: few node labels, constant size on screen.
  const labels = () => {
    const c = cy.current;
    if (!c) return;
    const shown = c.nodes(':visible');
    const sel = c.$('node:selected');
    const keep = new Set();
    if (shown.length > FEW_NODES) {
      c.nodes('.centre, .path-end').forEach((n) => keep.add(n.id()));
      sel.forEach((n) => {
        keep.add(n.id());
        const near = n.neighborhood('node:visible');
        if (near.length <= MANY_LABELS) near.forEach((m) => keep.add(m.id()));
      });
      shown.toArray().sort((a, b) => b.degree() - a.degree()).slice(0, MANY_LABELS).forEach((n) => keep.add(n.id()));
    }
    const z = c.zoom();
    const edges = c.edges(':visible');
    c.batch(() => {
      shown.forEach((n) => {
        n.toggleClass('quiet', shown.length > FEW_NODES && !keep.has(n.id()) && !n.hasClass('hover'));
        n.toggleClass('brief', shown.length > FEW_NODES && !n.selected() && !n.hasClass('hover')); // the Chinese name only
      });
      c.nodes().style({ 'font-size': LABEL_PX / z, 'text-max-width': 140 / z, 'text-margin-y': 3 / z });
      edges.forEach((e) => e.toggleClass('labelled', edges.length <= FEW_EDGES || e.selected() || e.hasClass('hover')));
      c.edges().style({ 'font-size': 10 / z });
    });
  };

  useEffect(() => {
    const c = cytoscape({ container: box.current, maxZoom: 4, minZoom: 0.05, style: graphStyle(isDark()) });
    cy.current = c;
    c.on('tap', 'node', (e) => select({ kind: 'node', id: e.target.id() }));
    c.on('tap', 'edge', (e) => select({ kind: 'edge', key: e.target.id() }));
    c.on('tap', (e) => { if (e.target === c) { setSelected(null); c.elements().unselect(); labels(); } });
    c.on('mouseover', 'node, edge', (e) => { e.target.addClass('hover'); labels(); });
    c.on('mouseout', 'node, edge', (e) => { e.target.removeClass('hover'); labels(); });
    let frame = 0;
    c.on('zoom', () => { cancelAnimationFrame(frame); frame = requestAnimationFrame(labels); });
    // The wheel: a notch zooms about 20 % around the pointer (cytoscape's own step is a few
    // per cent, and changing its sensitivity logs a warning).
    const onWheel = (e) => {
      e.preventDefault();
      e.stopPropagation();
      const r = box.current.getBoundingClientRect();
      const dy = e.deltaMode === 1 ? e.deltaY * 33 : e.deltaY;
      const level = Math.min(c.maxZoom(), Math.max(c.minZoom(), c.zoom() * Math.pow(WHEEL_STEP, -dy)));
      c.zoom({ level, renderedPosition: { x: e.clientX - r.left, y: e.clientY - r.top } });
    };
    const w = wrap.current;
    w.addEventListener('wheel', onWheel, { capture: true, passive: false });
    const theme = new MutationObserver(() => c.style(graphStyle(isDark())));
    theme.observe(document.body, { attributes: true, attributeFilter: ['class'] });
    window.__hubGraph = c; // for the end-to-end tests and the curious
    return () => { w.removeEventListener('wheel', onWheel, { capture: true }); theme.disconnect(); c.destroy(); };
  }, []);

  useEffect(() => {
    if (visible && cy.current) cy.current.resize();
  }, [visible]);

  const layout = (name, fit = true) => {
    const c = cy.current;
    const els = c.elements(':visible');
    if (!els.length) return;
    const centre = c.nodes('.centre');
    const opts = {
      cose: { name: 'cose', animate: false, nodeDimensionsIncludeLabels: false, randomize: false, idealEdgeLength: 110, nodeRepulsion: 9000, nodeOverlap: 20 },
      // Rings: the centre, its neighbours, the rest (by type around each ring).
      concentric: { name: 'concentric', animate: false, minNodeSpacing: 16, levelWidth: () => 1,
        concentric: (n) => (n.hasClass('centre') ? 3 : centre.nonempty() && n.edgesWith(centre).nonempty() ? 2 : 1),
        sort: (a, b) => a.data('type').localeCompare(b.data('type')) },
      breadthfirst: { name: 'breadthfirst', animate: false, directed: false, roots: centre.nonempty() ? centre : undefined, spacingFactor: 1.1 },
      circle: { name: 'circle', animate: false },
      grid: { name: 'grid', animate: false },
    };
    const chosen = name === 'auto' || !opts[name] ? (els.nodes().length > 40 ? 'concentric' : 'cose') : name;
    els.layout({ ...opts[chosen], fit: false }).run();
    if (fit) c.fit(els, 30);
    labels();
  };
  // snapshot / undo: the graph, its data and the state, as before an action.
  const snapshot = () => {
    const c = cy.current;
    undoStack.current.push({
      nodes: new Map(nodes.current), rels: new Map(rels.current), st: state.current, paths: pathsRef.current,
      els: c.elements().jsons(), zoom: c.zoom(), pan: { ...c.pan() },
    });
    if (undoStack.current.length > 50) undoStack.current.shift();
    setUndoDepth(undoStack.current.length);
  };
  const undo = () => {
    const s = undoStack.current.pop();
    setUndoDepth(undoStack.current.length);
    if (!s) return;
    const c = cy.current;
    nodes.current = s.nodes;
    rels.current = s.rels;
    state.current = s.st;
    setSt(s.st);
    setPaths(s.paths);
    c.batch(() => { c.elements().remove(); c.add(s.els); });
    c.viewport({ zoom: s.zoom, pan: s.pan });
    setSelected(null);
    restyle();
    report();
  };

  const add = (sub) => {
    const c = cy.current;
    const added = [];
    for (const n of sub.nodes) {
      nodes.current.set(n.id, { ...(nodes.current.get(n.id) || {}), ...n });
      if (c.getElementById(n.id).empty()) {
        added.push(c.add({ group: 'nodes', data: { id: n.id, label: label(n), short: n.name, type: n.__typename, colour: typeColours[n.__typename] || '#868e96' } }));
      }
    }
    for (const r of sub.relationships) {
      const key = relKey(r);
      rels.current.set(key, { key, ...r });
      if (c.getElementById(key).empty() && nodes.current.has(r.from.id) && nodes.current.has(r.to.id)) {
        c.add({ group: 'edges', classes: r.implied ? 'implied' : '', data: { id: key, source: r.from.id, target: r.to.id, type: r.type } });
      }
    }
    return added;
  };

  const clear = () => {
    cy.current.elements().remove();
    nodes.current.clear();
    rels.current.clear();
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

  const search = (e, more) => {
    if (e) e.preventDefault();
    const q = more ? hits.q : term.trim();
    if (!q) return;
    guard('search', async () => {
      if (!more) {
        setHits(null);
        setStatus('Searching…');
      }
      try {
        const d = await run('ExplorerSearch', { q, after: more ? hits.next : null });
        const conn = d.searchConnection;
        const list = [...(more ? hits.list : []), ...conn.edges.map((x) => x.node)];
        setHits({ q, list, total: conn.totalCount, next: conn.pageInfo.hasNextPage ? conn.pageInfo.endCursor : null });
        setStatus(conn.totalCount
          ? `${list.length} of ${conn.totalCount} hits for “${q}”, best first. Pick one to see its neighborhood.`
          : `Nothing found for “${q}”. Try fewer characters, one word, or the English name.`);
      } catch (err) {
        setHits(null);
        setStatus('');
        throw err;
      }
    });
  };

  const open = (id, keep, opts = {}) => guard('neighborhood', async () => {
    const d = await run('ExplorerNeighborhood', { id, depth: 1 });
    if (!opts.noUndo && nodes.current.size) snapshot();
    const c = cy.current;
    if (!keep) {
      clear();
      setPaths(null);
      c.nodes().removeClass('path-end');
      setState((s) => ({ centre: id, expanded: [], gone: opts.keepGone ? s.gone : [], path: null }));
      state.current = { ...state.current, centre: id, expanded: [], path: null };
    } else {
      setState((s) => ({ expanded: s.expanded.includes(id) || s.centre === id ? s.expanded : [...s.expanded, id] }));
    }
    const before = c.nodes().length;
    add(d.neighborhood);
    if (!keep) {
      c.nodes().removeClass('centre');
      c.getElementById(id).addClass('centre');
    }
    restyle();
    if (!keep || c.nodes().length !== before) layout(state.current.layout, !opts.noFit);
    setStatus(`${nodes.current.size} entities, ${rels.current.size} relationships. Click a node or an edge for its evidence; use the legend to hide types.`);
    report();
    if (!opts.noSelect) await select({ kind: 'node', id });
  });

  const select = (sel) => guard('details', async () => {
    const c = cy.current;
    if (sel.kind === 'node') {
      const d = await run('ExplorerEntity', { id: sel.id });
      setSelected({ kind: 'node', entity: d.entity });
      c.elements().unselect();
      c.getElementById(sel.id).select();
    } else {
      setSelected({ kind: 'edge', rel: rels.current.get(sel.key) });
      c.elements().unselect();
      c.getElementById(sel.key).select();
    }
    labels();
  });

  const hide = (id) => {
    snapshot();
    setState((s) => ({ gone: [...s.gone, id] }));
    state.current = { ...state.current, gone: [...state.current.gone, id] };
    setSelected(null);
    restyle();
    report();
  };

  const toggleType = (t) => {
    const s = state.current;
    const hideTypes = s.hideTypes.includes(t) ? s.hideTypes.filter((x) => x !== t) : [...s.hideTypes, t];
    state.current = { ...s, hideTypes };
    setState({ hideTypes });
    restyle();
    report();
  };
  const toggleRel = (t) => {
    const s = state.current;
    const hideRels = s.hideRels.includes(t) ? s.hideRels.filter((x) => x !== t) : [...s.hideRels, t];
    state.current = { ...s, hideRels };
    setState({ hideRels });
    restyle();
    report();
  };
  const changeLayout = (name) => {
    state.current = { ...state.current, layout: name };
    setState({ layout: name });
    layout(name);
  };

  // showPath shows path i alone (null: all of them).
  const showPath = (i, list = pathsRef.current) => {
    const c = cy.current;
    if (!list) return;
    c.batch(() => {
      c.elements().removeClass('off-path');
      if (i !== null && list[i]) {
        const p = list[i];
        c.nodes().forEach((n) => n.toggleClass('off-path', !p.nodes.has(n.id())));
        c.edges().forEach((e) => e.toggleClass('off-path', !p.edges.has(e.id())));
      }
    });
    state.current = { ...state.current, path: i };
    setState({ path: i });
    layout(state.current.layout);
    report();
  };

  const showPaths = (ends = { from, to }, opts = {}) => guard('paths', async () => {
    setNotice(null);
    const d = await run('ExplorerPaths', { from: ends.from.id, to: ends.to.id });
    if (!d.paths.length) {
      setNotice(`No path of at most 4 hops between ${ends.from.name} and ${ends.to.name}. The graph is unchanged.`);
      return;
    }
    if (!opts.noUndo && nodes.current.size) snapshot();
    clear();
    for (const p of d.paths) add(p);
    const c = cy.current;
    c.elements().addClass('on-path');
    c.getElementById(ends.from.id).addClass('path-end');
    c.getElementById(ends.to.id).addClass('path-end');
    const list = d.paths.map((p) => ({
      length: p.length,
      nodes: new Set(p.nodes.map((n) => n.id)),
      edges: new Set(p.relationships.map(relKey)),
      names: p.nodes.map((n) => n.name),
    }));
    setPaths(list);
    state.current = { ...state.current, centre: null, expanded: [], gone: opts.keepGone ? state.current.gone : [] };
    setState({ centre: null, expanded: [], gone: state.current.gone });
    restyle();
    setStatus(`${d.paths.length} shortest path(s) of ${d.paths[0].length} hops between ${ends.from.name} and ${ends.to.name}. Step through them with Previous and Next.`);
    const first = opts.path === undefined ? 0 : opts.path;
    showPath(first, list);
  });

  // Restore the state of a link once.
  useEffect(() => {
    const s = initial;
    if (!s || (!s.centre && !(s.from && s.to))) return;
    (async () => {
      state.current = { ...emptyState(), ...s, expanded: [], gone: s.gone || [] };
      setSt(state.current);
      const ent = async (id) => (id ? (await run('ExplorerEntity', { id })).entity : null);
      const [f, t] = await Promise.all([ent(s.from), ent(s.to)]).catch(() => [null, null]);
      if (f) setFrom(f);
      if (t) setTo(t);
      if (s.centre) {
        await open(s.centre, false, { noUndo: true, keepGone: true, noSelect: true });
        for (const id of s.expanded || []) await open(id, true, { noUndo: true, noSelect: true });
        state.current = { ...state.current, gone: s.gone || [], hideTypes: s.hideTypes || [], hideRels: s.hideRels || [] };
        setSt(state.current);
        restyle();
        report();
        await select({ kind: 'node', id: s.centre });
      } else if (f && t) {
        await showPaths({ from: f, to: t }, { noUndo: true, keepGone: true, path: s.path === null || s.path === undefined ? 0 : s.path });
      }
    })();
  }, []);

  useEffect(() => {
    setState({ from: from ? from.id : null, to: to ? to.id : null });
  }, [from, to]);

  const ent = selected && selected.kind === 'node' ? selected.entity : null;
  const rel = selected && selected.kind === 'edge' ? selected.rel : null;
  const name = (id) => (nodes.current.get(id) || { name: id }).name;
  const zoomBy = (f) => {
    const c = cy.current;
    c.zoom({ level: Math.min(c.maxZoom(), Math.max(c.minZoom(), c.zoom() * f)), renderedPosition: { x: c.width() / 2, y: c.height() / 2 } });
  };
  return (
    <div className="hub-explorer" data-busy={busy ? 'true' : 'false'} data-layout={st.layout}>
      <aside className="hub-side">
        <form onSubmit={search} className="hub-search">
          <input id="explorer-search" type="search" value={term} placeholder="e.g. 胜利油田, 碳, reform, ccu" onChange={(e) => setTerm(e.target.value)} />
          <button id="explorer-search-button" type="submit" disabled={busy}>Search</button>
        </form>
        {error && <p className="hub-error" role="alert">{error}</p>}
        <p id="explorer-status" className="hub-muted" aria-live="polite">{status}</p>
        {hits && (
          <>
            <ul id="explorer-hits" className="hub-hits">
              {hits.list.map((h) => (
                <li key={h.entity.id}>
                  <button className="hub-hit" data-id={h.entity.id} onClick={() => open(h.entity.id, false)}>
                    <span className="hub-dot" style={{ background: typeColours[h.entity.__typename] }} />
                    {h.entity.name}
                  </button>
                  <span className="hub-muted"> {h.entity.__typename}{h.entity.nameEn ? ` · ${h.entity.nameEn}` : ''}</span>
                </li>
              ))}
            </ul>
            {hits.next && <button id="explorer-more" disabled={busy} onClick={() => search(null, true)}>More hits ({hits.total - hits.list.length} left)</button>}
          </>
        )}
        <div className="hub-paths">
          <div>From: <b id="path-from">{from ? from.name : '—'}</b></div>
          <div>To: <b id="path-to">{to ? to.name : '—'}</b></div>
          <button id="path-show" disabled={!from || !to || busy || from.id === to.id} onClick={() => showPaths()}>Show paths</button>
          {paths && (
            <div className="hub-path-steps">
              <div className="hub-actions">
                <button id="path-prev" disabled={st.path === null || st.path <= 0} onClick={() => showPath(st.path - 1)}>‹ Previous</button>
                <span id="path-current">{st.path === null ? `all ${paths.length}` : `${st.path + 1} of ${paths.length}`}</span>
                <button id="path-next" disabled={st.path === null || st.path >= paths.length - 1} onClick={() => showPath(st.path + 1)}>Next ›</button>
                <button id="path-all" onClick={() => showPath(st.path === null ? 0 : null)}>{st.path === null ? 'One at a time' : 'All paths'}</button>
              </div>
              <ol id="path-list" className="hub-path-list">
                {paths.map((p, i) => (
                  <li key={i} data-length={p.length} className={st.path === i ? 'hub-current' : ''}>
                    <button className="hub-link" onClick={() => showPath(i)}>{p.names.join(' → ')}</button>
                  </li>
                ))}
              </ol>
            </div>
          )}
        </div>
        {ent && (
          <div id="explorer-details" className="hub-details">
            <h3>{ent.name}</h3>
            <div className="hub-muted">{ent.__typename} · {ent.id}</div>
            {ent.nameEn && <div>{ent.nameEn}</div>}
            {ent.description && <p>{ent.description}</p>}
            <div className="hub-actions">
              <button id="node-expand" onClick={() => open(ent.id, true)}>Expand</button>
              <button id="node-hide" onClick={() => hide(ent.id)} disabled={!cy.current || cy.current.getElementById(ent.id).empty()}>Hide</button>
              <button id="node-centre" onClick={() => open(ent.id, false)}>Centre here</button>
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
        <div className="hub-legend-wrap">
          <h4>Entities <span className="hub-muted">(untick to hide)</span></h4>
          <ul className="hub-legend">
            {Object.entries(typeColours).map(([t, c]) => (
              <li key={t}>
                <label>
                  <input type="checkbox" data-legend-type={t} checked={!st.hideTypes.includes(t)} onChange={() => toggleType(t)} />
                  <span className="hub-dot" style={{ background: c }} />{t}{legend.types[t] ? ` (${legend.types[t]})` : ''}
                </label>
              </li>
            ))}
          </ul>
          {Object.keys(legend.rels).length > 0 && (
            <>
              <h4>Relationships</h4>
              <ul className="hub-legend">
                {Object.entries(legend.rels).sort().map(([t, n]) => (
                  <li key={t}>
                    <label><input type="checkbox" data-legend-rel={t} checked={!st.hideRels.includes(t)} onChange={() => toggleRel(t)} />{t} ({n})</label>
                  </li>
                ))}
              </ul>
            </>
          )}
          <ul className="hub-legend hub-lines">
            <li><svg width="34" height="8" aria-hidden="true"><line x1="0" y1="4" x2="34" y2="4" className="hub-line" /></svg> stated in the source</li>
            <li><svg width="34" height="8" aria-hidden="true"><line x1="0" y1="4" x2="34" y2="4" className="hub-line" strokeDasharray="5 4" /></svg> implied (dashed)</li>
            <li><svg width="34" height="8" aria-hidden="true"><line x1="0" y1="4" x2="34" y2="4" stroke="#f08c00" strokeWidth="3" /></svg> on a path</li>
          </ul>
        </div>
      </aside>
      <div className="hub-graph-wrap" ref={wrap}>
        <div className="hub-graph-tools" role="toolbar" aria-label="Graph">
          <button id="graph-zoom-in" title="Zoom in" aria-label="Zoom in" onClick={() => zoomBy(1.25)}>+</button>
          <button id="graph-zoom-out" title="Zoom out" aria-label="Zoom out" onClick={() => zoomBy(0.8)}>−</button>
          <button id="graph-fit" title="Fit the graph" onClick={() => cy.current.fit(cy.current.elements(':visible'), 30)}>Fit</button>
          <select id="graph-layout" value={st.layout} onChange={(e) => changeLayout(e.target.value)} aria-label="Layout">
            {Object.entries(layouts).map(([k, v]) => <option key={k} value={k}>{v}</option>)}
          </select>
          <button id="graph-undo" disabled={!undoDepth} onClick={undo} title="Undo the last hide, expand or new graph">↶ Undo</button>
        </div>
        {notice && (
          <div id="graph-notice" className="hub-notice" role="status">
            {notice} <button className="hub-link" onClick={() => setNotice(null)} aria-label="Dismiss">✕</button>
          </div>
        )}
        <div className="hub-graph" ref={box} id="explorer-graph" />
      </div>
    </div>
  );
}
