package terraform

import (
	"context"
	"os"
	"path/filepath"
	"sort"
	"testing"

	"github.com/lattice-lint/lattice-lint/internal/scalegen"
	"github.com/lattice-lint/lattice-lint/pkg/model"
)

// BenchmarkLoad10k is the Terraform front end alone on the tree the end-to-end
// benchmark in pkg/lint uses (about 10,000 resources in 9 roots).
func BenchmarkLoad10k(b *testing.B) {
	dir := b.TempDir()
	if _, err := scalegen.Generate(dir, 10000, 100); err != nil {
		b.Fatal(err)
	}
	ents, err := os.ReadDir(dir)
	if err != nil {
		b.Fatal(err)
	}
	var roots []string
	for _, e := range ents {
		roots = append(roots, filepath.Join(dir, e.Name()))
	}
	sort.Strings(roots)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		m := model.New()
		res := Load(context.Background(), roots, Options{Root: dir}, m)
		if res.Diagnostics.HasErrors() {
			b.Fatal(res.Diagnostics)
		}
	}
}
