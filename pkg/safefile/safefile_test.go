package safefile

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

func mustWrite(t *testing.T, p, s string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}

func mustLink(t *testing.T, target, p string) {
	t.Helper()
	if err := os.Symlink(target, p); err != nil {
		t.Fatal(err)
	}
}

func TestReadFile(t *testing.T) {
	dir := t.TempDir()
	mustWrite(t, filepath.Join(dir, "ok.tf"), "x")
	mustWrite(t, filepath.Join(dir, "big.tf"), strings.Repeat("x", 100))
	mustLink(t, "/dev/zero", filepath.Join(dir, "zero.tf"))
	if err := syscall.Mkfifo(filepath.Join(dir, "fifo.tf"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		regular bool // ErrNotRegular
		large   bool // *TooLargeError
	}{
		{name: "ok.tf"},
		{name: "big.tf", large: true},
		{name: "zero.tf", regular: true},
		{name: "fifo.tf", regular: true}, // must not block
		{name: ".", regular: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := ReadFile(filepath.Join(dir, tt.name), 10)
			var tl *TooLargeError
			switch {
			case tt.regular && !errors.Is(err, ErrNotRegular):
				t.Errorf("err = %v, want ErrNotRegular", err)
			case tt.large && !errors.As(err, &tl):
				t.Errorf("err = %v, want TooLargeError", err)
			case !tt.regular && !tt.large && (err != nil || string(b) != "x"):
				t.Errorf("got %q, %v", b, err)
			}
		})
	}
}

func TestTree(t *testing.T) {
	base := t.TempDir()
	repo := filepath.Join(base, "repo")
	mustWrite(t, filepath.Join(repo, ".git", "HEAD"), "ref")
	mustWrite(t, filepath.Join(repo, "infra", "main.tf"), "x")
	mustWrite(t, filepath.Join(repo, "modules", "m", "main.tf"), "x")
	mustWrite(t, filepath.Join(base, "secret"), "TOKEN")
	mustLink(t, filepath.Join(base, "secret"), filepath.Join(repo, "infra", "creds.auto.tfvars"))
	mustLink(t, "/proc/self/environ", filepath.Join(repo, "infra", "env.tf"))
	mustLink(t, filepath.Join(repo, "modules", "m", "main.tf"), filepath.Join(repo, "infra", "in.tf"))
	plain := filepath.Join(base, "plain")
	mustWrite(t, filepath.Join(plain, "main.tf"), "x")

	if got := TopLevel(filepath.Join(repo, "infra")); got != resolve(repo) {
		t.Errorf("TopLevel(repo/infra) = %s, want the git top level %s", got, repo)
	}
	if got := TopLevel(filepath.Join(plain, "main.tf")); got != resolve(plain) {
		t.Errorf("TopLevel(plain/main.tf) = %s, want its folder", got)
	}

	tree := NewTree([]string{filepath.Join(repo, "infra")}, false)
	open := NewTree([]string{filepath.Join(repo, "infra")}, true)
	tests := []struct {
		path       string
		tree, open string // "" inside, "link" or "outside"
	}{
		{path: "repo/infra/main.tf"},
		{path: "repo/modules/m/main.tf"}, // ../modules of a linted folder: same repository
		{path: "repo/infra/in.tf"},
		{path: "repo/infra/creds.auto.tfvars", tree: "link"},
		{path: "repo/infra/env.tf", tree: "link", open: "link"},
		{path: "secret", tree: "outside"},
		{path: "plain/main.tf", tree: "outside"},
		{path: "repo/infra/missing.tf"},
	}
	for _, tt := range tests {
		for _, c := range []struct {
			tree *Tree
			want string
		}{{tree, tt.tree}, {open, tt.open}} {
			err := c.tree.Check(filepath.Join(base, tt.path))
			var oe *OutsideError
			got := ""
			if errors.As(err, &oe) {
				got = "outside"
				if oe.Link {
					got = "link"
				}
			} else if err != nil {
				t.Fatal(err)
			}
			if got != c.want {
				t.Errorf("Check(%s) open=%v = %q (%v), want %q", tt.path, c.tree.open, got, err, c.want)
			}
		}
	}
	if b, err := tree.ReadFile(filepath.Join(repo, "infra", "creds.auto.tfvars"), 1<<20); err == nil || strings.Contains(err.Error(), "TOKEN") {
		t.Errorf("read through a link out of the tree: %q, %v", b, err)
	}
	wider := tree.With(plain)
	if _, err := wider.ReadFile(filepath.Join(plain, "main.tf"), 10); err != nil {
		t.Errorf("With(plain): %v", err)
	}
	st, _ := os.Stat(filepath.Join(plain, "main.tf"))
	if !tree.WasRead(st) {
		t.Error("a read through With is not recorded in the tree it widens")
	}
}

