// Package config turns the environment and command-line flags into the hub's typed
// configuration. Flags win over environment variables, which win over defaults. Secrets are
// masked whenever a configuration is printed.
package config

import (
	"errors"
	"flag"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/reformhub/hub/internal/auth"
)

// Config is the configuration of `hub serve` (and, for the Neo4j part, of every command).
type Config struct {
	Addr           string        // HUB_ADDR, --addr
	Env            string        // HUB_ENV, --env: development or production
	CORSOrigins    []string      // HUB_CORS_ORIGINS, --cors-origins: comma-separated
	RequestTimeout time.Duration // HUB_REQUEST_TIMEOUT, --request-timeout
	LogLevel       string        // HUB_LOG_LEVEL, --log-level: debug, info, warn, error
	DebugAddr      string        // HUB_DEBUG_ADDR, --debug-addr: expvar (goroutines, memory); off when empty
	Limits         Limits
	Neo4jURI       string        // NEO4J_URI, --neo4j-uri
	Neo4jUsername  string        // NEO4J_USERNAME, --neo4j-username
	Neo4jPassword  string        // NEO4J_PASSWORD (environment only: flags show in ps)
	Neo4jDatabase  string        // NEO4J_DATABASE, --neo4j-database
	Neo4jPoolSize  int           // NEO4J_MAX_POOL_SIZE, --neo4j-max-pool-size
	Neo4jAcquire   time.Duration // NEO4J_ACQUIRE_TIMEOUT, --neo4j-acquire-timeout
	// ShutdownTimeout is HUB_SHUTDOWN_TIMEOUT: how long SIGTERM waits for in-flight requests.
	ShutdownTimeout time.Duration
	// TrustedDocuments is the path of a manifest {sha256: document}; when set, only those
	// operations execute (HUB_TRUSTED_DOCUMENTS, --trusted-documents).
	TrustedDocuments string
	// SyncGrace is HUB_SYNC_GRACE, --sync-grace: how long a version a sync published waits
	// before it is applied (docs/datasets.md); 0: no wait (only when no hub serves reads of
	// the database during syncs).
	SyncGrace time.Duration
	// Auth is how callers are authenticated (docs/access.md): HUB_AUTH (none or jwt),
	// HUB_JWT_JWKS, HUB_JWT_SECRET (environment only), HUB_JWT_ISSUER, HUB_JWT_AUDIENCE,
	// HUB_JWT_GROUPS_CLAIM. Production refuses none unless AllowAnonymousOnly.
	Auth auth.Config
	// AllowAnonymousOnly is HUB_ALLOW_ANONYMOUS_ONLY: production may run with HUB_AUTH=none
	// (every caller anonymous: public documents only).
	AllowAnonymousOnly bool
	// MaxBatch is HUB_MAX_BATCH, --max-batch: most operations in one batched request (a JSON
	// array); 0 turns batching off.
	MaxBatch int
	// CacheControl is HUB_CACHE_CONTROL, --cache-control: the Cache-Control of answers to GET
	// requests and persisted queries (DefaultCacheControl; "public" only without access
	// control).
	CacheControl string
	// CORSHeaders is HUB_CORS_HEADERS, --cors-headers: request headers CORS allows besides
	// the built-in list (comma-separated).
	CORSHeaders []string
	// ResponseCache is HUB_CACHE, --cache: on (the default) keeps answers to reads in memory
	// until the data version changes (docs/operating.md); off turns it off.
	ResponseCache bool
	// ResponseCacheSize is HUB_CACHE_SIZE, --cache-size: the response cache's capacity in
	// bytes (DefaultResponseCacheSize; written like 32MB, 512KB or a number of bytes).
	ResponseCacheSize int64
}

// DefaultResponseCacheSize is the response cache's capacity by default (32 MiB).
const DefaultResponseCacheSize = 32 << 20

// DefaultCacheControl makes a client revalidate every time (an ETag answers 304 when nothing
// changed) and keeps answers out of shared caches.
const DefaultCacheControl = "private, no-cache"

// DefaultMaxBatch is the most operations in one batched request by default.
const DefaultMaxBatch = 10

