package output

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"strconv"

	"github.com/lattice-lint/lattice-lint/pkg/fingerprint"
	"github.com/lattice-lint/lattice-lint/pkg/report"
)

// GitLab Code Quality report: the Code Climate issue subset GitLab reads
// (https://docs.gitlab.com/ci/testing/code_quality/).
type (
	cqIssue struct {
		Type        string     `json:"type"`
		CheckName   string     `json:"check_name"`
		Description string     `json:"description"`
		Categories  []string   `json:"categories"`
		Severity    string     `json:"severity"`
		Fingerprint string     `json:"fingerprint"`
		Location    cqLocation `json:"location"`
		Content     *cqContent `json:"content,omitempty"`
		Engine      string     `json:"engine_name"`
	}
	cqLocation struct {
		Path  string  `json:"path"`
		Lines cqLines `json:"lines"`
	}
	cqLines struct {
		Begin int `json:"begin"`
		End   int `json:"end,omitempty"`
	}
	cqContent struct {
		Body string `json:"body"`
	}
)

// writeCodeQuality renders findings and input errors as a GitLab Code Quality
// report. GitLab matches issues between the base and the head by fingerprint,
// so it is the finding's line-independent Fingerprint; a second finding with
// the same one in the report gets it hashed with its occurrence number, as
// GitLab drops duplicates.
func writeCodeQuality(w io.Writer, r *report.Report, _ Options) error {
	v := newView(r)
	issues := []cqIssue{}
	seen := map[string]int{}
	unique := func(fp string) string {
		seen[fp]++
		if n := seen[fp]; n > 1 {
			sum := sha256.Sum256([]byte(fp + "\x00" + strconv.Itoa(n)))
			return hex.EncodeToString(sum[:])
		}
		return fp
	}
	for _, d := range v.diags {
		if diagLevel(d.Severity) != "error" {
			continue
		}
		msg := "input error: " + clean(d.Summary)
		sum := sha256.Sum256([]byte("input\x00" + d.Range.File + "\x00" + d.Summary))
		issues = append(issues, cqIssue{Type: "issue", CheckName: "lattice-lint/input-error", Description: msg,
			Categories: []string{"Bug Risk"}, Severity: "blocker", Fingerprint: unique(hex.EncodeToString(sum[:])),
			Location: cqLocationOf(d.Range.File, d.Range.Start.Line, d.Range.End.Line), Engine: ToolName})
	}
	for _, f := range v.findings {
		ru, known := v.byID[f.RuleID]
		is := cqIssue{Type: "issue", CheckName: f.RuleID, Description: clean(f.Message),
			Categories: cqCategories(f.RuleID), Severity: cqSeverity(string(f.Severity)),
			Fingerprint: unique(fingerprint.Of(f, r.Root)),
			Location:    cqLocationOf(f.Range.File, f.Range.Start.Line, f.Range.End.Line), Engine: ToolName}
		if known && (ru.Remediation != "" || ru.HelpURI != "") {
			body := ru.Remediation
			if ru.HelpURI != "" {
				body += "\n\n" + ru.HelpURI
			}
			is.Content = &cqContent{Body: body}
		}
		issues = append(issues, is)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(issues)
}

// cqLocationOf names the whole report root (".") for a finding without a
// file: GitLab rejects an issue without a path, and dropping the finding
// would hide it.
func cqLocationOf(file string, begin, end int) cqLocation {
	if file == "" {
		file = "."
	}
	loc := cqLocation{Path: file, Lines: cqLines{Begin: max(begin, 1)}}
	if end > begin {
		loc.Lines.End = end
	}
	return loc
}

// cqSeverity maps onto GitLab's info, minor, major, critical, blocker; blocker
// is kept for input errors, which make the whole report incomplete.
func cqSeverity(sev string) string {
	switch sev {
	case "error":
		return "critical"
	case "warning":
		return "major"
	}
	return "info"
}

// cqCategories are Code Climate categories for the rule's category.
func cqCategories(id string) []string {
	for _, t := range ruleTags(id) {
		switch t {
		case "security", "cross-account":
			return []string{"Security"}
		case "hygiene":
			return []string{"Style"}
		case "quota":
			return []string{"Performance"}
		}
	}
	return []string{"Bug Risk"}
}
