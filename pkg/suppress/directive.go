package suppress

import (
	"fmt"
	"regexp"
	"strings"
	"time"
)

// Prefix starts every in-code directive; ParseComment ignores comments
// without it.
const Prefix = "lattice-lint:"

// Directive words after Prefix.
const (
	wordIgnore     = "ignore"
	wordIgnoreFile = "ignore-file"
)

// Directive is a parsed `lattice-lint:ignore` or `lattice-lint:ignore-file`
// comment.
type Directive struct {
	// File is set for ignore-file.
	File     bool
	RuleIDs  []string
	Until    string
	Reason   string
	Problems []string
}

// idPattern is the shape of a rule id: built-in LAT-XXX-NNN or a user
// policy's own id. Whether the rule exists is checked in Apply.
var idPattern = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_.-]*$`)

// ParseComment reads the text of one comment, with its `#`, `//` or `/* */`
// markers. ok is false when the comment is not a lattice-lint directive; a
// directive with mistakes is returned with Problems, so that it is reported
// (LAT-SUP-003) instead of silently doing nothing.
//
//	# lattice-lint:ignore LAT-SEC-005,LAT-OBS-001 until=2027-06-30 -- public health endpoint
func ParseComment(text string) (d Directive, ok bool) {
	body := commentBody(text)
	rest, found := strings.CutPrefix(body, Prefix)
	if !found {
		return Directive{}, false
	}
	word, rest, _ := strings.Cut(rest, " ")
	switch word {
	case wordIgnore:
	case wordIgnoreFile:
		d.File = true
	default:
		d.Problems = append(d.Problems, fmt.Sprintf("unknown directive %q (want %s or %s)",
			Prefix+word, Prefix+wordIgnore, Prefix+wordIgnoreFile))
		return d, true
	}
	head, reason, hasReason := cutReason(rest)
	var ids []string
	for _, tok := range strings.Fields(head) {
		if v, isUntil := strings.CutPrefix(tok, "until="); isUntil {
			if d.Until != "" {
				d.Problems = append(d.Problems, "until is given twice")
			}
			d.Until = v
			continue
		}
		if strings.Contains(tok, "=") {
			d.Problems = append(d.Problems, fmt.Sprintf("unknown option %q (only until=YYYY-MM-DD)", tok))
			continue
		}
		ids = append(ids, strings.Split(tok, ",")...)
	}
	for _, id := range ids {
		if id != "" {
			d.RuleIDs = append(d.RuleIDs, id)
		}
	}
	if !hasReason {
		d.Problems = append(d.Problems, "no reason: end the comment with `-- why this finding is accepted`")
	}
	d.Reason = reason
	d.Problems = append(d.Problems, Check(d.RuleIDs, d.Reason, d.Until, hasReason)...)
	return d, true
}

// cutReason splits "ids until=… -- reason" at the first "--" that stands
// alone, so that a rule id never swallows it.
func cutReason(s string) (head, reason string, ok bool) {
	fields := strings.Fields(s)
	for i, f := range fields {
		if f == "--" {
			return strings.Join(fields[:i], " "), strings.Join(fields[i+1:], " "), true
		}
		if r, cut := strings.CutPrefix(f, "--"); cut && i > 0 {
			// "--reason" without a space: accepted, the intent is plain.
			return strings.Join(fields[:i], " "), strings.TrimSpace(r + " " + strings.Join(fields[i+1:], " ")), true
		}
	}
	return strings.Join(fields, " "), "", false
}

// commentBody strips comment markers and folds the text onto one line.
func commentBody(text string) string {
	t := strings.TrimSpace(text)
	switch {
	case strings.HasPrefix(t, "/*"):
		t = strings.TrimSuffix(strings.TrimPrefix(t, "/*"), "*/")
		lines := strings.Split(t, "\n")
		for i, l := range lines {
			// A leading " * " on continuation lines is decoration.
			lines[i] = strings.TrimPrefix(strings.TrimSpace(l), "*")
		}
		t = strings.Join(lines, " ")
	case strings.HasPrefix(t, "#"):
		t = strings.TrimPrefix(t, "#")
	case strings.HasPrefix(t, "//"):
		t = strings.TrimPrefix(t, "//")
	}
	return strings.Join(strings.Fields(t), " ")
}

// Check returns what is wrong with a suppression's fields, whatever syntax
// they were written in: no rule id, a rule id of the wrong shape, an empty
// reason, an until that is not a calendar date. hasReason false means the
// caller already reported a missing reason.
func Check(ids []string, reason, until string, hasReason bool) []string {
	var problems []string
	if len(ids) == 0 {
		problems = append(problems, "no rule id: name the rules it suppresses (LAT-SEC-005,LAT-OBS-001)")
	}
	for _, id := range ids {
		if !idPattern.MatchString(id) {
			problems = append(problems, fmt.Sprintf("%q is not a rule id", id))
		}
	}
	if hasReason && strings.TrimSpace(reason) == "" {
		problems = append(problems, "empty reason: say why this finding is accepted")
	}
	if until != "" {
		if _, err := ParseDate(until); err != nil {
			problems = append(problems, err.Error())
		}
	}
	return problems
}

// ParseDate reads a YYYY-MM-DD date (UTC).
func ParseDate(s string) (time.Time, error) {
	if !datePattern.MatchString(s) {
		return time.Time{}, fmt.Errorf("until %q is not a date (want YYYY-MM-DD)", s)
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("until %q is not a calendar date", s)
	}
	return t, nil
}
