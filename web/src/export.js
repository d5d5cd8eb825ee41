// Rows out of GraphQL results, and their export as CSV or JSON, downloaded from a blob: URL
// (no request leaves the page).

export function download(name, type, text) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

const isScalar = (v) => v === null || typeof v !== 'object';

// expand turns a value at path into rows (objects of column -> scalar): one row per innermost
// list item, with the scalars of its parents repeated in each. Sibling lists are stacked, not
// crossed (the rows of `entityCounts` then those of `relationshipCounts`); a list of scalars
// (aliases) is one cell, joined with "; ".
function expand(v, path, cols) {
  if (Array.isArray(v)) {
    if (!v.length) return [{}];
    if (v.every(isScalar)) {
      cols.add(path);
      return [{ [path]: v.join('; ') }];
    }
    return v.flatMap((x) => expand(x, path, cols));
  }
  if (isScalar(v)) {
    cols.add(path);
    return [{ [path]: v }];
  }
  const base = {};
  const nested = [];
  for (const [k, x] of Object.entries(v)) {
    const p = path ? `${path}.${k}` : k;
    if (isScalar(x) || (Array.isArray(x) && x.length && x.every(isScalar))) {
      Object.assign(base, expand(x, p, cols)[0]);
    } else {
      nested.push(expand(x, p, cols));
    }
  }
  // Nested objects that hold no list give one row each: merge them into the base.
  const lists = [];
  for (const rows of nested) {
    if (rows.length === 1) Object.assign(base, rows[0]);
    else lists.push(rows);
  }
  if (!lists.length) return [base];
  return lists.flatMap((rows) => rows.map((r) => ({ ...base, ...r })));
}

// toTable flattens a GraphQL `data` object into { columns, rows }; null when there is nothing
// to tabulate (no data, or an error without data).
export function toTable(data) {
  if (!data || typeof data !== 'object') return null;
  const cols = new Set();
  const rows = expand(data, '', cols).filter((r) => Object.keys(r).length);
  if (!rows.length) return null;
  const columns = [...cols];
  return { columns, rows };
}

// cell quotes a CSV value, and keeps a text that Excel would read as a formula as text.
function cell(v) {
  if (v === null || v === undefined) return '';
  let s = typeof v === 'object' ? JSON.stringify(v) : String(v);
  if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s) && !/^[+-]?\d/.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

// toCSV writes rows under columns as CSV with a UTF-8 byte-order mark, so that Excel (also a
// Chinese Windows one) reads it as UTF-8, and CRLF line ends.
export function toCSV(columns, rows) {
  const lines = [columns.map(cell).join(',')];
  for (const r of rows) lines.push(columns.map((c) => cell(r[c])).join(','));
  return '\ufeff' + lines.join('\r\n') + '\r\n';
}

// compare orders cell values: numbers as numbers, text by the Chinese-aware collation, empty
// last.
const collator = new Intl.Collator(['zh-Hans-CN', 'en'], { numeric: true });
export function compare(a, b) {
  const ea = a === null || a === undefined || a === '';
  const eb = b === null || b === undefined || b === '';
  if (ea || eb) return ea === eb ? 0 : ea ? 1 : -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return collator.compare(String(a), String(b));
}

// view applies a filter (case-insensitive, any column) and a sort to rows.
export function view(rows, columns, filter, sort) {
  let out = rows;
  const f = (filter || '').trim().toLowerCase();
  if (f) out = out.filter((r) => columns.some((c) => r[c] !== null && r[c] !== undefined && String(r[c]).toLowerCase().includes(f)));
  if (sort && sort.col) {
    const d = sort.desc ? -1 : 1;
    out = [...out].sort((x, y) => d * compare(x[sort.col], y[sort.col]));
  }
  return out;
}
