package lint

import (
	"strings"
	"testing"

	"github.com/lattice-lint/lattice-lint/pkg/config"
	"github.com/lattice-lint/lattice-lint/pkg/finding"
)

func TestApplySettings(t *testing.T) {
	all := []finding.Rule{
		{ID: "LAT-COR-001", Severity: finding.SeverityError},
		{ID: "LAT-OBS-001", Severity: finding.SeverityWarning},
		{ID: "LAT-SEC-005", Severity: finding.SeverityWarning},
	}
	findings := func() []finding.Finding {
		return []finding.Finding{
			{RuleID: "LAT-COR-001", Severity: finding.SeverityError, Entity: "a"},
			{RuleID: "LAT-COR-001", Severity: finding.SeverityInfo, Entity: "shared"}, // the rule's own downgrade
			{RuleID: "LAT-OBS-001", Severity: finding.SeverityWarning, Entity: "b"},
			{RuleID: "LAT-SEC-005", Severity: finding.SeverityError, Entity: "c"}, // the rule's own escalation
		}
	}
	cfg, err := config.Parse([]byte(`
rules:
  LAT-COR-001: {severity: warning}
  LAT-OBS-001: {enabled: false}
  LAT-SEC-005: {severity: info}
`), "x.yaml")
	if err != nil {
		t.Fatal(err)
	}
	ran, got, err := applySettings(all, findings(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, f := range got {
		b.WriteString(f.RuleID + "/" + f.Entity + "=" + string(f.Severity) + " ")
	}
	if want := "LAT-COR-001/a=warning LAT-COR-001/shared=info LAT-SEC-005/c=error "; b.String() != want {
		t.Errorf("findings: %q, want %q", b.String(), want)
	}
	if len(ran) != 2 || ran[0].ID != "LAT-COR-001" || ran[0].Severity != finding.SeverityWarning || ran[1].Severity != finding.SeverityInfo {
		t.Errorf("rules that ran: %+v (disabled dropped, defaults overridden)", ran)
	}
	if all[0].Severity != finding.SeverityError {
		t.Error("the engine's rule list was modified")
	}

	bad, _ := config.Parse([]byte("rules:\n  LAT-OBS-01: {enabled: false}\n"), "x.yaml")
	if _, _, err := applySettings(all, findings(), bad); err == nil || !strings.Contains(err.Error(), "LAT-OBS-01") {
		t.Errorf("a misspelt rule id must be an error, got %v", err)
	}
	if r, f, err := applySettings(all, findings(), nil); err != nil || len(r) != 3 || len(f) != 4 {
		t.Errorf("no config: %d rules %d findings %v", len(r), len(f), err)
	}
}
