package config

import (
	"errors"
	"path"
	"path/filepath"
	"strings"
)

// Ignored reports whether the configuration's ignore_paths exclude p (a file
// or folder, absolute or relative to the working directory). A pattern that
// matches a folder excludes everything below it.
func (c *Config) Ignored(p string) bool {
	if c == nil || len(c.IgnorePaths) == 0 {
		return false
	}
	abs, err := filepath.Abs(p)
	if err != nil {
		return false
	}
	rel, err := filepath.Rel(c.dir, abs)
	if err != nil || rel == "." || strings.HasPrefix(rel, "..") {
		return false
	}
	segs := strings.Split(filepath.ToSlash(rel), "/")
	for _, g := range c.IgnorePaths {
		pat := strings.Split(strings.Trim(path.Clean("/"+g), "/"), "/")
		for n := 1; n <= len(segs); n++ { // the path or one of its folders
			if matchSegments(pat, segs[:n]) {
				return true
			}
		}
	}
	return false
}

// matchSegments matches path segments against pattern segments, where "**"
// stands for any number of segments (none included).
func matchSegments(pat, segs []string) bool {
	if len(pat) == 0 {
		return len(segs) == 0
	}
	if pat[0] == "**" {
		for i := 0; i <= len(segs); i++ {
			if matchSegments(pat[1:], segs[i:]) {
				return true
			}
		}
		return false
	}
	if len(segs) == 0 {
		return false
	}
	ok, err := path.Match(pat[0], segs[0])
	return err == nil && ok && matchSegments(pat[1:], segs[1:])
}

// checkGlob rejects patterns path.Match cannot read.
func checkGlob(g string) error {
	if strings.TrimSpace(g) == "" {
		return errors.New("empty pattern")
	}
	for _, seg := range strings.Split(g, "/") {
		if _, err := path.Match(seg, ""); err != nil {
			return err
		}
	}
	return nil
}
