package lint

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"
)

// boundedRun is one run of the CLI under the limits a CI job may impose: a
// 3 GB address space (ulimit -v 3000000). It never counts time for the result:
// the deadline only keeps a hang from stalling the suite, so it is generous
// (an idle machine answers each case in seconds; a 2-core machine at a load
// of 50 has needed more than two minutes for the policy bombs).
type boundedRun struct {
	code           int
	stdout, stderr string
	killed         bool
}

func runBounded(t *testing.T, dir string, args ...string) boundedRun {
	t.Helper()
	bin := cliBinary(t) // built before the hang guard starts
	ctx, cancel := context.WithTimeout(context.Background(), hangGuard)
	defer cancel()
	cmd := exec.CommandContext(ctx, "/bin/sh", append([]string{"-c", `ulimit -v 3000000 && exec "$0" "$@"`, bin}, args...)...)
	cmd.Dir = dir
	scratch := t.TempDir()
	cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "HOME=" + scratch, "TMPDIR=" + scratch, "NO_COLOR=1"}
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	_ = cmd.Run()
	return boundedRun{code: cmd.ProcessState.ExitCode(), stdout: out.String(), stderr: errb.String(), killed: ctx.Err() != nil}
}

// hangGuard ends a run that hangs; see boundedRun.
const hangGuard = 10 * time.Minute

// positioned matches a message naming a file, line and column.
var positioned = regexp.MustCompile(`[\w./-]+:\d+:\d+: `)

// hostileCase is one input a hostile repository may hold.
type hostileCase struct {
	name  string
	files map[string]string // see hostileTree; "fifo:" makes a FIFO
	args  []string          // after "lint --format text"; default "."
	want  string            // in stdout or stderr
}

func runHostileCases(t *testing.T, cases []hostileCase) {
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			files := map[string]string{}
			var fifos []string
			for k, v := range tc.files {
				if v == "fifo:" {
					fifos = append(fifos, k)
					continue
				}
				files[k] = v
			}
			base := hostileTree(t, files)
			for _, f := range fifos {
				p := filepath.Join(base, f)
				if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := syscall.Mkfifo(p, 0o644); err != nil {
					t.Skip(err)
				}
			}
			args := tc.args
			if args == nil {
				args = []string{"."}
			}
			r := runBounded(t, base, append([]string{"lint", "--format", "text"}, args...)...)
			out := r.stdout + r.stderr
			switch {
			case r.killed:
				t.Fatalf("still running after %v (a hang):\n%s", hangGuard, out)
			case strings.Contains(out, "fatal error") || strings.Contains(out, "goroutine "):
				t.Fatalf("crashed:\n%s", out)
			case r.code != 2:
				t.Errorf("exit %d, want 2:\n%s", r.code, out)
			case !strings.Contains(out, tc.want):
				t.Errorf("output lacks %q:\n%s", tc.want, out)
			case !positioned.MatchString(out):
				t.Errorf("no positioned message:\n%s", out)
			}
		})
	}
}

// TestSpecialFiles: a link to /dev/zero or a FIFO under any name lattice-lint
// reads is a positioned input error, never an endless read or a hang.
func TestSpecialFiles(t *testing.T) {
	const svc = `resource "aws_vpclattice_service_network" "n" {
  name = "n"
}
`
	runHostileCases(t, []hostileCase{
		{name: "zero .tf", files: map[string]string{"main.tf": svc, "x.tf": "->/dev/zero"},
			want: "x.tf:1:1: input error: Cannot read file"},
		{name: "zero terraform.tfvars", files: map[string]string{"main.tf": svc, "terraform.tfvars": "->/dev/zero"},
			want: "terraform.tfvars:1:1: input error: Cannot read file"},
		{name: "zero modules.json", files: map[string]string{"main.tf": svc + `module "m" { source = "x/y/z" }` + "\n",
			".terraform/modules/modules.json": "->/dev/zero"},
			want: ".terraform/modules/modules.json:1:1: input error: Cannot read file"},
		{name: "fifo .tf", files: map[string]string{"main.tf": svc, "f.tf": "fifo:"},
			want: "f.tf:1:1: input error: Cannot read file"},
		{name: "fifo .tfvars", files: map[string]string{"main.tf": svc, "a.auto.tfvars": "fifo:"},
			want: "a.auto.tfvars:1:1: input error: Cannot read file"},
		{name: "fifo .yaml", files: map[string]string{"main.tf": svc, "stack.yaml": "fifo:"},
			want: "stack.yaml:1:1: input error: cannot read file"},
		{name: "zero config", files: map[string]string{"main.tf": svc, ".lattice-lint.yaml": "->/dev/zero"},
			want: "not a regular file"},
		{name: "fifo config", files: map[string]string{"main.tf": svc, ".lattice-lint.yaml": "fifo:"},
			want: "not a regular file"},
		{name: "zero policy", files: map[string]string{"main.tf": svc, "pol/p.rego": "->/dev/zero"},
			args: []string{"--policy", "pol", "."}, want: "p.rego is a symbolic link that leads outside the tree"},
		{name: "fifo policy", files: map[string]string{"main.tf": svc, "pol/p.rego": "fifo:"},
			args: []string{"--policy", "pol", "."}, want: "not a regular file"},
	})
}

