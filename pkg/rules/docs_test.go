package rules

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lattice-lint/lattice-lint/pkg/finding"
)

var update = flag.Bool("update", false, "rewrite golden files")

// docsDir holds one generated page per built-in rule and an index.
var docsDir = filepath.Join("..", "..", "docs", "rules")

// categories maps the id's middle part to the policy folder it lives in.
var categories = map[string]string{
	"COR": "correctness", "SEC": "security", "XAC": "crossaccount",
	"OBS": "observability", "QTA": "quotas", "HYG": "hygiene",
}

// TestBuiltinMetadata checks that every built-in rule documents itself fully
// and lives where its id says.
func TestBuiltinMetadata(t *testing.T) {
	for _, r := range newEngine(t, Options{}).Rules() {
		if !builtinIDPattern.MatchString(r.ID) {
			t.Errorf("%s: id does not match %s", r.File, builtinIDPattern)
		}
		if r.Title == r.Name || r.Description == "" || r.Remediation == "" || len(r.References) == 0 {
			t.Errorf("%s: incomplete metadata (title, description, remediation, related_resources): %+v", r.File, r)
		}
		for _, u := range r.References {
			if !strings.HasPrefix(u, "https://") {
				t.Errorf("%s: related resource %q is not an https URL", r.File, u)
			}
		}
		want := path.Join(builtinRoot, categories[r.ID[4:7]], strings.ReplaceAll(r.Name, "-", "_")+".rego")
		if r.File != want {
			t.Errorf("%s: rule %s %s belongs in %s", r.File, r.ID, r.Name, want)
		}
	}
}

// TestRuleDocs keeps docs/rules/<ID>.md and the index in step with the
// metadata; run with -update to rewrite them.
func TestRuleDocs(t *testing.T) {
	rules := newEngine(t, Options{}).Rules()
	want := map[string][]byte{"README.md": ruleIndex(rules)}
	for _, r := range rules {
		want[r.ID+".md"] = rulePage(r)
	}
	if *update {
		if err := os.MkdirAll(docsDir, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	existing, err := filepath.Glob(filepath.Join(docsDir, "*.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range existing {
		if _, ok := want[filepath.Base(p)]; ok {
			continue
		}
		if *update {
			if err := os.Remove(p); err != nil {
				t.Fatal(err)
			}
			continue
		}
		t.Errorf("%s documents no rule; run go test ./pkg/rules -run TestRuleDocs -update", p)
	}
	for name, content := range want {
		p := filepath.Join(docsDir, name)
		if *update {
			if err := os.WriteFile(p, content, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		got, err := os.ReadFile(p)
		if err != nil || !bytes.Equal(got, content) {
			t.Errorf("%s is missing or stale; run go test ./pkg/rules -run TestRuleDocs -update", p)
		}
	}
}

const generatedNote = "<!-- Generated from the policy METADATA by `go test ./pkg/rules -run TestRuleDocs -update`. Do not edit. -->\n\n"

// rulePage renders the documentation page of one rule.
func rulePage(r finding.Rule) []byte {
	var b strings.Builder
	b.WriteString(generatedNote)
	fmt.Fprintf(&b, "# %s %s\n\n%s\n\n", r.ID, r.Name, r.Title)
	b.WriteString("| | |\n|---|---|\n")
	fmt.Fprintf(&b, "| Severity | %s |\n", r.Severity)
	fmt.Fprintf(&b, "| Category | %s |\n", categories[r.ID[4:7]])
	fmt.Fprintf(&b, "| Policy | [%s](../../%s) |\n\n", r.File, r.File)
	fmt.Fprintf(&b, "## What it checks\n\n%s\n\n", r.Description)
	fmt.Fprintf(&b, "## How to fix\n\n%s\n\n", r.Remediation)
	b.WriteString("## References\n\n")
	for _, u := range r.References {
		fmt.Fprintf(&b, "- <%s>\n", u)
	}
	return []byte(b.String())
}

// ruleIndex renders docs/rules/README.md, one line per rule.
func ruleIndex(rules []finding.Rule) []byte {
	var b strings.Builder
	b.WriteString(generatedNote)
	b.WriteString("# Built-in rules\n\n| Id | Name | Severity | Title |\n|---|---|---|---|\n")
	for _, r := range rules {
		fmt.Fprintf(&b, "| [%s](%s.md) | %s | %s | %s |\n", r.ID, r.ID, r.Name, r.Severity, r.Title)
	}
	b.WriteString("\nUser policies follow the same contract: see [writing policies](../writing-policies.md).\n")
	return []byte(b.String())
}
