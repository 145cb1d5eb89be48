package suppress

import (
	"sort"
	"strings"
	"testing"

	"github.com/lattice-lint/lattice-lint/pkg/finding"
	"github.com/lattice-lint/lattice-lint/pkg/model"
)

func span(file string, l1, c1, l2, c2 int) model.Range {
	return model.Range{File: file, Start: model.Pos{Line: l1, Column: c1}, End: model.Pos{Line: l2, Column: c2}}
}

// The findings every case starts from: a root-module service declared at
// main.tf:10-20 (finding on its auth_type at line 12), an entity of a
// module call (module block at main.tf:30-33, declared in modules/svc),
// and a CloudFormation target group with an inline target.
var (
	svcAuth = finding.Finding{RuleID: "LAT-SEC-005", Entity: ".//aws_vpclattice_service.s", Address: "aws_vpclattice_service.s",
		Attribute: "auth_type", Range: span("main.tf", 12, 3, 12, 20)}
	svcLogs = finding.Finding{RuleID: "LAT-OBS-001", Entity: ".//aws_vpclattice_service.s", Address: "aws_vpclattice_service.s",
		Range: span("main.tf", 10, 1, 10, 40)}
	modSvc = finding.Finding{RuleID: "LAT-SEC-005", Entity: `.//module.app["a"].aws_vpclattice_service.this`,
		Address: `module.app["a"].aws_vpclattice_service.this`, Range: span("modules/svc/main.tf", 3, 3, 3, 20),
		CallChain: []model.Frame{{Address: `module.app["a"]`, Range: span("main.tf", 30, 1, 30, 20)}}}
	cfnTarget = finding.Finding{RuleID: "LAT-SEC-001", Entity: "stack.yaml//TG.Targets[0]", Address: "TG.Targets[0]",
		Range: span("stack.yaml", 40, 9, 40, 20)}
)

var declared = map[string]model.Range{
	svcAuth.Entity:   span("main.tf", 10, 1, 10, 40),
	modSvc.Entity:    span("modules/svc/main.tf", 1, 1, 1, 40),
	cfnTarget.Entity: span("stack.yaml", 38, 7, 38, 20),
}

func opts() Options {
	known := map[string]bool{}
	for _, id := range []string{"LAT-SEC-005", "LAT-OBS-001", "LAT-SEC-001", "LAT-COR-001"} {
		known[id] = true
	}
	return Options{Today: "2026-12-01", Known: known, Declared: func(id string) (model.Range, bool) {
		r, ok := declared[id]
		return r, ok
	}}
}

func sup(scope Scope, target model.Range, ids ...string) Suppression {
	return Suppression{RuleIDs: ids, Reason: "accepted", Scope: scope, Target: target, Address: "x",
		Range: model.Range{File: target.File, Start: model.Pos{Line: max(target.Start.Line-1, 1), Column: 1}}}
}

func ruleIDsOf(fs []finding.Finding) string {
	var ids []string
	for _, f := range fs {
		ids = append(ids, f.RuleID)
	}
	sort.Strings(ids)
	return strings.Join(ids, ",")
}

func TestApplyScopes(t *testing.T) {
	all := []finding.Finding{svcAuth, svcLogs, modSvc, cfnTarget}
	for _, tc := range []struct {
		name           string
		s              Suppression
		wantSuppressed string // addresses of suppressed findings, sorted
	}{
		{"block covers the entity's findings of the named rules", sup(Entity, span("main.tf", 10, 1, 20, 2), "LAT-SEC-005", "LAT-OBS-001"),
			"LAT-OBS-001 aws_vpclattice_service.s,LAT-SEC-005 aws_vpclattice_service.s"},
		{"block covers only the named rule", sup(Entity, span("main.tf", 10, 1, 20, 2), "LAT-OBS-001"),
			"LAT-OBS-001 aws_vpclattice_service.s"},
		{"attribute covers findings on it", sup(Attribute, span("main.tf", 12, 3, 12, 20), "LAT-SEC-005"),
			"LAT-SEC-005 aws_vpclattice_service.s"},
		{"attribute does not cover the rest of the entity", sup(Attribute, span("main.tf", 13, 3, 13, 20), "LAT-SEC-005"), ""},
		{"module call covers what it creates", sup(Module, span("main.tf", 30, 1, 33, 2), "LAT-SEC-005"),
			`LAT-SEC-005 module.app["a"].aws_vpclattice_service.this`},
		{"a block in the module source covers every instance", sup(Entity, span("modules/svc/main.tf", 1, 1, 5, 2), "LAT-SEC-005"),
			`LAT-SEC-005 module.app["a"].aws_vpclattice_service.this`},
		{"file covers everything in it", sup(File, model.Range{File: "main.tf"}, "LAT-SEC-005", "LAT-OBS-001"),
			"LAT-OBS-001 aws_vpclattice_service.s,LAT-SEC-005 aws_vpclattice_service.s"},
		{"entity id covers inline sub-entities", Suppression{RuleIDs: []string{"LAT-SEC-001"}, Reason: "r", Scope: Entity,
			Entity: "stack.yaml//TG", Range: span("stack.yaml", 36, 9, 36, 30)}, "LAT-SEC-001 TG.Targets[0]"},
		{"entity id is not a prefix match on names", Suppression{RuleIDs: []string{"LAT-SEC-001"}, Reason: "r", Scope: Entity,
			Entity: "stack.yaml//T", Range: span("stack.yaml", 36, 9, 36, 30)}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := Apply(all, []Suppression{tc.s}, opts())
			var got []string
			for _, s := range res.Suppressed {
				got = append(got, s.RuleID+" "+s.Address)
				if s.Justification != "accepted" && s.Justification != "r" || s.At != tc.s.Range {
					t.Errorf("suppressed %s: justification %q at %v", s.Address, s.Justification, s.At)
				}
			}
			sort.Strings(got)
			if strings.Join(got, ",") != tc.wantSuppressed {
				t.Errorf("suppressed %q, want %q", strings.Join(got, ","), tc.wantSuppressed)
			}
			if len(res.Findings)+len(res.Suppressed) != len(all) {
				t.Errorf("%d findings + %d suppressed, want %d", len(res.Findings), len(res.Suppressed), len(all))
			}
		})
	}
}

