package terraform

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// splitCases are files whose lines start with identifiers where no
// top-level block starts: every cut there must fall back to the whole parse.
var splitCases = map[string]string{
	"heredoc":                 "locals {\n  a = <<EOT\nresource \"x\" \"y\" {\nEOT\n}\nresource \"aws_vpc\" \"v\" {\n  cidr_block = \"10.0.0.0/16\"\n}\n",
	"flush heredoc":           "output \"o\" {\n  value = <<-EOT\nabc\n  EOT\n}\nvariable \"v\" {}\n",
	"comment":                 "/*\nresource \"x\" \"y\" {}\n*/\nresource \"aws_vpc\" \"v\" {}\n",
	"unformatted":             "resource \"aws_vpc\" \"v\" {\ncidr_block = \"10.0.0.0/16\"\ntags = {\nName = \"x\"\n}\n}\nvariable \"v\" {}\n",
	"multi-line list":         "locals {\n  l = [\na,\nb]\n}\nlocals {}\n",
	"template":                "locals {\n  t = \"${\nvar.x}\"\n}\nlocals {}\n",
	"duplicate top attribute": "a = 1\nb = 2\na = 3\n",
	"syntax error late":       "resource \"aws_vpc\" \"v\" {}\nresource \"aws_vpc\" \"w\" {\n",
	"syntax error early":      "resource \"aws_vpc\" \"v\" {\nvariable \"v\" {}\n",
	"crlf and bom":            "\ufeffresource \"aws_vpc\" \"v\" {\r\n  cidr_block = \"a\"\r\n}\r\nvariable \"v\" {\r\n}\r\n",
	"utf-8 columns":           "locals { é = \"ü😀\" }\nlocals { x = \"😀\" }\n",
	"no final newline":        "locals {}\nlocals { a = 1 }",
	"comments between":        "# one\nlocals {}\n// two\n\n/* three */\nlocals {}\n# end\n",
}

// TestParsePiecesMatchesWholeParse cuts every .tf file of the fixtures and
// the cases above before every line starting with a letter (the smallest
// pieces) and checks that the joined parse is exactly the whole parse —
// every node and range — or that the cut is refused.
func TestParsePiecesMatchesWholeParse(t *testing.T) {
	files := map[string][]byte{}
	for name, src := range splitCases {
		files[name] = []byte(src)
	}
	err := filepath.WalkDir("../../../fixtures", func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".tf") {
			return err
		}
		src, err := os.ReadFile(p)
		files[p] = src
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	joined := 0
	for name, src := range files {
		whole, wholeDiags := hclsyntax.ParseConfig(src, "main.tf", hcl.Pos{Line: 1, Column: 1})
		for _, piece := range []int{1, 40} {
			cuts := cutPoints(src, piece)
			if len(cuts) == 0 {
				continue
			}
			f, diags, ok := parsePieces(src, "main.tf", cuts)
			if !ok {
				continue
			}
			joined++
			if wholeDiags.HasErrors() {
				t.Errorf("%s: cut at %v although the whole file has errors: %v", name, cuts, wholeDiags)
			}
			if !reflect.DeepEqual(f.Body, whole.Body) || !reflect.DeepEqual(diags, wholeDiags) || !reflect.DeepEqual(f.Bytes, whole.Bytes) {
				t.Errorf("%s: the parse of the pieces cut at %v differs from the whole parse", name, cuts)
			}
			got, _ := parseNative(src, "main.tf", piece)
			if !reflect.DeepEqual(got.Body, whole.Body) {
				t.Errorf("%s: parseNative differs from the whole parse", name)
			}
		}
	}
	if joined < 50 {
		t.Errorf("only %d of %d files were parsed in pieces: the cuts are not exercised", joined, len(files))
	}
	for name, src := range splitCases {
		whole, wholeDiags := hclsyntax.ParseConfig([]byte(src), "main.tf", hcl.Pos{Line: 1, Column: 1})
		got, diags := parseNative([]byte(src), "main.tf", 1)
		if !reflect.DeepEqual(got.Body, whole.Body) || diags.Error() != wholeDiags.Error() {
			t.Errorf("%s: parseNative gives %v, the whole parse %v", name, diags, wholeDiags)
		}
	}
}

func TestCutPoints(t *testing.T) {
	src := []byte("a {}\nb {}\n  c = 1\n\nd {}\n# e\nf {}\n")
	if got := cutPoints(src, len(src)); got != nil {
		t.Errorf("a file under two pieces is cut at %v", got)
	}
	if got, want := cutPoints(src, 1), []int{5, 19, 28}; !reflect.DeepEqual(got, want) {
		t.Errorf("cutPoints = %v, want %v (lines starting with a letter)", got, want)
	}
	if got, want := cutPoints(src, 12), []int{19}; !reflect.DeepEqual(got, want) {
		t.Errorf("cutPoints(12) = %v, want %v", got, want)
	}
}
