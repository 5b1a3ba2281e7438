package web

import (
	"io"
	"runtime"
	"strconv"
	"testing"
)

// TestTableWritersStreamInConstantMemory writes a long table through the
// download writers and watches the live heap as the rows go by: it stays
// flat, so a record of any length downloads in the same memory. The rows
// are made as they are asked for, as the store's Each functions read them.
func TestTableWritersStreamInConstantMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("writes hundreds of thousands of rows")
	}
	header := []string{"id", "on", "method", "people", "themes", "notes", "fed_back"}
	for _, tc := range []struct {
		name  string
		rows  int
		limit int64 // bytes the live heap may grow by
		write func(out io.Writer, rows func(emit func([]string) error) error) error
	}{
		{"csv", 200000, 16 << 20, func(out io.Writer, rows func(emit func([]string) error) error) error {
			return writeCSV(out, header, rows)
		}},
		// The spreadsheet library keeps up to 16 MB of a sheet in memory
		// before it moves it to a temporary file; the sheet here is five
		// times that.
		{"xlsx", 300000, 32 << 20, func(out io.Writer, rows func(emit func([]string) error) error) error {
			return writeXLSXStream(out, "Outreach", header, map[int]bool{3: true}, rows)
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			live := func() uint64 {
				runtime.GC()
				var m runtime.MemStats
				runtime.ReadMemStats(&m)
				return m.HeapAlloc
			}
			base := live()
			var peak uint64
			written := countingWriter{}
			err := tc.write(&written, func(emit func([]string) error) error {
				for i := range tc.rows {
					row := []string{strconv.Itoa(1000000 + i), "2026-11-23", "door-knocking", strconv.Itoa(i % 90),
						"Repairs, parking, the play area and the bins", "Spoke to neighbours on the third floor about the lifts", "no"}
					if err := emit(row); err != nil {
						return err
					}
					if i%20000 == 0 {
						peak = max(peak, live())
					}
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			grew := int64(peak) - int64(base)
			t.Logf("%d rows, %d bytes written; live heap grew by at most %d KB", tc.rows, written.n, grew/1024)
			// The rows alone are tens of megabytes; kept in memory they
			// would show here many times over.
			if grew > tc.limit || written.n < int64(tc.rows)*25 {
				t.Errorf("live heap grew by %d bytes writing %d bytes; want under %d", grew, written.n, tc.limit)
			}
		})
	}
}

type countingWriter struct{ n int64 }

func (c *countingWriter) Write(b []byte) (int, error) {
	c.n += int64(len(b))
	return len(b), nil
}
