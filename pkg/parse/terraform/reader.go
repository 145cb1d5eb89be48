package terraform

import (
	"encoding/json"
	"fmt"
	"math/big"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"

	"github.com/lattice-lint/lattice-lint/pkg/model"
)

// bview reads one block body (a resource, or a nested block such as config or
// health_check) of one resource instance, with the iterators in scope.
type bview struct {
	b    *builder
	body hcl.Body
	iv   iterVars
	rng  hcl.Range // the block's definition range
}

// at converts a range of this block's module to a model range.
func (v *bview) at(r hcl.Range) model.Range { return v.b.l.toRange(r) }

// attr returns the named attribute, or nil when the block does not set it.
func (v *bview) attr(name string) *hcl.Attribute {
	if sb, ok := v.body.(*hclsyntax.Body); ok { // native syntax: no schema needed
		if a, ok := sb.Attributes[name]; ok {
			return a.AsHCLAttribute()
		}
		return nil
	}
	content, _, diags := v.body.PartialContent(&hcl.BodySchema{Attributes: []hcl.AttributeSchema{{Name: name}}})
	for _, d := range diags {
		v.b.l.addDiag(d)
	}
	if content == nil {
		return nil
	}
	return content.Attributes[name]
}

// val evaluates the named attribute. present is false when it is not set or null.
func (v *bview) val(name string) (cty.Value, hcl.Range, bool) {
	a := v.attr(name)
	if a == nil {
		return cty.NilVal, v.rng, false
	}
	val := v.b.s.eval(a.Expr, v.iv)
	if val.IsKnown() && val.IsNull() {
		return val, a.Expr.Range(), false
	}
	return val, a.Expr.Range(), true
}

// blocks returns the nested blocks of a type, static and from dynamic blocks.
// known is false when a dynamic block iterates over an unknown value.
func (v *bview) blocks(name string) (out []*bview, known bool) {
	if sb, ok := v.body.(*hclsyntax.Body); ok && nativeBlocksWellFormed(sb, name) {
		// Native syntax, every label in place: read the blocks in place.
		// PartialContent would copy the body and its blocks for each call
		// (half of the evaluate stage's allocations at 10,000 resources).
		known = true
		for _, blk := range sb.Blocks {
			switch {
			case blk.Type == name:
				out = append(out, &bview{b: v.b, body: blk.Body, iv: v.iv, rng: blk.DefRange()})
			case blk.Type == "dynamic" && blk.Labels[0] == name:
				dyn, ok := v.expandDynamic(blk.AsHCLBlock())
				if !ok {
					known = false
				}
				out = append(out, dyn...)
			}
		}
		return out, known
	}
	content, _, diags := v.body.PartialContent(&hcl.BodySchema{Blocks: []hcl.BlockHeaderSchema{
		{Type: name}, {Type: "dynamic", LabelNames: []string{"type"}},
	}})
	for _, d := range diags {
		v.b.l.addDiag(d)
	}
	known = true
	if content == nil {
		return nil, known
	}
	for _, blk := range content.Blocks {
		if blk.Type == name {
			out = append(out, &bview{b: v.b, body: blk.Body, iv: v.iv, rng: blk.DefRange})
			continue
		}
		if blk.Labels[0] != name {
			continue
		}
		dyn, ok := v.expandDynamic(blk)
		if !ok {
			known = false
		}
		out = append(out, dyn...)
	}
	return out, known
}

// nativeBlocksWellFormed reports whether the blocks of type name in a native
// body have no labels and its dynamic blocks one each: then reading them
// directly gives what PartialContent gives, without its diagnostics to report.
func nativeBlocksWellFormed(sb *hclsyntax.Body, name string) bool {
	if name == "dynamic" {
		return false
	}
	for _, blk := range sb.Blocks {
		if (blk.Type == name && len(blk.Labels) != 0) || (blk.Type == "dynamic" && len(blk.Labels) != 1) {
			return false
		}
	}
	return true
}

var dynamicSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{{Name: "for_each", Required: true}, {Name: "iterator"}, {Name: "labels"}},
	Blocks:     []hcl.BlockHeaderSchema{{Type: "content"}},
}

