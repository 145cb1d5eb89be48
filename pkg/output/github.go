package output

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/lattice-lint/lattice-lint/pkg/model"
	"github.com/lattice-lint/lattice-lint/pkg/report"
)

// writeGitHub renders GitHub Actions workflow commands
// (::error file=…,line=…::message), which the runner turns into annotations
// on the pull request's changed files. Paths are the report's, so lattice-lint
// has to run from the repository root for the annotations to land.
func writeGitHub(w io.Writer, r *report.Report, opts Options) error {
	v := newView(r)
	var b strings.Builder
	for _, d := range v.diags {
		msg := d.Summary
		if d.Detail != "" {
			msg += "\n" + d.Detail
		}
		b.WriteString(workflowCommand(githubLevel(diagLevel(d.Severity)), d.Range, "lattice-lint: input "+string(d.Severity), msg))
	}
	for _, f := range v.shown(opts) {
		ru := v.byID[f.RuleID]
		title := f.RuleID
		if ru.Title != "" {
			title += ": " + ru.Title
		}
		level := githubLevel(string(f.Severity))
		lines := []string{f.Message}
		if sup, ok := v.suppression(f); ok {
			// A suppressed finding is information, never a failing annotation.
			title, level = "suppressed "+title, "notice"
			lines = append(lines, "suppressed: "+suppressionText(sup))
		}
		if f.Address != "" {
			lines = append(lines, "resource: "+f.Address)
		}
		if len(f.CallChain) > 0 {
			lines = append(lines, "via: "+callChainText(f.CallChain))
		}
		for _, rel := range f.Related {
			lines = append(lines, "related: "+relatedText(rel))
		}
		if ru.Remediation != "" {
			lines = append(lines, "fix: "+ru.Remediation)
		}
		if ru.HelpURI != "" {
			lines = append(lines, "help: "+ru.HelpURI)
		}
		b.WriteString(workflowCommand(level, f.Range, title, strings.Join(lines, "\n")))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func githubLevel(sev string) string {
	switch sev {
	case "error":
		return "error"
	case "warning":
		return "warning"
	}
	return "notice"
}

// workflowCommand formats one annotation command. GitHub ignores col and
// endColumn when the annotation spans several lines, so they are only written
// for single-line ranges.
func workflowCommand(level string, rng model.Range, title, message string) string {
	var props []string
	if rng.File != "" {
		props = append(props, "file="+escapeProperty(rng.File))
		if rng.Start.Line >= 1 {
			props = append(props, "line="+strconv.Itoa(rng.Start.Line))
			if rng.End.Line > rng.Start.Line {
				props = append(props, "endLine="+strconv.Itoa(rng.End.Line))
			} else if rng.Start.Column >= 1 {
				props = append(props, "col="+strconv.Itoa(rng.Start.Column))
				if rng.End.Line == rng.Start.Line && rng.End.Column > rng.Start.Column {
					props = append(props, "endColumn="+strconv.Itoa(rng.End.Column))
				}
			}
		}
	}
	props = append(props, "title="+escapeProperty(clean(title)))
	return fmt.Sprintf("::%s %s::%s\n", level, strings.Join(props, ","), escapeData(cleanLines(message)))
}

// cleanLines applies clean to every line, keeping the line breaks, which
// annotations display.
func cleanLines(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = clean(l)
	}
	return strings.Join(lines, "\n")
}

// escapeData and escapeProperty follow the runner's workflow command
// encoding: without them a message with a newline or "::" ends the command
// early, and a comma in a path splits the properties.
func escapeData(s string) string { return dataEscaper.Replace(s) }

func escapeProperty(s string) string { return propertyEscaper.Replace(s) }

// Replacers are immutable and safe for concurrent use; building one per call
// dominated the cost of large reports.
var (
	dataEscaper     = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")
	propertyEscaper = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")
)
