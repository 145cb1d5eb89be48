package cloudformation

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/lattice-lint/lattice-lint/pkg/model"
	"github.com/lattice-lint/lattice-lint/pkg/settings"
)

// FuzzDiagnostics goes the way a file on disk goes (read, size limit,
// decode, evaluate, build) and checks what a user sees of bad input: every
// diagnostic names the file, and every error about the content has a line
// and column. It complements FuzzParse, which runs in memory.
func FuzzDiagnostics(f *testing.F) {
	seeds, _ := filepath.Glob("testdata/*/*")
	more, _ := filepath.Glob(filepath.Join("..", "..", "..", "fixtures", "*", "*", "*.yaml"))
	for _, p := range append(seeds, more...) {
		if b, err := os.ReadFile(p); err == nil && !strings.HasSuffix(p, ".golden.json") && len(b) < 64<<10 {
			f.Add(b, strings.HasSuffix(p, ".json"))
		}
	}
	f.Add([]byte("AWSTemplateFormatVersion: \"2010-09-09\"\nResources:\n  X:\n\tType: AWS::VpcLattice::Service\n"), false)
	f.Add([]byte(`{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {"X": {"Type": "AWS::VpcLattice::Service", "Properties": {"Name": [`), true)
	f.Fuzz(func(t *testing.T, data []byte, asJSON bool) {
		const hang = 20 * time.Second
		defer time.AfterFunc(hang, func() { panic(fmt.Sprintf("Parse of %d bytes took over %s", len(data), hang)) }).Stop()
		name := "t.yaml"
		if asJSON {
			name = "t.json"
		}
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
		m := model.New()
		res := Parse(context.Background(), []string{filepath.Join(dir, name)}, Options{Root: dir, Limits: settings.Limits{MaxFileSize: 1 << 20}}, m)
		m.Link()
		for _, d := range res.Diagnostics {
			if strings.Contains(d.Summary, "internal error") {
				t.Fatalf("%s\n%s", d, d.Detail)
			}
			if d.Range.File != name {
				t.Fatalf("diagnostic names %q, want %q: %s", d.Range.File, name, d)
			}
			whole := strings.Contains(d.Summary, "larger than") || strings.Contains(d.Summary, "cannot read")
			if d.Severity == "error" && !whole && (d.Range.Start.Line < 1 || d.Range.Start.Column < 1) {
				t.Fatalf("error without a line and column: %s", d)
			}
		}
	})
}
