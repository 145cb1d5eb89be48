package terraform

import (
	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"

	"github.com/lattice-lint/lattice-lint/pkg/schema"
)

// The hashicorp/awscc provider takes nested content as object attributes
// (network_configuration = { awsvpc_configuration = { … } }) and lists of
// objects (security_group_ingress = [{ … }, { … }]) where hashicorp/aws takes
// nested blocks. A view of one object reads its members like a block's
// arguments: written members keep their own expressions (their ranges,
// their references); a value computed as a whole is split into its members.

// items returns the views of a list of nested blocks (hashicorp/aws) or of
// objects (awscc); known is false when the list or an item is decided at
// apply time.
func (v *bview) items(col schema.Column, name string) ([]*bview, bool) {
	if col == schema.AWSCC {
		return v.objectItems(name)
	}
	return v.blocks(name)
}

// objectItems returns a view of each object of a list-of-objects attribute.
func (v *bview) objectItems(name string) (out []*bview, known bool) {
	a := v.attr(name)
	if a == nil {
		return nil, true
	}
	if tc, ok := a.Expr.(*hclsyntax.TupleConsExpr); ok {
		known = true
		for _, ex := range tc.Exprs {
			it, ok := v.objectOf(ex)
			if !ok {
				known = false
				continue
			}
			out = append(out, it)
		}
		return out, known
	}
	val := v.b.s.eval(a.Expr, v.iv)
	if val.IsKnown() && val.IsNull() {
		return nil, true
	}
	inner, marks := val.Unmark()
	if !inner.IsKnown() || !inner.CanIterateElements() {
		return nil, false
	}
	known = true
	for it := inner.ElementIterator(); it.Next(); {
		_, e := it.Element()
		view, ok := v.literalObject(e.WithMarks(marks), a.Expr.Range())
		if !ok {
			known = false
			continue
		}
		out = append(out, view)
	}
	return out, known
}

// objectView returns a view of an object attribute; present is false when
// it is absent, known false when its value is decided at apply time.
func (v *bview) objectView(name string) (view *bview, rng hcl.Range, known, present bool) {
	a := v.attr(name)
	if a == nil {
		return nil, v.rng, true, false
	}
	if _, ok := a.Expr.(*hclsyntax.ObjectConsExpr); !ok {
		if val := v.b.s.eval(a.Expr, v.iv); val.IsKnown() && val.IsNull() {
			return nil, a.Expr.Range(), true, false
		}
	}
	view, ok := v.objectOf(a.Expr)
	return view, a.Expr.Range(), ok, true
}

// walkObjects follows the object attributes of a dotted path; it returns the
// view that holds the last name, or nil and where the value becomes unknown
// (ok false when a member on the way is absent).
func (v *bview) walkObjects(segs []string) (view *bview, unknownAt hcl.Range, ok bool) {
	for _, s := range segs {
		next, rng, known, present := v.objectView(s)
		switch {
		case !present:
			return nil, rng, false
		case !known:
			return nil, rng, true
		}
		v = next
	}
	return v, v.rng, true
}

// objectOf is the view of an object expression: its written members when it
// is an object constructor, else the members of its value.
func (v *bview) objectOf(ex hcl.Expression) (*bview, bool) {
	oc, ok := ex.(*hclsyntax.ObjectConsExpr)
	if !ok {
		return v.literalObject(v.b.s.eval(ex, v.iv), ex.Range())
	}
	attrs := hclsyntax.Attributes{}
	for _, item := range oc.Items {
		key := hcl.ExprAsKeyword(item.KeyExpr)
		if key == "" {
			k, _ := v.b.s.eval(item.KeyExpr, v.iv).Unmark()
			if !k.IsKnown() || k.IsNull() || k.Type() != cty.String {
				return nil, false // a member whose name is not known may be any of them
			}
			key = k.AsString()
		}
		attrs[key] = &hclsyntax.Attribute{Name: key, Expr: item.ValueExpr, SrcRange: item.ValueExpr.Range(),
			NameRange: item.KeyExpr.Range()}
	}
	return v.synthetic(attrs, oc.SrcRange), true
}

// literalObject is the view of an object value: each member an expression
// that returns it (with its references' marks), positioned at rng.
func (v *bview) literalObject(val cty.Value, rng hcl.Range) (*bview, bool) {
	inner, marks := val.Unmark()
	if !inner.IsKnown() || inner.IsNull() || !(inner.Type().IsObjectType() || inner.Type().IsMapType()) {
		return nil, false
	}
	attrs := hclsyntax.Attributes{}
	for it := inner.ElementIterator(); it.Next(); {
		k, e := it.Element()
		key := k.AsString()
		attrs[key] = &hclsyntax.Attribute{Name: key, Expr: &hclsyntax.LiteralValueExpr{Val: e.WithMarks(marks), SrcRange: rng},
			SrcRange: rng, NameRange: rng}
	}
	return v.synthetic(attrs, rng), true
}

func (v *bview) synthetic(attrs hclsyntax.Attributes, rng hcl.Range) *bview {
	return &bview{b: v.b, body: &hclsyntax.Body{Attributes: attrs, SrcRange: rng, EndRange: rng}, iv: v.iv, rng: rng}
}
