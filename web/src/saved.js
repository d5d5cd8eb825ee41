// Saved queries: named query + variables, kept in localStorage, exported to and imported from
// a JSON file ({ "reformhubSavedQueries": 1, "queries": [...] }).
const KEY = 'reformhub:saved-queries';

const listeners = new Set();
let current = () => ({ query: '', variables: '' }); // what the workbench's editors hold

function read() {
  try {
    const v = JSON.parse(localStorage.getItem(KEY) || '[]');
    return Array.isArray(v) ? v : [];
  } catch {
    return [];
  }
}

function write(list) {
  localStorage.setItem(KEY, JSON.stringify(list));
  listeners.forEach((f) => f(list));
}

export const saved = {
  list: read,
  subscribe(f) {
    listeners.add(f);
    return () => listeners.delete(f);
  },
  setSource(f) {
    current = f;
  },
  // save stores what the editors hold under name (replacing a query of that name).
  save(name) {
    const n = String(name || '').trim();
    if (!n) return false;
    const { query, variables } = current();
    write([...read().filter((q) => q.name !== n), { name: n, query, variables, saved: new Date().toISOString() }]);
    return true;
  },
  remove(name) {
    write(read().filter((q) => q.name !== name));
  },
  clear() {
    write([]);
  },
  exportText() {
    return JSON.stringify({ reformhubSavedQueries: 1, queries: read() }, null, 2);
  },
  // importText adds the queries of an exported file (same names are replaced); it returns how
  // many it read, and throws on a file that is not one.
  importText(text) {
    const v = JSON.parse(text);
    const qs = v && Array.isArray(v.queries) ? v.queries : null;
    if (!qs) throw new Error('not a saved-queries file');
    const ok = qs.filter((q) => q && typeof q.name === 'string' && typeof q.query === 'string');
    const names = new Set(ok.map((q) => q.name));
    write([...read().filter((q) => !names.has(q.name)), ...ok.map(({ name, query, variables, saved: at }) => ({ name, query, variables: variables || '', saved: at }))]);
    return ok.length;
  },
};
