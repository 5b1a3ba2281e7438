// Command coproduce runs the coproduce web application and its maintenance
// tasks. This package only wires things together: the work is done in the
// coproduce, framework, store, web and demo packages.
package main

import (
	"context"
	"crypto/tls"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"sync"
	"syscall"
	"time"

	"coproduce"
	"coproduce/demo"
	"coproduce/framework"
	"coproduce/mail"
	"coproduce/store"
	"coproduce/web"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

const usage = `coproduce: coproduction for housing and regeneration steering groups.

Usage:
  coproduce serve [flags]            run the web server
  coproduce migrate [flags]          apply pending database migrations
  coproduce migrate status [flags]   list migrations and whether each is applied
  coproduce user create [--admin] [--name NAME] EMAIL
                                     create an account and print a link to set its password
  coproduce user disable|enable EMAIL
                                     disable an account (ending its sessions) or enable it again
  coproduce audit verify [flags]      check every group's record of changes; exit 1 naming the first broken entry
  coproduce backup [flags] FILE      copy the running SQLite database to FILE, consistently
  coproduce restore [flags] FILE     restore a backup into an empty data folder, and check it
  coproduce demo --groups N --years Y [flags]
                                     fill an empty database with benchmark data
  coproduce framework show           print the built-in framework file, to adapt
  coproduce framework check FILE     validate an adapted framework file
  coproduce version                  print the version

Run "coproduce COMMAND --help" for a command's flags.
`

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	go func() {
		// After the first signal starts a graceful shutdown, a second one
		// gets the default behaviour and stops the process at once.
		<-ctx.Done()
		stop()
	}()
	os.Exit(run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

// run runs the command in args and returns the process exit code: 0 on
// success, 1 when the command failed, 2 when it was used wrongly.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	var err error
	switch args[0] {
	case "serve":
		err = serve(ctx, args[1:], stderr)
	case "migrate":
		err = migrate(ctx, args[1:], stdout, stderr)
	case "user":
		err = userCommand(ctx, args[1:], stdout, stderr)
	case "audit":
		err = auditCommand(ctx, args[1:], stdout, stderr)
	case "backup":
		err = backupCommand(ctx, args[1:], stdout, stderr)
	case "restore":
		err = restoreCommand(ctx, args[1:], stdout, stderr)
	case "demo":
		err = demoCommand(ctx, args[1:], stdout, stderr)
	case "framework":
		err = frameworkCommand(args[1:], stdout)
	case "version":
		fmt.Fprintln(stdout, "coproduce", version)
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, usage)
	default:
		fmt.Fprintf(stderr, "coproduce: unknown command %q\n\n%s", args[0], usage)
		return 2
	}
	switch {
	case err == nil:
		return 0
	case errors.Is(err, flag.ErrHelp):
		return 0
	case errors.Is(err, errUsage):
		return 2
	}
	fmt.Fprintf(stderr, "coproduce: %v\n", err)
	return 1
}

// errUsage means the command line was wrong and the flag package has
// already said how.
var errUsage = errors.New("usage")

func parse(fs *flag.FlagSet, args []string) error {
	err := parseFlags(fs, args)
	if err != nil && !errors.Is(err, flag.ErrHelp) {
		if fs.Parsed() {
			return errUsage // the flag package printed the problem and usage
		}
		return err // an environment variable was malformed
	}
	return err
}

