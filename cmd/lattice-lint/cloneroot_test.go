package main

import (
	"os"
	"path/filepath"
	"testing"
)

// TestCloneRoot: the helper's install hint reads the go.mod of the folders
// above the linted one, which the linted repository controls. A go.mod that
// is this module's marks a clone; another module's, or one that is a link to
// a device, does not — and the device is never read.
func TestCloneRoot(t *testing.T) {
	ours := t.TempDir()
	if err := os.WriteFile(filepath.Join(ours, "go.mod"), []byte("module "+modulePath+"\n\ngo 1.26\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	sub := filepath.Join(ours, "fixtures", "x")
	if err := os.MkdirAll(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	other := t.TempDir()
	if err := os.WriteFile(filepath.Join(other, "go.mod"), []byte("module example.com/other\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	device := t.TempDir()
	if err := os.Symlink("/dev/zero", filepath.Join(device, "go.mod")); err != nil {
		t.Skip(err)
	}
	for _, tc := range []struct{ dir, want string }{
		{sub, ours},
		{other, ""},
		{device, ""},
	} {
		if got := cloneRoot(tc.dir); got != tc.want {
			t.Errorf("cloneRoot(%s) = %q, want %q", tc.dir, got, tc.want)
		}
	}
}
