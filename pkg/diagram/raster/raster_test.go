package raster

import (
	"bytes"
	"image/color"
	"image/png"
	"testing"
)

// A hand-written layout in Graphviz's json form: a red box with a 2 pt
// border, a dashed blue line, a filled-but-colourless edge spline ("b" with no
// fill colour, as Graphviz writes edges) and a text run, on a 100×60 pt page.
const tiny = `{"bb":"0,0,100,60",
 "_draw_":[{"op":"c","color":"#fffffe00"},{"op":"C","color":"#ffffff"},{"op":"P","points":[[0,0],[0,60],[100,60],[100,0]]}],
 "objects":[{"name":"n","_draw_":[{"op":"S","style":"setlinewidth(2)"},{"op":"c","color":"#ff0000"},{"op":"p","points":[[10,10],[10,50],[40,50],[40,10]]}],
   "_ldraw_":[{"op":"F","size":10,"face":"Arial"},{"op":"c","color":"#000000"},{"op":"T","pt":[70,30],"align":"c","width":24,"text":"ab⚠"}]}],
 "edges":[{"_draw_":[{"op":"S","style":"dashed\u0001garbage"},{"op":"c","color":"#0000ff"},{"op":"b","points":[[50,5],[60,5],[80,5],[95,5]]}]}]}`

func TestImage(t *testing.T) {
	img, err := Image([]byte(tiny), Options{Scale: 2})
	if err != nil {
		t.Fatal(err)
	}
	if b := img.Bounds(); b.Dx() != 200 || b.Dy() != 120 {
		t.Fatalf("size %v, want 200x120", b)
	}
	at := func(x, y int) color.NRGBA { return color.NRGBAModel.Convert(img.At(x, y)).(color.NRGBA) }
	cases := []struct {
		name string
		x, y int
		want func(color.NRGBA) bool
	}{
		{"border left", 20, 60, func(c color.NRGBA) bool { return c.R > 200 && c.G < 60 }},
		{"border top", 50, 20, func(c color.NRGBA) bool { return c.R > 200 && c.G < 60 }},
		{"inside the box stays white", 50, 60, func(c color.NRGBA) bool { return c.R > 250 && c.G > 250 }},
		{"edge is not closed back to its start", 150, 100, func(c color.NRGBA) bool { return c.B > 250 && c.R > 250 }},
	}
	for _, c := range cases {
		if got := at(c.x, c.y); !c.want(got) {
			t.Errorf("%s: pixel (%d,%d) = %v", c.name, c.x, c.y, got)
		}
	}
	blue, dark := 0, 0
	for x := 100; x < 190; x++ {
		if c := at(x, 110); c.B > 200 && c.R < 80 {
			blue++
		}
	}
	for y := 40; y < 70; y++ {
		for x := 110; x < 170; x++ {
			if c := at(x, y); c.R < 100 && c.G < 100 && c.B < 100 {
				dark++
			}
		}
	}
	if blue < 30 || blue > 85 {
		t.Errorf("dashed edge: %d of 90 pixels blue, want a dashed run", blue)
	}
	if dark < 40 {
		t.Errorf("text: %d dark pixels", dark)
	}
}

func TestPNGAndErrors(t *testing.T) {
	var b bytes.Buffer
	if err := PNG([]byte(tiny), &b, Options{}); err != nil {
		t.Fatal(err)
	}
	if _, err := png.Decode(&b); err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{``, `{`, `{"bb":"1,2"}`, `{"bb":"0,0,0,0"}`} {
		if _, err := Image([]byte(bad), Options{}); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
	// The pixel cap shrinks the scale.
	img, err := Image([]byte(tiny), Options{Scale: 10, MaxPixels: 6000})
	if err != nil {
		t.Fatal(err)
	}
	if b := img.Bounds(); b.Dx()*b.Dy() > 6200 {
		t.Errorf("capped image is %v", b)
	}
}

func TestColors(t *testing.T) {
	cases := []struct {
		in   op
		want color.NRGBA
	}{
		{op{Color: "#102030"}, color.NRGBA{0x10, 0x20, 0x30, 255}},
		{op{Color: "#10203040"}, color.NRGBA{0x10, 0x20, 0x30, 0x40}},
		{op{Color: "white"}, color.NRGBA{255, 255, 255, 255}},
		{op{Color: "#ignored", Grad: "linear", Stops: []stop{{Color: "#ff0000"}}}, color.NRGBA{255, 0, 0, 255}},
		{op{Color: "nonsense"}, color.NRGBA{0, 0, 0, 255}},
	}
	for _, c := range cases {
		if got := color.NRGBAModel.Convert(parseColor(c.in)); got != c.want {
			t.Errorf("%+v: %v, want %v", c.in, got, c.want)
		}
	}
	if got := string(scrub([]byte("a\x1ab\nc"))); got != "a b\nc" {
		t.Errorf("scrub = %q", got)
	}
}

// TestFontsParsedOnce: every render shares the fonts parsed once per process
// (parsing them dominated the cost of a small PNG).
func TestFontsParsedOnce(t *testing.T) {
	a, b := newFontSet(), newFontSet()
	for i := range a.faces {
		if a.faces[i] == nil || a.faces[i] != b.faces[i] {
			t.Errorf("face %d parsed per render", i)
		}
	}
	if n := testing.AllocsPerRun(10, func() { newFontSet() }); n > 1 {
		t.Errorf("newFontSet allocates %v times, want at most 1", n)
	}
}

// TestHyphenIsAHyphen: the Go fonts draw "-" as a minus sign wider than an
// en dash; names full of hyphens must not read as dashes.
func TestHyphenIsAHyphen(t *testing.T) {
	var fs fontSet
	fs.faces = goFonts()
	for style := 0; style < 4; style++ {
		h, dash, a := fs.glyph('-', style), fs.glyph('–', style), fs.glyph('a', style)
		if h.box || len(h.segs) == 0 {
			t.Fatalf("style %d: no hyphen drawn", style)
		}
		if h.advance >= dash.advance || h.advance >= a.advance {
			t.Errorf("style %d: hyphen advance %.0f, en dash %.0f, a %.0f: a hyphen is narrower than both", style, h.advance, dash.advance, a.advance)
		}
	}
}
