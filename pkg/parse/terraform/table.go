package terraform

import (
	"fmt"
	"math/big"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"

	"github.com/lattice-lint/lattice-lint/pkg/model"
	"github.com/lattice-lint/lattice-lint/pkg/schema"
)

// columnOf is the table column a resource type is read with.
func columnOf(typ string) schema.Column {
	if strings.HasPrefix(typ, "awscc_") {
		return schema.AWSCC
	}
	return schema.AWS
}

// tableOf returns the schema table of a managed resource type, or nil.
func tableOf(typ string) *schema.Resource {
	return schema.ByType(columnOf(typ), typ)
}

// mapTable builds the entity of a kind whose every field the table maps.
func mapTable(b *builder, r *bview, m model.Meta) model.Entity {
	t := tableOf(m.Type)
	e := model.InfoOf(t.Kind).New()
	*e.Base() = m
	b.fill(e, r)
	return e
}

// fill reads every row of the entity's table that is not Custom, checks enum
// values and materialises the AWS defaults of what the code omits.
func (b *builder) fill(e model.Entity, r *bview) {
	typ := e.Base().Type
	t, col := tableOf(typ), columnOf(typ)
	t.SetConst(e)
	b.fillRows(t, col, typ, e, r)
	if m := r.b.l.misspelt[typ+"|"+r.rng.String()]; m != nil {
		t.MarkMisspelt(col, e, m)
	}
	t.ApplyDefaults(col, e, func(f *schema.Field) model.Range {
		return r.at(r.innermost(f.Path(col)).rng)
	})
}

// fillItem reads one block of a list of blocks (a security group's ingress)
// into item with the list's item table.
func (b *builder) fillItem(t *schema.Resource, typ string, item any, r *bview) {
	col := columnOf(typ)
	b.fillRows(t, col, typ, item, r)
	t.ApplyDefaults(col, item, func(f *schema.Field) model.Range {
		return r.at(r.innermost(f.Path(col)).rng)
	})
}

// fillRows reads the plain rows of t into e (an entity or an item).
func (b *builder) fillRows(t *schema.Resource, col schema.Column, typ string, e any, r *bview) {
	for i := range t.Fields {
		f := &t.Fields[i]
		p := f.Path(col)
		if f.Custom || p == "" || (!f.Modelled() && len(f.Enum) == 0) {
			continue
		}
		var v *bview
		var name string
		switch {
		case col == schema.AWSCC && strings.Contains(p, ".") && (f.Type == schema.String || f.Type == schema.Int || f.Type == schema.Bool):
			// awscc nests arguments in object attributes, not blocks.
			if a, rng, ok := r.objectMember(p, f.Type); ok && f.Modelled() {
				if s, isStr := a.(model.Attr[string]); isStr {
					a = f.Normalise(r.enumAt(f, typ, p, s, rng))
				}
				f.Put(e, a)
			} else if ok {
				if s, isStr := a.(model.Attr[string]); isStr {
					r.enumAt(f, typ, p, s, rng)
				}
			}
			continue
		case col == schema.AWSCC && strings.Contains(p, "."):
			segs := strings.Split(p, ".")
			obj, unknownAt, ok := r.walkObjects(segs[:len(segs)-1])
			if obj == nil {
				if ok && f.Modelled() { // an object decided at apply time
					f.SetUnknown(e, r.at(unknownAt))
				}
				continue
			}
			v, name = obj, segs[len(segs)-1]
		default:
			if v, name = r.walk(p); v == nil {
				continue
			}
		}
		if !f.Modelled() { // not modelled, but a value the provider rejects is still an input error
			if a, ok := v.str(name); ok {
				v.enum(f, typ, p, a)
			}
			continue
		}
		if f.Computes {
			if f.Type == schema.Bool {
				if a, ok := v.boolean(name); ok && !f.Switched(a) {
					continue
				}
			}
			if _, rng, ok := v.val(name); ok {
				f.Compute(e, v.at(rng))
			} else if blk := v.block(name); blk != nil { // network_interface { … }
				f.Compute(e, v.at(blk.rng))
			}
			continue
		}
		switch f.Type {
		case schema.String:
			if a, ok := v.str(name); ok {
				f.Put(e, f.Normalise(v.enum(f, typ, p, a)))
			}
		case schema.Int:
			if a, ok := v.integer(name); ok {
				f.Put(e, a)
			}
		case schema.Bool:
			if a, ok := v.boolean(name); ok {
				f.Put(e, a)
			}
		case schema.Ref:
			if ref := v.ref(name, f.Kind); !ref.IsZero() {
				f.Put(e, ref)
			}
		case schema.RefList:
			if _, _, ok := v.val(name); ok {
				f.Put(e, v.refList(name, f.Kind))
			}
		case schema.StringList:
			if _, _, ok := v.val(name); ok {
				f.Put(e, v.strList(name))
			}
		}
	}
}

// row finds a Custom row's argument in the resource's column: the mapper
// derives a value, the table names where it is.
func (v *bview) row(t *schema.Resource, col schema.Column, model string) (*bview, string) {
	f := t.Field(model)
	if f == nil || f.Path(col) == "" {
		return nil, ""
	}
	return v.walk(f.Path(col))
}

