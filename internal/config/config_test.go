package config

import (
	"flag"
	"io"
	"strings"
	"testing"
	"time"
)

func load(t *testing.T, env map[string]string, args ...string) (Config, error) {
	t.Helper()
	fs := flag.NewFlagSet("test", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	return Load(fs, args, func(k string) string { return env[k] })
}

func TestDefaults(t *testing.T) {
	c, err := load(t, nil)
	if err != nil {
		t.Fatal(err)
	}
	if c.Addr != ":8080" || c.Neo4jURI != "bolt://127.0.0.1:7687" || c.Production() ||
		c.RequestTimeout != 30*time.Second || len(c.CORSOrigins) != 6 {
		t.Errorf("defaults: %+v", c)
	}
}

func TestFlagsOverrideEnv(t *testing.T) {
	c, err := load(t, map[string]string{"HUB_ADDR": ":1", "NEO4J_URI": "neo4j+s://x.databases.neo4j.io",
		"HUB_CORS_ORIGINS": "https://a.example, https://b.example", "HUB_ENV": "production", "HUB_ALLOW_ANONYMOUS_ONLY": "true"}, "--addr", ":2")
	if err != nil {
		t.Fatal(err)
	}
	if c.Addr != ":2" || c.Neo4jURI != "neo4j+s://x.databases.neo4j.io" || !c.Production() {
		t.Errorf("got %+v", c)
	}
	if strings.Join(c.CORSOrigins, "|") != "https://a.example|https://b.example" {
		t.Errorf("cors = %q", c.CORSOrigins)
	}
}

func TestPasswordMasked(t *testing.T) {
	c, err := load(t, map[string]string{"NEO4J_PASSWORD": "s3cret-pw"})
	if err != nil {
		t.Fatal(err)
	}
	if s := c.String(); strings.Contains(s, "s3cret-pw") || !strings.Contains(s, "****") {
		t.Errorf("String() = %s", s)
	}
}

func TestAuthSettings(t *testing.T) {
	secret := strings.Repeat("k", 32)
	c, err := load(t, map[string]string{"HUB_AUTH": "jwt", "HUB_JWT_SECRET": secret, "HUB_JWT_ISSUER": "https://id.example",
		"HUB_JWT_AUDIENCE": "hub", "HUB_JWT_GROUPS_CLAIM": "realm_access.roles"})
	if err != nil {
		t.Fatal(err)
	}
	if c.Auth.Mode != "jwt" || c.Auth.Secret != secret || c.Auth.Issuer != "https://id.example" ||
		c.Auth.Audience != "hub" || c.Auth.GroupsClaim != "realm_access.roles" {
		t.Errorf("auth = %+v", c.Auth)
	}
	if s := c.String(); strings.Contains(s, secret) || !strings.Contains(s, `jwt-secret="****"`) {
		t.Errorf("String() shows the secret: %s", s)
	}
	if c, err := load(t, nil); err != nil || c.Auth.Mode != "none" || c.Auth.GroupsClaim != "groups" {
		t.Errorf("defaults: %+v, %v", c.Auth, err)
	}
	for _, tc := range []struct {
		env  map[string]string
		want string
	}{
		{map[string]string{"HUB_ENV": "production"}, "production refuses HUB_AUTH=none"},
		{map[string]string{"HUB_ENV": "production", "HUB_ALLOW_ANONYMOUS_ONLY": "yes"}, "HUB_ALLOW_ANONYMOUS_ONLY must be true or false"},
		{map[string]string{"HUB_ENV": "production", "HUB_AUTH": "jwt", "HUB_JWT_SECRET": secret}, "production refuses HUB_JWT_SECRET"},
		{map[string]string{"HUB_AUTH": "jwt"}, "needs HUB_JWT_JWKS"},
		{map[string]string{"HUB_AUTH": "jwt", "HUB_JWT_SECRET": "short"}, "at least 32 bytes"},
		{map[string]string{"HUB_AUTH": "oidc"}, `auth must be none or jwt, not "oidc"`},
	} {
		if _, err := load(t, tc.env); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%v: error %v, want %q", tc.env, err, tc.want)
		}
	}
	if _, err := load(t, map[string]string{"HUB_ENV": "production", "HUB_AUTH": "jwt", "HUB_JWT_JWKS": "/etc/hub/jwks.json"}); err != nil {
		t.Errorf("production with a JWKS: %v", err)
	}
}

func TestBadValues(t *testing.T) {
	_, err := load(t, map[string]string{"HUB_REQUEST_TIMEOUT": "soon", "HUB_ENV": "staging",
		"HUB_MAX_COMPLEXITY": "-3", "HUB_LOG_LEVEL": "loud"})
	if err == nil {
		t.Fatal("want an error")
	}
	for _, want := range []string{"request timeout", "staging", "max complexity", "loud"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not mention %q", err, want)
		}
	}
}

