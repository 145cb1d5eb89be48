// Package gitrev reads what a pull-request check needs from git: the tree of a
// revision, written to a temporary folder without touching the checkout, and
// the lines a change added or modified (a zero-context diff).
package gitrev

import (
	"archive/tar"
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strconv"
	"strings"
)

// Limits of an exported tree: a revision is read from a repository nobody
// vouches for.
const (
	maxFiles     = 200000
	maxTotalSize = 2 << 30
)

// Toplevel is the root of the git work tree holding dir.
func Toplevel(ctx context.Context, dir string) (string, error) {
	out, err := git(ctx, dir, "rev-parse", "--show-toplevel")
	if err != nil {
		return "", err
	}
	return filepath.Clean(strings.TrimSpace(string(out))), nil
}

// Export writes the tree of rev (any revision git understands) under dest,
// which must exist. Only folders and regular files are written; symbolic
// links and submodules are left out, so nothing in the revision can make a
// later read leave dest. dest gets an empty .git folder: readers that bound
// what inputs may name to the repository holding them (package safefile)
// then treat dest as the repository, as the checkout is.
func Export(ctx context.Context, repo, rev, dest string) error {
	if strings.HasPrefix(rev, "-") {
		return fmt.Errorf("revision %q: must not start with -", rev)
	}
	if _, err := git(ctx, repo, "rev-parse", "--verify", "--quiet", rev+"^{tree}"); err != nil {
		return fmt.Errorf("revision %q: not found in %s", rev, repo)
	}
	cmd := exec.CommandContext(ctx, "git", "-C", repo, "archive", "--format=tar", rev)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		return err
	}
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("git archive: %w", err)
	}
	xerr := extract(tar.NewReader(out), dest)
	if xerr != nil {
		_ = cmd.Process.Kill()
	}
	_, _ = io.Copy(io.Discard, out)
	werr := cmd.Wait()
	if xerr != nil {
		return xerr
	}
	if werr != nil {
		return fmt.Errorf("git archive %s: %w: %s", rev, werr, strings.TrimSpace(stderr.String()))
	}
	return os.MkdirAll(filepath.Join(dest, ".git"), 0o755)
}

func extract(tr *tar.Reader, dest string) error {
	var files int
	var total int64
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("git archive: %w", err)
		}
		name := path.Clean(h.Name)
		if name == "." || path.IsAbs(name) || name == ".." || strings.HasPrefix(name, "../") {
			continue
		}
		target := filepath.Join(dest, filepath.FromSlash(name))
		switch h.Typeflag {
		case tar.TypeDir:
			if err := os.MkdirAll(target, 0o755); err != nil {
				return err
			}
		case tar.TypeReg:
			files++
			total += h.Size
			if files > maxFiles || total > maxTotalSize {
				return fmt.Errorf("git archive: the revision holds more than %d files or %d bytes", maxFiles, int64(maxTotalSize))
			}
			if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
				return err
			}
			f, err := os.OpenFile(target, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o644)
			if err != nil {
				return err
			}
			_, err = io.Copy(f, io.LimitReader(tr, h.Size))
			if cerr := f.Close(); err == nil {
				err = cerr
			}
			if err != nil {
				return err
			}
		}
	}
}

// Lines are the added or modified lines of one file, as inclusive ranges.
type Lines [][2]int

// Overlaps reports whether [start, end] meets any of the lines.
func (l Lines) Overlaps(start, end int) bool {
	if end < start {
		end = start
	}
	for _, r := range l {
		if start <= r[1] && r[0] <= end {
			return true
		}
	}
	return false
}

// ChangedLines compares the work tree with rev (a zero-context diff) and
// returns, per file (slash path relative to the repository root), the lines
// added or modified. Deleted lines mark nothing: what they declared is gone.
func ChangedLines(ctx context.Context, repo, rev string) (map[string]Lines, error) {
	if strings.HasPrefix(rev, "-") {
		return nil, fmt.Errorf("revision %q: must not start with -", rev)
	}
	out, err := git(ctx, repo, "diff", "-U0", "--no-color", "--no-ext-diff", "--no-renames", rev, "--")
	if err != nil {
		return nil, err
	}
	return parseDiff(out)
}

func parseDiff(diff []byte) (map[string]Lines, error) {
	changed := map[string]Lines{}
	file := ""
	sc := bufio.NewScanner(bytes.NewReader(diff))
	sc.Buffer(make([]byte, 64<<10), 16<<20)
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "+++ "):
			file = ""
			if name, ok := strings.CutPrefix(line, "+++ b/"); ok {
				file = name
			}
		case strings.HasPrefix(line, "@@ ") && file != "":
			// @@ -a[,b] +c[,d] @@
			fields := strings.Fields(line)
			if len(fields) < 3 || !strings.HasPrefix(fields[2], "+") {
				return nil, fmt.Errorf("git diff: unexpected hunk header %q", line)
			}
			startS, countS, hasCount := strings.Cut(fields[2][1:], ",")
			start, err := strconv.Atoi(startS)
			if err != nil {
				return nil, fmt.Errorf("git diff: hunk header %q: %w", line, err)
			}
			count := 1
			if hasCount {
				if count, err = strconv.Atoi(countS); err != nil {
					return nil, fmt.Errorf("git diff: hunk header %q: %w", line, err)
				}
			}
			if count > 0 {
				changed[file] = append(changed[file], [2]int{start, start + count - 1})
			}
		}
	}
	return changed, sc.Err()
}

func git(ctx context.Context, dir string, args ...string) ([]byte, error) {
	cmd := exec.CommandContext(ctx, "git", append([]string{"-C", dir}, args...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("git %s: %w: %s", args[0], err, strings.TrimSpace(stderr.String()))
	}
	return out, nil
}
