import { useMemo, useEffect, useState, useRef } from 'react';
import { GraphiQL } from 'graphiql';
import { explorerPlugin } from '@graphiql/plugin-explorer';
import { useEditorContext, useExecutionContext, usePluginStore } from '@graphiql/react';
import { parse, validate, buildClientSchema, getVariableValues, Kind } from 'graphql';
import { endpoint, gql } from './api.js';
import { dataVersion } from './dataversion.js';
import { token } from './token.js';
import { saved } from './saved.js';
import { download } from './export.js';

// operationNameOf returns the name of the first named operation of a query text.
const operationNameOf = (q) => {
  const m = /\b(?:query|mutation|subscription)\s+([_A-Za-z][_0-9A-Za-z]*)/.exec(q || '');
  return m ? m[1] : null;
};

// loadIntoEditors puts a query and variables in the editors and runs them. GraphiQL reads the
// operation name of an edited query 100 ms later; until then it would run the previous
// example's operation, so the name is set at once.
const phone = () => window.innerWidth <= 700;

function useLoad() {
  const editors = useEditorContext({ nonNull: true });
  const exec = useExecutionContext({ nonNull: true });
  return (query, variables, run) => {
    if (!editors.queryEditor) return;
    editors.queryEditor.setValue(query);
    editors.queryEditor.operationName = operationNameOf(query);
    if (editors.variableEditor) editors.variableEditor.setValue(variables || '');
    if (run) setTimeout(() => exec.run(), 0);
    if (phone()) { // on a phone the pane covers the editors: close it as its sidebar button would
      const b = document.querySelector('.graphiql-sidebar button[aria-label^="Hide "]');
      if (b) b.click();
    }
  };
}

// useDataVersion is the data version of the last response (null until one arrives; the first
// render asks the hub for it).
function useDataVersion() {
  const [v, setV] = useState(dataVersion.get());
  useEffect(() => {
    const off = dataVersion.subscribe(setV);
    const close = dataVersion.listen();
    if (dataVersion.get() === null) gql('query DataVersion { dataVersion { version } }').catch(() => {});
    return () => { off(); close(); };
  }, []);
  return v;
}

// DataVersionBadge shows the data version next to the logo; when a sync makes a new version
// live while the page is open (the hub's /events stream says so), it says that too.
function DataVersionBadge() {
  const v = useDataVersion();
  if (v === null) return null;
  const fresh = dataVersion.announced() === v;
  return <span id="hub-data-version" className={'hub-data-version' + (fresh ? ' hub-data-version-new' : '')}
    data-new={fresh ? 'true' : 'false'}
    title={fresh ? 'A sync made this data version live while the page was open: run a query again to see it, or ask what changed since the version before'
      : 'The data version of the graph (extensions.dataVersion of every response; the hub announces new ones as syncs make them live)'}>
    data version {v}{fresh ? ' — new' : ''}</span>;
}

// ViewerBadge shows who the page reads as (the viewer field: anonymous, or the token's
// subject and groups) and lets the analyst paste a token, kept for this tab only.
function ViewerBadge() {
  const [viewer, setViewer] = useState(null);
  const [error, setError] = useState(null);
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState('');
  const refresh = () => gql('query Viewer { viewer { signedIn subject groups } }')
    .then((d) => { setViewer(d.viewer); setError(null); }, (e) => { setViewer(null); setError(String(e.message || e)); });
  useEffect(() => {
    refresh();
    return token.subscribe(refresh);
  }, []);
  const who = error ? 'token refused' : !viewer ? '…' : viewer.signedIn
    ? `${viewer.subject || 'signed in'}${viewer.groups.length ? ` (${viewer.groups.join(', ')})` : ''}` : 'anonymous';
  const use = (e) => {
    e.preventDefault();
    token.set(draft);
    setDraft('');
    setEditing(false);
  };
  return <span className="hub-viewer">
    <button type="button" id="hub-viewer" className={'hub-viewer-who' + (error ? ' hub-viewer-error' : '')}
      title={error || 'Who the queries run as. Click to paste a token (kept for this tab only) or to sign out.'}
      onClick={() => setEditing(!editing)}>{who}</button>
    {editing && <form className="hub-viewer-form" onSubmit={use}>
      <input id="hub-token" type="password" autoComplete="off" placeholder="paste a token (JWT)" value={draft}
        onChange={(e) => setDraft(e.target.value)} aria-label="Token" />
      <button type="submit" id="hub-token-use">Use</button>
      {token.get() && <button type="button" id="hub-token-clear" onClick={() => { token.set(''); setEditing(false); }}>Sign out</button>}
    </form>}
  </span>;
}

