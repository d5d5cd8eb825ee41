package server

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/testutil"

	"github.com/reformhub/hub/internal/access"
	"github.com/reformhub/hub/internal/dataversion"
)

func TestNormalizeIgnoresLayoutNotContent(t *testing.T) {
	a, va, ok := normalize("query Q($id: ID!) {\n  entity(id: $id) { id, name } # a comment\n}")
	if !ok || va {
		t.Fatalf("normalize: ok %v viewer %v", ok, va)
	}
	b, _, _ := normalize("query Q($id:ID!){entity(id:$id){id name}}")
	if a != b {
		t.Errorf("same operation, different keys:\n%q\n%q", a, b)
	}
	for _, other := range []string{
		`query Q($id: ID!) { entity(id: $id) { id } }`,                 // another selection
		`query Q($id: ID!) { e: entity(id: $id) { id name } }`,         // an alias
		`{ search(text: "a b") { id } }`,                               // string contents count
		`query Q($id: ID!) { entity(id: $id) { id name __typename } }`, // one more field
	} {
		n, _, _ := normalize(other)
		if n == a {
			t.Errorf("%q has the key of the first operation", other)
		}
	}
	s1, _, _ := normalize(`{ search(text: "a b") { id } }`)
	s2, _, _ := normalize(`{ search(text: "a  b") { id } }`)
	if s1 == s2 {
		t.Error("spaces inside a string are content, not layout")
	}
	if _, v, _ := normalize(`{ viewer { subject } }`); !v {
		t.Error("viewer not seen")
	}
	if _, _, ok := normalize("{ \"unterminated }"); ok {
		t.Error("a text that does not lex was normalized")
	}
}

// lookup plans a request for caller c at version v.
func lookup(c *responseCache, caller access.Caller, v dataversion.Version, q string, vars map[string]any, h http.Header) cacheLookup {
	ctx := access.WithCaller(context.Background(), caller)
	if h == nil {
		h = http.Header{}
	}
	return c.plan(ctx, v, &graphql.RawParams{Query: q, Variables: vars}, h)
}

func TestResponseCacheKeys(t *testing.T) {
	c := newResponseCache(1<<20, nil)
	v := dataversion.Version{N: 3}
	alice := access.NewCaller("alice", []string{"dev"})
	bob := access.NewCaller("bob", []string{"dev"})
	q := `query($id: ID!) { entity(id: $id) { id } }`
	base := lookup(c, access.Anonymous, v, q, map[string]any{"id": "a"}, nil)
	if base.key == "" || !base.read || !base.write {
		t.Fatalf("a plain read does not use the cache: %+v", base)
	}
	differ := map[string]cacheLookup{
		"other variables":        lookup(c, access.Anonymous, v, q, map[string]any{"id": "b"}, nil),
		"a signed-in caller":     lookup(c, alice, v, q, map[string]any{"id": "a"}, nil),
		"another group":          lookup(c, access.NewCaller("alice", []string{"ops"}), v, q, map[string]any{"id": "a"}, nil),
		"another operation":      lookup(c, access.Anonymous, v, `query($id: ID!) { entity(id: $id) { name } }`, map[string]any{"id": "a"}, nil),
		"viewer: another person": lookup(c, bob, v, `{ viewer { subject } }`, nil, nil),
	}
	for name, l := range differ {
		if l.key == base.key {
			t.Errorf("%s: same key", name)
		}
	}
	if a, b := lookup(c, alice, v, q, map[string]any{"id": "a"}, nil), lookup(c, bob, v, q, map[string]any{"id": "a"}, nil); a.key != b.key {
		t.Error("two callers who see the same documents do not share an answer that does not name the viewer")
	}
	if a, b := lookup(c, alice, v, `{ viewer { subject } }`, nil, nil), lookup(c, bob, v, `{ viewer { subject } }`, nil, nil); a.key == b.key {
		t.Error("viewer's answer shared between two subjects")
	}
	if l := lookup(c, access.Anonymous, dataversion.Version{N: 3, Pending: 4}, q, map[string]any{"id": "a"}, nil); l.key != "" {
		t.Error("a read while a version is pending uses the cache")
	}
	if l := lookup(c, access.Anonymous, v, q, map[string]any{"id": "a"}, http.Header{"Cache-Control": {"no-cache"}}); l.read || !l.write {
		t.Errorf("no-cache: %+v, want no lookup, a store", l)
	}
	if l := lookup(c, access.Anonymous, v, q, map[string]any{"id": "a"}, http.Header{"Cache-Control": {"max-age=0, No-Store"}}); l.read || l.write {
		t.Errorf("no-store: %+v, want neither", l)
	}
	var off *responseCache
	if l := lookup(off, access.Anonymous, v, q, nil, nil); l.key != "" {
		t.Error("a nil cache planned a lookup")
	}
}

