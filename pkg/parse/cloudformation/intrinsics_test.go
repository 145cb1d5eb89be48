package cloudformation

import (
	"os"
	"path/filepath"
	"testing"
)

// TestIntrinsics evaluates every output of the templates in testdata/intrinsics
// and testdata/conditions; each output states what it must evaluate to in its
// Description ("want: …", rendered by repr).
func TestIntrinsics(t *testing.T) {
	files := globFiles(t, "testdata/intrinsics/*", "testdata/conditions/*")
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			r, res := loadRun(t, Options{Attribute: testAttribution}, f)
			if len(r.templates) != 1 {
				t.Fatalf("%s not recognised as a template: %v", f, res.Diagnostics)
			}
			tpl := r.templates[0]
			checked := 0
			for _, o := range tpl.outputs {
				want, ok := wantOf(tpl, o)
				if !ok {
					continue
				}
				checked++
				if o.cond != "" && tpl.condition(o.cond, o.key) == triFalse {
					if want != "absent" {
						t.Errorf("output %s: condition false, want %s", o.name, want)
					}
					continue
				}
				if got := repr(o.resolved()); got != want {
					t.Errorf("output %s = %s, want %s", o.name, got, want)
				}
			}
			if checked == 0 {
				t.Fatal("no output states what it wants")
			}
			for _, e := range errorsOf(*r.diags) {
				t.Errorf("unexpected error: %s", e)
			}
		})
	}
}

// TestSubOfIntrinsicIsUnknown: a Fn::Sub whose string is an intrinsic is an
// error, and its value stays unknown rather than the intrinsic's argument.
func TestSubOfIntrinsicIsUnknown(t *testing.T) {
	dir := t.TempDir()
	f := filepath.Join(dir, "t.yaml")
	src := "Parameters:\n  Env: {Type: String, Default: prod}\nResources:\n  SN: {Type: AWS::VpcLattice::ServiceNetwork}\n" +
		"Outputs:\n  A: {Value: !Sub [!Ref Env, {}]}\n  B: {Value: {Fn::Sub: !Ref Env}}\n  C: {Value: {\"Fn::Sub\": {Ref: Env}}}\n"
	if err := os.WriteFile(f, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	r, _ := loadRun(t, Options{Root: dir}, f)
	if len(r.templates) != 1 {
		t.Fatal("not recognised as a template")
	}
	for _, o := range r.templates[0].outputs {
		if got := repr(o.resolved()); got != "?" {
			t.Errorf("output %s = %s, want unknown", o.name, got)
		}
	}
	if errs := errorsOf(*r.diags); len(errs) != 3 {
		t.Errorf("errors = %q, want one per output", errs)
	}
}
