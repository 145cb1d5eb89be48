package lint

import (
	"time"

	"github.com/lattice-lint/lattice-lint/pkg/config"
	"github.com/lattice-lint/lattice-lint/pkg/finding"
	"github.com/lattice-lint/lattice-lint/pkg/model"
	"github.com/lattice-lint/lattice-lint/pkg/parse"
	"github.com/lattice-lint/lattice-lint/pkg/report"
	"github.com/lattice-lint/lattice-lint/pkg/suppress"
)

// applySuppressions hides the findings in-code suppressions cover and adds
// the LAT-SUP findings about the suppressions themselves (which the config's
// rule settings switch and re-grade like any rule's).
func applySuppressions(rep *report.Report, findings []finding.Finding, pr *parse.Result, all []finding.Rule,
	cfg *config.Config, today string) {
	if today == "" {
		today = time.Now().UTC().Format(time.DateOnly)
	}
	known := make(map[string]bool, len(all))
	for _, r := range all {
		known[r.ID] = true
	}
	ran := make(map[string]bool, len(rep.Rules))
	for _, r := range rep.Rules {
		ran[r.ID] = true
	}
	declared := func(id string) (model.Range, bool) {
		if e := pr.Model.Get(id); e != nil {
			return e.Base().Range, true
		}
		return model.Range{}, false
	}
	res := suppress.Apply(findings, pr.Suppressions, suppress.Options{Today: today, Known: known, Ran: ran,
		Declared: declared})
	// The settings were validated with all rules already; they cannot fail here.
	_, problems, _ := applySettings(all, res.Problems, cfg)
	rep.Findings = append(res.Findings, problems...)
	rep.Suppressed = res.Suppressed
}
