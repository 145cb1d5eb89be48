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
	t.run.suppressions = append(t.run.suppressions, suppress.FromEntry(n, suppress.Suppression{Scope: suppress.Entity,
		Entity: r.id(), Address: r.logical, Target: t.rangeOf(r.key), Range: t.rangeOf(n)}))
}
