package output

import (
	"fmt"
	"io"
	"net/url"
	"strconv"
	"strings"

	"github.com/lattice-lint/lattice-lint/pkg/model"
	"github.com/lattice-lint/lattice-lint/pkg/report"
)

// markdownMaxRows bounds the findings table and the details: a GitHub comment
// holds at most 65,536 characters, and a table of thousands of rows helps no
// reviewer. What is left out is counted.
const markdownMaxRows = 100

// writeMarkdown renders a pull-request comment or job summary (GitHub
// Flavored Markdown): the counts, a table of findings linking each to its
// file and line, the topology as a fenced Mermaid diagram when
// Options.Mermaid is set, then the details of every finding and the input
// diagnostics in collapsed sections. Text from the input (messages,
// addresses, paths) is escaped, so a crafted resource name cannot inject
// links, images, mentions or HTML into the comment.
func writeMarkdown(w io.Writer, r *report.Report, opts Options) error {
	v := newView(r)
	s := v.summary()
	var b strings.Builder
	b.WriteString("### " + ToolName + "\n\n")
	fmt.Fprintf(&b, "**%s, %s, %s** in %s; checked %s, %s, %s",
		plural(s.errors, "error"), plural(s.warnings, "warning"), plural(s.infos, "info"),
		plural(s.filesWithFindings, "file"), plural(r.Files, "file"), plural(r.Entities, "entity"), plural(len(v.rules), "rule"))
	if s.inputErrors+s.inputWarnings > 0 {
		fmt.Fprintf(&b, "; input: **%s in %s**, %s", plural(s.inputErrors, "error"), plural(s.filesWithInputErrors, "file"),
			plural(s.inputWarnings, "warning"))
	}
	b.WriteString(".\n\n")
	if s.inputErrors > 0 {
		b.WriteString("> [!WARNING]\n> Some input could not be read, so the findings may be incomplete; see the input diagnostics below.\n\n")
	}

	if len(v.findings) == 0 {
		b.WriteString("No findings.\n\n")
	} else {
		b.WriteString("| Severity | Rule | Where | Message |\n|---|---|---|---|\n")
		for i, f := range v.findings {
			if i == markdownMaxRows {
				fmt.Fprintf(&b, "\n… and %d more findings; see the full report.\n", len(v.findings)-markdownMaxRows)
				break
			}
			fmt.Fprintf(&b, "| %s | %s | %s | %s |\n", f.Severity, mdRule(f.RuleID, v.byID[f.RuleID].HelpURI),
				mdWhere(f.Range, opts.LinkBase), mdText(f.Message))
		}
		b.WriteString("\n")
	}

	if opts.Mermaid != "" {
		b.WriteString("<details open><summary>Topology</summary>\n\n")
		b.WriteString(Fence("mermaid", opts.Mermaid))
		b.WriteString("\n</details>\n\n")
	}

	if len(v.findings) > 0 {
		fmt.Fprintf(&b, "<details><summary>Details of %s</summary>\n\n", plural(len(v.findings), "finding"))
		for i, f := range v.findings {
			if i == markdownMaxRows {
				break
			}
			ru, known := v.byID[f.RuleID]
			fmt.Fprintf(&b, "#### %s %s: %s\n\n", f.Severity, mdText(f.RuleID), mdText(firstNonEmpty(ru.Title, f.Message)))
			fmt.Fprintf(&b, "%s at %s\n\n", mdText(f.Message), mdWhere(f.Range, opts.LinkBase))
			if f.Address != "" {
				fmt.Fprintf(&b, "- resource: %s\n", mdCode(f.Address))
			}
			for _, fr := range f.CallChain {
				fmt.Fprintf(&b, "- via: %s at %s\n", mdCode(fr.Address), mdWhere(fr.Range, opts.LinkBase))
			}
			for _, rel := range f.Related {
				fmt.Fprintf(&b, "- related: %s at %s", mdCode(firstNonEmpty(rel.Address, rel.Entity)), mdWhere(rel.Range, opts.LinkBase))
				if rel.Message != "" {
					b.WriteString(": " + mdText(rel.Message))
				}
				b.WriteString("\n")
			}
			if known && ru.Remediation != "" {
				fmt.Fprintf(&b, "- fix: %s\n", mdText(ru.Remediation))
			}
			b.WriteString("\n")
		}
		b.WriteString("</details>\n\n")
	}

	if len(v.diags) > 0 {
		fmt.Fprintf(&b, "<details><summary>Input diagnostics (%s, %s, %s)</summary>\n\n",
			plural(s.inputErrors, "error"), plural(s.inputWarnings, "warning"), plural(s.inputNotes, "note"))
		for _, d := range v.diags {
			fmt.Fprintf(&b, "- %s %s: %s", diagWord(diagLevel(d.Severity)), mdWhere(d.Range, opts.LinkBase), mdText(d.Summary))
			if d.Detail != "" {
				b.WriteString(" — " + mdText(d.Detail))
			}
			b.WriteString("\n")
		}
		b.WriteString("\n</details>\n")
	}
	_, err := io.WriteString(w, strings.TrimRight(b.String(), "\n")+"\n")
	return err
}

