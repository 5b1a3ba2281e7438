// Package browsertest drives a headless Chromium through chromedp for the
// browser test suite, and audits pages with the axe-core accessibility
// engine. The suite needs two things from outside Go: Chromium (Debian's
// chromium package) and axe-core (the npm package); without them it skips
// locally and fails in CI (see internal/suites).
package browsertest

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"coproduce/internal/suites"
)

// Environment variables naming the tools; each has a default.
const (
	ChromiumEnv = "COPRODUCE_TEST_CHROMIUM" // default /usr/bin/chromium
	AxeEnv      = "COPRODUCE_TEST_AXE"      // default .tools/node_modules/axe-core/axe.min.js in the module
)

// WCAGTags are the axe-core rule tags audited: WCAG 2.0, 2.1 and 2.2 at
// levels A and AA, and axe's best practices (heading order, landmarks, one
// h1, a working skip link).
var WCAGTags = []string{"wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa", "best-practice"}

// Browser is one Chromium process shared by a test's pages.
type Browser struct {
	ctx context.Context
	axe string // the axe-core source
}

// New starts Chromium for t, or skips t (recording the skip) when Chromium
// or axe-core is missing. The browser stops when t ends.
func New(t *testing.T) *Browser {
	t.Helper()
	chromium := envOr(ChromiumEnv, "/usr/bin/chromium")
	axePath := envOr(AxeEnv, filepath.Join(moduleRoot(), ".tools", "node_modules", "axe-core", "axe.min.js"))
	reason := ""
	if _, err := os.Stat(chromium); err != nil {
		reason = fmt.Sprintf("no Chromium at %s (apt-get install chromium, or set %s)", chromium, ChromiumEnv)
	} else if _, err := os.Stat(axePath); err != nil {
		reason = fmt.Sprintf("no axe-core at %s (npm install --prefix .tools axe-core@4.14.1, or set %s)", axePath, AxeEnv)
	}
	suites.Require(t, "browser", reason)

	axe, err := os.ReadFile(axePath)
	if err != nil {
		t.Fatal(err)
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromium),
		chromedp.NoSandbox, // tests run as root in CI, where the sandbox refuses to start
		chromedp.DisableGPU,
		// The machine has no network beyond loopback; these stop Chromium
		// from trying to reach its own services.
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.UserDataDir(t.TempDir()),
	)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(allocCtx)
	t.Cleanup(func() { cancel(); cancelAlloc() })
	// The first Run starts the browser; it must not carry a timeout (see
	// chromedp.Run).
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("starting Chromium: %v", err)
	}
	return &Browser{ctx: ctx, axe: string(axe)}
}

// Page is what a visit found.
type Page struct {
	URL        string // the path the browser ended on, after any redirect
	Title      string // the page's title, which starts "Error:" on a form with problems
	Violations []Violation
	Overflow   int      // how many CSS pixels the page is wider than the viewport
	Unfocused  []string // links and buttons without the focus style when focused
}

// Violation is one failed axe-core rule and where it failed.
type Violation struct {
	ID     string   `json:"id"`
	Impact string   `json:"impact"`
	Help   string   `json:"help"`
	Nodes  []string `json:"nodes"`
}

func (v Violation) String() string {
	return fmt.Sprintf("%s (%s): %s at %s", v.ID, v.Impact, v.Help, strings.Join(v.Nodes, ", "))
}

// Visit loads url in a viewport width CSS pixels wide and audits it (see
// audit).
func (b *Browser) Visit(url string, width int64) (*Page, error) {
	ctx, cancel := context.WithTimeout(b.ctx, 30*time.Second)
	defer cancel()
	err := chromedp.Do(ctx,
		chromedp.EmulateViewport(width, 800),
		setMedia(""),
		chromedp.Navigate(url),
	)
	if err != nil {
		return nil, fmt.Errorf("loading %s: %w", url, err)
	}
	return b.audit(ctx, url)
}

