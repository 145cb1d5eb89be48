package lint

import (
	"fmt"
	"testing"

	"github.com/lattice-lint/lattice-lint/internal/scalegen"
)

// BenchmarkLint lints generated trees end to end (discovery, parsing,
// evaluation, linking, policies, findings), in Terraform and as the
// CloudFormation twin, with the policies compiled once outside the loop as a
// long-lived process would. Every run must report exactly the planted
// defects. The per-stage benchmarks are BenchmarkParse, BenchmarkEvaluate and
// BenchmarkLink (pkg/parse/terraform), BenchmarkConvert and BenchmarkPolicies
// (pkg/rules), BenchmarkWriteTree (pkg/output) and BenchmarkRenderTree
// (pkg/diagram).
func BenchmarkLint(b *testing.B) {
	eng := sharedEngine(b)
	for _, f := range []scalegen.Format{scalegen.Terraform, scalegen.CloudFormation} {
		for _, n := range scalegen.BenchSizes {
			b.Run(fmt.Sprintf("%s/resources=%d", f, n), func(b *testing.B) {
				tree, err := scalegen.Write(b.TempDir(), f, scalegen.Spec{Resources: n})
				if err != nil {
					b.Fatal(err)
				}
				b.ReportMetric(float64(tree.Resources), "resources")
				b.ReportAllocs()
				b.ResetTimer()
				for b.Loop() {
					checkPlanted(b, tree, lintTree(b, tree, eng))
				}
			})
		}
	}
}

// BenchmarkCompilePolicies is the per-process start-up cost of the engine.
func BenchmarkCompilePolicies(b *testing.B) {
	for b.Loop() {
		sharedEngine(b)
	}
}
