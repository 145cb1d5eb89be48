package diagram

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// DOT writes the graph as Graphviz DOT. The output depends only on the graph:
// elements are sorted, ids are stable and every label is escaped, so it serves
// as a golden file and feeds any Graphviz.
func (g *Graph) DOT(w io.Writer) error {
	bw := bufio.NewWriter(w)
	d := &dotWriter{g: g, w: bw, children: map[string][]*Cluster{}, members: map[string][]*Node{}}
	for _, c := range g.Clusters {
		d.children[c.Parent] = append(d.children[c.Parent], c)
	}
	for _, n := range g.Nodes {
		d.members[n.Cluster] = append(d.members[n.Cluster], n)
	}
	d.write()
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("diagram: write dot: %w", err)
	}
	return nil
}

// boundLayoutAt is the number of boxes above which the layout's effort is
// bounded by layoutBounds. At 1,700 boxes (10,000 resources) Graphviz spends
// most of its time placing nodes within their ranks (network simplex on an
// auxiliary graph twice the size of the drawing, 900 iterations) and
// reordering them. The bounds cut the layout's CPU time by a sixth to a
// third on the 10,000-resource tree (embedded Graphviz 2.4 → 2.0 s, native
// 1.6 → 0.9 s); the picture keeps its ranks and clusters. Smaller
// diagrams, and so every golden file, keep the full search.
const boundLayoutAt = 500

// layoutBounds: nslimit caps network simplex iterations for x coordinates at
// 0.05 × the nodes; searchsize bounds the edges it searches per iteration.
const layoutBounds = "nslimit=0.05, searchsize=10"

type dotWriter struct {
	g        *Graph
	w        *bufio.Writer
	children map[string][]*Cluster
	members  map[string][]*Node
}

func (d *dotWriter) p(indent int, format string, args ...any) {
	d.w.WriteString(strings.Repeat("  ", indent))
	fmt.Fprintf(d.w, format, args...)
	d.w.WriteByte('\n')
}

func (d *dotWriter) write() {
	g := d.g
	caption := g.Summary
	if lo := g.LeftOut(); lo != "" {
		caption += "\n" + wrap(lo, 140)
	}
	d.p(0, "digraph lattice {")
	d.p(1, `graph [id="lattice", rankdir=LR, newrank=true, compound=true, fontname="Arial", fontsize=11, nodesep=0.35, ranksep=0.7, pad=0.3, labelloc=t, labeljust=l, label=%s];`, quoteLines(caption))
	if len(g.Nodes) > boundLayoutAt {
		d.p(1, "graph [%s];", layoutBounds)
	}
	d.p(1, `node [fontname="Arial", fontsize=10, shape=plain];`)
	d.p(1, `edge [fontname="Arial", fontsize=9, color="%s", arrowsize=0.7];`, colEdge)
	for _, n := range d.members[""] {
		d.node(1, n)
	}
	for _, c := range d.children[""] {
		d.cluster(1, c)
	}
	for _, e := range g.Edges {
		d.edge(e)
	}
	d.legend()
	d.p(0, "}")
}

func (d *dotWriter) cluster(in int, c *Cluster) {
	color, style, width := colGhost, "dashed", "1"
	switch {
	case c.Ghost:
	case c.Kind == "account":
		color, style, width = colAccount, "rounded", "1.5"
	case c.Kind == "region":
		color, style = colRegion, "dashed"
	case c.Kind == "vpc":
		color, style = colVPC, "rounded"
	}
	fontcolor := color
	label := c.Label
	tooltip := c.Label
	cls := "cluster_" + c.Kind
	if sev, ok := d.g.worst(c.Findings); ok {
		st := sevStyles[sev]
		color, width = st.color, fmt.Sprint(st.width)
		if st.style != "" {
			style = st.style
		}
		label += "  " + d.g.badge(c.Findings)
		tooltip += "\n" + strings.Join(d.g.findingLines(c.Findings), "\n")
		cls += " sev_" + string(sev)
	}
	d.p(in, "subgraph cluster_%s {", c.ID)
	// Every attribute is set on every cluster: Graphviz inherits graph
	// attributes (id included) into nested clusters otherwise.
	d.p(in+1, `id="%s"; class="%s"; label=%s; tooltip=%s;`, c.ID, cls, quote(label), quote(tooltip))
	d.p(in+1, `color="%s"; fontcolor="%s"; style="%s"; penwidth=%s; bgcolor="transparent";`, color, fontcolor, style, width)
	for _, n := range d.members[c.ID] {
		d.node(in+1, n)
	}
	for _, ch := range d.children[c.ID] {
		d.cluster(in+1, ch)
	}
	d.p(in, "}")
}

