// Package golden is the test suites' one -update flag and the comparison
// every golden or generated-file test makes, so a stale file always reads the
// same way and is always rewritten the same way.
package golden

import (
	"bytes"
	"flag"
	"os"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden and generated files instead of comparing with them")

// Updating reports whether the run was asked to rewrite files (-update).
func Updating() bool { return *update }

// Check compares got with the file at path. With -update it writes got there
// instead. how says what rewrites the file, for the failure message.
func Check(t testing.TB, path string, got []byte, how string) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	switch {
	case err != nil:
		t.Errorf("%s: %v (%s writes it)", path, err, how)
	case !bytes.Equal(want, got):
		t.Errorf("%s is stale: %s rewrites it", path, how)
	}
}
