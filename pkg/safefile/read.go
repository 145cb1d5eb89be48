// Package safefile reads and writes files for a run over code nobody vouches
// for. Reads are bounded in size, refuse anything but regular files (a link to
// /dev/zero, a FIFO) and, for what the inputs name, stay inside the tree.
// Writes go to a temporary file in the destination folder and are renamed into
// place: never through a symbolic link, never onto a file the run read.
package safefile

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
)

// ErrNotRegular refuses devices, FIFOs, sockets and folders: reading
// /dev/zero never ends and an unopened FIFO blocks forever.
var ErrNotRegular = errors.New("not a regular file")

// TooLargeError refuses a file over the size limit without reading it.
type TooLargeError struct{ Size, Max int64 }

func (e *TooLargeError) Error() string {
	return fmt.Sprintf("%d bytes is over the limit of %d bytes", e.Size, e.Max)
}

// OutsideError refuses a path the inputs name that lies outside the tree.
type OutsideError struct {
	Path string
	// Link is true when the path is inside the tree by name but a symbolic
	// link leads it out.
	Link bool
}

func (e *OutsideError) Error() string {
	if e.Link {
		return fmt.Sprintf("%s is a symbolic link that leads outside the tree being linted; not read", filepath.Base(e.Path))
	}
	return fmt.Sprintf("%s is outside the tree being linted; not read", e.Path)
}

// Open opens a regular file for reading, never blocking: the type is checked
// before opening (a FIFO or /dev/zero is refused without being opened) and
// again on the opened file. The caller bounds how much it reads.
func Open(path string) (*os.File, os.FileInfo, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, nil, err
	}
	if err := regular(st, 0); err != nil {
		return nil, nil, err
	}
	f, err := os.OpenFile(path, os.O_RDONLY|openFlags, 0)
	if err != nil {
		return nil, nil, err
	}
	ost, err := f.Stat()
	if err == nil && !os.SameFile(st, ost) { // replaced between the two looks
		err = fmt.Errorf("%s: changed while being opened; not read", path)
	}
	if err == nil {
		err = regular(ost, 0)
	}
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	return f, ost, nil
}

// ReadFile reads a regular file of at most max bytes (max <= 0: no limit),
// without ever opening a device or a FIFO (see Open).
func ReadFile(path string, max int64) ([]byte, error) {
	f, st, err := Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if max > 0 && st.Size() > max {
		return nil, &TooLargeError{Size: st.Size(), Max: max}
	}
	r := io.Reader(f)
	if max > 0 {
		r = io.LimitReader(f, max+1) // a file that grows after Stat
	}
	b, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	if max > 0 && int64(len(b)) > max {
		return nil, &TooLargeError{Size: int64(len(b)), Max: max}
	}
	return b, nil
}

func regular(st os.FileInfo, max int64) error {
	if !st.Mode().IsRegular() {
		return fmt.Errorf("%w (%s)", ErrNotRegular, kind(st.Mode()))
	}
	if max > 0 && st.Size() > max {
		return &TooLargeError{Size: st.Size(), Max: max}
	}
	return nil
}

func kind(m os.FileMode) string {
	switch {
	case m.IsDir():
		return "a folder"
	case m&os.ModeNamedPipe != 0:
		return "a FIFO"
	case m&os.ModeCharDevice != 0:
		return "a character device"
	case m&os.ModeDevice != 0:
		return "a device"
	case m&os.ModeSocket != 0:
		return "a socket"
	}
	return "not a regular file"
}

// Tree is the boundary of what inputs may name, and the record of every file a
// run read (so that a report is never written over one of them). A nil *Tree
// has no boundary and records nothing.
//
// The tree is the union of one folder per linted path: the top level of the
// git repository holding it (the nearest folder above it with a .git entry),
// or, outside a repository, the path itself (a file's folder). Pseudo-file
// systems (/proc, /sys, /dev) are outside whatever the roots.
type Tree struct {
	roots []root
	open  bool // --allow-outside-root: every path is inside
	// parent is the tree this one widens (With); reads are recorded there.
	parent *Tree

	mu   sync.Mutex
	read []os.FileInfo
}

type root struct{ abs, real string }

// NewTree returns the tree holding paths; open widens it to everything but
// the pseudo-file systems.
func NewTree(paths []string, open bool) *Tree {
	t := &Tree{open: open}
	for _, p := range paths {
		t.add(TopLevel(p))
	}
	return t
}