// Limits are the bounds of one request besides its deadline. They are defined here once, with
// their defaults (DefaultLimits), and passed whole to the server and to the store, so that a
// value the server accepts is one the store accepts too.
type Limits struct {
	MaxComplexity     int           // HUB_MAX_COMPLEXITY: largest query cost
	MaxBodyBytes      int64         // HUB_MAX_BODY_BYTES: largest request body (413 beyond)
	MaxDepth          int           // HUB_MAX_DEPTH: nesting of selections
	DefaultLimit      int           // HUB_DEFAULT_LIMIT: items of a root list or connection without limit/first
	NestedLimit       int           // HUB_NESTED_LIMIT: items of a relationship list or connection, or a group's nodes, without limit/first
	MaxLimit          int           // HUB_MAX_LIMIT: largest limit/first argument
	MaxHops           int           // HUB_MAX_HOPS: largest maxHops argument
	MaxTokens         int           // HUB_MAX_TOKENS: parser token limit
	MaxAliases        int           // HUB_MAX_ALIASES: aliased fields per request
	MaxOperations     int           // HUB_MAX_OPERATIONS: operations per document
	MaxInFlight       int           // HUB_MAX_IN_FLIGHT: concurrent GraphQL requests (503 beyond)
	ReadHeaderTimeout time.Duration // HUB_READ_HEADER_TIMEOUT
	ReadTimeout       time.Duration // HUB_READ_TIMEOUT
	WriteTimeout      time.Duration // HUB_WRITE_TIMEOUT (default: request timeout + 5 s)
	IdleTimeout       time.Duration // HUB_IDLE_TIMEOUT
}

// DefaultLimits are the limits of a hub started without settings; the flags' defaults, the
// server's and the store's zero values all come from here.
func DefaultLimits() Limits {
	return Limits{
		MaxComplexity:     1000000,
		MaxBodyBytes:      1 << 20,
		MaxDepth:          15,
		DefaultLimit:      100,
		NestedLimit:       50,
		MaxLimit:          1000,
		MaxHops:           6,
		MaxTokens:         5000,
		MaxAliases:        30,
		MaxOperations:     5,
		MaxInFlight:       64,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       15 * time.Second,
		IdleTimeout:       60 * time.Second,
		// WriteTimeout has no fixed default: it is the request timeout + 5 s (Load).
	}
}

// WithDefaults returns l with every zero (or negative) field set to its DefaultLimits value.
func (l Limits) WithDefaults() Limits {
	d := DefaultLimits()
	pick := func(v *int, def int) {
		if *v <= 0 {
			*v = def
		}
	}
	pickD := func(v *time.Duration, def time.Duration) {
		if *v <= 0 {
			*v = def
		}
	}
	pick(&l.MaxComplexity, d.MaxComplexity)
	if l.MaxBodyBytes <= 0 {
		l.MaxBodyBytes = d.MaxBodyBytes
	}
	pick(&l.MaxDepth, d.MaxDepth)
	pick(&l.DefaultLimit, d.DefaultLimit)
	pick(&l.NestedLimit, d.NestedLimit)
	pick(&l.MaxLimit, d.MaxLimit)
	// After MaxLimit has its default: capping by a zero MaxLimit would zero the implicit limits.
	l.DefaultLimit, l.NestedLimit = min(l.DefaultLimit, l.MaxLimit), min(l.NestedLimit, l.MaxLimit)
	pick(&l.MaxHops, d.MaxHops)
	pick(&l.MaxTokens, d.MaxTokens)
	pick(&l.MaxAliases, d.MaxAliases)
	pick(&l.MaxOperations, d.MaxOperations)
	pick(&l.MaxInFlight, d.MaxInFlight)
	pickD(&l.ReadHeaderTimeout, d.ReadHeaderTimeout)
	pickD(&l.ReadTimeout, d.ReadTimeout)
	pickD(&l.IdleTimeout, d.IdleTimeout)
	// The implicit limits are at most the largest explicit one.
	l.DefaultLimit, l.NestedLimit = min(l.DefaultLimit, l.MaxLimit), min(l.NestedLimit, l.MaxLimit)
	return l
}

