package cloudformation

import "testing"

func TestBadCharPos(t *testing.T) {
	tests := []struct {
		src       string
		line, col int
	}{
		{"a: b\nc: d\n", 0, 0},
		{"\ufeffa: \"café\"\n", 0, 0},
		{"a: b\nname: \"caf\xe9\"\n", 2, 11},
		{"a: b\n  é: \x01\n", 2, 6},
		{"x: \x7f", 1, 4},
		{"tab:\tok\r\n", 0, 0},
	}
	for _, tt := range tests {
		if l, c := badCharPos([]byte(tt.src)); l != tt.line || c != tt.col {
			t.Errorf("badCharPos(%q) = %d:%d, want %d:%d", tt.src, l, c, tt.line, tt.col)
		}
	}
	// Through the decoder: the error a template gets is positioned.
	_, perr := decodeDocument([]byte("AWSTemplateFormatVersion: \"2010-09-09\"\nResources:\n  N:\n    Type: AWS::VpcLattice::ServiceNetwork\n    Properties: {Name: \"caf\xe9\"}\n"), false)
	if perr == nil || perr.line != 5 || perr.col != 28 {
		t.Errorf("decode error %+v, want line 5 column 28", perr)
	}
}
