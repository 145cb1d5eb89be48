package cloudformation

import (
	"strconv"
	"strings"

	"github.com/lattice-lint/lattice-lint/pkg/model"
)

// builder turns one evaluated resource into entities.
type builder struct {
	t           *template
	r           *resource
	props       *val // evaluated Properties; nil when absent
	conditional bool
	// misspelt maps table paths the template meant to set under a misspelt
	// name to where the misspelling is (filled by checkSchema).
	misspelt map[string]model.Range
}

// build adds the entities of every resource whose condition is not false,
// then reads outputs (for their diagnostics).
func (t *template) build(m *model.Model) {
	vpcs := map[string]*model.VPC{}
	for _, r := range t.order {
		t.checkDependsOn(r)
		c := t.resourceCondition(r)
		if c == triFalse {
			continue
		}
		props := r.properties()
		if props != nil && props.k != vMap && props.k != vUnknown {
			t.report("error", props.rng, "resource %s: Properties must be a mapping, got %s", r.logical, props.describe())
			props = nil
		}
		b := &builder{t: t, r: r, props: props, conditional: c == triUnknown}
		b.checkSchema()
		mk := builders[r.typ]
		if mk == nil || !r.modelled() {
			continue
		}
		for _, e := range mk(b) {
			if v, ok := e.(*model.VPC); ok {
				vpcs[r.logical] = v
			}
			if err := m.Add(e); err != nil {
				t.report("error", t.rangeOf(r.key), "resource %s: %v", r.logical, err)
			}
		}
	}
	t.foldCidrBlocks(vpcs)
	for _, o := range t.outputs {
		if o.cond != "" && t.condition(o.cond, o.key) == triFalse {
			continue
		}
		o.resolved()
	}
}

// id is the entity ID of a resource.
func (r *resource) id() string { return r.t.path + "//" + r.logical }

// modelled reports whether r becomes an entity (so references may target it).
func (r *resource) modelled() bool {
	if builders[r.typ] == nil || r.t.resourceCondition(r) == triFalse {
		return false
	}
	if r.typ == "AWS::EC2::VPCEndpoint" {
		return endpointModelled(r)
	}
	return true
}

func (b *builder) rng() model.Range { return b.t.rangeOf(b.r.key) }

// meta is the common part of every entity the resource yields.
func (b *builder) meta() model.Meta {
	m := model.Meta{
		ID: b.r.id(), Type: b.r.typ, Address: b.r.logical, Format: Format, Source: b.t.path, Range: b.rng(),
		Account: b.t.account, Region: b.t.region, Conditional: b.conditional,
	}
	m.Tags = b.tags(b.p("Tags"))
	return m
}

// subMeta is the meta of an inline sub-entity (TG.Targets[0]).
func (b *builder) subMeta(address string, rng model.Range) model.Meta {
	m := b.meta()
	m.ID = b.t.path + "//" + address
	m.Address = address
	m.Range = rng
	m.Tags = nil
	return m
}

