package termtext

import (
	"bytes"
	"testing"
)

func TestClean(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain\ttext\nnext", "plain\ttext\nnext"},
		{"a\x1b[31mred\x07", "a\uFFFD[31mred\uFFFD"},
		{"user\u202Egnp.exe", "user\uFFFDgnp.exe"},
		{"\u2066iso\u2069 \u200f", "\uFFFDiso\uFFFD \uFFFD"},
		{"c1 \u009b2J", "c1 \uFFFD2J"},
		{"bad \xff utf8", "bad \uFFFD utf8"},
		{"é 中 🙂", "é 中 🙂"},
	}
	for _, tt := range tests {
		if got := Clean(tt.in); got != tt.want {
			t.Errorf("Clean(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	var b bytes.Buffer
	if _, err := (Writer{W: &b}).Write([]byte("x\x1by\n")); err != nil || b.String() != "x\uFFFDy\n" {
		t.Errorf("Writer wrote %q, %v", b.String(), err)
	}
}
