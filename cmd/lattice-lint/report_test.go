package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSeveralFormats: one run writes SARIF and JUnit to files and text to
// stdout; every report has the same findings and exit code.
func TestSeveralFormats(t *testing.T) {
	inRepoRoot(t)
	dir := t.TempDir()
	sarif, junit := filepath.Join(dir, "r.sarif"), filepath.Join(dir, "out", "r.xml")
	code, out, errs := cli(t, "lint", "--no-color", "--format", "sarif="+sarif, "--format", "text",
		"--format", "junit="+junit, "fixtures/examples/common-mistakes")
	if code != exitFindings {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if !strings.Contains(out, "error[LAT-COR-004]") {
		t.Errorf("stdout is not the text report:\n%s", out)
	}
	var doc struct {
		Runs []struct{ Results []any }
	}
	b, err := os.ReadFile(sarif)
	if err != nil || json.Unmarshal(b, &doc) != nil || len(doc.Runs) != 1 {
		t.Fatalf("SARIF: %v\n%s", err, b)
	}
	x, err := os.ReadFile(junit)
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(x), "<failure "); n == 0 || len(doc.Runs[0].Results) < n {
		t.Errorf("%d SARIF results and %d JUnit failures", len(doc.Runs[0].Results), n)
	}
}

// TestRoot: --root makes report paths relative to another folder, the way a
// CI job that runs in a subfolder needs them.
func TestRoot(t *testing.T) {
	root := inRepoRoot(t)
	t.Chdir(filepath.Join(root, "fixtures", "examples"))
	_, out, _ := cli(t, "lint", "--format", "json", "common-mistakes")
	if !strings.Contains(out, `"file": "common-mistakes/main.tf"`) {
		t.Fatalf("without --root, paths are not relative to the working folder:\n%.2000s", out)
	}
	_, out, _ = cli(t, "lint", "--format", "json", "--root", root, "common-mistakes")
	if !strings.Contains(out, `"file": "fixtures/examples/common-mistakes/main.tf"`) {
		t.Errorf("with --root, paths are not relative to it:\n%.2000s", out)
	}
}
