package diagram

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/lattice-lint/lattice-lint/internal/scalegen"
	"github.com/lattice-lint/lattice-lint/internal/scalegen/linted"
	"github.com/lattice-lint/lattice-lint/pkg/diagram/graphviz"
	"github.com/lattice-lint/lattice-lint/pkg/finding"
	"github.com/lattice-lint/lattice-lint/pkg/model"
)

// bigTopology generates a Lattice-shaped topology: accounts with a service
// network each, services with two listeners and two target groups in the
// account's VPCs, VPC associations, and findings on every seventh service.
// Every service differs in its facts, so aggregation does not shrink it.
func bigTopology(t testing.TB, services int) (*model.Model, []finding.Finding) {
	f := newFx(t, "big/main.tf")
	r := "us-east-1"
	const perAccount = 50
	var sn, acct string
	var vpcs []string
	for i := 0; i < services; i++ {
		if i%perAccount == 0 {
			acct = fmt.Sprintf("%012d", 100000000000+i/perAccount)
			sn = f.sn(fmt.Sprintf("net-%d", i/perAccount), "AWS_IAM", acct, r)
			vpcs = nil
			for v := 0; v < 3; v++ {
				vpc := f.vpc(fmt.Sprintf("vpc-%d-%d", i/perAccount, v), fmt.Sprintf("10.%d.%d.0/24", i/perAccount, v), acct, r)
				vpcs = append(vpcs, vpc)
				f.add(&model.VPCAssociation{Meta: f.meta("aws_vpclattice_service_network_vpc_association",
					fmt.Sprintf("aws_vpclattice_service_network_vpc_association.a%d_%d", i/perAccount, v), acct, r),
					ServiceNetwork: ref(sn), VPC: ref(vpc), SecurityGroups: model.RefList{Known: true}})
			}
		}
		name := fmt.Sprintf("svc-%04d", i)
		svc := f.add(&model.Service{Meta: f.meta("aws_vpclattice_service", "aws_vpclattice_service."+name, acct, r),
			Name: str(name), AuthType: str("AWS_IAM"), CustomDomainName: str(name + ".example.internal")})
		f.assoc(name, sn, ref(svc), acct, r)
		blue := f.tg(name+"-blue", "IP", vpcs[i%3], acct, r, fmt.Sprintf("10.0.%d.1", i%250))
		green := f.tg(name+"-green", "IP", vpcs[(i+1)%3], acct, r)
		f.listener(svc, name+"-https", "HTTPS", 443, forward(map[string]int{blue: 80, green: 20}, blue, green), acct, r)
		f.listener(svc, name+"-http", "HTTP", 80, model.Action{Type: str("fixed_response"), StatusCode: num(301)}, acct, r)
		if i%7 == 0 {
			f.find("LAT-SEC-006", finding.SeverityWarning, svc, "service uses AWS_IAM auth without an auth policy")
		}
	}
	return f.done()
}

