package output

import (
	"slices"
	"sort"

	"github.com/lattice-lint/lattice-lint/pkg/diag"
	"github.com/lattice-lint/lattice-lint/pkg/finding"
	"github.com/lattice-lint/lattice-lint/pkg/model"
	"github.com/lattice-lint/lattice-lint/pkg/report"
)

// view is a report put in canonical order, shared by every format: sorted
// copies so that output never depends on the order rules or parsers produced
// things in, and so that Write leaves the caller's report alone.
type view struct {
	r        *report.Report
	findings []finding.Finding
	diags    diag.Diagnostics
	// rules are the report's rules sorted by id with duplicates dropped (the
	// first one listed wins); byID indexes them.
	rules []finding.Rule
	byID  map[string]finding.Rule
	// all is findings with the suppressed ones, in order; marks tells the
	// suppressed ones apart. Formats that hide suppressed findings render
	// shown(opts), SARIF renders all.
	all   []finding.Finding
	marks map[markKey]report.Suppressed
}

// markKey identifies a finding among a report's findings.
type markKey struct {
	rule, entity, attribute, message string
	rng                              model.Range
}

func keyOf(f finding.Finding) markKey {
	return markKey{f.RuleID, f.Entity, f.Attribute, f.Message, f.Range}
}

func newView(r *report.Report) *view {
	v := &view{
		r:        r,
		findings: slices.Clone(r.Findings),
		diags:    slices.Clone(r.Diagnostics),
		byID:     map[string]finding.Rule{},
		marks:    map[markKey]report.Suppressed{},
	}
	finding.SortFindings(v.findings)
	v.all = slices.Clone(r.Findings)
	for _, s := range r.Suppressed {
		v.marks[keyOf(s.Finding)] = s
		v.all = append(v.all, s.Finding)
	}
	finding.SortFindings(v.all)
	v.diags.Sort()
	for _, ru := range r.Rules {
		if _, dup := v.byID[ru.ID]; dup {
			continue
		}
		v.byID[ru.ID] = ru
		v.rules = append(v.rules, ru)
	}
	sort.Slice(v.rules, func(i, j int) bool { return v.rules[i].ID < v.rules[j].ID })
	return v
}

// shown is what formats other than SARIF list: the findings, and the
// suppressed ones too when the user asked for them (--show-suppressed).
func (v *view) shown(opts Options) []finding.Finding {
	if opts.ShowSuppressed {
		return v.all
	}
	return v.findings
}

// suppression returns how f was suppressed, if it was.
func (v *view) suppression(f finding.Finding) (report.Suppressed, bool) {
	s, ok := v.marks[keyOf(f)]
	return s, ok
}

// summary is the tally every format reports in some form.
type summary struct {
	errors, warnings, infos int
	// suppressed counts findings hidden in the code, baselined those hidden
	// by a baseline file.
	suppressed, baselined int
	filesWithFindings     int
	inputErrors           int
	inputWarnings         int
	inputNotes            int
	filesWithInputErrors  int
}

func (v *view) summary() summary {
	var s summary
	files := map[string]bool{}
	for _, f := range v.findings {
		switch f.Severity {
		case finding.SeverityError:
			s.errors++
		case finding.SeverityWarning:
			s.warnings++
		case finding.SeverityInfo:
			s.infos++
		}
		if f.Range.File != "" {
			files[f.Range.File] = true
		}
	}
	s.filesWithFindings = len(files)
	for _, x := range v.r.Suppressed {
		if x.Kind == report.External {
			s.baselined++
		} else {
			s.suppressed++
		}
	}
	for _, d := range v.diags {
		switch d.Severity {
		case diag.Error:
			s.inputErrors++
		case diag.Warning:
			s.inputWarnings++
		case diag.Note:
			s.inputNotes++
		}
	}
	s.filesWithInputErrors = v.diags.FilesWithErrors()
	return s
}
