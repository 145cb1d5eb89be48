package terraform

import (
	"reflect"
	"testing"
)

func TestWithCycles(t *testing.T) {
	tests := []struct {
		name  string
		dirs  []string
		calls map[string][]string
		roots []string // folders nobody calls
		want  []string
	}{
		{"no calls", []string{"a", "b"}, nil, []string{"a", "b"}, []string{"a", "b"}},
		{"a calls b", []string{"a", "b"}, map[string][]string{"a": {"b"}}, []string{"a"}, []string{"a"}},
		{"two-folder cycle", []string{"a", "b"}, map[string][]string{"a": {"b"}, "b": {"a"}}, nil, []string{"a"}},
		{"cycle reached from a root", []string{"r", "a", "b"}, map[string][]string{"r": {"a"}, "a": {"b"}, "b": {"a"}}, []string{"r"}, []string{"r"}},
		{"two separate cycles", []string{"a", "b", "c", "d"}, map[string][]string{"a": {"b"}, "b": {"a"}, "d": {"c"}, "c": {"d"}}, nil, []string{"a", "c"}},
		{"cycle calling a tail", []string{"x", "y", "z"}, map[string][]string{"y": {"x", "z"}, "x": {"y"}}, nil, []string{"x"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dirs := map[string]bool{}
			for _, d := range tt.dirs {
				dirs[d] = true
			}
			if got := withCycles(append([]string(nil), tt.roots...), dirs, tt.calls); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}
