package cloudformation

import (
	"strings"
	"testing"

	"github.com/lattice-lint/lattice-lint/pkg/diag"
)

// TestGuardNamesTheFile: a panic while handling one template becomes an
// error diagnostic naming it, and the next template is still handled (no
// input is known to reach a panic, so the helper is tested directly).
func TestGuardNamesTheFile(t *testing.T) {
	var ds diag.Diagnostics
	r := &run{diags: &ds}
	r.guard("stacks/bad.yaml", func() { panic("evaluator bug") })
	ran := false
	r.guard("stacks/good.yaml", func() { ran = true })
	if !ran || len(ds) != 1 {
		t.Fatalf("ran=%v diagnostics=%v", ran, ds)
	}
	d := ds[0]
	if d.Severity != diag.Error || d.Range.File != "stacks/bad.yaml" || !strings.Contains(d.Summary, "internal error") || !strings.Contains(d.Summary, "evaluator bug") {
		t.Errorf("diagnostic %v", d)
	}
}
