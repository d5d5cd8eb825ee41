package auth

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/MicahParks/jwkset"
	"github.com/golang-jwt/jwt/v5"

	"github.com/reformhub/hub/internal/access"
)

// secret is an HS256 secret of exactly MinSecretLen bytes.
const secret = "0123456789abcdef0123456789abcdef"

// keySet holds the keys of the tests.
type keySet struct {
	rsa1, rsa2, rsaOther *rsa.PrivateKey
	ec1                  *ecdsa.PrivateKey
}

// testKeys are the keys of the tests, generated once per test binary.
var testKeys = sync.OnceValue(func() keySet {
	gen := func() *rsa.PrivateKey {
		key, err := rsa.GenerateKey(rand.Reader, 2048)
		if err != nil {
			panic(err)
		}
		return key
	}
	ec, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		panic(err)
	}
	return keySet{rsa1: gen(), rsa2: gen(), rsaOther: gen(), ec1: ec}
})

// claims are valid claims for subject sub: issued now, expiring in an hour; extra are
// added (a nil value deletes the claim).
func claims(sub string, extra map[string]any) jwt.MapClaims {
	now := time.Now()
	c := jwt.MapClaims{"sub": sub, "iat": now.Unix(), "exp": now.Add(time.Hour).Unix()}
	for k, v := range extra {
		if v == nil {
			delete(c, k)
			continue
		}
		c[k] = v
	}
	return c
}

// sign returns the token of c signed by key with method, naming kid when it is not empty.
func sign(t *testing.T, method jwt.SigningMethod, key any, kid string, c jwt.MapClaims) string {
	t.Helper()
	tok := jwt.NewWithClaims(method, c)
	if kid != "" {
		tok.Header["kid"] = kid
	}
	s, err := tok.SignedString(key)
	if err != nil {
		t.Fatalf("signing: %v", err)
	}
	return s
}

// hs is a token of c signed with the test secret.
func hs(t *testing.T, c jwt.MapClaims) string {
	return sign(t, jwt.SigningMethodHS256, []byte(secret), "", c)
}

// unsigned is a token of c with alg none.
func unsigned(t *testing.T, c jwt.MapClaims) string {
	return sign(t, jwt.SigningMethodNone, jwt.UnsafeAllowNoneSignatureType, "", c)
}

// pubKey is a public key of a JWKS with its kid and alg.
type pubKey struct {
	kid string
	alg jwkset.ALG
	key any
}

// jwksJSON is the JWK Set of keys.
func jwksJSON(t *testing.T, keys ...pubKey) []byte {
	t.Helper()
	var set jwkset.JWKSMarshal
	for _, k := range keys {
		jwk, err := jwkset.NewJWKFromKey(k.key, jwkset.JWKOptions{Metadata: jwkset.JWKMetadataOptions{KID: k.kid, ALG: k.alg, USE: jwkset.UseSig}})
		if err != nil {
			t.Fatalf("JWK %s: %v", k.kid, err)
		}
		set.Keys = append(set.Keys, jwk.Marshal())
	}
	raw, err := json.Marshal(set)
	if err != nil {
		t.Fatal(err)
	}
	return raw
}

