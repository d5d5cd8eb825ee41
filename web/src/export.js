// Export of the current result as JSON or CSV, downloaded from a blob: URL (no request leaves
// the page).

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

function cell(v) {
  if (v === null || v === undefined) return '';
  const s = typeof v === 'object' ? JSON.stringify(v) : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

// flatten turns one object into dotted columns; lists of scalars are joined with "; ",
// lists of objects kept as JSON.
function flatten(obj, prefix = '', out = {}) {
  for (const [k, v] of Object.entries(obj || {})) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (Array.isArray(v)) {
      out[key] = v.every((x) => x === null || typeof x !== 'object') ? v.join('; ') : JSON.stringify(v);
    } else if (v && typeof v === 'object') {
      flatten(v, key, out);
    } else {
      out[key] = v;
    }
  }
  return out;
}

export function toCSV(rows) {
  const flat = rows.map((r) => (r && typeof r === 'object' ? flatten(r) : { value: r }));
  const cols = [];
  for (const r of flat) for (const k of Object.keys(r)) if (!cols.includes(k)) cols.push(k);
  const lines = [cols.map(cell).join(',')];
  for (const r of flat) lines.push(cols.map((c) => cell(r[c])).join(','));
  return lines.join('\r\n') + '\r\n';
}

// firstList finds the rows of a GraphQL result worth a table: the first list, depth first,
// or the data object itself as one row.
export function firstList(data) {
  if (Array.isArray(data)) return data;
  if (data && typeof data === 'object') {
    for (const v of Object.values(data)) {
      const l = firstList(v);
      if (l) return l;
    }
  }
  return null;
}