// fill stores data under query q at version v, asking twice when the doorkeeper turns the
// first answer away.
func fill(c *responseCache, v dataversion.Version, q, data string) {
	for range 2 {
		l := lookup(c, access.Anonymous, v, q, nil, nil)
		if _, ok := c.get(context.Background(), &l); ok {
			return
		}
		c.done(&l, json.RawMessage(data), time.Millisecond, true)
	}
}

// Beyond half its capacity, the cache stores the answer to a request only when it was asked
// before: a stream of one-off requests does not push out the entries asked again and again.
func TestResponseCacheAdmitsRepeatsWhenHalfFull(t *testing.T) {
	c := newResponseCache(64<<10, nil)
	v := dataversion.Version{N: 1}
	big := `"` + strings.Repeat("x", 3000) + `"`
	once := func(q string) bool { // one ask: answered, and stored?
		l := lookup(c, access.Anonymous, v, q, nil, nil)
		if _, ok := c.get(context.Background(), &l); ok {
			return true
		}
		c.done(&l, json.RawMessage(big), time.Millisecond, true)
		_, stored := c.items[l.key]
		return stored
	}
	for i := range 11 { // under half: stored at once
		if !once(fmt.Sprintf("{ hot%d }", i)) {
			t.Fatalf("entry %d not stored while the cache is under half full (%d of %d bytes)", i, c.bytes, c.capacity)
		}
	}
	if c.bytes < c.capacity/2 {
		t.Fatalf("%d bytes after 11 answers of 3 KB: the test needs the cache over half full", c.bytes)
	}
	for i := range 200 { // one-off requests: none stored, nothing evicted
		if once(fmt.Sprintf("{ once%d }", i)) {
			t.Fatalf("a one-off request was stored beyond half the capacity")
		}
	}
	for i := range 11 {
		if _, ok := has(c, v, fmt.Sprintf("{ hot%d }", i)); !ok {
			t.Errorf("hot entry %d pushed out by one-off requests", i)
		}
	}
	first := once("{ again }")
	second := once("{ again }")
	if first || !second {
		t.Errorf("a new request beyond half the capacity: stored on its first ask %v, on its second %v; want false, true", first, second)
	}
}

func has(c *responseCache, v dataversion.Version, q string) (string, bool) {
	l := lookup(c, access.Anonymous, v, q, nil, nil)
	data, ok := c.get(context.Background(), &l)
	if !ok {
		c.done(&l, nil, 0, false)
	}
	return string(data), ok
}

