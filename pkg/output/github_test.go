package output

import (
	"bytes"
	"strings"
	"testing"

	"github.com/lattice-lint/lattice-lint/pkg/finding"
	"github.com/lattice-lint/lattice-lint/pkg/model"
	"github.com/lattice-lint/lattice-lint/pkg/report"
)

func TestWorkflowCommand(t *testing.T) {
	tests := []struct {
		name, level string
		rng         model.Range
		title, msg  string
		want        string
	}{
		{"single line", "error", rng("a.tf", 3, 5, 3, 9), "LAT-COR-001: t", "m",
			"::error file=a.tf,line=3,col=5,endColumn=9,title=LAT-COR-001%3A t::m\n"},
		{"multi line drops columns", "warning", rng("a.tf", 3, 5, 7, 2), "t", "m",
			"::warning file=a.tf,line=3,endLine=7,title=t::m\n"},
		{"no line", "notice", model.Range{File: "a.tf"}, "t", "m", "::notice file=a.tf,title=t::m\n"},
		{"no file", "notice", model.Range{}, "t", "m", "::notice title=t::m\n"},
		{"properties escaped", "error", rng("dir,x/a:b%.tf", 1, 1, 1, 2), "a,b:c", "m",
			"::error file=dir%2Cx/a%3Ab%25.tf,line=1,col=1,endColumn=2,title=a%2Cb%3Ac::m\n"},
		{"message cannot start a new command", "error", rng("a.tf", 1, 1, 1, 2), "t", "x\n::error::forged\r\n100%",
			"::error file=a.tf,line=1,col=1,endColumn=2,title=t::x%0A::error::forged%0A100%25\n"},
		{"terminal escapes removed", "error", rng("a.tf", 1, 1, 1, 2), "t\x1b[2J", "m\x1b[2J",
			"::error file=a.tf,line=1,col=1,endColumn=2,title=t\ufffd[2J::m\ufffd[2J\n"},
	}
	for _, tt := range tests {
		if got := workflowCommand(tt.level, tt.rng, tt.title, tt.msg); got != tt.want {
			t.Errorf("%s:\n got %q\nwant %q", tt.name, got, tt.want)
		}
	}
}

func TestGitHubOneLinePerAnnotation(t *testing.T) {
	r := fullReport()
	r.Findings = append(r.Findings, finding.Finding{
		RuleID: "LAT-SEC-005", Severity: finding.SeverityWarning, Message: "multi\nline\nmessage", Range: rng("a.tf", 1, 1, 1, 2),
	})
	var buf bytes.Buffer
	if err := Write(&buf, FormatGitHub, r, Options{}); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
	if want := len(r.Findings) + len(r.Diagnostics); len(lines) != want {
		t.Fatalf("%d lines for %d annotations", len(lines), want)
	}
	for _, l := range lines {
		if !strings.HasPrefix(l, "::error ") && !strings.HasPrefix(l, "::warning ") && !strings.HasPrefix(l, "::notice ") {
			t.Errorf("not an annotation command: %q", l)
		}
	}
	var empty bytes.Buffer
	if err := Write(&empty, FormatGitHub, &report.Report{}, Options{}); err != nil || empty.Len() != 0 {
		t.Errorf("empty report: %q, %v", empty.String(), err)
	}
}
