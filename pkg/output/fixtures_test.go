package output

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"os"
	"path/filepath"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/lattice-lint/lattice-lint/pkg/lint"
	"github.com/lattice-lint/lattice-lint/pkg/rules"
	"github.com/lattice-lint/lattice-lint/pkg/settings"
)

// fixtureDirs are the folders under fixtures/ that are linted on their own:
// every folder holding an expected.txt, and every malformed input.
func fixtureDirs(t *testing.T, root string) []string {
	t.Helper()
	var dirs []string
	err := filepath.WalkDir(filepath.Join(root, "fixtures"), func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && d.Name() == "expected.txt" {
			dirs = append(dirs, filepath.Dir(p))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	malformed, _ := filepath.Glob(filepath.Join(root, "fixtures", "malformed", "*"))
	dirs = append(dirs, malformed...)
	if len(dirs) < 50 {
		t.Fatalf("only %d fixture folders found", len(dirs))
	}
	return dirs
}

// TestFixtureReports lints every fixture and checks the machine-read formats
// on real reports: SARIF validates against the 2.1.0 schema, JUnit is
// well-formed XML with one failing case per rule × entity, and the Code
// Quality report has a unique fingerprint and a path per issue.
func TestFixtureReports(t *testing.T) {
	if testing.Short() {
		t.Skip("lints every fixture")
	}
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	schema := compileSARIFSchema(t)
	eng, err := rules.NewEngine(context.Background(), rules.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, dir := range fixtureDirs(t, root) {
		rel, _ := filepath.Rel(root, dir)
		t.Run(filepath.ToSlash(rel), func(t *testing.T) {
			res, err := lint.Run(context.Background(), lint.Options{Settings: settings.Settings{Paths: []string{dir}}, Root: root, Engine: eng, Version: "test"})
			if err != nil {
				t.Skipf("not linted: %v", err) // a usage error (such a fixture tests the CLI)
			}
			r := res.Report
			var sarif bytes.Buffer
			if err := Write(&sarif, FormatSARIF, r, Options{}); err != nil {
				t.Fatal(err)
			}
			inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(sarif.Bytes()))
			if err != nil {
				t.Fatal(err)
			}
			if err := schema.Validate(inst); err != nil {
				t.Errorf("SARIF does not validate: %v", err)
			}

			var junit bytes.Buffer
			if err := Write(&junit, FormatJUnit, r, Options{}); err != nil {
				t.Fatal(err)
			}
			var suites junitSuites
			if err := xml.Unmarshal(junit.Bytes(), &suites); err != nil {
				t.Fatalf("JUnit: %v", err)
			}
			pairs := map[[2]string]bool{}
			for _, f := range r.Findings {
				pairs[[2]string{f.RuleID, firstNonEmpty(f.Entity, f.Address, f.Range.File)}] = true
			}
			if suites.Failures != len(pairs) {
				t.Errorf("JUnit: %d failures for %d rule × entity pairs", suites.Failures, len(pairs))
			}

			var cq bytes.Buffer
			if err := Write(&cq, FormatCodeQuality, r, Options{}); err != nil {
				t.Fatal(err)
			}
			var issues []cqIssue
			if err := json.Unmarshal(cq.Bytes(), &issues); err != nil {
				t.Fatal(err)
			}
			seen := map[string]bool{}
			for _, is := range issues {
				if seen[is.Fingerprint] || is.Location.Path == "" || is.Location.Lines.Begin < 1 || is.Description == "" {
					t.Errorf("code quality issue %+v: duplicate fingerprint, or no path, line or description", is)
				}
				seen[is.Fingerprint] = true
			}
		})
	}
}
