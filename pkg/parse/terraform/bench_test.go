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

// BenchmarkCountedReferences: 2,000 attachments each reading
// aws_instance.web[count.index].id. Without memoising resource values this
// rebuilt the 2,000-element tuple per reference (38 s); now it is linear.
func BenchmarkCountedReferences(b *testing.B) {
	dir := b.TempDir()
	src := `
resource "aws_instance" "web" {
  count = 2000
  ami   = "a"
}
resource "aws_vpclattice_target_group" "tg" {
  name = "tg"
  type = "INSTANCE"
}
resource "aws_vpclattice_target_group_attachment" "a" {
  count                   = 2000
  target_group_identifier = aws_vpclattice_target_group.tg.id
  target {
    id = aws_instance.web[count.index].id
  }
}
`
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(src), 0o644); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		m := model.New()
		if res := Load(context.Background(), []string{dir}, Options{Root: dir}, m); res.Diagnostics.HasErrors() {
			b.Fatal(res.Diagnostics)
		}
		if len(m.Targets) != 2000 || m.Targets[1999].Target.Target != ".//aws_instance.web[1999]" {
			b.Fatalf("targets not resolved: %d", len(m.Targets))
		}
	}
}
