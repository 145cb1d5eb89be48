package main

import (
	"context"
	"flag"
	"fmt"
	"io"

	"github.com/lattice-lint/lattice-lint/pkg/lint"
	"github.com/lattice-lint/lattice-lint/pkg/output"
	"github.com/lattice-lint/lattice-lint/pkg/reach"
	"github.com/lattice-lint/lattice-lint/pkg/topodiff"
)

// runDiff prints the topology change between a git revision and the work
// tree: entities and relations added, removed and changed, account by account.
func runDiff(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("diff", flag.ContinueOnError)
	var in inputFlags
	in.register(fs)
	format := fs.String("format", "text", "output format: text, json or markdown")
	out := outputFlag(fs, "the change")
	fs.Usage = usageFor("diff", "diff [flags] REV [PATH...]", fs, stderr)
	args2, code, done := parseCommand(fs, args, stderr)
	if done {
		return code
	}
	fail := func(err error) int {
		fmt.Fprintln(stderr, "lattice-lint:", err)
		return exitError
	}
	if len(args2) == 0 {
		return fail(fmt.Errorf("diff: want a git revision to compare with: lattice-lint diff REV [PATH...]"))
	}
	rev, paths := args2[0], args2[1:]
	var write func(*topodiff.Diff, io.Writer) error
	switch *format {
	case "text":
		write = (*topodiff.Diff).WriteText
	case "json":
		write = (*topodiff.Diff).WriteJSON
	case "markdown":
		write = func(d *topodiff.Diff, w io.Writer) error { return d.WriteMarkdown(w, output.EscapeMarkdown) }
	default:
		return fail(fmt.Errorf("diff: unknown format %q (want one of text, json, markdown)", *format))
	}
	// The rules run too: reachability reads their findings.
	opts := in.options(paths)
	head, err := lint.Run(ctx, opts)
	if err != nil {
		return fail(err)
	}
	opts.Engine = head.Engine // compiled once for both revisions
	at, err := runAt(ctx, rev, opts)
	if err != nil {
		return fail(err)
	}
	defer at.close()
	d, err := topodiff.Compare(at.res.Model, at.root, head.Model, head.Report.Root, rev)
	if err != nil {
		return fail(err)
	}
	basePairs, err := reachPairs(ctx, at.res)
	if err != nil {
		return fail(err)
	}
	headPairs, err := reachPairs(ctx, head)
	if err != nil {
		return fail(err)
	}
	d.SetReach(basePairs, headPairs)
	for _, dg := range head.Report.Diagnostics {
		fmt.Fprintln(stderr, dg)
	}
	if err := emit(*out, head.Tree, stdout, func(w io.Writer) error { return write(d, w) }); err != nil {
		return fail(err)
	}
	if head.Report.Diagnostics.HasErrors() || at.res.Report.Diagnostics.HasErrors() {
		return exitError
	}
	return exitOK
}

// reachPairs is the reachability matrix of a run (every client VPC × every
// service), named by address; none when the revision holds no input.
func reachPairs(ctx context.Context, res *lint.Result) ([]topodiff.Pair, error) {
	if res.Model == nil || res.Engine == nil {
		return nil, nil
	}
	a, err := reach.New(ctx, res.Engine, res.Model)
	if err != nil {
		return nil, err
	}
	cells, err := a.Matrix(ctx)
	if err != nil {
		return nil, err
	}
	pairs := make([]topodiff.Pair, 0, len(cells))
	for _, c := range cells {
		pairs = append(pairs, topodiff.Pair{From: c.From, To: c.To, Verdict: c.Verdict})
	}
	return pairs, nil
}
