package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/lattice-lint/lattice-lint/pkg/finding"
	"github.com/lattice-lint/lattice-lint/pkg/lint"
	"github.com/lattice-lint/lattice-lint/pkg/output"
)

func runLint(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("lint", flag.ContinueOnError)
	var in inputFlags
	in.register(fs)
	format := fs.String("format", "text", "output format: text, json, sarif, github")
	out := fs.String("output", "", "write the report to this file instead of standard output")
	fs.StringVar(out, "o", "", "shorthand for --output")
	failOn := fs.String("fail-on", "error", "exit 1 when a finding has at least this severity: error, warning, info, none")
	noColor := fs.Bool("no-color", false, "no ANSI colour in text output")
	fs.Usage = usageFor("lint", "lint [flags] [PATH...]", fs, stderr)
	paths, code, done := parseCommand(fs, args, stderr)
	if done {
		return code
	}
	f, err := output.ParseFormat(*format)
	if err != nil {
		fmt.Fprintln(stderr, "lattice-lint:", err)
		return exitError
	}
	var threshold finding.Severity
	if *failOn != "none" {
		if threshold, err = finding.ParseSeverity(*failOn); err != nil {
			fmt.Fprintln(stderr, "lattice-lint: --fail-on:", err)
			return exitError
		}
	}

	res, err := lint.Run(ctx, in.options(paths))
	if err != nil {
		fmt.Fprintln(stderr, "lattice-lint:", err)
		return exitError
	}

	w := stdout
	color := !*noColor && *out == "" && isTerminal(stdout) && os.Getenv("NO_COLOR") == ""
	if *out != "" {
		if dir := filepath.Dir(*out); dir != "" {
			if err := os.MkdirAll(dir, 0o755); err != nil {
				fmt.Fprintln(stderr, "lattice-lint:", err)
				return exitError
			}
		}
		file, err := os.Create(*out)
		if err != nil {
			fmt.Fprintln(stderr, "lattice-lint:", err)
			return exitError
		}
		defer file.Close()
		w = file
	}
	read := output.ReadFromDirLimit(res.Report.Root, in.Limits.MaxFileSize)
	opts := output.Options{Color: color, ReadFile: func(p string) ([]byte, error) {
		if b, ok := res.Sources[p]; ok {
			return b, nil
		}
		return read(p)
	}}
	if err := output.Write(w, f, res.Report, opts); err != nil {
		fmt.Fprintln(stderr, "lattice-lint:", err)
		return exitError
	}
	switch {
	case res.Report.Diagnostics.HasErrors():
		if *out != "" || f != output.FormatText {
			fmt.Fprintf(stderr, "lattice-lint: %d file(s) could not be read completely; see the diagnostics in the report\n",
				res.Report.Diagnostics.FilesWithErrors())
		}
		return exitError
	case threshold != "" && res.Report.AtOrAbove(threshold):
		return exitFindings
	}
	return exitOK
}

// isTerminal reports whether w is a character device (colour makes sense).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
