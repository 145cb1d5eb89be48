package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"

	"github.com/lattice-lint/lattice-lint/pkg/lint"
	"github.com/lattice-lint/lattice-lint/pkg/reach"
)

// reachQuery is what a reach run asks besides the inputs; the caller flags
// (--principal …) add their request here.
type reachQuery struct {
	from, to string
	port     int
	format   string
	matrix   bool
	request  map[string]any
}

// runReach answers whether a client can reach a service, hop by hop, or (with
// --matrix) every client VPC × service. Exit codes: 0 reachable (a matrix:
// written), 1 blocked or unknown, 2 usage or input errors.
func runReach(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("reach", flag.ContinueOnError)
	var in inputFlags
	in.register(fs)
	var q reachQuery
	fs.StringVar(&q.from, "from", "", "the client: a VPC or a ServiceNetwork VPC endpoint (address, logical id, name, id or ARN; root//address)")
	fs.StringVar(&q.to, "to", "", "the target: a service or a resource configuration (address, logical id, name, id or ARN; root//address)")
	fs.IntVar(&q.port, "port", 0, "only the listener on this port, or this port of a resource configuration (default: every listener, every single-port range)")
	fs.StringVar(&q.format, "format", "", "text or json; with --matrix: table, json or markdown (default text / table)")
	out := outputFlag(fs, "the answer")
	var caller callerFlags
	caller.register(fs)
	fs.BoolVar(&q.matrix, "matrix", false, "answer every client VPC × every service and resource configuration, one verdict each")
	fs.Usage = usageFor("reach", "reach [flags] [PATH...] --from CLIENT --to TARGET", fs, stderr)
	paths, code, done := parseCommand(fs, args, stderr)
	if done {
		return code
	}
	if err := q.check(); err != nil {
		fmt.Fprintln(stderr, "lattice-lint: reach:", err)
		return exitError
	}
	if err := caller.into(&q); err != nil {
		fmt.Fprintln(stderr, "lattice-lint: reach:", err)
		return exitError
	}
	res, err := lint.Run(ctx, in.options(paths))
	if err != nil {
		fmt.Fprintln(stderr, "lattice-lint: reach:", err)
		return exitError
	}
	for _, d := range res.Report.Diagnostics {
		fmt.Fprintln(stderr, d)
	}
	var buf bytes.Buffer
	code, err = answer(ctx, res, q, &buf)
	if err != nil {
		fmt.Fprintln(stderr, "lattice-lint: reach:", err)
		return exitError
	}
	if err := emit(*out, res.Tree, stdout, func(w io.Writer) error { _, err := w.Write(buf.Bytes()); return err }); err != nil {
		fmt.Fprintln(stderr, "lattice-lint: reach:", err)
		return exitError
	}
	if res.Report.Diagnostics.HasErrors() {
		return exitError // the answer may rest on input that could not be read
	}
	return code
}

// check validates the flags that do not need the model.
func (q *reachQuery) check() error {
	switch {
	case q.matrix && (q.from != "" || q.to != "" || q.port != 0):
		return errors.New("--matrix answers every client and service: it takes no --from, --to or --port")
	case !q.matrix && (q.from == "" || q.to == ""):
		return errors.New("name the client and the target: --from CLIENT --to TARGET (or ask --matrix)")
	case q.port < 0 || q.port > 65535:
		return fmt.Errorf("--port %d: want 1-65535", q.port)
	}
	formats := map[bool][]string{false: {"text", "json"}, true: {reach.MatrixTable, reach.MatrixJSON, reach.MatrixMarkdown}}
	if q.format == "" {
		q.format = formats[q.matrix][0]
	}
	for _, f := range formats[q.matrix] {
		if q.format == f {
			return nil
		}
	}
	return fmt.Errorf("--format %q: want %v", q.format, formats[q.matrix])
}

// answer evaluates the question over a lint result and writes the answer;
// code is the exit code the verdict gives.
func answer(ctx context.Context, res *lint.Result, q reachQuery, w io.Writer) (int, error) {
	a, err := reach.New(ctx, res.Engine, res.Model)
	if err != nil {
		return exitError, err
	}
	if q.matrix {
		cells, err := a.Matrix(ctx)
		if err != nil {
			return exitError, err
		}
		return exitOK, reach.WriteMatrix(w, cells, q.format)
	}
	from, err := reach.Resolve(res.Model, q.from, reach.ClientKinds)
	if err != nil {
		return exitError, fmt.Errorf("--from: %w", err)
	}
	to, err := reach.Resolve(res.Model, q.to, reach.TargetKinds)
	if err != nil {
		return exitError, fmt.Errorf("--to: %w", err)
	}
	if q.request != nil && !reach.HasAuth(res.Model, to) {
		return exitError, fmt.Errorf("--to %s is a resource configuration: auth policies do not apply to it, so --principal, --method, --path and --header have nothing to decide", q.to)
	}
	ans, err := a.Ask(ctx, reach.Question{From: from, To: to, Port: q.port, Request: q.request})
	if err != nil {
		return exitError, err
	}
	if q.format == "json" {
		err = reach.WriteJSON(w, ans)
	} else {
		err = reach.WriteText(w, ans)
	}
	if ans.Verdict != reach.Reachable {
		return exitFindings, err
	}
	return exitOK, err
}
