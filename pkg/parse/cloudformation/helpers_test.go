package cloudformation

import (
	"context"
	"flag"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/lattice-lint/lattice-lint/pkg/config"
	"github.com/lattice-lint/lattice-lint/pkg/diag"
	"github.com/lattice-lint/lattice-lint/pkg/model"
)

var update = flag.Bool("update", false, "rewrite golden files")

// testAttribution attributes every template to one account and Region, so
// pseudo parameters resolve in tests that want them to.
func testAttribution(string) config.Attribution {
	return config.Attribution{Account: "111122223333", Region: "eu-west-1"}
}

// loadRun reads files into a run without building entities, for tests that
// look at evaluated values.
func loadRun(t testing.TB, opts Options, files ...string) (*run, *Result) {
	t.Helper()
	res := &Result{}
	r := newRun(opts, &res.Diagnostics)
	r.load(context.Background(), files, res)
	r.registerExports()
	return r, res
}

// repr renders an evaluated value compactly: scalars as text, lists in
// brackets, mappings in braces, unknowns as "?" (with the resource and
// attribute a reference names: "?SN.Arn"), AWS::NoValue as "novalue".
func repr(v *val) string {
	switch v.k {
	case vNull:
		return "null"
	case vScalar:
		return v.s
	case vList:
		parts := make([]string, len(v.items))
		for i, it := range v.items {
			parts[i] = repr(it)
		}
		return "[" + strings.Join(parts, " ") + "]"
	case vMap:
		parts := make([]string, len(v.keys))
		for i, e := range v.keys {
			parts[i] = e.key + ":" + repr(e.v)
		}
		return "{" + strings.Join(parts, " ") + "}"
	case vNoValue:
		return "novalue"
	}
	if v.ref != nil {
		return "?" + v.ref.res.logical + "." + v.ref.attr
	}
	return "?"
}

// wantOf reads the expectation a test template writes as `Description: "want: …"`.
func wantOf(t *template, o *output) (string, bool) {
	for i := 0; i+1 < len(t.doc.root.Content); i += 2 {
		if t.doc.root.Content[i].Value != "Outputs" {
			continue
		}
		_, decl := field(t.doc.root.Content[i+1], o.name)
		if decl == nil {
			return "", false
		}
		_, desc := field(decl, "Description")
		if desc == nil || !strings.HasPrefix(desc.Value, "want: ") {
			return "", false
		}
		return strings.TrimPrefix(desc.Value, "want: "), true
	}
	return "", false
}

func globFiles(t testing.TB, patterns ...string) []string {
	t.Helper()
	var out []string
	for _, p := range patterns {
		m, err := filepath.Glob(p)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, m...)
	}
	sort.Strings(out)
	if len(out) == 0 {
		t.Fatalf("no files match %v", patterns)
	}
	return out
}

func errorsOf(ds diag.Diagnostics) []string {
	var out []string
	for _, d := range ds {
		if d.Severity == diag.Error {
			out = append(out, d.String())
		}
	}
	return out
}

// parseFiles runs Parse and Link over files.
func parseFiles(t testing.TB, opts Options, files ...string) (*model.Model, Result) {
	t.Helper()
	m := model.New()
	res := Parse(context.Background(), files, opts, m)
	m.Link()
	return m, res
}
