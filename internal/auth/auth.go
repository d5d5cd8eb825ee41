// Package auth authenticates the callers of the hub's API (docs/access.md): with HUB_AUTH=jwt
// a request may carry a signed JWT as `Authorization: Bearer <token>` — verified against a
// JWKS (a file or an OIDC provider's URL; RS256 or ES256, keys refreshed when they rotate) or
// an HS256 secret (development and tests) — and is served as the caller the token names, with
// the groups of its groups claim. A request without a token is anonymous. A bad token is
// refused as a whole (401, code UNAUTHENTICATED) with one message whatever is wrong with it;
// the reason goes to the log only. Verification is golang-jwt's and keyfunc's: no
// cryptography is written here.
package auth

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/MicahParks/keyfunc/v3"
	"github.com/golang-jwt/jwt/v5"

	"github.com/reformhub/hub/internal/access"
)

// Modes of HUB_AUTH.
const (
	ModeNone = "none"
	ModeJWT  = "jwt"
)

// Config is how callers are authenticated (HUB_AUTH, HUB_JWT_*).
type Config struct {
	Mode        string // none or jwt
	JWKS        string // a JWKS file path or an http(s) URL
	Secret      string // an HS256 secret (at least 32 bytes)
	Issuer      string // the iss every token must carry (empty: any)
	Audience    string // an aud every token must carry (empty: any)
	GroupsClaim string // the claim that lists the caller's groups; a dotted path reaches into objects
}

// DefaultGroupsClaim is the claim read for groups when Config.GroupsClaim is empty.
const DefaultGroupsClaim = "groups"

// MinSecretLen is the shortest HS256 secret accepted, in bytes.
const MinSecretLen = 32

// Leeway is the clock skew tolerated on exp, nbf and iat.
const Leeway = 30 * time.Second

// Check returns the problems of c (nil when there are none).
func (c Config) Check() error {
	var problems []error
	switch c.Mode {
	case ModeNone:
	case ModeJWT:
		if c.JWKS == "" && c.Secret == "" {
			problems = append(problems, errors.New("HUB_AUTH=jwt needs HUB_JWT_JWKS (a JWKS file or URL) or HUB_JWT_SECRET"))
		}
		if c.Secret != "" && len(c.Secret) < MinSecretLen {
			problems = append(problems, fmt.Errorf("HUB_JWT_SECRET must be at least %d bytes", MinSecretLen))
		}
	default:
		problems = append(problems, fmt.Errorf("auth must be none or jwt, not %q", c.Mode))
	}
	return errors.Join(problems...)
}

// Errors of Authenticate. Each is answered with the same 401 and message (Message); they are
// told apart in the log and in tests.
var (
	ErrMalformed  = errors.New("authorization header is not `Bearer <token>`")
	ErrInvalid    = errors.New("token refused")
	ErrTokenInURL = errors.New("a token in the query string")
)

// Message is what a caller with a refused token is told.
const Message = "authentication failed: send a valid, unexpired token as `Authorization: Bearer <token>`, or none to read public data"

// Authenticator turns a request's token into its caller.
type Authenticator struct {
	mode   string
	parser *jwt.Parser
	keys   jwt.Keyfunc
	claim  string   // the groups claim
	groups []string // the same, split at dots
	stop   context.CancelFunc
}

// New returns the authenticator of c. A JWKS URL is fetched now (an error when it cannot be)
// and refreshed in the background until Close.
func New(ctx context.Context, c Config) (*Authenticator, error) {
	if err := c.Check(); err != nil {
		return nil, err
	}
	a := &Authenticator{mode: c.Mode, stop: func() {}}
	if c.Mode == ModeNone {
		return a, nil
	}
	claim := c.GroupsClaim
	if claim == "" {
		claim = DefaultGroupsClaim
	}
	a.claim, a.groups = claim, strings.Split(claim, ".")
	var methods []string
	var jwks jwt.Keyfunc
	if c.JWKS != "" {
		methods = append(methods, "RS256", "ES256")
		var err error
		if jwks, a.stop, err = jwksKeys(ctx, c.JWKS); err != nil {
			return nil, err
		}
	}
	if c.Secret != "" {
		methods = append(methods, "HS256")
	}
	secret := []byte(c.Secret)
	a.keys = func(t *jwt.Token) (any, error) {
		if t.Method.Alg() == "HS256" {
			return secret, nil
		}
		return jwks(t)
	}
	opts := []jwt.ParserOption{jwt.WithValidMethods(methods), jwt.WithExpirationRequired(),
		jwt.WithLeeway(Leeway), jwt.WithIssuedAt()}
	if c.Issuer != "" {
		opts = append(opts, jwt.WithIssuer(c.Issuer))
	}
	if c.Audience != "" {
		opts = append(opts, jwt.WithAudience(c.Audience))
	}
	a.parser = jwt.NewParser(opts...)
	return a, nil
}

// Close stops refreshing the keys.
func (a *Authenticator) Close() { a.stop() }

// Enabled reports whether callers are authenticated (HUB_AUTH=jwt).
func (a *Authenticator) Enabled() bool { return a.mode == ModeJWT }

