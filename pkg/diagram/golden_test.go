package diagram

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/lattice-lint/lattice-lint/pkg/finding"
	"github.com/lattice-lint/lattice-lint/pkg/model"
)

var update = flag.Bool("update", false, "rewrite golden files")

// view is one way of drawing a fixture that gets its own golden files.
type view struct {
	suffix string
	opts   Options
}

var views = []view{
	{"", Options{}},
	{".overview", Options{Detail: DetailOverview}},
	{".full", Options{Detail: DetailFull}},
}

// extraViews are the pruning views, on the fixtures where they mean something.
var extraViews = map[string][]view{
	"weighted":      {{".focus-admin", Options{Focus: "admin", Depth: 1}}, {".no-findings", Options{NoFindings: true}}},
	"cross-account": {{".only-findings", Options{OnlyFindings: true}}, {".focus-shared-2", Options{Focus: "shared", Depth: 2}}},
	"aggregate":     {{".no-aggregation", Options{AggregateMin: -1}}},
}

func golden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./pkg/diagram -update)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the output; run go test ./pkg/diagram -update and review the diff\n%s", path, firstDiff(string(want), string(got)))
	}
}

func firstDiff(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := 0; i < len(al) || i < len(bl); i++ {
		var x, y string
		if i < len(al) {
			x = al[i]
		}
		if i < len(bl) {
			y = bl[i]
		}
		if x != y {
			return "line " + strconv.Itoa(i+1) + ":\n- " + x + "\n+ " + y
		}
	}
	return ""
}

// buildText builds a graph and writes its DOT and Mermaid.
func buildText(t *testing.T, m *model.Model, fs []finding.Finding, opts Options) (*Graph, *bytes.Buffer, *bytes.Buffer) {
	t.Helper()
	g, err := Build(m, fs, opts)
	if err != nil {
		t.Fatal(err)
	}
	var dot, mmd bytes.Buffer
	if err := g.DOT(&dot); err != nil {
		t.Fatal(err)
	}
	if err := g.Mermaid(&mmd); err != nil {
		t.Fatal(err)
	}
	return g, &dot, &mmd
}

// TestGolden writes DOT and Mermaid for every hand-built fixture in every view
// and compares them with testdata/golden.
func TestGolden(t *testing.T) {
	for _, fx := range fixtures {
		m, fs := fx.build(t)
		for _, v := range append(append([]view{}, views...), extraViews[fx.name]...) {
			name := fx.name + v.suffix
			t.Run(name, func(t *testing.T) {
				opts := v.opts
				opts.Title = fx.name
				_, dot, mmd := buildText(t, m, fs, opts)
				golden(t, filepath.Join("testdata", "golden", name+".dot"), dot.Bytes())
				golden(t, filepath.Join("testdata", "golden", name+".mmd"), mmd.Bytes())
				// Deterministic: a second build gives the same bytes.
				g2, _ := Build(m, fs, opts)
				var dot2 bytes.Buffer
				g2.DOT(&dot2)
				if !bytes.Equal(dot.Bytes(), dot2.Bytes()) {
					t.Error("two builds of the same input differ")
				}
			})
		}
	}
}
