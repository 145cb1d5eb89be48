package lint

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/lattice-lint/lattice-lint/pkg/finding"
)

// TestLeavingTheUnitSilencesOnlyRelations checks the one notion of escape
// every rule shares (DOMAIN §4.G): every positive rule fixture is evaluated
// again with every entity marked as leaving the unit (escaped, not unread).
// A rule that declares custom.missing_relation may then drop findings or
// lower their severity, never add or raise one; any other rule — about an
// entity's own configuration — must report exactly what it did.
func TestLeavingTheUnitSilencesOnlyRelations(t *testing.T) {
	root := repoRoot(t)
	eng := sharedEngine(t)
	relation := map[string]bool{}
	for _, r := range eng.Rules() {
		relation[r.ID] = r.MissingRelation
	}
	leaves, err := filepath.Glob(filepath.Join(root, "fixtures", "rules", "*", "positive", "*"))
	if err != nil || len(leaves) == 0 {
		t.Fatalf("no positive fixtures: %v", err)
	}
	key := func(f finding.Finding) string {
		return fmt.Sprintf("%s %s %s %s", f.RuleID, f.Entity, f.Attribute, f.Message)
	}
	for _, leaf := range leaves {
		rel, _ := filepath.Rel(root, leaf)
		t.Run(rel, func(t *testing.T) {
			res := lintDir(t, eng, root, leaf)
			// The policies' own findings, before suppressions and settings.
			found, err := eng.Evaluate(context.Background(), res.Model)
			if err != nil {
				t.Fatal(err)
			}
			before := map[string]finding.Finding{}
			for _, f := range found {
				before[key(f)] = f
			}
			for _, e := range res.Model.Entities() {
				e.Base().Escaped = true
			}
			after, err := eng.Evaluate(context.Background(), res.Model)
			if err != nil {
				t.Fatal(err)
			}
			seen := map[string]bool{}
			for _, f := range after {
				k := key(f)
				seen[k] = true
				b, ok := before[k]
				switch {
				case !ok:
					t.Errorf("leaving the unit adds a finding: %s", k)
				case relation[f.RuleID] && f.Severity.Rank() > b.Severity.Rank():
					t.Errorf("leaving the unit raises %s from %s to %s", k, b.Severity, f.Severity)
				case !relation[f.RuleID] && f.Severity != b.Severity:
					t.Errorf("%s is not a missing-relation rule, but leaving the unit changes its severity: %s", f.RuleID, k)
				}
			}
			for k, f := range before {
				if !seen[k] && !relation[f.RuleID] {
					t.Errorf("%s is about the entity's own configuration (no custom.missing_relation), but leaving the unit silences it: %s", f.RuleID, k)
				}
			}
		})
	}
}

// TestNonRules lints every fixtures/nonrules/<case>/<format> folder: each is a
// topology DOMAIN §4.G says must raise nothing (overlapping CIDRs, an
// ingress-only VPC, listener and target group protocols that differ, HTTPS
// targets, an ECS-fed target group, and the relations another unit adds:
// ids leaving through outputs, SSM parameters, secrets, nested stacks, RAM
// shares). No error or warning may be reported; an info finding (a RAM-shared
// service the consumer must associate) is allowed and pinned in expected.txt.
func TestNonRules(t *testing.T) {
	root := repoRoot(t)
	eng := sharedEngine(t)
	leaves, err := filepath.Glob(filepath.Join(root, "fixtures", "nonrules", "*", "*"))
	if err != nil || len(leaves) == 0 {
		t.Fatalf("no non-rule fixtures: %v", err)
	}
	for _, leaf := range leaves {
		rel, _ := filepath.Rel(root, leaf)
		t.Run(rel, func(t *testing.T) {
			res := lintDir(t, eng, root, leaf)
			if res.Report.Diagnostics.HasErrors() {
				t.Errorf("input errors:\n%s", summary(res))
			}
			for _, f := range res.Report.Findings {
				if f.Severity != finding.SeverityInfo {
					t.Errorf("%s %s on %s: %s", f.RuleID, f.Severity, f.Address, f.Message)
				}
			}
			checkGolden(t, filepath.Join(leaf, "expected.txt"), summary(res))
		})
	}
}