// DefaultCORSOrigins are the origins of local development servers.
const DefaultCORSOrigins = "http://localhost:3000,http://localhost:5173,http://localhost:8080," +
	"http://127.0.0.1:3000,http://127.0.0.1:5173,http://127.0.0.1:8080"

// Production reports whether the hub runs in production mode.
func (c Config) Production() bool { return c.Env == "production" }

// String prints the configuration with the password and the JWT secret masked.
func (c Config) String() string {
	pw, secret := "", ""
	if c.Neo4jPassword != "" {
		pw = "****"
	}
	if c.Auth.Secret != "" {
		secret = "****"
	}
	l := c.Limits
	return fmt.Sprintf("addr=%s env=%s cors=%s timeout=%s max-complexity=%d max-body=%d log=%s "+
		"max-depth=%d default-limit=%d nested-limit=%d max-limit=%d max-hops=%d max-tokens=%d max-aliases=%d "+
		"max-operations=%d max-in-flight=%d read-header-timeout=%s read-timeout=%s write-timeout=%s "+
		"idle-timeout=%s debug=%s neo4j=%s user=%q password=%q database=%q pool=%d acquire-timeout=%s "+
		"auth=%s jwt-jwks=%q jwt-secret=%q jwt-issuer=%q jwt-audience=%q jwt-groups-claim=%q allow-anonymous-only=%t "+
		"max-batch=%d cache-control=%q cors-headers=%s cache=%s cache-size=%d",
		c.Addr, c.Env, strings.Join(c.CORSOrigins, ","), c.RequestTimeout, l.MaxComplexity,
		l.MaxBodyBytes, c.LogLevel, l.MaxDepth, l.DefaultLimit, l.NestedLimit, l.MaxLimit, l.MaxHops, l.MaxTokens,
		l.MaxAliases, l.MaxOperations, l.MaxInFlight, l.ReadHeaderTimeout, l.ReadTimeout,
		l.WriteTimeout, l.IdleTimeout, c.DebugAddr, c.Neo4jURI, c.Neo4jUsername, pw, c.Neo4jDatabase,
		c.Neo4jPoolSize, c.Neo4jAcquire, c.Auth.Mode, c.Auth.JWKS, secret, c.Auth.Issuer, c.Auth.Audience,
		c.Auth.GroupsClaim, c.AllowAnonymousOnly, c.MaxBatch, c.CacheControl, strings.Join(c.CORSHeaders, ","),
		onOff(c.ResponseCache), c.ResponseCacheSize)
}

// settings collects typed flags whose values are checked after parsing.
type settings struct {
	fs     *flag.FlagSet
	env    func(k, def string) string
	checks []func() error
}

// int registers --name (default from the environment variable key, else def) that must be at
// least lo.
func (s *settings) int(p *int, name, key string, def, lo int, usage string) {
	raw := s.fs.String(name, s.env(key, strconv.Itoa(def)), usage)
	s.checks = append(s.checks, func() error {
		n, err := strconv.Atoi(strings.TrimSpace(*raw))
		if err != nil || n < lo {
			return fmt.Errorf("%s must be an integer of at least %d, not %q", strings.ReplaceAll(name, "-", " "), lo, *raw)
		}
		*p = n
		return nil
	})
}

// duration registers --name: a positive duration.
func (s *settings) duration(p *time.Duration, name, key string, def time.Duration, usage string) {
	raw := s.fs.String(name, s.env(key, def.String()), usage)
	s.checks = append(s.checks, func() error {
		d, err := positiveDuration(strings.ReplaceAll(name, "-", " "), *raw)
		*p = d
		return err
	})
}