func serve(ctx context.Context, args []string, stderr io.Writer) error {
	started := time.Now()
	var cfg Config
	fs := newFlagSet("serve", "serve [flags]",
		"Runs the web server. It migrates the database first, and refuses to start on a\ndatabase migrated by a newer release.", stderr)
	serveFlags(fs, &cfg)
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("serve takes no arguments, got %q", fs.Args())
	}
	logger, err := newLogger(&cfg, stderr)
	if err != nil {
		return err
	}

	fw := framework.Default()
	if cfg.FrameworkFile != "" {
		if fw, err = framework.Load(cfg.FrameworkFile); err != nil {
			return err
		}
		logger.Info("using adapted framework", "file", cfg.FrameworkFile, "version", fw.Version)
	}

	db, _, err := openMigrated(ctx, &cfg, logger)
	if err != nil {
		return err
	}
	defer func() {
		if err := db.Close(); err != nil {
			logger.Error("closing database", "err", err)
		}
		logger.Info("stopped")
	}()

	if cfg.Demo {
		loaded, err := demo.Load(ctx, db, coproduce.DefaultPasswordParams)
		if err != nil {
			return fmt.Errorf("loading demo data: %w", err)
		}
		if loaded {
			logger.Info("demo data loaded")
		} else {
			logger.Info("demo data not loaded: the database already has records")
		}
	}

	proxies, err := cfg.trustedProxies()
	if err != nil {
		return err
	}
	sender, err := newSender(&cfg, logger)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return err
	}
	defer ln.Close()
	if (cfg.TLSCert == "") != (cfg.TLSKey == "") {
		return fmt.Errorf("--tls-cert and --tls-key go together: give both or neither")
	}
	scheme := "http"
	if cfg.TLSCert != "" {
		cert, err := tls.LoadX509KeyPair(cfg.TLSCert, cfg.TLSKey)
		if err != nil {
			return fmt.Errorf("loading the TLS certificate: %w", err)
		}
		ln = tls.NewListener(ln, &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12})
		scheme = "https"
	}
	baseURL := cfg.BaseURL
	if baseURL == "" {
		baseURL = scheme + "://" + ln.Addr().String()
	}
	site, err := web.New(db, fw, logger, web.Config{
		BaseURL:        baseURL,
		TrustedProxies: proxies,
		Sessions:       store.DefaultSessionPolicy,
		Passwords:      coproduce.DefaultPasswordParams,
		DemoAccounts:   demoAccounts(cfg.Demo),
		DemoPassword:   demo.Password,
	})
	if err != nil {
		return err
	}
	if err := offerSetupLink(ctx, db, baseURL, logger); err != nil {
		return err
	}

	// Background work stops before the database closes.
	var background sync.WaitGroup
	defer background.Wait()
	bgCtx, stopBackground := context.WithCancel(ctx)
	defer stopBackground()
	worker := &mail.Worker{Store: db, Sender: sender, Logger: logger, Interval: 5 * time.Second, MaxAttempts: 10}
	background.Go(func() { worker.Run(bgCtx) })
	background.Go(func() { tidy(bgCtx, db, logger) })
	background.Go(func() { site.RunReminders(bgCtx, time.Minute) })
	if cfg.MetricsAddr != "" {
		// Metrics are for the operator: on an address of their own, which
		// they need not expose.
		mln, err := net.Listen("tcp", cfg.MetricsAddr)
		if err != nil {
			return fmt.Errorf("metrics address: %w", err)
		}
		mux := http.NewServeMux()
		mux.Handle("GET /metrics", site.MetricsHandler())
		metricsSrv := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
		background.Go(func() { serveUntil(bgCtx, metricsSrv, mln, time.Second, logger) })
		logger.Info("serving metrics", "url", "http://"+mln.Addr().String()+"/metrics")
	}

	srv := &http.Server{
		Handler:           site.Handler(),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		ErrorLog:          slog.NewLogLogger(logger.Handler(), slog.LevelWarn),
	}
	logger.Info("listening", "url", scheme+"://"+ln.Addr().String(), "database", db.Dialect(), "startup", time.Since(started).Round(time.Millisecond))
	return serveUntil(ctx, srv, ln, cfg.ShutdownTimeout, logger)
}

// demoAccounts lists the demo people for the sign-in page in demo mode.
func demoAccounts(on bool) []web.DemoAccount {
	if !on {
		return nil
	}
	var out []web.DemoAccount
	for _, a := range demo.Accounts() {
		out = append(out, web.DemoAccount{Email: a.Email, Name: a.Name, About: a.About})
	}
	return out
}

// newSender returns the SMTP sender when --smtp-url is set, and otherwise
// one that writes email to the log.
func newSender(cfg *Config, logger *slog.Logger) (mail.Sender, error) {
	if cfg.SMTPURL == "" {
		logger.Warn("no SMTP server configured (--smtp-url): email, including sign-in links, is written to this log")
		return mail.LogSender{Logger: logger}, nil
	}
	return mail.NewSMTPSender(cfg.SMTPURL, cfg.MailFrom)
}

// offerSetupLink prints a one-time link for creating the first
// administrator when the installation has no accounts yet.
func offerSetupLink(ctx context.Context, db *store.DB, baseURL string, logger *slog.Logger) error {
	n, err := db.CountUsers(ctx)
	if err != nil || n > 0 {
		return err
	}
	token, err := db.CreateLoginToken(ctx, coproduce.PurposeSetup, 0, setupLinkTTL)
	if err != nil {
		return err
	}
	logger.Warn("no accounts yet: open this link to create the first administrator (it works once, for 24 hours)",
		"url", baseURL+"/setup/"+token)
	return nil
}

