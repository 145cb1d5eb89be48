package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/lattice-lint/lattice-lint/pkg/baseline"
	"github.com/lattice-lint/lattice-lint/pkg/fingerprint"
	"github.com/lattice-lint/lattice-lint/pkg/gitrev"
	"github.com/lattice-lint/lattice-lint/pkg/lint"
	"github.com/lattice-lint/lattice-lint/pkg/model"
	rpt "github.com/lattice-lint/lattice-lint/pkg/report"
)

// atRevision is a run over a git revision's tree, exported to a temporary
// folder (the checkout is not touched).
type atRevision struct {
	res  *lint.Result
	root string // the base run's report root: the head root's place in the export
	rev  string
	repo string // the repository's top level
	dir  string // the export, removed by close
	rel  string // the report root relative to repo, slash-separated ("." at the top)
}

func (a *atRevision) close() { os.RemoveAll(a.dir) }

// runAt lints rev the way opts lints the work tree: the same paths and root,
// mapped into an export of rev. A path that does not exist at rev is left out
// (the change adds it); with none left, the base is empty.
func runAt(ctx context.Context, rev string, opts lint.Options) (*atRevision, error) {
	headRoot := opts.Root
	if headRoot == "" {
		wd, err := os.Getwd()
		if err != nil {
			return nil, err
		}
		headRoot = wd
	}
	repo, err := gitrev.Toplevel(ctx, headRoot)
	if err != nil {
		return nil, fmt.Errorf("--since needs a git repository: %w", err)
	}
	repo, _ = filepath.EvalSymlinks(repo)
	headRoot, _ = filepath.EvalSymlinks(headRoot)
	rel, err := filepath.Rel(repo, headRoot)
	if err != nil || strings.HasPrefix(rel, "..") {
		return nil, fmt.Errorf("--since: the report root %s is outside the repository %s", headRoot, repo)
	}
	dir, err := os.MkdirTemp("", "lattice-lint-since-")
	if err != nil {
		return nil, err
	}
	a := &atRevision{root: filepath.Join(dir, rel), rev: rev, repo: repo, dir: dir, rel: filepath.ToSlash(rel)}
	if err := gitrev.Export(ctx, repo, rev, dir); err != nil {
		a.close()
		return nil, fmt.Errorf("--since: %w", err)
	}
	if err := os.MkdirAll(a.root, 0o755); err != nil {
		a.close()
		return nil, err
	}
	paths := opts.Settings.Paths
	if len(paths) == 0 {
		paths = []string{"."}
	}
	var mapped []string
	for _, p := range paths {
		abs, err := filepath.Abs(p)
		if err != nil {
			continue
		}
		if r, err := filepath.EvalSymlinks(abs); err == nil {
			abs = r
		}
		inRepo, err := filepath.Rel(repo, abs)
		if err != nil || strings.HasPrefix(inRepo, "..") {
			a.close()
			return nil, fmt.Errorf("--since: %s is outside the repository %s", p, repo)
		}
		if _, err := os.Stat(filepath.Join(dir, inRepo)); err == nil {
			mapped = append(mapped, filepath.Join(dir, inRepo))
		}
	}
	base := opts
	base.Root = a.root
	base.Settings.Paths = mapped
	if len(mapped) == 0 {
		a.res = &lint.Result{Report: &rpt.Report{Root: a.root}}
		return a, nil
	}
	if a.res, err = lint.Run(ctx, base); err != nil {
		a.close()
		return nil, fmt.Errorf("--since %s: %w", rev, err)
	}
	return a, nil
}

// applySince keeps only the findings new since the base run (matched by
// fingerprint: the others move to the suppressed findings, as a baseline
// does) and writes what changed on stderr: the new findings, those on an
// entity whose declaration overlaps a line the change added or modified, and
// the findings the change fixed.
func applySince(ctx context.Context, base *atRevision, res *lint.Result, stderr io.Writer) error {
	rep := res.Report
	b := baseline.Build(base.res.Report.Findings, base.root)
	if err := baseline.Apply(rep, b, "revision "+base.rev); err != nil {
		return err
	}
	lines, err := gitrev.ChangedLines(ctx, base.repo, base.rev)
	if err != nil {
		return fmt.Errorf("--since: %w", err)
	}
	var onChanged []string
	for _, f := range rep.Findings {
		rng := f.Range
		if e := entityOf(res.Model, f.Entity); e != nil {
			rng = e.Base().Range
		}
		if rng.File == "" {
			continue
		}
		file := path.Join(base.rel, rng.File) // the diff names files from the repository's top
		if lines[file].Overlaps(rng.Start.Line, rng.End.Line) {
			onChanged = append(onChanged, fmt.Sprintf("%s: %s[%s]: %s", f.Range, f.Severity, f.RuleID, f.Message))
		}
	}
	head := map[string]bool{}
	for _, f := range rep.Findings {
		head[fingerprint.Of(f, rep.Root)] = true
	}
	for _, s := range rep.Suppressed {
		head[fingerprint.Of(s.Finding, rep.Root)] = true
	}
	var fixed []string
	for _, f := range base.res.Report.Findings {
		if !head[fingerprint.Of(f, base.root)] {
			fixed = append(fixed, fmt.Sprintf("%s (at %s): %s[%s]: %s", f.Range, base.rev, f.Severity, f.RuleID, f.Message))
		}
	}
	fmt.Fprintf(stderr, "lattice-lint: since %s: %d new finding(s), %d on lines the change added or modified; %d known; %d fixed\n",
		base.rev, len(rep.Findings), len(onChanged), rep.Baseline.Hidden, len(fixed))
	for _, l := range onChanged {
		fmt.Fprintln(stderr, "  new, on a changed declaration:", l)
	}
	for _, l := range fixed {
		fmt.Fprintln(stderr, "  fixed:", l)
	}
	return nil
}

func entityOf(m *model.Model, id string) model.Entity {
	if m == nil || id == "" {
		return nil
	}
	return m.Get(id)
}