func (v *bview) expandDynamic(blk *hcl.Block) ([]*bview, bool) {
	content, diags := blk.Body.Content(dynamicSchema)
	for _, d := range diags {
		v.b.l.addDiag(d)
	}
	if diags.HasErrors() || len(content.Blocks) != 1 {
		return nil, false
	}
	iter := blk.Labels[0]
	if a, ok := content.Attributes["iterator"]; ok {
		if tr, d := hcl.AbsTraversalForExpr(a.Expr); !d.HasErrors() && len(tr) == 1 {
			iter = tr.RootName()
		}
	}
	coll := v.b.s.eval(content.Attributes["for_each"].Expr, v.iv)
	if !coll.IsWhollyKnown() || coll.IsNull() {
		return nil, false
	}
	coll, _ = coll.Unmark()
	if !coll.CanIterateElements() {
		v.b.l.addDiag(&hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Invalid dynamic for_each value",
			Detail: "for_each of a dynamic block must be a collection.", Subject: content.Attributes["for_each"].Expr.Range().Ptr()})
		return nil, false
	}
	var out []*bview
	body := content.Blocks[0].Body
	for it := coll.ElementIterator(); it.Next(); {
		k, e := it.Element()
		if coll.Type().IsSetType() {
			k = e
		}
		iv := v.iv.with(iter, cty.ObjectVal(map[string]cty.Value{"key": k, "value": e}))
		out = append(out, &bview{b: v.b, body: body, iv: iv, rng: content.Blocks[0].DefRange})
	}
	return out, true
}

// block returns the first nested block of a type, or nil.
func (v *bview) block(name string) *bview {
	bs, known := v.blocks(name)
	if len(bs) == 0 {
		if !known {
			return &bview{b: v.b, body: hcl.EmptyBody(), iv: v.iv, rng: v.rng}
		}
		return nil
	}
	return bs[0]
}

func (v *bview) wrongType(rng hcl.Range, name, want string, got cty.Type) {
	v.b.l.addDiag(&hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Incorrect attribute value type",
		Detail:  fmt.Sprintf("%s must be %s, not %s.", name, want, got.FriendlyName()),
		Subject: rng.Ptr()})
}

// str reads a string attribute; present is false when absent.
func (v *bview) str(name string) (model.Attr[string], bool) {
	val, rng, ok := v.val(name)
	if !ok {
		return model.Attr[string]{}, false
	}
	if !val.IsWhollyKnown() {
		return model.Unknown[string](v.at(rng)), true
	}
	val, _ = val.UnmarkDeep()
	s, err := convert.Convert(val, cty.String)
	if err != nil {
		v.wrongType(rng, name, "a string", val.Type())
		return model.Unknown[string](v.at(rng)), true
	}
	return model.Known(s.AsString(), v.at(rng)), true
}

func (v *bview) integer(name string) (model.Attr[int], bool) {
	val, rng, ok := v.val(name)
	if !ok {
		return model.Attr[int]{}, false
	}
	if !val.IsWhollyKnown() {
		return model.Unknown[int](v.at(rng)), true
	}
	val, _ = val.UnmarkDeep()
	n, err := convert.Convert(val, cty.Number)
	if err != nil {
		v.wrongType(rng, name, "a number", val.Type())
		return model.Unknown[int](v.at(rng)), true
	}
	i, acc := n.AsBigFloat().Int64()
	if acc != big.Exact {
		v.wrongType(rng, name, "a whole number", val.Type())
		return model.Unknown[int](v.at(rng)), true
	}
	return model.Known(int(i), v.at(rng)), true
}

func (v *bview) intOr(name string, def int) model.Attr[int] {
	if a, ok := v.integer(name); ok {
		return a
	}
	return model.Default(def, v.at(v.rng))
}

func (v *bview) boolean(name string) (model.Attr[bool], bool) {
	val, rng, ok := v.val(name)
	if !ok {
		return model.Attr[bool]{}, false
	}
	if !val.IsWhollyKnown() {
		return model.Unknown[bool](v.at(rng)), true
	}
	val, _ = val.UnmarkDeep()
	bv, err := convert.Convert(val, cty.Bool)
	if err != nil {
		v.wrongType(rng, name, "a bool", val.Type())
		return model.Unknown[bool](v.at(rng)), true
	}
	return model.Known(bv.True(), v.at(rng)), true
}

// ref reads an identifier argument as a reference to an entity of kind.
func (v *bview) ref(name string, kind model.Kind) model.Ref {
	val, rng, ok := v.val(name)
	if !ok {
		return model.Ref{}
	}
	return v.b.refFrom(val, rng, kind, v, name)
}

