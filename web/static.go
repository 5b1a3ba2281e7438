package web

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strconv"
)

//go:embed static
var staticFS embed.FS

// staticFiles serves the embedded static files. Each URL carries a hash of
// the file's content (?v=), so a file can be cached for a year and a new
// release is still fetched at once.
type staticFiles struct {
	files map[string]staticFile
}

type staticFile struct {
	body        []byte
	contentType string
	version     string
}

func newStaticFiles() (*staticFiles, error) {
	entries, err := fs.ReadDir(staticFS, "static")
	if err != nil {
		return nil, err
	}
	sf := &staticFiles{files: make(map[string]staticFile)}
	for _, e := range entries {
		body, err := staticFS.ReadFile("static/" + e.Name())
		if err != nil {
			return nil, err
		}
		sum := sha256.Sum256(body)
		ct := mime.TypeByExtension(path.Ext(e.Name()))
		if ct == "" {
			ct = "application/octet-stream"
		}
		sf.files[e.Name()] = staticFile{body: body, contentType: ct, version: hex.EncodeToString(sum[:6])}
	}
	return sf, nil
}

// url returns the versioned path of a static file below /static/, for
// templates. An unknown name is an error, so a typo fails the render.
func (sf *staticFiles) url(name string) (string, error) {
	f, ok := sf.files[name]
	if !ok {
		return "", fmt.Errorf("no static file %q", name)
	}
	return name + "?v=" + f.version, nil
}

func (sf *staticFiles) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f, ok := sf.files[r.PathValue("name")]
	if !ok {
		http.NotFound(w, r)
		return
	}
	sf.write(w, r, f)
}

func (sf *staticFiles) write(w http.ResponseWriter, r *http.Request, f staticFile) {
	h := w.Header()
	h.Set("Content-Type", f.contentType)
	h.Set("ETag", `"`+f.version+`"`)
	if r.URL.Query().Get("v") == f.version {
		h.Set("Cache-Control", "public, max-age=31536000, immutable")
	} else {
		h.Set("Cache-Control", "public, max-age=300")
	}
	if r.Header.Get("If-None-Match") == `"`+f.version+`"` {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	h.Set("Content-Length", strconv.Itoa(len(f.body)))
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		w.Write(f.body)
	}
}

// favicon answers browsers that ask for /favicon.ico without reading the
// page's icon link. Every current browser shows an SVG icon.
func (sf *staticFiles) favicon(w http.ResponseWriter, r *http.Request) {
	sf.write(w, r, sf.files["favicon.svg"])
}
