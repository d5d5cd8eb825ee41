// Reform Hub — GraphQL playground.
//
// Plain ES2020, no dependencies and nothing loaded from outside the hub. The page posts
// {query, variables, operationName} as JSON to the endpoint named by <body data-endpoint>,
// lists the schema through the standard introspection query, and keeps the editors'
// contents in localStorage.
"use strict";

(() => {
  const STORE_QUERY = "reformhub.playground.query";
  const STORE_VARIABLES = "reformhub.playground.variables";
  const STORE_SCHEMA_HIDDEN = "reformhub.playground.schemaHidden";
  // Above this many characters a result is shown as plain text, without highlighting.
  const HIGHLIGHT_LIMIT = 400000;

  const byId = (id) => document.getElementById(id);
  const endpoint = (document.body.dataset.endpoint || "").trim() || "/graphql";

  const ui = {
    layout: byId("layout"),
    endpointLink: byId("endpoint-link"),
    schemaToggle: byId("schema-toggle"),
    examples: byId("examples"),
    operationField: byId("operation-field"),
    operation: byId("operation"),
    run: byId("run"),
    query: byId("query"),
    variables: byId("variables"),
    variablesError: byId("variables-error"),
    status: byId("status"),
    errors: byId("errors"),
    output: byId("output"),
    resultPane: document.querySelector(".pane.result"),
    schemaPanel: byId("schema-panel"),
    schemaBody: byId("schema-body"),
    schemaFilter: byId("schema-filter"),
    schemaSearch: byId("schema-search"),
    schemaReload: byId("schema-reload"),
  };

  // ---------------------------------------------------------------- small helpers

  function el(tag, props, ...children) {
    const node = document.createElement(tag);
    if (props) {
      for (const [key, value] of Object.entries(props)) {
        if (value === undefined || value === null || value === false) continue;
        if (key === "class") node.className = value;
        else if (key === "text") node.textContent = value;
        else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
        else node.setAttribute(key, value === true ? "" : String(value));
      }
    }
    for (const child of children) {
      if (child !== undefined && child !== null && child !== false) node.append(child);
    }
    return node;
  }

  function storageGet(key) {
    try {
      return window.localStorage.getItem(key);
    } catch {
      return null;
    }
  }

  function storageSet(key, value) {
    try {
      window.localStorage.setItem(key, value);
    } catch {
      // Storage may be full or disabled; the playground works without it.
    }
  }

  function debounce(fn, ms) {
    let timer = 0;
    return (...args) => {
      clearTimeout(timer);
      timer = setTimeout(() => fn(...args), ms);
    };
  }

  function formatBytes(n) {
    if (n < 1024) return `${n} B`;
    if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} kB`;
    return `${(n / 1024 / 1024).toFixed(1)} MB`;
  }

  function plural(n, word) {
    return `${n} ${word}${n === 1 ? "" : "s"}`;
  }

  // ---------------------------------------------------------------- editors

  // insertText replaces the selection, keeping the browser's undo history where it can.
  function insertText(ta, text) {
    ta.focus();
    let done = false;
    try {
      done = document.execCommand("insertText", false, text);
    } catch {
      done = false;
    }
    if (!done) {
      ta.setRangeText(text, ta.selectionStart, ta.selectionEnd, "end");
      ta.dispatchEvent(new Event("input", { bubbles: true }));
    }
  }

  function lineStartOf(value, pos) {
    return value.lastIndexOf("\n", pos - 1) + 1;
  }

  // indent handles Tab and Shift+Tab: two spaces at the cursor, or (with a selection over
  // several lines) on every selected line.
  function indent(ta, outdent) {
    const { value, selectionStart: start, selectionEnd: end } = ta;
    const multiline = value.slice(start, end).includes("\n");
    if (!multiline && !outdent) {
      insertText(ta, "  ");
      return;
    }
    const from = lineStartOf(value, start);
    let last = end;
    if (multiline && value[last - 1] === "\n") last -= 1;
    let to = value.indexOf("\n", last);
    if (to < 0) to = value.length;
    const lines = value.slice(from, to).split("\n");
    const changed = lines.map((line) => {
      if (outdent) return line.replace(/^ {1,2}/, "");
      return line.length ? `  ${line}` : line;
    });
    const text = changed.join("\n");
    if (text === value.slice(from, to)) return;
    const firstShift = changed[0].length - lines[0].length;
    ta.setSelectionRange(from, to);
    insertText(ta, text);
    if (multiline) {
      ta.setSelectionRange(from, from + text.length);
    } else {
      const pos = Math.max(from, start + firstShift);
      ta.setSelectionRange(pos, pos);
    }
  }

  // newline keeps the current line's indentation, and adds a level after "{", "(" or "[".
  function newline(ta) {
    const { value, selectionStart: start } = ta;
    const from = lineStartOf(value, start);
    const current = value.slice(from, start);
    let pad = /^[ \t]*/.exec(current)[0];
    const before = current.trimEnd();
    if (/[{([]$/.test(before)) pad += "  ";
    insertText(ta, `\n${pad}`);
  }

  // closeBracket types a closing bracket on a line of only indentation one level less
  // indented, so that "}" lines up with the line that opened the block. It reports whether it
  // did; otherwise the key is typed as usual.
  function closeBracket(ta, char) {
    const { value, selectionStart: start, selectionEnd: end } = ta;
    if (start !== end) return false;
    const before = value.slice(lineStartOf(value, start), start);
    if (before.length < 2 || !/^ +$/.test(before)) return false;
    ta.setSelectionRange(start - 2, start);
    insertText(ta, char);
    return true;
  }

  function setupEditor(ta) {
    let tabLeaves = false;
    ta.addEventListener("keydown", (event) => {
      if (event.isComposing || event.keyCode === 229) return; // an IME is composing
      if (event.key === "Escape") {
        tabLeaves = true; // the next Tab moves focus instead of indenting
        return;
      }
      const leave = tabLeaves;
      tabLeaves = false;
      if (event.key === "Tab" && !event.ctrlKey && !event.metaKey && !event.altKey) {
        if (leave) return;
        event.preventDefault();
        indent(ta, event.shiftKey);
      } else if (event.key === "Enter" && !event.ctrlKey && !event.metaKey && !event.altKey && !event.shiftKey) {
        event.preventDefault();
        newline(ta);
      } else if ((event.key === "}" || event.key === "]" || event.key === ")") && !event.ctrlKey && !event.metaKey && !event.altKey) {
        if (closeBracket(ta, event.key)) event.preventDefault();
      }
    });
    ta.addEventListener("blur", () => {
      tabLeaves = false;
    });
  }

  // ---------------------------------------------------------------- operations

  // findOperations scans a GraphQL document for its top-level operations without a full
  // parser: it skips strings and comments, and tracks braces and parentheses. It returns
  // [{type, name, start, end}] in source order; fragments are left out.
  function findOperations(src) {
    const ops = [];
    const n = src.length;
    let depth = 0; // braces
    let parens = 0; // parentheses outside any selection set
    let pending = null; // a definition whose body has not opened yet
    let current = null; // the top-level definition whose body is open
    let i = 0;
    while (i < n) {
      const c = src[i];
      if (c === "#") {
        const eol = src.indexOf("\n", i);
        i = eol < 0 ? n : eol + 1;
        continue;
      }
      if (c === '"') {
        if (src.startsWith('"""', i)) {
          let j = i + 3;
          for (;;) {
            const close = src.indexOf('"""', j);
            if (close < 0) {
              j = n;
              break;
            }
            if (src[close - 1] === "\\") {
              j = close + 3;
              continue;
            }
            j = close + 3;
            break;
          }
          i = j;
        } else {
          let j = i + 1;
          while (j < n && src[j] !== '"' && src[j] !== "\n") j += src[j] === "\\" ? 2 : 1;
          i = j + 1;
        }
        if (pending) pending.expectName = false;
        continue;
      }
      if (depth === 0 && c === "(") parens += 1;
      else if (depth === 0 && c === ")") parens = Math.max(0, parens - 1);
      else if (c === "{") {
        if (depth === 0 && parens === 0) {
          current = pending || { kind: "operation", type: "query", name: "", start: i };
          pending = null;
        }
        depth += 1;
      } else if (c === "}") {
        depth = Math.max(0, depth - 1);
        if (depth === 0 && parens === 0 && current) {
          current.end = i + 1;
          if (current.kind === "operation") ops.push(current);
          current = null;
        }
      } else if (/[_A-Za-z]/.test(c)) {
        let j = i + 1;
        while (j < n && /[_0-9A-Za-z]/.test(src[j])) j += 1;
        const word = src.slice(i, j);
        if (depth === 0 && parens === 0) {
          if (pending && pending.expectName) {
            pending.name = word;
            pending.expectName = false;
          } else if (word === "query" || word === "mutation" || word === "subscription") {
            pending = { kind: "operation", type: word, name: "", start: i, expectName: true };
          } else if (word === "fragment") {
            pending = { kind: "fragment", type: word, name: "", start: i, expectName: true };
          }
        }
        i = j;
        continue;
      }
      if (pending && !/\s|,/.test(c)) pending.expectName = false;
      i += 1;
    }
    if (current && current.kind === "operation") {
      current.end = n;
      ops.push(current);
    }
    return ops.map(({ type, name, start, end }) => ({ type, name, start, end }));
  }

  let operations = [];

  function refreshOperations() {
    operations = findOperations(ui.query.value);
    if (operations.length < 2) {
      ui.operationField.hidden = true;
      ui.operation.replaceChildren();
      return;
    }
    const previous = ui.operation.value;
    const previousName = ui.operation.selectedOptions[0]?.dataset.name;
    ui.operation.replaceChildren(
      ...operations.map((op, index) =>
        el("option", { value: String(index), "data-name": op.name, text: op.name || `(anonymous ${op.type})` }),
      ),
    );
    const keep = operations.findIndex((op) => op.name && op.name === previousName);
    if (keep >= 0) ui.operation.value = String(keep);
    else if (previous && Number(previous) < operations.length) ui.operation.value = previous;
    ui.operationField.hidden = false;
    followCursor();
  }

  // followCursor selects the operation the query editor's cursor is in.
  function followCursor() {
    if (operations.length < 2) return;
    const pos = ui.query.selectionStart;
    const index = operations.findIndex((op) => pos >= op.start && pos <= op.end);
    if (index >= 0) ui.operation.value = String(index);
  }

  function selectedOperationName() {
    if (operations.length < 2) return null;
    const op = operations[Number(ui.operation.value)];
    return op && op.name ? op.name : null;
  }

  // ---------------------------------------------------------------- variables

  function parseVariables() {
    const text = ui.variables.value.trim();
    if (!text) return { ok: true, value: null };
    let value;
    try {
      value = JSON.parse(text);
    } catch (err) {
      return { ok: false, message: `Variables are not valid JSON: ${describeJSONError(err, text)}` };
    }
    if (value === null || typeof value !== "object" || Array.isArray(value)) {
      return { ok: false, message: 'Variables must be a JSON object, such as {"id": "leader/…"}, or empty.' };
    }
    return { ok: true, value };
  }

  function describeJSONError(err, text) {
    let message = String((err && err.message) || err).replace(/^JSON\.parse:\s*/, "");
    const at = /position (\d+)/.exec(message);
    if (at && !/line \d+/.test(message)) {
      const pos = Number(at[1]);
      const line = text.slice(0, pos).split("\n").length;
      const column = pos - lineStartOf(text, pos) + 1;
      message += ` (line ${line}, column ${column})`;
    }
    return message;
  }

  function showVariablesError(result) {
    const bad = !result.ok;
    ui.variablesError.hidden = !bad;
    ui.variablesError.textContent = bad ? result.message : "";
    ui.variables.classList.toggle("invalid", bad);
    if (bad) ui.variables.setAttribute("aria-invalid", "true");
    else ui.variables.removeAttribute("aria-invalid");
  }

  const validateVariablesSoon = debounce(() => showVariablesError(parseVariables()), 400);

  // ---------------------------------------------------------------- result

  function setStatus(kind, parts) {
    ui.status.className = `status status-${kind}`;
    ui.status.replaceChildren(
      ...parts.map((part, index) => {
        const item = typeof part === "string" ? el("span", { text: part }) : part;
        return index === 0 ? item : [el("span", { class: "sep", "aria-hidden": "true", text: "·" }), item];
      }).flat(),
    );
  }

  // highlightJSON pretty-prints a value as DOM nodes: keys, strings, numbers, booleans and
  // null get their own classes, and the top-level "errors" member is marked.
  function highlightJSON(value) {
    const root = document.createDocumentFragment();
    let target = root;
    let buf = "";
    const flush = () => {
      if (buf) {
        target.append(buf);
        buf = "";
      }
    };
    const token = (cls, text) => {
      flush();
      target.append(el("span", { class: cls, text }));
    };
    const walk = (v, pad) => {
      if (v === null) token("j-null", "null");
      else if (typeof v === "string") token("j-str", JSON.stringify(v));
      else if (typeof v === "number") token("j-num", String(v));
      else if (typeof v === "boolean") token("j-bool", String(v));
      else if (Array.isArray(v)) {
        if (!v.length) {
          buf += "[]";
          return;
        }
        buf += "[\n";
        v.forEach((item, i) => {
          buf += `${pad}  `;
          walk(item, `${pad}  `);
          buf += i < v.length - 1 ? ",\n" : "\n";
        });
        buf += `${pad}]`;
      } else if (typeof v === "object") {
        const keys = Object.keys(v);
        if (!keys.length) {
          buf += "{}";
          return;
        }
        buf += "{\n";
        keys.forEach((key, i) => {
          buf += `${pad}  `;
          const mark = pad === "" && key === "errors";
          const outer = target;
          if (mark) {
            flush();
            target = el("span", { class: "j-errors" });
            outer.append(target);
          }
          token("j-key", JSON.stringify(key));
          buf += ": ";
          walk(v[key], `${pad}  `);
          if (mark) {
            flush();
            target = outer;
          }
          buf += i < keys.length - 1 ? ",\n" : "\n";
        });
        buf += `${pad}}`;
      } else {
        buf += String(v);
      }
    };
    walk(value, "");
    flush();
    return root;
  }

  function renderErrors(errors) {
    if (!Array.isArray(errors) || !errors.length) {
      ui.errors.hidden = true;
      ui.errors.replaceChildren();
      return;
    }
    const items = errors.map((e) => {
      const message = e && typeof e.message === "string" ? e.message : JSON.stringify(e);
      const details = [];
      if (e && Array.isArray(e.path) && e.path.length) details.push(`path ${e.path.join(".")}`);
      if (e && Array.isArray(e.locations) && e.locations.length) {
        details.push(e.locations.map((l) => `line ${l.line}, column ${l.column}`).join("; "));
      }
      const code = e && e.extensions && e.extensions.code;
      return el(
        "li",
        null,
        code ? el("span", { class: "err-code", text: String(code) }) : null,
        el("span", { class: "err-message", text: message }),
        details.length ? el("span", { class: "err-where", text: details.join(" · ") }) : null,
      );
    });
    ui.errors.replaceChildren(el("h3", { text: plural(errors.length, "error") }), el("ul", null, ...items));
    ui.errors.hidden = false;
  }

  function renderResponse(res, ms, text) {
    let body;
    let parsed = false;
    try {
      body = JSON.parse(text);
      parsed = true;
    } catch {
      parsed = false;
    }
    const errors = parsed && body && Array.isArray(body.errors) ? body.errors : [];
    const hasData = parsed && body && body.data !== undefined && body.data !== null;
    let kind = "ok";
    if (!res.ok || !parsed || (errors.length && !hasData)) kind = "error";
    else if (errors.length) kind = "partial";

    const parts = [
      el("span", { class: "badge", text: `HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ""}` }),
      `${ms} ms`,
      formatBytes(new TextEncoder().encode(text).length),
    ];
    if (errors.length) parts.push(el("span", { class: "err-count", text: plural(errors.length, "error") }));
    if (!parsed && text) parts.push("not JSON");
    setStatus(kind, parts);
    renderErrors(errors);

    ui.output.classList.toggle("has-errors", kind === "error");
    if (parsed && text.length <= HIGHLIGHT_LIMIT) {
      ui.output.replaceChildren(highlightJSON(body));
    } else if (parsed) {
      ui.output.textContent = JSON.stringify(body, null, 2);
    } else {
      ui.output.textContent = text || "(empty response body)";
    }
    ui.output.scrollTop = 0;
  }

  // ---------------------------------------------------------------- running

  let inflight = null;

  function setBusy(busy) {
    ui.resultPane.setAttribute("aria-busy", busy ? "true" : "false");
    ui.run.classList.toggle("busy", busy);
  }

  async function run() {
    const variables = parseVariables();
    showVariablesError(variables);
    if (!variables.ok) {
      setStatus("error", ["Not sent: fix the variables first"]);
      ui.variables.focus();
      return;
    }
    const query = ui.query.value;
    if (!query.trim()) {
      setStatus("error", ["Not sent: the query is empty"]);
      ui.query.focus();
      return;
    }
    refreshOperations();
    const operationName = selectedOperationName();

    if (inflight) inflight.abort();
    const controller = new AbortController();
    inflight = controller;
    setBusy(true);
    setStatus("busy", [operationName ? `Running ${operationName}…` : "Running…"]);

    const started = performance.now();
    let res;
    let text;
    try {
      res = await fetch(endpoint, {
        method: "POST",
        headers: { "Content-Type": "application/json", Accept: "application/json" },
        body: JSON.stringify({ query, variables: variables.value, operationName }),
        credentials: "same-origin",
        signal: controller.signal,
      });
      text = await res.text();
    } catch (err) {
      if (controller.signal.aborted) return; // a newer run replaced this one
      const ms = Math.round(performance.now() - started);
      setStatus("error", [el("span", { class: "badge", text: "No response" }), `${ms} ms`]);
      renderErrors([]);
      ui.output.classList.add("has-errors");
      ui.output.textContent = `The request to ${endpoint} failed: ${err && err.message ? err.message : err}`;
      return;
    } finally {
      if (inflight === controller) {
        inflight = null;
        setBusy(false);
      }
    }
    renderResponse(res, Math.round(performance.now() - started), text);
  }

  // ---------------------------------------------------------------- examples

  let examples = [];

  function setQuery(text) {
    ui.query.value = text;
    storageSet(STORE_QUERY, text);
    refreshOperations();
  }

  async function loadExamples() {
    try {
      const res = await fetch("examples.json", { cache: "no-cache" });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      const list = await res.json();
      examples = Array.isArray(list) ? list.filter((e) => e && typeof e.query === "string") : [];
    } catch {
      examples = [];
    }
    if (!examples.length) {
      ui.examples.replaceChildren(el("option", { value: "", text: "No examples available" }));
      ui.examples.disabled = true;
      return;
    }
    ui.examples.append(
      ...examples.map((e, index) => el("option", { value: String(index), text: `${index + 1}. ${e.title}` })),
    );
  }

  function applyExample(index) {
    const example = examples[index];
    if (!example) return;
    setQuery(example.query);
    ui.variables.value = example.variables ? JSON.stringify(example.variables, null, 2) : "{}";
    storageSet(STORE_VARIABLES, ui.variables.value);
    showVariablesError({ ok: true });
    ui.query.focus();
    ui.query.setSelectionRange(0, 0);
    ui.query.scrollTop = 0;
  }

  // ---------------------------------------------------------------- schema

  const INTROSPECTION_QUERY = `query IntrospectionQuery {
  __schema {
    queryType { name }
    mutationType { name }
    subscriptionType { name }
    types { ...FullType }
    directives {
      name
      description
      locations
      args { ...InputValue }
    }
  }
}

