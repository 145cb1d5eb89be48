package graphviz

import (
	"bytes"
	"context"
	"testing"
)

func TestLayout(t *testing.T) {
	ctx := context.Background()
	svg, err := Layout(ctx, []byte(`digraph { a -> b [id="e1"]; }`), "svg")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(svg, []byte(`id="e1"`)) {
		t.Errorf("svg lacks the edge: %.200s", svg)
	}
	if _, err := Layout(ctx, []byte(`digraph { a -> `), "svg"); err == nil {
		t.Error("broken DOT accepted")
	}
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := Layout(cancelled, []byte(`digraph { a }`), "svg"); err == nil {
		t.Error("cancelled context ignored")
	}
	// The engine still works after errors.
	if _, err := (Engine{}).Layout(ctx, []byte(`digraph { x }`), "json"); err != nil {
		t.Fatal(err)
	}
}
