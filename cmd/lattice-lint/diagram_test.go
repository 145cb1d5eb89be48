package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

const diagramExample = "fixtures/examples/common-mistakes"

// buildRenderHelper compiles cmd/lattice-lint-render for the tests that
// write svg, png or html, and points LATTICE_LINT_RENDER at it.
func buildRenderHelper(t *testing.T, root string) {
	t.Helper()
	gobin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("go toolchain not on PATH; cannot build the render helper")
	}
	bin := filepath.Join(t.TempDir(), "lattice-lint-render")
	cmd := exec.Command(gobin, "build", "-o", bin, "./cmd/lattice-lint-render")
	cmd.Dir = root
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("building the render helper: %v\n%s", err, out)
	}
	t.Setenv("LATTICE_LINT_RENDER", bin)
}

func TestDiagramTextFormats(t *testing.T) {
	inRepoRoot(t)
	cases := []struct {
		args       []string
		wantOut    []string
		notOut     []string
		wantStderr string
	}{
		{[]string{"--format", "dot"}, []string{"digraph lattice {", "sev_error", "svc_payments"}, nil, "Left out:"},
		{[]string{"--format", "dot", "--no-findings"}, []string{"digraph lattice {"}, []string{"sev_", "⚠"}, ""},
		{[]string{"--format", "dot", "--detail", "overview"}, []string{"1 listener"}, []string{"tg_payments "}, "--detail service"},
		{[]string{"--format", "dot", "--focus", "payments-green", "--depth", "1"}, []string{"payments_green"}, []string{"sn_partners"}, "--focus payments-green"},
		{[]string{"--format", "dot", "--only-findings"}, []string{"sev_"}, nil, ""},
		{[]string{"--format", "mermaid"}, []string{"flowchart LR", "classDef sev_error"}, []string{"```"}, ""},
		{[]string{"--format", "mermaid", "--fenced"}, []string{"```mermaid\n---\n", "flowchart LR", "\n```\n"}, nil, ""},
	}
	for _, c := range cases {
		t.Run(strings.Join(c.args, " "), func(t *testing.T) {
			code, out, errOut := cli(t, append(append([]string{"diagram"}, c.args...), diagramExample)...)
			if code != exitOK {
				t.Fatalf("exit %d\n%s", code, errOut)
			}
			for _, w := range c.wantOut {
				if !strings.Contains(out, w) {
					t.Errorf("output lacks %q", w)
				}
			}
			for _, w := range c.notOut {
				if strings.Contains(out, w) {
					t.Errorf("output has %q", w)
				}
			}
			if !strings.Contains(errOut, c.wantStderr) {
				t.Errorf("stderr lacks %q:\n%s", c.wantStderr, errOut)
			}
		})
	}
}

func TestDiagramJSON(t *testing.T) {
	inRepoRoot(t)
	code, out, errOut := cli(t, "diagram", "--format", "json", diagramExample)
	if code != exitOK {
		t.Fatalf("exit %d\n%s", code, errOut)
	}
	var g struct {
		SchemaVersion string `json:"schema_version"`
		Nodes         []struct{ ID string }
		Findings      []struct {
			RuleID  string `json:"rule_id"`
			Element string `json:"element"`
		}
	}
	if err := json.Unmarshal([]byte(out), &g); err != nil {
		t.Fatal(err)
	}
	if g.SchemaVersion != "1" || len(g.Nodes) == 0 || len(g.Findings) == 0 {
		t.Errorf("schema %q, %d nodes, %d findings", g.SchemaVersion, len(g.Nodes), len(g.Findings))
	}
	for _, f := range g.Findings {
		if f.Element == "" {
			t.Errorf("finding %s marks nothing", f.RuleID)
		}
	}
}

func TestDiagramUsageErrors(t *testing.T) {
	inRepoRoot(t)
	for _, args := range [][]string{
		{"--format", "bmp"},
		{"--detail", "wide"},
		{"--split", "account", "--output", t.TempDir()},
		{"--split", "service-network"},
		{"--focus", "no-such-thing", "--format", "dot"},
		{"--depth", "-1", "--focus", "payments"},
		{"--format", "dot", "no/such/dir"},
		{"--depth", "2", "--format", "dot"},
		{"--only-findings", "--no-findings", "--format", "dot"},
		{"--focus", "payments", "--split", "service-network", "--output", t.TempDir()},
		{"--fenced", "--format", "dot"},
	} {
		code, _, errOut := cli(t, append(append([]string{"diagram"}, args...), diagramExample)...)
		if code != exitError || !strings.Contains(errOut, "lattice-lint") || strings.Contains(errOut, "diagram: diagram:") {
			t.Errorf("%v: exit %d, stderr %q", args, code, errOut)
		}
	}
}

