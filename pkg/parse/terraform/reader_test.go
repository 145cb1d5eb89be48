package terraform

import (
	"context"
	"fmt"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"

	"github.com/lattice-lint/lattice-lint/pkg/model"
)

// TestNativeBlocksMatchPartialContent: reading a native body's blocks in
// place gives the blocks, ranges and diagnostics PartialContent gives (the
// same body behind hcl.MergeBodies takes the PartialContent path).
func TestNativeBlocksMatchPartialContent(t *testing.T) {
	cases := []struct{ name, src, block string }{
		{"none", `a = 1`, "forward"},
		{"two in order", "forward {\n  x = 1\n}\nother {}\nforward {\n  x = 2\n}\n", "forward"},
		{"nested are not listed", "match {\n  forward {}\n}\n", "forward"},
		{"labelled block", "forward \"x\" {}\nforward {}\n", "forward"},
		{"dynamic of another type", "dynamic \"other\" {\n  for_each = []\n  content {}\n}\nforward {}\n", "forward"},
		{"dynamic without label", "dynamic {\n  for_each = []\n  content {}\n}\nforward {}\n", "forward"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f, d := hclsyntax.ParseConfig([]byte(c.src), "main.tf", hcl.InitialPos)
			if d.HasErrors() {
				t.Fatal(d)
			}
			read := func(body hcl.Body) string {
				l := newLoader(context.Background(), Options{}, model.New())
				v := &bview{b: &builder{l: l}, body: body}
				out, known := v.blocks(c.block)
				s := fmt.Sprintf("known=%v", known)
				for _, o := range out {
					s += fmt.Sprintf(" %s@%s", o.rng, o.body.MissingItemRange())
				}
				for _, d := range l.diags {
					s += " diag:" + d.Summary
				}
				return s
			}
			native, partial := read(f.Body), read(hcl.MergeBodies([]hcl.Body{f.Body}))
			if native != partial {
				t.Errorf("in place: %s\nPartialContent: %s", native, partial)
			}
		})
	}
}
