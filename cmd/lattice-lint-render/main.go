// Command lattice-lint-render lays out Graphviz DOT with the Graphviz that
// github.com/goccy/go-graphviz embeds (compiled to WebAssembly, no cgo, no
// system Graphviz needed). It reads DOT on stdin and writes the requested
// format on stdout:
//
//	lattice-lint-render -T svg < diagram.dot > diagram.svg
//
// `lattice-lint diagram` runs it for svg, png and html output. It is a
// separate program so that lattice-lint itself does not link go-graphviz,
// whose package init compiles a WebAssembly module at every process start
// (see docs/diagram.md): lint runs stay fast.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"

	"github.com/lattice-lint/lattice-lint/pkg/diagram/graphviz"
)

// maxInput bounds the DOT read from stdin.
const maxInput = 256 << 20

var formats = map[string]bool{"svg": true, "json": true, "dot": true, "xdot": true, "plain": true}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("lattice-lint-render", flag.ContinueOnError)
	fs.SetOutput(stderr)
	format := fs.String("T", "svg", "output format: svg, json, dot, xdot or plain")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintln(stderr, "lattice-lint-render: reads DOT on stdin; no arguments expected")
		return 2
	}
	if !formats[*format] {
		fmt.Fprintf(stderr, "lattice-lint-render: unknown format %q (want svg, json, dot, xdot or plain)\n", *format)
		return 2
	}
	dot, err := io.ReadAll(io.LimitReader(stdin, maxInput+1))
	if err != nil {
		fmt.Fprintln(stderr, "lattice-lint-render: read stdin:", err)
		return 1
	}
	if len(dot) > maxInput {
		fmt.Fprintf(stderr, "lattice-lint-render: input larger than %d bytes\n", maxInput)
		return 1
	}
	out, err := graphviz.Layout(ctx, dot, *format)
	if err != nil {
		fmt.Fprintln(stderr, "lattice-lint-render:", err)
		return 1
	}
	if _, err := stdout.Write(out); err != nil {
		fmt.Fprintln(stderr, "lattice-lint-render: write:", err)
		return 1
	}
	return 0
}
