package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

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
	out := fs.String("output", "", "write the model to this file instead of standard output")
	fs.StringVar(out, "o", "", "shorthand for --output")
	fs.Usage = usageFor("model", "model [flags] [PATH...]", fs, stderr)
	paths, code, done := parseCommand(fs, args, stderr)
	if done {
		return code
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
	if err := writeOutput(*out, stdout, buf.Bytes()); err != nil {
		fmt.Fprintln(stderr, "lattice-lint:", err)
		return exitError
	}
	if res.Report.Diagnostics.HasErrors() {
		return exitError
	}
	return exitOK
}

// writeOutput writes b to the file path names, or to stdout when path is "".
func writeOutput(path string, stdout io.Writer, b []byte) error {
	if path == "" {
		_, err := stdout.Write(b)
		return err
	}
	if dir := filepath.Dir(path); dir != "" {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return err
		}
	}
	return os.WriteFile(path, b, 0o644)
}