// refList reads a list of identifiers (security_group_ids, subnet_ids).
func (v *bview) refList(name string, kind model.Kind) model.RefList {
	val, rng, ok := v.val(name)
	if !ok {
		return model.RefList{Known: true, Range: v.at(v.rng)}
	}
	out := model.RefList{Range: v.at(rng)}
	if !val.IsKnown() {
		return out
	}
	inner, marks := val.Unmark()
	if !inner.CanIterateElements() {
		v.wrongType(rng, name, "a list", val.Type())
		return out
	}
	out.Known = true
	for it := inner.ElementIterator(); it.Next(); {
		_, e := it.Element()
		if len(marks) > 0 && !e.IsKnown() {
			e = e.WithMarks(marks)
		}
		out.Items = append(out.Items, v.b.refFrom(e, rng, kind, v, name))
	}
	return out
}

// strList reads a list of strings.
func (v *bview) strList(name string) model.StringList {
	val, rng, ok := v.val(name)
	if !ok {
		return model.StringList{Known: true, Range: v.at(v.rng)}
	}
	return v.strListOf(val, rng, name)
}

// strListOf reads a value as a list of strings (an argument, or a member of
// an object attribute named name in messages).
func (v *bview) strListOf(val cty.Value, rng hcl.Range, name string) model.StringList {
	out := model.StringList{Range: v.at(rng)}
	if !val.IsKnown() {
		return out
	}
	inner, _ := val.UnmarkDeep()
	if inner.Type() == cty.String { // a lone string where a list is expected: Terraform would convert
		out.Known = true
		out.Items = append(out.Items, model.Known(inner.AsString(), v.at(rng)))
		return out
	}
	if !inner.CanIterateElements() {
		v.wrongType(rng, name, "a list of strings", val.Type())
		return out
	}
	out.Known = true
	for it := inner.ElementIterator(); it.Next(); {
		_, e := it.Element()
		if !e.IsKnown() {
			out.Items = append(out.Items, model.Unknown[string](v.at(rng)))
			continue
		}
		s, err := convert.Convert(e, cty.String)
		if err != nil || s.IsNull() {
			v.wrongType(rng, name, "a list of strings", val.Type())
			continue
		}
		out.Items = append(out.Items, model.Known(s.AsString(), v.at(rng)))
	}
	return out
}

// tags reads a tags map when it is fully known.
// tagsKnown reads the tags argument; known is false when the value, or the
// set of its keys, cannot be evaluated.
func (v *bview) tagsKnown() (tags map[string]string, known bool) {
	val, _, ok := v.val("tags")
	if !ok {
		return nil, true
	}
	if !val.IsWhollyKnown() {
		return nil, false
	}
	val, _ = val.UnmarkDeep()
	if val.IsNull() {
		return nil, true
	}
	if !val.CanIterateElements() {
		return nil, false
	}
	out := map[string]string{}
	for it := val.ElementIterator(); it.Next(); {
		k, e := it.Element()
		if e.Type().IsObjectType() && e.Type().HasAttribute("key") && e.Type().HasAttribute("value") {
			k, e = e.GetAttr("key"), e.GetAttr("value") // awscc: a list of { key, value }
		}
		if s, err := convert.Convert(e, cty.String); err == nil && !s.IsNull() && k.Type() == cty.String && !k.IsNull() {
			out[k.AsString()] = s.AsString()
		}
	}
	return out, true
}

// policy reads a JSON policy document argument.
func (v *bview) policy(name string) (model.Attr[any], model.Attr[int]) {
	s, ok := v.str(name)
	if !ok {
		return model.Attr[any]{Range: v.at(v.rng)}, model.Attr[int]{Range: v.at(v.rng)}
	}
	if !s.Known {
		return model.Unknown[any](s.Range), model.Unknown[int](s.Range)
	}
	var doc any
	if err := json.Unmarshal([]byte(s.Value), &doc); err != nil {
		rng := v.rng
		if a := v.attr(name); a != nil {
			rng = a.Expr.Range()
		}
		v.b.l.addDiag(&hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Invalid policy document",
			Detail: fmt.Sprintf("%s is not valid JSON: %s.", name, err), Subject: rng.Ptr()})
		return model.Unknown[any](s.Range), model.Known(len(s.Value), s.Range)
	}
	return model.Known(doc, s.Range), model.Known(len(s.Value), s.Range)
}
