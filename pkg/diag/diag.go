// Package diag carries problems with the input itself (unreadable files, syntax
// errors, wrong types, cycles) as values with their source range, the way
// hashicorp/hcl does. They are not lint findings: any error-level diagnostic makes
// the run exit 2, whatever the findings.
package diag

import (
	"fmt"
	"sort"

	"github.com/lattice-lint/lattice-lint/pkg/model"
)

// Severity of a diagnostic.
type Severity string

const (
	// Error means part of the input could not be read; the result is incomplete.
	Error Severity = "error"
	// Warning means the input was read but something is suspicious or was skipped.
	Warning Severity = "warning"
	// Note is information (a module that was not looked into, a file skipped).
	Note Severity = "note"
)

// Diagnostic is one problem with the input.
type Diagnostic struct {
	Severity Severity    `json:"severity"`
	Summary  string      `json:"summary"`
	Detail   string      `json:"detail,omitempty"`
	Range    model.Range `json:"range"`
}

func (d Diagnostic) String() string {
	s := fmt.Sprintf("%s: %s: %s", d.Range, d.Severity, d.Summary)
	if d.Detail != "" {
		s += ": " + d.Detail
	}
	return s
}

// Diagnostics is a list with helpers.
type Diagnostics []Diagnostic

// HasErrors reports whether any diagnostic is an error.
func (ds Diagnostics) HasErrors() bool {
	for _, d := range ds {
		if d.Severity == Error {
			return true
		}
	}
	return false
}

// Errorf appends an error diagnostic.
func (ds *Diagnostics) Errorf(rng model.Range, format string, args ...any) {
	*ds = append(*ds, Diagnostic{Severity: Error, Summary: fmt.Sprintf(format, args...), Range: rng})
}

// Warnf appends a warning diagnostic.
func (ds *Diagnostics) Warnf(rng model.Range, format string, args ...any) {
	*ds = append(*ds, Diagnostic{Severity: Warning, Summary: fmt.Sprintf(format, args...), Range: rng})
}

// Notef appends a note.
func (ds *Diagnostics) Notef(rng model.Range, format string, args ...any) {
	*ds = append(*ds, Diagnostic{Severity: Note, Summary: fmt.Sprintf(format, args...), Range: rng})
}

// FilesWithErrors counts distinct files that have an error diagnostic.
func (ds Diagnostics) FilesWithErrors() int {
	seen := map[string]bool{}
	for _, d := range ds {
		if d.Severity == Error {
			seen[d.Range.File] = true
		}
	}
	return len(seen)
}

// Sort orders diagnostics by file, line, column, then text, for stable output.
func (ds Diagnostics) Sort() {
	sort.SliceStable(ds, func(i, j int) bool {
		a, b := ds[i].Range, ds[j].Range
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Start.Line != b.Start.Line {
			return a.Start.Line < b.Start.Line
		}
		if a.Start.Column != b.Start.Column {
			return a.Start.Column < b.Start.Column
		}
		return ds[i].Summary < ds[j].Summary
	})
}
