package suppress

import (
	"fmt"

	"gopkg.in/yaml.v3"
)

// FromEntry reads one {id, reason, until} entry of an ignore list — a
// CloudFormation resource's Metadata.lattice-lint.ignore or a native entity's
// ignore — into s, which carries the scope, entity and ranges the front end
// knows. id may be one rule id or a list. What is wrong with the entry ends in
// s.Problems, so it is reported (LAT-SUP-003) and suppresses nothing.
func FromEntry(n *yaml.Node, s Suppression) Suppression {
	n = deref(n)
	if n.Kind != yaml.MappingNode {
		s.Problems = append(s.Problems, "an ignore entry must be a mapping {id, reason, until}")
		return s
	}
	hasReason := false
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], deref(n.Content[i+1])
		switch k.Value {
		case "id":
			switch {
			case v.Kind == yaml.ScalarNode:
				s.RuleIDs = append(s.RuleIDs, v.Value)
			case v.Kind == yaml.SequenceNode:
				for _, it := range v.Content {
					if it = deref(it); it.Kind == yaml.ScalarNode {
						s.RuleIDs = append(s.RuleIDs, it.Value)
					} else {
						s.Problems = append(s.Problems, "id must be a rule id or a list of rule ids")
					}
				}
			default:
				s.Problems = append(s.Problems, "id must be a rule id or a list of rule ids")
			}
		case "reason":
			if v.Kind != yaml.ScalarNode {
				s.Problems = append(s.Problems, "reason must be text")
				continue
			}
			s.Reason, hasReason = v.Value, true
		case "until":
			if v.Kind != yaml.ScalarNode {
				s.Problems = append(s.Problems, "until must be a date (YYYY-MM-DD)")
				continue
			}
			s.Until = v.Value
		default:
			s.Problems = append(s.Problems, fmt.Sprintf("unknown key %q (want id, reason, until)", k.Value))
		}
	}
	if !hasReason {
		s.Problems = append(s.Problems, "no reason: add reason: why this finding is accepted")
	}
	s.Problems = append(s.Problems, Check(s.RuleIDs, s.Reason, s.Until, hasReason)...)
	return s
}

// deref follows YAML aliases.
func deref(n *yaml.Node) *yaml.Node {
	for n != nil && n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	return n
}
