package diagram

import (
	"bytes"
	"context"
	"encoding/json"
	"image"
	"image/color"
	"image/png"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/lattice-lint/lattice-lint/pkg/diagram/graphviz"
	"github.com/lattice-lint/lattice-lint/pkg/lint"
	"github.com/lattice-lint/lattice-lint/pkg/settings"
)

// The shipped example the README shows, and where its pictures live. The
// command that makes them (from the repository root) is
//
//	lattice-lint diagram --output docs/images/example-diagram.svg fixtures/examples/common-mistakes
//	lattice-lint diagram --format png --output docs/images/example-diagram.png fixtures/examples/common-mistakes
//
// and TestExampleImagesCurrent rebuilds the same bytes through the library.
const (
	examplePath = "fixtures/examples/common-mistakes"
	exampleSVG  = "docs/images/example-diagram.svg"
	examplePNG  = "docs/images/example-diagram.png"
)

func repoRoot(t testing.TB) string {
	t.Helper()
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	return root
}

// exampleGraph lints the shipped example exactly as the CLI run from the
// repository root does and builds its diagram.
func exampleGraph(t testing.TB, opts Options) *Graph {
	t.Helper()
	root := repoRoot(t)
	res, err := lint.Run(context.Background(), lint.Options{Settings: settings.Settings{Paths: []string{filepath.Join(root, examplePath)}}, Root: root})
	if err != nil {
		t.Fatal(err)
	}
	if res.Report.Diagnostics.HasErrors() {
		t.Fatalf("the example has input errors: %v", res.Report.Diagnostics)
	}
	if len(res.Report.Findings) == 0 {
		t.Fatal("the example has no findings; the picture would show none")
	}
	opts.Title = examplePath
	g, err := Build(res.Model, res.Report.Findings, opts)
	if err != nil {
		t.Fatal(err)
	}
	return g
}

