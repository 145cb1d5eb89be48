package cloudformation

import (
	"strings"
	"testing"

	"github.com/lattice-lint/lattice-lint/pkg/diag"
)

// TestRecognisedTemplates checks templates that carry no format version are
// still read when their resources hide behind Fn::ForEach or YAML aliases,
// instead of being skipped as some other YAML with exit 0.
func TestRecognisedTemplates(t *testing.T) {
	const svc = "Type: AWS::VpcLattice::Service\n"
	tests := []struct {
		name     string
		src      string
		services int
		aliasAt  int // line of the alias warning, 0 for none
	}{
		{"resources only in Fn::ForEach", "Transform: AWS::LanguageExtensions\nResources:\n  Fn::ForEach::Svcs:\n    - Name\n    - [a, b]\n    - ${Name}Svc:\n        " + svc, 2, 0},
		{"nested Fn::ForEach", "Transform: AWS::LanguageExtensions\nResources:\n  Fn::ForEach::A:\n    - X\n    - [a, b]\n    - Fn::ForEach::B:\n        - Y\n        - [c]\n        - ${X}${Y}:\n            " + svc, 2, 0},
		{"Resources is an alias", "Metadata:\n  Shared: &r\n    Svc:\n      " + svc + "Resources: *r\n", 1, 5},
		{"a resource is an alias", "Resources:\n  A: &a\n    " + svc + "  B: *a\n", 2, 4},
		{"Type is an alias", "Metadata:\n  T: &t AWS::VpcLattice::Service\nResources:\n  A:\n    Type: *t\n", 1, 5},
		{"not a template: no AWS type behind the alias", "Metadata:\n  Shared: &r\n    Svc:\n      Type: Custom\nResources: *r\n", 0, 0},
		{"not a template: a Kubernetes manifest", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n", 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir, f := writeTemp(t, "t.yaml", tt.src)
			m, res := parseFiles(t, Options{Root: dir}, f)
			if errs := errorsOf(res.Diagnostics); len(errs) > 0 {
				t.Errorf("errors: %q", errs)
			}
			if got := len(m.Services); got != tt.services {
				t.Errorf("%d services, want %d", got, tt.services)
			}
			var warned []string
			for _, d := range res.Diagnostics {
				if d.Severity == diag.Warning && strings.HasPrefix(d.Summary, "YAML alias") {
					warned = append(warned, d.String())
					if d.Range.Start.Line != tt.aliasAt || !strings.Contains(d.Summary, "aws cloudformation package") {
						t.Errorf("alias warning must point at the first alias (line %d) and name the fix: %s", tt.aliasAt, d)
					}
				}
			}
			if (tt.aliasAt > 0) != (len(warned) == 1) {
				t.Errorf("alias warnings: %q", warned)
			}
		})
	}
}
