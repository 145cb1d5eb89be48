package finding_test

import (
	"os/exec"
	"strings"
	"testing"
)

// The packages that show a lint result must not link the policy engine: OPA is
// most of the binary's size and start-up, and a renderer or report consumer
// has no use for it. This is why Finding, Rule and Severity live here rather
// than in package rules.
func TestPresentationPackagesDoNotImportOPA(t *testing.T) {
	pkgs := []string{"./pkg/finding", "./pkg/output", "./pkg/diagram", "./pkg/report"}
	cmd := exec.Command("go", append([]string{"list", "-deps"}, pkgs...)...)
	cmd.Dir = "../.."
	out, err := cmd.Output()
	if err != nil {
		var stderr string
		if ee, ok := err.(*exec.ExitError); ok {
			stderr = string(ee.Stderr)
		}
		t.Fatalf("go list -deps: %v\n%s", err, stderr)
	}
	deps := strings.Fields(string(out))
	if len(deps) < len(pkgs) {
		t.Fatalf("go list -deps listed %d packages, want at least %d: %q", len(deps), len(pkgs), deps)
	}
	for _, d := range deps {
		if strings.Contains(d, "open-policy-agent") {
			t.Errorf("%s depends on %s", strings.Join(pkgs, " "), d)
		}
	}
}
