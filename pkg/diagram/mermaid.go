package diagram

import (
	"bytes"
	"fmt"
	"io"
	"slices"
	"strings"
)

// GitHub renders Mermaid with the library's default limits; a diagram over
// either is not drawn at all.
const (
	MermaidMaxEdges    = 500
	MermaidMaxTextSize = 50000
)

// Mermaid writes the graph as a Mermaid flowchart, for pull-request comments
// and READMEs. When the graph is over GitHub's limits it falls back to a
// coarser view (overview, then stronger aggregation), says so in the output and
// in g.Notes, and fails only when even that is too large.
func (g *Graph) Mermaid(w io.Writer) error {
	text := g.mermaid("")
	if fits(g, text) {
		_, err := io.WriteString(w, text)
		return err
	}
	why := fmt.Sprintf("the %s view has %d edges and %d characters; GitHub renders at most %d and %d",
		g.Detail, len(g.Edges), len(text), MermaidMaxEdges, MermaidMaxTextSize)
	if g.src.m != nil {
		tries := []struct {
			agg      int
			networks bool
			say      string
		}{
			{0, false, "--detail overview"},
			{2, false, "--detail overview with every pair of same-shaped siblings aggregated"},
			{0, true, "service networks only, with their services counted"},
		}
		for _, t := range tries {
			src := g.src
			src.opts.Detail, src.opts.AggregateMin, src.networksOnly = DetailOverview, t.agg, t.networks
			c, err := build(src)
			if err != nil {
				return err
			}
			note := "fell back to " + t.say + ": " + why
			ct := c.mermaid(note)
			if fits(c, ct) {
				g.Notes = append(g.Notes, "mermaid: "+note)
				_, err := io.WriteString(w, ct)
				return err
			}
		}
	}
	return errorf("mermaid: %s, and even the coarsest view is too large; use --split service-network, --focus, or --format svg", why)
}

// mermaidKinds are the node kinds with a classDef of their own.
var mermaidKinds = map[string]bool{"service_network": true, "service": true, "target_group": true, "resource_share": true}

func fits(g *Graph, text string) bool {
	return len(g.Edges) <= MermaidMaxEdges && len(text) <= MermaidMaxTextSize
}

