package model

import (
	"encoding/json"
)

// Attr is one attribute of an entity. It is either known (Value holds what the
// infrastructure code sets, or the AWS default when the code omits it) or unknown
// (an unset variable, a computed attribute, a data source). Rules never fire on an
// unknown value: the JSON form of an unknown Attr has no "value" key, so Rego
// expressions that read it are undefined.
type Attr[T any] struct {
	Value   T
	Known   bool
	Default bool // the code omits it; Value is the documented AWS default
	Range   Range
}

// Known returns a known attribute read from rng.
func Known[T any](v T, rng Range) Attr[T] { return Attr[T]{Value: v, Known: true, Range: rng} }

// Default returns a known attribute that the code omits; rng is the enclosing block.
func Default[T any](v T, rng Range) Attr[T] {
	return Attr[T]{Value: v, Known: true, Default: true, Range: rng}
}

// Unknown returns an attribute whose value static analysis cannot determine.
func Unknown[T any](rng Range) Attr[T] { return Attr[T]{Range: rng} }

// Is reports whether a is known and equal to v.
func Is[T comparable](a Attr[T], v T) bool { return a.Known && a.Value == v }

// MarshalJSON writes {"value": v, "range": r}, {"unknown": true, "range": r}, or
// null when the attribute is absent and has no default.
func (a Attr[T]) MarshalJSON() ([]byte, error) {
	if !a.Known && a.Range.IsZero() {
		return []byte("null"), nil // absent from the code, with no default
	}
	b := make([]byte, 0, 80)
	if !a.Known {
		b = append(b, `{"unknown":true,"range":`...)
	} else {
		var err error
		b = append(b, `{"value":`...)
		if b, err = appendValue(b, a.Value); err != nil {
			return nil, err
		}
		if a.Default {
			b = append(b, `,"default":true`...)
		}
		b = append(b, `,"range":`...)
	}
	b = a.Range.appendJSON(b)
	return append(b, '}'), nil
}

// UnmarshalJSON reads the form MarshalJSON writes.
func (a *Attr[T]) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*a = Attr[T]{}
		return nil
	}
	var raw struct {
		Value   *T    `json:"value"`
		Default bool  `json:"default"`
		Range   Range `json:"range"`
	}
	if err := json.Unmarshal(b, &raw); err != nil {
		return err
	}
	*a = Attr[T]{Range: raw.Range, Default: raw.Default}
	if raw.Value != nil {
		a.Value, a.Known = *raw.Value, true
	}
	return nil
}
