package cloudformation

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

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
		m := model.New()
		var res Result
		done := make(chan struct{})
		go func() {
			defer close(done)
			res = parseBytes(name, data, m)
			m.Link()
		}()
		select {
		case <-done:
		case <-time.After(time.Minute): // a hang guard, not a timing check
			t.Fatalf("Parse did not finish in a minute")
		}
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
	})
}

// parseBytes runs the front end on one in-memory file, as Parse does on disk.
func parseBytes(name string, data []byte, m *model.Model) Result {
	var res Result
	r := newRun(Options{Attribute: testAttribution, Params: map[string]string{"Env": "prod"}}, &res.Diagnostics)
	r.guard(name, func() {
		doc, perr := decodeDocument(data, strings.HasSuffix(name, ".json"))
		if perr != nil || doc == nil {
			return
		}
		r.templates = append(r.templates, r.newTemplate(name, doc))
	})
	r.registerExports()
	for _, t := range r.templates {
		r.guard(t.path, func() { t.build(m) })
	}
	return res
}
