package terraform

import (
	"path/filepath"
	"sort"
)

// chooseRoots keeps, among the folders discovery found, those no other folder
// calls as a local module: the rest are modules, read through their callers.
// It reads the module calls from the files preParse already parsed, so every
// file is parsed once per run.
func (l *loader) chooseRoots(dirs []string) []string {
	called := map[string]bool{}
	calls := map[string][]string{}
	set := make(map[string]bool, len(dirs))
	for _, dir := range dirs {
		set[dir] = true
		files, _ := tfFiles(dir)
		for _, path := range files {
			pf := l.parseFile(path)
			if pf.file == nil {
				continue
			}
			for _, src := range moduleSources(pf.file.Body) {
				if !isLocalSource(src) {
					continue
				}
				if target := filepath.Clean(filepath.Join(dir, filepath.FromSlash(src))); target != dir {
					called[target] = true
					calls[dir] = append(calls[dir], target)
				}
			}
		}
	}
	var roots []string
	for _, dir := range dirs {
		if !called[dir] {
			roots = append(roots, dir)
		}
	}
	sort.Strings(roots)
	return withCycles(roots, set, calls)
}

// withCycles adds to roots the folders no root reaches through module calls:
// folders that only call each other in a cycle would otherwise all count as
// modules and pass silently unread. Each such cycle is read from its first
// folder in name order; module expansion then reports the recursion.
func withCycles(roots []string, dirs map[string]bool, calls map[string][]string) []string {
	reached := map[string]bool{}
	var walk func(string)
	walk = func(d string) {
		if reached[d] {
			return
		}
		reached[d] = true
		for _, c := range calls[d] {
			walk(c)
		}
	}
	for _, r := range roots {
		walk(r)
	}
	rest := make([]string, 0, len(dirs))
	for d := range dirs {
		if !reached[d] {
			rest = append(rest, d)
		}
	}
	sort.Strings(rest)
	for _, d := range rest {
		if !reached[d] {
			roots = append(roots, d)
			walk(d)
		}
	}
	sort.Strings(roots)
	return roots
}
