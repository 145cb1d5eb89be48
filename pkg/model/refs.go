package model

import (
	"reflect"
	"strings"
)

// References are found by walking entity structs, not listed per kind: a new
// Ref, RefList or []Ref field is resolved by Link without further code. A
// `backref:"kind.field,…"` tag on such a field of an entity says that the
// entity's ID is added to the []string field (by JSON name) of the target
// when the target has that kind: Listener.Service carries
// `backref:"service.listeners"`, so Service.Listeners lists its listeners.
// A `link:"values"` tag says the field's literals are values (DNS names), not
// identifiers: Link resolves its symbolic references only.

var (
	refType     = reflect.TypeOf(Ref{})
	refListType = reflect.TypeOf(RefList{})
)

// refSite is one place of a struct type that holds references.
type refSite struct {
	index    []int
	kind     siteKind
	backrefs []backref
	values   bool      // literals are values, not identifiers (link:"values")
	sub      []refSite // for nested structs and slices of structs
}

type siteKind int

const (
	siteRef siteKind = iota
	siteRefList
	siteRefSlice
	siteStruct
	siteStructSlice
)

type backref struct {
	kind  Kind
	field string
}

// refPlans maps every entity type to the places its references are.
var refPlans = func() map[reflect.Type][]refSite {
	out := map[reflect.Type][]refSite{}
	for _, k := range Kinds {
		out[k.typ] = planOf(k.typ.Elem())
	}
	return out
}()

func planOf(t reflect.Type) []refSite {
	var sites []refSite
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if f.Anonymous || !f.IsExported() {
			continue
		}
		s := refSite{index: f.Index, backrefs: parseBackrefs(f.Tag.Get("backref")), values: f.Tag.Get("link") == "values"}
		switch {
		case f.Type == refType:
			s.kind = siteRef
		case f.Type == refListType:
			s.kind = siteRefList
		case f.Type.Kind() == reflect.Slice && f.Type.Elem() == refType:
			s.kind = siteRefSlice
		case f.Type.Kind() == reflect.Struct:
			if s.sub = planOf(f.Type); len(s.sub) == 0 {
				continue
			}
			s.kind = siteStruct
		case f.Type.Kind() == reflect.Slice && f.Type.Elem().Kind() == reflect.Struct:
			if s.sub = planOf(f.Type.Elem()); len(s.sub) == 0 {
				continue
			}
			s.kind = siteStructSlice
		default:
			continue
		}
		sites = append(sites, s)
	}
	return sites
}

func parseBackrefs(tag string) []backref {
	var out []backref
	for _, item := range strings.Split(tag, ",") {
		if k, f, ok := strings.Cut(strings.TrimSpace(item), "."); ok {
			out = append(out, backref{Kind(k), f})
		}
	}
	return out
}

// walkRefs calls visit with every reference of e and the site of its field
// (the back-references it declares).
func walkRefs(e Entity, visit func(r *Ref, s *refSite)) {
	walkSites(reflect.ValueOf(e).Elem(), refPlans[reflect.TypeOf(e)], visit)
}

func walkSites(v reflect.Value, sites []refSite, visit func(r *Ref, s *refSite)) {
	for i := range sites {
		s := &sites[i]
		f := v.FieldByIndex(s.index)
		switch s.kind {
		case siteRef:
			visit(f.Addr().Interface().(*Ref), s)
		case siteRefList:
			l := f.Addr().Interface().(*RefList)
			for i := range l.Items {
				visit(&l.Items[i], s)
			}
		case siteRefSlice:
			rs := f.Interface().([]Ref)
			for i := range rs {
				visit(&rs[i], s)
			}
		case siteStruct:
			walkSites(f, s.sub, visit)
		case siteStructSlice:
			for i := 0; i < f.Len(); i++ {
				walkSites(f.Index(i), s.sub, visit)
			}
		}
	}
}

// refsOf lists pointers to every reference an entity holds, so Link can
// resolve them in place; literals tells whether Link may resolve each one's
// literal as an identifier.
func refsOf(e Entity) (refs []*Ref, literals []bool) {
	walkRefs(e, func(r *Ref, s *refSite) {
		refs, literals = append(refs, r), append(literals, !s.values)
	})
	return refs, literals
}

// listFields maps every entity type to its []string fields by JSON name: the
// back-reference lists.
var listFields = func() map[reflect.Type]map[string][]int {
	out := map[reflect.Type]map[string][]int{}
	strs := reflect.TypeOf([]string(nil))
	for _, k := range Kinds {
		t := k.typ.Elem()
		fields := map[string][]int{}
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			if f.Type == strs {
				name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
				fields[name] = f.Index
			}
		}
		out[k.typ] = fields
	}
	return out
}()

// backList returns the back-reference list field of e named by JSON name, or nil.
func backList(e Entity, field string) *[]string {
	idx, ok := listFields[reflect.TypeOf(e)][field]
	if !ok {
		return nil
	}
	return reflect.ValueOf(e).Elem().FieldByIndex(idx).Addr().Interface().(*[]string)
}
