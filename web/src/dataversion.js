// The data version the hub served the last response at (every response carries it in
// extensions.dataVersion): one value for the page, shown next to the logo and used by the
// "What changed since version N" example.
let current = null;
const subs = new Set();

export const dataVersion = {
  get: () => current,
  // note records the version of a response body (ignored when it carries none).
  note(body) {
    const v = body && body.extensions ? body.extensions.dataVersion : undefined;
    if (typeof v === 'number' && v !== current) {
      current = v;
      subs.forEach((f) => f(v));
    }
  },
  subscribe(f) {
    subs.add(f);
    return () => subs.delete(f);
  },
};