// Load reads the configuration: getenv looks up environment variables (os.Getenv), args are
// the command's flags. Unknown flags and malformed values are errors.
func Load(fs *flag.FlagSet, args []string, getenv func(string) string) (Config, error) {
	env := func(k, def string) string {
		if v := strings.TrimSpace(getenv(k)); v != "" {
			return v
		}
		return def
	}
	var (
		c        Config
		cors     string
		corsHdrs string
		maxB     int
		write    string
		problems []error
	)
	s := &settings{fs: fs, env: env}
	l, d := &c.Limits, DefaultLimits()
	fs.StringVar(&c.Addr, "addr", env("HUB_ADDR", ":8080"), "listen address")
	fs.StringVar(&c.Env, "env", env("HUB_ENV", "development"), "development or production")
	fs.StringVar(&cors, "cors-origins", env("HUB_CORS_ORIGINS", DefaultCORSOrigins), "allowed CORS origins, comma-separated (* for any)")
	s.duration(&c.RequestTimeout, "request-timeout", "HUB_REQUEST_TIMEOUT", 30*time.Second, "deadline of one request, also the Neo4j transaction timeout")
	s.int(&l.MaxComplexity, "max-complexity", "HUB_MAX_COMPLEXITY", d.MaxComplexity, 1, "largest query cost (fields, multiplied through lists by limit/first or the implicit limit)")
	s.int(&maxB, "max-body-bytes", "HUB_MAX_BODY_BYTES", int(d.MaxBodyBytes), 1024, "largest request body accepted")
	s.int(&l.MaxDepth, "max-depth", "HUB_MAX_DEPTH", d.MaxDepth, 1, "deepest selection nesting accepted")
	s.int(&l.DefaultLimit, "default-limit", "HUB_DEFAULT_LIMIT", d.DefaultLimit, 1, "items of a root list or connection without limit/first (at most max-limit)")
	s.int(&l.NestedLimit, "nested-limit", "HUB_NESTED_LIMIT", d.NestedLimit, 1, "items of a relationship list or connection without limit/first (at most max-limit)")
	s.int(&l.MaxLimit, "max-limit", "HUB_MAX_LIMIT", d.MaxLimit, 1, "largest value of any limit or first argument")
	s.int(&l.MaxHops, "max-hops", "HUB_MAX_HOPS", d.MaxHops, 1, "largest maxHops argument")
	s.int(&l.MaxTokens, "max-tokens", "HUB_MAX_TOKENS", d.MaxTokens, 100, "most tokens the query parser reads")
	s.int(&l.MaxAliases, "max-aliases", "HUB_MAX_ALIASES", d.MaxAliases, 1, "most aliased fields in one request")
	s.int(&l.MaxOperations, "max-operations", "HUB_MAX_OPERATIONS", d.MaxOperations, 1, "most operations in one document")
	s.int(&c.MaxBatch, "max-batch", "HUB_MAX_BATCH", DefaultMaxBatch, 0, "most operations in one batched request (a JSON array); 0: batching off")
	fs.StringVar(&c.CacheControl, "cache-control", env("HUB_CACHE_CONTROL", DefaultCacheControl), "Cache-Control of answers to GET requests and persisted queries")
	cacheOn := fs.String("cache", env("HUB_CACHE", "on"), "the response cache: on or off")
	cacheSize := fs.String("cache-size", env("HUB_CACHE_SIZE", "32MB"), "the response cache's capacity (e.g. 32MB, 512KB, or bytes)")
	fs.StringVar(&corsHdrs, "cors-headers", env("HUB_CORS_HEADERS", ""), "request headers CORS allows besides the built-in list, comma-separated")
	s.int(&l.MaxInFlight, "max-in-flight", "HUB_MAX_IN_FLIGHT", d.MaxInFlight, 1, "most GraphQL requests served at once (503 beyond)")
	s.duration(&l.ReadHeaderTimeout, "read-header-timeout", "HUB_READ_HEADER_TIMEOUT", d.ReadHeaderTimeout, "time to read request headers")
	s.duration(&l.ReadTimeout, "read-timeout", "HUB_READ_TIMEOUT", d.ReadTimeout, "time to read a whole request")
	fs.StringVar(&write, "write-timeout", env("HUB_WRITE_TIMEOUT", ""), "time to write a response (default: request timeout + 5s)")
	s.duration(&l.IdleTimeout, "idle-timeout", "HUB_IDLE_TIMEOUT", d.IdleTimeout, "how long an idle keep-alive connection stays open")
	fs.StringVar(&c.DebugAddr, "debug-addr", env("HUB_DEBUG_ADDR", ""), "address of /debug/vars (goroutines, memory stats), e.g. 127.0.0.1:6060; off when empty")
	fs.StringVar(&c.LogLevel, "log-level", env("HUB_LOG_LEVEL", "info"), "debug, info, warn or error")
	fs.StringVar(&c.Neo4jURI, "neo4j-uri", env("NEO4J_URI", "bolt://127.0.0.1:7687"), "Neo4j URI (bolt://, neo4j://, neo4j+s://)")
	fs.StringVar(&c.Neo4jUsername, "neo4j-username", env("NEO4J_USERNAME", ""), "Neo4j user (empty: no auth)")
	fs.StringVar(&c.Neo4jDatabase, "neo4j-database", env("NEO4J_DATABASE", ""), "Neo4j database (empty: the server's default)")
	fs.StringVar(&c.TrustedDocuments, "trusted-documents", env("HUB_TRUSTED_DOCUMENTS", ""), "manifest of the only operations to execute (JSON {sha256: document})")
	s.int(&c.Neo4jPoolSize, "neo4j-max-pool-size", "NEO4J_MAX_POOL_SIZE", 50, 1, "most connections to Neo4j")
	s.duration(&c.Neo4jAcquire, "neo4j-acquire-timeout", "NEO4J_ACQUIRE_TIMEOUT", 5*time.Second, "longest wait for a free Neo4j connection")
	fs.StringVar(&c.Auth.Mode, "auth", env("HUB_AUTH", auth.ModeNone), "how callers are authenticated: none (every caller anonymous) or jwt")
	fs.StringVar(&c.Auth.JWKS, "jwt-jwks", env("HUB_JWT_JWKS", ""), "JWKS file path or URL of the token signing keys (RS256, ES256)")
	fs.StringVar(&c.Auth.Issuer, "jwt-issuer", env("HUB_JWT_ISSUER", ""), "the issuer (iss) every token must name")
	fs.StringVar(&c.Auth.Audience, "jwt-audience", env("HUB_JWT_AUDIENCE", ""), "an audience (aud) every token must name")
	fs.StringVar(&c.Auth.GroupsClaim, "jwt-groups-claim", env("HUB_JWT_GROUPS_CLAIM", auth.DefaultGroupsClaim), "the token claim that lists the caller's groups (a dotted path reaches into objects)")
	allowAnon := env("HUB_ALLOW_ANONYMOUS_ONLY", "false")
	c.Auth.Secret = getenv("HUB_JWT_SECRET")
	grace := fs.String("sync-grace", env("HUB_SYNC_GRACE", "32s"), "how long a published data version waits before it is applied: more than every hub's request timeout (0: no wait)")
	shutdown := env("HUB_SHUTDOWN_TIMEOUT", "20s")
	c.Neo4jPassword = getenv("NEO4J_PASSWORD")
	if err := fs.Parse(args); err != nil {
		return Config{}, err
	}
	for _, check := range s.checks {
		if err := check(); err != nil {
			problems = append(problems, err)
		}
	}
	if d, err := time.ParseDuration(*grace); err != nil || d < 0 {
		problems = append(problems, fmt.Errorf("sync grace must be a duration of 0 or more (e.g. 32s), not %q", *grace))
	} else {
		c.SyncGrace = d
	}
	l.MaxBodyBytes = int64(maxB)
	if write == "" {
		l.WriteTimeout = c.RequestTimeout + 5*time.Second
	} else if d, err := positiveDuration("write timeout", write); err != nil {
		problems = append(problems, err)
	} else {
		l.WriteTimeout = d
	}
	// The implicit limits are at most the largest explicit one.
	l.DefaultLimit, l.NestedLimit = min(l.DefaultLimit, l.MaxLimit), min(l.NestedLimit, l.MaxLimit)
	if c.Env != "development" && c.Env != "production" {
		problems = append(problems, fmt.Errorf("env must be development or production, not %q", c.Env))
	}
	for _, o := range strings.Split(cors, ",") {
		if o = strings.TrimSpace(o); o != "" {
			c.CORSOrigins = append(c.CORSOrigins, o)
		}
	}
	for _, h := range strings.Split(corsHdrs, ",") {
		if h = strings.TrimSpace(h); h != "" {
			c.CORSHeaders = append(c.CORSHeaders, h)
		}
	}
	switch strings.ToLower(strings.TrimSpace(*cacheOn)) {
	case "on", "true":
		c.ResponseCache = true
	case "off", "false":
	default:
		problems = append(problems, fmt.Errorf("cache must be on or off, not %q", *cacheOn))
	}
	if n, err := ParseBytes(*cacheSize); err != nil || n < 1<<20 {
		problems = append(problems, fmt.Errorf("cache size must be a size of at least 1MB (e.g. 32MB), not %q", *cacheSize))
	} else {
		c.ResponseCacheSize = n
	}
	if msg := checkCacheControl(c.CacheControl, c.Auth.Mode); msg != "" {
		problems = append(problems, errors.New(msg))
	}
	var err error
	if c.ShutdownTimeout, err = positiveDuration("shutdown timeout", shutdown); err != nil {
		problems = append(problems, err)
	}
	switch c.LogLevel {
	case "debug", "info", "warn", "error":
	default:
		problems = append(problems, fmt.Errorf("log level must be debug, info, warn or error, not %q", c.LogLevel))
	}
	if err := c.Auth.Check(); err != nil {
		problems = append(problems, err)
	}
	switch allowAnon {
	case "true":
		c.AllowAnonymousOnly = true
	case "false":
	default:
		problems = append(problems, fmt.Errorf("HUB_ALLOW_ANONYMOUS_ONLY must be true or false, not %q", allowAnon))
	}
	if c.Production() && c.Auth.Mode == auth.ModeNone && !c.AllowAnonymousOnly {
		problems = append(problems, errors.New("production refuses HUB_AUTH=none: set HUB_AUTH=jwt, or HUB_ALLOW_ANONYMOUS_ONLY=true to serve public documents only to everyone"))
	}
	if c.Production() && c.Auth.Secret != "" {
		problems = append(problems, errors.New("production refuses HUB_JWT_SECRET (HS256 is for development and tests): use HUB_JWT_JWKS"))
	}
	if c.Neo4jURI == "" {
		problems = append(problems, errors.New("neo4j uri must not be empty"))
	}
	if len(problems) > 0 {
		return Config{}, fmt.Errorf("configuration: %w", errors.Join(problems...))
	}
	return c, nil
}

