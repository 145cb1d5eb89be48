package diagram

import "testing"

// TestCleanControls: names from the input reach every diagram format through
// clean; control and bidirectional characters do not.
func TestCleanControls(t *testing.T) {
	for in, want := range map[string]string{
		"svc\u202Eexe.txt":  "svc\uFFFDexe.txt",
		"a\x1b[2Jb\x07":     "a [2Jb ",
		"\u2066x\u2069\xff": "\uFFFDx\uFFFD\uFFFD",
		"ok-name":           "ok-name",
	} {
		if got := clean(in); got != want {
			t.Errorf("clean(%q) = %q, want %q", in, got, want)
		}
	}
}
