package schema

import (
	"fmt"
	"regexp"
	"strings"
)

// NameRule is what the VPC Lattice API model requires of one kind's name: its
// length range, the pattern of the whole name, and what a name must not match.
// The API writes the latter as negative look-aheads ((?!svc-)…), which RE2 —
// the engine behind Go and Rego regexes — has no syntax for, so they are
// split into plain patterns a policy can match.
type NameRule struct {
	Min     int    `json:"min"`
	Max     int    `json:"max"`
	Pattern string `json:"pattern"` // the whole name must match it (anchored)
	// Allows says what Pattern admits, for messages ("only the characters [a-z0-9-]").
	Allows string `json:"allows"`
	// Reserved is the id prefix AWS keeps for the kind ("svc-"); "" when none.
	Reserved string `json:"reserved,omitempty"`
	// Forbidden are the other look-aheads: a name matching Pattern breaks the
	// rule Says describes.
	Forbidden []Forbidden `json:"forbidden"`
}

// Forbidden is one negative look-ahead of a name pattern.
type Forbidden struct {
	Pattern string `json:"pattern"` // anchored at the start of the name
	Says    string `json:"says"`    // what the name must not do, for messages
}

// lookaheadSays words the look-aheads the API model's name patterns use; any
// other look-ahead is reported by its pattern.
var lookaheadSays = map[string]string{
	`[-]`:      "start with a hyphen",
	`.*[-]$`:   "end with a hyphen",
	`.*[-]{2}`: "hold two hyphens in a row",
}

var (
	literalPrefix = regexp.MustCompile(`^[a-z0-9-]+$`)
	charClass     = regexp.MustCompile(`^\[[^\]]+\]\+$`)
)

// names are the name rules, derived once from the tables; nameErrs joins Check.
var names, nameErrs = nameRules()

// NameRules returns, by model collection, the name rule of every kind whose
// table has a name row tied to an API member with a pattern.
func NameRules() map[string]NameRule { return names }

// NameDocument is NameRules as the policies read it (data.lattice.names).
func NameDocument() map[string]any {
	out := make(map[string]any, len(names))
	for coll, nr := range names {
		forbidden := make([]any, len(nr.Forbidden))
		for i, f := range nr.Forbidden {
			forbidden[i] = map[string]any{"pattern": f.Pattern, "says": f.Says}
		}
		out[coll] = map[string]any{"min": nr.Min, "max": nr.Max, "pattern": nr.Pattern,
			"allows": nr.Allows, "reserved": nr.Reserved, "forbidden": forbidden}
	}
	return out
}

func nameRules() (map[string]NameRule, []error) {
	out, errs := map[string]NameRule{}, []error(nil)
	for _, r := range tables {
		f := r.Field("name")
		if f == nil || f.API == "" || r.Kind == "" {
			continue
		}
		s, err := apiMember(f.API)
		if err != nil || s.Pattern == "" || s.Min == nil || s.Max == nil {
			continue // an unknown member is already in tableErrs
		}
		nr, err := nameRule(s.Pattern)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s name (%s): %w", r.Kind, f.API, err))
			continue
		}
		nr.Min, nr.Max = int(*s.Min), int(*s.Max)
		out[r.Kind.Collection()] = nr
	}
	return out, errs
}

// nameRule splits a pattern of leading negative look-aheads and a body.
func nameRule(pattern string) (NameRule, error) {
	nr := NameRule{Forbidden: []Forbidden{}}
	rest := pattern
	for strings.HasPrefix(rest, "(?!") {
		end := closing(rest)
		if end < 0 {
			return nr, fmt.Errorf("unbalanced look-ahead in %q", pattern)
		}
		body := rest[3:end]
		rest = rest[end+1:]
		switch says, known := lookaheadSays[body]; {
		case literalPrefix.MatchString(body) && nr.Reserved == "":
			nr.Reserved = body
		case known:
			nr.Forbidden = append(nr.Forbidden, Forbidden{Pattern: "^" + body, Says: says})
		default:
			nr.Forbidden = append(nr.Forbidden, Forbidden{Pattern: "^" + body, Says: fmt.Sprintf("match %s", body)})
		}
	}
	nr.Pattern, nr.Allows = "^(?:"+rest+")$", "only what matches "+rest
	if charClass.MatchString(rest) {
		nr.Allows = "only the characters " + strings.TrimSuffix(rest, "+")
	}
	for _, p := range append([]string{nr.Pattern}, forbiddenPatterns(nr)...) {
		if _, err := regexp.Compile(p); err != nil {
			return nr, fmt.Errorf("pattern %q: %w", pattern, err)
		}
	}
	return nr, nil
}

func forbiddenPatterns(nr NameRule) []string {
	out := make([]string, len(nr.Forbidden))
	for i, f := range nr.Forbidden {
		out[i] = f.Pattern
	}
	return out
}

// closing returns the index of the parenthesis closing the group s opens.
func closing(s string) int {
	depth := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case '(':
			depth++
		case ')':
			if depth--; depth == 0 {
				return i
			}
		}
	}
	return -1
}
