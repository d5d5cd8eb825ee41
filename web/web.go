// Package web serves the hub's analyst workbench, embedded in the binary and mounted at the
// root of the hub's HTTP server: GraphiQL (with its explorer plugin and a library of example
// queries) and a graph explorer (cytoscape) that searches entities, draws their neighborhoods
// and the paths between two of them, and shows the evidence of every node and edge.
//
// The page is built from web/src by the project's own front-end build (npm + esbuild,
// `make web`) into web/dist, which is committed, so building and testing the hub needs no
// Node. The example queries live in web/examples.json, served at /examples.json. Every asset
// comes from the hub: the page works on a machine without internet access.
package web

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strings"
	"testing/fstest"
	"time"
)

//go:embed dist
var dist embed.FS

// examplesJSON is the library of example queries the workbench offers (served at
// /examples.json); the tests run every one of them against the shipped dataset.
//
//go:embed examples.json
var examplesJSON []byte

// examplesFile is the name under which the examples are served and listed by Static.
const examplesFile = "examples.json"

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

// contentSecurityPolicy keeps the page to its own scripts, styles and requests: it talks to
// the hub only (connect-src 'self'), which also backs the offline promise. GraphiQL and cytoscape set styles at run time, hence 'unsafe-inline' for styles only;
// GraphiQL's fonts are inlined as data: URLs; exports are downloaded from blob: URLs.
const contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; " +
	"font-src 'self' data:; img-src 'self' data: blob:; connect-src 'self'; worker-src 'self' blob:; " +
	"base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

// asset is one embedded file, read once when the handler is built.
type asset struct {
	name        string
	body        []byte
	contentType string
	etag        string
	gzipped     []byte // body compressed once at start for text files, nil otherwise
}

// Handler returns the playground's handler. It answers GET and HEAD: "/" (and
// "/index.html") with the page, other embedded files by name with their content type, and
// 404 for anything else, directories included. Every answer carries
// "Cache-Control: no-cache" and a strong ETag, so browsers revalidate and pick up a new
// build at once while unchanged files cost a 304.
//
// Mount it at the server's root; under a prefix, wrap it in http.StripPrefix.
func Handler() http.Handler {
	root := Static()
	assets := make(map[string]*asset)
	err := fs.WalkDir(root, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		body, err := fs.ReadFile(root, name)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(body)
		a := &asset{
			name:        name,
			body:        body,
			contentType: contentType(name, body),
			etag:        `"` + hex.EncodeToString(sum[:16]) + `"`,
		}
		if len(body) > 1024 && compressible(a.contentType) {
			a.gzipped = gzipBytes(body)
		}
		assets[name] = a
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
	hdr.Set("X-Content-Type-Options", "nosniff")
	body := a.body
	if a.gzipped != nil {
		hdr.Add("Vary", "Accept-Encoding")
		if acceptsGzip(r) {
			body = a.gzipped
			hdr.Set("Content-Encoding", "gzip")
			hdr.Set("ETag", a.etag[:len(a.etag)-1]+`-gz"`)
		} else {
			hdr.Set("ETag", a.etag)
		}
	} else {
		hdr.Set("ETag", a.etag)
	}
	if a.name == indexFile {
		hdr.Set("Content-Security-Policy", contentSecurityPolicy)
		hdr.Set("Referrer-Policy", "no-referrer")
	}
	// A zero modification time: embedded files have none, and the ETag does the work.
	http.ServeContent(w, r, a.name, time.Time{}, bytes.NewReader(body))
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

// Static returns the embedded workbench files — index.html, assets/… (from web/dist) and
// examples.json — rooted at the folder that holds them.
func Static() fs.FS {
	files := fstest.MapFS{examplesFile: {Data: examplesJSON}}
	err := fs.WalkDir(dist, "dist", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		body, err := dist.ReadFile(name)
		files[strings.TrimPrefix(name, "dist/")] = &fstest.MapFile{Data: body}
		return err
	})
	if err != nil {
		panic("web: reading the embedded build: " + err.Error()) // a build defect
	}
	return files
}

func compressible(contentType string) bool {
	return strings.HasPrefix(contentType, "text/") || strings.HasPrefix(contentType, "application/json") ||
		strings.HasPrefix(contentType, "image/svg")
}

func acceptsGzip(r *http.Request) bool {
	for _, part := range strings.Split(r.Header.Get("Accept-Encoding"), ",") {
		enc, q, _ := strings.Cut(strings.TrimSpace(part), ";")
		if strings.TrimSpace(enc) == "gzip" && strings.TrimSpace(q) != "q=0" {
			return true
		}
	}
	return false
}

func gzipBytes(b []byte) []byte {
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	_, _ = zw.Write(b)
	_ = zw.Close()
	return buf.Bytes()
}

// Examples returns the example queries' JSON (web/examples.json): a list of
// {title, description, query, variables}.
func Examples() []byte { return bytes.Clone(examplesJSON) }
