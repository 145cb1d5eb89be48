package diagram

import (
	"bytes"
	"context"
	"encoding/xml"
	"io"
	"strings"
	"testing"
	"unicode"

	"github.com/lattice-lint/lattice-lint/pkg/diagram/graphviz"
	"github.com/lattice-lint/lattice-lint/pkg/finding"
	"github.com/lattice-lint/lattice-lint/pkg/model"
)

// FuzzLabels feeds arbitrary names, addresses and messages through the DOT
// and Mermaid writers and Graphviz: nothing panics, Graphviz accepts the DOT,
// the SVG is XML, and the (truncated) name comes back out as text.
func FuzzLabels(f *testing.F) {
	for _, s := range []string{`<&">`, `a\"b`, `\N \G \l`, "東京 ☃ «»", "x\x00y\x1fz", "\xff\xfe bad utf8", `]]> <!-- --> <![CDATA[`,
		"#quot; #lt; &amp;", "end", "{x} [y] |z| ;", strings.Repeat("é", 60), "\u202e rtl", "ﬁ ligature"} {
		f.Add(s, s)
	}
	f.Fuzz(func(t *testing.T, name, msg string) {
		fx := newFx(t, "fuzz/"+name+".tf")
		sn := fx.sn("core", "AWS_IAM", "", "us-east-1")
		svc := fx.add(&model.Service{Meta: fx.meta("aws_vpclattice_service", "aws_vpclattice_service.x["+name+"]", "", "us-east-1"),
			Name: str(name), AuthType: str(name)})
		fx.assoc("a", sn, ref(svc), "", "us-east-1")
		fx.find("LAT-F-001", finding.SeverityError, svc, msg)
		m, fs := fx.done()
		_, dot, _ := buildText(t, m, fs, Options{Title: name})
		svg, err := graphviz.Layout(context.Background(), dot.Bytes(), "svg")
		if err != nil {
			t.Fatalf("graphviz rejects the DOT: %v\n%s", err, dot.String())
		}
		var text strings.Builder
		dec := xml.NewDecoder(bytes.NewReader(svg))
		inText := false
		for {
			tok, err := dec.Token()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatalf("SVG is not XML: %v", err)
			}
			switch el := tok.(type) {
			case xml.StartElement:
				inText = el.Name.Local == "text"
			case xml.EndElement:
				inText = false
			case xml.CharData:
				if inText {
					text.Write(el)
				}
			}
		}
		want := strings.TrimSpace(truncate(clean(name), 40))
		// Graphviz collapses runs of spaces; compare without white space.
		squash := func(s string) string {
			return strings.Map(func(r rune) rune {
				if unicode.IsSpace(r) {
					return -1
				}
				return r
			}, s)
		}
		if w := squash(want); w != "" && !strings.Contains(squash(text.String()), w) {
			t.Errorf("name %q (%q) not found in the SVG text %q", name, want, text.String())
		}
	})
}
