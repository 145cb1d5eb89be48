package lint

import (
	"context"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/lattice-lint/lattice-lint/pkg/native"
	"github.com/lattice-lint/lattice-lint/pkg/settings"
	"github.com/lattice-lint/lattice-lint/pkg/suppress"
)

// iacOnlyRules are about how the IaC itself is written (a listener's composite
// id, an id where another account needs an ARN); an export of the
// model cannot carry that, and the round trip exempts them.
var iacOnlyRules = map[string]bool{"LAT-HYG-002": true, "LAT-HYG-003": true, "LAT-HYG-004": true, "LAT-XAC-001": true}

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
		if suppress.IsRule(f.RuleID) {
			name = f.Address // its entity is file//address
		} else if ids != nil {
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
			out, err := native.Export(src.Model, src.Suppressions)
			if err != nil {
				t.Fatal(err)
			}
			dir := t.TempDir()
			file := filepath.Join(dir, "export.lattice.yaml")
			if err := os.WriteFile(file, out, 0o644); err != nil {
				t.Fatal(err)
			}
			// The export is linted with the case's configuration (its quotas).
			if err := copyConfig(leaf, dir); err != nil {
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

// TestNativeTwins keeps a native twin beside every rule fixture:
// fixtures/rules/<ID>/<case>/native/topology.lattice.yaml is the export of
// the case's Terraform (else CloudFormation) input. TestRuleFixtures lints
// the twins like any other format, so they must raise the same rules.
func TestNativeTwins(t *testing.T) {
	root := repoRoot(t)
	cases, err := filepath.Glob(filepath.Join(root, "fixtures", "rules", "*", "*"))
	if err != nil || len(cases) == 0 {
		t.Fatalf("no rule fixtures: %v", err)
	}
	for _, c := range cases {
		src := filepath.Join(c, "terraform")
		if _, err := os.Stat(src); err != nil {
			src = filepath.Join(c, "cloudformation")
		}
		if _, err := os.Stat(src); err != nil || iacOnlyRules[filepath.Base(filepath.Dir(c))] {
			continue // rules about how IaC is written have no twin
		}
		rel, _ := filepath.Rel(root, c)
		t.Run(filepath.ToSlash(rel), func(t *testing.T) {
			res, err := Run(context.Background(), Options{Settings: settings.Settings{Paths: []string{src}}, Root: root, SkipRules: true})
			if err != nil {
				t.Fatal(err)
			}
			if res.Report.Diagnostics.HasErrors() {
				t.Skip("input errors: no twin")
			}
			got, err := native.Export(res.Model, res.Suppressions)
			if err != nil {
				t.Fatal(err)
			}
			twin := filepath.Join(c, "native", "topology.lattice.yaml")
			if *update {
				if err := os.MkdirAll(filepath.Dir(twin), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(twin, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			// A new or changed fixture needs its twin, the twin's expected.txt
			// and its diagram goldens written.
			const regenerate = "go test ./pkg/lint -run TestNativeTwins -update && go test ./pkg/lint -run TestRuleFixtures -update && go test ./pkg/diagram -run TestFixtureGolden -update"
			want, err := os.ReadFile(twin)
			if err != nil {
				t.Fatalf("%v; regenerate with: %s", err, regenerate)
			}
			if string(want) != string(got) {
				t.Errorf("%s is stale; regenerate with: %s", twin, regenerate)
			}
		})
	}
}

// TestNativeNetworkExample: a native file describes the network account and
// Terraform the apps account; linted together, the cross-account rule sees
// the apps account's associations use the native service network, which the
// native share does not share with the apps account.
func TestNativeNetworkExample(t *testing.T) {
	root := repoRoot(t)
	dir := filepath.Join(root, "fixtures", "examples", "native-network")
	res := lintDir(t, sharedEngine(t), root, dir)
	if res.Report.Diagnostics.HasErrors() {
		t.Fatalf("input errors:\n%s", summary(res))
	}
	if len(res.Model.Accounts) != 2 || res.Model.Accounts["111111111111"] == nil ||
		res.Model.Accounts["111111111111"].Name != "network" {
		t.Errorf("accounts: %+v", res.Model.Accounts)
	}
	xac := 0
	for _, f := range res.Report.Findings {
		if f.RuleID != "LAT-XAC-002" {
			continue
		}
		xac++
		if len(f.Related) == 0 || !strings.HasSuffix(f.Related[0].Range.File, "network.lattice.yaml") {
			t.Errorf("LAT-XAC-002 on %s does not point at the native service network: %+v", f.Address, f.Related)
		}
	}
	if xac != 2 {
		t.Errorf("want LAT-XAC-002 on both associations of the apps account, got:\n%s", summary(res))
	}
	checkGolden(t, filepath.Join(dir, "expected.txt"), summary(res))
}
