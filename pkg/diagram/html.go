package diagram

import (
	"bytes"
	_ "embed"
	"fmt"
	"html/template"
	"io"
)

var (
	//go:embed assets/viewer.js
	viewerJS string
	//go:embed assets/viewer.css
	viewerCSS string
)

// The page makes no network request: everything is inline, and the Content
// Security Policy forbids loading anything else, so a stray reference fails
// loudly in the browser console instead of phoning out.
var page = template.Must(template.New("page").Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}}</title>
<style>{{.CSS}}</style>
</head>
<body>
<header>
<h1>{{.Title}}</h1>
<p id="summary">{{.Summary}}</p>
{{if .LeftOut}}<p id="left-out">{{.LeftOut}}</p>{{end}}
<input id="search" type="search" placeholder="Search names, rules, messages" aria-label="Search">
<button id="zoom-in" type="button" title="Zoom in">+</button>
<button id="zoom-out" type="button" title="Zoom out">−</button>
<button id="zoom-fit" type="button" title="Fit">Fit</button>
</header>
<main>
<div id="canvas">{{.SVG}}</div>
<section id="findings">
<h2>Findings ({{len .Rows}})</h2>
<table id="findings-table">
<thead><tr><th>Severity</th><th>Rule</th><th>Message</th><th>Where</th></tr></thead>
<tbody>
{{range .Rows}}<tr class="sev-{{.Severity}}"{{if .Element}} data-element="{{.Element}}"{{end}}><td>{{.Severity}}</td><td>{{.RuleID}}</td><td>{{.Message}}</td><td>{{.Address}}<br><small>{{.Location}}</small>{{if not .Element}}<br><small class="empty">not drawn in this view</small>{{end}}</td></tr>
{{else}}<tr><td colspan="4" class="empty">No findings.</td></tr>
{{end}}</tbody>
</table>
</section>
</main>
<script>{{.JS}}</script>
</body>
</html>
`))

type htmlRow struct {
	Severity, RuleID, Message, Address, Location, Element string
}

// html writes the offline viewer around an already self-contained SVG.
func (g *Graph) html(svg []byte, w io.Writer) error {
	if i := bytes.Index(svg, []byte("<svg")); i > 0 {
		svg = svg[i:] // drop the XML declaration: not allowed inside HTML
	}
	title := g.Title
	if title == "" {
		title = "VPC Lattice topology"
	} else {
		title = "VPC Lattice topology · " + title
	}
	var rows []htmlRow
	for _, mk := range g.Findings {
		rows = append(rows, htmlRow{Severity: string(mk.Severity), RuleID: mk.RuleID, Message: mk.Message,
			Address: mk.Address, Location: mk.Range.String(), Element: mk.Element})
	}
	data := struct {
		Title, Summary, LeftOut string
		CSS                     template.CSS
		JS                      template.JS
		SVG                     template.HTML
		Rows                    []htmlRow
	}{title, g.Summary, g.LeftOut(), template.CSS(viewerCSS), template.JS(viewerJS), template.HTML(svg), rows}
	if err := page.Execute(w, data); err != nil {
		return fmt.Errorf("diagram: write html: %w", err)
	}
	return nil
}
