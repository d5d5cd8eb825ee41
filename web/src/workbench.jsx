import { useMemo, useEffect, useState, useRef } from 'react';
import { GraphiQL } from 'graphiql';
import { explorerPlugin } from '@graphiql/plugin-explorer';
import { useEditorContext, useExecutionContext, usePluginStore } from '@graphiql/react';
import { endpoint } from './api.js';

// ExamplesList is the content of the "Examples" plugin: one click loads an example into
// the editors and runs it.
function ExamplesList() {
  const [examples, setExamples] = useState(null);
  const [error, setError] = useState(null);
  const editors = useEditorContext({ nonNull: true });
  const exec = useExecutionContext({ nonNull: true });
  useEffect(() => {
    fetch('/examples.json').then((r) => r.json()).then(setExamples, (e) => setError(String(e)));
  }, []);
  const load = (ex) => {
    editors.queryEditor && editors.queryEditor.setValue(ex.query);
    editors.variableEditor && editors.variableEditor.setValue(ex.variables ? JSON.stringify(ex.variables, null, 2) : '');
    setTimeout(() => exec.run(), 0);
  };
  if (error) return <p>Could not load the examples: {error}</p>;
  if (!examples) return <p>Loading…</p>;
  return (
    <div className="hub-examples">
      <div className="graphiql-doc-explorer-title">Examples</div>
      <p>Questions about the corpus. One click loads the query and runs it.</p>
      <ul>
        {examples.map((ex, i) => (
          <li key={i}>
            <button className="hub-example" data-example={i} onClick={() => load(ex)}>{ex.title}</button>
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

// OpenExamples opens the examples pane once, after GraphiQL has settled its layout, by
// pressing its sidebar button (GraphiQL's visiblePlugin prop alone leaves the resizable pane
// collapsed).
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

export function Workbench({ onResult }) {
  const plugins = useMemo(() => [examplesPlugin, explorerPlugin({ showAttribution: false })], []);
  const report = useRef(onResult);
  report.current = onResult;
  const fetcher = useMemo(() => async (params, opts) => {
    const res = await fetch(endpoint, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json', ...(opts && opts.headers) },
      body: JSON.stringify(params),
    });
    const body = await res.json();
    if (params.operationName !== 'IntrospectionQuery') report.current(body);
    return body;
  }, []);
  return (
    <GraphiQL
      fetcher={fetcher}
      plugins={plugins}
      defaultQuery={'# Reform Hub: pick an example on the left, or write a query.\n# Ctrl-Enter runs it; Ctrl-Space completes.\n{\n  stats {\n    entityCounts { type count }\n  }\n}\n'}
      defaultEditorToolsVisibility="variables"
    >
      <GraphiQL.Logo>Reform Hub</GraphiQL.Logo>
      <GraphiQL.Footer><OpenExamples /></GraphiQL.Footer>
    </GraphiQL>
  );
}