// Submit loads url, fills in the fields of the form holding the first
// field named (or the page's first form when none is named),
// submits it as a person would, waits for the page that comes back, and
// audits that page. The browser keeps its cookies, so submitting the
// sign-in form signs it in for later visits.
func (b *Browser) Submit(url string, width int64, fields map[string]string) (*Page, error) {
	ctx, cancel := context.WithTimeout(b.ctx, 30*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(width, 800), setMedia(""), chromedp.Navigate(url)); err != nil {
		return nil, fmt.Errorf("loading %s: %w", url, err)
	}
	values, _ := json.Marshal(fields)
	_, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(() => {
		const values = `+string(values)+`;
		// The form holding the first field named, or the page's first form.
		const first = Object.keys(values)[0];
		const form = first ? document.querySelector("main [name='" + first + "']").form : document.querySelector("main form[method=post]");
		for (const [name, value] of Object.entries(values)) {
			form.querySelector("[name='" + name + "']").value = value;
		}
		window.beforeSubmit = true;
		form.requestSubmit();
		return true;
	})()`))
	if err != nil {
		return nil, fmt.Errorf("submitting the form on %s: %w", url, err)
	}
	for {
		done, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`window.beforeSubmit === undefined && document.readyState === "complete"`))
		if err == nil && done {
			break
		}
		select {
		case <-ctx.Done():
			return nil, fmt.Errorf("waiting for the page after submitting on %s: %w", url, ctx.Err())
		case <-time.After(20 * time.Millisecond):
		}
	}
	return b.audit(ctx, url+" (submitted)")
}

// audit measures the loaded page's horizontal overflow, checks every link
// and button shows the focus style, and runs axe-core with WCAGTags.
func (b *Browser) audit(ctx context.Context, url string) (*Page, error) {
	var p Page
	var err error
	if p.URL, err = chromedp.Run(ctx, chromedp.Evaluate[string](`location.pathname + location.search`)); err != nil {
		return nil, err
	}
	if p.Title, err = chromedp.Run(ctx, chromedp.Evaluate[string](`document.title`)); err != nil {
		return nil, err
	}
	if p.Overflow, err = chromedp.Run(ctx, chromedp.Evaluate[int](
		`document.documentElement.scrollWidth - document.documentElement.clientWidth`)); err != nil {
		return nil, err
	}
	// Every link and button, focused, must show the focus style: black
	// text on yellow (axe-core does not check focus states).
	if p.Unfocused, err = chromedp.Run(ctx, chromedp.Evaluate[[]string](`
		[...document.querySelectorAll("a[href], button")].flatMap(el => {
			el.focus();
			// Controls that cannot take focus now (inside a closed
			// disclosure, say) are checked when they can.
			if (document.activeElement !== el) return [];
			const s = getComputedStyle(el);
			const ok = s.backgroundColor === "rgb(255, 221, 0)" && s.color === "rgb(11, 12, 12)";
			const out = ok ? [] : [el.outerHTML.slice(0, 80) + " (" + s.color + " on " + s.backgroundColor + ")"];
			// Leave the page at rest for axe-core, with nothing focused.
			el.blur();
			return out;
		})`)); err != nil {
		return nil, fmt.Errorf("checking focus styles on %s: %w", url, err)
	}
	// Runtime.evaluate is not subject to the page's Content-Security-Policy,
	// so axe can be injected into pages that allow no inline script.
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](b.axe+"\n;true")); err != nil {
		return nil, fmt.Errorf("injecting axe-core: %w", err)
	}
	tags := `["` + strings.Join(WCAGTags, `","`) + `"]`
	p.Violations, err = chromedp.Run(ctx, chromedp.Evaluate[[]Violation](
		`axe.run(document, {runOnly: {type: "tag", values: `+tags+`}, resultTypes: ["violations"]}).then(r =>
			r.violations.map(v => ({id: v.id, impact: v.impact || "", help: v.help,
				nodes: v.nodes.map(n => n.target.join(" "))})))`,
		chromedp.EvalAwaitPromise))
	if err != nil {
		return nil, fmt.Errorf("running axe-core on %s: %w", url, err)
	}
	return &p, nil
}

// Eval loads url with the given CSS media type ("print" or "" for screen)
// and returns the value of a JavaScript expression evaluated in it.
func Eval[T any](b *Browser, url, media, expression string) (T, error) {
	ctx, cancel := context.WithTimeout(b.ctx, 30*time.Second)
	defer cancel()
	var zero T
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1280, 800), setMedia(media), chromedp.Navigate(url)); err != nil {
		return zero, err
	}
	return chromedp.Run(ctx, chromedp.Evaluate[T](expression))
}

// setMedia emulates a CSS media type ("print", or "" for screen). It also
// turns on focus emulation: a headless page never has the window's focus,
// so without it no element would match :focus.
func setMedia(media string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		if _, err := cdp.Call(ctx, t, emulation.SetFocusEmulationEnabled, emulation.SetFocusEmulationEnabledParams{Enabled: true}); err != nil {
			return err
		}
		_, err := cdp.Call(ctx, t, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: media})
		return err
	})
}

func envOr(name, fallback string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return fallback
}

// moduleRoot returns the folder holding go.mod, found from this file's own
// location so the default works from any package's tests.
func moduleRoot() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..")
}
