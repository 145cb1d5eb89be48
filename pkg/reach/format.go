package reach

import (
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"
	"text/tabwriter"
)

// WriteText writes an answer for a terminal: the verdict, what it rests on,
// then every path hop by hop.
func WriteText(w io.Writer, ans *Answer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "%s -> %s: %s\n", ans.From, ans.To, ans.Verdict)
	if ans.Verdict == Reachable {
		for _, c := range ans.Conditions() {
			fmt.Fprintf(&b, "  condition: %s\n", c)
		}
	}
	if len(ans.BlockedBy) > 0 {
		b.WriteString("blocked by:\n")
		for _, x := range ans.BlockedBy {
			rule := x.Rule
			if rule == "" {
				rule = "-"
			}
			fmt.Fprintf(&b, "  %s [%s]: %s\n", x.Entity, rule, x.Why)
		}
	}
	if ans.Verdict == Unknown {
		b.WriteString("unknown because:\n")
		for _, h := range ans.Unknowns() {
			fmt.Fprintf(&b, "  %s (%s): %s\n", h.Entity, h.Step, h.Why)
		}
	}
	for i, p := range ans.Paths {
		fmt.Fprintf(&b, "\npath %d of %d: %s\n", i+1, len(ans.Paths), p.Status())
		for _, h := range p.Hops {
			at := ""
			if h.Range != "" {
				at = " (" + h.Range + ")"
			}
			fmt.Fprintf(&b, "  %-7s %-26s %s%s\n", h.Status, h.Step, h.Entity, at)
			fmt.Fprintf(&b, "          %s\n", h.Why)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// WriteJSON writes an answer as JSON: verdict, paths (each a list of hops
// with step, entity, status, why, range) and blocked_by.
func WriteJSON(w io.Writer, ans *Answer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(ans)
}

// Matrix formats.
const (
	MatrixTable    = "table"
	MatrixJSON     = "json"
	MatrixMarkdown = "markdown"
)

// WriteMatrix writes the matrix as a table (clients down, services across),
// JSON (a list of cells) or Markdown.
func WriteMatrix(w io.Writer, cells []Cell, format string) error {
	switch format {
	case MatrixJSON:
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		if cells == nil {
			cells = []Cell{}
		}
		return enc.Encode(cells)
	case MatrixTable, MatrixMarkdown:
	default:
		return fmt.Errorf("reach --matrix: format %q: want table, json or markdown", format)
	}
	clients, services, at := grid(cells)
	if len(clients) == 0 {
		_, err := io.WriteString(w, "no client VPC: no VPC has a service network association or a ServiceNetwork endpoint\n")
		return err
	}
	if format == MatrixMarkdown {
		var b strings.Builder
		b.WriteString("| client \\ target | " + strings.Join(escapeAll(services), " | ") + " |\n")
		b.WriteString("|---" + strings.Repeat("|---", len(services)) + "|\n")
		for _, c := range clients {
			row := []string{escape(c)}
			for _, s := range services {
				row = append(row, at[c+"\x00"+s])
			}
			b.WriteString("| " + strings.Join(row, " | ") + " |\n")
		}
		_, err := io.WriteString(w, b.String())
		return err
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "CLIENT \\ TARGET\t%s\n", strings.Join(services, "\t"))
	for _, c := range clients {
		row := []string{c}
		for _, s := range services {
			row = append(row, at[c+"\x00"+s])
		}
		fmt.Fprintln(tw, strings.Join(row, "\t"))
	}
	return tw.Flush()
}

// grid lays the cells out: sorted clients and services, and each verdict.
func grid(cells []Cell) (clients, services []string, at map[string]string) {
	at = map[string]string{}
	seenC, seenS := map[string]bool{}, map[string]bool{}
	for _, c := range cells {
		if !seenC[c.From] {
			seenC[c.From] = true
			clients = append(clients, c.From)
		}
		if !seenS[c.To] {
			seenS[c.To] = true
			services = append(services, c.To)
		}
		at[c.From+"\x00"+c.To] = c.Verdict
	}
	sort.Strings(clients)
	sort.Strings(services)
	return clients, services, at
}

func escape(s string) string { return strings.ReplaceAll(s, "|", `\|`) }

func escapeAll(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = escape(s)
	}
	return out
}
