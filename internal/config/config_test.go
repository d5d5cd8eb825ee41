package config

import (
	"flag"
	"io"
	"strings"
	"testing"
	"time"
)

func load(t *testing.T, env map[string]string, args ...string) (Config, error) {
	t.Helper()
	fs := flag.NewFlagSet("test", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	return Load(fs, args, func(k string) string { return env[k] })
}

func TestDefaults(t *testing.T) {
	c, err := load(t, nil)
	if err != nil {
		t.Fatal(err)
	}
	if c.Addr != ":8080" || c.Neo4jURI != "bolt://127.0.0.1:7687" || c.Production() ||
		c.RequestTimeout != 30*time.Second || len(c.CORSOrigins) != 6 {
		t.Errorf("defaults: %+v", c)
	}
}

func TestFlagsOverrideEnv(t *testing.T) {
	c, err := load(t, map[string]string{"HUB_ADDR": ":1", "NEO4J_URI": "neo4j+s://x.databases.neo4j.io",
		"HUB_CORS_ORIGINS": "https://a.example, https://b.example", "HUB_ENV": "production"}, "--addr", ":2")
	if err != nil {
		t.Fatal(err)
	}
	if c.Addr != ":2" || c.Neo4jURI != "neo4j+s://x.databases.neo4j.io" || !c.Production() {
		t.Errorf("got %+v", c)
	}
	if strings.Join(c.CORSOrigins, "|") != "https://a.example|https://b.example" {
		t.Errorf("cors = %q", c.CORSOrigins)
	}
}

func TestPasswordMasked(t *testing.T) {
	c, err := load(t, map[string]string{"NEO4J_PASSWORD": "s3cret-pw"})
	if err != nil {
		t.Fatal(err)
	}
	if s := c.String(); strings.Contains(s, "s3cret-pw") || !strings.Contains(s, "****") {
		t.Errorf("String() = %s", s)
	}
}

func TestBadValues(t *testing.T) {
	_, err := load(t, map[string]string{"HUB_REQUEST_TIMEOUT": "soon", "HUB_ENV": "staging",
		"HUB_MAX_COMPLEXITY": "-3", "HUB_LOG_LEVEL": "loud"})
	if err == nil {
		t.Fatal("want an error")
	}
	for _, want := range []string{"request timeout", "staging", "max complexity", "loud"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not mention %q", err, want)
		}
	}
}
