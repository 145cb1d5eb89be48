package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lattice-lint/lattice-lint/internal/golden"
)

// inRepoRoot runs the CLI from the repository root, as the README does.
func inRepoRoot(t *testing.T) string {
	t.Helper()
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	t.Chdir(root)
	return root
}

func cli(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(context.Background(), args, &out, &errb)
	return code, out.String(), errb.String()
}

func TestExitCodes(t *testing.T) {
	inRepoRoot(t)
	tests := []struct {
		name   string
		args   []string
		code   int
		stdout string // substring
		stderr string // substring
	}{
		{"findings", []string{"lint", "--no-color", "fixtures/examples/common-mistakes"}, exitFindings, "error[LAT-COR-004]", ""},
		{"flags after path", []string{"lint", "fixtures/examples/common-mistakes", "--format", "json"}, exitFindings, `"schema_version": "1"`, ""},
		{"clean", []string{"lint", "--no-color", "fixtures/examples/multi-account"}, exitOK, "0 errors, 0 warnings", ""},
		{"single file", []string{"lint", "--no-color", "fixtures/examples/common-mistakes/main.tf"}, exitFindings, "error[LAT-COR-004]", ""},
		{"missing cfn-params file", []string{"lint", "--cfn-params", "nope.json", "."}, exitError, "", "--cfn-params"},
		{"fail-on none", []string{"lint", "--fail-on", "none", "fixtures/examples/common-mistakes"}, exitOK, "LAT-COR-004", ""},
		{"fail-on warning", []string{"lint", "--fail-on", "warning", "fixtures/rules/LAT-OBS-001/positive/terraform"}, exitFindings, "LAT-OBS-001", ""},
		{"warning below default threshold", []string{"lint", "fixtures/rules/LAT-OBS-001/positive/terraform"}, exitOK, "LAT-OBS-001", ""},
		{"syntax error", []string{"lint", "--no-color", "fixtures/malformed/syntax"}, exitError, "fixtures/malformed/syntax/broken.tf:4:", ""},
		{"other files still linted", []string{"lint", "--no-color", "fixtures/malformed/syntax"}, exitError, "aws_vpclattice_service.fine", ""},
		{"missing path", []string{"lint", "does/not/exist"}, exitError, "", "does/not/exist"},
		{"bad format", []string{"lint", "--format", "xml", "."}, exitError, "", "unknown output format \"xml\" (want one of text, json, sarif, github, junit, markdown, codequality)"},
		{"two formats to stdout", []string{"lint", "--format", "text", "--format", "json", "."}, exitError, "", "2 formats would go to standard output"},
		{"one file for two formats", []string{"lint", "--format", "json=r", "--format", "sarif=r", "."}, exitError, "", "r is the destination of two reports"},
		{"format without file", []string{"lint", "--format", "json=", "."}, exitError, "", "no file after ="},
		{"root not a folder", []string{"lint", "--root", "README.md", "."}, exitError, "", "README.md is not a folder"},
		{"bad fail-on", []string{"lint", "--fail-on", "fatal", "."}, exitError, "", "--fail-on"},
		{"bad var", []string{"lint", "--var", "novalue", "fixtures/examples/multi-account"}, exitError, "", "name=value"},
		{"unknown flag", []string{"lint", "--nope"}, exitError, "", "flag provided but not defined"},
		{"unknown command", []string{"frobnicate"}, exitError, "", "unknown command"},
		{"no command", nil, exitError, "", "Usage"},
		{"version", []string{"version"}, exitOK, "lattice-lint ", ""},
		{"rules", []string{"rules"}, exitOK, "LAT-HYG-002", ""},
		{"rules json", []string{"rules", "--format", "json"}, exitOK, `"id": "LAT-COR-001"`, ""},
		{"rules markdown", []string{"rules", "--format", "markdown"}, exitOK, "| [LAT-HYG-002](", ""},
		{"rules bad format", []string{"rules", "--format", "xml"}, exitError, "", "want text, json or markdown"},
		{"explain", []string{"explain", "LAT-OBS-001"}, exitOK, "Raises the finding", ""},
		{"explain by name", []string{"explain", "tf-listener-composite-id"}, exitOK, "LAT-HYG-002", ""},
		{"explain unknown rule", []string{"explain", "LAT-NOPE-001"}, exitError, "", "no rule"},
		{"explain without id", []string{"explain"}, exitError, "", "one rule id"},
		{"model", []string{"model", "fixtures/examples/multi-account"}, exitOK, `"schema_version": "1"`, ""},
		{"model with bad input", []string{"model", "fixtures/malformed/syntax"}, exitError, `"services"`, "broken.tf:4:"},
		{"help", []string{"lint", "-h"}, exitOK, "", "Usage: lattice-lint lint"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errs := cli(t, tt.args...)
			if code != tt.code {
				t.Errorf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", code, tt.code, out, errs)
			}
			if !strings.Contains(out, tt.stdout) {
				t.Errorf("stdout lacks %q:\n%s", tt.stdout, out)
			}
			if !strings.Contains(errs, tt.stderr) {
				t.Errorf("stderr lacks %q:\n%s", tt.stderr, errs)
			}
		})
	}
}