// TestDiagramNeedsHelper: without the render helper, svg fails with the fix.
func TestDiagramNeedsHelper(t *testing.T) {
	inRepoRoot(t)
	t.Setenv("LATTICE_LINT_RENDER", "")
	t.Setenv("PATH", t.TempDir())
	code, _, errOut := cli(t, "diagram", diagramExample)
	if code != exitError || !strings.Contains(errOut, "'go install ./cmd/...' in ") {
		t.Errorf("in a clone: exit %d, stderr %q", code, errOut)
	}
	t.Chdir(t.TempDir())
	if hint := helperHint(".", buildInfo{Version: "v1.2.0"}); !strings.Contains(hint, "go install github.com/lattice-lint/lattice-lint/cmd/lattice-lint-render@v1.2.0") {
		t.Errorf("outside a clone: %s", hint)
	}
	if hint := helperHint(".", buildInfo{Version: "dev"}); !strings.Contains(hint, "@latest") {
		t.Errorf("outside a clone, unversioned: %s", hint)
	}
}

func TestDiagramRendered(t *testing.T) {
	root := inRepoRoot(t)
	buildRenderHelper(t, root)
	dir := t.TempDir()
	for _, c := range []struct{ format, magic string }{
		{"svg", "<?xml"}, {"png", "\x89PNG\r\n"}, {"html", "<!DOCTYPE html>"},
	} {
		path := filepath.Join(dir, "out."+c.format)
		code, out, errOut := cli(t, "diagram", "--format", c.format, "--output", path, diagramExample)
		if code != exitOK {
			t.Fatalf("%s: exit %d\n%s", c.format, code, errOut)
		}
		if out != "" {
			t.Errorf("%s: wrote to stdout with --output", c.format)
		}
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(string(b), c.magic) {
			t.Errorf("%s: starts %q", c.format, b[:min(len(b), 16)])
		}
	}
	// The README picture is what this command draws.
	want, err := os.ReadFile(filepath.Join(root, "docs/images/example-diagram.svg"))
	if err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(filepath.Join(dir, "out.svg"))
	if string(got) != string(want) {
		t.Error("lattice-lint diagram draws something else than docs/images/example-diagram.svg (go test ./pkg/diagram -update)")
	}
}

func TestDiagramSplit(t *testing.T) {
	inRepoRoot(t)
	dir := t.TempDir()
	code, _, errOut := cli(t, "diagram", "--split", "service-network", "--format", "dot", "--output", dir, diagramExample)
	if code != exitOK {
		t.Fatalf("exit %d\n%s", code, errOut)
	}
	for _, f := range []string{"index.dot", "sn_internal.dot", "sn_partners.dot"} {
		b, err := os.ReadFile(filepath.Join(dir, f))
		if err != nil {
			t.Error(err)
			continue
		}
		if !strings.HasPrefix(string(b), "digraph lattice {") {
			t.Errorf("%s is not DOT", f)
		}
	}
	idx, _ := os.ReadFile(filepath.Join(dir, "index.dot"))
	if !strings.Contains(string(idx), `URL="sn_partners.dot"`) {
		t.Error("index does not link to the parts")
	}
}

// TestDiagramFailOnChange: with --fail-on-change the command exits 1 when it
// writes a new diagram or changes one, and 0 when the file already holds it;
// pre-commit only notices changes to tracked files, so a never-committed
// diagram would otherwise pass.
func TestDiagramFailOnChange(t *testing.T) {
	inRepoRoot(t)
	if _, err := findLayouter(); err != nil {
		t.Skip(err)
	}
	out := filepath.Join(t.TempDir(), "topology.svg")
	args := []string{"diagram", "--fail-on-change", "--output", out, "fixtures/examples/multi-account"}
	for i, want := range []struct {
		code int
		msg  string
	}{{exitFindings, "was written: review and commit it"}, {exitOK, ""}} {
		code, _, stderr := cli(t, args...)
		if code != want.code || (want.msg != "" && !strings.Contains(stderr, want.msg)) {
			t.Fatalf("run %d: exit %d, stderr %q; want %d and %q", i+1, code, stderr, want.code, want.msg)
		}
	}
	if err := os.WriteFile(out, []byte("stale"), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := cli(t, args...); code != exitFindings || !strings.Contains(stderr, "changed: review and commit it") {
		t.Fatalf("stale diagram: exit %d, stderr %q", code, stderr)
	}
	if code, _, stderr := cli(t, "diagram", "--fail-on-change", "fixtures/examples/multi-account"); code != exitError || !strings.Contains(stderr, "give one file") {
		t.Errorf("without --output: exit %d, stderr %q", code, stderr)
	}
}
