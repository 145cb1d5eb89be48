package lint

import (
	"context"
	"testing"

	"github.com/lattice-lint/lattice-lint/internal/scalegen"
	"github.com/lattice-lint/lattice-lint/pkg/settings"
)

// BenchmarkLint10k lints a generated tree of about 10,000 Terraform resources
// end to end (discovery, parsing, evaluation, linking, policies), with the
// policies compiled once outside the loop as a long-lived process would.
func BenchmarkLint10k(b *testing.B) {
	benchLint(b, 10000)
}

// BenchmarkLintSmall is a pre-commit-sized repository (~100 resources).
func BenchmarkLintSmall(b *testing.B) {
	benchLint(b, 100)
}

func benchLint(b *testing.B, n int) {
	dir := b.TempDir()
	got, err := scalegen.Generate(dir, n, 100)
	if err != nil {
		b.Fatal(err)
	}
	eng := sharedEngine(b)
	b.ReportMetric(float64(got), "resources")
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		res, err := Run(context.Background(), Options{Settings: settings.Settings{Paths: []string{dir}}, Root: dir, Engine: eng})
		if err != nil {
			b.Fatal(err)
		}
		if res.Report.Diagnostics.HasErrors() {
			b.Fatalf("input errors: %v", res.Report.Diagnostics)
		}
	}
}

// BenchmarkCompilePolicies is the per-process start-up cost of the engine.
func BenchmarkCompilePolicies(b *testing.B) {
	for i := 0; i < b.N; i++ {
		sharedEngine(b)
	}
}
