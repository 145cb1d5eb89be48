// Package suppress decides which findings a team has accepted on purpose.
//
// Front ends only extract suppressions with their positions: the Terraform
// front end from `# lattice-lint:ignore` comments (ParseComment), the
// CloudFormation front end from a resource's `Metadata.lattice-lint.ignore`
// list (FromEntry), the native format from an entity's `ignore:` list (also
// FromEntry). Matching happens once, after the rules ran (Apply), so every
// front end gets the same semantics: a reason is required, an `until` date
// ends a suppression, and suppressions that are malformed, expired or unused
// are reported as findings of the rules LAT-SUP-001/002/003 (Rules), at the
// position of the comment or metadata entry.
package suppress

import (
	"regexp"

	"github.com/lattice-lint/lattice-lint/pkg/model"
)

// Scope is what a suppression covers.
type Scope int

const (
	// Entity covers findings on the entity declared by the block (Target) or
	// with the model id Entity, including the entities declared inside it
	// (a target group's inline targets, a security group's inline rules).
	Entity Scope = iota + 1
	// Attribute covers findings whose range starts inside Target.
	Attribute
	// Module covers every finding on an entity a module call creates: one
	// frame of the finding's call chain starts inside Target.
	Module
	// File covers every finding in Target.File.
	File
)

func (s Scope) String() string {
	switch s {
	case Entity:
		return "entity"
	case Attribute:
		return "attribute"
	case Module:
		return "module"
	case File:
		return "file"
	}
	return "unknown"
}

// Suppression is one `lattice-lint:ignore` comment or metadata entry.
type Suppression struct {
	// RuleIDs are the rules it suppresses, as written.
	RuleIDs []string
	// Reason is the justification (required).
	Reason string
	// Until is the last day (YYYY-MM-DD, UTC) it suppresses anything; "" = no end.
	Until string
	Scope Scope
	// Target is the source span covered: the block, attribute or module
	// block the comment sits above; for Scope File only Target.File is used.
	Target model.Range
	// Entity is the model id of the covered entity, for front ends that know
	// it (CloudFormation logical ids, native entities); when set it is used
	// instead of Target for Scope Entity.
	Entity string
	// Address names what it sits on in messages: aws_vpclattice_service.x,
	// module.app, a logical id; "" for a file.
	Address string
	// Range is where the comment or metadata entry itself is: LAT-SUP
	// findings point here.
	Range model.Range
	// Problems are syntax errors the front end found; a suppression with
	// problems suppresses nothing and is reported as LAT-SUP-003.
	Problems []string
}

// datePattern is the only accepted form of until: a calendar date, no time.
var datePattern = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)
