package terraform

import (
	"fmt"
	"strings"

	"github.com/hashicorp/hcl/v2"

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
	t := tableOf(e.Base().Type)
	col := columnOf(e.Base().Type)
	for i := range t.Fields {
		f := &t.Fields[i]
		p := f.Path(col)
		if f.Custom || p == "" || (f.Model == "" && len(f.Enum) == 0) {
			continue
		}
		v, name := r.walk(p)
		if v == nil {
			continue
		}
		if f.Model == "" { // not modelled, but a value the provider rejects is still an input error
			if a, ok := v.str(name); ok {
				v.enum(f, e.Base().Type, p, a)
			}
			continue
		}
		switch f.Type {
		case schema.String:
			if a, ok := v.str(name); ok {
				f.Set(e, v.enum(f, e.Base().Type, p, a))
			}
		case schema.Int:
			if a, ok := v.integer(name); ok {
				f.Set(e, a)
			}
		case schema.Bool:
			if a, ok := v.boolean(name); ok {
				f.Set(e, a)
			}
		case schema.Ref:
			if ref := v.ref(name, f.Kind); !ref.IsZero() {
				f.Set(e, ref)
			}
		case schema.RefList:
			if _, _, ok := v.val(name); ok {
				f.Set(e, v.refList(name, f.Kind))
			}
		case schema.StringList:
			if _, _, ok := v.val(name); ok {
				f.Set(e, v.strList(name))
			}
		}
	}
	if m := r.b.l.misspelt[e.Base().Type+"|"+r.rng.String()]; m != nil {
		t.MarkMisspelt(col, e, m)
	}
	t.ApplyDefaults(col, e, func(f *schema.Field) model.Range {
		return r.at(r.innermost(f.Path(col)).rng)
	})
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
	if !a.Known {
		return a
	}
	msg := f.CheckEnum(a.Value)
	if msg == "" {
		return a
	}
	rng := v.rng
	if at := v.attr(path[strings.LastIndexByte(path, '.')+1:]); at != nil {
		rng = at.Expr.Range()
	}
	v.b.l.addDiag(&hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Invalid value",
		Detail: fmt.Sprintf("%s %s: %s", typ, path, sentence(msg)), Subject: rng.Ptr()})
	return model.Unknown[string](a.Range)
}

// sentence ends a message with a full stop unless it ends with a question.
func sentence(s string) string {
	if strings.HasSuffix(s, "?") {
		return s
	}
	return s + "."
}