func diagWord(level string) string {
	if level == "info" {
		return "note"
	}
	return level
}

// mdRule is the rule id, linked to its documentation when it has a page.
func mdRule(id, helpURI string) string {
	if u, err := url.Parse(helpURI); err == nil && (u.Scheme == "https" || u.Scheme == "http") {
		return "[" + mdText(id) + "](" + mdURL(helpURI) + ")"
	}
	return mdText(id)
}

// mdWhere is file:line, a link to that line when base (a blob URL prefix such
// as https://github.com/o/r/blob/SHA/) is given.
func mdWhere(rng model.Range, base string) string {
	if rng.File == "" {
		return "(no source location)"
	}
	text := rng.File
	if rng.Start.Line > 0 {
		text += ":" + strconv.Itoa(rng.Start.Line)
	}
	if base == "" {
		return mdCode(text)
	}
	segs := strings.Split(rng.File, "/")
	for i, s := range segs {
		segs[i] = url.PathEscape(s)
	}
	link := strings.TrimSuffix(base, "/") + "/" + strings.Join(segs, "/")
	if rng.Start.Line > 0 {
		link += "#L" + strconv.Itoa(rng.Start.Line)
		if rng.End.Line > rng.Start.Line {
			link += "-L" + strconv.Itoa(rng.End.Line)
		}
	}
	return "[" + mdText(text) + "](" + mdURL(link) + ")"
}

// mdURL keeps a link destination inside its parentheses.
func mdURL(u string) string { return mdURLEscaper.Replace(u) }

var mdURLEscaper = strings.NewReplacer(" ", "%20", "(", "%28", ")", "%29", "<", "%3C", ">", "%3E", "\n", "", "\r", "")

// EscapeMarkdown escapes text from the input for Markdown the way every
// markdown report does (one line, syntax characters backslash-escaped).
func EscapeMarkdown(s string) string { return mdText(s) }

// mdText escapes text from the input for a table cell or paragraph: one line,
// and every character Markdown or HTML could read as syntax backslash-escaped
// (CommonMark renders an escaped ASCII punctuation character literally).
func mdText(s string) string { return mdEscaper.Replace(clean(s)) }

var mdEscaper = func() *strings.Replacer {
	var pairs []string
	for _, c := range "\\`*_{}[]<>()#+!|~@&" {
		pairs = append(pairs, string(c), `\`+string(c))
	}
	return strings.NewReplacer(pairs...)
}()

// mdCode is text in a code span whose delimiter is longer than any backtick
// run inside it; pipes are still escaped, since a table cell ends at one.
func mdCode(s string) string {
	s = clean(s)
	tick := strings.Repeat("`", longestRun(s, '`')+1)
	pad := ""
	if strings.HasPrefix(s, "`") || strings.HasSuffix(s, "`") {
		pad = " "
	}
	return tick + pad + strings.ReplaceAll(s, "|", `\|`) + pad + tick
}

// Fence wraps text in a Markdown code fence of the given language, longer
// than any backtick run inside it, so the content cannot close it early.
func Fence(lang, text string) string {
	fence := strings.Repeat("`", max(3, longestRun(text, '`')+1))
	return fence + lang + "\n" + strings.TrimRight(text, "\n") + "\n" + fence + "\n"
}

func longestRun(s string, c byte) int {
	best, run := 0, 0
	for i := 0; i < len(s); i++ {
		if s[i] == c {
			run++
			best = max(best, run)
		} else {
			run = 0
		}
	}
	return best
}
