// Package ruledoc documents the rules from their own sources: the METADATA of
// each policy and the fixtures that test it. It renders the generated pages
// under docs/rules, the index table (also `lattice-lint rules --format
// markdown`) and the text of `lattice-lint explain`.
package ruledoc

import (
	"fmt"
	"io"
	"strings"

	"github.com/lattice-lint/lattice-lint/pkg/finding"
)

// GeneratedNote heads every generated page.
const GeneratedNote = "<!-- Generated from the policy METADATA and fixtures by `go test ./pkg/ruledoc -update`. Do not edit. -->\n\n"

// relationNote explains custom.missing_relation on a page.
const relationNote = "another unit may add it, so the rule is silent or info on an entity that leaves the unit (an output, an SSM parameter, a secret, a nested stack, a module the model does not read)"

// Page renders the documentation page of one rule (docs/rules/<ID>.md).
func Page(r finding.Rule, ex Examples) []byte {
	var b strings.Builder
	b.WriteString(GeneratedNote)
	fmt.Fprintf(&b, "# %s %s\n\n%s\n\n", r.ID, r.Name, r.Title)
	b.WriteString("| | |\n|---|---|\n")
	fmt.Fprintf(&b, "| Severity | %s |\n", r.Severity)
	if c := r.Category(); c != "" {
		fmt.Fprintf(&b, "| Category | %s |\n", c)
	}
	if len(r.Formats) > 0 {
		fmt.Fprintf(&b, "| Input formats | %s |\n", strings.Join(r.Formats, ", "))
	}
	if r.MissingRelation {
		fmt.Fprintf(&b, "| Missing relation | %s |\n", relationNote)
	}
	if r.Package == "" && r.Builtin {
		// A rule checked in Go (the LAT-SUP rules read comments, which policies never see).
		fmt.Fprintf(&b, "| Checked by | [%s](../../%s) |\n\n", r.File, r.File)
	} else {
		fmt.Fprintf(&b, "| Policy | [%s](../../%s) |\n\n", r.File, r.File)
	}
	fmt.Fprintf(&b, "## What it checks\n\n%s\n\n", r.Description)
	fmt.Fprintf(&b, "## How to fix\n\n%s\n\n", r.Remediation)
	if ex.Bad != nil || ex.Good != nil {
		b.WriteString("## Examples\n\n")
		markdownExample(&b, "Raises the finding", ex.Bad, MarkFinding, "the reported line")
		markdownExample(&b, "Passes", ex.Good, MarkFix, "what the fix adds or changes")
	}
	if len(r.References) > 0 {
		b.WriteString("## References\n\n")
		for _, u := range r.References {
			fmt.Fprintf(&b, "- <%s>\n", u)
		}
	}
	return []byte(b.String())
}

func markdownExample(b *strings.Builder, title string, e *Example, mark Mark, meaning string) {
	if e == nil {
		return
	}
	fmt.Fprintf(b, "%s (%s; `%s` marks %s):\n\n", title, e.Format, mark, meaning)
	for _, f := range e.Files {
		fmt.Fprintf(b, "[%s](../../%s)\n\n```text\n", f.Path, f.Path)
		writeLines(b, f.Lines)
		b.WriteString("```\n\n")
	}
}

// writeLines prints excerpt lines with a gutter: line number and mark.
func writeLines(w io.Writer, lines []Line) {
	width := 1
	for _, l := range lines {
		width = max(width, len(fmt.Sprint(l.No)))
	}
	for _, l := range lines {
		if l.No == 0 {
			fmt.Fprintf(w, "%*s   …\n", width, "")
			continue
		}
		m := string(l.Mark)
		if m == "" {
			m = " "
		}
		fmt.Fprintln(w, strings.TrimRight(fmt.Sprintf("%*d %s %s", width, l.No, m, l.Text), " \t"))
	}
}

// Index renders the table of rules (docs/rules/README.md); link gives the
// target of each id, empty for none.
func Index(rs []finding.Rule, link func(finding.Rule) string) []byte {
	var b strings.Builder
	b.WriteString("| Id | Name | Severity | Formats | Title |\n|---|---|---|---|---|\n")
	for _, r := range rs {
		id := r.ID
		if l := link(r); l != "" {
			id = fmt.Sprintf("[%s](%s)", r.ID, l)
		}
		formats := strings.Join(r.Formats, ", ")
		if formats == "" {
			formats = "any"
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s |\n", id, r.Name, r.Severity, formats, escapeCell(r.Title))
	}
	return []byte(b.String())
}

func escapeCell(s string) string { return strings.ReplaceAll(s, "|", `\|`) }

// IndexPage is docs/rules/README.md: the index of the built-in rules.
func IndexPage(rs []finding.Rule) []byte {
	var b strings.Builder
	b.WriteString(GeneratedNote)
	b.WriteString("# Built-in rules\n\n")
	fmt.Fprintf(&b, "%d rules. Each page says what the rule checks, why, how to fix it, and shows a failing and a passing\n", len(rs))
	b.WriteString("example cut from the rule's own fixtures (`lattice-lint explain ID` prints the same).\n\n")
	b.Write(Index(rs, func(r finding.Rule) string { return r.ID + ".md" }))
	b.WriteString("\nUser policies follow the same contract: see [writing policies](../writing-policies.md); the list of\n")
	b.WriteString("what a built-in rule must have is in [contributing](../contributing.md).\n")
	return []byte(b.String())
}

// Explain writes what a rule checks, why, how to fix it, and its examples,
// as plain text for a terminal.
func Explain(w io.Writer, r finding.Rule, ex Examples) error {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s (%s)\n%s\n", r.ID, r.Name, r.Severity, r.Title)
	if c := r.Category(); c != "" {
		fmt.Fprintf(&b, "Category: %s\n", c)
	}
	if len(r.Formats) > 0 {
		fmt.Fprintf(&b, "Input formats: %s\n", strings.Join(r.Formats, ", "))
	}
	if r.MissingRelation {
		fmt.Fprintf(&b, "Missing relation: %s\n", relationNote)
	}
	fmt.Fprintf(&b, "Policy: %s\n", r.File)
	if r.Description != "" {
		fmt.Fprintf(&b, "\nWhat it checks and why\n\n%s\n", indentText(r.Description))
	}
	fmt.Fprintf(&b, "\nHow to fix\n\n%s\n", indentText(r.Remediation))
	textExample(&b, "Raises the finding", ex.Bad, MarkFinding, "the reported line")
	textExample(&b, "Passes", ex.Good, MarkFix, "what the fix adds or changes")
	if len(r.References) > 0 || r.HelpURI != "" {
		b.WriteString("\nReferences\n\n")
		if r.HelpURI != "" {
			fmt.Fprintf(&b, "  %s\n", r.HelpURI)
		}
		for _, u := range r.References {
			fmt.Fprintf(&b, "  %s\n", u)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func textExample(b *strings.Builder, title string, e *Example, mark Mark, meaning string) {
	if e == nil {
		return
	}
	fmt.Fprintf(b, "\n%s (%s; %s marks %s)\n", title, e.Format, mark, meaning)
	for _, f := range e.Files {
		var lines strings.Builder
		writeLines(&lines, f.Lines)
		fmt.Fprintf(b, "\n  %s\n%s\n", f.Path, indentText(strings.TrimRight(lines.String(), "\n")))
	}
}

func indentText(s string) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	for i, l := range lines {
		if l != "" {
			lines[i] = "  " + l
		}
	}
	return strings.Join(lines, "\n")
}
