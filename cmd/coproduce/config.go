package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/netip"
	"os"
	"strings"
	"time"

	"coproduce/web"
)

// Config is everything the subcommands can be told, from flags or the
// environment.
type Config struct {
	Addr            string
	DataDir         string
	DatabaseURL     string
	Demo            bool
	FrameworkFile   string
	ShutdownTimeout time.Duration
	LogFormat       string
	LogLevel        slog.Level
	BaseURL         string
	TrustedProxies  string
	SMTPURL         string
	MailFrom        string
	TLSCert         string
	TLSKey          string
	MetricsAddr     string
}

// envPrefix starts the environment variable that stands in for each flag:
// --database-url is COPRODUCE_DATABASE_URL.
const envPrefix = "COPRODUCE_"

func envName(flagName string) string {
	return envPrefix + strings.ToUpper(strings.ReplaceAll(flagName, "-", "_"))
}

// storeFlags adds the flags every subcommand that opens the database needs.
func storeFlags(fs *flag.FlagSet, c *Config) {
	fs.StringVar(&c.DataDir, "data", "./coproduce-data", "`folder` for the SQLite database and anything else the server writes")
	fs.StringVar(&c.DatabaseURL, "database-url", "", "a postgres:// `URL` to use PostgreSQL instead of the SQLite file in --data")
	fs.StringVar(&c.LogFormat, "log-format", "text", "log `format`: text or json")
	fs.TextVar(&c.LogLevel, "log-level", slog.LevelInfo, "least severe log `level` written: debug, info, warn or error")
}

func serveFlags(fs *flag.FlagSet, c *Config) {
	fs.StringVar(&c.Addr, "addr", "127.0.0.1:8080", "`host:port` to listen on")
	storeFlags(fs, c)
	fs.BoolVar(&c.Demo, "demo", false, "load the demo data set if the database is empty")
	fs.StringVar(&c.FrameworkFile, "framework", "", "an adapted framework `file` to use instead of the built-in one")
	fs.DurationVar(&c.ShutdownTimeout, "shutdown-timeout", 15*time.Second, "how `long` requests in flight may take to finish at shutdown")
	fs.StringVar(&c.BaseURL, "base-url", "", "the `URL` people reach the site at, for links in emails (default http:// and --addr)")
	fs.StringVar(&c.TrustedProxies, "trusted-proxies", "", "comma-separated `CIDRs` of reverse proxies whose X-Forwarded-For and X-Forwarded-Proto are believed")
	fs.StringVar(&c.TLSCert, "tls-cert", "", "serve HTTPS directly with this certificate `file` (PEM); needs --tls-key")
	fs.StringVar(&c.TLSKey, "tls-key", "", "the private key `file` (PEM) for --tls-cert")
	fs.StringVar(&c.MetricsAddr, "metrics-addr", "", "`host:port` to serve Prometheus metrics on at /metrics, apart from the site (off when empty)")
	mailFlags(fs, c)
}

// mailFlags adds the flags for sending email.
func mailFlags(fs *flag.FlagSet, c *Config) {
	fs.StringVar(&c.SMTPURL, "smtp-url", "", "SMTP server as smtp://user:password@host:587 (STARTTLS) or smtps://...:465; without it, email is written to the log")
	fs.StringVar(&c.MailFrom, "mail-from", "coproduce@localhost", "the `address` email is sent from")
}

// trustedProxies parses --trusted-proxies.
func (c *Config) trustedProxies() ([]netip.Prefix, error) {
	var out []netip.Prefix
	for _, s := range strings.Split(c.TrustedProxies, ",") {
		if s = strings.TrimSpace(s); s == "" {
			continue
		}
		if !strings.Contains(s, "/") {
			if ip, err := netip.ParseAddr(s); err == nil {
				out = append(out, netip.PrefixFrom(ip, ip.BitLen()))
				continue
			}
		}
		p, err := netip.ParsePrefix(s)
		if err != nil {
			return nil, fmt.Errorf("--trusted-proxies: %q is not an address or CIDR range", s)
		}
		out = append(out, p.Masked())
	}
	return out, nil
}

// parseFlags reads the environment and then args into fs: a flag on the
// command line wins over its environment variable, which wins over the
// default. It returns flag.ErrHelp after printing help for -h or --help.
func parseFlags(fs *flag.FlagSet, args []string) error {
	var errs []error
	fs.VisitAll(func(f *flag.Flag) {
		// An empty variable counts as unset, as shells and service files
		// often leave one defined but blank.
		if v := os.Getenv(envName(f.Name)); v != "" {
			if err := fs.Set(f.Name, v); err != nil {
				errs = append(errs, fmt.Errorf("environment variable %s=%q: %v", envName(f.Name), v, err))
			}
		}
	})
	if err := errors.Join(errs...); err != nil {
		return err
	}
	return fs.Parse(args)
}

// newFlagSet returns a flag set whose help text names each flag's
// environment variable.
func newFlagSet(name, synopsis, about string, out io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(out)
	fs.Usage = func() {
		fmt.Fprintf(out, "Usage: coproduce %s\n\n%s\n\nFlags (each may instead be set by the environment variable named):\n", synopsis, about)
		fs.VisitAll(func(f *flag.Flag) {
			kind, usage := flag.UnquoteUsage(f)
			fmt.Fprintf(out, "  --%s", f.Name)
			if kind != "" {
				fmt.Fprintf(out, " %s", kind)
			}
			fmt.Fprintf(out, "\n    \t%s", usage)
			if f.DefValue != "" && f.DefValue != "false" {
				fmt.Fprintf(out, " (default %q)", f.DefValue)
			}
			fmt.Fprintf(out, "\n    \tenvironment: %s\n", envName(f.Name))
		})
	}
	return fs
}

func newLogger(c *Config, w io.Writer) (*slog.Logger, error) {
	opts := &slog.HandlerOptions{Level: c.LogLevel}
	var h slog.Handler
	switch c.LogFormat {
	case "text":
		h = slog.NewTextHandler(w, opts)
	case "json":
		h = slog.NewJSONHandler(w, opts)
	default:
		return nil, fmt.Errorf("--log-format %q: use text or json", c.LogFormat)
	}
	return slog.New(web.NewLogHandler(h)), nil
}
