// Package finding holds what a lint run reports — findings, the rules that
// produced them and their severities — without the policy engine that
// evaluates them, so that output formats, reports and diagrams build without
// OPA.
package finding

import (
	"fmt"
	"regexp"
	"sort"

	"github.com/lattice-lint/lattice-lint/pkg/model"
)

// RuleDocsBase is where the generated page of each built-in rule
// (docs/rules/<ID>.md) is published; a rule's HelpURI is RuleDocsBase+ID+".md".
const RuleDocsBase = "https://github.com/lattice-lint/lattice-lint/blob/main/docs/rules/"

// Severity of a rule or finding.
type Severity string

// Severities, most severe first.
const (
	SeverityError   Severity = "error"
	SeverityWarning Severity = "warning"
	SeverityInfo    Severity = "info"
)

// Rank orders severities: error 3, warning 2, info 1, anything else 0.
func (s Severity) Rank() int {
	switch s {
	case SeverityError:
		return 3
	case SeverityWarning:
		return 2
	case SeverityInfo:
		return 1
	}
	return 0
}

// ParseSeverity accepts error, warning and info.
func ParseSeverity(s string) (Severity, error) {
	switch Severity(s) {
	case SeverityError, SeverityWarning, SeverityInfo:
		return Severity(s), nil
	}
	return "", fmt.Errorf("unknown severity %q (want error, warning or info)", s)
}

// Rule is the metadata of one policy, read from its METADATA block.
type Rule struct {
	ID          string   `json:"id"`   // LAT-COR-001
	Name        string   `json:"name"` // service-not-associated
	Title       string   `json:"title"`
	Description string   `json:"description"`
	Remediation string   `json:"remediation"`
	Severity    Severity `json:"severity"` // default severity
	HelpURI     string   `json:"help_uri,omitempty"`
	// References are documentation URLs (METADATA related_resources).
	References []string `json:"references,omitempty"`
	// Formats are the input formats in which the rule's trigger can occur
	// (METADATA custom.formats); every built-in rule has a positive and a
	// negative fixture in each. Empty for user rules that do not say.
	Formats []string `json:"formats,omitempty"`
	// MissingRelation is set (METADATA custom.missing_relation) on rules that
	// report a relation an entity lacks — an association, a consumer, a
	// forward, a share — which another deployable unit may add. They stay
	// silent or drop to info on an entity that leaves the unit (escaped); no
	// other rule consults escaped (DOMAIN §4.G).
	MissingRelation bool `json:"missing_relation,omitempty"`
	// Package is the Rego package, e.g. data.lattice.rules.service_not_associated.
	Package string `json:"package"`
	// File is the policy file it came from (embedded or user-supplied).
	File string `json:"file"`
	// Builtin is false for policies added with --policy.
	Builtin bool `json:"builtin"`
}

// Category is the policy folder a built-in rule id belongs to
// (LAT-COR-001 → correctness), empty for other ids.
func (r Rule) Category() string {
	if !BuiltinIDPattern.MatchString(r.ID) {
		return ""
	}
	return categories[r.ID[4:7]]
}

// categories maps the middle part of a built-in id to its policy folder.
var categories = map[string]string{
	"COR": "correctness", "SEC": "security", "XAC": "crossaccount",
	"OBS": "observability", "QTA": "quotas", "HYG": "hygiene",
}

// BuiltinIDPattern is the shape of a built-in rule id: LAT-<category>-NNN.
var BuiltinIDPattern = regexp.MustCompile(`^LAT-(COR|SEC|XAC|OBS|QTA|HYG)-\d{3}$`)

// InputFormats are the front ends a rule may declare in custom.formats.
var InputFormats = []string{"terraform", "cloudformation"}

// Related is another entity a finding involves (the other association, the
// service network) — SARIF relatedLocations.
type Related struct {
	Entity  string      `json:"entity"`
	Address string      `json:"address"`
	Message string      `json:"message,omitempty"`
	Range   model.Range `json:"range"`
}

// Finding is one rule violation, mapped back to source.
type Finding struct {
	RuleID   string   `json:"rule_id"`
	Severity Severity `json:"severity"`
	Message  string   `json:"message"`
	// Entity is the model ID of the entity the finding is about.
	Entity string `json:"entity"`
	// Address is its Terraform address or CloudFormation logical id.
	Address string `json:"address"`
	// Attribute is the attribute path the finding points at ("" = the whole entity).
	Attribute string      `json:"attribute,omitempty"`
	Range     model.Range `json:"range"`
	// CallChain is the module calls leading to the entity, outermost first.
	CallChain []model.Frame `json:"call_chain,omitempty"`
	Related   []Related     `json:"related,omitempty"`
}

// SortFindings orders findings by file, line, column, rule id, then entity.
func SortFindings(fs []Finding) {
	sort.SliceStable(fs, func(i, j int) bool {
		a, b := fs[i], fs[j]
		if a.Range.File != b.Range.File {
			return a.Range.File < b.Range.File
		}
		if a.Range.Start.Line != b.Range.Start.Line {
			return a.Range.Start.Line < b.Range.Start.Line
		}
		if a.Range.Start.Column != b.Range.Start.Column {
			return a.Range.Start.Column < b.Range.Start.Column
		}
		if a.RuleID != b.RuleID {
			return a.RuleID < b.RuleID
		}
		if a.Entity != b.Entity {
			return a.Entity < b.Entity
		}
		return a.Message < b.Message
	})
}
