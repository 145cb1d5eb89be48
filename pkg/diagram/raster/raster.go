// Package raster draws a Graphviz layout as a PNG in pure Go.
//
// go-graphviz's own PNG renderer drops strokes (node borders, cluster frames,
// edges) and the text of HTML tables (go-graphviz issue #106), so this package
// does not use it. It reads Graphviz's "json" output instead, which carries
// every drawing operation of the layout as xdot ops (the same operations the
// SVG renderer turns into <polygon>, <path>, <ellipse> and <text>), and paints
// them itself: shapes with fogleman/gg, text as glyph outlines of the Go fonts
// filled with golang.org/x/image/vector, each run stretched to the width
// Graphviz measured so text fits its box whatever the font.
package raster

import (
	"encoding/json"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/fogleman/gg"
	"golang.org/x/image/vector"
)

// Options control the raster.
type Options struct {
	// Scale is pixels per point (Graphviz units); 0 means 2.
	Scale float64
	// MaxPixels caps width×height; the scale shrinks to fit. 0 means 25 million.
	MaxPixels float64
}

// PNG paints a Graphviz json layout and encodes it as PNG.
func PNG(layout []byte, w io.Writer, opts Options) error {
	img, err := Image(layout, opts)
	if err != nil {
		return err
	}
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	if err := enc.Encode(w, img); err != nil {
		return fmt.Errorf("raster: encode png: %w", err)
	}
	return nil
}

// op is one xdot drawing operation as Graphviz's json output writes it.
type op struct {
	Op     string       `json:"op"`
	Color  string       `json:"color"`
	Grad   string       `json:"grad"`
	Stops  []stop       `json:"stops"`
	Style  string       `json:"style"`
	Size   float64      `json:"size"`
	Face   string       `json:"face"`
	Char   int          `json:"fontchar"`
	Pt     []float64    `json:"pt"`
	Align  string       `json:"align"`
	Width  float64      `json:"width"`
	Text   string       `json:"text"`
	Points [][2]float64 `json:"points"`
	Rect   []float64    `json:"rect"`
}

type stop struct {
	Color string `json:"color"`
}

type object struct {
	Name  string `json:"name"`
	Draw  []op   `json:"_draw_"`
	LDraw []op   `json:"_ldraw_"`
	HDraw []op   `json:"_hdraw_"`
	TDraw []op   `json:"_tdraw_"`
	HL    []op   `json:"_hldraw_"`
	TL    []op   `json:"_tldraw_"`
	BB    string `json:"bb"`
	Nodes []int  `json:"nodes"`
	Pad   string `json:"pad"`
}

type layoutJSON struct {
	object
	Objects []object `json:"objects"`
	Edges   []object `json:"edges"`
}

// Image paints a Graphviz json layout.
func Image(layout []byte, opts Options) (image.Image, error) {
	var l layoutJSON
	if err := json.Unmarshal(scrub(layout), &l); err != nil {
		return nil, fmt.Errorf("raster: read layout: %w", err)
	}
	bb, err := parseBox(l.BB)
	if err != nil {
		return nil, fmt.Errorf("raster: graph bounding box: %w", err)
	}
	// The root _draw_ is the page background including the pad; find the
	// page from it when present.
	page := bb
	for _, o := range l.Draw {
		if (o.Op == "P" || o.Op == "p") && len(o.Points) >= 3 {
			page = bounds(o.Points)
		}
	}
	if opts.Scale <= 0 {
		opts.Scale = 2
	}
	if opts.MaxPixels <= 0 {
		opts.MaxPixels = 25e6
	}
	wPt, hPt := page[2]-page[0], page[3]-page[1]
	if wPt <= 0 || hPt <= 0 {
		return nil, errors.New("raster: empty layout")
	}
	scale := opts.Scale
	if a := wPt * hPt * scale * scale; a > opts.MaxPixels {
		scale *= math.Sqrt(opts.MaxPixels / a)
	}
	W, H := int(math.Ceil(wPt*scale)), int(math.Ceil(hPt*scale))
	p := &painter{
		dc: gg.NewContext(W, H), scale: scale, x0: page[0], y1: page[3],
		fonts: newFontSet(),
	}
	p.dc.SetColor(color.White)
	p.dc.Clear()
	p.run(l.Draw)
	p.run(l.LDraw)
	// Clusters first, then edges, then nodes on top (their fills would hide
	// an edge drawn later only where the edge would cross the node anyway).
	var nodes []object
	for _, o := range l.Objects {
		if o.Nodes != nil || strings.HasPrefix(o.Name, "cluster") {
			p.run(o.Draw)
			p.run(o.LDraw)
			continue
		}
		nodes = append(nodes, o)
	}
	for _, e := range l.Edges {
		for _, ops := range [][]op{e.Draw, e.HDraw, e.TDraw, e.LDraw, e.HL, e.TL} {
			p.run(ops)
		}
	}
	for _, n := range nodes {
		p.run(n.Draw)
		p.run(n.LDraw)
	}
	return p.dc.Image(), nil
}