// exampleVariables are the variables an example runs with: an example marked sinceLatest asks
// for the changes of the current version (since: N-1).
function exampleVariables(ex, version) {
  let vars = ex.variables;
  if (ex.sinceLatest && version !== null) vars = { ...vars, since: Math.max(version - 1, 0) };
  return vars ? JSON.stringify(vars, null, 2) : '';
}

// ExamplesList is the content of the "Examples" plugin: one click loads an example into
// the editors and runs it.
function ExamplesList() {
  const [examples, setExamples] = useState(null);
  const [error, setError] = useState(null);
  const load = useLoad();
  const version = useDataVersion();
  useEffect(() => {
    fetch('/examples.json').then((r) => r.json()).then(setExamples, (e) => setError(String(e)));
  }, []);
  if (error) return <p>Could not load the examples: {error}</p>;
  if (!examples) return <p>Loading…</p>;
  return (
    <div className="hub-examples">
      <div className="graphiql-doc-explorer-title">Examples</div>
      <p>Questions about the corpus. One click loads the query and runs it.</p>
      <ul>
        {examples.map((ex, i) => (
          <li key={i}>
            <button className="hub-example" data-example={i}
              onClick={() => load(ex.query, exampleVariables(ex, version), true)}>{ex.title}</button>
            <div className="hub-example-desc">{ex.description}</div>
          </li>
        ))}
      </ul>
    </div>
  );
}

const examplesPlugin = {
  title: 'Examples',
  icon: () => <span className="hub-icon" aria-hidden="true">★</span>,
  content: ExamplesList,
};

// SavedList is the content of the "Saved queries" plugin: name and save what the editors
// hold, load or delete a saved query, export them all to a file and import such a file.
function SavedList() {
  const [list, setList] = useState(saved.list());
  const [name, setName] = useState('');
  const [note, setNote] = useState(null);
  const load = useLoad();
  useEffect(() => saved.subscribe(setList), []);
  const importFile = async (e) => {
    const f = e.target.files && e.target.files[0];
    if (!f) return;
    try {
      setNote(`${saved.importText(await f.text())} queries imported.`);
    } catch (err) {
      setNote(`Not imported: ${err.message}`);
    }
    e.target.value = '';
  };
  return (
    <div className="hub-saved">
      <div className="graphiql-doc-explorer-title">Saved queries</div>
      <form onSubmit={(e) => { e.preventDefault(); if (saved.save(name)) setName(''); }}>
        <input id="saved-name" value={name} placeholder="Name of the current query" onChange={(e) => setName(e.target.value)} />
        <button id="saved-save" type="submit" disabled={!name.trim()}>Save</button>
      </form>
      <ul>
        {list.map((q) => (
          <li key={q.name}>
            <button className="hub-example" onClick={() => load(q.query, q.variables, false)}>{q.name}</button>
            <button className="hub-link" aria-label={`Delete ${q.name}`} onClick={() => saved.remove(q.name)}>delete</button>
          </li>
        ))}
      </ul>
      {!list.length && <p className="hub-muted">No saved queries yet.</p>}
      <div className="hub-actions">
        <button id="saved-export" disabled={!list.length}
          onClick={() => download('reformhub-saved-queries.json', 'application/json', saved.exportText())}>Export file</button>
        <label className="hub-file">Import file<input id="saved-import" type="file" accept="application/json,.json" onChange={importFile} /></label>
      </div>
      {note && <p className="hub-muted">{note}</p>}
    </div>
  );
}

const savedPlugin = {
  title: 'Saved queries',
  icon: () => <span className="hub-icon" aria-hidden="true">⎘</span>,
  content: SavedList,
};

// OpenExamples opens the examples pane once, after GraphiQL has settled its layout, by
// pressing its sidebar button (GraphiQL's visiblePlugin prop alone leaves the resizable pane
// collapsed). On a phone the pane covers the editors until an example is picked.
function OpenExamples() {
  const visible = usePluginStore((s) => s.visiblePlugin);
  const done = useRef(false);
  useEffect(() => {
    if (done.current) return undefined;
    const t = setTimeout(() => {
      done.current = true;
      const button = document.querySelector('button[aria-label="Show Examples"]');
      if (button && !visible) button.click();
    }, 100);
    return () => clearTimeout(t);
  }, [visible]);
  return null;
}

