package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"

	"github.com/lattice-lint/lattice-lint/pkg/diagram"
	"github.com/lattice-lint/lattice-lint/pkg/finding"
	"github.com/lattice-lint/lattice-lint/pkg/lint"
	"github.com/lattice-lint/lattice-lint/pkg/output"
	"github.com/lattice-lint/lattice-lint/pkg/reach"
	"github.com/lattice-lint/lattice-lint/pkg/safefile"
	"github.com/lattice-lint/lattice-lint/pkg/topodiff"
)

// renderHelper is the program that lays out DOT (cmd/lattice-lint-render).
// lattice-lint does not link Graphviz itself: see docs/diagram.md.
const renderHelper = "lattice-lint-render"

// runDiagram draws the topology the inputs describe, with the lint findings.
// Exit codes: 0 written, 2 usage, input or rendering errors (input errors
// still produce a diagram of what could be read).
func runDiagram(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("diagram", flag.ContinueOnError)
	var in inputFlags
	in.register(fs)
	format := fs.String("format", "svg", "output format: svg, dot, png, mermaid, html or json")
	output := outputFlag(fs, "the diagram (with --split, the folder of diagrams)")
	detail := fs.String("detail", "service", "overview, service or full")
	focus := fs.String("focus", "", "draw only what is within --depth hops of this name, address or id")
	depth := fs.Int("depth", 1, "hops around --focus")
	onlyFindings := fs.Bool("only-findings", false, "draw only elements with findings, their neighbours and containers")
	split := fs.String("split", "", "service-network: one diagram per service network plus an index (needs --output DIR)")
	noFindings := fs.Bool("no-findings", false, "do not run the rules; draw the topology only")
	diffRev := fs.String("diff", "", "mark what was added or changed since this git revision (its tree is read from git); name what was removed")
	reachFrom := fs.String("reach", "", "colour what this client (a VPC or ServiceNetwork endpoint) reaches and mark where the rest is blocked")
	failOnChange := fs.Bool("fail-on-change", false, "exit 1 when the --output file is new or its content changed (a pre-commit hook then asks for the diagram to be reviewed and committed)")
	fenced := fs.Bool("fenced", false, "mermaid: wrap the diagram in a ```mermaid fence, ready to paste into Markdown")
	fs.Usage = usageFor("diagram", "diagram [flags] [PATH...]", fs, stderr)
	paths, code, done := parseCommand(fs, args, stderr)
	if done {
		return code
	}
	fail := func(format string, args ...any) int {
		// One prefix: package diagram's errors already start with "diagram: ".
		msg := strings.TrimPrefix(fmt.Sprintf(format, args...), "diagram: ")
		fmt.Fprintln(stderr, "lattice-lint: diagram: "+msg)
		return exitError
	}
	if *noFindings && !refuseRuleFlags("diagram --no-findings", fs, stderr) {
		return exitError
	}
	f, err := diagram.ParseFormat(*format)
	if err != nil {
		return fail("%v", err)
	}
	d, err := diagram.ParseDetail(*detail)
	if err != nil {
		return fail("%v", err)
	}
	if *split != "" && *split != "service-network" {
		return fail("--split %q: only service-network is supported", *split)
	}
	if *split != "" && *output == "" {
		return fail("--split writes several files: give --output DIR")
	}
	if *failOnChange && (*output == "" || *output == "-" || *split != "") {
		return fail("--fail-on-change compares with the file --output names: give one file")
	}
	if *fenced && f != diagram.FormatMermaid {
		return fail("--fenced is for --format mermaid")
	}
	if *depth < 0 {
		return fail("--depth must not be negative")
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	switch {
	case set["depth"] && *focus == "":
		return fail("--depth needs --focus")
	case *onlyFindings && *noFindings:
		return fail("--only-findings and --no-findings exclude each other")
	case *focus != "" && *split != "":
		return fail("--focus and --split do not combine: split first, then focus on one part")
	case *reachFrom != "" && (*noFindings || *split != ""):
		return fail("--reach needs the rules (no --no-findings) and one diagram (no --split)")
	}
	var lay diagram.Layouter
	if f.NeedsLayout() {
		if lay, err = findLayouter(); err != nil {
			return fail("%v", err)
		}
	}

	opts := in.options(paths)
	opts.SkipRules = *noFindings
	res, err := lint.Run(ctx, opts)
	if err != nil {
		return fail("%v", err)
	}
	for _, dg := range res.Report.Diagnostics {
		fmt.Fprintln(stderr, dg)
	}
	var findings []finding.Finding
	if !*noFindings {
		findings = res.Report.Findings
	}
	title := strings.Join(paths, " ")
	if title == "" {
		title = "."
	}
	dopts := diagram.Options{Title: title, Detail: d, Focus: *focus, OnlyFindings: *onlyFindings, NoFindings: *noFindings}
	if *focus != "" {
		dopts.Depth = *depth
	}

	code = exitOK
	if res.Report.Diagnostics.HasErrors() {
		code = exitError
	}
	if *split != "" {
		if err := writeSplit(ctx, res, findings, dopts, f, lay, *fenced, *output, stderr); err != nil {
			return fail("%v", err)
		}
		return code
	}
	g, err := diagram.Build(res.Model, findings, dopts)
	if err != nil {
		return fail("%v", err)
	}
	if *diffRev != "" {
		if err := markDiff(ctx, g, *diffRev, opts, res); err != nil {
			return fail("%v", err)
		}
	}
	if *reachFrom != "" {
		if err := markReach(ctx, g, *reachFrom, res); err != nil {
			return fail("--reach: %v", err)
		}
	}
	if *failOnChange {
		changed, err := writeIfChanged(ctx, res, g, f, lay, *fenced, *output)
		if err != nil {
			return fail("%v", err)
		}
		report(g, stderr)
		if changed != "" && code == exitOK {
			fmt.Fprintf(stderr, "lattice-lint: diagram: %s %s: review and commit it\n", *output, changed)
			code = exitFindings
		}
		return code
	}
	if err := writeDiagram(ctx, res, g, f, lay, *fenced, *output, stdout); err != nil {
		return fail("%v", err)
	}
	report(g, stderr)
	return code
}

// markDiff marks on g what changed since rev (diagram --diff).
func markDiff(ctx context.Context, g *diagram.Graph, rev string, opts lint.Options, head *lint.Result) error {
	opts.SkipRules = true
	at, err := runAt(ctx, rev, opts)
	if err != nil {
		return err
	}
	defer at.close()
	d, err := topodiff.Compare(at.res.Model, at.root, head.Model, head.Report.Root, rev)
	if err != nil {
		return err
	}
	var changes []diagram.Change
	var removed []string
	for _, a := range d.Accounts {
		for _, e := range a.Added {
			changes = append(changes, diagram.Change{Entity: e.ID, Added: true})
		}
		for _, c := range a.Changed {
			var what []string
			for _, ch := range c.Changes {
				what = append(what, ch.Attribute)
			}
			changes = append(changes, diagram.Change{Entity: c.ID, What: what})
		}
		for _, e := range a.Removed {
			removed = append(removed, e.Kind+" "+e.Address)
		}
	}
	g.MarkChanges(rev, changes, removed)
	return nil
}

// markReach marks on g what client reaches (diagram --reach): the services
// and the entities on their open paths, each entity that blocks a path with
// why, and the services whose answer is unknown.
func markReach(ctx context.Context, g *diagram.Graph, client string, res *lint.Result) error {
	from, err := reach.Resolve(res.Model, client, reach.ClientKinds)
	if err != nil {
		return err
	}
	a, err := reach.New(ctx, res.Engine, res.Model)
	if err != nil {
		return err
	}
	answers, err := a.From(ctx, from)
	if err != nil {
		return err
	}
	r := diagram.Reach{Client: a.Name(from), Blocked: map[string]string{}, Unknown: map[string]string{}, Total: len(answers)}
	for _, ans := range answers {
		switch ans.Verdict {
		case reach.Reachable:
			r.Services = append(r.Services, ans.ToID)
			for _, p := range ans.Paths {
				if p.Status() == "ok" {
					for _, h := range p.Hops {
						r.Reached = append(r.Reached, h.ID)
					}
				}
			}
		case reach.Unknown:
			if u := ans.Unknowns(); len(u) > 0 {
				r.Unknown[ans.ToID] = u[0].Step + ": " + u[0].Why
			}
		default:
			for _, b := range ans.BlockedBy {
				r.Blocked[b.ID] = b.Why
			}
		}
	}
	g.MarkReach(r)
	return nil
}

// report prints the notes and the left-out line on stderr, where they do not
// mix with a diagram written to stdout.
func report(g *diagram.Graph, stderr io.Writer) {
	for _, n := range g.Notes {
		fmt.Fprintln(stderr, "note:", n)
	}
	if lo := g.LeftOut(); lo != "" {
		fmt.Fprintln(stderr, lo)
	}
}

// writeDiagram renders g to path (stdout for "" or "-"); a file is written
// by writeFile: a failed render never leaves a truncated file where a good one was.
func writeDiagram(ctx context.Context, res *lint.Result, g *diagram.Graph, f diagram.Format, lay diagram.Layouter, fence bool,
	path string, stdout io.Writer) error {
	render := func(w io.Writer) error {
		if !fence {
			return diagram.Render(ctx, g, f, w, lay)
		}
		var buf bytes.Buffer
		if err := diagram.Render(ctx, g, f, &buf, lay); err != nil {
			return err
		}
		_, err := io.WriteString(w, output.Fence(string(f), buf.String()))
		return err
	}
	return emit(path, res.Tree, stdout, render)
}

// maxDiagramFile bounds the read of the diagram --fail-on-change compares with.
const maxDiagramFile = 256 << 20

// writeIfChanged renders the diagram and writes it to path unless the file
// already holds exactly that; it says what happened: "" (unchanged),
// "was written" (new) or "changed".
func writeIfChanged(ctx context.Context, res *lint.Result, g *diagram.Graph, f diagram.Format, lay diagram.Layouter,
	fence bool, path string) (string, error) {
	var buf bytes.Buffer
	if err := writeDiagram(ctx, res, g, f, lay, fence, "", &buf); err != nil {
		return "", err
	}
	old, err := safefile.ReadFile(path, maxDiagramFile)
	what := "changed"
	switch {
	case errors.Is(err, os.ErrNotExist):
		what = "was written"
	case err == nil && bytes.Equal(old, buf.Bytes()):
		return "", nil
	}
	if err := emit(path, res.Tree, nil, func(w io.Writer) error { _, err := w.Write(buf.Bytes()); return err }); err != nil {
		return "", err
	}
	return what, nil
}

func writeSplit(ctx context.Context, res *lint.Result, findings []finding.Finding, opts diagram.Options, f diagram.Format,
	lay diagram.Layouter, fence bool, dir string, stderr io.Writer) error {
	index, parts, err := diagram.SplitByServiceNetwork(res.Model, findings, opts, f.Ext())
	if err != nil {
		return err
	}
	for _, p := range parts {
		file := filepath.Join(dir, p.Slug+"."+f.Ext())
		if err := writeDiagram(ctx, res, p.Graph, f, lay, fence, file, nil); err != nil {
			return fmt.Errorf("%s: %w", file, err)
		}
		fmt.Fprintln(stderr, "wrote", file)
		report(p.Graph, stderr)
	}
	file := filepath.Join(dir, "index."+f.Ext())
	if err := writeDiagram(ctx, res, index, f, lay, fence, file, nil); err != nil {
		return fmt.Errorf("%s: %w", file, err)
	}
	fmt.Fprintln(stderr, "wrote", file)
	return nil
}

// findLayouter finds the render helper: $LATTICE_LINT_RENDER, then next to
// this executable, then on PATH.
func findLayouter() (diagram.Layouter, error) {
	name := renderHelper
	if runtime.GOOS == "windows" {
		name += ".exe"
	}
	if p := os.Getenv("LATTICE_LINT_RENDER"); p != "" {
		return diagram.ExecLayouter{Path: p}, nil
	}
	if exe, err := os.Executable(); err == nil {
		p := filepath.Join(filepath.Dir(exe), name)
		if st, err := os.Stat(p); err == nil && !st.IsDir() {
			return diagram.ExecLayouter{Path: p}, nil
		}
	}
	if p, err := exec.LookPath(name); err == nil {
		return diagram.ExecLayouter{Path: p}, nil
	}
	wd, _ := os.Getwd()
	return nil, fmt.Errorf("svg, png and html need the %s helper (Graphviz layout), which was not found next to lattice-lint or on PATH; "+
		"%s; or set LATTICE_LINT_RENDER, or use --format dot, mermaid or json", renderHelper, helperHint(wd, currentBuild()))
}

// modulePath is this repository's Go module.
const modulePath = "github.com/lattice-lint/lattice-lint"

// helperHint is the one command that installs the render helper from where
// the user is: inside a clone, the clone's own go install (both binaries); a
// release build, the release archive, which holds both; otherwise the module
// at the version this lattice-lint was built from.
func helperHint(wd string, b buildInfo) string {
	if clone := cloneRoot(wd); clone != "" {
		return fmt.Sprintf("install it with 'go install ./cmd/...' in %s (it installs lattice-lint and %s together)", clone, renderHelper)
	}
	if version != "" {
		return fmt.Sprintf("the release archive of lattice-lint %s holds %s: put it next to lattice-lint", b.Version, renderHelper)
	}
	v := b.Version
	if v == "dev" {
		v = "latest"
	}
	return fmt.Sprintf("install it with 'go install %s/cmd/%s@%s'", modulePath, renderHelper, v)
}

// maxGoModSize bounds the go.mod cloneRoot reads: this module's is a few KiB.
const maxGoModSize = 1 << 20

// cloneRoot is the folder of this module's go.mod at or above dir, or "".
func cloneRoot(dir string) string {
	for dir != "" {
		// The repository linted may hold this go.mod: read it as any input,
		// regular files only and bounded (a link to /dev/zero is refused).
		if b, err := safefile.ReadFile(filepath.Join(dir, "go.mod"), maxGoModSize); err == nil {
			if strings.HasPrefix(string(b), "module "+modulePath+"\n") {
				return dir
			}
			return "" // another module
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
	return ""
}
