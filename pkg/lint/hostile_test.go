package lint

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// hostileMaxRSSMiB bounds TestHostileTree: the run peaks near 55 MiB (a clean
// run of one small file: 27 MiB). Reading one of the 50 MB files whole, or
// expanding the alias bomb, would pass it; a stack overflow kills the process.
// The run's time (a tenth of a second) is logged, never asserted.
const hostileMaxRSSMiB = 100

// writeHostileTree writes the inputs of TestHostileTree below dir.
func writeHostileTree(t *testing.T, dir string) {
	t.Helper()
	const depth = 20_000
	open, closed := strings.Repeat("[", depth), strings.Repeat("]", depth)
	files := map[string]string{
		"ok/main.tf": `resource "aws_vpclattice_service_network" "fine" {
  name      = "fine"
  auth_type = "AWS_IAM"
}
`,
		"deep/deep.tf":      "locals {\n  x = " + open + closed + "\n}\n",
		"deep/chain.tf":     "locals {\n  y = " + strings.Repeat("!", depth) + "true\n}\n",
		"deep/deep.tf.json": `{"locals": {"x": ` + open + closed + "}}\n",
		"cfn/deep.yaml": "AWSTemplateFormatVersion: \"2010-09-09\"\nResources:\n  N:\n    Type: AWS::VpcLattice::ServiceNetwork\n" +
			"    Properties:\n      Name: " + open + closed + "\n",
		"cfn/deep.json": `{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {"N": {"Type": "AWS::VpcLattice::ServiceNetwork", "Properties": {"Name": ` +
			open + closed + "}}}}\n",
		"tpl/main.tf": `resource "aws_vpclattice_service_network" "t" {
  name      = templatefile("self.tpl", {})
  auth_type = jsondecode("` + open + closed + `")
}
`,
		"tpl/self.tpl": `${templatefile("self.tpl", {})}`,
	}
	var bomb strings.Builder
	bomb.WriteString("AWSTemplateFormatVersion: \"2010-09-09\"\nMappings:\n  a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n")
	for i := 1; i <= 9; i++ {
		fmt.Fprintf(&bomb, "  a%d: &a%d [%s]\n", i, i, strings.TrimSuffix(strings.Repeat(fmt.Sprintf("*a%d, ", i-1), 10), ", "))
	}
	bomb.WriteString("Resources:\n  N:\n    Type: AWS::VpcLattice::ServiceNetwork\n    Properties: {Name: n, Tags: *a9}\n")
	files["cfn/bomb.yaml"] = bomb.String()
	for name, src := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// 50 MB files that look like what they claim to be in their first bytes.
	heads := map[string]string{
		"big/main.tf":    `module "m" { source = "./m" }` + "\n# ",
		"big/stack.yaml": "AWSTemplateFormatVersion: \"2010-09-09\"\n# ",
		"big/stack.json": `{"AWSTemplateFormatVersion": "2010-09-09", "Description": "`,
	}
	for name, head := range heads {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		f, err := os.Create(p)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.WriteString(head + strings.Repeat("x", 50<<20)); err != nil {
			t.Fatal(err)
		}
		if err := f.Close(); err != nil {
			t.Fatal(err)
		}
	}
}

// TestHostileTree: a tree with an alias bomb, 20,000-level documents in every
// syntax, operator chains, a template that renders itself, deep jsondecode
// input and 50 MB files is linted in seconds and bounded memory, each file
// getting a clear error, and the valid file still linted.
func TestHostileTree(t *testing.T) {
	if testing.Short() {
		t.Skip("writes 150 MB")
	}
	bin := cliBinary(t) // built before the clock starts, so the log shows the run alone
	dir := t.TempDir()
	writeHostileTree(t, dir)
	t.Logf("CLI %s", bin)
	start := time.Now()
	r := runCLI(t, dir, "lint", "--no-color", ".")
	elapsed := time.Since(start)
	t.Logf("%s, peak RSS %d MiB", elapsed.Round(time.Millisecond), r.peakRSSKiB>>10)
	if mib := r.peakRSSKiB >> 10; mib > hostileMaxRSSMiB {
		t.Errorf("peak RSS %d MiB (bound %d MiB)", mib, hostileMaxRSSMiB)
	}
	if r.code != 2 {
		t.Errorf("exit %d, want 2\nstderr:\n%s", r.code, r.stderr)
	}
	for _, want := range []string{
		"big/main.tf:1:1: input error: File too large",
		"big/stack.yaml: input error: template larger than 10485760 bytes; not read",
		"big/stack.json: input error: template larger than 10485760 bytes; not read",
		"cfn/bomb.yaml:3:",
		"template expands to too many values (YAML alias expansion?)",
		"cfn/deep.yaml:6:",
		"exceeded max depth of 10000",
		"cfn/deep.json:1:",
		"invalid JSON: nesting deeper than 512 levels",
		"deep/deep.tf:2:516: input error: Nesting too deep",
		"deep/chain.tf:2:516: input error: Nesting too deep",
		"deep/deep.tf.json:1:528: input error: Nesting too deep",
		"cannot call templatefile from inside a templatefile template",
		"JSON nesting deeper than 512 levels",
		"aws_vpclattice_service_network.fine",
		"input: 9 errors in 9 files",
	} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("report lacks %q", want)
		}
	}
	if t.Failed() {
		t.Logf("report:\n%s\nstderr:\n%s", r.stdout, r.stderr)
	}
}