// scrub replaces raw control bytes with spaces. Graphviz 12.1.2 (as
// go-graphviz embeds it) writes the style list of an HTML table with
// STYLE="dashed" without its terminator, so the json output carries a run of
// unrelated strings from the module's memory after "dashed", raw control
// bytes included, which no JSON parser accepts. The SVG output is not
// affected; style parsing below only looks at the prefix.
func scrub(b []byte) []byte {
	out := b
	for i, c := range b {
		if c < 0x20 && c != '\n' && c != '\r' && c != '\t' {
			if &out[0] == &b[0] {
				out = append([]byte(nil), b...)
			}
			out[i] = ' '
		}
	}
	return out
}

func parseBox(s string) ([4]float64, error) {
	var b [4]float64
	parts := strings.Split(s, ",")
	if len(parts) != 4 {
		return b, fmt.Errorf("bad box %q", s)
	}
	for i, p := range parts {
		v, err := strconv.ParseFloat(strings.TrimSpace(p), 64)
		if err != nil {
			return b, fmt.Errorf("bad box %q", s)
		}
		b[i] = v
	}
	return b, nil
}

func bounds(pts [][2]float64) [4]float64 {
	b := [4]float64{math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)}
	for _, p := range pts {
		b[0], b[1] = math.Min(b[0], p[0]), math.Min(b[1], p[1])
		b[2], b[3] = math.Max(b[2], p[0]), math.Max(b[3], p[1])
	}
	return b
}

// painter holds the xdot graphics state while running ops.
type painter struct {
	dc     *gg.Context
	scale  float64
	x0, y1 float64
	fonts  *fontSet
	z      *vector.Rasterizer

	pen, fill color.Color
	width     float64
	dash      []float64
	invis     bool
	fontSize  float64
	fontFace  string
	fontChar  int
}

func (p *painter) xy(pt [2]float64) (float64, float64) {
	return (pt[0] - p.x0) * p.scale, (p.y1 - pt[1]) * p.scale
}

// run executes one list of ops; each list starts from the default state, as
// in xdot.
func (p *painter) run(ops []op) {
	// Graphviz emits "C" before every fill it means; an unset fill is none.
	p.pen, p.fill = color.Black, color.Transparent
	p.width, p.dash, p.invis = 1, nil, false
	p.fontSize, p.fontFace, p.fontChar = 14, "Times-Roman", 0
	for _, o := range ops {
		switch o.Op {
		case "c":
			p.pen = parseColor(o)
		case "C":
			p.fill = parseColor(o)
		case "S":
			p.setStyle(o.Style)
		case "F":
			p.fontSize, p.fontFace = o.Size, o.Face
		case "t":
			p.fontChar = o.Char
		case "P", "p", "L", "B", "b":
			if len(o.Points) < 2 || p.invis {
				continue
			}
			// Polygons are closed; B-splines are not, even the "filled" kind
			// ("b"), which Graphviz also uses for edges with no fill colour:
			// closing those would draw a chord back to the start.
			closed := o.Op == "P" || o.Op == "p"
			curve := o.Op == "B" || o.Op == "b"
			if (o.Op == "P" || o.Op == "b") && visible(p.fill) {
				p.path(o.Points, true, curve)
				p.dc.SetColor(p.fill)
				p.dc.Fill()
			}
			p.path(o.Points, closed, curve)
			p.stroke()
		case "E", "e":
			if len(o.Rect) != 4 || p.invis {
				continue
			}
			cx, cy := p.xy([2]float64{o.Rect[0], o.Rect[1]})
			rx, ry := o.Rect[2]*p.scale, o.Rect[3]*p.scale
			if o.Op == "E" && visible(p.fill) {
				p.dc.DrawEllipse(cx, cy, rx, ry)
				p.dc.SetColor(p.fill)
				p.dc.Fill()
			}
			p.dc.DrawEllipse(cx, cy, rx, ry)
			p.stroke()
		case "T":
			if len(o.Pt) != 2 || p.invis {
				continue
			}
			p.text(o)
		}
	}
}

