// Package linted lints generated trees for the benchmarks of the stages after
// the policies (output, diagram), which need a linted model and findings to
// start from. It is separate from scalegen because pkg/lint's own tests use
// scalegen, and scalegen importing lint would close a cycle there.
package linted

import (
	"context"
	"testing"

	"github.com/lattice-lint/lattice-lint/internal/scalegen"
	"github.com/lattice-lint/lattice-lint/pkg/lint"
	"github.com/lattice-lint/lattice-lint/pkg/settings"
)

// Tree writes a tree of about n resources in format f under tb's temporary
// folder and lints it. A run with input errors, or whose findings are not the
// planted ones, fails tb: later stages must start from a correct report.
func Tree(tb testing.TB, f scalegen.Format, n int) (scalegen.Tree, *lint.Result) {
	tb.Helper()
	tree, err := scalegen.Write(tb.TempDir(), f, scalegen.Spec{Resources: n})
	if err != nil {
		tb.Fatal(err)
	}
	res, err := lint.Run(context.Background(), lint.Options{Settings: settings.Settings{Paths: []string{tree.Dir}}, Root: tree.Dir})
	if err != nil {
		tb.Fatal(err)
	}
	if len(res.Report.Diagnostics) > 0 {
		tb.Fatalf("input diagnostics: %v", res.Report.Diagnostics)
	}
	got := map[string]int{}
	for _, f := range res.Report.Findings {
		got[f.RuleID]++
	}
	if len(got) != len(tree.Planted) {
		tb.Fatalf("findings %v, planted %v", got, tree.Planted)
	}
	for id, n := range tree.Planted {
		if got[id] != n {
			tb.Fatalf("findings %v, planted %v", got, tree.Planted)
		}
	}
	return tree, res
}
