package suppress

import (
	"fmt"
	"sort"
	"strings"

	"github.com/lattice-lint/lattice-lint/pkg/finding"
	"github.com/lattice-lint/lattice-lint/pkg/model"
	"github.com/lattice-lint/lattice-lint/pkg/report"
)

// Options for Apply.
type Options struct {
	// Today is the date expiry is checked against (YYYY-MM-DD, UTC); the
	// caller passes it so that results never depend on the clock in tests.
	Today string
	// Known holds every rule id that exists in this run (built-in, user
	// policies, LAT-SUP); a suppression naming another id is malformed.
	Known map[string]bool
	// Ran holds the ids of rules that were evaluated; a suppression of a
	// rule switched off in the configuration is not reported as unused. Nil
	// means every known rule ran.
	Ran map[string]bool
	// Declared returns where an entity is declared (model.Meta.Range), so a
	// suppression above a block covers findings that point elsewhere (an
	// attribute set in a module call). Nil: findings' own ranges are used.
	Declared func(entityID string) (model.Range, bool)
}

// Result of Apply.
type Result struct {
	// Findings are the findings no valid suppression covers.
	Findings []finding.Finding
	// Suppressed are the findings a valid suppression covers, with its reason.
	Suppressed []report.Suppressed
	// Problems are the LAT-SUP findings about the suppressions themselves.
	Problems []finding.Finding
}

// Apply matches suppressions with the findings of a run. A suppression
// suppresses a finding when it is well-formed, names the finding's rule,
// covers its entity, attribute, module call or file, and its until date is
// today or later. Findings of the LAT-SUP rules are never suppressed: the
// way to silence them is to fix or delete the suppression.
func Apply(fs []finding.Finding, sups []Suppression, opts Options) Result {
	sups = dedupe(sups)
	type state struct {
		valid bool
		used  map[string]bool
	}
	states := make([]state, len(sups))
	var res Result
	for i := range sups {
		s := &sups[i]
		problems := append([]string(nil), s.Problems...)
		for _, id := range s.RuleIDs {
			switch {
			case IsRule(id):
				problems = append(problems, fmt.Sprintf("%s cannot be suppressed: fix or delete the suppression it reports, or switch the rule off in the configuration", id))
			case opts.Known != nil && !opts.Known[id] && idPattern.MatchString(id):
				problems = append(problems, fmt.Sprintf("no rule with id %s (see lattice-lint rules)", id))
			}
		}
		switch {
		case len(problems) > 0:
			res.Problems = append(res.Problems, s.problem(RuleMalformed, fmt.Sprintf(
				"%s is malformed and suppresses nothing: %s", s.describe(), strings.Join(problems, "; "))))
		case s.Until != "" && s.Until < opts.Today:
			res.Problems = append(res.Problems, s.problem(RuleExpired, fmt.Sprintf(
				"%s expired on %s and no longer suppresses: fix the finding, or renew the date with a reason", s.describe(), s.Until)))
		default:
			states[i] = state{valid: true, used: map[string]bool{}}
		}
	}
	for _, f := range fs {
		first := -1
		for i := range sups {
			if !states[i].valid || !names(sups[i].RuleIDs, f.RuleID) || IsRule(f.RuleID) || !sups[i].covers(f, opts.Declared) {
				continue
			}
			states[i].used[f.RuleID] = true
			if first < 0 {
				first = i
			}
		}
		if first < 0 {
			res.Findings = append(res.Findings, f)
			continue
		}
		s := sups[first]
		res.Suppressed = append(res.Suppressed, report.Suppressed{Finding: f, Kind: report.InSource,
			Justification: s.Reason, At: s.Range})
	}
	for i, s := range sups {
		if !states[i].valid {
			continue
		}
		var unused []string
		for _, id := range s.RuleIDs {
			if !states[i].used[id] && (opts.Ran == nil || opts.Ran[id]) {
				unused = append(unused, id)
			}
		}
		if len(unused) == 0 {
			continue
		}
		what := "it"
		if len(unused) < len(s.RuleIDs) {
			what = "its " + strings.Join(unused, ", ")
		}
		res.Problems = append(res.Problems, s.problem(RuleUnused, fmt.Sprintf(
			"%s suppressed nothing in this run (%s matched no finding): delete %s, the finding it was written for is gone",
			s.describe(), strings.Join(unused, ", "), what)))
	}
	return res
}

