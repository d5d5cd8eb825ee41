package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/reformhub/hub/graph"
	"github.com/reformhub/hub/internal/auth"
	"github.com/reformhub/hub/internal/server"
)

// authSecret is the HS256 secret of the authenticated handler.
const authSecret = "auth-test-secret-0123456789abcdef"

// authHandler is the full handler with HUB_AUTH=jwt (HS256, audience "hub"), over no
// database: the queries sent need none. logs receives its log.
func authHandler(t *testing.T, logs *bytes.Buffer) http.Handler {
	t.Helper()
	a, err := auth.New(context.Background(), auth.Config{Mode: auth.ModeJWT, Secret: authSecret, Audience: "hub"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(a.Close)
	return server.New(&graph.Resolver{}, nil, server.Options{
		CORSOrigins: []string{"http://localhost:5173"},
		Logger:      slog.New(slog.NewJSONHandler(&syncWriter{w: logs}, nil)),
		Auth:        a,
	})
}

// authToken signs claims for alice (audience hub, valid for an hour) changed by extra
// (a nil value deletes the claim) with method and key.
func authToken(t *testing.T, method jwt.SigningMethod, key any, extra map[string]any) string {
	t.Helper()
	now := time.Now()
	c := jwt.MapClaims{"sub": "alice", "aud": "hub", "iat": now.Unix(), "exp": now.Add(time.Hour).Unix(), "groups": []string{"dev"}}
	for k, v := range extra {
		if v == nil {
			delete(c, k)
		} else {
			c[k] = v
		}
	}
	s, err := jwt.NewWithClaims(method, c).SignedString(key)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// postAuth posts { __typename } with the Authorization headers given and a fixed request id.
func postAuth(h http.Handler, authorization ...string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(http.MethodPost, "/graphql", strings.NewReader(`{"query":"{ __typename }"}`))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Request-Id", "auth-test-1")
	for _, a := range authorization {
		req.Header.Add("Authorization", a)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

// Through the whole handler: no token and a valid token are served; every bad token is
// 401 UNAUTHENTICATED with WWW-Authenticate and the very same body, whatever is wrong with
// it, and neither the body nor the log echo the token.
func TestAuthTokensThroughHandler(t *testing.T) {
	var logs bytes.Buffer
	h := authHandler(t, &logs)
	hs := jwt.SigningMethodHS256
	valid := authToken(t, hs, []byte(authSecret), nil)

	for name, headers := range map[string][]string{"no token": nil, "valid token": {"Bearer " + valid}} {
		t.Run(name, func(t *testing.T) {
			rec := postAuth(h, headers...)
			var resp gqlResponse
			if err := json.Unmarshal(rec.Body.Bytes(), &resp); err != nil {
				t.Fatalf("%d %s", rec.Code, rec.Body)
			}
			if rec.Code != http.StatusOK || len(resp.Errors) != 0 || resp.Data["__typename"] != "Query" {
				t.Errorf("%d %s", rec.Code, rec.Body)
			}
			if got := rec.Header().Get("WWW-Authenticate"); got != "" {
				t.Errorf("WWW-Authenticate = %q on a served request", got)
			}
		})
	}

	bad := []struct{ name, header string }{
		{"expired", "Bearer " + authToken(t, hs, []byte(authSecret), map[string]any{"exp": time.Now().Add(-time.Hour).Unix()})},
		{"bad signature", "Bearer " + authToken(t, hs, []byte(strings.Repeat("k", auth.MinSecretLen)), nil)},
		{"alg none", "Bearer " + authToken(t, jwt.SigningMethodNone, jwt.UnsafeAllowNoneSignatureType, nil)},
		{"wrong audience", "Bearer " + authToken(t, hs, []byte(authSecret), map[string]any{"aud": "other"})},
		{"missing exp", "Bearer " + authToken(t, hs, []byte(authSecret), map[string]any{"exp": nil})},
		{"groups a number", "Bearer " + authToken(t, hs, []byte(authSecret), map[string]any{"groups": 7})},
		{"garbage", "Bearer garbage.garbage.garbage"},
		{"wrong scheme", "Basic " + valid},
		{"Bearer without a token", "Bearer"},
	}
	var first []byte
	for _, tc := range bad {
		t.Run(tc.name, func(t *testing.T) {
			logs.Reset()
			rec := postAuth(h, tc.header)
			if rec.Code != http.StatusUnauthorized {
				t.Errorf("status %d, want 401: %s", rec.Code, rec.Body)
			}
			if got := rec.Header().Get("WWW-Authenticate"); got != `Bearer error="invalid_token"` {
				t.Errorf("WWW-Authenticate = %q", got)
			}
			if ct := rec.Header().Get("Content-Type"); ct != "application/json" {
				t.Errorf("Content-Type = %q", ct)
			}
			var resp gqlResponse
			if err := json.Unmarshal(rec.Body.Bytes(), &resp); err != nil {
				t.Fatalf("body %s: %v", rec.Body, err)
			}
			if len(resp.Errors) != 1 || resp.Errors[0].Message != auth.Message ||
				resp.Errors[0].Extensions["code"] != "UNAUTHENTICATED" || resp.Data != nil {
				t.Errorf("body %s", rec.Body)
			}
			if first == nil {
				first = rec.Body.Bytes()
			} else if !bytes.Equal(rec.Body.Bytes(), first) {
				t.Errorf("body differs from the first refusal's:\n%s\n%s", rec.Body, first)
			}
			tok := strings.TrimPrefix(strings.TrimPrefix(tc.header, "Bearer"), "Basic")
			if tok = strings.TrimSpace(tok); tok != "" && (strings.Contains(rec.Body.String(), tok) || strings.Contains(logs.String(), tok)) {
				t.Errorf("the token is echoed: body %s log %s", rec.Body, logs.String())
			}
			if !strings.Contains(logs.String(), "token refused") {
				t.Errorf("the refusal is not logged: %s", logs.String())
			}
		})
	}
	// The canonical body, so that a change of shape is noticed.
	want, _ := json.Marshal(map[string]any{"errors": []map[string]any{{"message": auth.Message,
		"extensions": map[string]any{"code": "UNAUTHENTICATED", "requestId": "auth-test-1"}}}})
	if !bytes.Equal(bytes.TrimSpace(first), want) {
		t.Errorf("refusal body\n%s\nwant\n%s", first, want)
	}

	t.Run("two Authorization headers", func(t *testing.T) {
		rec := postAuth(h, "Bearer "+valid, "Bearer "+valid)
		if rec.Code != http.StatusUnauthorized || !bytes.Equal(rec.Body.Bytes(), first) {
			t.Errorf("%d %s", rec.Code, rec.Body)
		}
	})
	// A refused token keeps the CORS headers, so that a browser client sees the 401.
	t.Run("refusal carries CORS headers", func(t *testing.T) {
		req := httptest.NewRequest(http.MethodPost, "/graphql", strings.NewReader(`{"query":"{ __typename }"}`))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Origin", "http://localhost:5173")
		req.Header.Set("Authorization", "Bearer garbage")
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != http.StatusUnauthorized || rec.Header().Get("Access-Control-Allow-Origin") != "http://localhost:5173" {
			t.Errorf("%d %v", rec.Code, rec.Header())
		}
	})
}

// A token in the query string is 400 BAD_USER_INPUT, with or without an authenticator,
// and the answer does not repeat it.
func TestAuthTokenInQueryString(t *testing.T) {
	var logs bytes.Buffer
	tok := authToken(t, jwt.SigningMethodHS256, []byte(authSecret), nil)
	handlers := map[string]http.Handler{
		"jwt":              authHandler(t, &logs),
		"no authenticator": server.New(&graph.Resolver{}, nil, server.Options{Logger: slog.New(slog.NewJSONHandler(&syncWriter{w: &logs}, nil))}),
	}
	for name, h := range handlers {
		for _, method := range []string{http.MethodGet, http.MethodPost} {
			t.Run(name+" "+method, func(t *testing.T) {
				logs.Reset()
				q := url.Values{"query": {"{ __typename }"}, "access_token": {tok}}
				var req *http.Request
				if method == http.MethodGet {
					req = httptest.NewRequest(method, "/graphql?"+q.Encode(), nil)
					req.Header.Set("Apollo-Require-Preflight", "true")
				} else {
					req = httptest.NewRequest(method, "/graphql?access_token="+tok, strings.NewReader(`{"query":"{ __typename }"}`))
					req.Header.Set("Content-Type", "application/json")
				}
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, req)
				var resp gqlResponse
				_ = json.Unmarshal(rec.Body.Bytes(), &resp)
				if rec.Code != http.StatusBadRequest || len(resp.Errors) != 1 ||
					resp.Errors[0].Extensions["code"] != "BAD_USER_INPUT" || resp.Data != nil {
					t.Errorf("%d %s", rec.Code, rec.Body)
				}
				if !strings.Contains(rec.Body.String(), "Authorization: Bearer") {
					t.Errorf("the error does not say where the token goes: %s", rec.Body)
				}
				if strings.Contains(rec.Body.String(), tok) || strings.Contains(logs.String(), tok) {
					t.Errorf("the token is echoed: body %s log %s", rec.Body, logs.String())
				}
				if got := rec.Header().Get("WWW-Authenticate"); got != "" {
					t.Errorf("WWW-Authenticate = %q", got)
				}
			})
		}
	}
}

// A CORS preflight from the allowed origin may send Authorization.
func TestAuthCORSPreflight(t *testing.T) {
	var logs bytes.Buffer
	h := authHandler(t, &logs)
	for _, origin := range []string{"http://localhost:5173", "https://evil.example"} {
		t.Run(origin, func(t *testing.T) {
			req := httptest.NewRequest(http.MethodOptions, "/graphql", nil)
			req.Header.Set("Origin", origin)
			req.Header.Set("Access-Control-Request-Method", "POST")
			req.Header.Set("Access-Control-Request-Headers", "authorization, content-type")
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			allowOrigin := rec.Header().Get("Access-Control-Allow-Origin")
			allowHeaders := strings.ToLower(strings.Join(rec.Header().Values("Access-Control-Allow-Headers"), ","))
			if origin != "http://localhost:5173" {
				if allowOrigin != "" {
					t.Errorf("foreign origin allowed: %q", allowOrigin)
				}
				return
			}
			if rec.Code >= 300 || allowOrigin != origin {
				t.Errorf("%d Access-Control-Allow-Origin %q", rec.Code, allowOrigin)
			}
			if !strings.Contains(allowHeaders, "authorization") || !strings.Contains(allowHeaders, "content-type") {
				t.Errorf("Access-Control-Allow-Headers = %q", allowHeaders)
			}
		})
	}
}
