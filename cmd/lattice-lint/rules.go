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
	out := outputFlag(fs, "the list")
	fs.Usage = usageFor("rules", "rules [--policy DIR] [--format text|json|markdown] [-o FILE]", fs, stderr)
	extra, code, done := parseCommand(fs, args, stderr)
	if done {
		return code
	}
	if !noArguments("rules", extra, stderr) {
		return exitError
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
	err = emit(*out, nil, stdout, func(w io.Writer) error {
		switch *format {
		case "json":
			enc := json.NewEncoder(w)
			enc.SetIndent("", "  ")
			return enc.Encode(all)
		case "markdown":
			_, err := w.Write(ruledoc.Index(all, func(r finding.Rule) string { return r.HelpURI }))
			return err
		}
		tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "ID\tSEVERITY\tNAME\tTITLE")
		for _, r := range all {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", cell(r.ID), r.Severity, cell(r.Name), cell(r.Title))
		}
		return tw.Flush()
	})
	if err != nil {
		fmt.Fprintln(stderr, "lattice-lint:", err)
		return exitError
	}
	return exitOK
}

// runExplain prints what one rule checks, why, how to fix it, and a failing
// and a passing example cut from its fixtures.
func runExplain(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("explain", flag.ContinueOnError)
	s := settings.Default()
	s.RegisterPolicyFlag(fs)
	out := outputFlag(fs, "the explanation")
	fs.Usage = usageFor("explain", "explain [--policy DIR] [-o FILE] RULE-ID|NAME", fs, stderr)
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
		if err := emit(*out, nil, stdout, func(w io.Writer) error { return ruledoc.Explain(w, r, ex) }); err != nil {
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
