package server

import (
	"container/list"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler/lru"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/lexer"

	"github.com/reformhub/hub/internal/access"
	"github.com/reformhub/hub/internal/config"
	"github.com/reformhub/hub/internal/dataversion"
)

// The response cache (issue 18): answers to read operations, kept in memory and served again
// without parsing, planning or a statement when the same operation comes again with the same
// variables, from a caller who may see the same documents, at the same data version.
//
//   - The key: the operation's text normalized (its tokens, without whitespace, commas and
//     comments; or the persisted query's hash or document id when the request has no text),
//     the operation name, the variables (canonical JSON), and the caller's visibility
//     (access.Caller.Key: signed in or not, and the groups) — plus the subject when the
//     operation names `viewer`, whose answer is the caller's own.
//   - The data version is the cache's generation: every entry was answered at the version the
//     cache holds; the first lookup at another version drops them all. A request reads the
//     version (dataversion.Watcher, at most one interval old) before its statements run, so an
//     entry is never older than the version it is served at, and several hub processes over
//     one Neo4j drop their entries within one interval of a sync. While a version is pending
//     (a sync published and not yet applied) nothing is cached.
//   - Only answers without errors are kept, only of queries, never of a request that asked
//     for no cache (Cache-Control: no-cache skips the lookup, no-store the lookup and the
//     store), and only below a size of its own (maxEntry).
//   - Bounded: the bytes of all entries (key and answer) stay under the capacity
//     (HUB_CACHE_SIZE); the least recently used entries go first. Beyond half the capacity an
//     answer is stored only when its request was seen before (admit): a stream of requests
//     that never come again (every variable distinct) does not push out the ones that do.
//   - Concurrent misses on one key wait for the first to answer (one execution, not N).
//   - Metrics: hub_response_cache_{hits,misses,stores,evictions,refused}_total, the bytes and entries
//     held, and the seconds of execution the hits saved (each entry remembers what it cost).
type responseCache struct {
	capacity int64
	maxEntry int64
	normal   *lru.LRU[string] // raw query text → normalized key part

	mu       sync.Mutex
	version  dataversion.Version
	ll       *list.List // of *cacheEntry, most recent first
	items    map[string]*list.Element
	bytes    int64
	inflight map[string]chan struct{}
	// doorkeeper: the keys of answers not stored because they were asked once (admit).
	doorkeeper map[string]struct{}

	hits, misses, stores, evictions, refused prometheus.Counter
	saved                                    prometheus.Counter
	bytesHeld, entriesHeld                   prometheus.Gauge
}

// cacheEntry is one answer: its data, what it takes in memory, what it cost to compute.
type cacheEntry struct {
	key  string
	data json.RawMessage
	size int64
	cost time.Duration
}

// entryOverhead approximates what an entry takes besides its key and data (list element,
// map slot, struct).
const entryOverhead = 200

// DefaultResponseCacheSize is the response cache's capacity in bytes when none is configured.
const DefaultResponseCacheSize = config.DefaultResponseCacheSize

// newResponseCache returns a cache of capacity bytes (its metrics registered in reg when
// non-nil); nil when capacity <= 0 (the cache is off).
func newResponseCache(capacity int64, reg prometheus.Registerer) *responseCache {
	if capacity <= 0 {
		return nil
	}
	c := &responseCache{
		capacity:   capacity,
		maxEntry:   max(capacity/8, 1),
		normal:     lru.New[string](1000),
		ll:         list.New(),
		items:      map[string]*list.Element{},
		inflight:   map[string]chan struct{}{},
		doorkeeper: map[string]struct{}{},
		hits: prometheus.NewCounter(prometheus.CounterOpts{Name: "hub_response_cache_hits_total",
			Help: "Read operations answered from the response cache."}),
		misses: prometheus.NewCounter(prometheus.CounterOpts{Name: "hub_response_cache_misses_total",
			Help: "Read operations the response cache could have answered and did not hold."}),
		stores: prometheus.NewCounter(prometheus.CounterOpts{Name: "hub_response_cache_stores_total",
			Help: "Answers stored in the response cache."}),
		refused: prometheus.NewCounter(prometheus.CounterOpts{Name: "hub_response_cache_refused_total",
			Help: "Answers not stored: the cache was more than half full and their request had not been seen before."}),
		evictions: prometheus.NewCounter(prometheus.CounterOpts{Name: "hub_response_cache_evictions_total",
			Help: "Entries dropped to stay within the capacity (not counting those a new data version dropped)."}),
		saved: prometheus.NewCounter(prometheus.CounterOpts{Name: "hub_response_cache_saved_seconds_total",
			Help: "Execution time the hits saved: the sum, over hits, of what their entry cost to compute."}),
		bytesHeld: prometheus.NewGauge(prometheus.GaugeOpts{Name: "hub_response_cache_bytes",
			Help: "Bytes the response cache holds (keys, answers and bookkeeping)."}),
		entriesHeld: prometheus.NewGauge(prometheus.GaugeOpts{Name: "hub_response_cache_entries",
			Help: "Entries the response cache holds."}),
	}
	if reg != nil {
		// Two handlers over one Metrics (tests) share the collectors the first registered.
		c.hits = registered(reg, c.hits)
		c.misses = registered(reg, c.misses)
		c.stores = registered(reg, c.stores)
		c.evictions = registered(reg, c.evictions)
		c.refused = registered(reg, c.refused)
		c.saved = registered(reg, c.saved)
		c.bytesHeld = registered(reg, c.bytesHeld)
		c.entriesHeld = registered(reg, c.entriesHeld)
	}
	return c
}