func TestOutputFile(t *testing.T) {
	inRepoRoot(t)
	path := filepath.Join(t.TempDir(), "sub", "report.sarif")
	code, out, _ := cli(t, "lint", "--format", "sarif", "--output", path, "fixtures/examples/common-mistakes")
	if code != exitFindings || out != "" {
		t.Fatalf("exit %d, stdout %q", code, out)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(b, &doc); err != nil || doc["version"] != "2.1.0" {
		t.Fatalf("not SARIF 2.1.0: %v %v", err, doc["version"])
	}
}

// TestGoldenReports pins the text, JSON and SARIF reports of the shipped
// example. Machine-specific paths are replaced by $ROOT.
func TestGoldenReports(t *testing.T) {
	root := inRepoRoot(t)
	for _, format := range []string{"text", "json", "sarif", "github", "junit", "markdown", "codequality"} {
		t.Run(format, func(t *testing.T) {
			_, out, _ := cli(t, "lint", "--no-color", "--format", format, "--link-base", "https://github.com/acme/infra/blob/main",
				"fixtures/examples/common-mistakes")
			out = strings.ReplaceAll(out, filepath.ToSlash(root), "$ROOT")
			checkGolden(t, filepath.Join(root, "cmd", "lattice-lint", "testdata", "common-mistakes."+format+".golden"), out)
		})
	}
}

// TestCommandGolden pins the output of commands whose output is a contract:
// the model JSON of the multi-account example (the exact input the policies
// see) and the README's explain example.
func TestCommandGolden(t *testing.T) {
	root := inRepoRoot(t)
	for _, tc := range []struct {
		golden string
		args   []string
	}{
		{"multi-account.model.golden.json", []string{"model", "fixtures/examples/multi-account"}},
		{"explain-LAT-OBS-001.golden", []string{"explain", "LAT-OBS-001"}},
	} {
		t.Run(tc.golden, func(t *testing.T) {
			code, out, errs := cli(t, tc.args...)
			if code != exitOK {
				t.Fatalf("exit %d: %s", code, errs)
			}
			checkGolden(t, filepath.Join(root, "cmd", "lattice-lint", "testdata", tc.golden), out)
		})
	}
}

// checkGolden compares got with a golden file, or rewrites it with -update.
func checkGolden(t *testing.T, file, got string) {
	t.Helper()
	if golden.Updating() {
		if err := os.WriteFile(file, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("%v (go test ./cmd/lattice-lint -update)", err)
	}
	if string(want) != got {
		t.Errorf("output differs from %s (go test ./cmd/lattice-lint -update rewrites it)\n%s", file, got)
	}
}

// TestModelExportYAML: model --format yaml -o FILE writes a native file that
// lints like its source (the multi-account example is clean), and a wrong
// --format is a usage error.
func TestModelExportYAML(t *testing.T) {
	inRepoRoot(t)
	out := filepath.Join(t.TempDir(), "topology.lattice.yaml")
	if code, _, errb := cli(t, "model", "--format", "yaml", "-o", out, "fixtures/examples/multi-account"); code != exitOK {
		t.Fatalf("model --format yaml: exit %d: %s", code, errb)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), "apiVersion: lattice-lint/v1\nkind: Topology\n") {
		t.Errorf("export does not start a native document:\n%s", b)
	}
	if code, stdout, errb := cli(t, "lint", "--no-color", out); code != exitOK {
		t.Errorf("lint of the export: exit %d\n%s%s", code, stdout, errb)
	}
	if code, _, errb := cli(t, "model", "--format", "toml", "fixtures/examples/multi-account"); code != exitError ||
		!strings.Contains(errb, "want json or yaml") {
		t.Errorf("model --format toml: exit %d, %q", code, errb)
	}
}
