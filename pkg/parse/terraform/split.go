package terraform

import (
	"bytes"
	"sync"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// pieceBytes is the size of the pieces a large .tf file is cut into to be
// parsed on all cores; smaller files are parsed whole.
const pieceBytes = 256 << 10

// parseNative parses a .tf file. HCL's parser is sequential, so a large
// file (one generated file may hold 200,000 resources) is cut before lines
// that start with an identifier — where top-level blocks start — and the
// pieces are parsed in parallel with their true positions, then joined into
// the body parsing the whole file gives. A cut that is not between
// top-level items leaves a piece with an unclosed block, string, heredoc or
// comment: any piece with an error, or an argument set in two pieces, and
// the file is parsed whole, so diagnostics are the parser's own.
func parseNative(src []byte, name string, piece int) (*hcl.File, hcl.Diagnostics) {
	if cuts := cutPoints(src, piece); len(cuts) > 0 {
		if f, diags, ok := parsePieces(src, name, cuts); ok {
			return f, diags
		}
	}
	return hclsyntax.ParseConfig(src, name, hcl.Pos{Line: 1, Column: 1, Byte: 0})
}

// parsePieces parses the pieces between cuts in parallel and joins them; ok
// is false when a piece has an error or two pieces set the same argument.
func parsePieces(src []byte, name string, cuts []int) (*hcl.File, hcl.Diagnostics, bool) {
	bounds := append(append([]int{0}, cuts...), len(src))
	files := make([]*hcl.File, len(bounds)-1)
	diags := make([]hcl.Diagnostics, len(files))
	starts := make([]hcl.Pos, len(files))
	line := 1
	for i := range files {
		starts[i] = hcl.Pos{Line: line, Column: 1, Byte: bounds[i]}
		line += bytes.Count(src[bounds[i]:bounds[i+1]], []byte{'\n'})
	}
	var wg sync.WaitGroup
	for i := range files {
		wg.Go(func() {
			files[i], diags[i] = hclsyntax.ParseConfig(src[bounds[i]:bounds[i+1]], name, starts[i])
		})
	}
	wg.Wait()
	body := &hclsyntax.Body{Attributes: hclsyntax.Attributes{}}
	var all hcl.Diagnostics
	for i, f := range files {
		if diags[i].HasErrors() {
			return nil, nil, false
		}
		all = append(all, diags[i]...)
		b := f.Body.(*hclsyntax.Body)
		for n, a := range b.Attributes {
			if _, dup := body.Attributes[n]; dup {
				return nil, nil, false
			}
			body.Attributes[n] = a
		}
		body.Blocks = append(body.Blocks, b.Blocks...)
	}
	first, last := files[0].Body.(*hclsyntax.Body), files[len(files)-1].Body.(*hclsyntax.Body)
	body.SrcRange = hcl.RangeBetween(first.SrcRange, last.SrcRange)
	body.EndRange = last.EndRange
	// Nav (hclsyntax's unexported navigation, for diagnostic context) is
	// left out: nothing here reads it.
	return &hcl.File{Body: body, Bytes: src}, all, true
}

// cutPoints returns the offsets, about piece bytes apart, of lines that
// begin with a letter; none for a file shorter than two pieces.
func cutPoints(src []byte, piece int) []int {
	if len(src) < 2*piece {
		return nil
	}
	var cuts []int
	for at := piece; at < len(src); {
		i := bytes.IndexByte(src[at:], '\n')
		if i < 0 {
			break
		}
		at += i + 1
		if at < len(src) && isIdentStart(src[at]) {
			if len(src)-at < piece/2 {
				break // leave the tail to the last piece
			}
			cuts = append(cuts, at)
			at += piece
		}
	}
	return cuts
}

func isIdentStart(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' }