// checkCacheControl refuses a Cache-Control that lets shared caches keep answers when callers
// see different data (access control), and one with characters that cannot be in a header.
func checkCacheControl(v, authMode string) string {
	if strings.TrimSpace(v) == "" || strings.ContainsAny(v, "\r\n") {
		return "cache control must be a non-empty header value such as \"" + DefaultCacheControl + "\""
	}
	lower := strings.ToLower(v)
	if authMode != auth.ModeNone && (strings.Contains(lower, "public") || strings.Contains(lower, "s-maxage")) {
		return "cache control " + strconv.Quote(v) + " lets shared caches keep answers, but callers see different data (HUB_AUTH=" +
			authMode + "): use private (the default is \"" + DefaultCacheControl + "\")"
	}
	return ""
}

func positiveDuration(name, s string) (time.Duration, error) {
	d, err := time.ParseDuration(strings.TrimSpace(s))
	if err != nil || d <= 0 {
		return 0, fmt.Errorf("%s must be a positive duration like 30s, not %q", name, s)
	}
	return d, nil
}

// onOff prints a switch.
func onOff(b bool) string {
	if b {
		return "on"
	}
	return "off"
}

// ParseBytes reads a size: a whole number of bytes, or one with the suffix KB, MB or GB
// (also KiB, MiB, GiB; all powers of 1024; case does not matter).
func ParseBytes(s string) (int64, error) {
	t := strings.ToUpper(strings.TrimSpace(s))
	mult := int64(1)
	for _, u := range []struct {
		suffix string
		mult   int64
	}{{"KIB", 1 << 10}, {"MIB", 1 << 20}, {"GIB", 1 << 30}, {"KB", 1 << 10}, {"MB", 1 << 20}, {"GB", 1 << 30}, {"B", 1}} {
		if rest, ok := strings.CutSuffix(t, u.suffix); ok {
			t, mult = strings.TrimSpace(rest), u.mult
			break
		}
	}
	n, err := strconv.ParseInt(t, 10, 64)
	if err != nil || n < 0 || n > (1<<50)/mult {
		return 0, fmt.Errorf("not a size: %q", s)
	}
	return n * mult, nil
}