// setupLinkTTL is how long a printed setup or first-password link works.
const setupLinkTTL = 24 * time.Hour

// tidy deletes expired sessions, links and rate-limit counts every hour.
func tidy(ctx context.Context, db *store.DB, logger *slog.Logger) {
	t := time.NewTicker(time.Hour)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			if err := db.Tidy(ctx); err != nil && ctx.Err() == nil {
				logger.Error("tidying the database", "err", err)
			}
		}
	}
}

// serveUntil serves on ln until ctx ends, then stops taking new requests and
// gives those in flight up to timeout to finish before cutting them off.
func serveUntil(ctx context.Context, srv *http.Server, ln net.Listener, timeout time.Duration, logger *slog.Logger) error {
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	logger.Info("shutting down", "timeout", timeout)
	shutdownCtx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		srv.Close()
		return fmt.Errorf("requests still running after %s were cut off: %w", timeout, err)
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// openReady opens a database that must already be fully migrated, for
// commands that read or repair records rather than serve.
func openReady(ctx context.Context, cfg *Config) (*store.DB, error) {
	db, err := store.Open(ctx, cfg.DatabaseURL, cfg.DataDir)
	if err != nil {
		return nil, err
	}
	if err := db.Ready(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("%w (run \"coproduce migrate\" first)", err)
	}
	return db, nil
}

// openMigrated opens the database and applies pending migrations, logging
// each, and returns how many it applied.
func openMigrated(ctx context.Context, cfg *Config, logger *slog.Logger) (*store.DB, int, error) {
	db, err := store.Open(ctx, cfg.DatabaseURL, cfg.DataDir)
	if err != nil {
		return nil, 0, err
	}
	applied, err := db.Migrate(ctx)
	if err != nil {
		db.Close()
		return nil, 0, err
	}
	for _, m := range applied {
		logger.Info("migration applied", "version", m.Version, "name", m.Name, "took", m.Took.Round(time.Microsecond))
	}
	return db, len(applied), nil
}

// userCommand creates an account from the command line and prints a
// one-time link for its owner to choose a password.
func userCommand(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) > 0 && (args[0] == "disable" || args[0] == "enable") {
		return userDisable(ctx, args[0] == "disable", args[1:], stdout, stderr)
	}
	if len(args) == 0 || args[0] != "create" {
		return fmt.Errorf("use \"coproduce user create [--admin] [--name NAME] EMAIL\" or \"coproduce user disable|enable EMAIL\"")
	}
	var cfg Config
	var admin bool
	var name string
	fs := newFlagSet("user create", "user create [--admin] [--name NAME] [flags] EMAIL",
		"Creates an account and prints a one-time link (valid for 24 hours) for its owner to\nchoose a password. With --admin the account administers this installation.", stderr)
	storeFlags(fs, &cfg)
	fs.BoolVar(&admin, "admin", false, "make the account an administrator of this installation")
	fs.StringVar(&name, "name", "", "the person's `name` as others will see it (default: the part of the address before the @; they can change it)")
	fs.StringVar(&cfg.BaseURL, "base-url", "http://127.0.0.1:8080", "the `URL` people reach the site at, for the printed link")
	if err := parse(fs, args[1:]); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return fmt.Errorf("give exactly one email address, after the flags")
	}
	logger, err := newLogger(&cfg, stderr)
	if err != nil {
		return err
	}
	db, _, err := openMigrated(ctx, &cfg, logger)
	if err != nil {
		return err
	}
	defer db.Close()
	if name == "" {
		name, _, _ = strings.Cut(strings.TrimSpace(fs.Arg(0)), "@")
	}
	u := &coproduce.User{Email: fs.Arg(0), Name: name, IsAdmin: admin}
	if err := db.CreateUser(ctx, u); err != nil {
		var verr *coproduce.ValidationError
		switch {
		case errors.As(err, &verr):
			return fmt.Errorf("%s", strings.Join(fieldMessages(verr), " "))
		case errors.Is(err, coproduce.ErrConflict):
			return fmt.Errorf("%s already has an account", u.Email)
		}
		return err
	}
	token, err := db.CreateLoginToken(ctx, coproduce.PurposeReset, u.ID, setupLinkTTL)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Created the account for %s.\nOpen this link to choose a password (it works once, for 24 hours):\n%s/password/reset/%s\n",
		u.Email, strings.TrimRight(cfg.BaseURL, "/"), token)
	return nil
}

