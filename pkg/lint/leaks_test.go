package lint

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
)

// The secret every test below plants outside the tree; no output may hold it.
const secret = "s3cr3t-TOKEN-do-not-print"

// hostileTree writes files (relative to base; "->" in a value makes a link to
// the rest, relative to base unless absolute) and returns base.
func hostileTree(t *testing.T, files map[string]string) string {
	t.Helper()
	base := t.TempDir()
	for name, content := range files {
		p := filepath.Join(base, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if target, ok := strings.CutPrefix(content, "->"); ok {
			if !filepath.IsAbs(target) {
				target = filepath.Join(base, filepath.FromSlash(target))
			}
			if err := os.Symlink(target, p); err != nil {
				t.Skipf("symlinks: %v", err)
			}
			continue
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return base
}

const validService = `resource "aws_vpclattice_service" "s" {
  name      = "svc"
  auth_type = "NONE"
}
`

// TestNoLeakThroughLinks: a link from the tree to a file outside it is
// refused by the parser, and no output format quotes a line of the target
// (the text report's snippet reader used to print it).
func TestNoLeakThroughLinks(t *testing.T) {
	base := hostileTree(t, map[string]string{
		"outside/secret":               "line1 " + secret + "\n",
		"repo/.git/HEAD":               "ref: refs/heads/main\n",
		"repo/infra/main.tf":           validService,
		"repo/infra/env.tf":            "->outside/secret",
		"repo/infra/creds.auto.tfvars": "->outside/secret",
		"repo/infra/stack.yaml":        "->outside/secret",
		"repo/infra/proc.tf":           "->/proc/self/environ",
		"repo/infra/templates/x.tftpl": "->outside/secret",
		"repo/infra/uses_template.tf":  `locals { t = templatefile("templates/x.tftpl", {}) }` + "\n",
	})
	repo := filepath.Join(base, "repo")
	for _, format := range []string{"text", "json", "sarif", "github"} {
		r := runCLI(t, repo, "lint", "--format", format, "infra", "infra/stack.yaml")
		if out := r.stdout + r.stderr; strings.Contains(out, secret) {
			t.Errorf("%s: the secret outside the tree reached the output:\n%s", format, out)
		}
		if r.code != 2 {
			t.Errorf("%s: exit %d, want 2 (links out of the tree are input errors)", format, r.code)
		}
		if format == "text" && !strings.Contains(r.stdout, "infra/env.tf:1:1: input error: Cannot read file") {
			t.Errorf("text report lacks the positioned refusal:\n%s", r.stdout)
		}
	}
}

// TestModulesJSONOutsideTheTree: Dir entries of .terraform/modules/modules.json
// that are absolute or climb out of the tree are not read.
func TestModulesJSONOutsideTheTree(t *testing.T) {
	base := hostileTree(t, map[string]string{
		"outside/mod/main.tf": `resource "aws_vpclattice_service" "stolen" {
  name = "` + secret + `"
}
`,
		"repo/.git/HEAD": "ref\n",
		"repo/main.tf": `module "abs" { source = "registry.example/a/b" }
module "up" { source = "registry.example/c/d" }
`,
	})
	manifest := `{"Modules":[{"Key":"abs","Source":"registry.example/a/b","Dir":"` + filepath.ToSlash(filepath.Join(base, "outside", "mod")) +
		`"},{"Key":"up","Source":"registry.example/c/d","Dir":"../outside/mod"}]}`
	repo := filepath.Join(base, "repo")
	if err := os.MkdirAll(filepath.Join(repo, ".terraform", "modules"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(repo, ".terraform", "modules", "modules.json"), []byte(manifest), 0o644); err != nil {
		t.Fatal(err)
	}
	r := runCLI(t, repo, "lint", "--format", "text", ".")
	if strings.Contains(r.stdout+r.stderr, secret) {
		t.Errorf("a module outside the tree was read:\n%s", r.stdout)
	}
	for _, want := range []string{`module abs: Dir "` + filepath.ToSlash(filepath.Join(base, "outside", "mod")) + `" is outside the tree`,
		`module up: Dir "../outside/mod" is outside the tree`} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("report lacks %q:\n%s", want, r.stdout)
		}
	}
	if r.code != 2 {
		t.Errorf("exit %d, want 2", r.code)
	}
	// --allow-outside-root widens the tree.
	if r := runCLI(t, repo, "model", "--allow-outside-root", "."); !strings.Contains(r.stdout, secret) {
		t.Errorf("--allow-outside-root did not read the installed module:\n%s", r.stdout)
	}
}

// TestTreeIsTheRepository: run from elsewhere, a linted folder's ../modules in
// the same repository are read; outside a repository the tree is the folder.
func TestTreeIsTheRepository(t *testing.T) {
	base := hostileTree(t, map[string]string{
		"src/infra/.git/HEAD":         "ref\n",
		"src/infra/live/main.tf":      `module "m" { source = "../modules/m" }` + "\n",
		"src/infra/modules/m/main.tf": validService,
		"plain/live/main.tf":          `module "m" { source = "../modules/m" }` + "\n",
		"plain/modules/m/main.tf":     validService,
		"elsewhere/README":            "",
	})
	r := runCLI(t, filepath.Join(base, "elsewhere"), "model", filepath.Join(base, "src", "infra", "live"))
	if strings.Contains(r.stdout+r.stderr, "outside") || !strings.Contains(r.stdout, `"svc"`) {
		t.Errorf("the repository's own module was not read:\n%s\n%s", r.stdout, r.stderr)
	}
	r = runCLI(t, filepath.Join(base, "elsewhere"), "lint", "--format", "text", filepath.Join(base, "plain", "live"))
	if !strings.Contains(r.stdout, "Module outside the tree") {
		t.Errorf("outside a repository, the tree is the linted folder:\n%s", r.stdout)
	}
}

// TestOutputWrites: --output never writes through a link, never onto an
// input, and writes through a FIFO the user names.
func TestOutputWrites(t *testing.T) {
	base := hostileTree(t, map[string]string{
		"outside/victim":          "precious\n",
		"repo/.git/HEAD":          "ref\n",
		"repo/main.tf":            validService,
		"repo/lattice-lint.sarif": "->outside/victim",
		"repo/reports":            "->outside",
	})
	repo := filepath.Join(base, "repo")
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"lint", "--format", "sarif", "-o", "lattice-lint.sarif", "."}, "is a symbolic link; not written through"},
		{[]string{"lint", "--format", "json", "-o", "reports/victim", "."}, "is a symbolic link; not written through"},
		{[]string{"diagram", "--format", "dot", "--output", "reports/victim", "."}, "is a symbolic link; not written through"},
		{[]string{"diagram", "--format", "dot", "--output", "lattice-lint.sarif", "."}, "is a symbolic link; not written through"},
		{[]string{"lint", "-o", "main.tf", "."}, "main.tf: is an input of this run; not overwritten"},
	} {
		r := runCLI(t, repo, tc.args...)
		if r.code != 2 || !strings.Contains(r.stderr, tc.want) {
			t.Errorf("%v: exit %d, stderr %q; want 2 and %q", tc.args, r.code, r.stderr, tc.want)
		}
	}
	if b, _ := os.ReadFile(filepath.Join(base, "outside", "victim")); string(b) != "precious\n" {
		t.Errorf("the file outside the tree was overwritten: %q", b)
	}
	if b, _ := os.ReadFile(filepath.Join(repo, "main.tf")); string(b) != validService {
		t.Errorf("the input was overwritten: %q", b)
	}
	// A FIFO the user names is written through (and the run does not hang).
	fifo := filepath.Join(base, "out.fifo")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skip(err)
	}
	got := make(chan []byte)
	go func() {
		b, _ := os.ReadFile(fifo)
		got <- b
	}()
	if r := runCLI(t, repo, "lint", "--format", "json", "--fail-on", "none", "-o", fifo, "."); r.code != 0 {
		t.Errorf("-o FIFO: exit %d: %s", r.code, r.stderr)
	}
	if b := <-got; !strings.Contains(string(b), `"findings"`) {
		t.Errorf("-o FIFO wrote %q", b)
	}
	if st, err := os.Lstat(fifo); err != nil || st.Mode()&os.ModeNamedPipe == 0 {
		t.Errorf("the FIFO was replaced: %v", err)
	}
}

