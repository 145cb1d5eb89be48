package cloudformation

import (
	"strconv"

	"github.com/lattice-lint/lattice-lint/pkg/model"
)

// vkind is the shape of an evaluated template value.
type vkind uint8

const (
	vNull    vkind = iota // YAML null / JSON null
	vScalar               // string, number or boolean (CloudFormation passes all as text)
	vList                 // sequence
	vMap                  // mapping
	vUnknown              // undecidable before deploy (may carry a resource reference)
	vNoValue              // AWS::NoValue: the enclosing property or item is removed
)

// val is a template value after intrinsic functions are applied. Every value
// keeps the range it was read from; values produced by an intrinsic carry the
// range of the intrinsic.
type val struct {
	k     vkind
	s     string // vScalar
	tag   string // vScalar: !!str, !!int, !!float, !!bool
	items []*val // vList
	keys  []entry
	rng   model.Range
	// ref is set on vUnknown values that a Ref or GetAtt of a resource produced.
	ref *symRef
}

type entry struct {
	key string
	rng model.Range // the key's range
	v   *val
}

// symRef names a resource of a template and the attribute read from it.
type symRef struct {
	res  *resource
	attr string // "Ref", "Arn", "Id", …
}

func unknownAt(rng model.Range) *val { return &val{k: vUnknown, rng: rng} }

func scalarAt(s string, rng model.Range) *val { return &val{k: vScalar, s: s, tag: "!!str", rng: rng} }

// known reports whether v and everything in it is known.
func (v *val) known() bool {
	switch v.k {
	case vUnknown:
		return false
	case vList:
		for _, it := range v.items {
			if !it.known() {
				return false
			}
		}
	case vMap:
		for _, e := range v.keys {
			if !e.v.known() {
				return false
			}
		}
	}
	return true
}

// get returns the value of key in a mapping; nil when absent (or v is not a mapping).
func (v *val) get(key string) *val {
	if v == nil || v.k != vMap {
		return nil
	}
	for _, e := range v.keys {
		if e.key == key {
			return e.v
		}
	}
	return nil
}

// at returns a copy of v whose range (and that of nothing inside) is rng: the
// value of a Ref or an import is read where the reference is written.
func (v *val) at(rng model.Range) *val {
	c := *v
	c.rng = rng
	return &c
}

// describe names the shape of v for messages.
func (v *val) describe() string {
	switch v.k {
	case vNull:
		return "null"
	case vScalar:
		return strconv.Quote(v.s)
	case vList:
		return "a list"
	case vMap:
		return "a mapping"
	case vNoValue:
		return "AWS::NoValue"
	}
	return "an unknown value"
}

// plain converts a fully known value to the Go value encoding/json would give
// (for policy documents); ok is false when something inside is unknown.
func (v *val) plain() (any, bool) {
	switch v.k {
	case vNull:
		return nil, true
	case vScalar:
		switch v.tag {
		case "!!int", "!!float":
			if f, err := strconv.ParseFloat(v.s, 64); err == nil {
				return f, true
			}
		case "!!bool":
			if b, err := strconv.ParseBool(v.s); err == nil {
				return b, true
			}
		}
		return v.s, true
	case vList:
		out := make([]any, 0, len(v.items))
		for _, it := range v.items {
			p, ok := it.plain()
			if !ok {
				return nil, false
			}
			out = append(out, p)
		}
		return out, true
	case vMap:
		out := make(map[string]any, len(v.keys))
		for _, e := range v.keys {
			p, ok := e.v.plain()
			if !ok {
				return nil, false
			}
			out[e.key] = p
		}
		return out, true
	}
	return nil, false
}
