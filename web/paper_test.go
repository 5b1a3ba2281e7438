package web

import (
	"bytes"
	"context"
	"mime"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"
	"time"

	"coproduce"
)

// upload posts the paper form with a file, as a browser does.
func (c *client) upload(path string, fields map[string][]string, fileName string, content []byte) (*http.Response, string) {
	c.t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for k, vs := range fields {
		for _, v := range vs {
			mw.WriteField(k, v)
		}
	}
	if fileName != "" {
		fw, _ := mw.CreateFormFile("file", fileName)
		fw.Write(content)
	}
	mw.Close()
	req, _ := http.NewRequest(http.MethodPost, c.base+path, &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	return c.do(req)
}

func TestPapersForAMeeting(t *testing.T) {
	w := newWorld(t)
	ctx := context.Background()
	g := "/o/brookfield/g/larkhill"
	// A meeting two days from now: the five-working-day deadline has passed.
	soon := &coproduce.Meeting{GroupID: w.larkhill.ID, Title: "Next meeting", StartsAt: time.Now().Add(48 * time.Hour).UTC().Truncate(time.Minute),
		Minutes: 90, Venue: "Hall", Visibility: coproduce.Public}
	must(t, w.s.db.CreateMeeting(ctx, 0, soon))
	path := g + "/meetings/" + idValue(soon.ID)
	officer, resident := w.client(t, "officer"), w.client(t, "resident")
	pdf := []byte("%PDF-1.4\nviability\n")

	res, body := officer.upload(path+"/papers", map[string][]string{"paper_title": {"Viability"}, "paper_visibility": {"group"}}, "", nil)
	wantStatus(t, res, body, http.StatusUnprocessableEntity, "Choose a file to upload", `value="Viability"`)
	res, body = officer.upload(path+"/papers", map[string][]string{"paper_title": {"Viability"}, "paper_visibility": {"group"}}, "virus.pdf", []byte("MZ\x90\x00binary"))
	wantStatus(t, res, body, http.StatusUnprocessableEntity, "must be a PDF, Word")
	res, body = officer.upload(path+"/papers", map[string][]string{"paper_title": {"Viability"}, "paper_visibility": {"group"}}, "big.pdf", append([]byte("%PDF-1.4\n"), make([]byte, coproduce.MaxPaperSize+1)...))
	wantStatus(t, res, body, http.StatusUnprocessableEntity, "20 MB or smaller")

	res, _ = officer.upload(path+"/papers", map[string][]string{"paper_title": {"Options appraisal"}, "paper_visibility": {"public"}, "paper_summary": {"Three options."}, "circulate": {"yes"}}, "options.pdf", pdf)
	wantRedirect(t, res, path+"?done=paper#papers")
	res, _ = officer.upload(path+"/papers", map[string][]string{"paper_title": {"Land valuation"}, "paper_visibility": {"restricted"},
		"paper_reason": {"Commercially confidential until the sale completes"}, "audience": {idValue(w.members["chair"].ID)}}, "valuation.pdf", pdf)
	wantRedirect(t, res, path+"?done=paper#papers")

	res, body = resident.get(path)
	wantStatus(t, res, body, http.StatusOK, "Options appraisal", "Three options.", "Late", "There is also a paper restricted to named members: Commercially confidential")
	if strings.Contains(body, "Land valuation") {
		t.Error("a member outside a restricted paper's audience sees its title")
	}
	res, body = w.client(t, "chair").get(path)
	wantStatus(t, res, body, http.StatusOK, "Land valuation", "Only for named members")

	papers, _ := w.s.db.FindPapers(ctx, soon.ID)
	var public, restricted *coproduce.Paper
	for _, p := range papers {
		if p.Audience.Visibility == coproduce.Public {
			public = p
		} else {
			restricted = p
		}
	}
	res, body = w.client(t, "").get(g + "/papers/" + idValue(public.ID) + "/file")
	if res.StatusCode != http.StatusOK || body != string(pdf) || !strings.Contains(res.Header.Get("Content-Disposition"), "attachment") || res.Header.Get("Content-Type") != "application/pdf" {
		t.Errorf("public paper download: %d %q %q", res.StatusCode, res.Header.Get("Content-Disposition"), res.Header.Get("Content-Type"))
	}
	for _, who := range []string{"", "resident", "otherGroup"} {
		if res, _ := w.client(t, who).get(g + "/papers/" + idValue(restricted.ID) + "/file"); res.StatusCode != http.StatusNotFound {
			t.Errorf("%q downloading a restricted paper: %d, want 404", who, res.StatusCode)
		}
	}
	if res, _ := w.client(t, "chair").get(g + "/papers/" + idValue(restricted.ID) + "/file"); res.StatusCode != http.StatusOK {
		t.Errorf("a named member downloading: %d", res.StatusCode)
	}
	res, _ = resident.post(g+"/papers/"+idValue(restricted.ID)+"/circulate", nil)
	if res.StatusCode != http.StatusNotFound {
		t.Errorf("circulating a paper one cannot see: %d", res.StatusCode)
	}
	res, _ = officer.post(g+"/papers/"+idValue(restricted.ID)+"/circulate", nil)
	wantRedirect(t, res, path+"?done=circulated-paper#papers")
}

func TestPaperFileNamesCannotBreakTheHeader(t *testing.T) {
	w := newWorld(t)
	g := "/o/brookfield/g/larkhill"
	m := w.meeting(t, coproduce.Public)
	path := g + "/meetings/" + idValue(m.ID)
	officer := w.client(t, "officer")
	for _, name := range []string{"Réunion d'été.pdf", "evil\";x=y.pdf", "../../etc/passwd.pdf"} {
		res, _ := officer.upload(path+"/papers", map[string][]string{"paper_title": {name}, "paper_visibility": {"public"}}, name, []byte("%PDF-1.4\n"))
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("uploading %q: %d", name, res.StatusCode)
		}
	}
	papers, _ := w.s.db.FindPapers(context.Background(), m.ID)
	for _, p := range papers {
		res, _ := officer.get(g + "/papers/" + idValue(p.ID) + "/file")
		cd := res.Header.Get("Content-Disposition")
		_, params, err := mime.ParseMediaType(cd)
		if err != nil || params["filename"] != p.FileName || strings.Contains(params["filename"], "/") {
			t.Errorf("file %q: Content-Disposition %q (%v)", p.FileName, cd, err)
		}
	}
}
