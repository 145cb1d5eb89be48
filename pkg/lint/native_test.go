package lint

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/lattice-lint/lattice-lint/pkg/native"
)

// iacOnlyRules are about how the IaC itself is written; an export of the
// model cannot carry that, and the round trip exempts them.
var iacOnlyRules = map[string]bool{"LAT-HYG-002": true}

// fixtureLeaves lists the rule fixtures in IaC formats and the examples.
func fixtureLeaves(t *testing.T, root string) []string {
	t.Helper()
	var out []string
	for _, f := range []string{"terraform", "cloudformation"} {
		m, err := filepath.Glob(filepath.Join(root, "fixtures", "rules", "*", "*", f))
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, m...)
	}
	for _, ex := range []string{"multi-account", "common-mistakes"} {
		out = append(out, filepath.Join(root, "fixtures", "examples", ex))
	}
	sort.Strings(out)
	return out
}

// findingKeys renders findings as "rule entity" lines, the entity named by
// the id an export gives it (ids maps model ids to those).
func findingKeys(res *Result, ids map[string]string) []string {
	var out []string
	for _, f := range res.Report.Findings {
		if iacOnlyRules[f.RuleID] {
			continue
		}
		name := f.Entity
		if ids != nil {
			name = ids[f.Entity]
		} else if e := res.Model.Get(f.Entity); e != nil {
			name = e.Base().Address
		}
		out = append(out, f.RuleID+" "+name)
	}
	sort.Strings(out)
	return out
}

// TestNativeRoundTrip: for every fixture, IaC → export → lint gives the
// same findings on the same entities as linting the IaC.
func TestNativeRoundTrip(t *testing.T) {
	root := repoRoot(t)
	eng := sharedEngine(t)
	for _, leaf := range fixtureLeaves(t, root) {
		rel, _ := filepath.Rel(root, leaf)
		t.Run(filepath.ToSlash(rel), func(t *testing.T) {
			src := lintDir(t, eng, root, leaf)
			if src.Report.Diagnostics.HasErrors() {
				t.Skip("the fixture has input errors; nothing to export")
			}
			out, err := native.Export(src.Model)
			if err != nil {
				t.Fatal(err)
			}
			dir := t.TempDir()
			file := filepath.Join(dir, "export.lattice.yaml")
			if err := os.WriteFile(file, out, 0o644); err != nil {
				t.Fatal(err)
			}
			back := lintDir(t, eng, dir, file)
			if back.Report.Diagnostics.HasErrors() {
				t.Fatalf("the export does not read back:\n%s\n%s", summary(back), out)
			}
			want, got := findingKeys(src, native.IDs(src.Model)), findingKeys(back, nil)
			if strings.Join(want, "\n") != strings.Join(got, "\n") {
				t.Errorf("findings differ\n--- source\n%s\n--- export\n%s\n--- export file\n%s",
					strings.Join(want, "\n"), strings.Join(got, "\n"), out)
			}
		})
	}
}