// writeJWKS writes the JWK Set of keys to path with modification time mod.
func writeJWKS(t *testing.T, path string, mod time.Time, keys ...pubKey) {
	t.Helper()
	if err := os.WriteFile(path, jwksJSON(t, keys...), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(path, mod, mod); err != nil {
		t.Fatal(err)
	}
}

func newAuth(t *testing.T, c Config) *Authenticator {
	t.Helper()
	a, err := New(context.Background(), c)
	if err != nil {
		t.Fatalf("New(%+v): %v", c, err)
	}
	t.Cleanup(a.Close)
	return a
}

// request is a POST /graphql with the Authorization headers given (none when empty).
func request(target string, authorization ...string) *http.Request {
	r := httptest.NewRequest(http.MethodPost, target, strings.NewReader(`{"query":"{ __typename }"}`))
	for _, h := range authorization {
		r.Header.Add("Authorization", h)
	}
	return r
}

func bearer(tok string) string { return "Bearer " + tok }

// isAnonymous reports whether c is exactly the anonymous caller.
func isAnonymous(c access.Caller) bool {
	return !c.SignedIn && c.Subject == "" && c.Groups == nil
}

// wantCaller checks that a accepts r as subject sub with groups.
func wantCaller(t *testing.T, a *Authenticator, r *http.Request, sub string, groups []string) {
	t.Helper()
	c, err := a.Authenticate(r)
	if err != nil {
		t.Fatalf("refused: %v", err)
	}
	if !c.SignedIn || c.Subject != sub || !slices.Equal(c.Groups, groups) {
		t.Errorf("caller = %+v, want signed in as %q with groups %q", c, sub, groups)
	}
}

// wantRefused checks that a refuses r with an error that is want (and none of the others),
// and serves it as no one.
func wantRefused(t *testing.T, a *Authenticator, r *http.Request, want error) {
	t.Helper()
	c, err := a.Authenticate(r)
	if !errors.Is(err, want) {
		t.Fatalf("err = %v, want %v (caller %+v)", err, want, c)
	}
	for _, other := range []error{ErrInvalid, ErrMalformed, ErrTokenInURL} {
		if !errors.Is(want, other) && errors.Is(err, other) {
			t.Errorf("err = %v is also %v", err, other)
		}
	}
	if !isAnonymous(c) {
		t.Errorf("a refused request has caller %+v", c)
	}
}

// Without a token every caller is anonymous, and with HUB_AUTH=none a token is ignored.
func TestAuthenticateAnonymous(t *testing.T) {
	none := newAuth(t, Config{Mode: ModeNone})
	jwtAuth := newAuth(t, Config{Mode: ModeJWT, Secret: secret})
	valid := hs(t, claims("alice", map[string]any{"groups": []string{"a"}}))
	if none.Enabled() || !jwtAuth.Enabled() {
		t.Errorf("Enabled: none %v, jwt %v", none.Enabled(), jwtAuth.Enabled())
	}
	tests := []struct {
		name string
		a    *Authenticator
		r    *http.Request
	}{
		{"jwt, no header", jwtAuth, request("/graphql")},
		{"none, no header", none, request("/graphql")},
		{"none, valid token", none, request("/graphql", bearer(valid))},
		{"none, garbage token", none, request("/graphql", "Bearer garbage")},
		{"none, wrong scheme", none, request("/graphql", "Basic abc")},
		{"none, two headers", none, request("/graphql", bearer(valid), bearer(valid))},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c, err := tc.a.Authenticate(tc.r)
			if err != nil || !isAnonymous(c) {
				t.Errorf("caller %+v, err %v; want anonymous", c, err)
			}
		})
	}
}

// A valid HS256 token is its subject with the sorted, deduplicated groups of its claim
// (invalid group names dropped).
func TestAuthenticateHS256Valid(t *testing.T) {
	a := newAuth(t, Config{Mode: ModeJWT, Secret: secret})
	now := time.Now()
	tests := []struct {
		name   string
		claims jwt.MapClaims
		groups []string
	}{
		{"groups sorted and deduplicated", claims("alice", map[string]any{"groups": []string{"ops", "dev", "ops", "admin", "dev"}}), []string{"admin", "dev", "ops"}},
		{"invalid group names dropped", claims("alice", map[string]any{"groups": []string{"dev", "", " padded ", "tab\tbed", strings.Repeat("g", access.MaxGroupLen+1)}}), []string{"dev"}},
		{"one group as a string", claims("alice", map[string]any{"groups": "dev"}), []string{"dev"}},
		{"no groups claim", claims("alice", nil), []string{}},
		{"groups null", claims("alice", map[string]any{"groups": json.RawMessage("null")}), []string{}},
		{"empty groups", claims("alice", map[string]any{"groups": []string{}}), []string{}},
		{"expired within the leeway", claims("alice", map[string]any{"exp": now.Add(-Leeway / 3).Unix()}), []string{}},
		{"nbf within the leeway", claims("alice", map[string]any{"nbf": now.Add(Leeway / 3).Unix()}), []string{}},
		{"iat within the leeway", claims("alice", map[string]any{"iat": now.Add(Leeway / 3).Unix()}), []string{}},
		{"nbf in the past", claims("alice", map[string]any{"nbf": now.Add(-time.Hour).Unix()}), []string{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			wantCaller(t, a, request("/graphql", bearer(hs(t, tc.claims))), "alice", tc.groups)
		})
	}
	t.Run("scheme is case-insensitive, spaces trimmed", func(t *testing.T) {
		tok := hs(t, claims("bob", nil))
		wantCaller(t, a, request("/graphql", "bearer "+tok), "bob", []string{})
		wantCaller(t, a, request("/graphql", "  BEARER   "+tok+"  "), "bob", []string{})
	})
	t.Run("issuer and audience when configured", func(t *testing.T) {
		strict := newAuth(t, Config{Mode: ModeJWT, Secret: secret, Issuer: "https://id.example", Audience: "hub"})
		wantCaller(t, strict, request("/graphql", bearer(hs(t, claims("carol", map[string]any{"iss": "https://id.example", "aud": "hub"})))), "carol", []string{})
		wantCaller(t, strict, request("/graphql", bearer(hs(t, claims("carol", map[string]any{"iss": "https://id.example", "aud": []string{"other", "hub"}})))), "carol", []string{})
	})
}

