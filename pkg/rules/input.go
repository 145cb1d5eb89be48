package rules

import (
	"bytes"
	"encoding"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"unicode/utf8"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/lattice-lint/lattice-lint/pkg/model"
)

// inputValue builds the policies' input — the value OPA would parse from the
// model's JSON (model.Model.MarshalJSON) — directly from the model, without
// writing and re-reading the JSON text. It follows encoding/json's rules
// (field tags, omitempty, embedded structs, nil slices as null) and the
// model's own MarshalJSON methods (Range, Attr, Ref); a type with any other
// MarshalJSON is encoded through it. TestInputMatchesModelJSON holds the two
// forms equal on every fixture.
//
// Repeated parts are built once and shared: strings (ids, file names, enum
// values), line and column numbers, ranges and scalar attributes (the
// account and Region of every entity of a root are one term). Sharing is
// safe because OPA never mutates a term once built.
func inputValue(m *model.Model) (ast.Value, error) {
	b := newInputBuilder()
	doc := reflect.ValueOf(m.Document())
	t, err := b.plan(doc.Type())(b, doc)
	if err != nil {
		return nil, err
	}
	return t.Value, nil
}

// encodeFn converts one Go value of a fixed type.
type encodeFn func(b *inputBuilder, v reflect.Value) (*ast.Term, error)

type inputBuilder struct {
	plans  map[reflect.Type]encodeFn
	strs   map[string]*ast.Term
	ints   []*ast.Term // by value, for 0 ≤ n < maxCachedInt
	ranges map[model.Range]*ast.Term
	attrs  map[attrKey]*ast.Term
	// pairs is a stack of object members under construction: an object's
	// members sit above those of the objects enclosing it. ast.NewObject
	// copies them, so the slice is reused.
	pairs [][2]*ast.Term
}

// attrKey identifies a scalar attribute's term.
type attrKey struct {
	typ          reflect.Type
	s            string
	n            int64
	known, deflt bool
	rng          model.Range
}

const (
	// maxShared is the longest string shared; longer ones (policy texts)
	// rarely repeat.
	maxShared = 256
	// maxCachedInt bounds the number cache: line numbers of one large file.
	maxCachedInt = 1 << 22
)

var (
	modelPkg          = reflect.TypeFor[model.Range]().PkgPath()
	rangeType         = reflect.TypeFor[model.Range]()
	refType           = reflect.TypeFor[model.Ref]()
	jsonMarshalerType = reflect.TypeFor[json.Marshaler]()
	textMarshalerType = reflect.TypeFor[encoding.TextMarshaler]()
)

func newInputBuilder() *inputBuilder {
	return &inputBuilder{plans: map[reflect.Type]encodeFn{}, strs: map[string]*ast.Term{},
		ranges: map[model.Range]*ast.Term{}, attrs: map[attrKey]*ast.Term{}}
}

// plan returns the converter of type t, building it once per input.
func (b *inputBuilder) plan(t reflect.Type) encodeFn {
	if f, ok := b.plans[t]; ok {
		return f
	}
	var f encodeFn
	b.plans[t] = func(b *inputBuilder, v reflect.Value) (*ast.Term, error) { return f(b, v) } // recursive types
	f = b.newPlan(t)
	b.plans[t] = f
	return f
}

