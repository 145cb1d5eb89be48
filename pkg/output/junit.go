package output

import (
	"encoding/xml"
	"io"
	"strconv"
	"strings"

	"github.com/lattice-lint/lattice-lint/pkg/finding"
	"github.com/lattice-lint/lattice-lint/pkg/report"
)

// The JUnit XML subset CI servers read (Jenkins, GitLab, Azure DevOps,
// CircleCI): testsuites > testsuite > testcase with failure or error.
type (
	junitSuites struct {
		XMLName  xml.Name     `xml:"testsuites"`
		Name     string       `xml:"name,attr"`
		Tests    int          `xml:"tests,attr"`
		Failures int          `xml:"failures,attr"`
		Errors   int          `xml:"errors,attr"`
		Skipped  int          `xml:"skipped,attr,omitempty"`
		Suites   []junitSuite `xml:"testsuite"`
	}
	junitSuite struct {
		Name     string      `xml:"name,attr"`
		Tests    int         `xml:"tests,attr"`
		Failures int         `xml:"failures,attr"`
		Errors   int         `xml:"errors,attr"`
		Skipped  int         `xml:"skipped,attr,omitempty"`
		Cases    []junitCase `xml:"testcase"`
	}
	junitCase struct {
		Name      string        `xml:"name,attr"`
		Classname string        `xml:"classname,attr"`
		File      string        `xml:"file,attr,omitempty"`
		Line      int           `xml:"line,attr,omitempty"`
		Failure   *junitProblem `xml:"failure,omitempty"`
		Error     *junitProblem `xml:"error,omitempty"`
		// Skipped marks a suppressed finding (listed with --show-suppressed).
		Skipped *junitSkipped `xml:"skipped,omitempty"`
	}
	junitSkipped struct {
		Message string `xml:"message,attr"`
	}
	junitProblem struct {
		Message string `xml:"message,attr"`
		Type    string `xml:"type,attr"`
		Text    string `xml:",cdata"`
	}
)

// writeJUnit renders one test suite per rule that ran and one test case per
// rule × entity: an entity with findings of the rule fails (all of them in one
// failure), and a rule without findings is one passing case, so dashboards
// count what was checked. Input errors are an "input" suite of errored cases,
// one per file, because a file that was not read is not a pass.
func writeJUnit(w io.Writer, r *report.Report, opts Options) error {
	v := newView(r)
	root := junitSuites{Name: ToolName}
	if s, ok := junitInputSuite(v); ok {
		root.Suites = append(root.Suites, s)
	}
	byRule := map[string][]int{} // rule id -> indexes into v.findings
	var ids []string
	for _, ru := range v.rules {
		ids = append(ids, ru.ID)
		byRule[ru.ID] = nil
	}
	for i, f := range v.findings {
		if _, ok := byRule[f.RuleID]; !ok {
			ids = append(ids, f.RuleID) // a rule without metadata still gets its suite
		}
		byRule[f.RuleID] = append(byRule[f.RuleID], i)
	}
	// Suppressed findings are skipped cases, only when asked for.
	skipped := map[string][]junitCase{}
	if opts.ShowSuppressed {
		for _, f := range v.all {
			sup, ok := v.suppression(f)
			if !ok {
				continue
			}
			if _, known := byRule[f.RuleID]; !known {
				ids = append(ids, f.RuleID)
				byRule[f.RuleID] = nil
			}
			skipped[f.RuleID] = append(skipped[f.RuleID], junitCase{
				Name: clean(firstNonEmpty(f.Address, f.Entity, "(no entity)")), Classname: f.RuleID,
				File: f.Range.File, Line: f.Range.Start.Line,
				Skipped: &junitSkipped{Message: clean("suppressed: " + suppressionText(sup))}})
		}
	}
	for _, id := range ids {
		ru, known := v.byID[id]
		suite := junitSuite{Name: id}
		if known && ru.Title != "" {
			suite.Name += ": " + clean(ru.Title)
		}
		var order []string
		cases := map[string]*junitCase{}
		text := map[string][]string{}
		for _, i := range byRule[id] {
			f := v.findings[i]
			key := firstNonEmpty(f.Entity, f.Address, f.Range.File)
			c, seen := cases[key]
			if !seen {
				c = &junitCase{Name: clean(firstNonEmpty(f.Address, f.Entity, "(no entity)")), Classname: id,
					File: f.Range.File, Line: f.Range.Start.Line,
					Failure: &junitProblem{Message: clean(f.Message), Type: string(f.Severity)}}
				cases[key] = c
				order = append(order, key)
			} else if f.Severity.Rank() > finding.Severity(c.Failure.Type).Rank() {
				c.Failure.Type = string(f.Severity)
			}
			text[key] = append(text[key], f.Range.String()+": "+string(f.Severity)+": "+clean(f.Message))
		}
		for _, key := range order {
			c := cases[key]
			lines := text[key]
			if len(lines) > 1 {
				c.Failure.Message = strconv.Itoa(len(lines)) + " findings"
			}
			if known && ru.Remediation != "" {
				lines = append(lines, "fix: "+clean(ru.Remediation))
			}
			if known && ru.HelpURI != "" {
				lines = append(lines, "help: "+clean(ru.HelpURI))
			}
			c.Failure.Text = strings.Join(lines, "\n")
			suite.Cases = append(suite.Cases, *c)
			suite.Failures++
		}
		suite.Cases = append(suite.Cases, skipped[id]...)
		suite.Skipped = len(skipped[id])
		if len(order) == 0 && len(skipped[id]) == 0 {
			suite.Cases = append(suite.Cases, junitCase{Name: "no findings", Classname: id})
		}
		suite.Tests = len(suite.Cases)
		root.Suites = append(root.Suites, suite)
	}
	for _, s := range root.Suites {
		root.Tests += s.Tests
		root.Failures += s.Failures
		root.Errors += s.Errors
		root.Skipped += s.Skipped
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(root); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}

// junitInputSuite is one errored case per file with input errors.
func junitInputSuite(v *view) (junitSuite, bool) {
	suite := junitSuite{Name: "input"}
	index := map[string]int{}
	for _, d := range v.diags {
		if diagLevel(d.Severity) != "error" {
			continue
		}
		file := firstNonEmpty(d.Range.File, "(no file)")
		msg := d.Range.String() + ": " + clean(d.Summary)
		if d.Detail != "" {
			msg += "\n" + cleanLines(d.Detail)
		}
		if i, ok := index[file]; ok {
			suite.Cases[i].Error.Text += "\n" + msg
			continue
		}
		index[file] = len(suite.Cases)
		suite.Cases = append(suite.Cases, junitCase{Name: file, Classname: "input", File: d.Range.File,
			Line: d.Range.Start.Line, Error: &junitProblem{Message: clean(d.Summary), Type: "input error", Text: msg}})
	}
	suite.Tests, suite.Errors = len(suite.Cases), len(suite.Cases)
	return suite, len(suite.Cases) > 0
}
