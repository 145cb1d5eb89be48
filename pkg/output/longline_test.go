package output

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lattice-lint/lattice-lint/pkg/model"
)

// TestSnippetOfHugeLine: a line of megabytes (a minified or hostile file) is
// cut near the range before layout, and the underline still lands on it.
func TestSnippetOfHugeLine(t *testing.T) {
	const n = 3 << 20
	line := strings.Repeat("a", n) + "XYZ" + strings.Repeat("é", n)
	for _, col := range []int{1, 150, n + 1} {
		rng := model.Range{Start: model.Pos{Line: 1, Column: col}, End: model.Pos{Line: 1, Column: col + 3}}
		s := makeSnippet(line, rng)
		if len(s.text) > 4*maxSnippetWidth {
			t.Fatalf("column %d: snippet of %d bytes", col, len(s.text))
		}
		runes := []rune(s.text)
		got := string(runes[s.pad : s.pad+s.width])
		want := string([]rune(line)[col-1 : col+2])
		if got != want {
			t.Errorf("column %d: underline over %q, want %q (text %q)", col, got, want, s.text)
		}
	}
}

func TestReadFromDirLimit(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "big.tf"), make([]byte, 2048), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadFromDirLimit(dir, 1024)("big.tf"); err == nil || !strings.Contains(err.Error(), "larger than 1024 bytes") {
		t.Errorf("big file read: %v", err)
	}
	if b, err := ReadFromDirLimit(dir, 4096)("big.tf"); err != nil || len(b) != 2048 {
		t.Errorf("small file: %d bytes, %v", len(b), err)
	}
}
