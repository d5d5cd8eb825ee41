// Package web serves the hub's offline GraphQL playground: a small hand-written page
// (HTML, CSS and plain JavaScript, no build step and no third-party code) embedded in the
// binary and meant to be mounted at the root of the hub's HTTP server.
//
// The page posts queries to the endpoint named by the data-endpoint attribute of its
// <body> ("/graphql"), lists the schema through introspection when the server allows it,
// and keeps the last query and variables in the browser's localStorage. It loads nothing
// from outside the hub, so it works on a machine without internet access.
//
// It is a stopgap until a full GraphiQL build replaces it.
package web

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strings"
	"time"
)

//go:embed static
var static embed.FS

// indexFile is the page served at "/".
const indexFile = "index.html"

// contentTypes fixes the types of the kinds of files the playground ships, so that the
// answer does not depend on the host's MIME tables.
var contentTypes = map[string]string{
	".html": "text/html; charset=utf-8",
	".css":  "text/css; charset=utf-8",
	".js":   "text/javascript; charset=utf-8",
	".json": "application/json; charset=utf-8",
	".svg":  "image/svg+xml",
	".png":  "image/png",
	".ico":  "image/x-icon",
	".txt":  "text/plain; charset=utf-8",
}

// contentSecurityPolicy keeps the page to its own scripts and styles. Requests may go to
// any endpoint, since data-endpoint may name another origin.
const contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; " +
	"img-src 'self' data:; connect-src *; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

// asset is one embedded file, read once when the handler is built.
type asset struct {
	name        string
	body        []byte
	contentType string
	etag        string
}

// Handler returns the playground's handler. It answers GET and HEAD: "/" (and
// "/index.html") with the page, other embedded files by name with their content type, and
// 404 for anything else, directories included. Every answer carries
// "Cache-Control: no-cache" and a strong ETag, so browsers revalidate and pick up a new
// build at once while unchanged files cost a 304.
//
// Mount it at the server's root; under a prefix, wrap it in http.StripPrefix.
func Handler() http.Handler {
	root, err := fs.Sub(static, "static")
	if err != nil {
		panic("web: embedded static folder missing: " + err.Error())
	}
	assets := make(map[string]*asset)
	err = fs.WalkDir(root, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		body, err := fs.ReadFile(root, name)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(body)
		assets[name] = &asset{
			name:        name,
			body:        body,
			contentType: contentType(name, body),
			etag:        `"` + hex.EncodeToString(sum[:16]) + `"`,
		}
		return nil
	})
	if err != nil {
		panic("web: reading embedded files: " + err.Error())
	}
	if assets[indexFile] == nil {
		panic("web: embedded " + indexFile + " missing")
	}
	return &handler{assets: assets}
}

type handler struct {
	assets map[string]*asset
}

func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	a := h.lookup(r.URL.Path)
	if a == nil {
		http.NotFound(w, r)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	hdr := w.Header()
	hdr.Set("Content-Type", a.contentType)
	hdr.Set("Cache-Control", "no-cache")
	hdr.Set("ETag", a.etag)
	hdr.Set("X-Content-Type-Options", "nosniff")
	if a.name == indexFile {
		hdr.Set("Content-Security-Policy", contentSecurityPolicy)
		hdr.Set("Referrer-Policy", "no-referrer")
	}
	// A zero modification time: embedded files have none, and the ETag does the work.
	http.ServeContent(w, r, a.name, time.Time{}, bytes.NewReader(a.body))
}

// lookup maps a request path to an embedded file, or nil. Only exact, clean names match:
// no directory listings, no index.html inside folders, no "..".
func (h *handler) lookup(p string) *asset {
	if p == "" || p == "/" {
		return h.assets[indexFile]
	}
	if !strings.HasPrefix(p, "/") || strings.HasSuffix(p, "/") || path.Clean(p) != p {
		return nil
	}
	return h.assets[p[1:]]
}

func contentType(name string, body []byte) string {
	ext := strings.ToLower(path.Ext(name))
	if t, ok := contentTypes[ext]; ok {
		return t
	}
	if t := mime.TypeByExtension(ext); t != "" {
		return t
	}
	return http.DetectContentType(body)
}

// Static returns the embedded page files (index.html, app.js, examples.json …), rooted at the
// folder that holds them.
func Static() fs.FS {
	sub, err := fs.Sub(static, "static")
	if err != nil {
		panic(err) // the folder is embedded at build time; a failure is a build defect
	}
	return sub
}
