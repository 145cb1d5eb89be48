package golden

import (
	"os"
	"path/filepath"
	"testing"
)

// recorder is a testing.TB that keeps its failures instead of failing.
type recorder struct {
	testing.TB
	failed bool
}

func (r *recorder) Helper()               {}
func (r *recorder) Errorf(string, ...any) { r.failed = true }
func (r *recorder) Fatal(...any)          { r.failed = true }

func TestCheck(t *testing.T) {
	if Updating() {
		t.Skip("compares only")
	}
	path := filepath.Join(t.TempDir(), "g.txt")
	if err := os.WriteFile(path, []byte("same"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, path, got string
		fails           bool
	}{
		{"equal", path, "same", false},
		{"stale", path, "other", true},
		{"missing", path + ".absent", "same", true},
	} {
		r := &recorder{TB: t}
		Check(r, tc.path, []byte(tc.got), "go test -update")
		if r.failed != tc.fails {
			t.Errorf("%s: failed = %v, want %v", tc.name, r.failed, tc.fails)
		}
	}
}
