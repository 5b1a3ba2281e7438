// Package suites decides whether a test suite that needs an outside service
// (PostgreSQL, Chromium) runs, and keeps a record of the decision.
//
// Locally a suite whose service is missing skips with a message saying how
// to enable it. CI sets COPRODUCE_SUITE_REPORT to a file; every decision is
// appended there ("ran postgres TestX" or "skipped browser TestX: why"), and
// .ci/run fails when a suite was skipped or never ran at all.
package suites

import (
	"fmt"
	"os"
	"sync"
	"testing"
)

// ReportEnv names the environment variable holding the report file's path.
const ReportEnv = "COPRODUCE_SUITE_REPORT"

var mu sync.Mutex

// Require records that t belongs to suite and skips t with reason when the
// suite's service is unavailable (reason non-empty).
func Require(t testing.TB, suite, reason string) {
	t.Helper()
	if reason != "" {
		record(t, fmt.Sprintf("skipped %s %s: %s", suite, t.Name(), reason))
		t.Skipf("%s suite skipped: %s", suite, reason)
	}
	record(t, fmt.Sprintf("ran %s %s", suite, t.Name()))
}

func record(t testing.TB, line string) {
	path := os.Getenv(ReportEnv)
	if path == "" {
		return
	}
	mu.Lock()
	defer mu.Unlock()
	f, err := os.OpenFile(path, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		t.Fatalf("opening suite report: %v", err)
	}
	defer f.Close()
	if _, err := fmt.Fprintln(f, line); err != nil {
		t.Fatalf("writing suite report: %v", err)
	}
}