// Authenticate returns the caller of r: anonymous without a token (or with HUB_AUTH=none),
// else the subject and groups of its verified token. A token in the query string
// (access_token) is refused in every mode: URLs end up in logs and browser histories.
func (a *Authenticator) Authenticate(r *http.Request) (access.Caller, error) {
	if r.URL.Query().Has("access_token") {
		return access.Anonymous, ErrTokenInURL
	}
	if a.mode != ModeJWT {
		return access.Anonymous, nil
	}
	h := r.Header.Values("Authorization")
	if len(h) == 0 {
		return access.Anonymous, nil
	}
	scheme, tok, ok := strings.Cut(strings.TrimSpace(h[0]), " ")
	tok = strings.TrimSpace(tok)
	if len(h) > 1 || !ok || !strings.EqualFold(scheme, "Bearer") || tok == "" || len(tok) > maxTokenLen {
		return access.Anonymous, ErrMalformed
	}
	claims := jwt.MapClaims{}
	if _, err := a.parser.ParseWithClaims(tok, claims, a.keys); err != nil {
		return access.Anonymous, fmt.Errorf("%w: %w", ErrInvalid, err)
	}
	sub, _ := claims["sub"].(string)
	groups, err := a.claimGroups(claims)
	if err != nil {
		return access.Anonymous, fmt.Errorf("%w: %w", ErrInvalid, err)
	}
	return access.NewCaller(sub, groups), nil
}

// maxTokenLen bounds the token read: a JWT of an OIDC provider is a few kilobytes.
const maxTokenLen = 16 << 10

// claimGroups reads the groups claim: a list of strings, or one string (a single group);
// absent means none. The claim is a top-level claim of that name (a namespaced one such as
// https://hub.example/groups included), else a dotted path into objects (realm_access.roles).
func (a *Authenticator) claimGroups(claims jwt.MapClaims) ([]string, error) {
	v, ok := claims[a.claim]
	if !ok {
		v = map[string]any(claims)
		for _, k := range a.groups {
			m, ok := v.(map[string]any)
			if !ok {
				return nil, nil
			}
			if v, ok = m[k]; !ok {
				return nil, nil
			}
		}
	}
	switch g := v.(type) {
	case nil:
		return nil, nil
	case string:
		return []string{g}, nil
	case []any:
		out := make([]string, 0, len(g))
		for _, x := range g {
			s, ok := x.(string)
			if !ok {
				return nil, fmt.Errorf("groups claim holds a %T, want strings", x)
			}
			out = append(out, s)
		}
		return out, nil
	}
	return nil, fmt.Errorf("groups claim is a %T, want a list of strings", v)
}

// jwksKeys returns the key function of the JWKS at src: an http(s) URL (keyfunc refreshes it
// every RefreshInterval and when a token names an unknown key, rate-limited) or a file (read
// again when it changes, so that rotating the keys is replacing the file).
func jwksKeys(ctx context.Context, src string) (jwt.Keyfunc, context.CancelFunc, error) {
	if strings.HasPrefix(src, "https://") || strings.HasPrefix(src, "http://") {
		ctx, cancel := context.WithCancel(ctx)
		failFirst := false // a JWKS URL that does not answer at start is a configuration error
		kf, err := keyfunc.NewDefaultOverrideCtx(ctx, []string{src}, keyfunc.Override{
			RefreshInterval: RefreshInterval, HTTPTimeout: 10 * time.Second, NoErrorReturnFirstHTTPReq: &failFirst})
		if err != nil {
			cancel()
			return nil, nil, fmt.Errorf("JWKS %s: %w", src, err)
		}
		return kf.Keyfunc, cancel, nil
	}
	f := &jwksFile{path: src}
	if _, err := f.current(); err != nil {
		return nil, nil, err
	}
	return func(t *jwt.Token) (any, error) {
		kf, err := f.current()
		if err != nil {
			return nil, err
		}
		return kf.Keyfunc(t)
	}, func() {}, nil
}

// RefreshInterval is how often a JWKS URL is fetched again.
const RefreshInterval = 10 * time.Minute

// jwksFile is a JWKS read from a file, read again when the file's size or time changes.
type jwksFile struct {
	path string
	mu   sync.Mutex
	mod  time.Time
	size int64
	kf   keyfunc.Keyfunc
}

func (f *jwksFile) current() (keyfunc.Keyfunc, error) {
	st, err := os.Stat(f.path)
	if err != nil {
		return nil, fmt.Errorf("JWKS file: %w", err)
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.kf != nil && st.ModTime().Equal(f.mod) && st.Size() == f.size {
		return f.kf, nil
	}
	raw, err := os.ReadFile(f.path)
	if err != nil {
		return nil, fmt.Errorf("JWKS file: %w", err)
	}
	if !json.Valid(raw) {
		return nil, fmt.Errorf("JWKS file %s: not JSON", f.path)
	}
	kf, err := keyfunc.NewJWKSetJSON(raw)
	if err != nil {
		return nil, fmt.Errorf("JWKS file %s: %w", f.path, err)
	}
	f.kf, f.mod, f.size = kf, st.ModTime(), st.Size()
	return kf, nil
}
