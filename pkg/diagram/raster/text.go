package raster

import (
	"image"
	"image/draw"
	"math"
	"os"
	"strings"
	"sync"

	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/gobolditalic"
	"golang.org/x/image/font/gofont/goitalic"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
	"golang.org/x/image/vector"
)

// Fonts: the Go fonts are embedded (BSD licence) so output does not depend on
// the machine for the characters they cover (Latin, Greek, Cyrillic, arrows,
// punctuation). "⚠" is drawn from its own outline. Other characters are looked
// up in a few common system fonts, and drawn as an empty box when none has them.
const (
	fontBold   = 1 // xdot fontchar bits
	fontItalic = 2
)

// unitsPerEm is the resolution glyph outlines are loaded at; they are scaled
// to the wanted size afterwards.
const unitsPerEm = 1000

var systemFonts = []string{
	"/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
	"/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
	"/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
	"/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
	"/System/Library/Fonts/Supplemental/Arial Unicode.ttf",
	`C:\Windows\Fonts\arial.ttf`,
}

// fontSet is per render: its buffer and glyph cache are not shared between
// goroutines. The parsed fonts are: sfnt.Font is safe for concurrent use when
// each caller passes its own Buffer, and parsing them is the slow part.
type fontSet struct {
	faces [4]*sfnt.Font
	buf   sfnt.Buffer
	cache map[glyphKey]glyph
}

// goFonts are the embedded Go fonts, parsed once per process (immutable).
var goFonts = sync.OnceValue(func() [4]*sfnt.Font {
	var faces [4]*sfnt.Font
	for i, ttf := range [][]byte{goregular.TTF, gobold.TTF, goitalic.TTF, gobolditalic.TTF} {
		f, err := sfnt.Parse(ttf)
		if err != nil {
			panic("raster: embedded Go font: " + err.Error()) // cannot happen: the bytes are compiled in
		}
		faces[i] = f
	}
	return faces
})

// systemFallbacks are the fallback fonts found on this machine, read and parsed
// once per process, on first need (immutable).
var systemFallbacks = sync.OnceValue(func() []*sfnt.Font {
	var out []*sfnt.Font
	for _, path := range systemFonts {
		b, err := os.ReadFile(path)
		if err != nil {
			continue
		}
		if strings.HasSuffix(path, ".ttc") {
			if c, err := sfnt.ParseCollection(b); err == nil {
				if f, err := c.Font(0); err == nil {
					out = append(out, f)
				}
			}
			continue
		}
		if f, err := sfnt.Parse(b); err == nil {
			out = append(out, f)
		}
	}
	return out
})

type glyphKey struct {
	r     rune
	style int
}

func newFontSet() *fontSet { return &fontSet{faces: goFonts()} }

// glyph is one character's outline in em units (y down) and its advance.
type glyph struct {
	segs    sfnt.Segments
	advance float64
	warn    bool // the built-in ⚠
	box     bool // no font has it
}

func (fs *fontSet) glyph(r rune, style int) glyph {
	k := glyphKey{r, style & 3}
	if g, ok := fs.cache[k]; ok {
		return g
	}
	g := fs.lookup(r, style&3)
	if fs.cache == nil {
		fs.cache = map[glyphKey]glyph{}
	}
	fs.cache[k] = g
	return g
}

func (fs *fontSet) lookup(r rune, style int) glyph {
	primary := fs.faces[style]
	if r == '⚠' {
		return glyph{warn: true, advance: 0.95 * unitsPerEm}
	}
	if r == '-' {
		// The Go fonts draw the hyphen-minus as a minus sign, wider than an
		// en dash: "my-service" would read "my–service". Names are full of
		// hyphens, so draw a hyphen: the font's bar, at a hyphen's width.
		if g, ok := fs.load(primary, r); ok {
			return hyphen(g)
		}
	}
	fonts := append([]*sfnt.Font{primary}, fs.faces[0])
	for i, f := range fonts {
		if i == 2 {
			break
		}
		if g, ok := fs.load(f, r); ok {
			return g
		}
	}
	for _, f := range systemFallbacks() {
		if g, ok := fs.load(f, r); ok {
			return g
		}
	}
	return glyph{box: true, advance: 0.6 * unitsPerEm}
}