// userDisable disables or re-enables an account. Disabling ends its
// sessions and cancels its links at once.
func userDisable(ctx context.Context, disable bool, args []string, stdout, stderr io.Writer) error {
	verb := map[bool]string{true: "disable", false: "enable"}[disable]
	var cfg Config
	fs := newFlagSet("user "+verb, "user "+verb+" [flags] EMAIL",
		"Disables an account (ending its sessions and cancelling its links), or enables it again.", stderr)
	storeFlags(fs, &cfg)
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return fmt.Errorf("give exactly one email address, after the flags")
	}
	db, err := openReady(ctx, &cfg)
	if err != nil {
		return err
	}
	defer db.Close()
	u, err := db.FindUserByEmail(ctx, fs.Arg(0))
	if errors.Is(err, coproduce.ErrNotFound) {
		return fmt.Errorf("there is no account for %s", fs.Arg(0))
	}
	if err != nil {
		return err
	}
	if err := db.SetUserDisabled(ctx, u.ID, disable); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%s: account %sd.\n", u.Email, verb)
	return nil
}

func fieldMessages(verr *coproduce.ValidationError) []string {
	out := make([]string, len(verr.Fields))
	for i, f := range verr.Fields {
		out[i] = f.Message
	}
	return out
}

// errAuditBroken means a group's audit chain failed verification; the
// details have been printed.
var errAuditBroken = errors.New("the record of changes has been tampered with")

// auditCommand verifies the hash chain of every group's audit trail.
func auditCommand(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] != "verify" {
		return fmt.Errorf("use \"coproduce audit verify\"")
	}
	var cfg Config
	fs := newFlagSet("audit verify", "audit verify [flags]",
		"Checks the hash chain of every group's record of changes. Exits 0 when every chain\nis whole, and 1 naming the first broken entry otherwise.", stderr)
	storeFlags(fs, &cfg)
	if err := parse(fs, args[1:]); err != nil {
		return err
	}
	db, err := openReady(ctx, &cfg)
	if err != nil {
		return err
	}
	defer db.Close()
	return verifyAudit(ctx, db, stdout)
}

// verifyAudit checks every group's chain, says so on stdout, and returns
// errAuditBroken naming the first broken entry.
func verifyAudit(ctx context.Context, db *store.DB, stdout io.Writer) error {
	ids, err := db.FindAllGroupIDs(ctx)
	if err != nil {
		return err
	}
	entries := 0
	for _, id := range ids {
		check, err := db.VerifyAudit(ctx, id)
		if err != nil {
			return err
		}
		if !check.Whole() {
			g, err := db.FindGroupByID(ctx, id)
			if err != nil {
				return err
			}
			fmt.Fprintf(stdout, "BROKEN: group %q (%s), entry %d: %s\n", g.Name, g.Slug, check.BrokenAt, check.Problem)
			return errAuditBroken
		}
		entries += check.Entries
	}
	fmt.Fprintf(stdout, "OK: %d group(s), %d entries, every chain whole.\n", len(ids), entries)
	return nil
}

// backupCommand writes a consistent copy of the running SQLite database.
func backupCommand(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var cfg Config
	fs := newFlagSet("backup", "backup [flags] FILE",
		"Writes a consistent copy of the SQLite database to FILE while the server goes on\nrunning: it holds every change made before the backup began. FILE must not exist.\nThe copy is checked with SQLite's integrity check. For PostgreSQL use pg_dump\n(see docs/operations.md).", stderr)
	storeFlags(fs, &cfg)
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return fmt.Errorf("backup takes one argument, the file to write")
	}
	db, err := openReady(ctx, &cfg)
	if err != nil {
		return err
	}
	defer db.Close()
	started := time.Now()
	if err := db.Backup(ctx, fs.Arg(0)); err != nil {
		return err
	}
	info, err := os.Stat(fs.Arg(0))
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Backed up to %s (%d bytes) in %s; the copy passed SQLite's integrity check.\n", fs.Arg(0), info.Size(), time.Since(started).Round(time.Millisecond))
	return nil
}

// restoreCommand puts a backup in place in an empty data folder and
// checks it.
func restoreCommand(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var cfg Config
	fs := newFlagSet("restore", "restore [flags] FILE",
		"Restores the SQLite backup FILE as the database of the data folder (--data), which\nmust hold no database: restore into a new folder, then start the server on it.\nThe backup is checked first, and every group's record of changes after.\nFor PostgreSQL use pg_restore (see docs/operations.md).", stderr)
	storeFlags(fs, &cfg)
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return fmt.Errorf("restore takes one argument, the backup file")
	}
	if cfg.DatabaseURL != "" {
		return store.ErrBackupPostgres
	}
	if err := store.Restore(ctx, fs.Arg(0), cfg.DataDir); err != nil {
		return err
	}
	db, err := openReady(ctx, &cfg)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := db.IntegrityCheck(ctx); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Restored %s into %s.\n", fs.Arg(0), cfg.DataDir)
	return verifyAudit(ctx, db, stdout)
}