func TestLimitDefaultsAndOverrides(t *testing.T) {
	c, err := load(t, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := Limits{MaxComplexity: 1000000, MaxBodyBytes: 1 << 20, MaxDepth: 15, DefaultLimit: 100, NestedLimit: 50, MaxLimit: 1000, MaxHops: 6, MaxTokens: 5000,
		MaxAliases: 30, MaxOperations: 5, MaxInFlight: 64, ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout: 15 * time.Second, WriteTimeout: 35 * time.Second, IdleTimeout: 60 * time.Second}
	if c.Limits != want || c.Neo4jPoolSize != 50 || c.Neo4jAcquire != 5*time.Second {
		t.Errorf("defaults: %+v", c)
	}
	c, err = load(t, map[string]string{"HUB_MAX_DEPTH": "7", "HUB_MAX_IN_FLIGHT": "3", "NEO4J_MAX_POOL_SIZE": "2"},
		"--max-depth", "9", "--request-timeout", "2s", "--neo4j-acquire-timeout", "250ms")
	if err != nil {
		t.Fatal(err)
	}
	if c.Limits.MaxDepth != 9 || c.Limits.MaxInFlight != 3 || c.Neo4jPoolSize != 2 ||
		c.Limits.WriteTimeout != 7*time.Second || c.Neo4jAcquire != 250*time.Millisecond {
		t.Errorf("overrides: %+v", c)
	}
	_, err = load(t, map[string]string{"HUB_MAX_DEPTH": "0", "HUB_IDLE_TIMEOUT": "-1s", "HUB_MAX_TOKENS": "lots"})
	for _, want := range []string{"max depth", "idle timeout", "max tokens"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("error %v does not mention %q", err, want)
		}
	}
}

// The zero Limits take every default, and the implicit limits never exceed the largest
// explicit one (HUB_MAX_LIMIT below them caps them).
func TestWithDefaultsImplicitLimits(t *testing.T) {
	if got := (Limits{}).WithDefaults(); got != DefaultLimits() {
		t.Errorf("zero limits with defaults = %+v, want %+v", got, DefaultLimits())
	}
	got := Limits{MaxLimit: 3}.WithDefaults()
	if got.DefaultLimit != 3 || got.NestedLimit != 3 {
		t.Errorf("max limit 3: implicit limits %d and %d, want 3 and 3", got.DefaultLimit, got.NestedLimit)
	}
	got = Limits{NestedLimit: 7}.WithDefaults()
	if got.DefaultLimit != DefaultLimits().DefaultLimit || got.NestedLimit != 7 {
		t.Errorf("nested limit 7: %+v", got)
	}
}

// The zero Limits (what a store or server opened without configuration gets) takes every
// default, the implicit limits included: capping them by a MaxLimit not yet defaulted made
// them zero, and every list without a limit empty.
func TestZeroLimitsTakeTheDefaults(t *testing.T) {
	if got, want := (Limits{}).WithDefaults(), DefaultLimits(); got.DefaultLimit != want.DefaultLimit ||
		got.NestedLimit != want.NestedLimit || got.MaxLimit != want.MaxLimit {
		t.Errorf("Limits{}.WithDefaults() = %+v, want the limits of %+v", got, want)
	}
	if got := (Limits{MaxLimit: 20}).WithDefaults(); got.DefaultLimit != 20 || got.NestedLimit != 20 {
		t.Errorf("implicit limits above MaxLimit 20: %+v", got)
	}
}

func TestHTTPSettings(t *testing.T) {
	c, err := load(t, nil)
	if err != nil || c.MaxBatch != DefaultMaxBatch || c.CacheControl != DefaultCacheControl || c.CORSHeaders != nil {
		t.Fatalf("defaults: batch %d cache %q cors %v (%v)", c.MaxBatch, c.CacheControl, c.CORSHeaders, err)
	}
	c, err = load(t, map[string]string{"HUB_MAX_BATCH": "0", "HUB_CACHE_CONTROL": "public, max-age=60",
		"HUB_CORS_HEADERS": "X-A, x-b ,"})
	if err != nil || c.MaxBatch != 0 || c.CacheControl != "public, max-age=60" || strings.Join(c.CORSHeaders, "|") != "X-A|x-b" {
		t.Errorf("set: batch %d cache %q cors %v (%v)", c.MaxBatch, c.CacheControl, c.CORSHeaders, err)
	}
	secret := strings.Repeat("k", 32)
	for _, tc := range []struct {
		env  map[string]string
		want string
	}{
		{map[string]string{"HUB_MAX_BATCH": "-1"}, "max batch must be an integer of at least 0"},
		{map[string]string{"HUB_AUTH": "jwt", "HUB_JWT_SECRET": secret, "HUB_CACHE_CONTROL": "public, max-age=60"}, "lets shared caches keep answers"},
		{map[string]string{"HUB_AUTH": "jwt", "HUB_JWT_SECRET": secret, "HUB_CACHE_CONTROL": "max-age=60, S-MaxAge=60"}, "lets shared caches keep answers"},
		{map[string]string{"HUB_CACHE_CONTROL": "no-store\r\nX-Evil: 1"}, "non-empty header value"},
	} {
		if _, err := load(t, tc.env); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%v: error %v, want %q", tc.env, err, tc.want)
		}
	}
	if _, err := load(t, map[string]string{"HUB_AUTH": "jwt", "HUB_JWT_SECRET": secret, "HUB_CACHE_CONTROL": "private, max-age=30"}); err != nil {
		t.Errorf("private with access control: %v", err)
	}
}
