package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/lattice-lint/lattice-lint/pkg/rules"
	"github.com/lattice-lint/lattice-lint/pkg/settings"
)

// runRules lists the rules: built-in ones and those of --policy folders.
func runRules(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("rules", flag.ContinueOnError)
	s := settings.Default()
	s.RegisterPolicyFlag(fs)
	format := fs.String("format", "text", "text or json")
	fs.Usage = usageFor("rules", "rules [--policy DIR] [--format text|json]", fs, stderr)
	if _, code, done := parseCommand(fs, args, stderr); done {
		return code
	}
	eng, err := rules.NewEngine(ctx, rules.Options{PolicyDirs: s.PolicyDirs})
	if err != nil {
		fmt.Fprintln(stderr, "lattice-lint:", err)
		return exitError
	}
	switch *format {
	case "json":
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(eng.Rules()); err != nil {
			fmt.Fprintln(stderr, "lattice-lint:", err)
			return exitError
		}
	case "text":
		tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "ID\tSEVERITY\tNAME\tTITLE")
		for _, r := range eng.Rules() {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", r.ID, r.Severity, r.Name, r.Title)
		}
		tw.Flush()
	default:
		fmt.Fprintf(stderr, "lattice-lint: unknown format %q (want text or json)\n", *format)
		return exitError
	}
	return exitOK
}
