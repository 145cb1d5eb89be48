package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestBuiltBinary builds the binary the way a release does, once, and checks
// that version prints what was stamped and that the bash completion script
// completes commands and the flags the command's -h lists.
func TestBuiltBinary(t *testing.T) {
	root := inRepoRoot(t)
	gobin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("go toolchain not on PATH")
	}
	bin := filepath.Join(t.TempDir(), "lattice-lint")
	build := exec.Command(gobin, "build", "-o", bin, "-ldflags",
		"-X main.version=1.2.3 -X main.commit=0123abc -X main.date=2026-12-01T00:00:00Z", "./cmd/lattice-lint")
	build.Dir = root
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	out, err := exec.Command(bin, "version").Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"lattice-lint 1.2.3\n", "commit: 0123abc\n", "built: 2026-12-01T00:00:00Z\n", "go: go1."} {
		if !strings.Contains(string(out), want) {
			t.Errorf("version output lacks %q:\n%s", want, out)
		}
	}
	checkBashCompletion(t, filepath.Dir(bin))
}

func TestVersionAndCompletionArgs(t *testing.T) {
	for _, tt := range []struct {
		args   []string
		code   int
		stdout string
		stderr string
	}{
		{[]string{"version"}, exitOK, "lattice-lint dev\ncommit: ", ""},
		{[]string{"version", "--help"}, exitOK, "", "Usage: lattice-lint version"},
		{[]string{"version", "now"}, exitError, "", "version takes no arguments"},
		{[]string{"completion", "bash"}, exitOK, "complete -o filenames", ""},
		{[]string{"completion", "zsh"}, exitOK, "#compdef lattice-lint", ""},
		{[]string{"completion", "fish"}, exitOK, "complete -c lattice-lint", ""},
		{[]string{"completion", "tcsh"}, exitError, "", "unknown shell \"tcsh\" (want bash, zsh or fish)"},
		{[]string{"completion"}, exitError, "", "want one shell"},
		{[]string{"help", "lint"}, exitOK, "", "Usage: lattice-lint lint"},
		{[]string{"help", "diagram"}, exitOK, "", "Usage: lattice-lint diagram"},
		{[]string{"help", "nope"}, exitError, "", "unknown command \"nope\""},
	} {
		code, out, errs := cli(t, tt.args...)
		if code != tt.code || !strings.Contains(out, tt.stdout) || !strings.Contains(errs, tt.stderr) {
			t.Errorf("%v: exit %d, stdout %q, stderr %q", tt.args, code, out, errs)
		}
	}
}

// checkBashCompletion runs the bash script with the lattice-lint in dir.
func checkBashCompletion(t *testing.T, dir string) {
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Log("no bash: completion script not run")
		return
	}
	script := filepath.Join(dir, "c.bash")
	_, out, _ := cli(t, "completion", "bash")
	if err := os.WriteFile(script, []byte(out), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bash, "-c", `source "$1"
COMP_WORDS=(lattice-lint diag); COMP_CWORD=1; _lattice_lint; echo "${COMPREPLY[*]}"
COMP_WORDS=(lattice-lint lint --fa); COMP_CWORD=2; _lattice_lint; echo "${COMPREPLY[*]}"
COMP_WORDS=(lattice-lint diagram --fen); COMP_CWORD=2; _lattice_lint; echo "${COMPREPLY[*]}"`, "bash", script)
	cmd.Env = append(os.Environ(), "PATH="+dir+string(os.PathListSeparator)+os.Getenv("PATH"))
	got, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%v\n%s", err, got)
	}
	if want := "diagram\n--fail-on\n--fenced\n"; string(got) != want {
		t.Errorf("completions:\n%s\nwant:\n%s", got, want)
	}
}
