// The data version the page knows: the version the last response was served at (every response
// carries it in extensions.dataVersion) and, as soon as a sync makes a new one live, the
// version the hub's /events stream announces (dataChanged). One value for the page, shown next
// to the logo and used by the "What changed since version N" example.
let current = null;
let announced = null; // the last version /events announced as new (null: none yet)
const subs = new Set();

function set(v, fromEvent) {
  if (typeof v !== 'number' || v === current) return;
  current = v;
  if (fromEvent) announced = v;
  subs.forEach((f) => f(v));
}

export const dataVersion = {
  get: () => current,
  // announced is the version a dataChanged event made current (null when none did).
  announced: () => announced,
  // note records the version of a response body (ignored when it carries none).
  note(body) {
    set(body && body.extensions ? body.extensions.dataVersion : undefined, false);
  },
  subscribe(f) {
    subs.add(f);
    return () => subs.delete(f);
  },
  // listen follows the hub's /events stream (server-sent events): the current version first,
  // then each new one as a sync makes it live. The browser reconnects by itself when the
  // stream drops. It returns a function that closes the stream.
  listen(url = 'events') {
    if (typeof EventSource === 'undefined') return () => {};
    const es = new EventSource(url);
    const on = (fromEvent) => (e) => {
      try {
        set(JSON.parse(e.data).version, fromEvent);
      } catch {
        // a malformed event is ignored; the next response carries the version anyway
      }
    };
    es.addEventListener('dataVersion', on(false));
    es.addEventListener('dataChanged', on(true));
    return () => es.close();
  },
};