func (d *dotWriter) node(in int, n *Node) {
	border, fill := frame(n.Kind)
	bw, style := 1, ""
	textColor := ""
	if n.Ghost {
		border, style, textColor = colGhost, "dashed", colGhost
	}
	if n.Kind == "resource_share" && !n.Ghost {
		style = "dashed"
	}
	cls := "node_" + n.Kind
	if f, ok := reachFill[n.Reach]; ok {
		fill = f
		cls += " reach_" + n.Reach
	}
	sev, hasF := d.g.worst(n.Findings)
	if hasF {
		st := sevStyles[sev]
		border, bw = st.color, st.width
		if st.style != "" {
			style = st.style
		}
		cls += " sev_" + string(sev)
	}
	if n.Ghost {
		cls += " ghost"
	}
	cols := 1
	if len(n.Rows) > 0 {
		cols = 2
	}
	span := ""
	if cols == 2 {
		span = ` COLSPAN="2"`
	}
	var t strings.Builder
	// A dashed frame is the node's own box, not the table's border: Graphviz
	// 12.1.2 writes STYLE="dashed" of an HTML table into its json output
	// without a terminator (garbage follows), which would break the PNG path.
	shape := ""
	if style == "dashed" {
		shape = fmt.Sprintf(`shape=box, style="dashed", color="%s", penwidth=%d, margin=0, `, border, bw)
		fmt.Fprintf(&t, `<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="3" BGCOLOR="%s">`, fill)
	} else {
		fmt.Fprintf(&t, `<TABLE BORDER="%d" COLOR="%s" CELLBORDER="0" CELLSPACING="0" CELLPADDING="3" BGCOLOR="%s">`, bw, border, fill)
	}
	row := func(attrs, content string) {
		fmt.Fprintf(&t, `<TR><TD ALIGN="LEFT"%s%s>%s</TD></TR>`, span, attrs, content)
	}
	row("", font(8, colCaption, html(n.Caption)))
	name := html(truncate(n.Name, 40))
	if textColor != "" {
		row("", font(0, textColor, "<B>"+name+"</B>"))
	} else {
		row("", "<B>"+name+"</B>")
	}
	if hasF {
		row("", font(0, sevStyles[sev].color, html(d.g.badge(n.Findings))))
	}
	for _, f := range n.Facts {
		if f.Muted {
			row("", font(8, colMuted, html(f.Text)))
		} else {
			row(` BGCOLOR="`+colFactBG+`"`, html(f.Text))
		}
	}
	for _, r := range n.Rows {
		fmt.Fprintf(&t, `<TR><TD ALIGN="LEFT" BGCOLOR="%s">%s</TD><TD ALIGN="RIGHT" BGCOLOR="%s" PORT="%s">%s</TD></TR>`,
			colFactBG, html(r.Label), colFactBG, r.Port, font(8, "", html(r.Note)))
	}
	t.WriteString("</TABLE>")
	tip := []string{n.Name}
	if n.Count > 1 {
		tip[0] = fmt.Sprintf("%s (%d entities)", n.Name, len(n.Entities))
	} else if n.Address != "" {
		tip = append(tip, n.Address)
	}
	if n.Location != "" && n.Count <= 1 {
		tip = append(tip, n.Location)
	}
	tip = append(tip, d.g.findingLines(n.Findings)...)
	attrs := fmt.Sprintf(`id="%s", class="%s", tooltip=%s`, n.ID, cls, quote(strings.Join(tip, "\n")))
	if n.URL != "" {
		attrs += ", URL=" + quote(n.URL)
	}
	d.p(in, "%s [%s%s, label=<%s>];", n.ID, shape, attrs, t.String())
}

func (d *dotWriter) edge(e *Edge) {
	var attrs []string
	attrs = append(attrs, fmt.Sprintf(`id="%s"`, e.ID))
	cls := "edge_" + e.Kind
	var label []string
	if e.Label != "" {
		label = append(label, e.Label)
	}
	if e.Count > 1 && e.Kind != "forward" {
		label = append(label, fmt.Sprintf("×%d", e.Count))
	}
	color, width, style := "", "", ""
	switch {
	case e.Kind == "share":
		color, style = colShare, "dashed"
		attrs = append(attrs, "dir=none", "constraint=false")
	case e.CrossAccount:
		color, width = colAccount, "2.5"
		label = append(label, "cross-account")
		cls += " cross_account"
	}
	var tip []string
	if sev, ok := d.g.worst(e.Findings); ok {
		st := sevStyles[sev]
		color, width = st.color, fmt.Sprint(st.width)
		if st.style != "" {
			style = st.style
		}
		label = append([]string{d.g.badge(e.Findings)}, label...)
		tip = d.g.findingLines(e.Findings)
		cls += " sev_" + string(sev)
	}
	attrs = append(attrs, fmt.Sprintf(`class="%s"`, cls))
	if color != "" {
		attrs = append(attrs, fmt.Sprintf(`color="%s"`, color), fmt.Sprintf(`fontcolor="%s"`, color))
	}
	if width != "" {
		attrs = append(attrs, "penwidth="+width)
	}
	if style != "" {
		attrs = append(attrs, fmt.Sprintf(`style="%s"`, style))
	}
	if len(label) > 0 {
		attrs = append(attrs, "label="+quote(strings.Join(label, "\n")))
	}
	if len(tip) > 0 {
		attrs = append(attrs, "tooltip="+quote(strings.Join(tip, "\n")))
	}
	from := e.From
	if e.FromPort != "" {
		from += ":" + e.FromPort + ":e"
	}
	d.p(1, "%s -> %s [%s];", from, e.To, strings.Join(attrs, ", "))
}

