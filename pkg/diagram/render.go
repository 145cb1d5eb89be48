package diagram

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os/exec"
	"regexp"
	"strings"

	"github.com/lattice-lint/lattice-lint/pkg/diagram/raster"
)

// Format is an output format.
type Format string

// Output formats.
const (
	FormatSVG     Format = "svg"
	FormatDOT     Format = "dot"
	FormatPNG     Format = "png"
	FormatMermaid Format = "mermaid"
	FormatHTML    Format = "html"
	FormatJSON    Format = "json"
)

// Formats lists every format, the default first.
var Formats = []Format{FormatSVG, FormatDOT, FormatPNG, FormatMermaid, FormatHTML, FormatJSON}

// ParseFormat accepts the names in Formats.
func ParseFormat(s string) (Format, error) {
	for _, f := range Formats {
		if string(f) == s {
			return f, nil
		}
	}
	return "", errorf("unknown format %q (want svg, dot, png, mermaid, html or json)", s)
}

// NeedsLayout reports whether the format needs a Layouter.
func (f Format) NeedsLayout() bool { return f == FormatSVG || f == FormatPNG || f == FormatHTML }

// Ext is the usual file extension of the format.
func (f Format) Ext() string {
	if f == FormatMermaid {
		return "mmd"
	}
	return string(f)
}

// Layouter lays out DOT text with Graphviz and returns the result in a
// Graphviz output format; Render asks for "svg" and "json".
type Layouter interface {
	Layout(ctx context.Context, dot []byte, format string) ([]byte, error)
}

// Render writes the graph in a format. svg, png and html need a Layouter;
// dot, mermaid and json do not (lay may be nil).
func Render(ctx context.Context, g *Graph, f Format, w io.Writer, lay Layouter) error {
	switch f {
	case FormatDOT:
		return g.DOT(w)
	case FormatMermaid:
		return g.Mermaid(w)
	case FormatJSON:
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		if err := enc.Encode(g); err != nil {
			return fmt.Errorf("diagram: write json: %w", err)
		}
		return nil
	}
	if !f.NeedsLayout() {
		return errorf("unknown format %q", f)
	}
	if lay == nil {
		return errorf("%s output needs Graphviz layout and no layouter was given", f)
	}
	var dot bytes.Buffer
	if err := g.DOT(&dot); err != nil {
		return err
	}
	switch f {
	case FormatPNG:
		js, err := lay.Layout(ctx, dot.Bytes(), "json")
		if err != nil {
			return fmt.Errorf("diagram: layout: %w", err)
		}
		if err := raster.PNG(js, w, raster.Options{}); err != nil {
			return fmt.Errorf("diagram: %w", err)
		}
		return nil
	case FormatSVG, FormatHTML:
		raw, err := lay.Layout(ctx, dot.Bytes(), "svg")
		if err != nil {
			return fmt.Errorf("diagram: layout: %w", err)
		}
		svg := selfContained(raw)
		if f == FormatSVG {
			_, err = w.Write(svg)
			return err
		}
		return g.html(svg, w)
	}
	return nil
}

var (
	doctypeRE = regexp.MustCompile(`(?s)<!DOCTYPE[^>]*>\s*`)
	commentRE = regexp.MustCompile(`(?s)<!--.*?-->\s*`)
)

// svgStyle highlights the element under the pointer; finding classes are
// already coloured by the DOT attributes, so this is only interaction.
const svgStyle = `<style>g.node:hover polygon, g.node:hover path { stroke-width: 2.5; } g.edge:hover path { stroke-width: 3; } .lattice-hit polygon, .lattice-hit path { stroke: #0972D3 !important; stroke-width: 4 !important; }</style>`

// selfContained strips what would make a viewer reach outside the file (the
// DOCTYPE's external DTD) and Graphviz's comments, and adds a small style.
func selfContained(svg []byte) []byte {
	s := doctypeRE.ReplaceAll(svg, nil)
	s = commentRE.ReplaceAll(s, nil)
	if i := bytes.Index(s, []byte("<svg")); i >= 0 {
		if j := bytes.IndexByte(s[i:], '>'); j >= 0 {
			at := i + j + 1
			out := make([]byte, 0, len(s)+len(svgStyle)+1)
			out = append(out, s[:at]...)
			out = append(out, '\n')
			out = append(out, svgStyle...)
			out = append(out, s[at:]...)
			return out
		}
	}
	return s
}

// ExecLayouter runs a program that reads DOT on stdin and writes the
// requested format on stdout: the lattice-lint-render helper
// ("lattice-lint-render -T svg"), or a Graphviz dot binary ("dot -Tsvg").
type ExecLayouter struct {
	// Path is the program to run.
	Path string
	// Dot is set when Path is a Graphviz dot binary (flag -Tfmt rather than -T fmt).
	Dot bool
}

// Layout implements Layouter.
func (e ExecLayouter) Layout(ctx context.Context, dot []byte, format string) ([]byte, error) {
	args := []string{"-T", format}
	if e.Dot {
		args = []string{"-T" + format}
	}
	cmd := exec.CommandContext(ctx, e.Path, args...)
	cmd.Stdin = bytes.NewReader(dot)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		msg := strings.TrimSpace(errb.String())
		if msg == "" {
			msg = err.Error()
		}
		return nil, fmt.Errorf("%s: %s", e.Path, msg)
	}
	return out.Bytes(), nil
}