// With returns a tree with extra roots (folders the user named on the command
// line), sharing t's record of reads.
func (t *Tree) With(dirs ...string) *Tree {
	if t == nil {
		return nil
	}
	n := &Tree{open: t.open, roots: append([]root(nil), t.roots...)}
	n.parent = t
	for _, d := range dirs {
		n.add(d)
	}
	return n
}

func (t *Tree) add(dir string) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return
	}
	t.roots = append(t.roots, root{abs: abs, real: resolve(abs)})
}

// Roots returns the tree's folders (absolute, links resolved).
func (t *Tree) Roots() []string {
	if t == nil {
		return nil
	}
	out := make([]string, len(t.roots))
	for i, r := range t.roots {
		out[i] = r.real
	}
	return out
}

// TopLevel returns the folder a linted path contributes to the tree: the git
// top level above it, else the path itself (a file's folder). A file is placed
// by the folder it is named in, not by where a link leads: a committed link
// that CI lints by name (git diff --name-only) must not widen the tree to its
// target. A folder named through a link is the user's choice and is followed.
func TopLevel(p string) string {
	abs, err := filepath.Abs(p)
	if err != nil {
		return p
	}
	if st, err := os.Stat(abs); err != nil || !st.IsDir() {
		abs = filepath.Dir(abs)
	}
	abs = resolve(abs)
	for d := abs; ; {
		if _, err := os.Lstat(filepath.Join(d, ".git")); err == nil {
			return d
		}
		up := filepath.Dir(d)
		if up == d {
			return abs
		}
		d = up
	}
}

// resolve follows the links of the longest existing prefix of abs, so a file
// not created yet is judged by its folder.
func resolve(abs string) string {
	if r, err := filepath.EvalSymlinks(abs); err == nil {
		return r
	}
	dir, base := filepath.Split(abs)
	dir = filepath.Clean(dir)
	if dir == abs {
		return abs
	}
	return filepath.Join(resolve(dir), base)
}

// Within reports whether p is root or below it (both cleaned, absolute).
func Within(root, p string) bool {
	rel, err := filepath.Rel(root, p)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

var pseudo = []string{"/proc", "/sys", "/dev"}

// Check returns an *OutsideError when the inputs may not name path: it, or
// where its links lead, is outside the tree.
func (t *Tree) Check(path string) error {
	if t == nil {
		return nil
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return err
	}
	real := resolve(abs)
	for _, p := range pseudo {
		if Within(p, real) {
			return &OutsideError{Path: path, Link: real != abs && t.lexicallyInside(abs)}
		}
	}
	if t.open {
		return nil
	}
	for _, r := range t.roots {
		if Within(r.real, real) {
			return nil
		}
	}
	return &OutsideError{Path: path, Link: t.lexicallyInside(abs)}
}

func (t *Tree) lexicallyInside(abs string) bool {
	for _, r := range t.roots {
		if Within(r.abs, abs) || Within(r.real, abs) {
			return true
		}
	}
	return false
}

// ReadFile reads a file the inputs name: inside the tree, regular, at most max
// bytes.
func (t *Tree) ReadFile(path string, max int64) ([]byte, error) {
	if err := t.Check(path); err != nil {
		return nil, err
	}
	return t.ReadAny(path, max)
}

// ReadAny reads a file the user named on the command line (anywhere, but
// regular and at most max bytes) and records it as read.
func (t *Tree) ReadAny(path string, max int64) ([]byte, error) {
	b, err := ReadFile(path, max)
	if err == nil {
		t.record(path)
	}
	return b, err
}

func (t *Tree) record(path string) {
	if t == nil {
		return
	}
	for t.parent != nil {
		t = t.parent
	}
	st, err := os.Stat(path)
	if err != nil {
		return
	}
	t.mu.Lock()
	t.read = append(t.read, st)
	t.mu.Unlock()
}

// Record notes a file the run read by other means (a folder listing is not
// needed: only files a report could overwrite matter).
func (t *Tree) Record(path string) { t.record(path) }

// WasRead reports whether st is a file the run read.
func (t *Tree) WasRead(st os.FileInfo) bool {
	if t == nil {
		return false
	}
	for t.parent != nil {
		t = t.parent
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	for _, r := range t.read {
		if os.SameFile(r, st) {
			return true
		}
	}
	return false
}
