package lint

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestNoInput: paths that yield no input at all are a usage error (exit 2),
// not "checked 0 files" and a pass; standard input is refused clearly.
func TestNoInput(t *testing.T) {
	base := hostileTree(t, map[string]string{"docs/README.md": "# hi\n", "main.hcl": "x = 1\n"})
	for _, args := range [][]string{{"lint", "docs"}, {"lint", "main.hcl"}, {"lint", "-"}, {"diagram", "--format", "dot", "docs"}} {
		r := runCLI(t, base, args...)
		want := "no Terraform or CloudFormation input in"
		if args[len(args)-1] == "-" {
			want = "reading standard input (-) is not supported"
		}
		if r.code != 2 || !strings.Contains(r.stderr, want) {
			t.Errorf("%v: exit %d, stderr %q; want 2 and %q", args, r.code, r.stderr, want)
		}
	}
}

// TestControlCharactersEscaped: ESC and BEL from a configuration value or a
// policy's metadata never reach the terminal.
func TestControlCharactersEscaped(t *testing.T) {
	base := hostileTree(t, map[string]string{
		"main.tf":            validService,
		".lattice-lint.yaml": "rules:\n  \"LAT-\\e]0;pwned\\aX\": {enabled: false}\n", // YAML escapes for ESC and BEL
		"pol/p.rego": `# METADATA
# title: "Evil \u001b[2J\u0007 \u202e title"
# description: d
# custom:
#   id: ACME-001
#   severity: warning
#   remediation: r
package lattice.rules.acme_evil

deny contains {"msg": "x", "entity": "x"} if false
`,
	})
	r := runCLI(t, base, "lint", ".")
	if r.code != 2 || strings.ContainsAny(r.stderr, "\x1b\x07") || !strings.Contains(r.stderr, "LAT-\uFFFD]0;pwned\uFFFDX") {
		t.Errorf("config error: exit %d, stderr %q", r.code, r.stderr)
	}
	if err := os.Remove(filepath.Join(base, ".lattice-lint.yaml")); err != nil {
		t.Fatal(err)
	}
	r = runCLI(t, base, "rules", "--policy", "pol")
	if strings.ContainsAny(r.stdout+r.stderr, "\x1b\x07\u202e") || !strings.Contains(r.stdout, "Evil \uFFFD[2J\uFFFD \uFFFD title") {
		t.Errorf("rules --policy printed control characters:\n%q\n%q", r.stdout, r.stderr)
	}
}
