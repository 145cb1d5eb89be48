package output

import (
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/lattice-lint/lattice-lint/pkg/diag"
	"github.com/lattice-lint/lattice-lint/pkg/finding"
	"github.com/lattice-lint/lattice-lint/pkg/model"
	"github.com/lattice-lint/lattice-lint/pkg/report"
)

// ANSI SGR codes.
const (
	sgrBold   = "1"
	sgrRed    = "1;31"
	sgrYellow = "1;33"
	sgrCyan   = "1;36"
	sgrBlue   = "1;34"
)

type painter bool

func (p painter) paint(code, s string) string {
	if !p || s == "" {
		return s
	}
	return "\x1b[" + code + "m" + s + "\x1b[0m"
}

func severityColor(sev string) string {
	switch sev {
	case string(finding.SeverityError):
		return sgrRed
	case string(finding.SeverityWarning):
		return sgrYellow
	}
	return sgrCyan
}

// textWriter accumulates the text format.
type textWriter struct {
	w   io.Writer
	p   painter
	src *sourceCache
	err error
}

func (t *textWriter) printf(format string, args ...any) {
	if t.err == nil {
		_, t.err = fmt.Fprintf(t.w, format, args...)
	}
}

// writeText renders the report the way compilers do: input diagnostics first,
// then findings grouped by file, each with its location, the source line with
// the range underlined and notes, then a one-line summary.
func writeText(w io.Writer, r *report.Report, opts Options) error {
	v := newView(r)
	t := &textWriter{w: w, p: painter(opts.Color), src: newSourceCache(opts.ReadFile)}

	for _, d := range v.diags {
		t.diagnostic(d)
	}
	// Findings without a file go last, after the files in order.
	shown := v.shown(opts)
	located := slices.DeleteFunc(slices.Clone(shown), func(f finding.Finding) bool { return f.Range.File == "" })
	unlocated := slices.DeleteFunc(slices.Clone(shown), func(f finding.Finding) bool { return f.Range.File != "" })
	file, started := "", false
	for _, f := range append(located, unlocated...) {
		if !started || f.Range.File != file {
			file, started = f.Range.File, true
			name := file
			if name == "" {
				name = "(no source location)"
			}
			t.printf("%s\n", t.p.paint(sgrBold, "==> "+clean(name)+" <=="))
		}
		ru, known := v.byID[f.RuleID]
		t.finding(f, ru, known, v)
	}
	t.summary(v)
	return t.err
}

func (t *textWriter) diagnostic(d diag.Diagnostic) {
	head := t.p.paint(severityColor(diagLevel(d.Severity)), "input "+string(d.Severity))
	t.printf("%s: %s: %s\n", clean(d.Range.String()), head, t.p.paint(sgrBold, clean(d.Summary)))
	gutter := t.snippet(d.Range, diagLevel(d.Severity))
	if d.Detail != "" {
		t.note(gutter, "", clean(d.Detail))
	}
	t.printf("\n")
}

func (t *textWriter) finding(f finding.Finding, ru finding.Rule, known bool, v *view) {
	sev := string(f.Severity)
	head := t.p.paint(severityColor(sev), sev+"["+clean(f.RuleID)+"]")
	sup, suppressed := v.suppression(f)
	if suppressed {
		head = t.p.paint(sgrBold, "suppressed "+sev+"["+clean(f.RuleID)+"]")
	}
	t.printf("%s: %s: %s\n", clean(f.Range.String()), head, t.p.paint(sgrBold, clean(f.Message)))
	gutter := t.snippet(f.Range, sev)

	subject := f.Address
	if subject == "" {
		subject = f.Entity
	}
	if subject != "" {
		if f.Attribute != "" {
			subject += ", attribute " + f.Attribute
		}
		t.note(gutter, "resource", clean(subject))
	}
	if len(f.CallChain) > 0 {
		t.note(gutter, "via", clean(callChainText(f.CallChain)))
	}
	if suppressed {
		t.note(gutter, "suppressed", clean(suppressionText(sup)))
	}
	for _, rel := range f.Related {
		t.note(gutter, "related", clean(relatedText(rel)))
	}
	if known && ru.Remediation != "" {
		t.note(gutter, "fix", clean(ru.Remediation))
	}
	if known && ru.HelpURI != "" {
		t.note(gutter, "help", clean(ru.HelpURI))
	}
	t.printf("\n")
}

