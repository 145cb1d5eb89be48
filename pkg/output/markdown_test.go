package output

import (
	"bytes"
	"encoding/xml"
	"strings"
	"testing"

	"github.com/lattice-lint/lattice-lint/pkg/finding"
	"github.com/lattice-lint/lattice-lint/pkg/report"
)

// TestMarkdownEscapesInput: names from untrusted code cannot become links,
// images, mentions, HTML or extra table cells in a pull-request comment.
func TestMarkdownEscapesInput(t *testing.T) {
	evil := `x | y ![i](https://e.test/p.png) <img src=x> @octocat [l](https://e.test) **b** ` + "```"
	r := &report.Report{Findings: []finding.Finding{{RuleID: "LAT-COR-001", Severity: finding.SeverityError,
		Message: evil, Address: evil, Range: rng("a|b.tf", 1, 1, 1, 2)}}}
	var buf bytes.Buffer
	if err := Write(&buf, FormatMarkdown, r, Options{LinkBase: "https://github.com/o/r/blob/s/"}); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, line := range strings.Split(out, "\n") {
		if strings.HasPrefix(line, "- resource: ````") {
			continue // a code span: its content is shown literally
		}
		for _, bad := range []string{"![i]", " <img", " @octocat", "[l](", "**b**", " | y"} {
			if strings.Contains(line, bad) {
				t.Errorf("output contains %q unescaped: %s", bad, line)
			}
		}
	}
	for _, line := range strings.Split(out, "\n") {
		if strings.HasPrefix(line, "| error") {
			if cells := strings.Count(line, "|") - strings.Count(line, `\|`); cells != 5 {
				t.Errorf("table row has %d unescaped pipes, want 5: %s", cells, line)
			}
		}
	}
	if !strings.Contains(out, "(https://github.com/o/r/blob/s/a%7Cb.tf#L1)") {
		t.Errorf("file link not percent-encoded:\n%s", out)
	}
}

// TestMarkdownCapsRows: a huge report stays within a comment's size limit.
func TestMarkdownCapsRows(t *testing.T) {
	r := &report.Report{}
	for range 5000 {
		r.Findings = append(r.Findings, finding.Finding{RuleID: "LAT-COR-001", Severity: finding.SeverityError,
			Message: strings.Repeat("m", 100), Range: rng("main.tf", 1, 1, 1, 2)})
	}
	var buf bytes.Buffer
	if err := Write(&buf, FormatMarkdown, r, Options{}); err != nil {
		t.Fatal(err)
	}
	if buf.Len() > 65536 {
		t.Errorf("comment is %d bytes, GitHub takes at most 65536", buf.Len())
	}
	if !strings.Contains(buf.String(), "and 4900 more findings") {
		t.Error("left-out findings are not counted")
	}
}

// TestJUnitOneCasePerRuleAndEntity: two findings of one rule on one entity are
// one failing case; a rule without findings is one passing case.
func TestJUnitOneCasePerRuleAndEntity(t *testing.T) {
	r := &report.Report{
		Rules: []finding.Rule{{ID: "LAT-COR-001", Severity: finding.SeverityError}, {ID: "LAT-OBS-001", Severity: finding.SeverityWarning}},
		Findings: []finding.Finding{
			{RuleID: "LAT-COR-001", Severity: finding.SeverityWarning, Entity: "a//x", Address: "x", Message: "one", Range: rng("a.tf", 1, 1, 1, 2)},
			{RuleID: "LAT-COR-001", Severity: finding.SeverityError, Entity: "a//x", Address: "x", Message: "two", Range: rng("a.tf", 5, 1, 5, 2)},
			{RuleID: "LAT-COR-001", Severity: finding.SeverityError, Entity: "a//y", Address: "y", Message: "three", Range: rng("a.tf", 9, 1, 9, 2)},
		},
	}
	var buf bytes.Buffer
	if err := Write(&buf, FormatJUnit, r, Options{}); err != nil {
		t.Fatal(err)
	}
	var got junitSuites
	if err := xml.Unmarshal(buf.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	if got.Tests != 3 || got.Failures != 2 || len(got.Suites) != 2 {
		t.Fatalf("tests %d failures %d suites %d, want 3, 2, 2:\n%s", got.Tests, got.Failures, len(got.Suites), buf.String())
	}
	x := got.Suites[0].Cases[0]
	if x.Name != "x" || x.Failure == nil || x.Failure.Type != "error" || !strings.Contains(x.Failure.Text, "one") ||
		!strings.Contains(x.Failure.Text, "two") || x.Failure.Message != "2 findings" {
		t.Errorf("case x = %+v", x)
	}
	if c := got.Suites[1].Cases; len(c) != 1 || c[0].Failure != nil {
		t.Errorf("rule without findings: %+v, want one passing case", c)
	}
}
