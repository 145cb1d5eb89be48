package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/lattice-lint/lattice-lint/fixtures"
	"github.com/lattice-lint/lattice-lint/pkg/finding"
	"github.com/lattice-lint/lattice-lint/pkg/ruledoc"
	"github.com/lattice-lint/lattice-lint/pkg/rules"
	"github.com/lattice-lint/lattice-lint/pkg/settings"
	"github.com/lattice-lint/lattice-lint/pkg/suppress"
	"github.com/lattice-lint/lattice-lint/pkg/termtext"
)

// runRules lists the rules: built-in ones and those of --policy folders.
func runRules(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("rules", flag.ContinueOnError)
	s := settings.Default()
	s.RegisterPolicyFlag(fs)
	format := fs.String("format", "text", "text, json or markdown")
	fs.Usage = usageFor("rules", "rules [--policy DIR] [--format text|json|markdown]", fs, stderr)
	if _, code, done := parseCommand(fs, args, stderr); done {
		return code
	}
	if *format != "text" && *format != "json" && *format != "markdown" {
		fmt.Fprintf(stderr, "lattice-lint: unknown format %q (want text, json or markdown)\n", *format)
		return exitError
	}
	eng, err := rules.NewEngine(ctx, rules.Options{PolicyDirs: s.PolicyDirs})
	if err != nil {
		fmt.Fprintln(stderr, "lattice-lint:", err)
		return exitError
	}
	all := append(eng.Rules(), suppress.Rules()...)
	switch *format {
	case "json":
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(all); err != nil {
			fmt.Fprintln(stderr, "lattice-lint:", err)
			return exitError
		}
	case "markdown":
		if _, err := stdout.Write(ruledoc.Index(all, func(r finding.Rule) string { return r.HelpURI })); err != nil {
			fmt.Fprintln(stderr, "lattice-lint:", err)
			return exitError
		}
	default:
		tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "ID\tSEVERITY\tNAME\tTITLE")
		for _, r := range all {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", cell(r.ID), r.Severity, cell(r.Name), cell(r.Title))
		}
		tw.Flush()
	}
	return exitOK
}

// runExplain prints what one rule checks, why, how to fix it, and a failing
// and a passing example cut from its fixtures.
func runExplain(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("explain", flag.ContinueOnError)
	s := settings.Default()
	s.RegisterPolicyFlag(fs)
	fs.Usage = usageFor("explain", "explain [--policy DIR] RULE-ID|NAME", fs, stderr)
	ids, code, done := parseCommand(fs, args, stderr)
	if done {
		return code
	}
	if len(ids) != 1 {
		fmt.Fprintln(stderr, "lattice-lint: explain takes one rule id or name (lattice-lint rules lists them)")
		return exitError
	}
	eng, err := rules.NewEngine(ctx, rules.Options{PolicyDirs: s.PolicyDirs})
	if err != nil {
		fmt.Fprintln(stderr, "lattice-lint:", err)
		return exitError
	}
	for _, r := range append(eng.Rules(), suppress.Rules()...) {
		if !strings.EqualFold(r.ID, ids[0]) && r.Name != ids[0] {
			continue
		}
		var ex ruledoc.Examples
		if r.Builtin && r.Package != "" { // a policy, with examples cut from its fixtures
			if ex, err = ruledoc.ExamplesFor(fixtures.Rules, r.ID); err != nil {
				fmt.Fprintln(stderr, "lattice-lint:", err)
				return exitError
			}
		}
		if err := ruledoc.Explain(stdout, r, ex); err != nil {
			fmt.Fprintln(stderr, "lattice-lint:", err)
			return exitError
		}
		return exitOK
	}
	fmt.Fprintf(stderr, "lattice-lint: no rule %q (lattice-lint rules lists them)\n", ids[0])
	return exitError
}

// cell makes policy metadata (user policies are input too) one safe table cell.
func cell(s string) string {
	return strings.Join(strings.Fields(termtext.Clean(s)), " ")
}
