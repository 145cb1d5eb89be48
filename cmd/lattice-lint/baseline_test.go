package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestBaselineRoundTrip writes a baseline, moves the code around (lines
// inserted above, a resource moved to another file), fixes recorded
// findings and adds a new one: only the new one fails the run.
func TestBaselineRoundTrip(t *testing.T) {
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	work := t.TempDir()
	copyDir(t, filepath.Join(root, "fixtures", "examples", "adopting"), filepath.Join(work, "infra"))
	t.Chdir(work)
	main := filepath.Join("infra", "main.tf")

	code, _, errs := cli(t, "lint", "--write-baseline", "baseline.json", "infra")
	if code != exitOK || !strings.Contains(errs, "recorded 10 finding(s) in baseline.json") {
		t.Fatalf("write-baseline: exit %d, stderr %q", code, errs)
	}
	first, err := os.ReadFile("baseline.json")
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Findings []struct{ RuleID, Fingerprint string }
	}
	if err := json.Unmarshal(first, &doc); err != nil || len(doc.Findings) != 10 {
		t.Fatalf("baseline: %v, %d findings", err, len(doc.Findings))
	}

	// Move code: lines above everything, the legacy service into its own file.
	src := string(must(os.ReadFile(main)))
	i := strings.Index(src, `resource "aws_vpclattice_service" "legacy"`)
	legacy := src[i:]
	write(t, main, "# moved around\n\n\n"+src[:i])
	write(t, filepath.Join("infra", "legacy.tf"), "\n\n"+legacy)

	code, out, _ := cli(t, "lint", "--no-color", "--baseline", "baseline.json", "infra")
	if code != exitOK || !strings.Contains(out, "10 by baseline baseline.json (0 recorded findings fixed)") {
		t.Fatalf("after moving code: exit %d\n%s", code, out)
	}
	// Writing the baseline again gives the same file: nothing in it moves with the code.
	if code, _, _ := cli(t, "lint", "--write-baseline", "again.json", "infra"); code != exitOK {
		t.Fatal("write-baseline failed")
	}
	if again := must(os.ReadFile("again.json")); string(again) != string(first) {
		t.Errorf("moving code changed the baseline:\n%s", again)
	}

	// Fix the legacy service (drop it) and add a new unassociated service.
	write(t, filepath.Join("infra", "legacy.tf"), `resource "aws_vpclattice_service" "billing" {
  name      = "billing"
  auth_type = "AWS_IAM"
}
`)
	code, out, _ = cli(t, "lint", "--no-color", "--baseline", "baseline.json", "infra")
	if code != exitFindings {
		t.Errorf("a new finding must fail the run: exit %d", code)
	}
	if !strings.Contains(out, "aws_vpclattice_service.billing") || strings.Contains(out, "aws_vpclattice_service.legacy") {
		t.Errorf("only the new service's findings must be listed:\n%s", out)
	}
	if !strings.Contains(out, "6 by baseline baseline.json (4 recorded findings fixed: lint --write-baseline baseline.json drops them)") {
		t.Errorf("summary does not count 6 hidden and 4 fixed:\n%s", out)
	}

	// SARIF keeps the hidden findings as suppressed results.
	_, sarif, errs := cli(t, "lint", "--format", "sarif", "--baseline", "baseline.json", "infra")
	if !strings.Contains(errs, "baseline baseline.json hid 6 finding(s); 4 recorded finding(s) fixed") {
		t.Errorf("without a text report the baseline's counts go to stderr: %q", errs)
	}
	if n := strings.Count(sarif, `"kind": "external"`); n != 6 {
		t.Errorf("SARIF has %d external suppressions, want 6", n)
	}
	if n := strings.Count(sarif, `"kind": "inSource"`); n != 1 {
		t.Errorf("SARIF has %d in-source suppressions, want 1", n)
	}
}

func TestBaselineErrors(t *testing.T) {
	inRepoRoot(t)
	bad := filepath.Join(t.TempDir(), "bad.json")
	write(t, bad, `{"version": 1, "findings": []}`)
	for name, args := range map[string][]string{
		"missing baseline": {"lint", "--baseline", "does-not-exist.json", "fixtures/examples/adopting"},
		"wrong scheme":     {"lint", "--baseline", bad, "fixtures/examples/adopting"},
	} {
		if code, _, errs := cli(t, args...); code != exitError || !strings.Contains(errs, "baseline") {
			t.Errorf("%s: exit %d, stderr %q", name, code, errs)
		}
	}
	// Input that cannot be read is not recorded.
	out := filepath.Join(t.TempDir(), "b.json")
	code, _, errs := cli(t, "lint", "--write-baseline", out, "fixtures/malformed/syntax")
	if code != exitError || !strings.Contains(errs, "no baseline written") {
		t.Errorf("write-baseline on broken input: exit %d, stderr %q", code, errs)
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("a baseline was written for input that could not be read")
	}
}

func write(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func must(b []byte, err error) []byte {
	if err != nil {
		panic(err)
	}
	return b
}
