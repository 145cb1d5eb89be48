package cloudformation

import (
	"strings"

	"github.com/lattice-lint/lattice-lint/pkg/model"
	"github.com/lattice-lint/lattice-lint/pkg/schema"
)

// buildTable builds the entity of a kind whose every field the table maps.
func buildTable(b *builder) []model.Entity {
	t := schema.ByType(schema.CFN, b.r.typ)
	e := model.InfoOf(t.Kind).New()
	*e.Base() = b.meta()
	b.fill(e)
	return []model.Entity{e}
}

// fill reads every row of the resource's table that is not Custom, checks
// enum values and materialises the AWS defaults of what the template omits.
func (b *builder) fill(e model.Entity) {
	t := schema.ByType(schema.CFN, b.r.typ)
	for i := range t.Fields {
		f := &t.Fields[i]
		if f.Custom || f.CFN == "" || (f.Model == "" && len(f.Enum) == 0) {
			continue
		}
		v := b.walk(f.CFN)
		if v == nil {
			continue
		}
		if f.Model == "" { // not modelled, but a value CloudFormation rejects is still an input error
			b.enumCheck(f, f.CFN, b.str(v, f.CFN))
			continue
		}
		switch f.Type {
		case schema.String:
			f.Set(e, b.enumCheck(f, f.CFN, b.str(v, f.CFN)))
		case schema.Int:
			f.Set(e, b.num(v, f.CFN))
		case schema.Bool:
			f.Set(e, b.boolean(v, f.CFN))
		case schema.Ref:
			f.Set(e, b.ref(v, f.CFN, f.Kind))
		case schema.RefList:
			f.Set(e, b.refList(v, f.CFN, f.Kind))
		case schema.StringList:
			f.Set(e, b.strList(v, f.CFN))
		}
	}
	t.MarkMisspelt(schema.CFN, e, b.misspelt)
	t.ApplyDefaults(schema.CFN, e, func(f *schema.Field) model.Range { return b.innermost(f.CFN) })
}

// walk follows a dotted property path; nil when a property on the way is absent.
func (b *builder) walk(path string) *val {
	v := b.props
	for i, seg := range strings.Split(path, ".") {
		if i > 0 && v == nil {
			return nil
		}
		v = b.sub(v, path, seg)
	}
	return v
}

// innermost is the range of the deepest object of a path that is present: a
// default is positioned at the object that omits it.
func (b *builder) innermost(path string) model.Range {
	rng, v := b.rng(), b.props
	segs := strings.Split(path, ".")
	for _, seg := range segs[:len(segs)-1] {
		if v = b.sub(v, path, seg); v == nil {
			break
		}
		rng = v.rng
	}
	return rng
}

// enumCheck reports a value CloudFormation rejects before creating anything;
// the attribute becomes unknown, never a wrong known value.
func (b *builder) enumCheck(f *schema.Field, path string, a model.Attr[string]) model.Attr[string] {
	if !a.Known {
		return a
	}
	if msg := f.CheckEnum(a.Value); msg != "" {
		b.t.report("error", a.Range, "%s %s: property %s: %s", b.r.typ, b.r.logical, path, msg)
		return model.Unknown[string](a.Range)
	}
	return a
}