func (b *builder) tags(v *val) map[string]string {
	if v == nil {
		return nil
	}
	out := map[string]string{}
	switch v.k {
	case vList:
		for _, it := range v.items {
			k, val := it.get("Key"), it.get("Value")
			if k != nil && val != nil && k.k == vScalar && val.k == vScalar {
				out[k.s] = val.s
			}
		}
	case vMap: // SAM and a few resource types take a plain mapping
		for _, e := range v.keys {
			if e.v.k == vScalar {
				out[e.key] = e.v.s
			}
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// p returns a top-level property.
func (b *builder) p(name string) *val { return b.sub(b.props, name, name) }

// sub returns parent[key]: nil when absent, unknown when the parent is.
func (b *builder) sub(parent *val, path, key string) *val {
	if parent == nil {
		return nil
	}
	switch parent.k {
	case vNull, vNoValue:
		return nil
	case vUnknown:
		return unknownAt(parent.rng)
	case vMap:
		v := parent.get(key)
		if v != nil && v.k == vNull {
			return nil
		}
		return v
	}
	b.typeErr(parent, strings.TrimSuffix(strings.TrimSuffix(path, key), "."), "a mapping")
	return unknownAt(parent.rng)
}

func (b *builder) typeErr(v *val, path, want string) {
	b.t.report("error", v.rng, "%s %s: property %s: expected %s, got %s", b.r.typ, b.r.logical, path, want, v.describe())
}

func (b *builder) str(v *val, path string) model.Attr[string] {
	if v == nil {
		return model.Attr[string]{}
	}
	switch v.k {
	case vScalar:
		return model.Known(v.s, v.rng)
	case vUnknown:
		return model.Unknown[string](v.rng)
	}
	b.typeErr(v, path, "a string")
	return model.Unknown[string](v.rng)
}

func (b *builder) num(v *val, path string) model.Attr[int] {
	if v == nil {
		return model.Attr[int]{}
	}
	switch v.k {
	case vScalar:
		s := strings.TrimSpace(v.s)
		if v.tag != "!!bool" {
			if n, err := strconv.Atoi(s); err == nil {
				return model.Known(n, v.rng)
			}
			if f, err := strconv.ParseFloat(s, 64); err == nil && f == float64(int(f)) {
				return model.Known(int(f), v.rng)
			}
		}
	case vUnknown:
		return model.Unknown[int](v.rng)
	}
	b.typeErr(v, path, "a number")
	return model.Unknown[int](v.rng)
}

func (b *builder) boolean(v *val, path string) model.Attr[bool] {
	if v == nil {
		return model.Attr[bool]{}
	}
	switch v.k {
	case vScalar:
		switch strings.ToLower(strings.TrimSpace(v.s)) {
		case "true":
			return model.Known(true, v.rng)
		case "false":
			return model.Known(false, v.rng)
		}
	case vUnknown:
		return model.Unknown[bool](v.rng)
	}
	b.typeErr(v, path, "a boolean")
	return model.Unknown[bool](v.rng)
}

// ref converts an identifier-valued property to a reference.
func (b *builder) ref(v *val, path string, kind model.Kind) model.Ref {
	if v == nil {
		return model.Ref{}
	}
	switch v.k {
	case vScalar:
		return model.Ref{Kind: kind, Literal: model.Known(v.s, v.rng), Range: v.rng}
	case vUnknown:
		if v.ref != nil && v.ref.res.modelled() {
			return model.Ref{Target: v.ref.res.id(), Kind: kind, Attribute: v.ref.attr, Range: v.rng}
		}
		return model.Ref{Kind: kind, Range: v.rng}
	}
	b.typeErr(v, path, "an identifier (string)")
	return model.Ref{Kind: kind, Range: v.rng}
}

// list returns the items of a list property; known is false when the list as
// a whole is unknown. An absent list has no items and is known.
func (b *builder) list(v *val, path string) (items []*val, known bool) {
	if v == nil {
		return nil, true
	}
	switch v.k {
	case vList:
		return v.items, true
	case vUnknown:
		return nil, false
	}
	b.typeErr(v, path, "a list")
	return nil, false
}

// refList converts a list of identifiers. Absent: zero RefList (callers
// decide whether absence means "none" or "unknown").
func (b *builder) refList(v *val, path string, kind model.Kind) model.RefList {
	if v == nil {
		return model.RefList{}
	}
	items, known := b.list(v, path)
	rl := model.RefList{Known: known, Range: v.rng, Items: []model.Ref{}}
	for i, it := range items {
		rl.Items = append(rl.Items, b.ref(it, path+"["+strconv.Itoa(i)+"]", kind))
	}
	return rl
}

func (b *builder) strList(v *val, path string) model.StringList {
	if v == nil {
		return model.StringList{}
	}
	items, known := b.list(v, path)
	sl := model.StringList{Known: known, Range: v.rng, Items: []model.Attr[string]{}}
	for i, it := range items {
		sl.Items = append(sl.Items, b.str(it, path+"["+strconv.Itoa(i)+"]"))
	}
	return sl
}

// orDefault materialises the AWS default of an omitted attribute.
func orDefault[T any](a model.Attr[T], v T, rng model.Range) model.Attr[T] {
	if !a.Known && a.Range.IsZero() {
		return model.Default(v, rng)
	}
	return a
}

func rangeOr(v *val, rng model.Range) model.Range {
	if v == nil {
		return rng
	}
	return v.rng
}

// Top-level property shorthands: the property name is also its path in messages.
func (b *builder) pstr(name string) model.Attr[string] { return b.str(b.p(name), name) }
