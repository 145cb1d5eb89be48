package output

import (
	"fmt"
	"io"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/lattice-lint/lattice-lint/internal/scalegen"
	"github.com/lattice-lint/lattice-lint/internal/scalegen/linted"

	"github.com/lattice-lint/lattice-lint/pkg/finding"
	"github.com/lattice-lint/lattice-lint/pkg/model"
	"github.com/lattice-lint/lattice-lint/pkg/report"
)

// bigReport is 10,000 findings over 500 files of 200 lines, each with a
// related entity and a module call, plus the sources for the snippets.
func bigReport() (*report.Report, fstest.MapFS) {
	fsys := fstest.MapFS{}
	line := `  service_network_identifier = aws_vpclattice_service_network.main.id # 名前`
	src := []byte(strings.Repeat(line+"\n", 200))
	r := &report.Report{Version: "bench", Root: "/src", Files: 500, Entities: 10000}
	for i := range 50 {
		r.Rules = append(r.Rules, rule(fmt.Sprintf("LAT-COR-%03d", i), "rule", "Title", finding.SeverityWarning))
	}
	for i := range 10000 {
		file := fmt.Sprintf("stack%03d/main.tf", i%500)
		fsys[file] = &fstest.MapFile{Data: src}
		addr := fmt.Sprintf("module.m.aws_vpclattice_service_network_vpc_association.a%d", i)
		r.Findings = append(r.Findings, finding.Finding{
			RuleID: fmt.Sprintf("LAT-COR-%03d", i%50), Severity: finding.SeverityWarning, Message: "message for " + addr,
			Entity: ".//" + addr, Address: addr, Attribute: "service_network_identifier",
			Range:     rng(file, 1+i%200, 32, 1+i%200, 70),
			CallChain: []model.Frame{{Address: "module.m", Range: rng("main.tf", 1, 1, 3, 2)}},
			Related:   []finding.Related{{Entity: ".//x", Address: "aws_vpclattice_service_network.main", Range: rng(file, 1, 1, 1, 10)}},
		})
	}
	return r, fsys
}

func BenchmarkWrite(b *testing.B) {
	r, fsys := bigReport()
	for _, f := range Formats() {
		b.Run(string(f), func(b *testing.B) {
			opts := Options{ReadFile: ReadFromFS(fsys)}
			for b.Loop() {
				if err := Write(io.Discard, f, r, opts); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkWriteTree is the output stage on generated trees of every
// benchmark size: the report of a real run, with source snippets, in the
// formats CI uses.
func BenchmarkWriteTree(b *testing.B) {
	for _, n := range scalegen.BenchSizes {
		b.Run(fmt.Sprintf("resources=%d", n), func(b *testing.B) {
			tree, res := linted.Tree(b, scalegen.Terraform, n)
			for _, f := range []Format{FormatText, FormatJSON, FormatSARIF} {
				b.Run(string(f), func(b *testing.B) {
					opts := Options{ReadFile: ReadFromDir(tree.Dir)}
					b.ReportMetric(float64(len(res.Report.Findings)), "findings")
					b.ReportAllocs()
					for b.Loop() {
						if err := Write(io.Discard, f, res.Report, opts); err != nil {
							b.Fatal(err)
						}
					}
				})
			}
		})
	}
}
