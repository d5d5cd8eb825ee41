// The token the analyst pasted (docs/access.md): kept in this tab's session storage only —
// it goes nowhere but the Authorization header of the hub's own requests, and closing the
// tab forgets it. Without one, the page reads as an anonymous caller (public documents).
const key = 'reform-hub-token';
const subs = new Set();

function read() {
  try {
    return sessionStorage.getItem(key) || '';
  } catch {
    return '';
  }
}

export const token = {
  get: read,
  set(t) {
    const v = (t || '').trim().replace(/^Bearer\s+/i, '');
    try {
      if (v) sessionStorage.setItem(key, v);
      else sessionStorage.removeItem(key);
    } catch {
      // storage refused (private mode): the token lasts until the page reloads
    }
    subs.forEach((f) => f(v));
  },
  subscribe(f) {
    subs.add(f);
    return () => subs.delete(f);
  },
  // headers are the request headers that carry the token, if there is one.
  headers() {
    const t = read();
    return t ? { Authorization: `Bearer ${t}` } : {};
  },
};
