package web_test

import (
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/golang-jwt/jwt/v5"

	"github.com/reformhub/hub/graph"
	"github.com/reformhub/hub/internal/auth"
	"github.com/reformhub/hub/internal/config"
	"github.com/reformhub/hub/internal/hubtest"
	"github.com/reformhub/hub/internal/server"
)

// Signing in from the workbench (docs/access.md): the page reads as anonymous, a pasted
// token makes every request carry it (the header shows the caller and their groups), a
// refused token says so, and signing out forgets it.
func TestE2ESignIn(t *testing.T) {
	exe := browserPath(t)
	_, _, st := hubtest.Handler(t)
	const secret = "workbench-sign-in-test-secret-32+bytes"
	authn, err := auth.New(t.Context(), auth.Config{Mode: auth.ModeJWT, Secret: secret})
	if err != nil {
		t.Fatal(err)
	}
	h := server.New(&graph.Resolver{Store: st}, st, server.Options{RequestTimeout: 30 * time.Second, Auth: authn,
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), Limits: config.Limits{MaxBodyBytes: 1 << 20}})
	s := newSessionOn(t, exe, 1440, 900, h, st)
	tok, err := jwt.NewWithClaims(jwt.SigningMethodHS256, jwt.MapClaims{"sub": "analyst-7", "groups": []string{"red", "audit"},
		"exp": time.Now().Add(time.Hour).Unix()}).SignedString([]byte(secret))
	if err != nil {
		t.Fatal(err)
	}
	who := `(document.getElementById('hub-viewer') || {}).textContent || ''`
	if err := s.do(chromedp.Navigate(s.base+"/"), waitJS(who+` === 'anonymous'`)); err != nil {
		t.Fatalf("the workbench does not say anonymous: %v (%q)", err, eval[string](t, s, who))
	}
	err = s.do(
		chromedp.Click(chromedp.CSS(`#hub-viewer`)),
		chromedp.WaitVisible(chromedp.CSS(`#hub-token`)),
		chromedp.SendKeys(chromedp.CSS(`#hub-token`), tok),
		chromedp.Click(chromedp.CSS(`#hub-token-use`)),
		waitJS(who+` === 'analyst-7 (audit, red)'`),
	)
	if err != nil {
		t.Fatalf("signing in: %v (%q)", err, eval[string](t, s, who))
	}
	if got := eval[string](t, s, `sessionStorage.getItem('reform-hub-token') || ''`); got != tok {
		t.Errorf("the token is not kept in the tab's session storage: %q", got)
	}
	if got := eval[string](t, s, `localStorage.getItem('reform-hub-token') || ''`); got != "" {
		t.Errorf("the token leaked into local storage")
	}
	// A refused token says so; signing out reads as anonymous again.
	err = s.do(
		chromedp.Click(chromedp.CSS(`#hub-viewer`)),
		chromedp.WaitVisible(chromedp.CSS(`#hub-token`)),
		chromedp.SendKeys(chromedp.CSS(`#hub-token`), tok[:len(tok)-4]+"AAAA"),
		chromedp.Click(chromedp.CSS(`#hub-token-use`)),
		waitJS(who+` === 'token refused'`),
		chromedp.Click(chromedp.CSS(`#hub-viewer`)),
		chromedp.Click(chromedp.CSS(`#hub-token-clear`)),
		waitJS(who+` === 'anonymous'`),
	)
	if err != nil {
		t.Fatalf("a refused token, then signing out: %v (%q)", err, eval[string](t, s, who))
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, u := range s.urls {
		if strings.Contains(u, tok[:20]) {
			t.Errorf("the token went into a URL: %s", u)
		}
	}
}
