// Package termtext makes text from the input safe to print: on a terminal, in
// a CI log, in a diagram. Repository content may hold escape sequences (ESC
// rewrites the terminal or hides lines of a log, BEL rings) and bidirectional
// controls (U+202E shows text in an order other than the bytes'), so every
// such character is replaced before it is shown.
package termtext

import (
	"io"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Unsafe reports whether r must not reach a terminal or a log: C0 and C1
// controls but newline and tab, DEL, the bidirectional controls, and the
// replacement of invalid UTF-8.
func Unsafe(r rune) bool {
	switch {
	case r == '\n' || r == '\t':
		return false
	case r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0):
		return true
	case r == 0x061c || r == 0x200e || r == 0x200f || (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069):
		return true
	}
	return r == utf8.RuneError
}

// Clean replaces every unsafe character of s with U+FFFD; newlines and tabs stay.
func Clean(s string) string {
	for _, r := range s {
		if Unsafe(r) {
			return strings.Map(func(r rune) rune {
				if Unsafe(r) {
					return unicode.ReplacementChar
				}
				return r
			}, s)
		}
	}
	return s
}

// Writer cleans what is written through it. Each Write is cleaned on its
// own: callers write whole messages (a rune split across writes would be
// replaced).
type Writer struct{ W io.Writer }

func (w Writer) Write(p []byte) (int, error) {
	if _, err := io.WriteString(w.W, Clean(string(p))); err != nil {
		return 0, err
	}
	return len(p), nil
}
