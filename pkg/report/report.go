// Package report is the result of one lint run: findings, the rules that were
// run, input diagnostics and counts. Output formats (package output) render it;
// the CLI derives the exit code from it.
package report

import (
	"github.com/lattice-lint/lattice-lint/pkg/diag"
	"github.com/lattice-lint/lattice-lint/pkg/finding"
)

// SchemaVersion is the version of the JSON report format (docs/report-schema.md).
const SchemaVersion = "1"

// Report is everything a lint run produced.
type Report struct {
	// Tool version, for SARIF and JSON.
	Version     string
	Findings    []finding.Finding
	Rules       []finding.Rule
	Diagnostics diag.Diagnostics
	// Files is the number of input files read; Entities the size of the model.
	Files    int
	Entities int
	// Root is the directory paths in findings are relative to.
	Root string
}

// Counts tallies findings per severity.
func (r *Report) Counts() map[finding.Severity]int {
	c := map[finding.Severity]int{}
	for _, f := range r.Findings {
		c[f.Severity]++
	}
	return c
}

// AtOrAbove reports whether any finding has at least the given severity.
func (r *Report) AtOrAbove(threshold finding.Severity) bool {
	for _, f := range r.Findings {
		if f.Severity.Rank() >= threshold.Rank() {
			return true
		}
	}
	return false
}

// Rule returns the metadata of a rule by id.
func (r *Report) Rule(id string) (finding.Rule, bool) {
	for _, ru := range r.Rules {
		if ru.ID == id {
			return ru, true
		}
	}
	return finding.Rule{}, false
}
