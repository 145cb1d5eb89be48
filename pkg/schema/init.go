package schema

import (
	"fmt"
	"reflect"
	"strings"

	"github.com/lattice-lint/lattice-lint/pkg/model"
)

// tables is every table with its API facts and model fields resolved.
var tables, tableErrs = resolve(append(append([]*Resource{}, latticeTables...), networkTables...))

// Check reports the rows that name an unknown model field or API member; a
// test keeps it empty.
func Check() []error { return tableErrs }

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
			if f.YAML == "" && f.Model != "" && !f.Custom {
				f.YAML = f.Model
			}
			if f.Model == "" || strings.Contains(f.Model, "[]") || typ == nil {
				continue
			}
			idx, err := fieldIndex(typ, f.Model)
			if err != nil {
				errs = append(errs, fmt.Errorf("%s: %w", r.Kind, err))
				continue
			}
			f.index = idx
		}
	}
	return rs, errs
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
	return s.Required
}
