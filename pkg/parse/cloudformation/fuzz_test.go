package cloudformation

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lattice-lint/lattice-lint/pkg/model"
)

// FuzzParse feeds arbitrary bytes (seeded with every test template) through
// Parse and Link as YAML and as JSON: no input may panic (Parse turns a panic
// into an "internal error" diagnostic, which fails the fuzz run).
func FuzzParse(f *testing.F) {
	seeds, _ := filepath.Glob("testdata/*/*")
	more, _ := filepath.Glob(fixtures + "/*/*.yaml")
	for _, p := range append(seeds, more...) {
		if strings.HasSuffix(p, ".golden.json") {
			continue
		}
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b, strings.HasSuffix(p, ".json"))
		}
	}
	f.Fuzz(func(t *testing.T, data []byte, asJSON bool) {
		name := "t.yaml"
		if asJSON {
			name = "t.json"
		}
		dir := t.TempDir()
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		m := model.New()
		res := Parse(context.Background(), []string{p}, Options{Root: dir, Attribute: testAttribution,
			Params: map[string]string{"Env": "prod"}}, m)
		m.Link()
		if _, err := m.MarshalJSON(); err != nil {
			t.Fatalf("model does not marshal: %v", err)
		}
		for _, d := range res.Diagnostics {
			if strings.Contains(d.Summary, "internal error") {
				t.Fatalf("%s\n%s", d, d.Detail)
			}
			if d.Range.File != name && d.Range.File != "" {
				t.Fatalf("diagnostic names %q: %s", d.Range.File, d)
			}
		}
		_ = fmt.Sprint(res.Templates)
	})
}