// Every bad token is ErrInvalid and served as no one.
func TestAuthenticateTokenRefused(t *testing.T) {
	k := testKeys()
	dir := t.TempDir()
	jwksPath := filepath.Join(dir, "jwks.json")
	writeJWKS(t, jwksPath, time.Now(), pubKey{"rsa1", jwkset.AlgRS256, &k.rsa1.PublicKey}, pubKey{"ec1", jwkset.AlgES256, &k.ec1.PublicKey})
	strict := newAuth(t, Config{Mode: ModeJWT, Secret: secret, Issuer: "https://id.example", Audience: "hub"})
	jwksOnly := newAuth(t, Config{Mode: ModeJWT, JWKS: jwksPath})
	both := newAuth(t, Config{Mode: ModeJWT, JWKS: jwksPath, Secret: secret})
	hsOnly := newAuth(t, Config{Mode: ModeJWT, Secret: secret})

	now := time.Now()
	good := map[string]any{"iss": "https://id.example", "aud": "hub"}
	with := func(extra map[string]any) jwt.MapClaims {
		c := claims("mallory", good)
		for k, v := range extra {
			if v == nil {
				delete(c, k)
			} else {
				c[k] = v
			}
		}
		return c
	}
	// The RSA public key as an HS256 secret: the algorithm-confusion attack.
	der, err := x509.MarshalPKIXPublicKey(&k.rsa1.PublicKey)
	if err != nil {
		t.Fatal(err)
	}
	pubPEM := pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der})
	// A valid token whose payload is replaced after signing.
	valid := hs(t, with(nil))
	parts := strings.Split(valid, ".")
	forged, _ := json.Marshal(with(map[string]any{"sub": "admin", "groups": []string{"admin"}}))
	tampered := parts[0] + "." + base64.RawURLEncoding.EncodeToString(forged) + "." + parts[2]
	// A valid RS256 token with its signature's last byte changed.
	rs := sign(t, jwt.SigningMethodRS256, k.rsa1, "rsa1", claims("mallory", nil))
	sig, _ := base64.RawURLEncoding.DecodeString(rs[strings.LastIndexByte(rs, '.')+1:])
	sig[len(sig)-1] ^= 1
	rsBadSig := rs[:strings.LastIndexByte(rs, '.')+1] + base64.RawURLEncoding.EncodeToString(sig)

	tests := []struct {
		name  string
		a     *Authenticator
		token string
	}{
		{"expired beyond the leeway", strict, hs(t, with(map[string]any{"exp": now.Add(-2 * Leeway).Unix()}))},
		{"not yet valid beyond the leeway", strict, hs(t, with(map[string]any{"nbf": now.Add(2 * Leeway).Unix()}))},
		{"issued in the future beyond the leeway", strict, hs(t, with(map[string]any{"iat": now.Add(2 * Leeway).Unix()}))},
		{"missing exp", strict, hs(t, with(map[string]any{"exp": nil}))},
		{"exp not a number", strict, hs(t, with(map[string]any{"exp": "tomorrow"}))},
		{"wrong issuer", strict, hs(t, with(map[string]any{"iss": "https://evil.example"}))},
		{"missing issuer", strict, hs(t, with(map[string]any{"iss": nil}))},
		{"wrong audience", strict, hs(t, with(map[string]any{"aud": "other"}))},
		{"wrong audiences", strict, hs(t, with(map[string]any{"aud": []string{"other", "another"}}))},
		{"missing audience", strict, hs(t, with(map[string]any{"aud": nil}))},
		{"signed with another secret", strict, sign(t, jwt.SigningMethodHS256, []byte(strings.Repeat("x", MinSecretLen)), "", with(nil))},
		{"tampered payload", strict, tampered},
		{"alg none", strict, unsigned(t, with(nil))},
		{"alg none, JWKS", jwksOnly, unsigned(t, claims("mallory", nil))},
		{"alg none with a kid, JWKS", jwksOnly, sign(t, jwt.SigningMethodNone, jwt.UnsafeAllowNoneSignatureType, "rsa1", claims("mallory", nil))},
		{"HS384 instead of HS256", hsOnly, sign(t, jwt.SigningMethodHS384, []byte(secret), "", claims("mallory", nil))},
		{"RS256 with only a secret", hsOnly, rs},
		{"HS256 with the RSA public key (PEM), JWKS only", jwksOnly, sign(t, jwt.SigningMethodHS256, pubPEM, "rsa1", claims("mallory", nil))},
		{"HS256 with the RSA public key (DER), JWKS only", jwksOnly, sign(t, jwt.SigningMethodHS256, der, "rsa1", claims("mallory", nil))},
		{"HS256 with the RSA public key, JWKS and secret", both, sign(t, jwt.SigningMethodHS256, pubPEM, "rsa1", claims("mallory", nil))},
		{"RS256 signed by another key with the same kid", jwksOnly, sign(t, jwt.SigningMethodRS256, k.rsaOther, "rsa1", claims("mallory", nil))},
		{"RS256 signed by another key without a kid", jwksOnly, sign(t, jwt.SigningMethodRS256, k.rsaOther, "", claims("mallory", nil))},
		{"RS256 with a changed signature", jwksOnly, rsBadSig},
		{"RS256 with an unknown kid", jwksOnly, sign(t, jwt.SigningMethodRS256, k.rsa1, "nope", claims("mallory", nil))},
		{"RS384 with a JWKS key", jwksOnly, sign(t, jwt.SigningMethodRS384, k.rsa1, "rsa1", claims("mallory", nil))},
		{"ES256 naming the RSA key", jwksOnly, sign(t, jwt.SigningMethodES256, k.ec1, "rsa1", claims("mallory", nil))},
		{"RS256 expired, JWKS", jwksOnly, sign(t, jwt.SigningMethodRS256, k.rsa1, "rsa1", claims("mallory", map[string]any{"exp": now.Add(-2 * Leeway).Unix()}))},
		{"groups a number", hsOnly, hs(t, claims("mallory", map[string]any{"groups": 42}))},
		{"groups an object", hsOnly, hs(t, claims("mallory", map[string]any{"groups": map[string]any{"admin": true}}))},
		{"groups holding a number", hsOnly, hs(t, claims("mallory", map[string]any{"groups": []any{"dev", 7}}))},
		{"groups holding a list", hsOnly, hs(t, claims("mallory", map[string]any{"groups": []any{[]string{"admin"}}}))},
		{"garbage", strict, "garbage"},
		{"three garbage segments", strict, "not.a.jwt"},
		{"header only", strict, parts[0] + ".."},
		{"truncated", strict, valid[:len(valid)-5]},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			wantRefused(t, tc.a, request("/graphql", bearer(tc.token)), ErrInvalid)
		})
	}
	// The same valid token is accepted, so the refusals above are the claims' doing.
	t.Run("control: the untampered token", func(t *testing.T) {
		wantCaller(t, strict, request("/graphql", bearer(valid)), "mallory", []string{})
		wantCaller(t, jwksOnly, request("/graphql", bearer(rs)), "mallory", []string{})
	})
}

