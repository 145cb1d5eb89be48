package safefile

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// WriteOptions say what a write must not touch.
type WriteOptions struct {
	// Tree holds the folders someone else may control (the linted repository)
	// and the record of files the run read: a symbolic link at or below a
	// root on the way to the file is refused, and so is a file the run read.
	Tree *Tree
	// Guard adds folders to refuse links in (the working directory).
	Guard []string
}

// ErrLink refuses to write through a symbolic link.
var ErrLink = errors.New("is a symbolic link; not written through (remove it or name another file)")

// Write writes the file at path with fill. A character device or FIFO the
// user names (-o /dev/stdout, -o /dev/null) is written through; anything else
// is written to a temporary file in the destination folder and renamed over
// path, so a reader never sees half a report and two runs never interleave.
// Missing folders are created. It refuses a symbolic link as the file (but for
// /dev and /proc aliases of devices), a symbolic link among the folders inside
// the tree or the guarded folders, a folder, other special files, and a file
// the run read.
func Write(path string, fill func(io.Writer) error, opts WriteOptions) error {
	abs, err := filepath.Abs(path)
	if err != nil {
		return err
	}
	if st, err := os.Lstat(abs); err == nil {
		through, err := existing(abs, st, opts)
		if err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		if through {
			return writeThrough(abs, fill)
		}
	} else if !errors.Is(err, os.ErrNotExist) {
		return err
	}
	dir := filepath.Dir(abs)
	if err := linkedFolders(dir, opts); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(abs)+".tmp-*")
	if err != nil {
		return err
	}
	done := false
	defer func() {
		if !done {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if err := fill(tmp); err != nil {
		return err
	}
	if err := tmp.Chmod(0o644); err != nil {
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), abs); err != nil {
		return err
	}
	done = true
	return nil
}

// existing decides about a path that exists: through is true for a device
// or FIFO the user named.
func existing(abs string, st os.FileInfo, opts WriteOptions) (through bool, err error) {
	m := st.Mode()
	switch {
	case m&os.ModeSymlink != 0:
		target, err := os.Stat(abs)
		if err == nil && isStream(target.Mode()) && (Within("/dev", abs) || Within("/proc", abs)) {
			return true, nil // /dev/stdout, /dev/fd/3, /proc/self/fd/1
		}
		return false, ErrLink
	case isStream(m):
		return true, nil
	case m.IsDir():
		return false, errors.New("is a folder")
	case !m.IsRegular():
		return false, fmt.Errorf("%w (%s); not written", ErrNotRegular, kind(m))
	case opts.Tree.WasRead(st):
		return false, errors.New("is an input of this run; not overwritten")
	}
	return false, nil
}

func isStream(m os.FileMode) bool {
	return m&os.ModeCharDevice != 0 || m&os.ModeNamedPipe != 0
}

func writeThrough(abs string, fill func(io.Writer) error) error {
	f, err := os.OpenFile(abs, os.O_WRONLY, 0)
	if err != nil {
		return err
	}
	if err := fill(f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// linkedFolders refuses a symbolic link among the existing folders of dir
// that lie inside the tree or a guarded folder: a committed `reports -> /etc`
// would otherwise carry the report out. Links above them (a /tmp that is a
// link, a home folder on another volume) belong to the machine.
func linkedFolders(dir string, opts WriteOptions) error {
	var guards []string
	if opts.Tree != nil {
		for _, r := range opts.Tree.roots {
			guards = append(guards, r.abs, r.real)
		}
	}
	for _, g := range opts.Guard {
		if a, err := filepath.Abs(g); err == nil {
			guards = append(guards, a, resolve(a))
		}
	}
	for d := dir; ; d = filepath.Dir(d) {
		st, err := os.Lstat(d)
		if err == nil && st.Mode()&os.ModeSymlink != 0 {
			for _, g := range guards {
				if Within(g, d) && d != g {
					return fmt.Errorf("folder %s %w", d, ErrLink)
				}
			}
		}
		if filepath.Dir(d) == d {
			return nil
		}
	}
}
