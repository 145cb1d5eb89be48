package output

import (
	"strings"
	"unicode"

	"golang.org/x/text/width"

	"github.com/lattice-lint/lattice-lint/pkg/model"
)

const (
	tabWidth = 4
	// maxSnippetWidth bounds the printed source line: minified JSON templates
	// put a whole stack on one line. Longer lines are cut to a window around
	// the range, marked with "...".
	maxSnippetWidth = 120
	// snippetContext is how many cells of the line to keep before the range
	// when the line is cut.
	snippetContext = 40
	ellipsis       = "..."
)

// snippet is one source line ready for the terminal and the underline under it.
type snippet struct {
	text  string // tabs expanded, unsafe characters replaced, possibly cut
	pad   int    // cells before the underline
	width int    // cells of the underline, at least 1
}

// cell is one rune as displayed.
type cell struct {
	s string
	w int
}

// makeSnippet lays out line (the text of rng.Start.Line) and places the
// underline for rng. Columns count Unicode code points (model.Pos); display
// cells count East Asian wide characters as two and combining marks as zero,
// and a tab as tabWidth spaces in both the line and the underline, so the
// caret lands under the right character.
func makeSnippet(line string, rng model.Range) snippet {
	line, rng = nearRange(line, rng)
	var cells []cell
	for _, r := range line {
		cells = append(cells, displayCell(r))
	}
	start, end := underlineSpan(line, cells, rng)

	// pre[i] is the width of cells[:i]; long lines make anything quadratic hurt.
	pre := make([]int, len(cells)+1)
	for i, c := range cells {
		pre[i+1] = pre[i] + c.w
	}
	// Cut long lines to a window [lo, hi) that holds the start of the range.
	n := len(cells)
	lo, hi := 0, n
	if pre[n] > maxSnippetWidth {
		for lo < start && pre[start]-pre[lo] > snippetContext {
			lo++
		}
		lead := 0
		if lo > 0 {
			lead = len(ellipsis)
		}
		if lead+pre[n]-pre[lo] > maxSnippetWidth {
			hi = lo
			for hi < n && lead+pre[hi+1]-pre[lo]+len(ellipsis) <= maxSnippetWidth {
				hi++
			}
		}
	}
	var b strings.Builder
	pad := 0
	if lo > 0 {
		b.WriteString(ellipsis)
		pad = len(ellipsis)
	}
	for _, c := range cells[lo:hi] {
		b.WriteString(c.s)
	}
	if hi < len(cells) {
		b.WriteString(ellipsis)
	}
	start = max(start, lo)
	pad += pre[start] - pre[lo]
	w := 0
	if start < hi {
		w = pre[min(end, hi)] - pre[start]
	}
	return snippet{text: b.String(), pad: pad, width: max(w, 1)}
}

// underlineSpan returns the rune indexes [start, end) of line to underline.
func underlineSpan(line string, cells []cell, rng model.Range) (start, end int) {
	n := len(cells)
	if rng.Start.Column < 1 {
		// No column: underline the line's text, without indentation.
		trimmed := strings.TrimLeftFunc(line, unicode.IsSpace)
		start = n - len([]rune(trimmed))
		end = start + len([]rune(strings.TrimRightFunc(trimmed, unicode.IsSpace)))
		return start, end
	}
	start = min(rng.Start.Column-1, n)
	switch {
	case rng.End.Line == rng.Start.Line && rng.End.Column > rng.Start.Column:
		end = min(rng.End.Column-1, n)
	case rng.End.Line > rng.Start.Line:
		// The range goes on below: underline to the end of the text on this line.
		end = len([]rune(strings.TrimRightFunc(line, unicode.IsSpace)))
	}
	return start, max(end, start+1)
}

func displayCell(r rune) cell {
	if r == '\t' {
		return cell{strings.Repeat(" ", tabWidth), tabWidth}
	}
	if unsafeRune(r) {
		return cell{string(unicode.ReplacementChar), 1}
	}
	return cell{string(r), runeWidth(r)}
}

// unsafeRune reports characters that must not reach a terminal or a log as
// they are: control characters (escape sequences) and bidirectional
// overrides, which can make displayed code read differently from what the
// parser saw ("Trojan Source").
func unsafeRune(r rune) bool {
	return unicode.IsControl(r) || (r >= 0x202A && r <= 0x202E) || (r >= 0x2066 && r <= 0x2069)
}

func runeWidth(r rune) int {
	if unicode.In(r, unicode.Mn, unicode.Me, unicode.Cf) {
		return 0
	}
	switch width.LookupRune(r).Kind() {
	case width.EastAsianWide, width.EastAsianFullwidth:
		return 2
	}
	return 1
}

// clean makes s safe and single-line for terminals, logs and annotations:
// unsafe characters become U+FFFD and runs of white space one space.
func clean(s string) string {
	s = strings.Map(func(r rune) rune {
		switch {
		case r == '\n' || r == '\r' || r == '\t':
			return ' '
		case unsafeRune(r):
			return unicode.ReplacementChar
		}
		return r
	}, s)
	return strings.Join(strings.Fields(s), " ")
}

// nearRange cuts a very long line (a minified template, a hostile file) to a
// few hundred characters around the range before it is laid out cell by
// cell, so a line of megabytes costs no more than a short one.
func nearRange(line string, rng model.Range) (string, model.Range) {
	const before, after = 200, 400
	if len(line) <= 4*(before+after) {
		return line, rng
	}
	start := max(rng.Start.Column-1, 0) - before // in runes
	if start < 0 {
		start = 0
	}
	lo, hi, i := -1, len(line), 0
	for off := range line {
		if i == start {
			lo = off
		}
		if i == start+before+after {
			hi = off
			break
		}
		i++
	}
	if lo < 0 { // the column is past the end of the line
		return line[:0], rng
	}
	rng.Start.Column -= start
	if rng.End.Line == rng.Start.Line {
		rng.End.Column -= start
	}
	return line[lo:hi], rng
}
