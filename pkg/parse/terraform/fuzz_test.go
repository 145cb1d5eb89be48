package terraform

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/lattice-lint/lattice-lint/pkg/model"
	"github.com/lattice-lint/lattice-lint/pkg/settings"
)

// fuzzSeeds returns the contents of every file below the repository's
// fixtures and this package's testdata whose name ends in one of exts.
func fuzzSeeds(f *testing.F, exts ...string) [][]byte {
	var out [][]byte
	for _, dir := range []string{filepath.Join("..", "..", "..", "fixtures"), "testdata"} {
		_ = filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return nil
			}
			for _, e := range exts {
				if strings.HasSuffix(p, e) {
					if b, err := os.ReadFile(p); err == nil && len(b) < 256<<10 {
						out = append(out, b)
					}
				}
			}
			return nil
		})
	}
	if len(out) == 0 {
		f.Fatalf("no seed files ending in %v", exts)
	}
	return out
}

// fuzzHang is how long one input may take; inputs are small, so anything
// near it is a hang.
const fuzzHang = 20 * time.Second

// fuzzLoad writes src as name in a fresh root, loads and links it, and fails
// on what must never happen: a panic (recovered into an "Internal error"
// diagnostic, or escaping Load), a diagnostic that names no file or a file
// the run was not given, a model that does not marshal.
func fuzzLoad(t *testing.T, name string, src []byte) {
	// A hang is a failure too: crash the worker so the fuzzer keeps the input.
	defer time.AfterFunc(fuzzHang, func() { panic(fmt.Sprintf("Load of %d bytes took over %s", len(src), fuzzHang)) }).Stop()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, name), src, 0o644); err != nil {
		t.Fatal(err)
	}
	m := model.New()
	res := Load(context.Background(), []string{dir}, Options{Root: dir, Limits: settings.Limits{MaxFileSize: 1 << 20, MaxInstances: 200}}, m)
	m.Link()
	if _, err := json.Marshal(m); err != nil {
		t.Fatalf("model does not marshal: %v", err)
	}
	for _, d := range res.Diagnostics {
		if d.Summary == "Internal error" {
			t.Fatalf("%s\n%s", d, d.Detail)
		}
		if d.Range.File != name && d.Range.File != "." {
			t.Fatalf("diagnostic names %q, want %q: %s", d.Range.File, name, d)
		}
		if d.Range.File == name && d.Severity == "error" && d.Range.Start.Line < 1 {
			t.Fatalf("error without a line: %s", d)
		}
	}
}

// FuzzHCL feeds arbitrary native-syntax Terraform through the front end.
func FuzzHCL(f *testing.F) {
	for _, b := range fuzzSeeds(f, ".tf", ".tfvars") {
		f.Add(b)
	}
	f.Add([]byte("locals {\n  a = local.b\n  b = local.a\n}\n"))
	f.Add([]byte(`resource "aws_vpclattice_service" "s" {
  count = 3
  name  = "s-${count.index}"
  auth_type = var.x ? "AWS_IAM" : "NONE"
  dynamic "tags" {
    for_each = { for k, v in var.m : k => v if v != null }
    content { key = tags.key }
  }
}
`))
	f.Fuzz(func(t *testing.T, src []byte) { fuzzLoad(t, "main.tf", src) })
}

// FuzzTFJSON feeds arbitrary JSON-syntax Terraform through the front end.
func FuzzTFJSON(f *testing.F) {
	for _, b := range fuzzSeeds(f, ".tf.json", ".tfvars.json", ".json") {
		f.Add(b)
	}
	f.Add([]byte(`{"resource": {"aws_vpclattice_service": {"s": {"count": 2, "name": "s-${count.index}", "auth_type": "${var.a}"}}},
 "variable": {"a": {"type": "string", "default": "NONE"}},
 "locals": {"x": "${jsondecode(\"[1,2]\")}"}}`))
	f.Add([]byte(`{"module": {"m": {"source": "./m", "for_each": "${toset([\"a\"])}"}}, "output": {"o": {"value": "${module.m}"}}}`))
	f.Fuzz(func(t *testing.T, src []byte) { fuzzLoad(t, "main.tf.json", src) })
}