// An Authorization header that is not one `Bearer <token>` is ErrMalformed.
func TestAuthenticateMalformedHeader(t *testing.T) {
	a := newAuth(t, Config{Mode: ModeJWT, Secret: secret})
	valid := hs(t, claims("alice", nil))
	tests := []struct {
		name    string
		headers []string
	}{
		{"Basic", []string{"Basic abc"}},
		{"Basic with a JWT", []string{"Basic " + valid}},
		{"Bearer alone", []string{"Bearer"}},
		{"Bearer and spaces", []string{"Bearer    "}},
		{"token alone", []string{valid}},
		{"empty header", []string{""}},
		{"tab after Bearer", []string{"Bearer\t" + valid}},
		{"two headers", []string{bearer(valid), bearer(valid)}},
		{"two headers, the first empty", []string{"", bearer(valid)}},
		{"a token over 16 KiB", []string{bearer(strings.Repeat("a", maxTokenLen+1))}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			wantRefused(t, a, request("/graphql", tc.headers...), ErrMalformed)
		})
	}
}

// A token in the query string is refused in every mode, with or without a header.
func TestAuthenticateTokenInURL(t *testing.T) {
	valid := hs(t, claims("alice", nil))
	for _, c := range []Config{{Mode: ModeNone}, {Mode: ModeJWT, Secret: secret}} {
		a := newAuth(t, c)
		targets := map[string]string{
			"x":           "/graphql?access_token=x",
			"a valid JWT": "/graphql?query=%7B__typename%7D&access_token=" + valid,
			"empty":       "/graphql?access_token=",
		}
		for name, target := range targets {
			for _, headers := range [][]string{nil, {bearer(valid)}} {
				t.Run(fmt.Sprintf("%s, token %s, %d headers", c.Mode, name, len(headers)), func(t *testing.T) {
					wantRefused(t, a, request(target, headers...), ErrTokenInURL)
				})
			}
		}
	}
}