// frameworkCommand prints the built-in framework file or checks an adapted
// one with the same validation serve applies.
func frameworkCommand(args []string, stdout io.Writer) error {
	switch {
	case len(args) == 1 && args[0] == "show":
		_, err := stdout.Write(framework.Source())
		return err
	case len(args) == 2 && args[0] == "check":
		fw, err := framework.Load(args[1])
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "%s: valid (edition %s, %d precepts, %d principles)\n", args[1], fw.Version, len(fw.Precepts), len(fw.Principles))
		return nil
	}
	return fmt.Errorf("use \"coproduce framework show\" or \"coproduce framework check FILE\"")
}

// demoCommand generates the benchmark data set into an empty database.
func demoCommand(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var cfg Config
	var opt demo.GenerateOptions
	fs := newFlagSet("demo", "demo --groups N --years Y [flags]",
		"Migrates an empty database and fills it with synthetic organisations and steering\ngroups, for benchmarks: years of meetings, papers, decisions, outreach, requests\nand health check rounds, with members joining and leaving. Every generated\naccount has the demo password; the chair of group g is "+demo.BenchEmail(1, 1)+"\nwith g's number in place of 0001.", stderr)
	storeFlags(fs, &cfg)
	fs.IntVar(&opt.Groups, "groups", 10, "how many steering `groups` (ten to an organisation)")
	fs.IntVar(&opt.Years, "years", 5, "how many `years` of records, ending today")
	fs.Uint64Var(&opt.Seed, "seed", 1, "the random `seed`: the same seed makes the same records")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected arguments %q", fs.Args())
	}
	if err := opt.Validate(); err != nil {
		return err
	}
	logger, err := newLogger(&cfg, stderr)
	if err != nil {
		return err
	}
	db, _, err := openMigrated(ctx, &cfg, logger)
	if err != nil {
		return err
	}
	defer db.Close()
	started := time.Now()
	opt.Progress = func(done int) {
		if done%100 == 0 || done == opt.Groups {
			fmt.Fprintf(stdout, "%d of %d groups written (%s)\n", done, opt.Groups, time.Since(started).Round(time.Second))
		}
	}
	out, err := demo.Generate(ctx, db, opt, coproduce.DefaultPasswordParams)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Generated %d organisations, %d groups and %d people, with records over %d year(s): %d rows in %s.\n",
		out.Organisations, out.Groups, out.People, opt.Years, out.Rows, time.Since(started).Round(100*time.Millisecond))
	return nil
}

func migrate(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	status := len(args) > 0 && args[0] == "status"
	if status {
		args = args[1:]
	}
	var cfg Config
	fs := newFlagSet("migrate", "migrate [status] [flags]",
		"Applies pending database migrations, each in its own transaction, or with\n\"status\" lists every migration and whether it has been applied.", stderr)
	storeFlags(fs, &cfg)
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected arguments %q: use \"migrate\" or \"migrate status\"", fs.Args())
	}
	logger, err := newLogger(&cfg, stderr)
	if err != nil {
		return err
	}
	if !status {
		db, applied, err := openMigrated(ctx, &cfg, logger)
		if err != nil {
			return err
		}
		defer db.Close()
		fmt.Fprintf(stdout, "%d migration(s) applied; the %s database is at version %d.\n", applied, db.Dialect(), db.LatestVersion())
		return nil
	}

	db, err := store.Open(ctx, cfg.DatabaseURL, cfg.DataDir)
	if err != nil {
		return err
	}
	defer db.Close()
	states, err := db.MigrationStatus(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%s database\n%-8s  %-20s  %s\n", db.Dialect(), "VERSION", "APPLIED", "MIGRATION")
	pending := 0
	for _, s := range states {
		when := "pending"
		if s.Applied {
			when = s.AppliedAt.Format("2006-01-02 15:04:05")
		} else {
			pending++
		}
		fmt.Fprintf(stdout, "%-8d  %-20s  %s\n", s.Version, when, s.Name)
	}
	fmt.Fprintf(stdout, "%d pending.\n", pending)
	return nil
}