func (g *Graph) mermaid(note string) string {
	var b bytes.Buffer
	p := func(in int, format string, args ...any) {
		b.WriteString(strings.Repeat("  ", in))
		fmt.Fprintf(&b, format, args...)
		b.WriteByte('\n')
	}
	p(0, "---")
	p(0, "title: %s", yamlQuote(g.Summary))
	p(0, "---")
	p(0, "flowchart LR")
	if note != "" {
		p(1, "%%%% lattice-lint: %s", strings.ReplaceAll(note, "\n", " "))
	}
	children := map[string][]*Cluster{}
	members := map[string][]*Node{}
	for _, c := range g.Clusters {
		children[c.Parent] = append(children[c.Parent], c)
	}
	for _, n := range g.Nodes {
		members[n.Cluster] = append(members[n.Cluster], n)
	}
	var classes [][2]string
	node := func(in int, n *Node) {
		lines := []string{n.Caption, "<b>" + mmd(truncate(n.Name, 40)) + "</b>"}
		if bd := g.badge(n.Findings); bd != "" {
			lines = append(lines, mmd(bd))
		}
		for _, f := range n.Facts {
			lines = append(lines, mmd(f.Text))
		}
		for _, r := range n.Rows {
			lines = append(lines, mmd(r.Label+" · "+r.Note))
		}
		open, close := "[", "]"
		if n.Ghost || n.Kind == "resource_share" {
			open, close = "([", "])"
		}
		p(in, `%s%s"%s"%s`, n.ID, open, strings.Join(lines, "<br/>"), close)
		if mermaidKinds[n.Kind] {
			classes = append(classes, [2]string{n.ID, "k_" + n.Kind})
		}
		if n.Ghost {
			classes = append(classes, [2]string{n.ID, "ghost"})
		}
		if n.Reach != "" {
			classes = append(classes, [2]string{n.ID, "reach_" + n.Reach})
		}
		if sev, ok := g.worst(n.Findings); ok {
			classes = append(classes, [2]string{n.ID, "sev_" + string(sev)})
		}
	}
	var cluster func(in int, c *Cluster)
	cluster = func(in int, c *Cluster) {
		label := c.Label
		if bd := g.badge(c.Findings); bd != "" {
			label += " " + bd
		}
		p(in, `subgraph %s["%s"]`, c.ID, mmd(label))
		for _, n := range members[c.ID] {
			node(in+1, n)
		}
		for _, ch := range children[c.ID] {
			cluster(in+1, ch)
		}
		p(in, "end")
	}
	for _, n := range members[""] {
		node(1, n)
	}
	for _, c := range children[""] {
		cluster(1, c)
	}
	var linkStyles []string
	for i, e := range g.Edges {
		var label []string
		if bd := g.badge(e.Findings); bd != "" {
			label = append(label, bd)
		}
		if e.Label != "" {
			label = append(label, e.Label)
		}
		if e.Count > 1 && e.Kind != "forward" {
			label = append(label, fmt.Sprintf("×%d", e.Count))
		}
		arrow := "-->"
		switch {
		case e.Kind == "share":
			arrow = "-.-"
			linkStyles = append(linkStyles, fmt.Sprintf("linkStyle %d stroke:%s", i, colShare))
		case e.CrossAccount:
			arrow = "==>"
			label = append(label, "cross-account")
			linkStyles = append(linkStyles, fmt.Sprintf("linkStyle %d stroke:%s,stroke-width:3px", i, colAccount))
		}
		if sev, ok := g.worst(e.Findings); ok {
			st := sevStyles[sev]
			linkStyles = append(linkStyles, fmt.Sprintf("linkStyle %d stroke:%s,stroke-width:%dpx", i, st.color, st.width))
		}
		if len(label) > 0 {
			p(1, `%s %s|"%s"| %s`, e.From, arrow, mmd(strings.Join(label, " · ")), e.To)
		} else {
			p(1, "%s %s %s", e.From, arrow, e.To)
		}
	}
	if lo := g.LeftOut(); lo != "" {
		p(1, `left_out["%s"]`, mmd(lo))
		classes = append(classes, [2]string{"left_out", "note"})
	}
	p(1, "classDef k_service_network fill:#F4EFFF,stroke:%s", colVPC)
	p(1, "classDef k_service fill:#FFFFFF,stroke:%s", colEdge)
	p(1, "classDef k_target_group fill:#FFFFFF,stroke:%s", colTG)
	p(1, "classDef k_resource_share fill:#FFFFFF,stroke:%s,stroke-dasharray:4 3", colShare)
	p(1, "classDef ghost fill:#FFFFFF,stroke:%s,stroke-dasharray:4 3,color:%s", colGhost, colGhost)
	p(1, "classDef note fill:#FFFFFF,stroke:#FFFFFF,color:%s", colCaption)
	for _, r := range []string{reachReachable, reachBlocked, reachUnknown} {
		if slices.ContainsFunc(g.Nodes, func(n *Node) bool { return n.Reach == r }) {
			p(1, "classDef reach_%s fill:%s", r, reachFill[r])
		}
	}
	for _, s := range []string{"error", "warning", "info"} {
		st := sevStyles[rulesSeverity(s)]
		dash := ""
		if st.style == "dashed" {
			dash = ",stroke-dasharray:4 3"
		}
		p(1, "classDef sev_%s stroke:%s,stroke-width:%dpx%s", s, st.color, st.width, dash)
	}
	for _, c := range classes {
		p(1, "class %s %s", c[0], c[1])
	}
	for _, c := range g.Clusters {
		color, dash := colGhost, ",stroke-dasharray:5 5"
		switch {
		case c.Ghost:
		case c.Kind == "account":
			color, dash = colAccount, ""
		case c.Kind == "region":
			color = colRegion
		case c.Kind == "vpc":
			color, dash = colVPC, ""
		}
		if sev, ok := g.worst(c.Findings); ok {
			color = sevStyles[sev].color
		}
		p(1, "style %s fill:transparent,stroke:%s%s", c.ID, color, dash)
	}
	for _, l := range linkStyles {
		p(1, "%s", l)
	}
	return b.String()
}

// mmd escapes text for a quoted Mermaid label: Mermaid decodes #name; and
// #number; entity codes, so the characters it would misread become codes.
func mmd(s string) string {
	var b strings.Builder
	for _, r := range clean(s) {
		switch r {
		case '"':
			b.WriteString("#quot;")
		case '<':
			b.WriteString("#lt;")
		case '>':
			b.WriteString("#gt;")
		case '&':
			b.WriteString("#amp;")
		case '#':
			b.WriteString("#35;")
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func yamlQuote(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(clean(s)) + `"`
}
