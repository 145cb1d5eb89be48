package cloudformation

import (
	"fmt"

	"gopkg.in/yaml.v3"

	"github.com/lattice-lint/lattice-lint/pkg/suppress"
)

// metadataKey is the resource Metadata key lattice-lint reads:
//
//	Metadata:
//	  lattice-lint:
//	    ignore:
//	      - {id: LAT-SEC-005, reason: "public health endpoint", until: 2027-06-30}
const metadataKey = "lattice-lint"

// readSuppressions extracts the ignore entries of a resource's Metadata with
// their positions; package suppress matches them with findings after the
// rules ran. Anything it cannot read becomes a suppression with problems
// (LAT-SUP-003), never a silent no-op.
func (t *template) readSuppressions(r *resource) {
	_, md := field(r.node, "Metadata")
	if md = deref(md); md == nil || md.Kind != yaml.MappingNode {
		return
	}
	key, ll := field(md, metadataKey)
	if ll == nil {
		return
	}
	bad := func(n *yaml.Node, format string, args ...any) {
		t.run.suppressions = append(t.run.suppressions, suppress.Suppression{Scope: suppress.Entity, Entity: r.id(),
			Address: r.logical, Target: t.rangeOf(r.key), Range: t.rangeOf(n),
			Problems: []string{fmt.Sprintf(format, args...)}})
	}
	if ll = deref(ll); ll.Kind != yaml.MappingNode {
		bad(key, "Metadata.%s must be a mapping with an ignore list", metadataKey)
		return
	}
	for i := 0; i+1 < len(ll.Content); i += 2 {
		k, v := ll.Content[i], deref(ll.Content[i+1])
		if k.Value != "ignore" {
			bad(k, "unknown key Metadata.%s.%s (want ignore)", metadataKey, k.Value)
			continue
		}
		if v.Kind != yaml.SequenceNode {
			bad(k, "Metadata.%s.ignore must be a list of {id, reason, until}", metadataKey)
			continue
		}
		for _, item := range v.Content {
			t.readIgnoreEntry(r, deref(item))
		}
	}
}

// readIgnoreEntry reads one {id, reason, until} entry; id may also be a list.
func (t *template) readIgnoreEntry(r *resource, n *yaml.Node) {
	s := suppress.Suppression{Scope: suppress.Entity, Entity: r.id(), Address: r.logical, Target: t.rangeOf(r.key),
		Range: t.rangeOf(n)}
	if n.Kind != yaml.MappingNode {
		s.Problems = append(s.Problems, "an ignore entry must be a mapping {id, reason, until}")
		t.run.suppressions = append(t.run.suppressions, s)
		return
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
	s.Problems = append(s.Problems, suppress.Check(s.RuleIDs, s.Reason, s.Until, hasReason)...)
	t.run.suppressions = append(t.run.suppressions, s)
}
