package diagram

import (
	"bytes"
	"context"
	"encoding/xml"
	"fmt"
	"io"
	"math"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/lattice-lint/lattice-lint/pkg/diagram/graphviz"
	"github.com/lattice-lint/lattice-lint/pkg/model"
)

// svgElem is what the structure checks need from one SVG element.
type svgElem struct {
	name, id, class, title string
	box                    [4]float64 // minX, minY, maxX, maxY of its first shape
	hasBox                 bool
}

var numRE = regexp.MustCompile(`-?[0-9]+(?:\.[0-9]+)?`)

// parseSVG reads every element; groups get the box of their first polygon,
// path or ellipse, which for Graphviz is the cluster frame or node outline.
func parseSVG(t *testing.T, svg []byte) (elems []*svgElem, root xml.StartElement) {
	t.Helper()
	dec := xml.NewDecoder(bytes.NewReader(svg))
	var stack []*svgElem
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("SVG is not well-formed XML: %v", err)
		}
		switch el := tok.(type) {
		case xml.StartElement:
			e := &svgElem{name: el.Name.Local}
			for _, a := range el.Attr {
				switch a.Name.Local {
				case "id":
					e.id = a.Value
				case "class":
					e.class = a.Value
				}
			}
			if e.name == "svg" {
				root = el
			}
			var pts []float64
			switch e.name {
			case "polygon":
				pts = nums(attr(el, "points"))
			case "path":
				pts = nums(attr(el, "d"))
			case "ellipse":
				cx, cy := fnum(attr(el, "cx")), fnum(attr(el, "cy"))
				rx, ry := fnum(attr(el, "rx")), fnum(attr(el, "ry"))
				pts = []float64{cx - rx, cy - ry, cx + rx, cy + ry}
			}
			if len(pts) >= 4 {
				for i := len(stack) - 1; i >= 0; i-- {
					if c := stack[i].class; stack[i].name == "g" && (strings.HasPrefix(c, "cluster") || strings.HasPrefix(c, "node") || strings.HasPrefix(c, "edge")) {
						if !stack[i].hasBox {
							stack[i].box, stack[i].hasBox = boxOf(pts), true
						}
						break
					}
				}
			}
			stack = append(stack, e)
			elems = append(elems, e)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) > 0 && stack[len(stack)-1].name == "title" && len(stack) > 1 {
				stack[len(stack)-2].title += string(el)
			}
		}
	}
	return elems, root
}

func attr(el xml.StartElement, name string) string {
	for _, a := range el.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

func fnum(s string) float64 { v, _ := strconv.ParseFloat(s, 64); return v }

func nums(s string) []float64 {
	var out []float64
	for _, m := range numRE.FindAllString(s, -1) {
		out = append(out, fnum(m))
	}
	return out
}

func boxOf(p []float64) [4]float64 {
	b := [4]float64{math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)}
	for i := 0; i+1 < len(p); i += 2 {
		b[0], b[1] = math.Min(b[0], p[i]), math.Min(b[1], p[i+1])
		b[2], b[3] = math.Max(b[2], p[i]), math.Max(b[3], p[i+1])
	}
	return b
}

func inside(in, out [4]float64) bool {
	const eps = 1.0
	return in[0] >= out[0]-eps && in[1] >= out[1]-eps && in[2] <= out[2]+eps && in[3] <= out[3]+eps
}

