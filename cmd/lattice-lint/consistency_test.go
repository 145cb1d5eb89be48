package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestEveryCommandHasOutput: every subcommand writes what it prints to the
// file -o names instead, and nothing to standard output.
func TestEveryCommandHasOutput(t *testing.T) {
	inRepoRoot(t)
	const example = "fixtures/examples/multi-account"
	args := map[string][]string{
		"lint":       {"--fail-on", "none", example},
		"model":      {example},
		"rules":      {},
		"explain":    {"LAT-COR-001"},
		"diagram":    {"--format", "dot", example},
		"diff":       {"HEAD", example},
		"version":    {},
		"completion": {"bash"},
		"reach":      {"--from", "apps//aws_vpc.apps", "--to", "orders", example},
	}
	for _, c := range commands {
		if c == "help" {
			continue
		}
		t.Run(c, func(t *testing.T) {
			a, ok := args[c]
			if !ok {
				t.Fatalf("no sample arguments for %q: add them here (every command takes -o)", c)
			}
			out := filepath.Join(t.TempDir(), "out")
			code, stdout, stderr := cli(t, append([]string{c, "-o", out}, a...)...)
			if code != exitOK {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			if b, err := os.ReadFile(out); err != nil || len(b) == 0 || stdout != "" {
				t.Errorf("-o wrote %d bytes (%v), stdout %q", len(b), err, stdout)
			}
		})
	}
}

// TestArgumentErrors: arguments a command does not take, and flags that do
// nothing where they are given, are errors that say so.
func TestArgumentErrors(t *testing.T) {
	inRepoRoot(t)
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"rules", "extra"}, "rules takes no arguments"},
		{[]string{"version", "extra"}, "version takes no arguments"},
		{[]string{"completion", "bash", "zsh"}, "want one shell"},
		{[]string{"explain"}, "explain takes one rule id"},
		{[]string{"model", "--policy", "policies", "fixtures/examples/multi-account"}, "model evaluates no policy: --policy"},
		{[]string{"diagram", "--no-findings", "--policy", "policies", "fixtures/examples/multi-account"}, "--policy has no effect here"},
		{[]string{"lint", "--write-baseline", "-", "fixtures/examples/multi-account"}, "--write-baseline: name a file"},
		{[]string{"lint", "--format", "nope"}, "text, json, sarif, github, junit, markdown, codequality"},
		{[]string{"diagram", "--format", "nope"}, "svg, dot, png, mermaid, html or json"},
	}
	for _, tt := range tests {
		code, _, stderr := cli(t, tt.args...)
		if code != exitError || !strings.Contains(stderr, tt.want) || strings.Count(stderr, "lattice-lint:") > 1 {
			t.Errorf("%v: exit %d, stderr %q; want 2 and %q, one prefix", tt.args, code, stderr, tt.want)
		}
	}
}