func (b *inputBuilder) newPlan(t reflect.Type) encodeFn {
	switch {
	case t == rangeType:
		return encodeRange
	case t == refType:
		return encodeRef
	case t.Kind() == reflect.Struct && t.PkgPath() == modelPkg && strings.HasPrefix(t.Name(), "Attr["):
		return b.attrPlan(t)
	case t.Kind() != reflect.Pointer && t.Kind() != reflect.Interface &&
		(t.Implements(jsonMarshalerType) || t.Implements(textMarshalerType) ||
			reflect.PointerTo(t).Implements(jsonMarshalerType) || reflect.PointerTo(t).Implements(textMarshalerType)):
		return encodeThroughJSON
	}
	switch t.Kind() {
	case reflect.String:
		return func(b *inputBuilder, v reflect.Value) (*ast.Term, error) { return b.str(v.String()), nil }
	case reflect.Bool:
		return func(_ *inputBuilder, v reflect.Value) (*ast.Term, error) { return ast.InternedTerm(v.Bool()), nil }
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return func(b *inputBuilder, v reflect.Value) (*ast.Term, error) { return b.num(v.Int()), nil }
	case reflect.Pointer:
		if t.Implements(jsonMarshalerType) || t.Implements(textMarshalerType) {
			return encodeThroughJSON
		}
		elem := b.plan(t.Elem())
		return func(b *inputBuilder, v reflect.Value) (*ast.Term, error) {
			if v.IsNil() {
				return ast.InternedNullTerm, nil
			}
			return elem(b, v.Elem())
		}
	case reflect.Interface:
		return func(b *inputBuilder, v reflect.Value) (*ast.Term, error) {
			if v.IsNil() {
				return ast.InternedNullTerm, nil
			}
			e := v.Elem()
			return b.plan(e.Type())(b, e)
		}
	case reflect.Slice:
		if t.Elem().Kind() == reflect.Uint8 { // base64 in JSON
			return encodeThroughJSON
		}
		elem := b.plan(t.Elem())
		return func(b *inputBuilder, v reflect.Value) (*ast.Term, error) {
			if v.IsNil() {
				return ast.InternedNullTerm, nil
			}
			return b.array(v, elem)
		}
	case reflect.Array:
		elem := b.plan(t.Elem())
		return func(b *inputBuilder, v reflect.Value) (*ast.Term, error) { return b.array(v, elem) }
	case reflect.Map:
		if t.Key().Kind() != reflect.String || t.Key().Implements(textMarshalerType) {
			return encodeThroughJSON
		}
		return b.mapPlan(t)
	case reflect.Struct:
		return b.structPlan(t)
	}
	return encodeThroughJSON // floats, unsigned integers: encoding/json's number format
}

// encodeThroughJSON is the exact but slow path for values the builder does
// not convert itself.
func encodeThroughJSON(_ *inputBuilder, v reflect.Value) (*ast.Term, error) {
	raw, err := json.Marshal(v.Interface())
	if err != nil {
		return nil, err
	}
	val, err := ast.ValueFromReader(bytes.NewReader(raw))
	if err != nil {
		return nil, err
	}
	return ast.NewTerm(val), nil
}

// str returns the term of a string as encoding/json would write it: invalid
// UTF-8 becomes U+FFFD, byte by byte.
func (b *inputBuilder) str(s string) *ast.Term {
	if !utf8.ValidString(s) {
		s = replaceInvalidUTF8(s)
	}
	if len(s) > maxShared {
		return ast.StringTerm(s)
	}
	t, ok := b.strs[s]
	if !ok {
		t = ast.StringTerm(s)
		b.strs[s] = t
	}
	return t
}

func replaceInvalidUTF8(s string) string {
	var sb strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			sb.WriteRune(utf8.RuneError)
		} else {
			sb.WriteString(s[i : i+size])
		}
		i += size
	}
	return sb.String()
}

func (b *inputBuilder) num(n int64) *ast.Term {
	if n < 0 || n >= maxCachedInt {
		return ast.IntNumberTerm(int(n))
	}
	if int(n) >= len(b.ints) {
		b.ints = append(b.ints, make([]*ast.Term, int(n)-len(b.ints)+1)...)
	}
	t := b.ints[n]
	if t == nil {
		t = ast.InternedTerm(int(n))
		b.ints[n] = t
	}
	return t
}

func (b *inputBuilder) array(v reflect.Value, elem encodeFn) (*ast.Term, error) {
	terms := make([]*ast.Term, v.Len())
	for i := range terms {
		t, err := elem(b, v.Index(i))
		if err != nil {
			return nil, err
		}
		terms[i] = t
	}
	return ast.ArrayTerm(terms...), nil
}