func renderSVG(t testing.TB, g *Graph) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := Render(context.Background(), g, FormatSVG, &b, graphviz.Engine{}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestSVGStructure lays out every fixture at every detail and checks the SVG:
// well-formed, ids unique, every node and cluster present once under its id,
// every drawable entity in exactly one node, clusters and nodes nested as in
// the graph (by geometry: Graphviz writes clusters as siblings), no reference
// outside the file.
func TestSVGStructure(t *testing.T) {
	for _, fx := range fixtures {
		m, fs := fx.build(t)
		for _, d := range []Detail{DetailOverview, DetailService, DetailFull} {
			t.Run(fx.name+"/"+string(d), func(t *testing.T) {
				g, err := Build(m, fs, Options{Title: fx.name, Detail: d, AggregateMin: -1})
				if err != nil {
					t.Fatal(err)
				}
				svg := renderSVG(t, g)
				checkSVG(t, g, m, svg, d == DetailFull)
			})
		}
	}
}

func checkSVG(t *testing.T, g *Graph, m *model.Model, svg []byte, full bool) {
	t.Helper()
	for _, bad := range []string{"<!DOCTYPE", "http://www.w3.org/Graphics/SVG/1.1/DTD", "<!--"} {
		if bytes.Contains(svg, []byte(bad)) {
			t.Errorf("SVG still contains %q", bad)
		}
	}
	if bytes.Contains(svg, []byte("xlink:href=\"http")) || bytes.Contains(svg, []byte("<image")) {
		t.Error("SVG references something outside the file")
	}
	elems, root := parseSVG(t, svg)
	vb := nums(attr(root, "viewBox"))
	if len(vb) != 4 || vb[2] <= 0 || vb[3] <= 0 || vb[2] > 1e6 || vb[3] > 1e6 {
		t.Errorf("viewBox %v is not sane", vb)
	}
	byID := map[string]*svgElem{}
	for _, e := range elems {
		if e.id == "" {
			continue
		}
		if _, dup := byID[e.id]; dup {
			t.Errorf("duplicate SVG id %q", e.id)
		}
		byID[e.id] = e
	}
	check := func(id, class string) *svgElem {
		e := byID[id]
		if e == nil || e.name != "g" || !strings.Contains(" "+e.class+" ", " "+class+" ") {
			t.Errorf("no <g class=%q id=%q> in the SVG", class, id)
			return nil
		}
		return e
	}
	for _, c := range g.Clusters {
		if e := check(c.ID, "cluster"); e != nil && !e.hasBox {
			t.Errorf("cluster %s has no frame", c.ID)
		}
	}
	perEntity := map[string]int{}
	for _, n := range g.Nodes {
		e := check(n.ID, "node")
		for _, ent := range n.Entities {
			perEntity[ent]++
		}
		if e == nil || n.Cluster == "" {
			continue
		}
		if c := byID[n.Cluster]; c != nil && e.hasBox && !inside(e.box, c.box) {
			t.Errorf("node %s %v is not inside its cluster %s %v", n.ID, e.box, n.Cluster, c.box)
		}
	}
	for _, c := range g.Clusters {
		if c.Parent == "" {
			continue
		}
		if in, out := byID[c.ID], byID[c.Parent]; in != nil && out != nil && !inside(in.box, out.box) {
			t.Errorf("cluster %s %v is not inside its parent %s %v", c.ID, in.box, c.Parent, out.box)
		}
	}
	for _, e := range g.Edges {
		check(e.ID, "edge")
	}
	for ent, n := range perEntity {
		if n != 1 {
			t.Errorf("entity %s is in %d nodes", ent, n)
		}
	}
	if full {
		for _, e := range m.Entities() {
			if b := e.Base(); drawnAsNode[b.Kind] && perEntity[b.ID] != 1 {
				t.Errorf("%s %s is drawn %d times at full detail, want once", b.Kind, b.ID, perEntity[b.ID])
			}
		}
	}
}

// TestRenderConcurrent renders from 8 goroutines at once; run with -race.
// go-graphviz is not safe for concurrent use, so this proves the lock.
func TestRenderConcurrent(t *testing.T) {
	type job struct {
		g    *Graph
		want []byte
	}
	var jobs []job
	for _, fx := range fixtures {
		m, fs := fx.build(t)
		g, err := Build(m, fs, Options{Title: fx.name})
		if err != nil {
			t.Fatal(err)
		}
		jobs = append(jobs, job{g, renderSVG(t, g)})
	}
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for w := 0; w < 8; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := 0; i < 3; i++ {
				j := jobs[(w+i)%len(jobs)]
				var b bytes.Buffer
				if err := Render(context.Background(), j.g, FormatSVG, &b, graphviz.Engine{}); err != nil {
					errs <- err
					return
				}
				if !bytes.Equal(b.Bytes(), j.want) {
					errs <- fmt.Errorf("worker %d: concurrent render of %q differs from the serial one", w, j.g.Title)
					return
				}
			}
		}(w)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}
