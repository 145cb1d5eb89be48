package baseline

import (
	"bytes"
	"strings"
	"testing"

	"github.com/lattice-lint/lattice-lint/pkg/finding"
	"github.com/lattice-lint/lattice-lint/pkg/fingerprint"
	"github.com/lattice-lint/lattice-lint/pkg/model"
	"github.com/lattice-lint/lattice-lint/pkg/report"
)

func at(file string, line int) model.Range {
	return model.Range{File: file, Start: model.Pos{Line: line, Column: 1}, End: model.Pos{Line: line, Column: 9}}
}

var (
	svc = finding.Finding{RuleID: "LAT-SEC-005", Severity: "warning", Message: "service s has auth_type NONE",
		Entity: ".//aws_vpclattice_service.s", Address: "aws_vpclattice_service.s", Attribute: "auth_type", Range: at("main.tf", 12)}
	net = finding.Finding{RuleID: "LAT-OBS-001", Severity: "warning", Message: "network n has no access logs",
		Entity: ".//aws_vpclattice_service_network.n", Address: "aws_vpclattice_service_network.n", Range: at("main.tf", 3)}
	stack = finding.Finding{RuleID: "LAT-COR-001", Severity: "error", Message: "service Orders is not associated",
		Entity: "stacks/app.yaml//Orders", Address: "Orders", Range: at("stacks/app.yaml", 20)}
)

// TestBuildIsSortedAndPositionFree: the file lists each fingerprint once,
// sorted, without lines, so moving code does not change it.
func TestBuildIsSortedAndPositionFree(t *testing.T) {
	var a, b bytes.Buffer
	if err := Build([]finding.Finding{svc, net, stack, svc}, "/src").Write(&a); err != nil {
		t.Fatal(err)
	}
	moved := []finding.Finding{stack, net, svc}
	for i := range moved {
		moved[i].Range.Start.Line += 40
	}
	if err := Build(moved, "/src").Write(&b); err != nil {
		t.Fatal(err)
	}
	if a.String() != b.String() {
		t.Errorf("moving code or reordering findings changed the baseline:\n%s\n---\n%s", a.String(), b.String())
	}
	doc, err := Read(&a, "b.json")
	if err != nil {
		t.Fatal(err)
	}
	var rules []string
	for _, e := range doc.Findings {
		rules = append(rules, e.RuleID)
	}
	if strings.Join(rules, ",") != "LAT-COR-001,LAT-OBS-001,LAT-SEC-005" {
		t.Errorf("entries %v, want one per finding sorted by rule", rules)
	}
	if strings.Contains(b.String(), `"line"`) || !strings.HasSuffix(b.String(), "}\n") {
		t.Errorf("baseline has positions or no final newline:\n%s", b.String())
	}
}

func TestApply(t *testing.T) {
	base := Build([]finding.Finding{svc, net}, "/src")
	newOne := stack
	moved := svc
	moved.Range = at("other.tf", 99) // moved to another file of the same root
	rep := &report.Report{Root: "/src", Findings: []finding.Finding{moved, newOne}}
	if err := Apply(rep, base, ".lattice-lint-baseline.json"); err != nil {
		t.Fatal(err)
	}
	if len(rep.Findings) != 1 || rep.Findings[0].RuleID != "LAT-COR-001" {
		t.Errorf("findings left %+v, want only the new one", rep.Findings)
	}
	if len(rep.Suppressed) != 1 || rep.Suppressed[0].Kind != report.External ||
		!strings.Contains(rep.Suppressed[0].Justification, ".lattice-lint-baseline.json") {
		t.Errorf("suppressed %+v", rep.Suppressed)
	}
	if *rep.Baseline != (report.BaselineUse{File: ".lattice-lint-baseline.json", Hidden: 1, Fixed: 1}) {
		t.Errorf("baseline use %+v, want 1 hidden and 1 fixed (the network's finding is gone)", *rep.Baseline)
	}
}

// TestApplyCountsInSourceSuppressedAsNotFixed: a recorded finding that is
// now suppressed by a comment still occurs; it is not "fixed".
func TestApplyCountsInSourceSuppressedAsNotFixed(t *testing.T) {
	rep := &report.Report{Root: "/src", Suppressed: []report.Suppressed{{Finding: net, Kind: report.InSource}}}
	if err := Apply(rep, Build([]finding.Finding{net}, "/src"), "b.json"); err != nil {
		t.Fatal(err)
	}
	if rep.Baseline.Fixed != 0 {
		t.Errorf("fixed %d, want 0", rep.Baseline.Fixed)
	}
}

func TestReadRejects(t *testing.T) {
	fp := fingerprint.Of(svc, "/src")
	for name, doc := range map[string]string{
		"not JSON":          "findings: []",
		"unknown key":       `{"version": 1, "fingerprint_scheme": "` + fingerprint.Key + `", "findings": [], "ignore": []}`,
		"other version":     `{"version": 2, "fingerprint_scheme": "` + fingerprint.Key + `", "findings": []}`,
		"other scheme":      `{"version": 1, "fingerprint_scheme": "latticeLint/v1", "findings": []}`,
		"short fingerprint": `{"version": 1, "fingerprint_scheme": "` + fingerprint.Key + `", "findings": [{"rule_id": "X", "source": ".", "address": "a", "message": "", "fingerprint": "` + fp[:10] + `"}]}`,
		"two documents":     `{"version": 1, "fingerprint_scheme": "` + fingerprint.Key + `", "findings": []} {}`,
	} {
		if _, err := Read(strings.NewReader(doc), "b.json"); err == nil || !strings.Contains(err.Error(), "b.json") {
			t.Errorf("%s: err = %v, want an error naming the file", name, err)
		}
	}
}