// push adds a member to the object under construction.
func (b *inputBuilder) push(k, v *ast.Term) { b.pairs = append(b.pairs, [2]*ast.Term{k, v}) }

// object builds the object of the members pushed since start.
func (b *inputBuilder) object(start int) *ast.Term {
	t := ast.ObjectTerm(b.pairs[start:]...)
	clear(b.pairs[start:])
	b.pairs = b.pairs[:start]
	return t
}

func (b *inputBuilder) mapPlan(t reflect.Type) encodeFn {
	elem := b.plan(t.Elem())
	return func(b *inputBuilder, v reflect.Value) (*ast.Term, error) {
		if v.IsNil() {
			return ast.InternedNullTerm, nil
		}
		start := len(b.pairs)
		for it := v.MapRange(); it.Next(); {
			val, err := elem(b, it.Value())
			if err != nil {
				return nil, err
			}
			b.push(b.str(it.Key().String()), val)
		}
		return b.object(start), nil
	}
}

// field is one JSON member of a struct.
type field struct {
	index     []int
	key       *ast.Term
	omitEmpty bool
	enc       encodeFn
}

// structPlan lists the members encoding/json writes: exported fields under
// their tag names, fields of untagged embedded structs promoted (an outer
// field wins over a promoted one of the same name).
func (b *inputBuilder) structPlan(t reflect.Type) encodeFn {
	var fields []field
	seen := map[string]bool{}
	var walk func(t reflect.Type, index []int)
	walk = func(t reflect.Type, index []int) {
		var embedded [][]int
		for i := range t.NumField() {
			sf := t.Field(i)
			tag := sf.Tag.Get("json")
			if tag == "-" {
				continue
			}
			name, opts, _ := strings.Cut(tag, ",")
			idx := append(append([]int(nil), index...), i)
			if sf.Anonymous && name == "" && sf.Type.Kind() == reflect.Struct {
				embedded = append(embedded, idx)
				continue
			}
			if !sf.IsExported() {
				continue
			}
			if name == "" {
				name = sf.Name
			}
			if seen[name] {
				continue
			}
			seen[name] = true
			fields = append(fields, field{index: idx, key: ast.StringTerm(name),
				omitEmpty: strings.Contains(","+opts+",", ",omitempty,"), enc: b.plan(sf.Type)})
		}
		for _, idx := range embedded {
			walk(t.FieldByIndex(idx[len(idx)-1:]).Type, idx)
		}
	}
	walk(t, nil)
	return func(b *inputBuilder, v reflect.Value) (*ast.Term, error) {
		start := len(b.pairs)
		for _, f := range fields {
			fv := v.FieldByIndex(f.index)
			if f.omitEmpty && isEmpty(fv) {
				continue
			}
			val, err := f.enc(b, fv)
			if err != nil {
				return nil, err
			}
			b.push(f.key, val)
		}
		return b.object(start), nil
	}
}

// isEmpty is encoding/json's test for omitempty.
func isEmpty(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Array, reflect.Map, reflect.Slice, reflect.String:
		return v.Len() == 0
	case reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr,
		reflect.Float32, reflect.Float64, reflect.Interface, reflect.Pointer:
		return v.IsZero()
	}
	return false
}

var (
	keyValue     = ast.StringTerm("value")
	keyUnknown   = ast.StringTerm("unknown")
	keyDefault   = ast.StringTerm("default")
	keyRange     = ast.StringTerm("range")
	keyTarget    = ast.StringTerm("target")
	keyKind      = ast.StringTerm("kind")
	keyExternal  = ast.StringTerm("external")
	keyInferred  = ast.StringTerm("inferred")
	keyAttribute = ast.StringTerm("attribute")
	keyForm      = ast.StringTerm("form")
)

// rangeOfValue reads a model.Range without copying it to the heap when it
// is addressable (fields of entities always are).
func rangeOfValue(v reflect.Value) *model.Range {
	if v.CanAddr() {
		return v.Addr().Interface().(*model.Range)
	}
	r := v.Interface().(model.Range)
	return &r
}