// legend explains the marks in use, as one table node.
func (d *dotWriter) legend() {
	if len(d.g.Legend) == 0 {
		return
	}
	var t strings.Builder
	t.WriteString(`<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="4" CELLPADDING="2">`)
	t.WriteString(`<TR><TD ALIGN="LEFT" COLSPAN="2">` + font(8, colCaption, "LEGEND") + `</TD></TR>`)
	for _, it := range d.g.Legend {
		sample := ""
		switch it.Key {
		case "sev_error", "sev_warning", "sev_info":
			st := sevStyles[rulesSeverity(strings.TrimPrefix(it.Key, "sev_"))]
			if st.style == "dashed" {
				sample = dashSample(st.color)
			} else {
				sample = fmt.Sprintf(`<TD BORDER="%d" COLOR="%s" WIDTH="28" HEIGHT="14"> </TD>`, st.width, st.color)
			}
		case "cross_account":
			sample = fmt.Sprintf(`<TD BGCOLOR="%s" WIDTH="28" HEIGHT="3" FIXEDSIZE="TRUE"> </TD>`, colAccount)
		case "share":
			sample = dashSample(colShare)
		case "ghost":
			sample = dashSample(colGhost)
		case "reach_reachable", "reach_blocked", "reach_unknown":
			sample = fmt.Sprintf(`<TD BORDER="1" COLOR="%s" BGCOLOR="%s" WIDTH="28" HEIGHT="14"> </TD>`, colEdge, reachFill[strings.TrimPrefix(it.Key, "reach_")])
		case "aggregate":
			sample = `<TD BORDER="1" COLOR="` + colVPC + `" WIDTH="28" HEIGHT="14">×n</TD>`
		}
		fmt.Fprintf(&t, `<TR>%s<TD ALIGN="LEFT">%s</TD></TR>`, sample, html(it.Label))
	}
	t.WriteString("</TABLE>")
	d.p(1, "subgraph cluster_legend {")
	d.p(2, `id="legend_box"; class="legend"; label=""; tooltip="Legend"; color="#AAB7B8"; fontcolor="#AAB7B8"; style="rounded"; penwidth=1; bgcolor="transparent";`)
	d.p(2, `legend [id="legend", class="legend", tooltip="Legend", label=<%s>];`, t.String())
	d.p(1, "}")
}

// dashSample is a dashed line drawn as a row of short bars (no table STYLE,
// see node).
func dashSample(color string) string {
	bar := fmt.Sprintf(`<TD BGCOLOR="%s" WIDTH="5" HEIGHT="2" FIXEDSIZE="TRUE"></TD>`, color)
	return `<TD WIDTH="28"><TABLE BORDER="0" CELLBORDER="0" CELLSPACING="2" CELLPADDING="0"><TR>` +
		strings.Repeat(bar, 4) + `</TR></TABLE></TD>`
}

func font(size int, color, s string) string {
	attrs := ""
	if size > 0 {
		attrs += fmt.Sprintf(` POINT-SIZE="%d"`, size)
	}
	if color != "" {
		attrs += fmt.Sprintf(` COLOR="%s"`, color)
	}
	if attrs == "" {
		return s
	}
	return "<FONT" + attrs + ">" + s + "</FONT>"
}

// html escapes text for a Graphviz HTML-like label.
func html(s string) string {
	var b strings.Builder
	for _, r := range clean(s) {
		switch r {
		case '&':
			b.WriteString("&amp;")
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '"':
			b.WriteString("&quot;")
		case '\'':
			b.WriteString("&#39;")
		case '\\':
			// Graphviz turns \\ into \ in HTML-like labels (entities too).
			b.WriteString(`\\`)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// quote makes a DOT double-quoted string; newlines become \n line breaks.
func quote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\n':
			b.WriteString(`\n`)
		case '\r', '\t':
			b.WriteByte(' ')
		default:
			if r < 0x20 || r == 0x7f {
				b.WriteByte(' ')
				continue
			}
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// quoteLines is quote with every line left-justified (\l).
func quoteLines(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, line := range strings.Split(s, "\n") {
		q := quote(line)
		b.WriteString(q[1 : len(q)-1])
		b.WriteString(`\l`)
	}
	b.WriteByte('"')
	return b.String()
}

// wrap breaks s at spaces so no line is longer than width runes.
func wrap(s string, width int) string {
	var lines []string
	line := ""
	for _, w := range strings.Fields(s) {
		if line != "" && len([]rune(line))+1+len([]rune(w)) > width {
			lines = append(lines, line)
			line = "  " + w
			continue
		}
		if line == "" {
			line = w
		} else {
			line += " " + w
		}
	}
	if line != "" {
		lines = append(lines, line)
	}
	return strings.Join(lines, "\n")
}
