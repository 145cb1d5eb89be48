package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/lattice-lint/lattice-lint/internal/golden"
)

// dayOne is the README section of the three day-one steps.
var dayOne = regexp.MustCompile("(?s)<!-- day-one:begin[^\n]*-->\n```sh\n(.*?)```\n(.*?```text\n)(.*?)(```\n<!-- day-one:end -->)")

// TestReadmeDayOne runs the day-one commands of the README in order, in a
// copy of the example they lint, checks each exit code the README states,
// and compares the output it shows with the last command's (-update rewrites
// the README's sample).
func TestReadmeDayOne(t *testing.T) {
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	readme := filepath.Join(root, "README.md")
	src, err := os.ReadFile(readme)
	if err != nil {
		t.Fatal(err)
	}
	m := dayOne.FindSubmatchIndex(src)
	if m == nil {
		t.Fatal("README.md has no day-one section with a sh block and a text block")
	}
	commands := strings.Split(strings.TrimSpace(string(src[m[2]:m[3]])), "\n")
	if len(commands) != 3 {
		t.Fatalf("want the three day-one commands, got %d", len(commands))
	}

	work := t.TempDir()
	copyDir(t, filepath.Join(root, "fixtures", "examples", "adopting"), filepath.Join(work, "fixtures", "examples", "adopting"))
	t.Chdir(work)
	exitNote := regexp.MustCompile(`#\s*exit (\d)`)
	var last string
	for _, line := range commands {
		cmd, comment, _ := strings.Cut(line, "#")
		args := strings.Fields(cmd)
		if len(args) < 2 || args[0] != "lattice-lint" {
			t.Fatalf("README command %q does not run lattice-lint", line)
		}
		n := exitNote.FindStringSubmatch("#" + comment)
		if n == nil {
			t.Fatalf("README command %q does not state its exit code (# exit N)", line)
		}
		want, _ := strconv.Atoi(n[1])
		code, out, errs := cli(t, append(args[1:2], append([]string{"--no-color"}, args[2:]...)...)...)
		if code != want {
			t.Errorf("%s: exit %d, the README says %d\n%s%s", cmd, code, want, out, errs)
		}
		last = out
	}
	if got := string(src[m[6]:m[7]]); got != last {
		if golden.Updating() {
			out := append(append(append([]byte{}, src[:m[6]]...), last...), src[m[7]:]...)
			if err := os.WriteFile(readme, out, 0o644); err != nil {
				t.Fatal(err)
			}
			return
		}
		t.Errorf("the README shows\n%s\nbut the last day-one command prints\n%s(go test ./cmd/lattice-lint -run TestReadmeDayOne -update)", got, last)
	}
}

func copyDir(t *testing.T, from, to string) {
	t.Helper()
	entries, err := os.ReadDir(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(to, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.IsDir() {
			copyDir(t, filepath.Join(from, e.Name()), filepath.Join(to, e.Name()))
			continue
		}
		b, err := os.ReadFile(filepath.Join(from, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(to, e.Name()), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// tryIt is the README's sample of the first "Try it" command.
var tryIt = regexp.MustCompile("(?s)\n```sh\ngo run ./cmd/lattice-lint (lint [^#\n]*?)\\s*#[^\n]*\n.*?exits (\\d):\n\n<!-- try-it:begin[^\n]*-->\n```text\n(.*?)```\n<!-- try-it:end -->")

// TestReadmeTryIt runs the README's first command and checks the exit code
// it states and the sample it shows, which is the first error the command
// prints (-update rewrites it); and that the Go version it asks for is
// go.mod's.
func TestReadmeTryIt(t *testing.T) {
	root := inRepoRoot(t)
	readme := filepath.Join(root, "README.md")
	src, err := os.ReadFile(readme)
	if err != nil {
		t.Fatal(err)
	}
	m := tryIt.FindSubmatchIndex(src)
	if m == nil {
		t.Fatal("README.md has no Try it section: a go run command, the exit code it states, and a try-it sample")
	}
	want, _ := strconv.Atoi(string(src[m[4]:m[5]]))
	args := strings.Fields(string(src[m[2]:m[3]]))
	code, out, errs := cli(t, append(args[:1], append([]string{"--no-color"}, args[1:]...)...)...)
	if code != want {
		t.Errorf("%v: exit %d, the README says %d\n%s", args, code, want, errs)
	}
	var first string
	for _, block := range strings.Split(out, "\n\n") {
		if i := strings.Index(block, "<==\n"); i >= 0 { // a file header
			block = block[i+4:]
		}
		if head, _, _ := strings.Cut(block, "\n"); strings.Contains(head, ": error[") {
			first = block + "\n"
			break
		}
	}
	if got := string(src[m[6]:m[7]]); got != first {
		if golden.Updating() {
			out := append(append(append([]byte{}, src[:m[6]]...), first...), src[m[7]:]...)
			if err := os.WriteFile(readme, out, 0o644); err != nil {
				t.Fatal(err)
			}
		} else {
			t.Errorf("the README shows\n%s\nbut the command's first finding is\n%s(go test ./cmd/lattice-lint -run TestReadmeTryIt -update)", got, first)
		}
	}
	mod, err := os.ReadFile(filepath.Join(root, "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	goLine := regexp.MustCompile(`(?m)^go (\S+)$`).FindSubmatch(mod)
	if goLine == nil || !strings.Contains(string(src), "Go "+string(goLine[1])+" or later") {
		t.Errorf("the README must ask for go.mod's Go version (%s)", goLine)
	}
}