func TestApplyProblems(t *testing.T) {
	block := span("main.tf", 10, 1, 20, 2)
	for _, tc := range []struct {
		name         string
		s            Suppression
		ran          map[string]bool
		wantProblems string // rule ids of the LAT-SUP findings
		wantMessage  string
		suppresses   bool
	}{
		{name: "used, no problem", s: sup(Entity, block, "LAT-SEC-005"), suppresses: true},
		{name: "until today still suppresses", s: func() Suppression { s := sup(Entity, block, "LAT-SEC-005"); s.Until = "2026-12-01"; return s }(),
			suppresses: true},
		{name: "expired", s: func() Suppression { s := sup(Entity, block, "LAT-SEC-005"); s.Until = "2026-11-30"; return s }(),
			wantProblems: RuleExpired, wantMessage: "expired on 2026-11-30"},
		{name: "unused rule among used ones", s: sup(Entity, block, "LAT-SEC-005", "LAT-COR-001"), suppresses: true,
			wantProblems: RuleUnused, wantMessage: "(LAT-COR-001 matched no finding)"},
		{name: "unused, but the rule was switched off", s: sup(Entity, block, "LAT-SEC-005", "LAT-COR-001"), suppresses: true,
			ran: map[string]bool{"LAT-SEC-005": true}},
		{name: "above the wrong block", s: sup(Entity, span("main.tf", 40, 1, 44, 2), "LAT-SEC-005"), wantProblems: RuleUnused},
		{name: "unknown rule id", s: sup(Entity, block, "LAT-SEC-005", "LAT-SEC-999"), wantProblems: RuleMalformed,
			wantMessage: "no rule with id LAT-SEC-999"},
		{name: "front-end problem", s: func() Suppression {
			s := sup(Entity, block, "LAT-SEC-005")
			s.Problems = []string{"no reason"}
			return s
		}(),
			wantProblems: RuleMalformed, wantMessage: "malformed and suppresses nothing: no reason"},
		{name: "LAT-SUP cannot be suppressed", s: sup(Entity, block, RuleUnused), wantProblems: RuleMalformed,
			wantMessage: "cannot be suppressed"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			o := opts()
			o.Ran = tc.ran
			res := Apply([]finding.Finding{svcAuth}, []Suppression{tc.s}, o)
			if got := ruleIDsOf(res.Problems); got != tc.wantProblems {
				t.Fatalf("problems %q, want %q: %+v", got, tc.wantProblems, res.Problems)
			}
			if (len(res.Suppressed) == 1) != tc.suppresses {
				t.Errorf("suppressed %d findings, want suppression %v", len(res.Suppressed), tc.suppresses)
			}
			for _, p := range res.Problems {
				if p.Range != tc.s.Range {
					t.Errorf("%s at %v, want the suppression's own position %v", p.RuleID, p.Range, tc.s.Range)
				}
				if !strings.Contains(p.Message, tc.wantMessage) {
					t.Errorf("message %q does not say %q", p.Message, tc.wantMessage)
				}
				if want := map[string]finding.Severity{RuleUnused: "warning", RuleExpired: "warning", RuleMalformed: "error"}[p.RuleID]; p.Severity != want {
					t.Errorf("%s has severity %s, want %s", p.RuleID, p.Severity, want)
				}
			}
		})
	}
}

// TestApplyDedupes: a file read twice (two roots, two attributions) yields
// each suppression twice; it must count once, and be used once.
func TestApplyDedupes(t *testing.T) {
	s := sup(Entity, span("main.tf", 10, 1, 20, 2), "LAT-SEC-005", "LAT-OBS-001")
	res := Apply([]finding.Finding{svcAuth}, []Suppression{s, s}, opts())
	if len(res.Problems) != 1 || len(res.Suppressed) != 1 {
		t.Errorf("problems %+v, suppressed %d; want one LAT-SUP-001 and one suppressed finding", res.Problems, len(res.Suppressed))
	}
}

// TestRulesMetadata: the LAT-SUP rules document themselves like policies do.
func TestRulesMetadata(t *testing.T) {
	for _, r := range Rules() {
		if !IsRule(r.ID) || r.Title == "" || r.Description == "" || r.Remediation == "" || r.Name == "" ||
			!r.Builtin || r.HelpURI == "" || len(r.References) == 0 {
			t.Errorf("incomplete metadata: %+v", r)
		}
	}
}