// A dotted groups claim reads groups nested in objects (Keycloak's realm_access.roles).
func TestAuthenticateNestedGroupsClaim(t *testing.T) {
	a := newAuth(t, Config{Mode: ModeJWT, Secret: secret, GroupsClaim: "realm_access.roles"})
	tests := []struct {
		name   string
		extra  map[string]any
		groups []string
	}{
		{"nested roles", map[string]any{"realm_access": map[string]any{"roles": []string{"viewer", "editor", "viewer"}}, "groups": []string{"ignored"}}, []string{"editor", "viewer"}},
		{"nested single role", map[string]any{"realm_access": map[string]any{"roles": "viewer"}}, []string{"viewer"}},
		{"no realm_access", map[string]any{"groups": []string{"ignored"}}, []string{}},
		{"realm_access without roles", map[string]any{"realm_access": map[string]any{}}, []string{}},
		{"realm_access not an object", map[string]any{"realm_access": "viewer"}, []string{}},
		{"a top-level claim named with the dot wins", map[string]any{"realm_access.roles": []string{"flat"},
			"realm_access": map[string]any{"roles": []string{"nested"}}}, []string{"flat"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			wantCaller(t, a, request("/graphql", bearer(hs(t, claims("dora", tc.extra)))), "dora", tc.groups)
		})
	}
	// Auth0 and others namespace custom claims with a URL, dots included.
	ns := newAuth(t, Config{Mode: ModeJWT, Secret: secret, GroupsClaim: "https://hub.example/groups"})
	wantCaller(t, ns, request("/graphql", bearer(hs(t, claims("dora", map[string]any{"https://hub.example/groups": []string{"g2", "g1"}})))), "dora", []string{"g1", "g2"})
	t.Run("nested roles of the wrong type", func(t *testing.T) {
		tok := hs(t, claims("dora", map[string]any{"realm_access": map[string]any{"roles": 3}}))
		wantRefused(t, a, request("/graphql", bearer(tok)), ErrInvalid)
	})
}