func (p *painter) setStyle(s string) {
	switch {
	case strings.HasPrefix(s, "setlinewidth("):
		if v, err := strconv.ParseFloat(strings.TrimSuffix(strings.TrimPrefix(s, "setlinewidth("), ")"), 64); err == nil {
			p.width = v
		}
	case strings.HasPrefix(s, "dashed"):
		p.dash = []float64{5, 2}
	case strings.HasPrefix(s, "dotted"):
		p.dash = []float64{1, 5}
	case s == "solid":
		p.dash = nil
	case s == "bold":
		p.width = 2
	case s == "invis" || s == "invisible":
		p.invis = true
	}
}

func (p *painter) path(pts [][2]float64, closed, curve bool) {
	dc := p.dc
	dc.ClearPath()
	x, y := p.xy(pts[0])
	dc.MoveTo(x, y)
	if curve {
		for i := 1; i+2 < len(pts); i += 3 {
			x1, y1 := p.xy(pts[i])
			x2, y2 := p.xy(pts[i+1])
			x3, y3 := p.xy(pts[i+2])
			dc.CubicTo(x1, y1, x2, y2, x3, y3)
		}
	} else {
		for _, pt := range pts[1:] {
			x, y := p.xy(pt)
			dc.LineTo(x, y)
		}
	}
	if closed {
		dc.ClosePath()
	}
}

func (p *painter) stroke() {
	dc := p.dc
	if !visible(p.pen) {
		dc.ClearPath()
		return
	}
	dc.SetColor(p.pen)
	dc.SetLineWidth(math.Max(p.width*p.scale, 1))
	if p.dash != nil {
		d := make([]float64, len(p.dash))
		for i, v := range p.dash {
			d[i] = v * p.scale
		}
		dc.SetDash(d...)
	} else {
		dc.SetDash()
	}
	dc.SetLineJoin(gg.LineJoinRound)
	dc.SetLineCap(gg.LineCapButt)
	dc.Stroke()
}

func visible(c color.Color) bool {
	_, _, _, a := c.RGBA()
	return a != 0
}

func parseColor(o op) color.Color {
	s := o.Color
	if o.Grad != "" && o.Grad != "none" && len(o.Stops) > 0 {
		s = o.Stops[0].Color
	}
	if c, ok := hexColor(s); ok {
		return c
	}
	if c, ok := named[strings.ToLower(s)]; ok {
		return c
	}
	return color.Black
}

var named = map[string]color.Color{
	"black": color.Black, "white": color.White, "transparent": color.Transparent, "none": color.Transparent,
	"red": color.RGBA{255, 0, 0, 255}, "blue": color.RGBA{0, 0, 255, 255}, "grey": color.RGBA{192, 192, 192, 255},
	"gray": color.RGBA{192, 192, 192, 255}, "lightgrey": color.RGBA{211, 211, 211, 255},
}

func hexColor(s string) (color.Color, bool) {
	if !strings.HasPrefix(s, "#") || (len(s) != 7 && len(s) != 9) {
		return nil, false
	}
	v, err := strconv.ParseUint(s[1:], 16, 32)
	if err != nil {
		return nil, false
	}
	if len(s) == 7 {
		return color.NRGBA{uint8(v >> 16), uint8(v >> 8), uint8(v), 255}, true
	}
	return color.NRGBA{uint8(v >> 24), uint8(v >> 16), uint8(v >> 8), uint8(v)}, true
}
