package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/lattice-lint/lattice-lint/pkg/baseline"
	"github.com/lattice-lint/lattice-lint/pkg/finding"
	"github.com/lattice-lint/lattice-lint/pkg/lint"
	"github.com/lattice-lint/lattice-lint/pkg/output"
)

func runLint(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("lint", flag.ContinueOnError)
	var in inputFlags
	in.register(fs)
	var formats []string
	fs.Func("format", formatHelp()+" (default text)", func(v string) error { formats = append(formats, v); return nil })
	out := outputFlag(fs, "the report")
	linkBase := fs.String("link-base", "", "markdown: link file:line to this URL + path, e.g. $GITHUB_SERVER_URL/$GITHUB_REPOSITORY/blob/$GITHUB_SHA")
	failOn := fs.String("fail-on", "error", "exit 1 when a finding has at least this severity: error, warning, info, none")
	noColor := fs.Bool("no-color", false, "no ANSI colour in text output")
	showSuppressed := fs.Bool("show-suppressed", false, "also list suppressed findings, marked (SARIF always lists them)")
	baselineFile := fs.String("baseline", "", "hide the findings recorded in this baseline file; fail only on the others")
	writeBaseline := fs.String("write-baseline", "", "record the current findings in this baseline file and exit 0")
	var changed changedFiles
	fs.Var(&changed, "changed-files", "report only the findings in, or about entities declared in, these files (comma- or newline-separated, repeatable); the whole topology is still linted")
	since := fs.String("since", "", "report only the findings new since this git revision (its tree is linted from git, not checked out); list the fixed ones")
	fs.Usage = usageFor("lint", "lint [flags] [PATH...]", fs, stderr)
	paths, code, done := parseCommand(fs, args, stderr)
	if done {
		return code
	}
	targets, err := reportTargets(formats, *out)
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

	if *since != "" && len(changed) > 0 {
		fmt.Fprintln(stderr, "lattice-lint: --since and --changed-files are two ways to say what changed: give one")
		return exitError
	}
	if len(changed) > 0 && *writeBaseline != "" {
		fmt.Fprintln(stderr, "lattice-lint: --write-baseline records every finding; it does not combine with --changed-files")
		return exitError
	}
	if *since != "" && (*baselineFile != "" || *writeBaseline != "") {
		fmt.Fprintln(stderr, "lattice-lint: --since does not combine with --baseline or --write-baseline")
		return exitError
	}
	var base *baseline.File
	if *baselineFile != "" {
		if base, err = readBaseline(*baselineFile); err != nil {
			fmt.Fprintln(stderr, "lattice-lint:", err)
			return exitError
		}
	}

	res, err := lint.Run(ctx, in.options(paths))
	if err != nil {
		fmt.Fprintln(stderr, "lattice-lint:", err)
		return exitError
	}
	if *since != "" {
		at, err := runAt(ctx, *since, in.options(paths))
		if err == nil {
			err = applySince(ctx, at, res, stderr)
			at.close()
		}
		if err != nil {
			fmt.Fprintln(stderr, "lattice-lint:", err)
			return exitError
		}
	}
	if len(changed) > 0 {
		applyChangedFiles(ctx, changed, res, stderr)
	}
	if *writeBaseline != "" {
		if code, done := recordBaseline(*writeBaseline, res, stderr); done {
			return code
		}
	}
	if base != nil {
		if err := baseline.Apply(res.Report, base, *baselineFile); err != nil {
			fmt.Fprintln(stderr, "lattice-lint:", err)
			return exitError
		}
		if b := res.Report.Baseline; len(targets) > 1 || targets[0].path != "" || targets[0].format != output.FormatText {
			// The text report says it in its summary; CI logs of other formats get it here.
			fmt.Fprintf(stderr, "lattice-lint: baseline %s hid %d finding(s); %d recorded finding(s) fixed\n", b.File, b.Hidden, b.Fixed)
		}
	}

	color := !*noColor && isTerminal(stdout) && os.Getenv("NO_COLOR") == ""
	opts := output.Options{ReadFile: snippetReader(res, in.Limits.MaxFileSize), LinkBase: *linkBase, ShowSuppressed: *showSuppressed,
		Mermaid: markdownDiagram(res, targets, stderr)}
	if err := writeReports(targets, res, opts, color, stdout); err != nil {
		fmt.Fprintln(stderr, "lattice-lint:", err)
		return exitError
	}
	switch {
	case res.Report.Diagnostics.HasErrors():
		if len(targets) > 1 || targets[0].path != "" || targets[0].format != output.FormatText {
			fmt.Fprintf(stderr, "lattice-lint: %d file(s) could not be read completely; see the diagnostics in the report\n",
				res.Report.Diagnostics.FilesWithErrors())
		}
		return exitError
	case *writeBaseline != "":
		return exitOK // the findings are recorded: accepted for now
	case threshold != "" && res.Report.AtOrAbove(threshold):
		return exitFindings
	}
	return exitOK
}

// readBaseline reads --baseline.
func readBaseline(path string) (*baseline.File, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("--baseline: %w", err)
	}
	defer f.Close()
	return baseline.Read(f, path)
}

// recordBaseline writes --write-baseline. A run whose input could not be
// read completely records nothing: its findings are not the repository's.
// done is set when the command must stop with code.
func recordBaseline(path string, res *lint.Result, stderr io.Writer) (code int, done bool) {
	if res.Report.Diagnostics.HasErrors() {
		fmt.Fprintf(stderr, "lattice-lint: --write-baseline: %d file(s) could not be read completely; no baseline written\n",
			res.Report.Diagnostics.FilesWithErrors())
		return 0, false // the report still shows the diagnostics; the exit code says 2
	}
	b := baseline.Build(res.Report.Findings, res.Report.Root)
	if err := writeFile(path, res, b.Write); err != nil {
		fmt.Fprintln(stderr, "lattice-lint: --write-baseline:", err)
		return exitError, true
	}
	fmt.Fprintf(stderr, "lattice-lint: recorded %d finding(s) in %s\n", len(b.Findings), path)
	return 0, false
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

// snippetReader reads the source lines a report quotes: the text the front
// ends read, else the file through the run's tree, so a snippet never shows a
// byte the parser refused (a link to /proc/self/environ, a file over the size
// limit, a device).
func snippetReader(res *lint.Result, max int64) func(string) ([]byte, error) {
	return func(p string) ([]byte, error) {
		if b, ok := res.Sources[p]; ok {
			return b, nil
		}
		native := filepath.FromSlash(p)
		if !filepath.IsAbs(native) {
			native = filepath.Join(res.Report.Root, native)
		}
		return res.Tree.ReadFile(native, max)
	}
}

// writeFile writes an output file the user named (--output); see emit.
func writeFile(path string, res *lint.Result, write func(io.Writer) error) error {
	return emit(path, res.Tree, nil, write)
}