// BenchmarkRender1000 builds and lays out a topology of about 1,000 nodes
// (330 services and their 660 target groups, 21 service networks and
// associations) to SVG.
func BenchmarkRender1000(b *testing.B) {
	m, fs := bigTopology(b, 330)
	g, err := Build(m, fs, Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(len(g.Nodes)), "nodes")
	b.ReportMetric(float64(len(g.Edges)), "edges")
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		g, err := Build(m, fs, Options{})
		if err != nil {
			b.Fatal(err)
		}
		var out bytes.Buffer
		if err := Render(context.Background(), g, FormatSVG, &out, graphviz.Engine{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkBuild1000 is the Go side alone: model to DOT.
func BenchmarkBuild1000(b *testing.B) {
	m, fs := bigTopology(b, 330)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		g, err := Build(m, fs, Options{})
		if err != nil {
			b.Fatal(err)
		}
		var out bytes.Buffer
		if err := g.DOT(&out); err != nil {
			b.Fatal(err)
		}
	}
}

// TestRender1000Budget guards the 1,000-node render's memory: under 400 MB
// of Go heap. Its time is BenchmarkRender1000's to measure: a wall-clock
// bound here failed on a loaded machine.
func TestRender1000Budget(t *testing.T) {
	if testing.Short() {
		t.Skip("slow: lays out 1,000 nodes")
	}
	m, fs := bigTopology(t, 330)
	g, err := Build(m, fs, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(g.Nodes) < 1000 {
		t.Fatalf("generated %d nodes, want at least 1,000", len(g.Nodes))
	}
	start := time.Now()
	svg := renderSVG(t, g)
	took := time.Since(start)
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	t.Logf("%d nodes, %d edges: SVG %.1f MB in %v; Go heap in use %d MB, from the OS %d MB",
		len(g.Nodes), len(g.Edges), float64(len(svg))/1e6, took, ms.HeapInuse>>20, ms.Sys>>20)
	if ms.HeapInuse > 400<<20 {
		t.Errorf("heap in use %d MB", ms.HeapInuse>>20)
	}
	if n := strings.Count(string(svg), `class="node`); n < len(g.Nodes) {
		t.Errorf("SVG has %d nodes, want %d", n, len(g.Nodes))
	}
}

// TestMermaidFallback: a topology over GitHub's 500-edge limit falls back to
// a coarser view and says so, in the output and in the notes.
func TestMermaidFallback(t *testing.T) {
	m, fs := bigTopology(t, 330)
	g, err := Build(m, fs, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(g.Edges) <= MermaidMaxEdges {
		t.Fatalf("fixture has only %d edges", len(g.Edges))
	}
	var b bytes.Buffer
	if err := g.Mermaid(&b); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	if !strings.Contains(out, "%% lattice-lint: fell back to ") {
		t.Errorf("no fallback remark in the output:\n%.400s", out)
	}
	if len(g.Notes) != 2 || !strings.Contains(g.Notes[0], "--split service-network") || !strings.Contains(g.Notes[1], "fell back") {
		t.Errorf("notes = %q", g.Notes)
	}
	if len(out) > MermaidMaxTextSize || strings.Count(out, "-->")+strings.Count(out, "==>")+strings.Count(out, "-.-") > MermaidMaxEdges {
		t.Errorf("fallback is still over the limits: %d characters", len(out))
	}
	// A small graph needs no fallback.
	sm, sfs := basic(t)
	sg, _ := Build(sm, sfs, Options{})
	b.Reset()
	if err := sg.Mermaid(&b); err != nil || strings.Contains(b.String(), "fell back") || len(sg.Notes) != 0 {
		t.Errorf("small graph: err %v, notes %q", err, sg.Notes)
	}
}

// BenchmarkPNG1000 is the same topology through the json layout and the
// pure-Go rasteriser.
func BenchmarkPNG1000(b *testing.B) {
	m, fs := bigTopology(b, 330)
	g, err := Build(m, fs, Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		var out bytes.Buffer
		if err := Render(context.Background(), g, FormatPNG, &out, graphviz.Engine{}); err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(out.Len())/1e6, "MB-png")
	}
}

// BenchmarkRenderTree is the render stage on generated trees of every
// benchmark size, in its three steps: model and findings to graph, graph to
// DOT, and DOT to SVG through the embedded Graphviz (layout included).
func BenchmarkRenderTree(b *testing.B) {
	for _, n := range scalegen.BenchSizes {
		b.Run(fmt.Sprintf("resources=%d", n), func(b *testing.B) {
			_, res := linted.Tree(b, scalegen.Terraform, n)
			m, fs := res.Model, res.Report.Findings
			g, err := Build(m, fs, Options{})
			if err != nil {
				b.Fatal(err)
			}
			b.Run("graph", func(b *testing.B) {
				b.ReportMetric(float64(len(g.Nodes)), "nodes")
				b.ReportAllocs()
				for b.Loop() {
					if _, err := Build(m, fs, Options{}); err != nil {
						b.Fatal(err)
					}
				}
			})
			b.Run("dot", func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					if err := g.DOT(io.Discard); err != nil {
						b.Fatal(err)
					}
				}
			})
			b.Run("svg", func(b *testing.B) {
				for b.Loop() {
					var out bytes.Buffer
					if err := Render(context.Background(), g, FormatSVG, &out, graphviz.Engine{}); err != nil {
						b.Fatal(err)
					}
					b.ReportMetric(float64(out.Len())/1e6, "MB-svg")
				}
			})
		})
	}
}

// TestLargeLayoutBounded: past boundLayoutAt boxes the DOT bounds Graphviz's
// search; below it (every golden file) it does not.
func TestLargeLayoutBounded(t *testing.T) {
	large, lfs := bigTopology(t, 330)
	small, sfs := basic(t)
	for _, c := range []struct {
		m       *model.Model
		fs      []finding.Finding
		bounded bool
	}{{large, lfs, true}, {small, sfs, false}} {
		g, err := Build(c.m, c.fs, Options{})
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		if err := g.DOT(&b); err != nil {
			t.Fatal(err)
		}
		if got := strings.Contains(b.String(), layoutBounds); got != c.bounded || (len(g.Nodes) > boundLayoutAt) != c.bounded {
			t.Errorf("%d boxes: layout bounded %v, want %v", len(g.Nodes), got, c.bounded)
		}
	}
}