func TestResponseCacheBoundsAndVersions(t *testing.T) {
	reg := prometheus.NewRegistry()
	c := newResponseCache(64<<10, reg)
	v1 := dataversion.Version{N: 1, At: time.Unix(100, 0)}
	big := `"` + strings.Repeat("x", 3000) + `"`
	for i := range 40 {
		fill(c, v1, fmt.Sprintf(`{ q%d }`, i), big)
	}
	if c.bytes > c.capacity {
		t.Errorf("holds %d bytes, capacity %d", c.bytes, c.capacity)
	}
	if got := testutil.ToFloat64(c.evictions); got == 0 {
		t.Error("no eviction although 40 answers of 3 KB exceed 64 KB")
	}
	fill(c, v1, `{ a }`, `{"a":1}`)
	if d, ok := has(c, v1, `{ a }`); !ok || d != `{"a":1}` {
		t.Fatalf("the last answer stored is not held: %q %v", d, ok)
	}
	// Least recently used goes first: touch {a}, fill, {a} stays.
	for i := range 30 {
		has(c, v1, `{ a }`)
		fill(c, v1, `{ b`+strings.Repeat("c", i)+` }`, big)
	}
	if _, ok := has(c, v1, `{ a }`); !ok {
		t.Error("the most recently used entry was evicted")
	}
	// An answer larger than an eighth of the capacity is not kept.
	fill(c, v1, `{ huge }`, `"`+strings.Repeat("y", 9<<10)+`"`)
	if _, ok := has(c, v1, `{ huge }`); ok {
		t.Error("an answer above the largest entry was kept")
	}
	// Another version: nothing of the first is served, and the entries are gone.
	v2 := dataversion.Version{N: 2, At: time.Unix(200, 0)}
	if _, ok := has(c, v2, `{ a }`); ok {
		t.Error("an answer of version 1 served at version 2")
	}
	if len(c.items) != 0 || c.bytes != 0 {
		t.Errorf("after a new version: %d entries, %d bytes", len(c.items), c.bytes)
	}
	// A request that read version 1 and finishes after the cache moved to 2 stores nothing.
	late := lookup(c, access.Anonymous, v1, `{ late }`, nil, nil)
	c.done(&late, json.RawMessage(`1`), time.Millisecond, true)
	if _, ok := has(c, v2, `{ late }`); ok {
		t.Error("an answer read at version 1 stored at version 2")
	}
	// The same number, another database (wiped and loaded again): another version.
	fill(c, v2, `{ a }`, `2`)
	if _, ok := has(c, dataversion.Version{N: 2, At: time.Unix(300, 0)}, `{ a }`); ok {
		t.Error("an answer served across a wipe that counted the version again")
	}
	if got := testutil.ToFloat64(c.hits); got == 0 {
		t.Error("hits not counted")
	}
}

func TestResponseCacheOneExecutionPerKey(t *testing.T) {
	c := newResponseCache(1<<20, nil)
	v := dataversion.Version{N: 1}
	var executions atomic.Int32
	release := make(chan struct{})
	var wg sync.WaitGroup
	answers := make([]string, 8)
	for i := range answers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			l := lookup(c, access.Anonymous, v, `{ slow }`, nil, nil)
			if data, ok := c.get(context.Background(), &l); ok {
				answers[i] = string(data)
				return
			}
			executions.Add(1)
			<-release
			c.done(&l, json.RawMessage(`"answer"`), time.Millisecond, true)
			answers[i] = `"answer"`
		}()
	}
	time.Sleep(50 * time.Millisecond)
	close(release)
	wg.Wait()
	if n := executions.Load(); n != 1 {
		t.Errorf("%d executions of one key asked 8 times at once, want 1", n)
	}
	for i, a := range answers {
		if a != `"answer"` {
			t.Errorf("request %d: %q", i, a)
		}
	}
	// A leader whose answer is not kept (an error) lets the others run on their own.
	l := lookup(c, access.Anonymous, v, `{ failing }`, nil, nil)
	if _, ok := c.get(context.Background(), &l); ok || !l.leader {
		t.Fatal("first lookup is not the leader")
	}
	done := make(chan bool)
	go func() {
		w := lookup(c, access.Anonymous, v, `{ failing }`, nil, nil)
		_, ok := c.get(context.Background(), &w)
		done <- ok || w.leader
	}()
	time.Sleep(20 * time.Millisecond)
	c.done(&l, nil, 0, false)
	if <-done {
		t.Error("the waiter was served or made leader after a failed leader")
	}
}
