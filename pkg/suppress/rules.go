package suppress

import "github.com/lattice-lint/lattice-lint/pkg/finding"

// Ids of the rules about suppressions.
const (
	RuleUnused    = "LAT-SUP-001"
	RuleExpired   = "LAT-SUP-002"
	RuleMalformed = "LAT-SUP-003"
)

// Rules returns the metadata of the rules about suppressions. They are
// checked in Go by Apply, not by a Rego policy (a policy sees the model, not
// comments), but they are rules like any other: listed by `lattice-lint
// rules`, documented in docs/rules, configurable in .lattice-lint.yaml.
func Rules() []finding.Rule {
	const file = "pkg/suppress/apply.go"
	refs := []string{"https://github.com/lattice-lint/lattice-lint/blob/main/README.md#suppressing-a-finding"}
	return []finding.Rule{
		{
			ID: RuleUnused, HelpURI: finding.RuleDocsBase + RuleUnused + ".md", Name: "suppression-unused", Severity: finding.SeverityWarning,
			Title: "Suppression suppressed nothing",
			Description: "A `lattice-lint:ignore` comment or `Metadata.lattice-lint.ignore` entry names a rule that " +
				"raised no finding on what the suppression covers in this run. The finding it was written for " +
				"is fixed, or the suppression sits above the wrong block, so it only hides the next real problem " +
				"there. Rules switched off in the configuration are not reported.",
			Remediation: "Delete the suppression (or the rule id from its list), or move it directly above the " +
				"block, attribute or module call the finding points at.",
			Builtin: true, File: file, References: refs,
		},
		{
			ID: RuleExpired, HelpURI: finding.RuleDocsBase + RuleExpired + ".md", Name: "suppression-expired", Severity: finding.SeverityWarning,
			Title: "Suppression is past its until date",
			Description: "A suppression with `until=YYYY-MM-DD` (or `until:` in metadata) is read after that day " +
				"(UTC). It no longer suppresses anything: the findings it covered are reported again, and this " +
				"finding says why.",
			Remediation: "Fix the finding and delete the suppression, or set a new until date with a reason " +
				"that still holds.",
			Builtin: true, File: file, References: refs,
		},
		{
			ID: RuleMalformed, HelpURI: finding.RuleDocsBase + RuleMalformed + ".md", Name: "suppression-malformed", Severity: finding.SeverityError,
			Title: "Suppression is malformed",
			Description: "A suppression has no reason, names no rule or a rule that does not exist, has an until " +
				"that is not a YYYY-MM-DD date, or uses an unknown directive or key. It suppresses nothing: a " +
				"suppression that cannot be read must not hide findings.",
			Remediation: "Write it as `# lattice-lint:ignore LAT-SEC-005 until=2027-06-30 -- reason` above the " +
				"block, or as `{id: LAT-SEC-005, reason: ..., until: 2027-06-30}` in the resource's " +
				"`Metadata.lattice-lint.ignore` list; check the id with `lattice-lint rules`.",
			Builtin: true, File: file, References: refs,
		},
	}
}