// registered registers m in reg, or returns the collector of that name reg already has.
func registered[M prometheus.Collector](reg prometheus.Registerer, m M) M {
	if err := reg.Register(m); err != nil {
		var are prometheus.AlreadyRegisteredError
		if errors.As(err, &are) {
			if existing, ok := are.ExistingCollector.(M); ok {
				return existing
			}
		}
	}
	return m
}

// cacheLookup is a request's view of the cache: the key, or why the request does not use it.
type cacheLookup struct {
	key     string
	version dataversion.Version
	read    bool // may be answered from the cache
	write   bool // its answer may be stored
	leader  bool // it registered the key in flight: done must be called
}

// plan decides how the request params of the caller in ctx at version v uses the cache.
func (c *responseCache) plan(ctx context.Context, v dataversion.Version, params *graphql.RawParams, h http.Header) cacheLookup {
	if c == nil || v.Pending > 0 {
		return cacheLookup{}
	}
	op, viewer, ok := c.operationKey(ctx, params)
	if !ok {
		return cacheLookup{}
	}
	caller, _ := access.From(ctx)
	vars, err := json.Marshal(params.Variables) // map keys in order: equal variables, equal text
	if err != nil {
		return cacheLookup{}
	}
	hash := sha256.New()
	who := caller.Key()
	if viewer {
		who += "\x00subject\x00" + caller.Subject
	}
	for _, part := range []string{who, op, params.OperationName, string(vars)} {
		hash.Write([]byte(part))
		hash.Write([]byte{0})
	}
	l := cacheLookup{key: hex.EncodeToString(hash.Sum(nil)), version: v, read: true, write: true}
	for _, d := range strings.Split(strings.ToLower(h.Get("Cache-Control")), ",") {
		switch strings.TrimSpace(d) {
		case "no-cache":
			l.read = false
		case "no-store":
			l.read, l.write = false, false
		}
	}
	return l
}

// operationKey is the part of the key that names the operation: its normalized text, or the
// persisted query's hash or document id; viewer: the text names `viewer`.
func (c *responseCache) operationKey(ctx context.Context, params *graphql.RawParams) (string, bool, bool) {
	if params.Query == "" {
		if len(params.Extensions) == 0 {
			return "", false, false
		}
		ext, err := json.Marshal(params.Extensions)
		if err != nil {
			return "", false, false
		}
		// A persisted operation's text is fixed by its id; `viewer` cannot be seen from
		// here, so the subject is part of the key.
		return "persisted\x00" + string(ext), true, true
	}
	if norm, ok := c.normal.Get(ctx, params.Query); ok {
		return norm, strings.HasPrefix(norm, "v"), true
	}
	norm, viewer, ok := normalize(params.Query)
	if !ok {
		return "", false, false
	}
	if viewer {
		norm = "v" + norm
	} else {
		norm = "-" + norm
	}
	c.normal.Add(ctx, params.Query, norm)
	return norm, viewer, true
}

