package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestDocumentTable: docs/performance.md holds a measured section in the form
// this program writes, with every case and target it measures. Nothing here
// times anything.
func TestDocumentTable(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "..", "..", "docs", "performance.md"))
	if err != nil {
		t.Fatal(err)
	}
	doc := string(b)
	start, end, err := markers(doc)
	if err != nil {
		t.Fatal(err)
	}
	rows, targets, err := parseTables(doc[start:end])
	if err != nil {
		t.Fatal(err)
	}
	cols := len(strings.Split(strings.Trim(tableHeader, "|"), "|"))
	for _, r := range rows {
		if len(r) != cols {
			t.Errorf("row %q has %d cells, want %d", r, len(r), cols)
		}
	}
	for _, r := range targets {
		if len(r) != 3 || (r[2] != "met" && r[2] != "**missed**") {
			t.Errorf("target row %q", r)
		}
	}
	if !strings.Contains(doc[start:end], "Load average") {
		t.Error("the measured section does not say the machine's load")
	}
	// The document explains how to reproduce the table.
	if !strings.Contains(doc, "go run ./internal/perf/measure") {
		t.Error("docs/performance.md does not name the command that measures")
	}
}

// TestRenderRoundTrip: what render writes, parseTables reads, with one
// target line per target the cases allow.
func TestRenderRoundTrip(t *testing.T) {
	m := measurement{Reps: 3, Started: time.Date(2026, 1, 2, 3, 4, 0, 0, time.UTC), CPUs: 2, GoVersion: "go", Commit: "abc",
		LoadBefore: "1 1 1", LoadAfter: "2 2 2", Cases: []caseResult{
			{Name: "30 resources (pre-commit)", Files: 3, Bytes: 5000, Rows: []rowResult{{Command: "lattice-lint lint", Seconds: 0.03, MB: 40}}},
			{Name: "10,000 resources, Terraform", Files: 800, Bytes: 2e6, Rows: []rowResult{
				{Command: "parse-only floor", Seconds: 0.7, MB: 300},
				{Command: "lattice-lint lint", Seconds: 1.4, MB: 400, VsFirst: 2},
				{Command: "conftest test (hcl2)", Seconds: 1.2, MB: 500, VsFirst: 1.7}}},
		}}
	out := m.render()
	s, e, err := markers(out)
	if err != nil || s != 0 || e != len(out) {
		t.Fatalf("markers %d %d %v", s, e, err)
	}
	rows, targets, err := parseTables(out)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 4 || rows[2][6] != "2.00× parse-only floor" {
		t.Errorf("rows %q", rows)
	}
	want := [][]string{
		{"30 resources under 40 ms", "30 ms", "met"},
		{"10,000 resources, Terraform: at most 1.5× the parse-only floor", "2.00×", "**missed**"},
		{"10,000 resources: at least 2× faster than conftest", "0.85× faster", "**missed**"},
	}
	if len(targets) != len(want) {
		t.Fatalf("targets %q", targets)
	}
	for i := range want {
		if strings.Join(targets[i], "|") != strings.Join(want[i], "|") {
			t.Errorf("target %d = %q, want %q", i, targets[i], want[i])
		}
	}
}

func TestParseTimeV(t *testing.T) {
	s, err := parseTimeV("\tCommand being timed: \"x\"\n\tElapsed (wall clock) time (h:mm:ss or m:ss): 1:02.50\n\tUser time (seconds): 1.25\n\tSystem time (seconds): 0.25\n\tMaximum resident set size (kbytes): 2048\n")
	if err != nil || s.seconds != 62.5 || s.cpuSeconds != 1.5 || s.maxRSSKiB != 2048 {
		t.Errorf("%+v %v", s, err)
	}
	if _, err := parseTimeV("nothing"); err == nil {
		t.Error("a report without the figures was accepted")
	}
}

func TestConftestTested(t *testing.T) {
	for _, tc := range []struct {
		name, out string
		ok        bool
	}{
		{"tested", "WARN - a.tf - main - x\n\n2541 tests, 2524 passed, 17 warnings, 0 failures, 0 exceptions\n", true},
		{"one test", "1 test, 1 passed, 0 warnings, 0 failures, 0 exceptions\n", true},
		{"failures are findings", "12 tests, 10 passed, 0 warnings, 2 failures, 0 exceptions\n", true},
		{"nothing tested", "0 tests, 0 passed, 0 warnings, 0 failures, 0 exceptions\n", false},
		{"exceptions", "3 tests, 2 passed, 0 warnings, 0 failures, 1 exception\n", false},
		{"parse error, no summary", "", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if err := conftestTested(tc.out); (err == nil) != tc.ok {
				t.Errorf("conftestTested(%q) = %v, want ok=%v", tc.out, err, tc.ok)
			}
		})
	}
}
