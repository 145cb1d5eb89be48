package cloudformation

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/lattice-lint/lattice-lint/pkg/settings"
)

func writeTemp(t *testing.T, name, src string) (dir, path string) {
	t.Helper()
	dir = t.TempDir()
	path = filepath.Join(dir, name)
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir, path
}

// TestAliasBomb: a billion-laughs template stops at the node budget, fast and
// without eating memory, and says so.
func TestAliasBomb(t *testing.T) {
	var b strings.Builder
	b.WriteString("AWSTemplateFormatVersion: \"2010-09-09\"\nMappings:\n  a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n")
	for i := 1; i <= 9; i++ {
		fmt.Fprintf(&b, "  a%d: &a%d [*a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d]\n", i, i, i-1, i-1, i-1, i-1, i-1, i-1, i-1, i-1, i-1, i-1)
	}
	b.WriteString("Resources:\n  SN:\n    Type: AWS::VpcLattice::ServiceNetwork\n    Properties: {Name: x, Tags: *a9}\n")
	dir, f := writeTemp(t, "bomb.yaml", b.String())
	var before runtime.MemStats
	runtime.ReadMemStats(&before)
	_, res := parseFiles(t, Options{Root: dir}, f)
	var after runtime.MemStats
	runtime.ReadMemStats(&after)
	if grown := after.TotalAlloc - before.TotalAlloc; grown > 512<<20 {
		t.Errorf("allocated %d MiB", grown>>20)
	}
	errs := errorsOf(res.Diagnostics)
	if len(errs) != 1 || !strings.Contains(errs[0], "too many values") || !strings.HasPrefix(errs[0], "bomb.yaml:") {
		t.Errorf("errors = %q", errs)
	}
}

func TestRecursiveAlias(t *testing.T) {
	dir, f := writeTemp(t, "loop.yaml", "Resources:\n  SN:\n    Type: AWS::VpcLattice::ServiceNetwork\n    Properties: &p {Name: x, Tags: [*p]}\n")
	_, res := parseFiles(t, Options{Root: dir}, f)
	errs := errorsOf(res.Diagnostics)
	if len(errs) != 1 || !strings.Contains(errs[0], "deeper than") {
		t.Errorf("errors = %q", errs)
	}
}

func TestFileSizeLimit(t *testing.T) {
	src := "AWSTemplateFormatVersion: \"2010-09-09\"\nResources:\n  SN: {Type: AWS::VpcLattice::ServiceNetwork}\n" + strings.Repeat("# padding\n", 200)
	dir, f := writeTemp(t, "big.yaml", src)
	_, res := parseFiles(t, Options{Root: dir, Limits: settings.Limits{MaxFileSize: 1024}}, f)
	errs := errorsOf(res.Diagnostics)
	if len(errs) != 1 || errs[0] != "big.yaml: error: template larger than 1024 bytes; not read" {
		t.Errorf("errors = %q", errs)
	}
	// Something that does not look like a template is skipped with a note only.
	dir, f = writeTemp(t, "data.json", "["+strings.Repeat("1,", 2000)+"1]")
	_, res = parseFiles(t, Options{Root: dir, Limits: settings.Limits{MaxFileSize: 1024}}, f)
	if len(res.Diagnostics) != 1 || res.Diagnostics[0].Severity != "note" {
		t.Errorf("diagnostics = %v", res.Diagnostics)
	}
}

func TestUnreadableFile(t *testing.T) {
	dir := t.TempDir()
	_, res := parseFiles(t, Options{Root: dir}, filepath.Join(dir, "missing.yaml"))
	errs := errorsOf(res.Diagnostics)
	if len(errs) != 1 || !strings.HasPrefix(errs[0], "missing.yaml:1:1: error: cannot read file") {
		t.Errorf("errors = %q", errs)
	}
}

// TestForEachBomb: nested Fn::ForEach loops multiply; the node budget stops them.
func TestForEachBomb(t *testing.T) {
	var b strings.Builder
	b.WriteString("Transform: AWS::LanguageExtensions\nResources:\n  SN: {Type: AWS::VpcLattice::ServiceNetwork}\n")
	indent := "  "
	for i := range 8 {
		fmt.Fprintf(&b, "%sFn::ForEach::L%d:\n%s  - I%d\n%s  - [a, b, c, d, e, f, g, h, i, j]\n%s  - ", indent, i, indent, i, indent, indent)
		b.WriteString("\n")
		indent += "    "
	}
	b.WriteString(indent + "\"SN${I0}${I1}${I2}${I3}${I4}${I5}${I6}${I7}\": {Type: AWS::VpcLattice::ServiceNetwork}\n")
	dir, f := writeTemp(t, "loops.yaml", b.String())
	// The budget counts values, so the stop is checked by its message, not by
	// the clock (the suite runs on a loaded two-core machine).
	_, res := parseFiles(t, Options{Root: dir}, f)
	errs := errorsOf(res.Diagnostics)
	if len(errs) != 1 || !strings.Contains(errs[0], "too many values") {
		t.Errorf("errors = %q", errs)
	}
}

// joinBomb is a template whose Name joins four aliases of the level below,
// twelve levels deep: 64 KiB of YAML for a 16 GiB string.
func joinBomb() string {
	var b strings.Builder
	b.WriteString("Metadata:\n  Chain:\n    - &a0 \"" + strings.Repeat("x", 1000) + "\"\n")
	for i := 1; i <= 12; i++ {
		fmt.Fprintf(&b, "    - &a%d !Join [\"\", [*a%d, *a%d, *a%d, *a%d]]\n", i, i-1, i-1, i-1, i-1)
	}
	b.WriteString("Resources:\n  SN:\n    Type: AWS::VpcLattice::ServiceNetwork\n    Properties:\n      Name: *a12\n")
	return b.String()
}

// TestValueBudget: string-building intrinsics are bounded by the bytes they
// build, not only by the nodes they visit.
func TestValueBudget(t *testing.T) {
	dir, f := writeTemp(t, "join.yaml", joinBomb())
	_, res := parseFiles(t, Options{Root: dir}, f)
	errs := errorsOf(res.Diagnostics)
	if len(errs) != 1 || !strings.Contains(errs[0], "join.yaml:4:7: error: Fn::Join: the strings built from this template pass 16777216 bytes") {
		t.Errorf("errors = %q", errs)
	}
	sub := "Resources:\n  SN:\n    Type: AWS::VpcLattice::ServiceNetwork\n    Properties:\n      Name: !Sub\n        - \"${A}${A}${A}\"\n        - A: !Join [\"\", [&s \"" +
		strings.Repeat("y", 400_000) + "\", *s]]\n"
	dir, f = writeTemp(t, "sub.yaml", sub)
	_, res = parseFiles(t, Options{Root: dir}, f)
	if errs := errorsOf(res.Diagnostics); len(errs) != 1 || !strings.Contains(errs[0], "sub.yaml:5:13: error: Fn::Sub: the result would be larger than") {
		t.Errorf("errors = %q", errs)
	}
}
