package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"

	"github.com/lattice-lint/lattice-lint/pkg/lint"
)

// runModel prints the linked topology model: the exact JSON the policies see.
func runModel(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("model", flag.ContinueOnError)
	var in inputFlags
	in.register(fs)
	fs.Usage = usageFor("model", "model [flags] [PATH...]", fs, stderr)
	paths, code, done := parseCommand(fs, args, stderr)
	if done {
		return code
	}
	opts := in.options(paths)
	opts.SkipRules = true
	res, err := lint.Run(ctx, opts)
	if err != nil {
		fmt.Fprintln(stderr, "lattice-lint:", err)
		return exitError
	}
	for _, d := range res.Report.Diagnostics {
		fmt.Fprintln(stderr, d)
	}
	enc := json.NewEncoder(stdout)
	enc.SetIndent("", "  ")
	if err := enc.Encode(res.Model); err != nil {
		fmt.Fprintln(stderr, "lattice-lint:", err)
		return exitError
	}
	if res.Report.Diagnostics.HasErrors() {
		return exitError
	}
	return exitOK
}
