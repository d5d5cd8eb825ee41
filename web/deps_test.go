package web_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestDepsInstallsChromium runs scripts/deps.sh (what `make test` calls before the browser
// tests) against a PATH of its own, so that no browser is found: as root with apt-get on the
// PATH it must install chromium and print its path; without apt-get it must fail with a
// message naming the package; with a browser present it must print it and install nothing.
func TestDepsInstallsChromium(t *testing.T) {
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Skip("no bash")
	}
	script, err := filepath.Abs("../scripts/deps.sh")
	if err != nil {
		t.Fatal(err)
	}
	// A CJK font the script finds, so that only the browser is missing.
	fonts := t.TempDir()
	if err := os.WriteFile(filepath.Join(fonts, "NotoSansCJK-Regular.ttc"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	fontGlob := filepath.Join(fonts, "*CJK*")
	run := func(t *testing.T, bin string) (stdout, stderr string, err error) {
		t.Helper()
		cmd := exec.Command(bash, script, "chromium")
		cmd.Env = []string{"PATH=" + bin, "HOME=" + t.TempDir(), "HUB_CJK_FONT_GLOB=" + fontGlob}
		var out, errb strings.Builder
		cmd.Stdout, cmd.Stderr = &out, &errb
		err = cmd.Run()
		return out.String(), errb.String(), err
	}
	// fakeAptGet writes an apt-get into bin that logs its arguments and, on install, puts an
	// executable chromium next to itself.
	fakeAptGet := func(t *testing.T, bin string) string {
		t.Helper()
		log := filepath.Join(t.TempDir(), "apt.log")
		body := "#!" + bash + "\nexport PATH=/usr/bin:/bin\necho \"$*\" >> " + log + "\n" +
			"if [[ \" $* \" == *\" install \"* ]]; then\n" +
			"  printf '#!/bin/sh\\necho fake chromium\\n' > " + filepath.Join(bin, "chromium") + "\n" +
			"  chmod +x " + filepath.Join(bin, "chromium") + "\nfi\n"
		if err := os.WriteFile(filepath.Join(bin, "apt-get"), []byte(body), 0o755); err != nil {
			t.Fatal(err)
		}
		return log
	}

	t.Run("absent, root with apt-get: installs", func(t *testing.T) {
		if os.Geteuid() != 0 {
			t.Skip("the install path runs as root only (CI runs as root)")
		}
		bin := t.TempDir()
		log := fakeAptGet(t, bin)
		out, stderr, err := run(t, bin)
		if err != nil {
			t.Fatalf("deps.sh chromium: %v\n%s", err, stderr)
		}
		if want := filepath.Join(bin, "chromium"); strings.TrimSpace(out) != want {
			t.Errorf("printed %q, want the installed %q", out, want)
		}
		calls, err := os.ReadFile(log)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(calls), "update") || !strings.Contains(string(calls), "install") ||
			!strings.Contains(string(calls), "chromium") || !strings.Contains(string(calls), "fonts-noto-cjk") {
			t.Errorf("apt-get calls %q: want update, then install of chromium and fonts-noto-cjk", calls)
		}
	})

	t.Run("absent, no apt-get: says what to install", func(t *testing.T) {
		_, stderr, err := run(t, t.TempDir())
		if err == nil {
			t.Fatal("deps.sh chromium succeeded with no browser and no apt-get")
		}
		if !strings.Contains(stderr, "apt-get install chromium") || !strings.Contains(stderr, "HUB_CHROMIUM") {
			t.Errorf("message does not say what to install: %q", stderr)
		}
	})

	t.Run("present: quiet, installs nothing", func(t *testing.T) {
		bin := t.TempDir()
		log := fakeAptGet(t, bin)
		if err := os.WriteFile(filepath.Join(bin, "chromium"), []byte("#!/bin/sh\n"), 0o755); err != nil {
			t.Fatal(err)
		}
		out, stderr, err := run(t, bin)
		if err != nil || strings.TrimSpace(out) != filepath.Join(bin, "chromium") || stderr != "" {
			t.Fatalf("got %q, %q, %v; want the path alone", out, stderr, err)
		}
		if _, err := os.Stat(log); err == nil {
			t.Error("apt-get ran although chromium was there")
		}
	})

	t.Run("browser present, no CJK font: installs the font", func(t *testing.T) {
		if os.Geteuid() != 0 {
			t.Skip("the install path runs as root only (CI runs as root)")
		}
		bin := t.TempDir()
		log := fakeAptGet(t, bin)
		if err := os.WriteFile(filepath.Join(bin, "chromium"), []byte("#!/bin/sh\n"), 0o755); err != nil {
			t.Fatal(err)
		}
		fontGlob = filepath.Join(t.TempDir(), "*CJK*") // no font there
		defer func() { fontGlob = filepath.Join(fonts, "*CJK*") }()
		if _, stderr, err := run(t, bin); err != nil {
			t.Fatalf("deps.sh chromium: %v\n%s", err, stderr)
		}
		calls, err := os.ReadFile(log)
		if err != nil || !strings.Contains(string(calls), "fonts-noto-cjk") {
			t.Errorf("apt-get calls %q, %v: want fonts-noto-cjk installed", calls, err)
		}
	})
}
