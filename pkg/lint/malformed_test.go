package lint

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
)

// The malformed-input suite runs the real CLI: exit codes, the text summary
// and what the process reads and writes are part of what it checks, and a
// crash of the process (a stack overflow is not recoverable) must fail the
// test rather than the test binary.

var (
	binOnce sync.Once
	binPath string
	binErr  error
)

// cliBinary builds cmd/lattice-lint once per test run.
func cliBinary(t testing.TB) string {
	t.Helper()
	binOnce.Do(func() {
		dir, err := os.MkdirTemp("", "lattice-lint-bin-")
		if err != nil {
			binErr = err
			return
		}
		binPath = filepath.Join(dir, "lattice-lint")
		cmd := exec.Command("go", "build", "-o", binPath, "github.com/lattice-lint/lattice-lint/cmd/lattice-lint")
		if out, err := cmd.CombinedOutput(); err != nil {
			binErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if binErr != nil {
		t.Fatal(binErr)
	}
	return binPath
}

func TestMain(m *testing.M) {
	code := m.Run()
	if binPath != "" {
		os.RemoveAll(filepath.Dir(binPath))
	}
	os.Exit(code)
}

// cliRun is one run of the CLI.
type cliRun struct {
	code           int
	stdout, stderr string
	peakRSSKiB     int64 // peak resident memory of the process (0 where not measured)
}

// runCLI runs the binary in dir with HOME, TMPDIR and the XDG folders pointed
// at empty folders, and fails if anything was written to them.
func runCLI(t *testing.T, dir string, args ...string) cliRun {
	t.Helper()
	scratch := t.TempDir()
	cmd := exec.Command(cliBinary(t), args...)
	cmd.Dir = dir
	cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "HOME=" + scratch, "TMPDIR=" + scratch,
		"XDG_CACHE_HOME=" + scratch, "XDG_CONFIG_HOME=" + scratch, "NO_COLOR=1"}
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Start(); err != nil {
		t.Fatalf("running the CLI: %v", err)
	}
	peak := watchPeak(cmd.Process.Pid)
	err := cmd.Wait()
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) {
		t.Fatalf("running the CLI: %v", err)
	}
	r := cliRun{code: cmd.ProcessState.ExitCode(), stdout: out.String(), stderr: errb.String(), peakRSSKiB: peak()}
	if r.code > 2 || r.code < 0 {
		t.Fatalf("exit %d (a crash?)\nstderr:\n%s", r.code, r.stderr)
	}
	if left, _ := os.ReadDir(scratch); len(left) > 0 {
		t.Errorf("the CLI wrote %d entries to HOME/TMPDIR, e.g. %s", len(left), left[0].Name())
	}
	return r
}

// snapshot lists every path below dir with its type, size and content hash.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		switch {
		case d.Type()&fs.ModeSymlink != 0:
			target, _ := os.Readlink(p)
			out[rel] = "link " + target
		case d.IsDir():
			out[rel] = "dir"
		default:
			f, err := os.Open(p)
			if err != nil {
				return err
			}
			h := sha256.New()
			_, err = io.Copy(h, f)
			f.Close()
			out[rel] = fmt.Sprintf("file %x", h.Sum(nil))
			return err
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// copyCase copies fixtures/malformed/<name> to the same relative path under a
// fresh root, so paths in the report read as in the repository, and creates
// the symbolic links its symlinks.txt lists ("link -> target", relative to
// the case folder); links are made at run time, never committed.
func copyCase(t *testing.T, repo, name string) (root, rel string) {
	t.Helper()
	root = t.TempDir()
	rel = filepath.Join("fixtures", "malformed", name)
	src := filepath.Join(repo, rel)
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		r, _ := filepath.Rel(src, p)
		dst := filepath.Join(root, rel, r)
		if d.IsDir() {
			return os.MkdirAll(dst, 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(dst, b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	if b, err := os.ReadFile(filepath.Join(src, "symlinks.txt")); err == nil {
		for _, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
			link, target, ok := strings.Cut(line, " -> ")
			if !ok {
				t.Fatalf("symlinks.txt: %q is not 'link -> target'", line)
			}
			if err := os.Symlink(target, filepath.Join(root, rel, link)); err != nil {
				t.Skipf("symbolic links unsupported: %v", err)
			}
		}
	}
	return root, rel
}

// caseArgs reads the extra flags of a case (args.txt, one per line).
func caseArgs(t *testing.T, dir string) []string {
	b, err := os.ReadFile(filepath.Join(dir, "args.txt"))
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		t.Fatal(err)
	}
	return strings.Fields(string(b))
}

// jsonReport is the part of the JSON report the suite compares.
type jsonReport struct {
	Summary struct {
		InputErrors          int `json:"input_errors"`
		InputWarnings        int `json:"input_warnings"`
		InputNotes           int `json:"input_notes"`
		FilesWithInputErrors int `json:"files_with_input_errors"`
		Files                int `json:"files"`
	} `json:"summary"`
	Findings []struct {
		RuleID   string   `json:"rule_id"`
		Severity string   `json:"severity"`
		Location location `json:"location"`
	} `json:"findings"`
	Diagnostics []struct {
		Severity string   `json:"severity"`
		Summary  string   `json:"summary"`
		Detail   string   `json:"detail"`
		Location location `json:"location"`
	} `json:"diagnostics"`
}

type location struct {
	File   string `json:"file"`
	Line   int    `json:"line"`
	Column int    `json:"column"`
}

func (l location) String() string {
	if l.Line == 0 {
		return l.File
	}
	return fmt.Sprintf("%s:%d:%d", l.File, l.Line, l.Column)
}

func parseReport(t *testing.T, r cliRun) jsonReport {
	t.Helper()
	var rep jsonReport
	if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil {
		t.Fatalf("report is not JSON: %v\n%s\nstderr:\n%s", err, r.stdout, r.stderr)
	}
	return rep
}

// wholeFile are the input errors about a file as a whole, which have no line.
var wholeFile = []string{"larger than", "too large", "cannot read"}

// checkPositions fails for an error diagnostic without a file, or without a
// line and column when it is not about the file as a whole.
func checkPositions(t *testing.T, rep jsonReport) {
	t.Helper()
	for _, d := range rep.Diagnostics {
		if d.Severity != "error" {
			continue
		}
		whole := false
		for _, w := range wholeFile {
			whole = whole || strings.Contains(strings.ToLower(d.Summary+" "+d.Detail), w)
		}
		if d.Location.File == "" || d.Location.File == "." || (!whole && (d.Location.Line < 1 || d.Location.Column < 1)) {
			t.Errorf("error without file:line:col: %s: %s", d.Location, d.Summary)
		}
	}
}

// render is the expected.txt form of a run: the exit code, the input summary,
// every diagnostic (file:line:col, severity, text) and every finding.
func render(r cliRun, rep jsonReport) string {
	var b strings.Builder
	fmt.Fprintf(&b, "exit %d\n", r.code)
	s := rep.Summary
	fmt.Fprintf(&b, "input: %d errors in %d files, %d warnings, %d notes; %d files read\n",
		s.InputErrors, s.FilesWithInputErrors, s.InputWarnings, s.InputNotes, s.Files)
	for _, d := range rep.Diagnostics {
		text := d.Summary
		if d.Detail != "" {
			text += ": " + strings.TrimSpace(strings.SplitN(d.Detail, "\n", 2)[0])
		}
		fmt.Fprintf(&b, "%s: %s: %s\n", d.Location, d.Severity, text)
	}
	var fs []string
	for _, f := range rep.Findings {
		fs = append(fs, fmt.Sprintf("%s: finding %s %s", f.Location, f.Severity, f.RuleID))
	}
	sort.Strings(fs)
	for _, f := range fs {
		b.WriteString(f + "\n")
	}
	return b.String()
}

// TestMalformedInputs lints each fixtures/malformed/<case> folder with the
// CLI and compares exit code, input summary, diagnostics and findings with
// the case's expected.txt (go test ./pkg/lint -run Malformed -update rewrites
// them). Every case must also leave its folder unchanged, write nothing to
// HOME or TMPDIR, and give every error diagnostic a file and, for syntax and
// type errors, a line and column. docs/robustness.md explains each case.
func TestMalformedInputs(t *testing.T) {
	repo := repoRoot(t)
	cases, err := os.ReadDir(filepath.Join(repo, "fixtures", "malformed"))
	if err != nil || len(cases) == 0 {
		t.Fatalf("no cases: %v", err)
	}
	for _, c := range cases {
		if !c.IsDir() {
			continue
		}
		t.Run(c.Name(), func(t *testing.T) {
			root, rel := copyCase(t, repo, c.Name())
			before := snapshot(t, root)
			args := append([]string{"lint", "--format", "json"}, caseArgs(t, filepath.Join(repo, rel))...)
			r := runCLI(t, root, append(args, filepath.ToSlash(rel))...)
			if after := snapshot(t, root); fmt.Sprint(after) != fmt.Sprint(before) {
				t.Errorf("the run changed the linted tree:\nbefore %v\nafter  %v", before, after)
			}
			rep := parseReport(t, r)
			checkPositions(t, rep)
			checkGolden(t, filepath.Join(repo, rel, "expected.txt"), render(r, rep))
		})
	}
}

// TestTextSummaryCountsUnreadFiles: the text report says how many files could
// not be read, and the other files are still linted.
func TestTextSummaryCountsUnreadFiles(t *testing.T) {
	repo := repoRoot(t)
	root, rel := copyCase(t, repo, "deep-nesting")
	r := runCLI(t, root, "lint", "--no-color", rel)
	if r.code != 2 {
		t.Errorf("exit %d, want 2", r.code)
	}
	for _, want := range []string{"input: 6 errors in 5 files", "aws_vpclattice_service_network.fine"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("text report lacks %q:\n%s", want, r.stdout)
		}
	}
}

// TestWritesOnlyOutput: with --output, the report file (and its folder) is
// the only thing the run adds to the tree.
func TestWritesOnlyOutput(t *testing.T) {
	repo := repoRoot(t)
	root, rel := copyCase(t, repo, "syntax")
	before := snapshot(t, root)
	r := runCLI(t, root, "lint", "--format", "sarif", "--output", "out/report.sarif", rel)
	if r.code != 2 || r.stdout != "" {
		t.Errorf("exit %d, stdout %q", r.code, r.stdout)
	}
	after := snapshot(t, root)
	for p, v := range before {
		if after[p] != v {
			t.Errorf("%s changed", p)
		}
		delete(after, p)
	}
	added := make([]string, 0, len(after))
	for p := range after {
		added = append(added, filepath.ToSlash(p))
	}
	sort.Strings(added)
	if strings.Join(added, ",") != "out,out/report.sarif" {
		t.Errorf("the run added %v, want out/report.sarif only", added)
	}
}
