// Package report is the result of one lint run: findings, the rules that were
// run, input diagnostics and counts. Output formats (package output) render it;
// the CLI derives the exit code from it.
package report

import (
	"github.com/lattice-lint/lattice-lint/pkg/diag"
	"github.com/lattice-lint/lattice-lint/pkg/finding"
	"github.com/lattice-lint/lattice-lint/pkg/model"
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
	// Suppressed are findings hidden on purpose: by an in-code suppression
	// or a baseline. They do not count towards the exit code; SARIF keeps
	// them as suppressed results, the other formats only count them unless
	// asked to show them.
	Suppressed []Suppressed
	// Baseline says what --baseline did; nil when no baseline was read.
	Baseline *BaselineUse
}

// Suppression kinds, as SARIF names them.
const (
	// InSource: a lattice-lint:ignore comment or a metadata entry.
	InSource = "inSource"
	// External: a baseline file.
	External = "external"
)

// Suppressed is a finding hidden on purpose, with why.
type Suppressed struct {
	finding.Finding
	// Kind is InSource or External.
	Kind string
	// Justification is the suppression's reason, or which baseline hid it.
	Justification string
	// At is where the suppression is written (the comment, the metadata
	// entry, the baseline file).
	At model.Range
}

// BaselineUse is the outcome of comparing a run with a baseline.
type BaselineUse struct {
	// File is the baseline as given on the command line.
	File string
	// Hidden is how many findings the baseline hid; Fixed how many recorded
	// findings no longer occur.
	Hidden, Fixed int
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