func TestWrite(t *testing.T) {
	base := t.TempDir()
	repo := filepath.Join(base, "repo")
	outside := filepath.Join(base, "outside")
	mustWrite(t, filepath.Join(repo, ".git", "HEAD"), "ref")
	mustWrite(t, filepath.Join(repo, "main.tf"), "input")
	mustWrite(t, filepath.Join(outside, "victim"), "precious")
	mustLink(t, filepath.Join(outside, "victim"), filepath.Join(repo, "report.sarif"))
	mustLink(t, outside, filepath.Join(repo, "reports"))
	if err := syscall.Mkfifo(filepath.Join(base, "fifo"), 0o644); err != nil {
		t.Fatal(err)
	}
	tree := NewTree([]string{repo}, false)
	if _, err := tree.ReadFile(filepath.Join(repo, "main.tf"), 100); err != nil {
		t.Fatal(err)
	}
	fill := func(w io.Writer) error { _, err := io.WriteString(w, "REPORT"); return err }

	tests := []struct {
		name, path string
		wantErr    string
	}{
		{name: "new file and folders", path: "repo/out/a/r.json"},
		{name: "replace", path: "repo/out/a/r.json"},
		{name: "link as the file", path: "repo/report.sarif", wantErr: "symbolic link"},
		{name: "link among the folders", path: "repo/reports/victim", wantErr: "symbolic link"},
		{name: "input", path: "repo/main.tf", wantErr: "input of this run"},
		{name: "folder", path: "repo/out", wantErr: "folder"},
		{name: "device", path: "/dev/null"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := tt.path
			if !filepath.IsAbs(p) {
				p = filepath.Join(base, p)
			}
			err := Write(p, fill, WriteOptions{Tree: tree})
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if st, _ := os.Lstat(p); st.Mode().IsRegular() {
				if b, _ := os.ReadFile(p); string(b) != "REPORT" {
					t.Errorf("wrote %q", b)
				}
			} else if st.Mode()&os.ModeCharDevice == 0 {
				t.Errorf("%s is no longer a device: %v", p, st.Mode())
			}
		})
	}
	if b, _ := os.ReadFile(filepath.Join(outside, "victim")); string(b) != "precious" {
		t.Errorf("the file outside the tree was overwritten: %q", b)
	}
	if b, _ := os.ReadFile(filepath.Join(repo, "main.tf")); string(b) != "input" {
		t.Errorf("the input was overwritten: %q", b)
	}
	left, _ := filepath.Glob(filepath.Join(repo, "out", "a", ".*tmp*"))
	if len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}

	// A FIFO the user names is written through, not replaced.
	got := make(chan string)
	go func() {
		f, err := os.Open(filepath.Join(base, "fifo"))
		if err != nil {
			got <- err.Error()
			return
		}
		b, _ := io.ReadAll(f)
		f.Close()
		got <- string(b)
	}()
	if err := Write(filepath.Join(base, "fifo"), fill, WriteOptions{Tree: tree}); err != nil {
		t.Fatal(err)
	}
	if s := <-got; s != "REPORT" {
		t.Errorf("FIFO read %q", s)
	}
	if st, _ := os.Lstat(filepath.Join(base, "fifo")); st.Mode()&os.ModeNamedPipe == 0 {
		t.Error("the FIFO was replaced")
	}
}