func (fs *fontSet) load(f *sfnt.Font, r rune) (glyph, bool) {
	idx, err := f.GlyphIndex(&fs.buf, r)
	if err != nil || (idx == 0 && r != 0) {
		return glyph{}, false
	}
	ppem := fixed.I(unitsPerEm)
	segs, err := f.LoadGlyph(&fs.buf, idx, ppem, nil)
	if err != nil {
		return glyph{}, false
	}
	adv, err := f.GlyphAdvance(&fs.buf, idx, ppem, font.HintingNone)
	if err != nil {
		return glyph{}, false
	}
	// LoadGlyph reuses its buffer; keep a copy.
	return glyph{segs: append(sfnt.Segments(nil), segs...), advance: float64(adv) / 64}, true
}

// text draws one xdot T op: the run is laid out with the Go fonts and then
// stretched to the width Graphviz computed from its own font metrics, so it
// never spills out of the box Graphviz sized for it.
func (p *painter) text(o op) {
	if o.Text == "" || p.fontSize <= 0 {
		return
	}
	if !visible(p.pen) {
		return
	}
	style := 0
	if p.fontChar&fontBold != 0 {
		style |= 1
	}
	if p.fontChar&fontItalic != 0 {
		style |= 2
	}
	runes := []rune(o.Text)
	gs := make([]glyph, len(runes))
	natural := 0.0
	for i, r := range runes {
		gs[i] = p.fonts.glyph(r, style)
		natural += gs[i].advance
	}
	px := p.fontSize * p.scale / unitsPerEm // em units → pixels
	naturalPx := natural * px
	want := o.Width * p.scale
	sx := 1.0
	if naturalPx > 0 && want > 0 {
		sx = math.Max(0.5, math.Min(2, want/naturalPx))
	}
	runW := naturalPx * sx
	x, y := p.xy([2]float64{o.Pt[0], o.Pt[1]})
	switch o.Align {
	case "c":
		x -= runW / 2
	case "r":
		x -= runW
	}
	// Rasterise the run into its own bounding box, then composite.
	asc, desc := 1.1*p.fontSize*p.scale, 0.35*p.fontSize*p.scale
	minX, minY := int(math.Floor(x))-1, int(math.Floor(y-asc))
	maxX, maxY := int(math.Ceil(x+runW))+2, int(math.Ceil(y+desc))+1
	r := image.Rect(minX, minY, maxX, maxY).Intersect(p.dc.Image().Bounds())
	if r.Empty() {
		return
	}
	if p.z == nil {
		p.z = vector.NewRasterizer(r.Dx(), r.Dy())
	} else {
		p.z.Reset(r.Dx(), r.Dy()) // reuses its buffers
	}
	z := p.z
	ox, oy := x-float64(r.Min.X), y-float64(r.Min.Y)
	pen := 0.0
	pt := func(gx, gy fixed.Int26_6) (float32, float32) {
		return float32(ox + (pen+float64(gx)/64)*px*sx), float32(oy + float64(gy)/64*px)
	}
	for _, g := range gs {
		switch {
		case g.warn:
			warnGlyph(z, ox+pen*px*sx, oy, p.fontSize*p.scale, sx)
		case g.box:
			boxGlyph(z, ox+pen*px*sx, oy, p.fontSize*p.scale, sx)
		default:
			for _, s := range g.segs {
				switch s.Op {
				case sfnt.SegmentOpMoveTo:
					z.MoveTo(pt(s.Args[0].X, s.Args[0].Y))
				case sfnt.SegmentOpLineTo:
					z.LineTo(pt(s.Args[0].X, s.Args[0].Y))
				case sfnt.SegmentOpQuadTo:
					ax, ay := pt(s.Args[0].X, s.Args[0].Y)
					bx, by := pt(s.Args[1].X, s.Args[1].Y)
					z.QuadTo(ax, ay, bx, by)
				case sfnt.SegmentOpCubeTo:
					ax, ay := pt(s.Args[0].X, s.Args[0].Y)
					bx, by := pt(s.Args[1].X, s.Args[1].Y)
					cx, cy := pt(s.Args[2].X, s.Args[2].Y)
					z.CubeTo(ax, ay, bx, by, cx, cy)
				}
			}
			z.ClosePath()
		}
		pen += g.advance
	}
	dst, ok := p.dc.Image().(draw.Image)
	if !ok {
		return
	}
	z.Draw(dst, r, image.NewUniform(p.pen), image.Point{})
	if p.fontChar&4 != 0 { // underline
		p.dc.SetColor(p.pen)
		p.dc.DrawRectangle(x, y+0.12*p.fontSize*p.scale, runW, math.Max(1, 0.06*p.fontSize*p.scale))
		p.dc.Fill()
	}
}

