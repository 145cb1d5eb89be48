package output

import (
	"strings"
	"testing"
)

func TestMakeSnippet(t *testing.T) {
	long := strings.Repeat("a", 300) + "TARGET" + strings.Repeat("b", 300)
	tests := []struct {
		name       string
		line       string
		col, eLine int // eLine is relative: 0 same line, >0 lines below
		eCol       int
		text       string
		pad, width int
	}{
		{"ascii", `  name = "x"`, 3, 0, 7, `  name = "x"`, 2, 4},
		{"leading tab", "\tauth = 1", 2, 0, 6, "    auth = 1", 4, 4},
		{"tab inside the range", "a\tb", 1, 0, 4, "a    b", 0, 6},
		{"wide characters before", "名前 = x", 6, 0, 7, "名前 = x", 7, 1},
		{"wide characters in the range", `x = "支払い"`, 5, 0, 10, `x = "支払い"`, 4, 8},
		{"emoji", "🚀x", 2, 0, 3, "🚀x", 2, 1},
		{"combining mark", "cafe\u0301 = 1", 7, 0, 8, "cafe\u0301 = 1", 5, 1},
		{"empty range", "abcdef", 5, 0, 5, "abcdef", 4, 1},
		{"no end", "abcdef", 2, 0, 0, "abcdef", 1, 1},
		{"column past the end", "abc", 10, 0, 12, "abc", 3, 1},
		{"range past the end", "abc", 2, 0, 12, "abc", 1, 2},
		{"multi-line range", `resource "x" {   `, 1, 3, 2, `resource "x" {   `, 0, 14},
		{"no column", "    foo = 1  ", 0, 0, 0, "    foo = 1  ", 4, 7},
		{"empty line", "", 1, 0, 1, "", 0, 1},
		{"escape sequence", "a\x1b[31mb", 2, 0, 3, "a\ufffd[31mb", 1, 1},
		{"invalid UTF-8", "a\xffb", 3, 0, 4, "a\ufffdb", 2, 1},
		{"bidi override", "x\u202Ey = 1", 3, 0, 4, "x\ufffdy = 1", 2, 1},
		{"long line, range in the middle", long, 301, 0, 307,
			"..." + strings.Repeat("a", 40) + "TARGET" + strings.Repeat("b", 68) + "...", 43, 6},
		{"long line, range at the start", long, 1, 0, 4, strings.Repeat("a", 117) + "...", 0, 3},
		{"long line, range wider than the window", long, 1, 0, 500, strings.Repeat("a", 117) + "...", 0, 117},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := rng("f.tf", 10, tt.col, 10+tt.eLine, tt.eCol)
			if tt.eCol == 0 && tt.eLine == 0 {
				r.End.Line = 0
			}
			got := makeSnippet(tt.line, r)
			if got.text != tt.text || got.pad != tt.pad || got.width != tt.width {
				t.Errorf("makeSnippet(%q, %d-%d) = %q pad %d width %d; want %q pad %d width %d",
					tt.line, tt.col, tt.eCol, got.text, got.pad, got.width, tt.text, tt.pad, tt.width)
			}
			if w := displayWidth(got.text); w > maxSnippetWidth {
				t.Errorf("snippet is %d cells wide, limit %d", w, maxSnippetWidth)
			}
		})
	}
}

func displayWidth(s string) int {
	w := 0
	for _, r := range s {
		w += displayCell(r).w
	}
	return w
}

func TestClean(t *testing.T) {
	tests := map[string]string{
		"plain":                    "plain",
		"two\nlines\r\n":           "two lines",
		"  a\t\tb  ":               "a b",
		"red \x1b[31malert\x1b[0m": "red \ufffd[31malert\ufffd[0m",
		"bell\a":                   "bell\ufffd",
		"rtl \u202Eevil":           "rtl \ufffdevil",
		"支払い 🚀":                    "支払い 🚀",
	}
	for in, want := range tests {
		if got := clean(in); got != want {
			t.Errorf("clean(%q) = %q, want %q", in, got, want)
		}
	}
}
