package main

import (
	"bytes"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/lattice-lint/lattice-lint/pkg/diagram"
	"github.com/lattice-lint/lattice-lint/pkg/lint"
	"github.com/lattice-lint/lattice-lint/pkg/output"
)

// reportTarget is one --format FORMAT[=FILE]: a format and where it goes
// ("" = standard output).
type reportTarget struct {
	format output.Format
	path   string
}

// formatHelp lists every format for the flag's help text.
func formatHelp() string {
	names := make([]string, 0, len(output.Formats()))
	for _, f := range output.Formats() {
		names = append(names, string(f))
	}
	return "report format, repeatable as FORMAT=FILE to write several in one run (sarif=out.sarif); one of " +
		strings.Join(names, ", ")
}

// reportTargets reads the --format values. A format without a file goes to
// --output, else standard output; only one can, since two documents on one
// stream are neither of them valid.
func reportTargets(formats []string, out string) ([]reportTarget, error) {
	if len(formats) == 0 {
		formats = []string{string(output.FormatText)}
	}
	var targets []reportTarget
	toStream := 0
	files := map[string]bool{}
	for _, v := range formats {
		name, path, hasPath := strings.Cut(v, "=")
		f, err := output.ParseFormat(name)
		if err != nil {
			return nil, fmt.Errorf("--format: %w", err)
		}
		if hasPath && path == "" {
			return nil, fmt.Errorf("--format %s: no file after =", v)
		}
		if !hasPath {
			path = out
			toStream++
		}
		if path != "" {
			key := filepath.Clean(path)
			if files[key] {
				return nil, fmt.Errorf("--format: %s is the destination of two reports", path)
			}
			files[key] = true
		}
		targets = append(targets, reportTarget{format: f, path: path})
	}
	if toStream > 1 {
		where := "standard output"
		if out != "" {
			where = out
		}
		return nil, fmt.Errorf("--format: %d formats would go to %s; give all but one a file, as in --format sarif=lattice-lint.sarif", toStream, where)
	}
	return targets, nil
}

// writeReports writes every target. Colour is for the one on a terminal.
func writeReports(targets []reportTarget, res *lint.Result, opts output.Options, color bool, stdout io.Writer) error {
	for _, t := range targets {
		o := opts
		o.Color = color && t.path == ""
		write := func(w io.Writer) error { return output.Write(w, t.format, res.Report, o) }
		var err error
		if t.path == "" || t.path == "-" {
			err = write(stdout)
		} else {
			err = writeFile(t.path, res, write)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// markdownDiagram is the topology as Mermaid for the markdown report, or ""
// with a note when it cannot be drawn within GitHub's limits.
func markdownDiagram(res *lint.Result, targets []reportTarget, stderr io.Writer) string {
	wanted := false
	for _, t := range targets {
		wanted = wanted || t.format == output.FormatMarkdown
	}
	if !wanted {
		return ""
	}
	g, err := diagram.Build(res.Model, res.Report.Findings, diagram.Options{Title: "topology", Detail: diagram.DetailService})
	if err == nil {
		var buf bytes.Buffer
		if err = g.Mermaid(&buf); err == nil {
			return buf.String()
		}
	}
	fmt.Fprintln(stderr, "lattice-lint: note: the markdown report has no diagram:", err)
	return ""
}