func render(t testing.TB, g *Graph, f Format) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := Render(context.Background(), g, f, &b, graphviz.Engine{}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestExampleImagesCurrent fails when the committed README pictures are not
// what the tool draws today (go test ./pkg/diagram -update rewrites them).
func TestExampleImagesCurrent(t *testing.T) {
	g := exampleGraph(t, Options{})
	root := repoRoot(t)
	svg, pngBytes := render(t, g, FormatSVG), render(t, g, FormatPNG)
	if *update {
		for path, b := range map[string][]byte{exampleSVG: svg, examplePNG: pngBytes} {
			if err := os.WriteFile(filepath.Join(root, path), b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		return
	}
	want, err := os.ReadFile(filepath.Join(root, exampleSVG))
	if err != nil {
		t.Fatalf("%v (go test ./pkg/diagram -update)", err)
	}
	if !bytes.Equal(svg, want) {
		t.Errorf("%s is stale: go test ./pkg/diagram -update", exampleSVG)
	}
	wantPNG, err := os.ReadFile(filepath.Join(root, examplePNG))
	if err != nil {
		t.Fatal(err)
	}
	a, errA := png.Decode(bytes.NewReader(pngBytes))
	b, errB := png.Decode(bytes.NewReader(wantPNG))
	if errA != nil || errB != nil {
		t.Fatal(errA, errB)
	}
	if a.Bounds() != b.Bounds() {
		t.Fatalf("%s is stale: size %v, now %v", examplePNG, b.Bounds(), a.Bounds())
	}
	diff := 0
	for y := a.Bounds().Min.Y; y < a.Bounds().Max.Y; y++ {
		for x := a.Bounds().Min.X; x < a.Bounds().Max.X; x++ {
			if color.NRGBAModel.Convert(a.At(x, y)) != color.NRGBAModel.Convert(b.At(x, y)) {
				diff++
			}
		}
	}
	if diff > 0 {
		t.Errorf("%s is stale: %d pixels differ (go test ./pkg/diagram -update)", examplePNG, diff)
	}
}

// ---- PNG inspection ----

type gvLayout struct {
	BB   string `json:"bb"`
	Draw []struct {
		Op     string       `json:"op"`
		Points [][2]float64 `json:"points"`
	} `json:"_draw_"`
	Objects []struct {
		Name   string `json:"name"`
		ID     string `json:"id"`
		BB     string `json:"bb"`
		Color  string `json:"color"`
		Style  string `json:"style"`
		Pos    string `json:"pos"`
		Width  string `json:"width"`
		Height string `json:"height"`
	} `json:"objects"`
	Edges []struct {
		ID    string `json:"id"`
		Color string `json:"color"`
		Draw  []struct {
			Op     string       `json:"op"`
			Points [][2]float64 `json:"points"`
		} `json:"_draw_"`
	} `json:"edges"`
}

var ctrlRE = regexp.MustCompile(`[\x00-\x08\x0b\x0c\x0e-\x1f]`)

// TestExamplePNG inspects the PNG of the shipped example against the layout
// Graphviz computed: the size matches, the picture is not blank, and every
// cluster frame, node border, edge and node label has ink of the right colour
// where the layout puts it (go-graphviz's own PNG renderer fails all but the
// first two).
func TestExamplePNG(t *testing.T) {
	g := exampleGraph(t, Options{})
	var dot bytes.Buffer
	g.DOT(&dot)
	js, err := graphviz.Layout(context.Background(), dot.Bytes(), "json")
	if err != nil {
		t.Fatal(err)
	}
	var l gvLayout
	if err := json.Unmarshal(ctrlRE.ReplaceAll(js, []byte(" ")), &l); err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(render(t, g, FormatPNG)))
	if err != nil {
		t.Fatal(err)
	}
	page := [4]float64{math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)}
	for _, o := range l.Draw {
		for _, p := range o.Points {
			page[0], page[1] = math.Min(page[0], p[0]), math.Min(page[1], p[1])
			page[2], page[3] = math.Max(page[2], p[0]), math.Max(page[3], p[1])
		}
	}
	const scale = 2.0
	wantW, wantH := int(math.Ceil((page[2]-page[0])*scale)), int(math.Ceil((page[3]-page[1])*scale))
	if b := img.Bounds(); b.Dx() != wantW || b.Dy() != wantH {
		t.Fatalf("PNG is %dx%d, the layout needs %dx%d", b.Dx(), b.Dy(), wantW, wantH)
	}
	px := func(x, y float64) (int, int) { return int((x - page[0]) * scale), int((page[3] - y) * scale) }

	ink := 0
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y += 2 {
		for x := b.Min.X; x < b.Max.X; x += 2 {
			if r, g, bl, _ := img.At(x, y).RGBA(); r < 0xf000 || g < 0xf000 || bl < 0xf000 {
				ink++
			}
		}
	}
	if frac := float64(ink) / float64(b.Dx()*b.Dy()/4); frac < 0.03 {
		t.Fatalf("PNG is nearly blank: %.1f%% ink", frac*100)
	}

	// near reports whether a pixel within r of (x,y) is close to colour c.
	near := func(x, y, r int, c color.NRGBA) bool {
		for dy := -r; dy <= r; dy++ {
			for dx := -r; dx <= r; dx++ {
				if closeTo(img.At(x+dx, y+dy), c, 60) {
					return true
				}
			}
		}
		return false
	}
	nodes := map[string]*Node{}
	for _, n := range g.Nodes {
		nodes[n.ID] = n
	}
	frames, borders, labels := 0, 0, 0
	for _, o := range l.Objects {
		switch {
		case strings.HasPrefix(o.Name, "cluster_") && o.Name != "cluster_legend":
			bb := parseBB(t, o.BB)
			c := hexNRGBA(t, o.Color)
			hit, n := 0, 0
			for x := bb[0] + 12; x < bb[2]-12; x += 4 {
				for _, y := range []float64{bb[1], bb[3]} {
					px, py := px(x, y)
					n++
					if near(px, py, 2, c) {
						hit++
					}
				}
			}
			min := 0.85
			if strings.Contains(o.Style, "dashed") {
				min = 0.5
			}
			if n == 0 || float64(hit)/float64(n) < min {
				t.Errorf("cluster %s: frame colour %s found at %d of %d points along its edges", o.ID, o.Color, hit, n)
			}
			frames++
		case nodes[o.Name] != nil:
			n := nodes[o.Name]
			pos := nums(o.Pos)
			w, h := fnum(o.Width)*72, fnum(o.Height)*72
			x0, x1, y0, y1 := pos[0]-w/2, pos[0]+w/2, pos[1]-h/2, pos[1]+h/2
			border, _ := frame(n.Kind)
			if sev, ok := g.worst(n.Findings); ok {
				border = sevStyles[sev].color
			}
			c := hexNRGBA(t, border)
			hit, cnt := 0, 0
			for y := y0 + 4; y < y1-4; y += 3 {
				for _, x := range []float64{x0, x1} {
					px, py := px(x, y)
					cnt++
					if near(px, py, 3, c) {
						hit++
					}
				}
			}
			if cnt == 0 || float64(hit)/float64(cnt) < 0.5 {
				t.Errorf("node %s: border %s found at %d of %d points", n.ID, border, hit, cnt)
			}
			borders++
			// The label: dark text pixels inside the box.
			lx0, ly0 := px(x0+3, y1-3)
			lx1, ly1 := px(x1-3, y0+3)
			dark := 0
			for y := ly0; y < ly1; y++ {
				for x := lx0; x < lx1; x++ {
					if r, g, bl, _ := img.At(x, y).RGBA(); r < 0x8000 && g < 0x8000 && bl < 0x8000 {
						dark++
					}
				}
			}
			if dark < 200 {
				t.Errorf("node %s: label text missing (%d dark pixels)", n.ID, dark)
			}
			labels++
		}
	}
	edges := 0
	for _, e := range l.Edges {
		c := hexNRGBA(t, firstNonEmpty(e.Color, colEdge))
		for _, d := range e.Draw {
			if d.Op != "b" && d.Op != "B" {
				continue
			}
			// The middle of every Bézier segment: the ends touch the nodes,
			// which are painted over the edges.
			for i := 0; i+3 < len(d.Points); i += 3 {
				p0, p1, p2, p3 := d.Points[i], d.Points[i+1], d.Points[i+2], d.Points[i+3]
				mx := (p0[0] + 3*p1[0] + 3*p2[0] + p3[0]) / 8
				my := (p0[1] + 3*p1[1] + 3*p2[1] + p3[1]) / 8
				x, y := px(mx, my)
				if !near(x, y, 3, c) {
					t.Errorf("edge %s: no %s ink in the middle of segment %d", e.ID, e.Color, i/3)
				}
			}
			edges++
		}
	}
	if frames == 0 || borders != len(g.Nodes) || edges != len(g.Edges) || labels == 0 {
		t.Errorf("checked %d frames, %d of %d node borders, %d of %d edges", frames, borders, len(g.Nodes), edges, len(g.Edges))
	}
}

func parseBB(t *testing.T, s string) [4]float64 {
	t.Helper()
	v := nums(s)
	if len(v) != 4 {
		t.Fatalf("bad bb %q", s)
	}
	return [4]float64{v[0], v[1], v[2], v[3]}
}

func hexNRGBA(t *testing.T, s string) color.NRGBA {
	t.Helper()
	v, err := strconv.ParseUint(strings.TrimPrefix(s, "#"), 16, 32)
	if err != nil || len(s) != 7 {
		t.Fatalf("bad colour %q", s)
	}
	return color.NRGBA{uint8(v >> 16), uint8(v >> 8), uint8(v), 255}
}

func closeTo(c color.Color, want color.NRGBA, tol int) bool {
	n := color.NRGBAModel.Convert(c).(color.NRGBA)
	d := func(a, b uint8) int {
		if a > b {
			return int(a - b)
		}
		return int(b - a)
	}
	return d(n.R, want.R)+d(n.G, want.G)+d(n.B, want.B) <= tol
}

var _ image.Image = (*image.RGBA)(nil)

// ---- HTML in a browser ----

// chromium runs headless Chromium on a file and returns the DOM after
// scripts ran and every console message (Chromium logs all levels as
// INFO:CONSOLE with --enable-logging=stderr).
func chromium(t *testing.T, path string) (dom string, console []string) {
	t.Helper()
	bin := ""
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			bin = p
			break
		}
	}
	if bin == "" {
		t.Skip("headless Chromium not found (Debian: apt-get install -y chromium); skipping the browser check of the HTML viewer")
	}
	ud := t.TempDir()
	ctx, cancel := context.WithTimeout(context.Background(), 90e9)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync", "--user-data-dir="+ud,
		"--enable-logging=stderr", "--v=0", "--virtual-time-budget=3000", "--dump-dom", "file://"+path)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		t.Fatalf("chromium: %v\n%s", err, errb.String())
	}
	for _, line := range strings.Split(errb.String(), "\n") {
		if strings.Contains(line, ":CONSOLE") {
			console = append(console, line)
		}
	}
	return out.String(), console
}

