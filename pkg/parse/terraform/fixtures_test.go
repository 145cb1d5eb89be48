package terraform_test

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lattice-lint/lattice-lint/pkg/lint"
	"github.com/lattice-lint/lattice-lint/pkg/settings"
)

var update = flag.Bool("update", false, "rewrite golden files under testdata/")

// TestFixtureModels checks the model (`lattice-lint model` JSON) of every
// Terraform depth fixture against testdata/models/<fixture>.json.
func TestFixtureModels(t *testing.T) {
	root, err := filepath.Abs("../../..")
	if err != nil {
		t.Fatal(err)
	}
	for _, dir := range []string{
		"module-for-each/positive", "module-for-each/negative", "module-cache", "registry-absent",
		"remote-state/positive", "remote-state/negative", "ssm-link/positive", "ssm-link/negative",
	} {
		t.Run(dir, func(t *testing.T) {
			res, err := lint.Run(context.Background(), lint.Options{Root: root, SkipRules: true,
				Settings: settings.Settings{Paths: []string{filepath.Join(root, "fixtures", "terraform", filepath.FromSlash(dir))}}})
			if err != nil {
				t.Fatal(err)
			}
			if res.Report.Diagnostics.HasErrors() {
				t.Errorf("input errors: %v", res.Report.Diagnostics)
			}
			var buf bytes.Buffer
			enc := json.NewEncoder(&buf)
			enc.SetIndent("", "  ") // as `lattice-lint model` prints it
			if err := enc.Encode(res.Model); err != nil {
				t.Fatal(err)
			}
			golden := filepath.Join("testdata", "models", strings.ReplaceAll(dir, "/", "-")+".json")
			if *update {
				if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(golden, buf.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (go test ./pkg/parse/terraform -update writes it)", err)
			}
			if !bytes.Equal(want, buf.Bytes()) {
				t.Errorf("model of %s differs from %s (go test ./pkg/parse/terraform -update rewrites it):\n%s", dir, golden, firstDiff(want, buf.Bytes()))
			}
		})
	}
}

// firstDiff shows a few lines around the first differing line.
func firstDiff(a, b []byte) string {
	al, bl := strings.Split(string(a), "\n"), strings.Split(string(b), "\n")
	for i := 0; i < len(al) && i < len(bl); i++ {
		if al[i] != bl[i] {
			lo := max(i-3, 0)
			return "--- want\n" + strings.Join(al[lo:min(i+3, len(al))], "\n") + "\n--- got\n" + strings.Join(bl[lo:min(i+3, len(bl))], "\n")
		}
	}
	return "(one is a prefix of the other)"
}
