// Package config turns the environment and command-line flags into the hub's typed
// configuration. Flags win over environment variables, which win over defaults. Secrets are
// masked whenever a configuration is printed.
package config

import (
	"errors"
	"flag"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Config is the configuration of `hub serve` (and, for the Neo4j part, of every command).
type Config struct {
	Addr            string        // HUB_ADDR, --addr
	Env             string        // HUB_ENV, --env: development or production
	CORSOrigins     []string      // HUB_CORS_ORIGINS, --cors-origins: comma-separated
	RequestTimeout  time.Duration // HUB_REQUEST_TIMEOUT, --request-timeout
	MaxComplexity   int           // HUB_MAX_COMPLEXITY, --max-complexity
	MaxBodyBytes    int64         // HUB_MAX_BODY_BYTES, --max-body-bytes
	LogLevel        string        // HUB_LOG_LEVEL, --log-level: debug, info, warn, error
	Neo4jURI        string        // NEO4J_URI, --neo4j-uri
	Neo4jUsername   string        // NEO4J_USERNAME, --neo4j-username
	Neo4jPassword   string        // NEO4J_PASSWORD (environment only: flags show in ps)
	Neo4jDatabase   string        // NEO4J_DATABASE, --neo4j-database
	ShutdownTimeout time.Duration // HUB_SHUTDOWN_TIMEOUT
	// TrustedDocuments is the path of a manifest {sha256: document}; when set, only those
	// operations execute (HUB_TRUSTED_DOCUMENTS, --trusted-documents).
	TrustedDocuments string
}

// DefaultCORSOrigins are the origins of local development servers.
const DefaultCORSOrigins = "http://localhost:3000,http://localhost:5173,http://localhost:8080," +
	"http://127.0.0.1:3000,http://127.0.0.1:5173,http://127.0.0.1:8080"

// Production reports whether the hub runs in production mode.
func (c Config) Production() bool { return c.Env == "production" }

// String prints the configuration with the password masked.
func (c Config) String() string {
	pw := ""
	if c.Neo4jPassword != "" {
		pw = "****"
	}
	return fmt.Sprintf("addr=%s env=%s cors=%s timeout=%s max-complexity=%d max-body=%d log=%s "+
		"neo4j=%s user=%q password=%q database=%q",
		c.Addr, c.Env, strings.Join(c.CORSOrigins, ","), c.RequestTimeout, c.MaxComplexity,
		c.MaxBodyBytes, c.LogLevel, c.Neo4jURI, c.Neo4jUsername, pw, c.Neo4jDatabase)
}

// Load reads the configuration: getenv looks up environment variables (os.Getenv), args are
// the command's flags. Unknown flags and malformed values are errors.
func Load(fs *flag.FlagSet, args []string, getenv func(string) string) (Config, error) {
	env := func(k, def string) string {
		if v := strings.TrimSpace(getenv(k)); v != "" {
			return v
		}
		return def
	}
	var (
		c                         Config
		cors, timeout, maxC, maxB string
		shutdown                  string
		problems                  []error
	)
	fs.StringVar(&c.Addr, "addr", env("HUB_ADDR", ":8080"), "listen address")
	fs.StringVar(&c.Env, "env", env("HUB_ENV", "development"), "development or production")
	fs.StringVar(&cors, "cors-origins", env("HUB_CORS_ORIGINS", DefaultCORSOrigins), "allowed CORS origins, comma-separated (* for any)")
	fs.StringVar(&timeout, "request-timeout", env("HUB_REQUEST_TIMEOUT", "30s"), "deadline of one request")
	fs.StringVar(&maxC, "max-complexity", env("HUB_MAX_COMPLEXITY", "2000"), "largest query complexity accepted")
	fs.StringVar(&maxB, "max-body-bytes", env("HUB_MAX_BODY_BYTES", "1048576"), "largest request body accepted")
	fs.StringVar(&c.LogLevel, "log-level", env("HUB_LOG_LEVEL", "info"), "debug, info, warn or error")
	fs.StringVar(&c.Neo4jURI, "neo4j-uri", env("NEO4J_URI", "bolt://127.0.0.1:7687"), "Neo4j URI (bolt://, neo4j://, neo4j+s://)")
	fs.StringVar(&c.Neo4jUsername, "neo4j-username", env("NEO4J_USERNAME", ""), "Neo4j user (empty: no auth)")
	fs.StringVar(&c.Neo4jDatabase, "neo4j-database", env("NEO4J_DATABASE", ""), "Neo4j database (empty: the server's default)")
	fs.StringVar(&c.TrustedDocuments, "trusted-documents", env("HUB_TRUSTED_DOCUMENTS", ""), "manifest of the only operations to execute (JSON {sha256: document})")
	shutdown = env("HUB_SHUTDOWN_TIMEOUT", "20s")
	c.Neo4jPassword = getenv("NEO4J_PASSWORD")
	if err := fs.Parse(args); err != nil {
		return Config{}, err
	}
	if c.Env != "development" && c.Env != "production" {
		problems = append(problems, fmt.Errorf("env must be development or production, not %q", c.Env))
	}
	for _, o := range strings.Split(cors, ",") {
		if o = strings.TrimSpace(o); o != "" {
			c.CORSOrigins = append(c.CORSOrigins, o)
		}
	}
	var err error
	if c.RequestTimeout, err = positiveDuration("request timeout", timeout); err != nil {
		problems = append(problems, err)
	}
	if c.ShutdownTimeout, err = positiveDuration("shutdown timeout", shutdown); err != nil {
		problems = append(problems, err)
	}
	if n, err := strconv.Atoi(maxC); err != nil || n < 1 {
		problems = append(problems, fmt.Errorf("max complexity must be a positive integer, not %q", maxC))
	} else {
		c.MaxComplexity = n
	}
	if n, err := strconv.ParseInt(maxB, 10, 64); err != nil || n < 1024 {
		problems = append(problems, fmt.Errorf("max body bytes must be an integer of at least 1024, not %q", maxB))
	} else {
		c.MaxBodyBytes = n
	}
	switch c.LogLevel {
	case "debug", "info", "warn", "error":
	default:
		problems = append(problems, fmt.Errorf("log level must be debug, info, warn or error, not %q", c.LogLevel))
	}
	if c.Neo4jURI == "" {
		problems = append(problems, errors.New("neo4j uri must not be empty"))
	}
	if len(problems) > 0 {
		return Config{}, fmt.Errorf("configuration: %w", errors.Join(problems...))
	}
	return c, nil
}

func positiveDuration(name, s string) (time.Duration, error) {
	d, err := time.ParseDuration(s)
	if err != nil || d <= 0 {
		return 0, fmt.Errorf("%s must be a positive duration like 30s, not %q", name, s)
	}
	return d, nil
}