// TabWatcher reports the result of the tab on screen (null while it has none): what the
// results table, the charts and the export buttons show. It also tells saved queries what the
// editors hold.
function TabWatcher({ onResult }) {
  const editors = useEditorContext({ nonNull: true });
  const tab = editors.tabs[editors.activeTabIndex];
  const response = tab ? tab.response : null;
  const report = useRef(onResult);
  report.current = onResult;
  useEffect(() => {
    let r = null;
    if (response) {
      try {
        r = JSON.parse(response);
      } catch {
        r = null;
      }
    }
    report.current(r);
  }, [response, editors.activeTabIndex]);
  useEffect(() => {
    saved.setSource(() => ({
      query: editors.queryEditor ? editors.queryEditor.getValue() : '',
      variables: editors.variableEditor ? editors.variableEditor.getValue() : '',
    }));
  }, [editors.queryEditor, editors.variableEditor]);
  return null;
}

// defaultScalar is what the explorer plugin puts in an argument it adds: neutral values
// (0, not graphiql-explorer's 1.5), the usual page sizes, and the corpus's year.
export function defaultScalar(field, arg, type) {
  const name = (arg && arg.name) || '';
  if (type && typeof type.getValues === 'function') {
    const v = type.getValues()[0];
    return { kind: Kind.ENUM, value: v ? v.name : '' };
  }
  switch (type && type.name) {
    case 'Int': {
      const ints = { limit: '10', first: '10', depth: '1', maxHops: '4', year: '2021' };
      return { kind: Kind.INT, value: ints[name] || '0' };
    }
    case 'Float':
      return { kind: Kind.FLOAT, value: '0' };
    case 'Boolean':
      return { kind: Kind.BOOLEAN, value: true };
    default:
      return { kind: Kind.STRING, value: '' };
  }
}
window.__hubExplorerDefault = (type, argName) => defaultScalar(null, { name: argName || '' }, type).value; // for the e2e tests

// localErrors validates a request against the schema in the page, so that a query the hub
// would refuse (422) is answered here: GraphiQL shows the same errors and the browser logs no
// failed request.
function localErrors(schema, params) {
  let doc;
  try {
    doc = parse(params.query);
  } catch (e) {
    return [{ message: e.message, locations: e.locations, extensions: { code: 'GRAPHQL_PARSE_FAILED' } }];
  }
  const errs = validate(schema, doc);
  if (errs.length) return errs.map((e) => ({ message: e.message, locations: e.locations, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }));
  const ops = doc.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
  const op = params.operationName ? ops.find((o) => o.name && o.name.value === params.operationName) : ops.length === 1 ? ops[0] : null;
  if (!op) {
    const message = params.operationName ? `operation ${params.operationName} not found` : 'the document holds several operations: name the one to run';
    return [{ message, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }];
  }
  const vars = getVariableValues(schema, op.variableDefinitions || [], params.variables || {});
  if (vars.errors) return vars.errors.map((e) => ({ message: e.message, locations: e.locations, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }));
  return null;
}

export function Workbench({ onResult, initial, onEdit }) {
  const plugins = useMemo(() => [examplesPlugin, savedPlugin, explorerPlugin({ showAttribution: false, getDefaultScalarArgValue: defaultScalar })], []);
  const schema = useRef(null);
  const fetcher = useMemo(() => async (params, opts) => {
    if (schema.current && params.operationName !== 'IntrospectionQuery') {
      const errors = localErrors(schema.current, params);
      if (errors) return { errors };
    }
    const res = await fetch(endpoint, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json', ...token.headers(), ...(opts && opts.headers) },
      body: JSON.stringify(params),
    });
    const body = await res.json();
    dataVersion.note(body);
    if (params.operationName === 'IntrospectionQuery' && body.data) {
      try {
        schema.current = buildClientSchema(body.data);
      } catch {
        schema.current = null;
      }
    }
    return body;
  }, []);
  const edits = useRef({ query: initial.query || '', variables: initial.variables || '' });
  const edited = (k) => (v) => {
    edits.current = { ...edits.current, [k]: v };
    onEdit(edits.current);
  };
  return (
    <GraphiQL
      fetcher={fetcher}
      plugins={plugins}
      query={initial.query || undefined}
      variables={initial.variables || undefined}
      onEditQuery={edited('query')}
      onEditVariables={edited('variables')}
      defaultQuery={'# Reform Hub: pick an example on the left, or write a query.\n# Ctrl-Enter runs it; Ctrl-Space completes.\n{\n  stats {\n    entityCounts { type count }\n  }\n}\n'}
      defaultEditorToolsVisibility="variables"
    >
      <GraphiQL.Logo>Reform Hub <DataVersionBadge /> <ViewerBadge /></GraphiQL.Logo>
      <GraphiQL.Footer><OpenExamples /><TabWatcher onResult={onResult} /></GraphiQL.Footer>
    </GraphiQL>
  );
}
