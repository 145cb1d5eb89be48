package ruledoc

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/lattice-lint/lattice-lint/fixtures"
	"github.com/lattice-lint/lattice-lint/internal/golden"
	"github.com/lattice-lint/lattice-lint/pkg/finding"
	"github.com/lattice-lint/lattice-lint/pkg/rules"
	"github.com/lattice-lint/lattice-lint/pkg/suppress"
	"github.com/lattice-lint/lattice-lint/policies"
)

// docsDir holds one generated page per built-in rule and the index.
var docsDir = filepath.Join("..", "..", "docs", "rules")

func builtinRules(t *testing.T) []finding.Rule {
	t.Helper()
	eng, err := rules.NewEngine(context.Background(), rules.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return eng.Rules()
}

// testKinds are the Rego tests every built-in rule has, by name prefix.
var testKinds = []string{"test_fires_", "test_silent_", "test_unknown_"}

// TestRuleComplete fails, per built-in rule, naming every piece that is
// missing (docs/contributing.md lists them):
//   - policies/<category>/<name>.rego with complete METADATA;
//   - policies/<category>/<name>_test.rego with test_fires_*, test_silent_*
//     and test_unknown_* tests;
//   - fixtures/rules/<ID>/positive/<format>/ and negative/<format>/, each with
//     an input and expected.txt, for every format of custom.formats (both
//     terraform and cloudformation unless the rule declares fewer), and no
//     positive case in a format the rule says it cannot occur in;
//   - the positive case's expected.txt reporting the rule (the example of
//     its page);
//   - docs/rules/<ID>.md.
func TestRuleComplete(t *testing.T) {
	for _, r := range builtinRules(t) {
		var missing []string
		miss := func(format string, args ...any) {
			missing = append(missing, fmt.Sprintf(format, args...))
		}
		if r.Title == r.Name || r.Description == "" || r.Remediation == "" || len(r.References) == 0 {
			miss("METADATA: title, description, custom.remediation and related_resources are all required")
		}
		for _, u := range r.References {
			if !strings.HasPrefix(u, "https://") {
				miss("METADATA: related resource %q is not an https URL", u)
			}
		}
		base := strings.ReplaceAll(r.Name, "-", "_")
		want := path.Join("policies", r.Category(), base+".rego")
		if r.File != want {
			miss("policy file: %s %s belongs in %s, not %s", r.ID, r.Name, want, r.File)
		}
		if r.Package != "" && !declaresInputSchema(t, strings.TrimPrefix(r.File, "policies/")) {
			miss("METADATA: schemas: [{input: schema.input}] (type-checks what the policy reads against the model)")
		}
		testFile := strings.TrimSuffix(strings.TrimPrefix(r.File, "policies/"), ".rego") + "_test.rego"
		for _, k := range missingTestKinds(t, testFile) {
			miss("Rego tests: policies/%s has no %s* test", testFile, k)
		}
		for _, format := range finding.InputFormats {
			declared := slices.Contains(r.Formats, format)
			for _, kase := range []string{"positive", "negative"} {
				dir := path.Join("rules", r.ID, kase, format)
				has := fixtureCase(dir)
				switch {
				case declared && !has:
					miss("fixture: fixtures/%s/ with an input file and expected.txt (go test ./pkg/lint -run TestRuleFixtures -update writes expected.txt)", dir)
				case !declared && has && kase == "positive":
					miss("fixture: fixtures/%s/ exists but custom.formats %v says the rule cannot occur in %s", dir, r.Formats, format)
				}
			}
		}
		ex, err := ExamplesFor(fixtures.Rules, r.ID)
		if err != nil {
			miss("examples: %v", err)
		} else if ex.Bad == nil {
			miss("examples: no positive fixture's expected.txt reports %s", r.ID)
		}
		if _, err := os.Stat(filepath.Join(docsDir, r.ID+".md")); err != nil {
			miss("doc: docs/rules/%s.md (go test ./pkg/ruledoc -update generates it)", r.ID)
		}
		if len(missing) > 0 {
			t.Errorf("%s %s is incomplete:\n  - %s", r.ID, r.Name, strings.Join(missing, "\n  - "))
		}
	}
}

// missingTestKinds lists the test name prefixes the test file lacks (all of
// them when the file does not exist or does not parse).
func missingTestKinds(t *testing.T, name string) []string {
	t.Helper()
	src, err := fs.ReadFile(policies.FS, name)
	if err != nil {
		return testKinds
	}
	m, err := ast.ParseModuleWithOpts(name, string(src), ast.ParserOptions{RegoVersion: ast.RegoV1})
	if err != nil {
		t.Errorf("policies/%s: %v", name, err)
		return nil
	}
	var out []string
	for _, k := range testKinds {
		found := false
		for _, r := range m.Rules {
			found = found || strings.HasPrefix(r.Head.Ref()[0].String(), k)
		}
		if !found {
			out = append(out, k)
		}
	}
	return out
}

// declaresInputSchema reports whether a built-in policy's METADATA names
// schema.input for input.
func declaresInputSchema(t *testing.T, name string) bool {
	t.Helper()
	src, err := fs.ReadFile(policies.FS, name)
	if err != nil {
		return false
	}
	m, err := ast.ParseModuleWithOpts(name, string(src), ast.ParserOptions{RegoVersion: ast.RegoV1, ProcessAnnotation: true})
	if err != nil {
		return false
	}
	for _, a := range m.Annotations {
		for _, sa := range a.Schemas {
			if sa.Path.Equal(ast.InputRootRef) && sa.Schema.String() == "schema.input" {
				return true
			}
		}
	}
	return false
}

// fixtureCase reports whether a fixture case folder holds expected.txt and
// at least one input file.
func fixtureCase(dir string) bool {
	if _, err := fs.Stat(fixtures.Rules, path.Join(dir, "expected.txt")); err != nil {
		return false
	}
	files, err := sources(fixtures.Rules, dir)
	return err == nil && len(files) > 0
}

// TestRuleDocs keeps docs/rules/<ID>.md and the index in step with the
// metadata and fixtures; run with -update to rewrite them.
func TestRuleDocs(t *testing.T) {
	// The LAT-SUP rules are checked in Go (package suppress), not by a
	// policy, but documented the same way.
	rs := append(builtinRules(t), suppress.Rules()...)
	want := map[string][]byte{"README.md": IndexPage(rs)}
	for _, r := range rs {
		ex, err := ExamplesFor(fixtures.Rules, r.ID)
		if err != nil {
			t.Errorf("%s: %v", r.ID, err)
		}
		if r.Package == "" {
			// Excerpts are cut around resource blocks; a LAT-SUP finding
			// points at a comment, which they do not show well.
			ex = Examples{}
		}
		want[r.ID+".md"] = Page(r, ex)
	}
	existing, err := filepath.Glob(filepath.Join(docsDir, "*.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range existing {
		if _, ok := want[filepath.Base(p)]; ok {
			continue
		}
		if golden.Updating() {
			if err := os.Remove(p); err != nil {
				t.Fatal(err)
			}
			continue
		}
		t.Errorf("%s documents no rule; run go test ./pkg/ruledoc -update", p)
	}
	for name, content := range want {
		golden.Check(t, filepath.Join(docsDir, name), content, "go test ./pkg/ruledoc -update")
	}
}
