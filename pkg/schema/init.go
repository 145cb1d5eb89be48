package schema

import (
	"fmt"
	"reflect"
	"slices"
	"strings"

	"github.com/lattice-lint/lattice-lint/pkg/model"
)

// tables is every table with its API facts and model fields resolved.
var tables, tableErrs = resolve(slices.Concat(latticeTables, networkTables, dnsTables, logTables))

// Check reports the rows that name an unknown model field or API member; a
// test keeps it empty.
func Check() []error { return slices.Concat(tableErrs, nameErrs, identifierErrs) }

func resolve(rs []*Resource) ([]*Resource, []error) {
	var errs []error
	for _, r := range rs {
		var typ reflect.Type
		if info := model.InfoOf(r.Kind); info != nil {
			typ = info.Type().Elem()
		} else if r.Kind != "" {
			errs = append(errs, fmt.Errorf("%s: no such kind", r.Kind))
		}
		for i := range r.Fields {
			f := &r.Fields[i]
			if f.API != "" {
				s, err := apiMember(f.API)
				if err != nil {
					errs = append(errs, fmt.Errorf("%s %s: %w", r.Kind, f.Model, err))
				} else {
					if f.Enum == nil && len(s.Enum) > 0 {
						f.Enum = s.Enum
					}
					if f.Type == "" {
						f.Type = map[string]Type{"string": String, "integer": Int, "boolean": Bool, "list": StringList}[s.Type]
					}
				}
			}
			if f.Type == "" {
				f.Type = Any
			}
			if f.Model == "" || strings.Contains(f.Model, "[]") || typ == nil {
				continue
			}
			idx, err := fieldIndex(typ, f.Model)
			if err != nil {
				errs = append(errs, fmt.Errorf("%s: %w", r.Kind, err))
				continue
			}
			f.index, f.ftype = idx, typ.FieldByIndex(idx).Type
		}
		r.resolveRequired()
		if r.Kind.IsLattice() && r.AWSCC != "" {
			r.AWSCCIDIsARN = true // every VPC Lattice resource's primary identifier is its ARN
		}
		if typ != nil {
			errs = append(errs, r.resolveItems(typ)...)
			for p, v := range r.Const {
				idx, err := fieldIndex(typ, p)
				if err != nil {
					errs = append(errs, fmt.Errorf("%s const: %w", r.Kind, err))
					continue
				}
				r.consts = append(r.consts, constField{idx, v})
			}
		}
	}
	return rs, errs
}

// resolveRequired marks the hashicorp/aws argument paths the API model
// requires: each segment of a row's argument path whose API member its
// parent shape requires, where the two paths have the same depth. A leaf
// the provider defaults is not required.
func (r *Resource) resolveRequired() {
	for i := range r.Fields {
		f := &r.Fields[i]
		if f.API == "" || f.AWS == "" || f.NotRequired {
			continue
		}
		api := strings.Split(f.API, ".")
		arg := strings.Split(f.AWS, ".")
		if len(api)-1 != len(arg) {
			continue
		}
		for d := 1; d < len(api); d++ {
			if d == len(api)-1 && (f.Default != nil || f.AWSDefault != nil) {
				continue
			}
			if !slices.Contains(Required(strings.Join(api[:d], ".")), api[d]) {
				continue // optional here; what is below it is required only where it is written
			}
			if r.required == nil {
				r.required = map[string]bool{}
			}
			r.required[strings.Join(arg[:d], ".")] = true
		}
	}
}

// resolveItems builds the item table of every list of objects that has a
// row of its own (ingress) and rows for its items (ingress[].protocol).
func (r *Resource) resolveItems(typ reflect.Type) []error {
	var errs []error
	for i := range r.Fields {
		list, rest, ok := strings.Cut(r.Fields[i].Model, "[].")
		if !ok || r.Field(list) == nil {
			continue
		}
		it := r.items[list]
		if it == nil {
			idx, err := fieldIndex(typ, list)
			if err != nil {
				errs = append(errs, fmt.Errorf("%s: %w", r.Kind, err))
				continue
			}
			lt := typ.FieldByIndex(idx).Type
			if lt.Kind() != reflect.Slice || lt.Elem().Kind() != reflect.Struct {
				errs = append(errs, fmt.Errorf("%s: %s is not a list of objects", r.Kind, list))
				continue
			}
			it = &Resource{Kind: r.Kind, Open: r.Open, elem: lt.Elem()}
			if r.items == nil {
				r.items = map[string]*Resource{}
			}
			r.items[list] = it
		}
		f, lr := r.Fields[i], r.Field(list)
		f.Model = rest
		f.AWS, f.AWSCC, f.CFN = relative(f.AWS, lr.AWS), relative(f.AWSCC, lr.AWSCC), relative(f.CFN, lr.CFN)
		idx, err := fieldIndex(it.elem, rest)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s %s: %w", r.Kind, list, err))
			continue
		}
		f.index, f.ftype = idx, it.elem.FieldByIndex(idx).Type
		it.Fields = append(it.Fields, f)
	}
	return errs
}

// relative is path below the list's own path, or "" when it is not below it.
func relative(path, list string) string {
	if list == "" || !strings.HasPrefix(path, list+".") {
		return ""
	}
	return path[len(list)+1:]
}

// fieldIndex finds the struct field a JSON path names.
func fieldIndex(t reflect.Type, path string) ([]int, error) {
	var idx []int
	for _, seg := range strings.Split(path, ".") {
		found := false
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			if name == seg && !f.Anonymous {
				idx, t, found = append(idx, i), f.Type, true
				break
			}
		}
		if !found {
			return nil, fmt.Errorf("model has no field %q", path)
		}
	}
	return idx, nil
}

// apiMember walks Shape.member.member… through lists to the member's shape.
func apiMember(path string) (apiShape, error) {
	segs := strings.Split(path, ".")
	s, ok := apiShapes[segs[0]]
	if !ok {
		return apiShape{}, fmt.Errorf("API model has no shape %s", segs[0])
	}
	for _, m := range segs[1:] {
		for s.Type == "list" {
			s = apiShapes[s.Member]
		}
		name, ok := s.Members[m]
		if !ok {
			return apiShape{}, fmt.Errorf("API model: %s has no member %s", path, m)
		}
		s = apiShapes[name]
	}
	return s, nil
}

// Required lists the members of an API shape path AWS requires.
func Required(path string) []string {
	s, err := apiMember(path)
	if err != nil {
		return nil
	}
	for s.Type == "list" { // the members of each item
		s = apiShapes[s.Member]
	}
	return s.Required
}

// Max returns the upper bound the API model sets on a member path (a list's
// length, a number's value, a string's length); ok is false when it sets none.
func Max(path string) (n int, ok bool) {
	s, err := apiMember(path)
	if err != nil || s.Max == nil {
		return 0, false
	}
	return int(*s.Max), true
}
