// Package model is the topology lattice-lint reasons about: accounts, VPCs, security
// groups, service networks, services, listeners, target groups, targets, associations,
// policies and RAM shares, each with the source range it was declared at.
//
// Front ends (package parse and below) fill a Model; Link resolves the references
// between entities; rules and diagrams read the linked Model and nothing else.
package model

import "fmt"

// Pos is a 1-based line and column (columns count Unicode characters) in a file.
type Pos struct {
	Line   int `json:"line"`
	Column int `json:"column"`
}

// Range is the span of source text an entity or attribute was read from.
// File is relative to the directory lattice-lint was run in where possible.
type Range struct {
	File  string `json:"file"`
	Start Pos    `json:"start"`
	End   Pos    `json:"end"`
}

// IsZero reports whether r carries no location at all.
func (r Range) IsZero() bool { return r.File == "" && r.Start.Line == 0 }

// String renders file:line:column, the form editors and CI annotations understand.
func (r Range) String() string {
	if r.File == "" {
		return "<unknown>"
	}
	if r.Start.Line == 0 {
		return r.File
	}
	return fmt.Sprintf("%s:%d:%d", r.File, r.Start.Line, r.Start.Column)
}
