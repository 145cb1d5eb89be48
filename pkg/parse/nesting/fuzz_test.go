package nesting

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// fuzzMax is the limit the fuzz targets scan with; whatever passes must parse
// into a tree no deeper than fuzzMax·treeFactor, or the scanner under-counts.
const (
	fuzzMax    = 40
	treeFactor = 3
)

// depthWalker measures the depth of an hclsyntax tree.
type depthWalker struct{ cur, most int }

func (w *depthWalker) Enter(hclsyntax.Node) hcl.Diagnostics {
	w.cur++
	w.most = max(w.most, w.cur)
	return nil
}

func (w *depthWalker) Exit(hclsyntax.Node) hcl.Diagnostics {
	w.cur--
	return nil
}

func treeDepth(n hclsyntax.Node) int {
	w := &depthWalker{}
	hclsyntax.Walk(n, w)
	return w.most
}

// seedFiles adds every file of the repository whose name ends in ext, as
// input of the given kind.
func seedFiles(f *testing.F, kind uint8, exts ...string) {
	root := filepath.Join("..", "..", "..")
	_ = filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() && d.Name() == ".git" {
			return filepath.SkipDir
		}
		for _, e := range exts {
			if strings.HasSuffix(p, e) {
				if b, err := os.ReadFile(p); err == nil && len(b) < 64<<10 {
					f.Add(b, kind)
				}
			}
		}
		return nil
	})
}

// Input kinds of FuzzBound.
const (
	kindHCL uint8 = iota
	kindTemplate
	kindJSON
)

// FuzzBound checks each scanner is an upper bound: what it lets through
// parses (HCL, templates) or decodes (JSON) into a tree of bounded depth, or
// the scanner under-counts and a hostile file could overflow the stack.
func FuzzBound(f *testing.F) {
	seedFiles(f, kindHCL, ".tf", ".tfvars")
	seedFiles(f, kindJSON, ".json")
	f.Add([]byte("x = "+strings.Repeat("-", 100)+"1"), kindHCL)
	f.Add([]byte("x = \"${a ? b : c}%{ if x }${[for k, v in m : v if k]}%{ endif }\""), kindHCL)
	f.Add([]byte("x = <<-EOT\n  ${f(a[0], b.c[*].d)}\n  EOT\n"), kindHCL)
	f.Add([]byte("%{ for x in xs }${x}%{ if y }${z}%{ endif }%{ endfor }"), kindTemplate)
	f.Add([]byte(`{"a": [[["x", {"b": "[[["}]]]}`), kindJSON)
	f.Fuzz(func(t *testing.T, src []byte, kind uint8) {
		switch kind % 3 {
		case kindHCL:
			if HCL(src, fuzzMax) != nil {
				return
			}
			file, _ := hclsyntax.ParseConfig(src, "f.tf", hcl.InitialPos)
			if file == nil {
				return
			}
			if d := treeDepth(file.Body.(*hclsyntax.Body)); d > fuzzMax*treeFactor {
				t.Fatalf("scanner passed a file whose syntax tree is %d deep", d)
			}
		case kindTemplate:
			if Template(src, fuzzMax) != nil {
				return
			}
			expr, _ := hclsyntax.ParseTemplate(src, "f.tpl", hcl.InitialPos)
			if expr == nil {
				return
			}
			if d := treeDepth(expr); d > fuzzMax*treeFactor {
				t.Fatalf("scanner passed a template whose syntax tree is %d deep", d)
			}
		case kindJSON:
			if JSON(src, fuzzMax) != nil {
				return
			}
			var v any
			if json.Unmarshal(src, &v) != nil {
				return
			}
			if d := jsonDepth(v); d > fuzzMax {
				t.Fatalf("scanner passed a document %d deep", d)
			}
		}
	})
}

func jsonDepth(v any) int {
	d := 0
	switch x := v.(type) {
	case []any:
		for _, e := range x {
			d = max(d, jsonDepth(e))
		}
		return d + 1
	case map[string]any:
		for _, e := range x {
			d = max(d, jsonDepth(e))
		}
		return d + 1
	}
	return 0
}
