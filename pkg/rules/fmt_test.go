package rules

import (
	"bytes"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/format"
)

// TestPoliciesAreOPAFormatted is `opa fmt --list` over the embedded policies,
// tests and library included: every file is as the formatter writes it.
func TestPoliciesAreOPAFormatted(t *testing.T) {
	files, err := builtinFiles(true)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		want, err := format.SourceWithOpts(f.Name, f.Source, format.Opts{RegoVersion: ast.RegoV1})
		if err != nil {
			t.Errorf("%s: %v", f.Name, err)
			continue
		}
		if !bytes.Equal(want, f.Source) {
			t.Errorf("%s is not formatted: run opa fmt -w (go run github.com/open-policy-agent/opa@v1.22.3 fmt -w policies)", f.Name)
		}
	}
}
