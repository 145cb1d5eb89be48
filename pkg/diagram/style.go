package diagram

import (
	"fmt"
	"strings"

	"github.com/lattice-lint/lattice-lint/pkg/finding"
	"github.com/lattice-lint/lattice-lint/pkg/model"
)

// Colours: AWS group colours for containers, category colours for frames,
// and severity colours that only findings use.
const (
	colAccount = "#E7157B"
	colRegion  = "#00A4A6"
	colVPC     = "#8C4FFF"
	colGhost   = "#879196"
	colInk     = "#232F3E"
	colEdge    = "#545B64"
	colCaption = "#545B64"
	colMuted   = "#879196"
	colFactBG  = "#F2F3F3"
	colShare   = "#DD344C"
	colTG      = "#ED7100"
)

type sevStyle struct {
	color string
	width int
	style string // "" or dashed
}

var sevStyles = map[finding.Severity]sevStyle{
	finding.SeverityError:   {"#D13212", 3, ""},
	finding.SeverityWarning: {"#FF9900", 2, ""},
	finding.SeverityInfo:    {"#879196", 1, "dashed"},
}

// frame is the border and fill of a node kind.
func frame(kind string) (border, fill string) {
	switch model.Kind(kind) {
	case model.KindServiceNetwork:
		return colVPC, "#F4EFFF"
	case model.KindTargetGroup:
		return colTG, "#FFFFFF"
	case model.KindResourceShare:
		return colShare, "#FFFFFF"
	case model.KindService, model.KindListenerRule:
		return colEdge, "#FFFFFF"
	}
	return colVPC, "#FFFFFF"
}

// worst returns the highest severity among the marks, ok false when none.
func (g *Graph) worst(idx []int) (finding.Severity, bool) {
	var w finding.Severity
	for _, i := range idx {
		if s := g.Findings[i].Severity; s.Rank() > w.Rank() {
			w = s
		}
	}
	return w, len(idx) > 0
}

// badge is the "⚠ n" text: colour is never the only cue.
func (g *Graph) badge(idx []int) string {
	if len(idx) == 0 {
		return ""
	}
	c := map[finding.Severity]int{}
	for _, i := range idx {
		c[g.Findings[i].Severity]++
	}
	var parts []string
	for _, s := range []finding.Severity{finding.SeverityError, finding.SeverityWarning, finding.SeverityInfo} {
		if c[s] > 0 {
			parts = append(parts, sevCount(c[s], s))
		}
	}
	if len(parts) == 1 {
		return "⚠ " + parts[0]
	}
	return fmt.Sprintf("⚠ %d: %s", len(idx), strings.Join(parts, ", "))
}

func sevCount(n int, s finding.Severity) string {
	if s == finding.SeverityInfo || n == 1 {
		return fmt.Sprintf("%d %s", n, s)
	}
	return fmt.Sprintf("%d %ss", n, s)
}

// findingLines lists the findings for a tooltip.
func (g *Graph) findingLines(idx []int) []string {
	var out []string
	for i, k := range idx {
		if i == 8 {
			out = append(out, fmt.Sprintf("… and %d more", len(idx)-8))
			break
		}
		f := g.Findings[k]
		out = append(out, fmt.Sprintf("%s %s: %s", f.RuleID, f.Severity, truncate(clean(f.Message), 120)))
	}
	return out
}

func rulesSeverity(s string) finding.Severity { return finding.Severity(s) }