// TestValueBombs: small sources that build huge values end, under the 3 GB
// limit, with a positioned error and exit 2.
func TestValueBombs(t *testing.T) {
	var join strings.Builder
	join.WriteString("Metadata:\n  Chain:\n    - &a0 \"" + strings.Repeat("x", 1000) + "\"\n")
	for i := 1; i <= 14; i++ {
		fmt.Fprintf(&join, "    - &a%d !Join [\"\", [*a%d, *a%d, *a%d, *a%d]]\n", i, i-1, i-1, i-1, i-1)
	}
	join.WriteString("Resources:\n  SN:\n    Type: AWS::VpcLattice::ServiceNetwork\n    Properties:\n      Name: *a14\n")
	runHostileCases(t, []hostileCase{
		{name: "replace squares", files: map[string]string{"main.tf": "locals {\n  a = \"" + strings.Repeat("x", 1000) + "\"\n" +
			"  b = replace(local.a, \"x\", local.a)\n  c = replace(local.b, \"x\", local.b)\n  d = replace(local.c, \"x\", local.c)\n}\n" +
			`resource "aws_vpclattice_service_network" "n" {` + "\n  name = local.d\n}\n"},
			want: "main.tf:4:7: input error: Value too large"},
		{name: "count over a long string", files: map[string]string{
			"big.tf":  "locals {\n  big = \"" + strings.Repeat("y", 256<<10) + "\"\n}\n",
			"main.tf": `resource "aws_vpclattice_service_network" "n" {` + "\n  count = 3000\n  name  = \"${local.big}-${count.index}\"\n}\n"},
			want: "main.tf:3:11: input error: Values too large"},
		{name: "nested for", files: map[string]string{"main.tf": "locals {\n  r = range(1000)\n" +
			"  x = [for a in local.r : [for b in local.r : [for c in local.r : c]]]\n}\n" +
			`resource "aws_vpclattice_service_network" "n" {` + "\n  name = length(local.x)\n}\n"},
			want: "input error: Values too large"},
		{name: "template of many interpolations", files: map[string]string{"main.tf": "locals {\n  a = join(\"\", [for i in range(1000) : \"" +
			strings.Repeat("x", 1000) + "\"])\n  b = \"" + strings.Repeat("${local.a}", 4000) + "\"\n}\n" +
			`resource "aws_vpclattice_service_network" "n" {` + "\n  name = \"n${length(local.b)}\"\n}\n"},
			want: "main.tf:3:7: input error: Value too large"},
		{name: "Fn::Join over aliases", files: map[string]string{"stack.yaml": join.String()},
			want: "stack.yaml:4:7: input error: Fn::Join"},
	})
}

// TestPolicyBombs: user policies that build huge values, in one builtin call
// or step by step, end under the 3 GB limit with exit 2 and an error that
// says which limit stopped them (and, for one call, where), never with Go's
// fatal out-of-memory error.
func TestPolicyBombs(t *testing.T) {
	const kb64 = `concat("", [x | some _ in numbers.range(1, 4096); x := "0123456789abcdef"])`
	tests := []struct{ name, body, want string }{
		{"replace squares a string", `a := concat("", ["xxxxxxxxxxxxxxxx", n.id])
	b := replace(a, "x", a)
	c := replace(b, "x", b)
	d := replace(c, "x", c)
	msg := d`, "policies/acme.rego:16:7: replace would build a value larger than 64 MiB"},
		{"concat repeats one string", `big := ` + kb64 + `
	msg := concat(",", [big | some _ in numbers.range(1, 100000)])`, "policies/acme.rego:14:9: concat would build a value larger than 64 MiB"},
		{"json.marshal of repeats", `big := ` + kb64 + `
	msg := json.marshal([big | some _ in numbers.range(1, 100000)])`, "json.marshal would build a value larger than 64 MiB"},
		{"sprintf width", `msg := sprintf("%999999999999d", [1])`, "sprintf would build a value larger than 64 MiB"},
		{"step by step", `big := ` + kb64 + `
	xs := [y | some i in numbers.range(1, 100000000); y := sprintf("%d%s", [i, big])]
	msg := sprintf("%d", [count(xs)])`, "policy evaluation grew the heap by more than 512 MiB"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel() // each run has its own address-space limit
			base := hostileTree(t, map[string]string{"main.tf": lonelyNetwork,
				"policies/acme.rego": userPolicy("deny contains {\"entity\": n.id, \"message\": msg} if {\n\tsome n in input.service_networks\n\t" + tt.body + "\n}")})
			r := runBounded(t, base, "lint", "--no-color", "--policy", "policies", "--timeout", "5m", ".")
			out := r.stdout + r.stderr
			switch {
			case r.killed:
				t.Fatalf("still running after %v:\n%s", hangGuard, out)
			case strings.Contains(out, "fatal error") || strings.Contains(out, "goroutine "):
				t.Fatalf("crashed:\n%s", out)
			case r.code != 2 || !strings.Contains(out, tt.want):
				t.Errorf("exit %d, want 2 and %q:\n%s", r.code, tt.want, out)
			}
		})
	}
}