// encodeRange mirrors model.Range.MarshalJSON: [file, line, column, endLine, endColumn].
func encodeRange(b *inputBuilder, v reflect.Value) (*ast.Term, error) {
	return b.rangeTerm(rangeOfValue(v)), nil
}

func (b *inputBuilder) rangeTerm(r *model.Range) *ast.Term {
	if t, ok := b.ranges[*r]; ok {
		return t
	}
	t := ast.ArrayTerm(b.str(r.File), b.num(int64(r.Start.Line)), b.num(int64(r.Start.Column)),
		b.num(int64(r.End.Line)), b.num(int64(r.End.Column)))
	b.ranges[*r] = t
	return t
}

// attrPlan mirrors model.Attr.MarshalJSON: {"value", "default"?, "range"},
// {"unknown": true, "range"}, or null when absent without a default.
// Attributes of a scalar type are shared by value.
func (b *inputBuilder) attrPlan(t reflect.Type) encodeFn {
	fi := func(name string) int {
		f, ok := t.FieldByName(name)
		if !ok {
			panic(fmt.Sprintf("rules: %s has no field %s", t, name)) // a change to model.Attr
		}
		return f.Index[0]
	}
	value, known, deflt, rng := fi("Value"), fi("Known"), fi("Default"), fi("Range")
	vt := t.Field(value).Type
	enc := b.plan(vt)
	scalar := !vt.Implements(jsonMarshalerType) && !vt.Implements(textMarshalerType)
	switch vt.Kind() {
	case reflect.String, reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
	default:
		scalar = false
	}
	return func(b *inputBuilder, v reflect.Value) (*ast.Term, error) {
		r := rangeOfValue(v.Field(rng))
		isKnown := v.Field(known).Bool()
		if !isKnown && r.IsZero() {
			return ast.InternedNullTerm, nil
		}
		var key attrKey
		if scalar {
			key = attrKey{typ: t, known: isKnown, deflt: v.Field(deflt).Bool(), rng: *r}
			if isKnown {
				switch fv := v.Field(value); fv.Kind() {
				case reflect.String:
					key.s = fv.String()
				case reflect.Bool:
					if fv.Bool() {
						key.n = 1
					}
				default:
					key.n = fv.Int()
				}
			}
			if t, ok := b.attrs[key]; ok {
				return t, nil
			}
		}
		start := len(b.pairs)
		if !isKnown {
			b.push(keyUnknown, ast.InternedTerm(true))
		} else {
			val, err := enc(b, v.Field(value))
			if err != nil {
				return nil, err
			}
			b.push(keyValue, val)
			if v.Field(deflt).Bool() {
				b.push(keyDefault, ast.InternedTerm(true))
			}
		}
		b.push(keyRange, b.rangeTerm(r))
		term := b.object(start)
		if scalar {
			b.attrs[key] = term
		}
		return term, nil
	}
}

// encodeRef mirrors model.Ref.MarshalJSON.
func encodeRef(b *inputBuilder, v reflect.Value) (*ast.Term, error) {
	var r *model.Ref
	if v.CanAddr() {
		r = v.Addr().Interface().(*model.Ref)
	} else {
		c := v.Interface().(model.Ref)
		r = &c
	}
	if r.IsZero() {
		return ast.InternedNullTerm, nil
	}
	start := len(b.pairs)
	opt := func(k *ast.Term, s string) {
		if s != "" {
			b.push(k, b.str(s))
		}
	}
	opt(keyTarget, r.Target)
	opt(keyKind, string(r.Kind))
	if r.External {
		b.push(keyExternal, ast.InternedTerm(true))
	}
	if r.Inferred {
		b.push(keyInferred, ast.InternedTerm(true))
	}
	opt(keyAttribute, r.Attribute)
	opt(keyForm, r.Form())
	opt(keyValue, r.Literal.Value)
	if !r.Known() {
		b.push(keyUnknown, ast.InternedTerm(true))
	}
	b.push(keyRange, b.rangeTerm(&r.Range))
	return b.object(start), nil
}
