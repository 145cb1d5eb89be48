package terraform

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"testing"

	"github.com/lattice-lint/lattice-lint/internal/scalegen"
	"github.com/lattice-lint/lattice-lint/pkg/model"
)

// benchTrees runs fn on a generated Terraform tree of each benchmark size,
// with the folders discovery would hand to Load.
func benchTrees(b *testing.B, fn func(b *testing.B, dir string, roots []string)) {
	for _, n := range scalegen.BenchSizes {
		b.Run(fmt.Sprintf("resources=%d", n), func(b *testing.B) {
			dir := b.TempDir()
			tree, err := scalegen.Write(dir, scalegen.Terraform, scalegen.Spec{Resources: n})
			if err != nil {
				b.Fatal(err)
			}
			ents, err := os.ReadDir(dir)
			if err != nil {
				b.Fatal(err)
			}
			var roots []string
			for _, e := range ents {
				if e.IsDir() {
					roots = append(roots, filepath.Join(dir, e.Name()))
				}
			}
			sort.Strings(roots)
			b.ReportMetric(float64(tree.Resources), "resources")
			b.ReportAllocs()
			fn(b, dir, roots)
		})
	}
}

// BenchmarkParse is the parse stage: reading and HCL-parsing every file of
// the tree (on all cores), nothing evaluated.
func BenchmarkParse(b *testing.B) {
	benchTrees(b, func(b *testing.B, dir string, roots []string) {
		for b.Loop() {
			l := newLoader(context.Background(), Options{Root: dir}, model.New())
			l.preParse(roots)
			if len(l.parsed) == 0 {
				b.Fatal("nothing parsed")
			}
		}
	})
}

// BenchmarkEvaluate is the evaluate stage: from parsed files to the model's
// entities (variables, references, expressions, counts), not linked.
func BenchmarkEvaluate(b *testing.B) {
	benchTrees(b, func(b *testing.B, dir string, roots []string) {
		for b.Loop() {
			b.StopTimer()
			l := newLoader(context.Background(), Options{Root: dir}, model.New())
			l.preParse(roots)
			b.StartTimer()
			if res := l.build(roots); res.Diagnostics.HasErrors() {
				b.Fatal(res.Diagnostics)
			}
		}
	})
}

// BenchmarkLink is the link stage: resolving the model's references once
// every front end has added its entities.
func BenchmarkLink(b *testing.B) {
	benchTrees(b, func(b *testing.B, dir string, roots []string) {
		for b.Loop() {
			b.StopTimer()
			m := model.New()
			if res := Load(context.Background(), roots, Options{Root: dir}, m); res.Diagnostics.HasErrors() {
				b.Fatal(res.Diagnostics)
			}
			b.StartTimer()
			m.Link()
		}
	})
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