// hyphen keeps the height and weight of a minus-like glyph's bar and gives
// it a hyphen's length and advance (a third of an em, as in most fonts).
func hyphen(minus glyph) glyph {
	top, bottom := fixed.Int26_6(math.MaxInt32), fixed.Int26_6(math.MinInt32)
	for _, s := range minus.segs {
		n := map[sfnt.SegmentOp]int{sfnt.SegmentOpQuadTo: 2, sfnt.SegmentOpCubeTo: 3}[s.Op]
		for _, a := range s.Args[:max(n, 1)] {
			top, bottom = min(top, a.Y), max(bottom, a.Y)
		}
	}
	if top >= bottom {
		return minus
	}
	x0, x1 := fixed.I(unitsPerEm*6/100), fixed.I(unitsPerEm*28/100)
	seg := func(op sfnt.SegmentOp, x, y fixed.Int26_6) sfnt.Segment {
		return sfnt.Segment{Op: op, Args: [3]fixed.Point26_6{{X: x, Y: y}}}
	}
	return glyph{advance: 0.34 * unitsPerEm, segs: sfnt.Segments{
		seg(sfnt.SegmentOpMoveTo, x0, top), seg(sfnt.SegmentOpLineTo, x1, top),
		seg(sfnt.SegmentOpLineTo, x1, bottom), seg(sfnt.SegmentOpLineTo, x0, bottom),
	}}
}

// warnGlyph draws "⚠" (which the Go fonts lack) as a triangle outline with an
// exclamation mark. Contours wind so the inner triangle is a hole and the mark
// is filled again under the non-zero rule the vector rasteriser uses.
func warnGlyph(z *vector.Rasterizer, x, base, size, sx float64) {
	w := 0.9 * size * sx
	h := 0.82 * size
	top := base - h
	p := func(fx, fy float64) (float32, float32) { return float32(x + 0.03*size*sx + fx*w), float32(top + fy*h) }
	poly := func(pts ...[2]float64) {
		z.MoveTo(p(pts[0][0], pts[0][1]))
		for _, q := range pts[1:] {
			z.LineTo(p(q[0], q[1]))
		}
		z.ClosePath()
	}
	poly([2]float64{0.5, 0}, [2]float64{1, 1}, [2]float64{0, 1})             // outer, clockwise on screen
	poly([2]float64{0.5, 0.2}, [2]float64{0.14, 0.9}, [2]float64{0.86, 0.9}) // hole, the other way
	poly([2]float64{0.45, 0.36}, [2]float64{0.55, 0.36}, [2]float64{0.535, 0.66}, [2]float64{0.465, 0.66})
	poly([2]float64{0.45, 0.72}, [2]float64{0.55, 0.72}, [2]float64{0.55, 0.82}, [2]float64{0.45, 0.82})
}

// boxGlyph draws the outline box that stands for a character no font has.
func boxGlyph(z *vector.Rasterizer, x, base, size, sx float64) {
	w, h, t := 0.5*size*sx, 0.7*size, math.Max(0.06*size, 1)
	l, r, top := x+0.05*size*sx, x+0.05*size*sx+w, base-h
	rect := func(x0, y0, x1, y1 float64, cw bool) {
		if cw {
			z.MoveTo(float32(x0), float32(y0))
			z.LineTo(float32(x1), float32(y0))
			z.LineTo(float32(x1), float32(y1))
			z.LineTo(float32(x0), float32(y1))
		} else {
			z.MoveTo(float32(x0), float32(y0))
			z.LineTo(float32(x0), float32(y1))
			z.LineTo(float32(x1), float32(y1))
			z.LineTo(float32(x1), float32(y0))
		}
		z.ClosePath()
	}
	rect(l, top, r, base, true)
	rect(l+t, top+t, r-t, base-t, false)
}
