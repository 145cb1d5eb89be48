package model

import (
	"encoding/json"
	"fmt"
	"strconv"
	"unicode/utf8"
)

// The model JSON is written by hand for its hot types (ranges, attributes,
// references): a 10,000-resource model has hundreds of thousands of them, and
// reflection-based encoding was the largest cost of preparing the policy input.

// MarshalJSON writes a range compactly as ["file", line, column, endLine, endColumn].
func (r Range) MarshalJSON() ([]byte, error) { return r.appendJSON(make([]byte, 0, 48)), nil }

func (r Range) appendJSON(b []byte) []byte {
	b = append(b, '[')
	b = appendString(b, r.File)
	for _, n := range [4]int{r.Start.Line, r.Start.Column, r.End.Line, r.End.Column} {
		b = append(b, ',')
		b = strconv.AppendInt(b, int64(n), 10)
	}
	return append(b, ']')
}

// UnmarshalJSON reads the compact array and, for hand-written inputs, the
// object form {"file", "start": {"line", "column"}, "end": {…}}.
func (r *Range) UnmarshalJSON(b []byte) error {
	if len(b) > 0 && b[0] == '[' {
		var raw []json.RawMessage
		if err := json.Unmarshal(b, &raw); err != nil {
			return err
		}
		if len(raw) != 5 {
			return fmt.Errorf("range: want [file, line, column, endLine, endColumn], got %d items", len(raw))
		}
		*r = Range{}
		if err := json.Unmarshal(raw[0], &r.File); err != nil {
			return fmt.Errorf("range file: %w", err)
		}
		for i, p := range []*int{&r.Start.Line, &r.Start.Column, &r.End.Line, &r.End.Column} {
			if err := json.Unmarshal(raw[i+1], p); err != nil {
				return fmt.Errorf("range position: %w", err)
			}
		}
		return nil
	}
	type plain Range // no methods: default decoding of the object form
	var p plain
	if err := json.Unmarshal(b, &p); err != nil {
		return err
	}
	*r = Range(p)
	return nil
}

// appendString appends s as a JSON string. Invalid UTF-8 becomes U+FFFD, as
// encoding/json does.
func appendString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '"' || c == '\\':
				b = append(b, '\\', c)
			case c == '\n':
				b = append(b, '\\', 'n')
			case c == '\r':
				b = append(b, '\\', 'r')
			case c == '\t':
				b = append(b, '\\', 't')
			case c < 0x20 || c == '<' || c == '>' || c == '&':
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
			default:
				b = append(b, c)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			b = append(b, '\\', 'u', '2', '0', '2', hex[r&0xf])
		default:
			b = append(b, s[i:i+size]...)
		}
		i += size
	}
	return append(b, '"')
}

// appendValue appends a scalar attribute value, falling back to encoding/json
// for anything else (parsed policy documents).
func appendValue(b []byte, v any) ([]byte, error) {
	switch x := v.(type) {
	case string:
		return appendString(b, x), nil
	case int:
		return strconv.AppendInt(b, int64(x), 10), nil
	case bool:
		return strconv.AppendBool(b, x), nil
	}
	raw, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	return append(b, raw...), nil
}