fragment FullType on __Type {
  kind
  name
  description
  fields(includeDeprecated: true) {
    name
    description
    args { ...InputValue }
    type { ...TypeRef }
    isDeprecated
    deprecationReason
  }
  inputFields { ...InputValue }
  interfaces { ...TypeRef }
  enumValues(includeDeprecated: true) {
    name
    description
    isDeprecated
    deprecationReason
  }
  possibleTypes { ...TypeRef }
}

fragment InputValue on __InputValue {
  name
  description
  type { ...TypeRef }
  defaultValue
}

fragment TypeRef on __Type {
  kind
  name
  ofType {
    kind
    name
    ofType {
      kind
      name
      ofType {
        kind
        name
        ofType {
          kind
          name
          ofType {
            kind
            name
            ofType {
              kind
              name
              ofType {
                kind
                name
              }
            }
          }
        }
      }
    }
  }
}`;

  const KIND_LABELS = {
    OBJECT: "type",
    INTERFACE: "interface",
    UNION: "union",
    ENUM: "enum",
    INPUT_OBJECT: "input",
    SCALAR: "scalar",
  };

  const schema = {
    data: null, // the __schema object
    types: new Map(),
    view: null, // null for the overview, or a type name
    history: [],
  };

  function schemaMessage(title, detail) {
    ui.schemaBody.replaceChildren(
      el("div", { class: "notice" }, el("p", { class: "notice-title", text: title }), detail ? el("p", { class: "muted", text: detail }) : null),
    );
  }

  async function loadSchema() {
    schemaMessage("Loading schema…");
    ui.schemaFilter.hidden = true;
    let reason = "";
    try {
      const res = await fetch(endpoint, {
        method: "POST",
        headers: { "Content-Type": "application/json", Accept: "application/json" },
        body: JSON.stringify({ query: INTROSPECTION_QUERY, variables: null, operationName: "IntrospectionQuery" }),
        credentials: "same-origin",
      });
      const text = await res.text();
      let body = null;
      try {
        body = JSON.parse(text);
      } catch {
        body = null;
      }
      const data = body && body.data && body.data.__schema;
      if (res.ok && data && Array.isArray(data.types)) {
        schema.data = data;
        schema.types = new Map(data.types.map((t) => [t.name, t]));
        schema.view = null;
        schema.history = [];
        ui.schemaFilter.hidden = false;
        renderSchema();
        return;
      }
      const firstError = body && Array.isArray(body.errors) && body.errors[0] && body.errors[0].message;
      reason = `HTTP ${res.status}${firstError ? `: ${firstError}` : ""}`;
    } catch (err) {
      reason = err && err.message ? err.message : String(err);
    }
    schema.data = null;
    schema.types = new Map();
    schemaMessage(
      "schema introspection is disabled",
      `The server did not answer the introspection query (${reason}). Queries still run.`,
    );
  }

  function typeLink(name) {
    return el("button", {
      type: "button",
      class: "type-link",
      text: name,
      title: `Show type ${name}`,
      onclick: () => showType(name),
    });
  }

  // typeRef renders a type reference such as [Leader!]! with its named type as a link.
  function typeRef(ref) {
    const span = el("span", { class: "type-ref" });
    const wrap = (r) => {
      if (!r) return;
      if (r.kind === "NON_NULL") {
        wrap(r.ofType);
        span.append("!");
      } else if (r.kind === "LIST") {
        span.append("[");
        wrap(r.ofType);
        span.append("]");
      } else {
        span.append(schema.types.has(r.name) ? typeLink(r.name) : el("span", { text: r.name }));
      }
    };
    wrap(ref);
    return span;
  }

  function argsList(args) {
    if (!args || !args.length) return null;
    const span = el("span", { class: "args" }, "(");
    args.forEach((arg, i) => {
      if (i) span.append(", ");
      span.append(el("span", { class: "arg-name", text: arg.name }), ": ", typeRef(arg.type));
      if (arg.defaultValue !== null && arg.defaultValue !== undefined) {
        span.append(el("span", { class: "default", text: ` = ${arg.defaultValue}` }));
      }
    });
    span.append(")");
    return span;
  }

  function description(text) {
    return text ? el("p", { class: "desc", text }) : null;
  }

  function deprecation(item) {
    if (!item.isDeprecated) return null;
    return el("p", { class: "deprecated", text: `Deprecated${item.deprecationReason ? `: ${item.deprecationReason}` : ""}` });
  }

  function fieldRow(field) {
    return el(
      "li",
      { class: "field-row" },
      el(
        "div",
        { class: "sig" },
        el("span", { class: "field-name", text: field.name }),
        argsList(field.args),
        ": ",
        typeRef(field.type),
      ),
      description(field.description),
      deprecation(field),
    );
  }

  function matches(filter, ...texts) {
    return !filter || texts.some((t) => t && t.toLowerCase().includes(filter));
  }

  function renderSchema() {
    if (!schema.data) return;
    const filter = ui.schemaSearch.value.trim().toLowerCase();
    if (schema.view && schema.types.has(schema.view)) {
      renderTypeView(schema.types.get(schema.view), filter);
    } else {
      renderOverview(filter);
    }
  }

  function renderOverview(filter) {
    const s = schema.data;
    const nodes = [];
    const roots = [
      ["Query", s.queryType],
      ["Mutation", s.mutationType],
      ["Subscription", s.subscriptionType],
    ];
    const rootNames = new Set();
    for (const [label, root] of roots) {
      if (!root || !schema.types.has(root.name)) continue;
      rootNames.add(root.name);
      const type = schema.types.get(root.name);
      const fields = (type.fields || []).filter((f) => matches(filter, f.name));
      nodes.push(
        el(
          "section",
          { class: "schema-section" },
          root.name === label
            ? el("h3", null, typeLink(root.name))
            : el("h3", null, `${label} `, el("span", { class: "muted" }, "(", typeLink(root.name), ")")),
          fields.length
            ? el("ul", { class: "field-list" }, ...fields.map(fieldRow))
            : el("p", { class: "muted", text: filter ? "No matching fields." : "No fields." }),
        ),
      );
    }
    const types = [...schema.types.values()]
      .filter((t) => t.name && !t.name.startsWith("__") && !rootNames.has(t.name))
      .filter((t) => matches(filter, t.name))
      .sort((a, b) => a.name.localeCompare(b.name));
    nodes.push(
      el(
        "section",
        { class: "schema-section" },
        el("h3", { text: "Types" }),
        types.length
          ? el(
              "ul",
              { class: "type-list" },
              ...types.map((t) =>
                el(
                  "li",
                  null,
                  typeLink(t.name),
                  el("span", { class: `kind kind-${t.kind.toLowerCase()}`, text: KIND_LABELS[t.kind] || t.kind.toLowerCase() }),
                ),
              ),
            )
          : el("p", { class: "muted", text: "No matching types." }),
      ),
    );
    ui.schemaBody.replaceChildren(...nodes);
  }

  function renderTypeView(type, filter) {
    const nodes = [
      el(
        "div",
        { class: "type-nav" },
        el("button", {
          type: "button",
          class: "btn btn-quiet btn-small",
          text: "← Back",
          "aria-label": "Back",
          onclick: back,
        }),
      ),
      el(
        "h3",
        { class: "type-title" },
        el("span", { text: type.name }),
        el("span", { class: `kind kind-${type.kind.toLowerCase()}`, text: KIND_LABELS[type.kind] || type.kind.toLowerCase() }),
      ),
      description(type.description),
    ];
    const section = (title, items) => {
      if (!items || !items.length) return;
      nodes.push(el("section", { class: "schema-section" }, el("h4", { text: title }), ...items));
    };
    if (type.interfaces && type.interfaces.length) {
      section("Implements", [el("p", { class: "inline-list" }, ...type.interfaces.flatMap((t, i) => (i ? [", ", typeRef(t)] : [typeRef(t)])))]);
    }
    if (type.fields) {
      const fields = type.fields.filter((f) => matches(filter, f.name, f.description));
      section("Fields", [fields.length ? el("ul", { class: "field-list" }, ...fields.map(fieldRow)) : el("p", { class: "muted", text: "No matching fields." })]);
    }
    if (type.inputFields) {
      const fields = type.inputFields.filter((f) => matches(filter, f.name, f.description));
      section("Input fields", [
        el(
          "ul",
          { class: "field-list" },
          ...fields.map((f) =>
            el(
              "li",
              { class: "field-row" },
              el(
                "div",
                { class: "sig" },
                el("span", { class: "field-name", text: f.name }),
                ": ",
                typeRef(f.type),
                f.defaultValue !== null && f.defaultValue !== undefined ? el("span", { class: "default", text: ` = ${f.defaultValue}` }) : null,
              ),
              description(f.description),
            ),
          ),
        ),
      ]);
    }
    if (type.enumValues) {
      const values = type.enumValues.filter((v) => matches(filter, v.name, v.description));
      section("Values", [
        el(
          "ul",
          { class: "field-list" },
          ...values.map((v) => el("li", { class: "field-row" }, el("div", { class: "sig" }, el("span", { class: "enum-value", text: v.name })), description(v.description), deprecation(v))),
        ),
      ]);
    }
    if (type.possibleTypes && type.possibleTypes.length) {
      section(type.kind === "UNION" ? "Members" : "Implemented by", [
        el("p", { class: "inline-list" }, ...type.possibleTypes.flatMap((t, i) => (i ? [", ", typeRef(t)] : [typeRef(t)]))),
      ]);
    }
    ui.schemaBody.replaceChildren(...nodes.filter(Boolean));
  }

  function showType(name) {
    if (!schema.types.has(name)) return;
    if (schema.view !== name) schema.history.push(schema.view);
    schema.view = name;
    ui.schemaSearch.value = "";
    renderSchema();
    ui.schemaBody.scrollTop = 0;
    const backButton = ui.schemaBody.querySelector(".type-nav button");
    if (backButton) backButton.focus({ preventScroll: true });
  }

  function back() {
    schema.view = schema.history.length ? schema.history.pop() : null;
    ui.schemaSearch.value = "";
    renderSchema();
    ui.schemaBody.scrollTop = 0;
  }

  function setSchemaHidden(hidden) {
    ui.schemaPanel.hidden = hidden;
    ui.layout.classList.toggle("no-schema", hidden);
    ui.schemaToggle.setAttribute("aria-expanded", hidden ? "false" : "true");
    ui.schemaToggle.textContent = hidden ? "Show schema" : "Hide schema";
    storageSet(STORE_SCHEMA_HIDDEN, hidden ? "1" : "0");
  }

  // ---------------------------------------------------------------- wiring

  async function init() {
    ui.endpointLink.href = endpoint;
    ui.endpointLink.firstElementChild.textContent = endpoint;
    setupEditor(ui.query);
    setupEditor(ui.variables);
    setSchemaHidden(storageGet(STORE_SCHEMA_HIDDEN) === "1");

    const saveQuery = debounce(() => storageSet(STORE_QUERY, ui.query.value), 250);
    const saveVariables = debounce(() => storageSet(STORE_VARIABLES, ui.variables.value), 250);
    ui.query.addEventListener("input", () => {
      refreshOperations();
      saveQuery();
    });
    for (const type of ["keyup", "click", "focus"]) ui.query.addEventListener(type, followCursor);
    ui.variables.addEventListener("input", () => {
      saveVariables();
      validateVariablesSoon();
    });
    window.addEventListener("pagehide", () => {
      storageSet(STORE_QUERY, ui.query.value);
      storageSet(STORE_VARIABLES, ui.variables.value);
    });

    document.addEventListener("keydown", (event) => {
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey) && !event.isComposing) {
        event.preventDefault();
        run();
      }
    });
    ui.run.addEventListener("click", run);
    ui.examples.addEventListener("change", () => {
      if (ui.examples.value !== "") applyExample(Number(ui.examples.value));
      ui.examples.value = "";
    });
    ui.schemaToggle.addEventListener("click", () => setSchemaHidden(!ui.schemaPanel.hidden));
    ui.schemaReload.addEventListener("click", loadSchema);
    ui.schemaSearch.addEventListener("input", debounce(renderSchema, 120));
    ui.schemaSearch.addEventListener("keydown", (event) => {
      if (event.key === "Escape" && ui.schemaSearch.value) {
        event.preventDefault();
        ui.schemaSearch.value = "";
        renderSchema();
      }
    });

    const savedVariables = storageGet(STORE_VARIABLES);
    ui.variables.value = savedVariables !== null ? savedVariables : "{}";
    if (ui.variables.value.trim()) showVariablesError(parseVariables());

    const savedQuery = storageGet(STORE_QUERY);
    const examplesLoaded = loadExamples();
    loadSchema();
    if (savedQuery !== null && savedQuery.trim()) {
      ui.query.value = savedQuery;
      refreshOperations();
    }
    await examplesLoaded;
    if ((savedQuery === null || !savedQuery.trim()) && examples.length) {
      setQuery(examples[0].query);
    }
  }

  init();
})();
