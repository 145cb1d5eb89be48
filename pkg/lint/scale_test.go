package lint

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/lattice-lint/lattice-lint/internal/scalegen"
	"github.com/lattice-lint/lattice-lint/pkg/rules"
	"github.com/lattice-lint/lattice-lint/pkg/settings"
)

// lintTree lints a generated tree with a compiled engine.
func lintTree(tb testing.TB, tree scalegen.Tree, eng *rules.Engine) *Result {
	tb.Helper()
	paths := []string{tree.Dir}
	res, err := Run(context.Background(), Options{Settings: settings.Settings{Paths: paths}, Root: tree.Dir, Engine: eng})
	if err != nil {
		tb.Fatal(err)
	}
	return res
}

// checkPlanted: the run reports exactly the defects the generator planted,
// rule by rule, and reads every file without a diagnostic.
func checkPlanted(tb testing.TB, tree scalegen.Tree, res *Result) {
	tb.Helper()
	if len(res.Report.Diagnostics) > 0 {
		tb.Fatalf("%d input diagnostics, first: %v", len(res.Report.Diagnostics), res.Report.Diagnostics[0])
	}
	if res.Report.Files != tree.Files-1 { // all but .lattice-lint.yaml
		tb.Errorf("read %d files, the tree has %d inputs", res.Report.Files, tree.Files-1)
	}
	got := map[string]int{}
	for _, f := range res.Report.Findings {
		got[f.RuleID]++
	}
	for id, n := range got {
		if tree.Planted[id] != n {
			tb.Errorf("%s: %d findings, %d planted (%d services, %d resources)", id, n, tree.Planted[id], tree.Services, tree.Resources)
		}
	}
	for id, n := range tree.Planted {
		if got[id] == 0 {
			tb.Errorf("%s: no finding, %d planted", id, n)
		}
	}
}

// TestScaleTreeFindings: every planted defect is found, and nothing else, at
// sizes small enough for the suite on a loaded machine (650 resources is the
// smallest tree with every kind of defect); BenchmarkLint checks 100 to
// 100,000 resources.
func TestScaleTreeFindings(t *testing.T) {
	eng := sharedEngine(t)
	for _, f := range []scalegen.Format{scalegen.Terraform, scalegen.CloudFormation} {
		for _, spec := range []scalegen.Spec{
			{Resources: 100, PerRoot: 30},
			{Resources: 650, PerRoot: 30},
			// Large trees' layout in small: six roots, each in its own
			// account and service network, as at 100,000 resources.
			{Resources: 650, PerRoot: 10, PerNetwork: 10},
		} {
			t.Run(fmt.Sprintf("%s/%d/%d-a-root/%d-a-network", f, spec.Resources, spec.PerRoot, spec.PerNetwork), func(t *testing.T) {
				tree, err := scalegen.Write(t.TempDir(), f, spec)
				if err != nil {
					t.Fatal(err)
				}
				if spec.Resources > 100 && len(tree.Rules()) != 11 {
					t.Fatalf("%d services plant only %v", tree.Services, tree.Planted)
				}
				checkPlanted(t, tree, lintTree(t, tree, eng))
			})
		}
	}
	t.Run("single-file/700", func(t *testing.T) {
		tree, err := scalegen.WriteSingleFile(filepath.Join(t.TempDir(), "main.tf"), 700)
		if err != nil {
			t.Fatal(err)
		}
		tree.Files++ // no configuration file beside it
		checkPlanted(t, tree, lintTree(t, tree, eng))
	})
}
