package diagram

import (
	"context"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/lattice-lint/lattice-lint/pkg/finding"
	"github.com/lattice-lint/lattice-lint/pkg/lint"
	"github.com/lattice-lint/lattice-lint/pkg/rules"
	"github.com/lattice-lint/lattice-lint/pkg/settings"
)

// fixtureTopologies lists the repository's fixture folders that each hold
// one topology: fixtures/examples/* and
// fixtures/rules/RULE/{positive,negative}/FORMAT. (fixtures/terraform,
// fixtures/cloudformation and fixtures/malformed are parser fixtures.)
func fixtureTopologies(t *testing.T, root string) []string {
	t.Helper()
	var out []string
	for _, pattern := range []string{"fixtures/examples/*", "fixtures/rules/*/*/*"} {
		m, err := filepath.Glob(filepath.Join(root, pattern))
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range m {
			if st, err := os.Stat(p); err == nil && st.IsDir() {
				out = append(out, p)
			}
		}
	}
	sort.Strings(out)
	return out
}

// TestFixtureGolden draws every fixture topology of the repository through
// the real pipeline (lint.Run: parse, link, rules) and compares DOT and
// Mermaid with testdata/fixtures. Finding messages are blanked: they belong to
// the rules' own golden files, and the diagram's job is where findings land
// and how they are marked (rule id and severity stay). A new fixture needs
// go test ./pkg/diagram -run TestFixtureGolden -update.
func TestFixtureGolden(t *testing.T) {
	root := repoRoot(t)
	ctx := context.Background()
	engine, err := rules.NewEngine(ctx, rules.Options{})
	if err != nil {
		t.Fatal(err)
	}
	topologies := fixtureTopologies(t, root)
	if len(topologies) < 3 {
		t.Fatalf("found only %d fixture topologies under %s/fixtures", len(topologies), root)
	}
	for _, dir := range topologies {
		rel, _ := filepath.Rel(root, dir)
		name := strings.ReplaceAll(strings.TrimPrefix(filepath.ToSlash(rel), "fixtures/"), "/", "__")
		t.Run(name, func(t *testing.T) {
			res, err := lint.Run(ctx, lint.Options{Settings: settings.Settings{Paths: []string{dir}}, Root: root, Engine: engine})
			if err != nil {
				t.Fatalf("lint: %v", err)
			}
			fs := append([]finding.Finding(nil), res.Report.Findings...)
			for i := range fs {
				fs[i].Message = ""
			}
			_, dot, mmd := buildText(t, res.Model, fs, Options{Title: filepath.ToSlash(rel)})
			golden(t, filepath.Join("testdata", "fixtures", name+".dot"), dot.Bytes())
			golden(t, filepath.Join("testdata", "fixtures", name+".mmd"), mmd.Bytes())
		})
	}
}