// IsRule reports whether id is one of the rules about suppressions.
func IsRule(id string) bool {
	for _, r := range Rules() {
		if r.ID == id {
			return true
		}
	}
	return false
}

func names(ids []string, id string) bool {
	for _, x := range ids {
		if x == id {
			return true
		}
	}
	return false
}

// covers reports whether f is in what s covers.
func (s *Suppression) covers(f finding.Finding, declared func(string) (model.Range, bool)) bool {
	decl := f.Range
	if declared != nil {
		if r, ok := declared(f.Entity); ok {
			decl = r
		}
	}
	switch s.Scope {
	case Entity:
		if s.Entity != "" {
			return f.Entity == s.Entity || strings.HasPrefix(f.Entity, s.Entity+".") || strings.HasPrefix(f.Entity, s.Entity+"[")
		}
		return within(decl, s.Target)
	case Attribute:
		return within(f.Range, s.Target)
	case Module:
		for _, fr := range f.CallChain {
			if within(fr.Range, s.Target) {
				return true
			}
		}
		return false
	case File:
		return s.Target.File != "" && (f.Range.File == s.Target.File || decl.File == s.Target.File)
	}
	return false
}

// within reports whether r starts inside span (end exclusive; a span
// without an end covers what starts exactly at its start).
func within(r, span model.Range) bool {
	if r.File == "" || r.File != span.File || r.Start.Line == 0 {
		return false
	}
	if span.End.Line == 0 {
		return r.Start == span.Start
	}
	return !before(r.Start, span.Start) && before(r.Start, span.End)
}

func before(a, b model.Pos) bool {
	return a.Line < b.Line || a.Line == b.Line && a.Column < b.Column
}

// describe names a suppression in messages.
func (s *Suppression) describe() string {
	what := "suppression"
	if len(s.RuleIDs) > 0 {
		what += " of " + strings.Join(s.RuleIDs, ", ")
	}
	switch {
	case s.Scope == File:
		return what + " for the whole file"
	case s.Address != "":
		return what + " on " + s.Address
	}
	return what
}

// problem is a LAT-SUP finding at the suppression's position. Its entity is
// "<file>//<address>" so that its fingerprint survives moving lines.
func (s *Suppression) problem(ruleID, msg string) finding.Finding {
	addr := s.Address
	if addr == "" {
		addr = "(file)"
	}
	sev := finding.SeverityWarning
	for _, r := range Rules() {
		if r.ID == ruleID {
			sev = r.Severity
		}
	}
	return finding.Finding{RuleID: ruleID, Severity: sev, Message: msg, Entity: s.Range.File + "//" + addr,
		Address: addr, Range: s.Range}
}

// dedupe drops suppressions read twice (one file reached by two roots or
// attributed to two accounts) and orders them by position, so the first
// match is deterministic.
func dedupe(sups []Suppression) []Suppression {
	out := append([]Suppression(nil), sups...)
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i].Range, out[j].Range
		if a.File != b.File {
			return a.File < b.File
		}
		return before(a.Start, b.Start)
	})
	kept := out[:0]
	seen := map[string]bool{}
	for _, s := range out {
		k := fmt.Sprintf("%s|%d:%d|%s|%s", s.Range.File, s.Range.Start.Line, s.Range.Start.Column,
			strings.Join(s.RuleIDs, ","), s.Entity)
		if seen[k] {
			continue
		}
		seen[k] = true
		kept = append(kept, s)
	}
	return kept
}