// TestOutputToDevice: a character device the user names as the output of any
// subcommand is written through and stays a device. As root, replacing it by
// a regular file once replaced the machine's /dev/null; the test makes its own
// null device (root only) so a regression cannot break the machine running it.
func TestOutputToDevice(t *testing.T) {
	if os.Geteuid() != 0 || runtime.GOOS != "linux" {
		t.Skip("making a device node needs root (and Linux's device numbering), and only root could replace one")
	}
	base := hostileTree(t, map[string]string{"repo/.git/HEAD": "ref\n", "repo/main.tf": validService})
	repo := filepath.Join(base, "repo")
	dev := filepath.Join(base, "null")
	if err := syscall.Mknod(dev, syscall.S_IFCHR|0o666, 1<<8|3 /* 1:3, the null device */); err != nil {
		t.Skip(err)
	}
	for _, args := range [][]string{
		{"lint", "--format", "sarif", "--fail-on", "none", "-o", dev, "."},
		{"diagram", "--format", "dot", "--output", dev, "."},
		{"model", "-o", dev, "."},
	} {
		if r := runCLI(t, repo, args...); r.code != 0 {
			t.Errorf("%v: exit %d: %s", args, r.code, r.stderr)
		}
		if st, err := os.Lstat(dev); err != nil || st.Mode()&os.ModeCharDevice == 0 {
			t.Fatalf("%v replaced the device: %v %v", args, st.Mode(), err)
		}
	}
}

// TestConfigPoliciesStayInTheTree: a configuration (which in CI comes from the
// pull request) cannot point the policy loader outside the tree; --policy can.
func TestConfigPoliciesStayInTheTree(t *testing.T) {
	base := hostileTree(t, map[string]string{
		"outside/p/x.rego":         "package lattice.rules.x\n",
		"repo/.git/HEAD":           "ref\n",
		"repo/main.tf":             validService,
		"repo/.lattice-lint.yaml":  "policies: [\"../outside/p\"]\n",
		"repo/pol/.lattice-lint.x": "",
		"repo/pol/link.rego":       "->outside/secret",
		"outside/secret":           secret + "\n",
		"repo2/.git/HEAD":          "ref\n",
		"repo2/main.tf":            validService,
		"repo2/.lattice-lint.yaml": "policies: [pol]\n",
		"repo2/pol/link.rego":      "->outside/secret",
	})
	r := runCLI(t, filepath.Join(base, "repo"), "lint", ".")
	if r.code != 2 || !strings.Contains(r.stderr, "config: policies:") || !strings.Contains(r.stderr, "is outside the tree being linted") {
		t.Errorf("exit %d, stderr %q; want 2 and a refusal", r.code, r.stderr)
	}
	r = runCLI(t, filepath.Join(base, "repo2"), "lint", ".")
	if r.code != 2 || strings.Contains(r.stdout+r.stderr, secret) || !strings.Contains(r.stderr, "link.rego is a symbolic link that leads outside the tree") {
		t.Errorf("exit %d, stderr %q; want 2 and a refusal of the link", r.code, r.stderr)
	}
}