// TestExampleHTML opens the HTML viewer of the shipped example in headless
// Chromium: no console message at all (errors, CSP violations from a network
// request), the viewer's script ran to the end, and the findings table lists
// every finding with a link to a drawn element.
func TestExampleHTML(t *testing.T) {
	dir := t.TempDir()
	// The detector must see a broken page as broken, or a silent browser
	// would pass anything.
	control := filepath.Join(dir, "control.html")
	os.WriteFile(control, []byte(`<!DOCTYPE html><meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'"><img src="http://example.invalid/x.png"><script>missing();</script>`), 0o644)
	if _, console := chromium(t, control); len(console) < 2 {
		t.Fatalf("console capture does not work: %d messages from a page with a blocked request and an exception", len(console))
	}

	g := exampleGraph(t, Options{})
	page := render(t, g, FormatHTML)
	for _, bad := range []string{"http://", "https://"} {
		for _, m := range regexp.MustCompile(regexp.QuoteMeta(bad)+`[^"' <]*`).FindAll(page, -1) {
			if !bytes.HasPrefix(m, []byte("http://www.w3.org/")) {
				t.Errorf("the page names a network address: %s", m)
			}
		}
	}
	path := filepath.Join(dir, "example.html")
	if err := os.WriteFile(path, page, 0o644); err != nil {
		t.Fatal(err)
	}
	dom, console := chromium(t, path)
	for _, c := range console {
		t.Errorf("console: %s", c)
	}
	if !strings.Contains(dom, `data-ready="1"`) {
		t.Error("the viewer script did not run to the end")
	}
	if !strings.Contains(dom, `id="findings-table"`) {
		t.Fatal("no findings table in the page")
	}
	rows := regexp.MustCompile(`<tr class="sev-[a-z]+"( data-element="([A-Za-z0-9_]+)")?>`).FindAllStringSubmatch(dom, -1)
	if len(rows) != len(g.Findings) {
		t.Errorf("findings table has %d rows, want %d", len(rows), len(g.Findings))
	}
	for _, r := range rows {
		if r[2] != "" && !strings.Contains(dom, `id="`+r[2]+`"`) {
			t.Errorf("findings row links to %s, which is not in the page", r[2])
		}
	}
	if !strings.Contains(dom, "<svg") || strings.Contains(dom, `<svg width=`) {
		t.Error("the SVG is missing or the viewer did not take it over")
	}
}
