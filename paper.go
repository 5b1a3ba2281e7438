package coproduce

import (
	"archive/zip"
	"bytes"
	"net/http"
	"path"
	"strings"
	"time"
)

// MaxPaperSize is the largest file a paper may be.
const MaxPaperSize = 20 << 20

// Paper is a document for a meeting.
type Paper struct {
	ID           int64
	GroupID      int64
	MeetingID    int64
	Title        string
	Summary      string // an optional summary in plain language
	FileName     string
	ContentType  string // worked out from the content, not the name
	Size         int64
	Audience     Audience
	UploadedBy   int64 // user id
	UploadedAt   time.Time
	CirculatedAt time.Time // zero until it goes out to members
}

// Late reports whether the paper missed its deadline: circulated after
// it, or not circulated and the deadline has passed at now.
func (p *Paper) Late(deadline, now time.Time) bool {
	if p.CirculatedAt.IsZero() {
		return now.After(deadline)
	}
	return p.CirculatedAt.After(deadline)
}

// Validate checks the paper's fields and returns a *ValidationError.
func (p *Paper) Validate() error {
	var v ValidationError
	validateName(&v, "title", p.Title)
	validateText(&v, "summary", p.Summary, 5000)
	if err := p.Audience.Validate(); err != nil {
		v.Fields = append(v.Fields, err.(*ValidationError).Fields...)
	}
	if p.Audience.Visibility == Restricted {
		validateText(&v, "reason", p.Audience.Reason, 1000)
	}
	return v.Err()
}

// officeTypes are the document formats accepted besides PDF, images and
// text, by extension, with the content type served.
var officeTypes = map[string]string{
	".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
	".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
	".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
	".odt":  "application/vnd.oasis.opendocument.text",
	".ods":  "application/vnd.oasis.opendocument.spreadsheet",
	".odp":  "application/vnd.oasis.opendocument.presentation",
	".doc":  "application/msword",
	".xls":  "application/vnd.ms-excel",
	".ppt":  "application/vnd.ms-powerpoint",
}

// PaperContentType works out what a file is from its content, checked
// against its name, and returns the type to serve it as, or "" for a file
// the product does not accept (anything that is not a PDF, an office
// document, an image or plain text).
func PaperContentType(name string, content []byte) string {
	ext := strings.ToLower(path.Ext(name))
	sniffed := http.DetectContentType(content)
	switch {
	case sniffed == "application/pdf":
		return sniffed
	case sniffed == "image/png", sniffed == "image/jpeg", sniffed == "image/gif", sniffed == "image/webp":
		return sniffed
	case strings.HasPrefix(sniffed, "text/plain") && (ext == ".txt" || ext == ".csv"):
		if ext == ".csv" {
			return "text/csv; charset=utf-8"
		}
		return "text/plain; charset=utf-8"
	case sniffed == "application/zip":
		// Office Open XML and OpenDocument files are zip archives with a
		// known part inside.
		r, err := zip.NewReader(bytes.NewReader(content), int64(len(content)))
		if err != nil || officeTypes[ext] == "" {
			return ""
		}
		for _, f := range r.File {
			if f.Name == "[Content_Types].xml" || f.Name == "mimetype" {
				return officeTypes[ext]
			}
		}
	case bytes.HasPrefix(content, []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}):
		// The old binary Office formats share one container signature.
		if ext == ".doc" || ext == ".xls" || ext == ".ppt" {
			return officeTypes[ext]
		}
	}
	return ""
}