// walk follows the nested blocks of a dotted path; it returns the block that
// holds the last name, or nil when a block on the way is absent.
func (v *bview) walk(path string) (*bview, string) {
	segs := strings.Split(path, ".")
	for _, s := range segs[:len(segs)-1] {
		if v = v.block(s); v == nil {
			return nil, ""
		}
	}
	return v, segs[len(segs)-1]
}

// innermost is the deepest block of a path that is present: a default is
// positioned at the block that omits it.
func (v *bview) innermost(path string) *bview {
	segs := strings.Split(path, ".")
	for _, s := range segs[:max(len(segs)-1, 0)] {
		next := v.block(s)
		if next == nil {
			break
		}
		v = next
	}
	return v
}

// enum reports a value the provider rejects at plan time; the attribute
// becomes unknown, never a wrong known value.
func (v *bview) enum(f *schema.Field, typ, path string, a model.Attr[string]) model.Attr[string] {
	rng := v.rng
	if at := v.attr(path[strings.LastIndexByte(path, '.')+1:]); at != nil {
		rng = at.Expr.Range()
	}
	return v.enumAt(f, typ, path, a, rng)
}

// enumAt reports a rejected value at rng.
func (v *bview) enumAt(f *schema.Field, typ, path string, a model.Attr[string], rng hcl.Range) model.Attr[string] {
	if !a.Known {
		return a
	}
	msg := f.CheckEnum(a.Value)
	if msg == "" {
		return a
	}
	v.b.l.addDiag(&hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Invalid value",
		Detail: fmt.Sprintf("%s %s: %s", typ, path, sentence(msg)), Subject: rng.Ptr()})
	return model.Unknown[string](a.Range)
}

// objectMember reads a member of an object attribute (awscc's
// dns_options = { private_dns_preference = "…" }) as the row's type; ok is
// false when the attribute or the member is absent.
func (v *bview) objectMember(path string, typ schema.Type) (any, hcl.Range, bool) {
	top, rest, _ := strings.Cut(path, ".")
	val, rng, ok := v.val(top)
	if !ok {
		return nil, rng, false
	}
	if a := v.attr(top); a != nil {
		rng = memberRange(a.Expr, strings.Split(rest, "."), rng)
	}
	at := v.at(rng)
	if !val.IsWhollyKnown() {
		return unknownOf(typ, at), rng, true
	}
	val, _ = val.UnmarkDeep()
	for _, seg := range strings.Split(rest, ".") {
		if !val.Type().IsObjectType() || !val.Type().HasAttribute(seg) {
			return nil, rng, false
		}
		if val = val.GetAttr(seg); val.IsNull() {
			return nil, rng, false
		}
	}
	if typ == schema.StringList {
		return v.strListOf(val, rng, path), rng, true
	}
	want := map[schema.Type]cty.Type{schema.String: cty.String, schema.Int: cty.Number, schema.Bool: cty.Bool}[typ]
	if want == cty.NilType {
		return nil, rng, false
	}
	c, err := convert.Convert(val, want)
	if err != nil {
		v.wrongType(rng, path, "a "+want.FriendlyName(), val.Type())
		return unknownOf(typ, at), rng, true
	}
	switch typ {
	case schema.String:
		return model.Known(c.AsString(), at), rng, true
	case schema.Bool:
		return model.Known(c.True(), at), rng, true
	}
	n, acc := c.AsBigFloat().Int64()
	if acc != big.Exact {
		v.wrongType(rng, path, "a whole number", val.Type())
		return model.Unknown[int](at), rng, true
	}
	return model.Known(int(n), at), rng, true
}

// memberRange is the range of the value at segs inside a literal object
// (dns_options = { private_dns_preference = "…" }), so that a finding points
// at the member a reviewer changes; else the whole expression's range, def.
func memberRange(expr hcl.Expression, segs []string, def hcl.Range) hcl.Range {
	for _, seg := range segs {
		obj, ok := expr.(*hclsyntax.ObjectConsExpr)
		if !ok {
			return def
		}
		var next hcl.Expression
		for _, item := range obj.Items {
			if hcl.ExprAsKeyword(item.KeyExpr) == seg {
				next = item.ValueExpr
			} else if k, diags := item.KeyExpr.Value(nil); !diags.HasErrors() && k.Type() == cty.String && k.IsKnown() && !k.IsNull() && k.AsString() == seg {
				next = item.ValueExpr
			}
		}
		if next == nil {
			return def
		}
		expr = next
	}
	return expr.Range()
}

func unknownOf(typ schema.Type, at model.Range) any {
	switch typ {
	case schema.Int:
		return model.Unknown[int](at)
	case schema.Bool:
		return model.Unknown[bool](at)
	case schema.StringList:
		return model.StringList{Range: at}
	}
	return model.Unknown[string](at)
}

// sentence ends a message with a full stop unless it ends with a question.
func sentence(s string) string {
	if strings.HasSuffix(s, "?") {
		return s
	}
	return s + "."
}
