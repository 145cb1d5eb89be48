package output

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"path/filepath"
	"strings"

	"github.com/lattice-lint/lattice-lint/pkg/safefile"
)

// ReadFromDir returns an Options.ReadFile that reads report paths below root
// (absolute paths as they are), through the tree holding root
// (safefile.Tree): a file a symbolic link leads out of the tree, a device or
// a FIFO is never read for a snippet. Files over 10 MiB are not read.
func ReadFromDir(root string) func(string) ([]byte, error) {
	return ReadFromDirLimit(root, 10<<20)
}

// ReadFromDirLimit is ReadFromDir refusing files larger than max bytes: a file
// the parser refused for its size is not read whole just to print one line.
func ReadFromDirLimit(root string, max int64) func(string) ([]byte, error) {
	tree := safefile.NewTree([]string{root}, false)
	return func(p string) ([]byte, error) {
		native := filepath.FromSlash(p)
		if !filepath.IsAbs(native) {
			native = filepath.Join(root, native)
		}
		b, err := tree.ReadFile(native, max)
		var tl *safefile.TooLargeError
		if errors.As(err, &tl) {
			return nil, fmt.Errorf("%s: larger than %d bytes; not read for a snippet", p, max)
		}
		return b, err
	}
}

// ReadFromFS returns an Options.ReadFile that reads report paths from fsys.
// fs.FS forbids ".." and absolute names, so such files get no snippet.
func ReadFromFS(fsys fs.FS) func(string) ([]byte, error) {
	return func(p string) ([]byte, error) {
		return fs.ReadFile(fsys, path.Clean(p))
	}
}

// sourceCache reads each file once per Write and remembers failures, so a
// missing file costs one attempt however many findings point into it.
type sourceCache struct {
	read  func(string) ([]byte, error)
	lines map[string][]string // nil value: unreadable
}

func newSourceCache(read func(string) ([]byte, error)) *sourceCache {
	return &sourceCache{read: read, lines: map[string][]string{}}
}

// line returns line n (1-based) of file without its line terminator; ok is
// false when there is no reader, the file cannot be read or n is out of range.
func (c *sourceCache) line(file string, n int) (string, bool) {
	if c == nil || c.read == nil || file == "" || n < 1 {
		return "", false
	}
	ls, seen := c.lines[file]
	if !seen {
		if data, err := c.read(file); err == nil {
			text := strings.TrimPrefix(string(data), "\ufeff")
			ls = strings.Split(text, "\n")
		}
		c.lines[file] = ls
	}
	if n > len(ls) {
		return "", false
	}
	return strings.TrimSuffix(ls[n-1], "\r"), true
}
