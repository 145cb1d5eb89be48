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
	t.SetConst(e)
	b.fillRows(t, e, b.props, "")
	t.MarkMisspelt(schema.CFN, e, b.misspelt)
	t.ApplyDefaults(schema.CFN, e, func(f *schema.Field) model.Range { return b.innermost(f.CFN) })
}

// fillItem reads one object of a list (an inline security group rule) at
// path into item with the list's item table.
func (b *builder) fillItem(t *schema.Resource, item any, v *val, path string) {
	b.fillRows(t, item, v, path)
	t.ApplyDefaults(schema.CFN, item, func(*schema.Field) model.Range { return v.rng })
}

// fillRows reads the plain rows of t from the object v (the properties, or
// an item at path) into e.
func (b *builder) fillRows(t *schema.Resource, e any, v *val, path string) {
	for i := range t.Fields {
		f := &t.Fields[i]
		if f.Custom || f.CFN == "" || (!f.Modelled() && len(f.Enum) == 0) {
			continue
		}
		p := f.CFN
		if path != "" {
			p = path + "." + f.CFN
		}
		x := b.walkFrom(v, path, f.CFN)
		if x == nil {
			continue
		}
		if !f.Modelled() { // not modelled, but a value CloudFormation rejects is still an input error
			b.enumCheck(f, p, b.str(x, p))
			continue
		}
		if f.Computes {
			f.Compute(e, x.rng)
			continue
		}
		switch f.Type {
		case schema.String:
			f.Put(e, f.Normalise(b.enumCheck(f, p, b.str(x, p))))
		case schema.Int:
			f.Put(e, b.num(x, p))
		case schema.Bool:
			f.Put(e, b.boolean(x, p))
		case schema.Ref:
			f.Put(e, b.ref(x, p, f.Kind))
		case schema.RefList:
			f.Put(e, b.refList(x, p, f.Kind))
		case schema.StringList:
			f.Put(e, b.strList(x, p))
		}
	}
}

// walk follows a dotted property path; nil when a property on the way is absent.
func (b *builder) walk(path string) *val { return b.walkFrom(b.props, "", path) }

// walkFrom follows a dotted path from the object v at base.
func (b *builder) walkFrom(v *val, base, path string) *val {
	full := path
	if base != "" {
		full = base + "." + path
	}
	for i, seg := range strings.Split(path, ".") {
		if i > 0 && v == nil {
			return nil
		}
		v = b.sub(v, full, seg)
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
