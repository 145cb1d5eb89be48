package main

import (
	"fmt"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/lattice-lint/lattice-lint/internal/golden"
)

// docRun is a transcript block of docs/reach.md: the command in a comment,
// then a text block holding what it prints.
var docRun = regexp.MustCompile("(?s)<!-- run: (lattice-lint [^\n]*?) -->\n```text\n.*?```\n")

// TestReachDoc runs every command docs/reach.md shows and writes its output
// and exit code under it, so the page's transcripts cannot go stale.
func TestReachDoc(t *testing.T) {
	inRepoRoot(t)
	const path = "docs/reach.md"
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	runs := 0
	got := docRun.ReplaceAllStringFunc(string(src), func(block string) string {
		runs++
		cmd := docRun.FindStringSubmatch(block)[1]
		code, stdout, stderr := cli(t, strings.Fields(cmd)[1:]...)
		if code == exitError {
			t.Errorf("%s: exit 2: %s", cmd, stderr)
		}
		return fmt.Sprintf("<!-- run: %s -->\n```text\n$ %s\n%s(exit %d)\n```\n", cmd, cmd, stdout, code)
	})
	if runs < 4 {
		t.Fatalf("%s shows %d transcripts, want the reach and matrix ones", path, runs)
	}
	golden.Check(t, path, []byte(got), "go test ./cmd/lattice-lint -run TestReachDoc -update")
}
