package cloudformation

import (
	"fmt"
	"slices"
	"strings"

	"github.com/lattice-lint/lattice-lint/pkg/model"
	"github.com/lattice-lint/lattice-lint/pkg/schema"
)

// checkSchema reports unknown VPC Lattice resource types, properties (at
// every depth) that the type's table does not list, and missing required
// properties: CloudFormation rejects all three, so they are input errors.
func (b *builder) checkSchema() {
	t := schema.ByType(schema.CFN, b.r.typ)
	if strings.HasPrefix(b.r.typ, "AWS::VpcLattice::") && t == nil {
		// The VPC Lattice types are few and known: an unknown one is a typo
		// CloudFormation rejects before creating anything.
		b.t.report("error", b.rng(), "resource %s: unknown resource type %s; it is not read%s", b.r.logical, b.r.typ,
			didYouMean(b.r.typ, schema.Types(schema.CFN, "AWS::VpcLattice::")))
		return
	}
	if b.props != nil && b.props.k == vUnknown {
		return
	}
	var required []string
	if t != nil {
		for i := range t.Fields {
			if f := &t.Fields[i]; f.RequiredCFN {
				required = append(required, f.CFN)
			}
		}
	}
	for _, req := range required {
		if b.props.get(req) == nil {
			b.t.report("error", b.rng(), "%s %s: required property %s is missing", b.r.typ, b.r.logical, req)
		}
	}
	if t != nil && !t.Open && b.props != nil {
		b.checkShape(t, b.props, "")
	}
}

// didYouMean returns "; did you mean X?" for the closest candidate, or "".
func didYouMean(name string, candidates []string) string {
	if best := schema.Suggest(name, candidates); best != "" {
		return fmt.Sprintf("; did you mean %s?", best)
	}
	return ""
}

// checkShape checks the property names of an object (each item of a list)
// at a path of the table; policy documents are free-form.
func (b *builder) checkShape(t *schema.Resource, v *val, path string) {
	switch v.k {
	case vList:
		for _, it := range v.items {
			b.checkShape(t, it, path)
		}
	case vMap:
		allowed := t.Names(schema.CFN, path)
		for _, e := range v.keys {
			full := e.key
			if path != "" {
				full = path + "." + e.key
			}
			if !slices.Contains(allowed, e.key) {
				b.t.report("error", e.rng, "%s %s: unknown property %s (expected one of %s)%s",
					b.r.typ, b.r.logical, full, strings.Join(allowed, ", "), didYouMean(e.key, allowed))
				if best := schema.Suggest(e.key, allowed); best != "" {
					if b.misspelt == nil {
						b.misspelt = map[string]model.Range{}
					}
					b.misspelt[strings.TrimPrefix(path+"."+best, ".")] = e.rng
				}
				continue
			}
			if t.IsBlock(schema.CFN, full) {
				b.checkShape(t, e.v, full)
			}
		}
	}
}
