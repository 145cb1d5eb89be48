package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"

	"github.com/lattice-lint/lattice-lint/pkg/lint"
	"github.com/lattice-lint/lattice-lint/pkg/native"
)

// runModel prints the linked topology model: the exact JSON the policies
// see, or the same topology as a native YAML file (--format yaml).
func runModel(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("model", flag.ContinueOnError)
	var in inputFlags
	in.register(fs)
	format := fs.String("format", "json", "json (what the policies see) or yaml (lattice-lint's own topology format)")
	out := outputFlag(fs, "the model")
	fs.Usage = usageFor("model", "model [flags] [PATH...]", fs, stderr)
	paths, code, done := parseCommand(fs, args, stderr)
	if done {
		return code
	}
	if !refuseRuleFlags("model", fs, stderr) {
		return exitError
	}
	if *format != "json" && *format != "yaml" {
		fmt.Fprintf(stderr, "lattice-lint: --format %q: want json or yaml\n", *format)
		return exitError
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
	var buf bytes.Buffer
	if *format == "yaml" {
		b, err := native.Export(res.Model, res.Suppressions)
		if err != nil {
			fmt.Fprintln(stderr, "lattice-lint:", err)
			return exitError
		}
		buf.Write(b)
	} else {
		enc := json.NewEncoder(&buf)
		enc.SetIndent("", "  ")
		if err := enc.Encode(res.Model); err != nil {
			fmt.Fprintln(stderr, "lattice-lint:", err)
			return exitError
		}
	}
	if err := emit(*out, res.Tree, stdout, func(w io.Writer) error { _, err := w.Write(buf.Bytes()); return err }); err != nil {
		fmt.Fprintln(stderr, "lattice-lint:", err)
		return exitError
	}
	if res.Report.Diagnostics.HasErrors() {
		return exitError
	}
	return exitOK
}
