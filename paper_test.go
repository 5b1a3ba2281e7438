package coproduce

import (
	"archive/zip"
	"bytes"
	"testing"
)

func TestPaperContentType(t *testing.T) {
	docx := func(part string) []byte {
		var buf bytes.Buffer
		z := zip.NewWriter(&buf)
		w, _ := z.Create(part)
		w.Write([]byte("<x/>"))
		z.Close()
		return buf.Bytes()
	}
	ole := append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 600)...)
	tests := []struct {
		name    string
		file    string
		content []byte
		want    string
	}{
		{"PDF", "report.pdf", []byte("%PDF-1.7\n..."), "application/pdf"},
		{"PDFWithWrongName", "report.docx", []byte("%PDF-1.7\n..."), "application/pdf"},
		{"PNG", "plan.png", []byte("\x89PNG\r\n\x1a\n0000"), "image/png"},
		{"Word", "minutes.docx", docx("[Content_Types].xml"), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
		{"OpenDocument", "budget.ods", docx("mimetype"), "application/vnd.oasis.opendocument.spreadsheet"},
		{"OldExcel", "budget.xls", ole, "application/vnd.ms-excel"},
		{"CSV", "survey.csv", []byte("block,homes\nA,40\n"), "text/csv; charset=utf-8"},
		{"ErrZipNotOffice", "photos.zip", docx("a.jpg"), ""},
		{"ErrZipRenamed", "trojan.docx", docx("payload.exe"), ""},
		{"ErrHTML", "page.txt", []byte("<html><script>alert(1)</script></html>"), ""},
		{"ErrExecutable", "setup.pdf", []byte("MZ\x90\x00\x03\x00\x00\x00"), ""},
		{"ErrOLEWrongName", "thing.bin", ole, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := PaperContentType(tt.file, tt.content); got != tt.want {
				t.Errorf("PaperContentType(%s) = %q, want %q", tt.file, got, tt.want)
			}
		})
	}
}
