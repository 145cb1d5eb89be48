package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestInstallFromClone runs the README's install command, `go install
// ./cmd/...`, into a temporary GOBIN and checks that an SVG diagram works
// right after it, with no second install step and nothing on PATH.
func TestInstallFromClone(t *testing.T) {
	if testing.Short() {
		t.Skip("builds both binaries")
	}
	root := inRepoRoot(t)
	gobin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("go toolchain not on PATH")
	}
	bin := t.TempDir()
	install := exec.Command(gobin, "install", "./cmd/...")
	install.Dir = root
	install.Env = append(os.Environ(), "GOBIN="+bin)
	if out, err := install.CombinedOutput(); err != nil {
		t.Fatalf("go install ./cmd/...: %v\n%s", err, out)
	}
	for _, name := range []string{"lattice-lint", "lattice-lint-render"} {
		if _, err := os.Stat(filepath.Join(bin, name)); err != nil {
			t.Errorf("go install ./cmd/... did not install %s: %v", name, err)
		}
	}
	diagram := exec.Command(filepath.Join(bin, "lattice-lint"), "diagram", "--format", "svg", "fixtures/examples/multi-account")
	diagram.Dir = root
	diagram.Env = append(os.Environ(), "LATTICE_LINT_RENDER=", "PATH="+t.TempDir())
	out, err := diagram.Output()
	if err != nil || !strings.Contains(string(out), "<svg") {
		t.Errorf("diagram --format svg after the install: %v\n%.300s", err, out)
	}
}

// TestLintDoesNotLinkGraphviz: go-graphviz compiles its WebAssembly in init
// (35 ms warm, 0.6 s cold); only the render helper may link it.
func TestLintDoesNotLinkGraphviz(t *testing.T) {
	root := inRepoRoot(t)
	gobin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("go toolchain not on PATH")
	}
	list := exec.Command(gobin, "list", "-deps", "./cmd/lattice-lint")
	list.Dir = root
	out, err := list.Output()
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(out), "github.com/goccy/go-graphviz") {
		t.Error("cmd/lattice-lint links github.com/goccy/go-graphviz; it belongs in cmd/lattice-lint-render only")
	}
}