// callChainText renders module calls outermost first:
// "module.app (main.tf:2) -> module.app.module.svc (modules/app/main.tf:1)".
func callChainText(chain []model.Frame) string {
	calls := make([]string, len(chain))
	for i, fr := range chain {
		calls[i] = fr.Address + " (" + frameLocation(fr.Range) + ")"
	}
	return strings.Join(calls, " -> ")
}

// frameLocation is file:line for a module call, the form the brief and
// editors expect; the column adds nothing for a module block.
func frameLocation(r model.Range) string {
	if r.File == "" || r.Start.Line == 0 {
		return r.String()
	}
	return r.File + ":" + strconv.Itoa(r.Start.Line)
}

func relatedText(rel finding.Related) string {
	name := rel.Address
	if name == "" {
		name = rel.Entity
	}
	s := name
	if !rel.Range.IsZero() {
		s += " at " + rel.Range.String()
	}
	if rel.Message != "" {
		s += ": " + rel.Message
	}
	return s
}

// snippet prints the source line of rng with the range underlined, and
// returns the gutter width the following notes align to. Without a readable
// line it prints nothing: a missing file must not cost the other findings.
func (t *textWriter) snippet(rng model.Range, sev string) int {
	line, ok := t.src.line(rng.File, rng.Start.Line)
	if !ok {
		return 1
	}
	sn := makeSnippet(line, rng)
	num := strconv.Itoa(rng.Start.Line)
	gutter := len(num)
	bar := t.p.paint(sgrBlue, "|")
	under := "^" + strings.Repeat("~", sn.width-1)
	t.printf("%s %s\n", strings.Repeat(" ", gutter), bar)
	t.printf("%s %s %s\n", t.p.paint(sgrBlue, num), bar, sn.text)
	t.printf("%s %s %s%s\n", strings.Repeat(" ", gutter), bar, strings.Repeat(" ", sn.pad), t.p.paint(severityColor(sev), under))
	return gutter
}

// note prints "= label: text" under the snippet; an empty label prints the text alone.
func (t *textWriter) note(gutter int, label, text string) {
	if label != "" {
		text = t.p.paint(sgrBold, label+":") + " " + text
	}
	t.printf("%s %s %s\n", strings.Repeat(" ", gutter), t.p.paint(sgrBlue, "="), text)
}

func (t *textWriter) summary(v *view) {
	s := v.summary()
	count := func(n int, word, code string) string {
		text := plural(n, word)
		if n > 0 {
			return t.p.paint(code, text)
		}
		return text
	}
	t.printf("%s, %s, %s in %s; checked %s, %s, %s; input: %s in %s, %s, %s\n",
		count(s.errors, "error", sgrRed), count(s.warnings, "warning", sgrYellow), count(s.infos, "info", sgrCyan),
		plural(s.filesWithFindings, "file"),
		plural(v.r.Files, "file"), plural(v.r.Entities, "entity"), plural(len(v.rules), "rule"),
		count(s.inputErrors, "error", sgrRed), plural(s.filesWithInputErrors, "file"),
		count(s.inputWarnings, "warning", sgrYellow), plural(s.inputNotes, "note"))
	if s.suppressed > 0 || s.baselined > 0 || v.r.Baseline != nil {
		t.printf("hidden: %s", plural(s.suppressed, "suppressed finding"))
		if b := v.r.Baseline; b != nil {
			t.printf(", %d by baseline %s (%s fixed", b.Hidden, clean(b.File), plural(b.Fixed, "recorded finding"))
			if b.Fixed > 0 {
				t.printf(": lint --write-baseline %s drops them", clean(b.File))
			}
			t.printf(")")
		}
		t.printf("\n")
	}
}

// suppressionText says why a finding is hidden and where that is written.
func suppressionText(s report.Suppressed) string {
	if s.Kind == report.External {
		return s.Justification
	}
	return s.Justification + " (" + s.At.String() + ")"
}

func plural(n int, word string) string {
	if n != 1 {
		if strings.HasSuffix(word, "y") {
			word = word[:len(word)-1] + "ie"
		}
		word += "s"
	}
	return strconv.Itoa(n) + " " + word
}

// diagLevel maps a diagnostic severity onto the finding vocabulary that
// colours and annotation levels are keyed by.
func diagLevel(s diag.Severity) string {
	switch s {
	case diag.Error:
		return string(finding.SeverityError)
	case diag.Warning:
		return string(finding.SeverityWarning)
	}
	return string(finding.SeverityInfo)
}