// RS256 and ES256 tokens verify against a JWKS file, which is read again when it changes:
// after a rotation the new key is accepted and the old one refused.
func TestAuthenticateJWKSFile(t *testing.T) {
	k := testKeys()
	path := filepath.Join(t.TempDir(), "jwks.json")
	t0 := time.Now().Add(-time.Hour).Truncate(time.Second)
	writeJWKS(t, path, t0, pubKey{"rsa1", jwkset.AlgRS256, &k.rsa1.PublicKey}, pubKey{"ec1", jwkset.AlgES256, &k.ec1.PublicKey})
	a := newAuth(t, Config{Mode: ModeJWT, JWKS: path})

	groups := map[string]any{"groups": []string{"b", "a"}}
	rs1 := sign(t, jwt.SigningMethodRS256, k.rsa1, "rsa1", claims("erin", groups))
	es1 := sign(t, jwt.SigningMethodES256, k.ec1, "ec1", claims("erin", groups))
	rs2 := sign(t, jwt.SigningMethodRS256, k.rsa2, "rsa2", claims("erin", groups))
	t.Run("RS256", func(t *testing.T) { wantCaller(t, a, request("/graphql", bearer(rs1)), "erin", []string{"a", "b"}) })
	t.Run("ES256", func(t *testing.T) { wantCaller(t, a, request("/graphql", bearer(es1)), "erin", []string{"a", "b"}) })
	t.Run("RS256 without a kid", func(t *testing.T) {
		wantCaller(t, a, request("/graphql", bearer(sign(t, jwt.SigningMethodRS256, k.rsa1, "", claims("erin", nil)))), "erin", []string{})
	})
	t.Run("a key not yet in the file", func(t *testing.T) { wantRefused(t, a, request("/graphql", bearer(rs2)), ErrInvalid) })

	// Rotation: the file now holds rsa2 only. RSA JWKS of one key size have the same size,
	// so the time is what tells the change.
	writeJWKS(t, path, t0.Add(time.Minute), pubKey{"rsa2", jwkset.AlgRS256, &k.rsa2.PublicKey})
	t.Run("after rotation, the new key", func(t *testing.T) { wantCaller(t, a, request("/graphql", bearer(rs2)), "erin", []string{"a", "b"}) })
	t.Run("after rotation, the old RSA key", func(t *testing.T) { wantRefused(t, a, request("/graphql", bearer(rs1)), ErrInvalid) })
	t.Run("after rotation, the old EC key", func(t *testing.T) { wantRefused(t, a, request("/graphql", bearer(es1)), ErrInvalid) })

	// The file gone or broken: tokens are refused (not a panic, not accepted).
	if err := os.WriteFile(path, []byte("{not json"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(path, t0.Add(2*time.Minute), t0.Add(2*time.Minute)); err != nil {
		t.Fatal(err)
	}
	t.Run("broken file", func(t *testing.T) { wantRefused(t, a, request("/graphql", bearer(rs2)), ErrInvalid) })
	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}
	t.Run("removed file", func(t *testing.T) { wantRefused(t, a, request("/graphql", bearer(rs2)), ErrInvalid) })
}

// New refuses a JWKS file that is missing, not JSON or not a JWK Set.
func TestNewJWKSFileErrors(t *testing.T) {
	dir := t.TempDir()
	notJSON := filepath.Join(dir, "not.json")
	notSet := filepath.Join(dir, "notset.json")
	if err := os.WriteFile(notJSON, []byte("keys"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(notSet, []byte(`{"keys": 3}`), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{filepath.Join(dir, "missing.json"), notJSON, notSet} {
		if a, err := New(context.Background(), Config{Mode: ModeJWT, JWKS: path}); err == nil {
			a.Close()
			t.Errorf("New with JWKS %s: no error", filepath.Base(path))
		}
	}
}

// jwksServer serves a JWK Set that the test can replace, counting the fetches.
type jwksServer struct {
	mu      sync.Mutex
	body    []byte
	fetches int
}

func (s *jwksServer) set(body []byte) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.body = body
}

func (s *jwksServer) ServeHTTP(w http.ResponseWriter, _ *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.fetches++
	w.Header().Set("Content-Type", "application/json")
	_, _ = w.Write(s.body)
}

// RS256 tokens verify against a JWKS URL; a token naming an unknown kid makes the
// authenticator fetch the set again, so a rotated key is accepted.
func TestAuthenticateJWKSURL(t *testing.T) {
	k := testKeys()
	js := &jwksServer{body: jwksJSON(t, pubKey{"rsa1", jwkset.AlgRS256, &k.rsa1.PublicKey})}
	srv := httptest.NewServer(js)
	t.Cleanup(srv.Close)
	a := newAuth(t, Config{Mode: ModeJWT, JWKS: srv.URL + "/jwks.json", Issuer: "https://id.example", Audience: "hub"})

	good := map[string]any{"iss": "https://id.example", "aud": "hub", "groups": []string{"z", "y", "z"}}
	rs1 := sign(t, jwt.SigningMethodRS256, k.rsa1, "rsa1", claims("frank", good))
	rs2 := sign(t, jwt.SigningMethodRS256, k.rsa2, "rsa2", claims("frank", good))
	wantCaller(t, a, request("/graphql", bearer(rs1)), "frank", []string{"y", "z"})
	wantRefused(t, a, request("/graphql", bearer(sign(t, jwt.SigningMethodRS256, k.rsaOther, "rsa1", claims("frank", good)))), ErrInvalid)
	wantRefused(t, a, request("/graphql", bearer(sign(t, jwt.SigningMethodRS256, k.rsa1, "rsa1", claims("frank", nil)))), ErrInvalid)

	js.set(jwksJSON(t, pubKey{"rsa2", jwkset.AlgRS256, &k.rsa2.PublicKey}))
	wantCaller(t, a, request("/graphql", bearer(rs2)), "frank", []string{"y", "z"})
	wantRefused(t, a, request("/graphql", bearer(rs1)), ErrInvalid)
}

// New with a JWKS URL fetches it at once, and its doc promises an error when it cannot be
// fetched.
func TestNewJWKSURLUnreachable(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	url := srv.URL + "/jwks.json"
	srv.Close() // nothing listens there any more
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	a, err := New(ctx, Config{Mode: ModeJWT, JWKS: url})
	if err == nil {
		a.Close()
		t.Errorf("New with an unreachable JWKS URL: no error (auth.go's New promises \"an error when it cannot be\" fetched)")
	}
}

// Config.Check names each problem; New refuses a config that Check refuses.
func TestAuthConfigCheck(t *testing.T) {
	tests := []struct {
		name string
		c    Config
		want []string // substrings of the error; none: valid
	}{
		{"none", Config{Mode: ModeNone}, nil},
		{"jwt with a secret", Config{Mode: ModeJWT, Secret: secret}, nil},
		{"jwt with a JWKS", Config{Mode: ModeJWT, JWKS: "/etc/hub/jwks.json"}, nil},
		{"jwt with both", Config{Mode: ModeJWT, JWKS: "https://id.example/jwks", Secret: secret}, nil},
		{"unknown mode", Config{Mode: "oidc"}, []string{`auth must be none or jwt, not "oidc"`}},
		{"empty mode", Config{}, []string{`not ""`}},
		{"jwt without keys", Config{Mode: ModeJWT}, []string{"HUB_JWT_JWKS", "HUB_JWT_SECRET"}},
		{"short secret", Config{Mode: ModeJWT, Secret: secret[:MinSecretLen-1]}, []string{"at least 32 bytes"}},
		{"short secret with a JWKS", Config{Mode: ModeJWT, JWKS: "/etc/hub/jwks.json", Secret: "short"}, []string{"at least 32 bytes"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.c.Check()
			if len(tc.want) == 0 {
				if err != nil {
					t.Errorf("Check: %v", err)
				}
				return
			}
			if err == nil {
				t.Fatal("Check: no error")
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("Check: %q lacks %q", err, w)
				}
			}
			if a, nerr := New(context.Background(), tc.c); nerr == nil || nerr.Error() != err.Error() {
				if a != nil {
					a.Close()
				}
				t.Errorf("New: %v, want %v", nerr, err)
			}
		})
	}
}
