package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/lattice-lint/lattice-lint/pkg/finding"
	"github.com/lattice-lint/lattice-lint/pkg/gitrev"
	"github.com/lattice-lint/lattice-lint/pkg/lint"
)

// changedFiles is --changed-files: the files a pull request touches, as CI
// lists them. Each value may hold several paths, one per line or separated
// by commas, so `--changed-files "$(git diff --name-only origin/main...)"`
// works as it is.
type changedFiles []string

func (c *changedFiles) String() string { return strings.Join(*c, ",") }

func (c *changedFiles) Set(v string) error {
	for _, p := range strings.FieldsFunc(v, func(r rune) bool { return r == ',' || r == '\n' || r == '\r' }) {
		if p = strings.TrimSpace(p); p != "" {
			*c = append(*c, p)
		}
	}
	return nil
}

// applyChangedFiles keeps the findings a change is answerable for: those
// located in one of the changed files or about an entity declared in one. The
// whole topology was linted as context, so a finding in a changed file that
// an unchanged file's relation causes is kept, and one elsewhere is dropped
// (counted on stderr). Input diagnostics are all kept: unread input weakens
// every finding, changed or not.
func applyChangedFiles(ctx context.Context, files changedFiles, res *lint.Result, stderr io.Writer) {
	changed := map[string]bool{}
	wd, _ := os.Getwd()
	top, _ := gitrev.Toplevel(ctx, wd) // git lists paths from the repository's top
	for _, f := range files {
		for _, abs := range candidates(f, wd, top) {
			changed[abs] = true
		}
	}
	rep := res.Report
	in := func(file string) bool {
		if file == "" {
			return false
		}
		if !filepath.IsAbs(file) {
			file = filepath.Join(rep.Root, file)
		}
		return changed[canonical(file)]
	}
	kept := rep.Findings[:0]
	dropped := 0
	for _, f := range rep.Findings {
		if in(f.Range.File) || in(declaredIn(res, f)) {
			kept = append(kept, f)
		} else {
			dropped++
		}
	}
	rep.Findings = kept
	fmt.Fprintf(stderr, "lattice-lint: --changed-files: %d finding(s) in or about the %d changed file(s); %d elsewhere not reported\n",
		len(kept), len(files), dropped)
}

// candidates are the absolute paths a listed file may mean: from the working
// folder, and from the repository's top as git prints them.
func candidates(f, wd, top string) []string {
	if filepath.IsAbs(f) {
		return []string{canonical(f)}
	}
	out := []string{canonical(filepath.Join(wd, f))}
	if top != "" {
		out = append(out, canonical(filepath.Join(top, f)))
	}
	return out
}

// canonical resolves symbolic links where the path exists, so /tmp and
// /private/tmp, or a linked checkout, compare equal.
func canonical(p string) string {
	p = filepath.Clean(p)
	if r, err := filepath.EvalSymlinks(p); err == nil {
		return r
	}
	return p
}

func declaredIn(res *lint.Result, f finding.Finding) string {
	if e := entityOf(res.Model, f.Entity); e != nil {
		return e.Base().Range.File
	}
	return ""
}
