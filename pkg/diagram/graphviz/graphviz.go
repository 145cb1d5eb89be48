// Package graphviz lays out DOT text in process with github.com/goccy/go-graphviz
// (Graphviz 12 compiled to WebAssembly, run on wazero, no cgo).
//
// Importing this package costs every process that links it: go-graphviz
// compiles its WebAssembly module in a package init (about 25 ms with a warm
// cache in $TMPDIR/go-graphviz, about 0.6 s cold, +8 MB of binary). That is
// why package diagram does not import it and the lattice-lint binary does not
// link it; the lattice-lint-render helper and tests do.
package graphviz

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"sync"

	gv "github.com/goccy/go-graphviz"
)

// engine is the one piece of process-wide state, and it has to be: go-graphviz
// keeps a single WebAssembly module per process (created in its init) whose
// memory every Graphviz context shares, and concurrent calls corrupt it
// (go-graphviz issue #117; four unguarded goroutines panicked four times out of
// four here). So every call goes through mu, and one Graphviz context is kept
// rather than re-created per render. A panic inside the module may leave its
// memory corrupt, so after one the engine refuses further work in this process.
var engine struct {
	mu     sync.Mutex
	ctx    *gv.Graphviz
	broken error
}

// Engine lays out DOT text with the embedded Graphviz. The zero value is ready
// to use; all Engines share the process-wide module.
type Engine struct{}

// Layout parses dot and renders it in a Graphviz output format ("svg", "json",
// "dot", "xdot", "plain" …).
func (Engine) Layout(ctx context.Context, dot []byte, format string) ([]byte, error) {
	return Layout(ctx, dot, format)
}

// Layout is Engine.Layout.
func Layout(ctx context.Context, dot []byte, format string) (out []byte, err error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	engine.mu.Lock()
	defer engine.mu.Unlock()
	if engine.broken != nil {
		return nil, engine.broken
	}
	defer func() {
		if r := recover(); r != nil {
			engine.broken = fmt.Errorf("graphviz: engine unusable after an internal failure: %v", r)
			out, err = nil, engine.broken
		}
	}()
	if engine.ctx == nil {
		g, err := gv.New(ctx)
		if err != nil {
			return nil, fmt.Errorf("graphviz: start: %w", err)
		}
		engine.ctx = g
	}
	graph, err := gv.ParseBytes(dot)
	if err != nil {
		return nil, fmt.Errorf("graphviz: parse dot: %w", err)
	}
	defer graph.Close()
	var buf bytes.Buffer
	if err := engine.ctx.Render(ctx, graph, gv.Format(format), &buf); err != nil {
		return nil, fmt.Errorf("graphviz: render %s: %w", format, err)
	}
	if buf.Len() == 0 {
		return nil, errors.New("graphviz: empty output for format " + format)
	}
	return buf.Bytes(), nil
}