// normalize returns the tokens of a GraphQL document separated by single spaces (what is
// left when whitespace, commas and comments go), and whether a name `viewer` is among them;
// ok false when the text does not lex.
func normalize(q string) (string, bool, bool) {
	lx := lexer.New(&ast.Source{Input: q})
	var b strings.Builder
	b.Grow(len(q))
	viewer := false
	for {
		tok, err := lx.ReadToken()
		if err != nil {
			return "", false, false
		}
		if tok.Kind == lexer.EOF {
			break
		}
		if tok.Kind == lexer.Comment {
			continue
		}
		if tok.Kind == lexer.Name && tok.Value == "viewer" {
			viewer = true
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		if tok.Kind == lexer.String || tok.Kind == lexer.BlockString {
			s, _ := json.Marshal(tok.Value)
			b.Write(s)
			continue
		}
		switch tok.Kind {
		case lexer.Name, lexer.Int, lexer.Float:
			b.WriteString(tok.Value)
		default: // punctuators have no value
			b.WriteString(tok.Kind.String())
		}
	}
	return b.String(), viewer, true
}

// get returns the answer the cache holds for l, waiting for a request in flight on the same
// key; on a miss the request becomes the key's leader (l.leader) and must call done.
func (c *responseCache) get(ctx context.Context, l *cacheLookup) (json.RawMessage, bool) {
	if c == nil || !l.read {
		return nil, false
	}
	waited := false
	for {
		c.mu.Lock()
		if !sameVersion(c.version, l.version) {
			c.reset(l.version)
		}
		if el, ok := c.items[l.key]; ok {
			c.ll.MoveToFront(el)
			e := el.Value.(*cacheEntry) //nolint:forcetypeassert // the list holds only *cacheEntry
			c.mu.Unlock()
			c.hits.Inc()
			c.saved.Add(e.cost.Seconds())
			return e.data, true
		}
		wait, busy := c.inflight[l.key]
		if !busy || waited {
			// The first miss leads; a request that waited for a leader whose answer was not
			// kept (an error) runs on its own rather than queue behind the next one.
			if !waited {
				c.inflight[l.key] = make(chan struct{})
				l.leader = true
			}
			c.mu.Unlock()
			c.misses.Inc()
			return nil, false
		}
		c.mu.Unlock()
		select {
		case <-wait:
			waited = true
		case <-ctx.Done():
			return nil, false
		}
	}
}

// done ends the leader's turn on l's key: its answer data is stored when it is one to keep
// (ok), and the requests waiting on the key look again.
func (c *responseCache) done(l *cacheLookup, data json.RawMessage, cost time.Duration, ok bool) {
	if c == nil || l.key == "" {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if l.leader {
		if ch, busy := c.inflight[l.key]; busy {
			close(ch)
			delete(c.inflight, l.key)
		}
		l.leader = false
	}
	if !ok || !l.write || !sameVersion(c.version, l.version) {
		return
	}
	size := int64(len(l.key)+len(data)) + entryOverhead
	if size > c.maxEntry {
		return
	}
	if el, exists := c.items[l.key]; exists {
		c.ll.MoveToFront(el)
		return
	}
	if !c.admit(l.key) {
		return
	}
	c.items[l.key] = c.ll.PushFront(&cacheEntry{key: l.key, data: data, size: size, cost: cost})
	c.bytes += size
	c.stores.Inc()
	for c.bytes > c.capacity {
		el := c.ll.Back()
		e := el.Value.(*cacheEntry) //nolint:forcetypeassert // the list holds only *cacheEntry
		c.ll.Remove(el)
		delete(c.items, e.key)
		c.bytes -= e.size
		c.evictions.Inc()
	}
	c.bytesHeld.Set(float64(c.bytes))
	c.entriesHeld.Set(float64(len(c.items)))
}

// admit decides whether an answer to key is stored (c.mu held). While the cache is less than
// half full, every answer is; beyond, only the answer to a request seen before (a doorkeeper,
// as TinyLFU's admission: a key asked once is most likely never asked again — a stream of
// distinct requests would otherwise push out the entries that are asked again and again).
// The doorkeeper remembers the last doorkeeperSize keys it turned away, then starts afresh.
func (c *responseCache) admit(key string) bool {
	if c.bytes < c.capacity/2 {
		return true
	}
	if _, seen := c.doorkeeper[key]; seen {
		delete(c.doorkeeper, key)
		return true
	}
	if len(c.doorkeeper) >= doorkeeperSize {
		clear(c.doorkeeper)
	}
	c.doorkeeper[key] = struct{}{}
	c.refused.Inc()
	return false
}

// doorkeeperSize is how many turned-away keys the doorkeeper remembers (about 100 bytes each).
const doorkeeperSize = 50_000

// reset drops every entry and makes v the cache's version (c.mu held).
func (c *responseCache) reset(v dataversion.Version) {
	c.version = v
	c.ll.Init()
	clear(c.items)
	c.bytes = 0
	c.bytesHeld.Set(0)
	c.entriesHeld.Set(0)
}

// sameVersion: a and b name one data version (a wiped and reloaded database may count again
// from 1: the time the version became current tells them apart).
func sameVersion(a, b dataversion.Version) bool {
	return a.N == b.N && a.At.Equal(b.At) && a.Pending == b.Pending
}
