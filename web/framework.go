package web

import (
	"net/http"
	"strconv"

	"coproduce/framework"
)

func (s *Server) home(w http.ResponseWriter, r *http.Request) {
	var banner string
	switch {
	case r.URL.Query().Get("signed-out") == "1":
		banner = "home.signedout"
	case r.URL.Query().Get("erased") == "1":
		banner = "home.erased"
	}
	s.render(w, r, http.StatusOK, "home", page{Nav: "home", Data: banner})
}

func (s *Server) frameworkIndex(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusOK, "framework", page{Nav: "framework"})
}

// principleView is one principle with its neighbours for the page's
// previous and next links.
type principleView struct {
	*framework.Principle
	Previous, Next *framework.Principle
}

func (s *Server) principle(w http.ResponseWriter, r *http.Request) {
	raw := r.PathValue("number")
	n, err := strconv.Atoi(raw)
	// Only the canonical form ("3", not "03" or "+3") names a principle, so
	// each page has one address.
	if err != nil || strconv.Itoa(n) != raw {
		s.notFound(w, r)
		return
	}
	p, ok := s.framework.Principle(n)
	if !ok {
		s.notFound(w, r)
		return
	}
	view := principleView{Principle: p}
	view.Previous, _ = s.framework.Principle(n - 1)
	view.Next, _ = s.framework.Principle(n + 1)
	s.render(w, r, http.StatusOK, "principle", page{Nav: "framework-section", Data: view})
}
