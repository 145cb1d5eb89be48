package terraform

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"

	"github.com/lattice-lint/lattice-lint/pkg/model"
	"github.com/lattice-lint/lattice-lint/pkg/suppress"
)

// suppressible is a block or attribute a lattice-lint:ignore comment may sit
// directly above.
type suppressible struct {
	scope   suppress.Scope
	rng     hcl.Range
	address string
}

// readSuppressions extracts the lattice-lint directives of one parsed .tf
// file (package suppress matches them with findings after the rules ran).
// A comment covers the block or attribute that starts on the line after
// the comment block it is in; `ignore-file` must be in the comments before
// any code. A directive above nothing is reported as malformed.
func (l *loader) readSuppressions(name string, src []byte, body *hclsyntax.Body) []suppress.Suppression {
	if !bytes.Contains(src, []byte(suppress.Prefix)) {
		return nil // no directive: spare lexing the file a second time
	}
	tokens, _ := hclsyntax.LexConfig(src, name, hcl.InitialPos)
	starts := map[int]suppressible{} // by byte offset of the first token
	collectSuppressible(body, "", true, starts)
	var out []suppress.Suppression
	codeSeen := false
	for i, tok := range tokens {
		if tok.Type == hclsyntax.TokenNewline {
			continue
		}
		if tok.Type != hclsyntax.TokenComment {
			codeSeen = true
			continue
		}
		d, ok := suppress.ParseComment(string(tok.Bytes))
		if !ok {
			continue
		}
		s := suppress.Suppression{RuleIDs: d.RuleIDs, Reason: d.Reason, Until: d.Until, Problems: d.Problems,
			Range: l.commentRange(tok)}
		if d.File {
			s.Scope = suppress.File
			s.Target = model.Range{File: s.Range.File}
			if codeSeen {
				s.Problems = append(s.Problems, "ignore-file must be in the comments at the top of the file, before any code")
			}
			out = append(out, s)
			continue
		}
		if item, found := nextItem(tokens[i:], starts); found {
			s.Scope, s.Target, s.Address = item.scope, l.toRange(item.rng), item.address
		} else {
			s.Problems = append(s.Problems, "not directly above a block, attribute or module call: put it on the line(s) right above what it suppresses")
		}
		out = append(out, s)
	}
	return out
}

// nextItem finds what the comment tokens[0] sits above: the first token
// after it that is not a comment must start on the next line after the
// comment block, and begin a block or attribute.
func nextItem(tokens hclsyntax.Tokens, starts map[int]suppressible) (suppressible, bool) {
	line := lastLine(tokens[0]) + 1
	for _, tok := range tokens[1:] {
		switch {
		case tok.Type == hclsyntax.TokenComment && tok.Range.Start.Line == line:
			line = lastLine(tok) + 1
		case tok.Type == hclsyntax.TokenNewline && tok.Range.Start.Line < line:
			// the end of the comment's own line
		case tok.Type == hclsyntax.TokenNewline:
			return suppressible{}, false // a blank line: not directly above
		default:
			item, ok := starts[tok.Range.Start.Byte]
			return item, ok && tok.Range.Start.Line == line
		}
	}
	return suppressible{}, false
}

// lastLine is the last line a comment occupies (# and // comments include
// their newline).
func lastLine(tok hclsyntax.Token) int {
	text := strings.TrimRight(string(tok.Bytes), "\r\n")
	return tok.Range.Start.Line + strings.Count(text, "\n")
}

// collectSuppressible indexes blocks and attributes by start offset, with
// what a suppression above each covers: an entity (resource, data), all a
// module call creates (module), or a span of source (attributes, nested
// blocks, other top-level blocks).
func collectSuppressible(body *hclsyntax.Body, parent string, top bool, out map[int]suppressible) {
	if body == nil {
		return
	}
	for name, a := range body.Attributes {
		out[a.SrcRange.Start.Byte] = suppressible{scope: suppress.Attribute, rng: a.SrcRange, address: join(parent, name)}
	}
	for _, b := range body.Blocks {
		item := suppressible{scope: suppress.Attribute, rng: b.Range(), address: join(parent, b.Type)}
		if top {
			switch {
			case b.Type == "resource" && len(b.Labels) == 2:
				item = suppressible{scope: suppress.Entity, rng: b.Range(), address: b.Labels[0] + "." + b.Labels[1]}
			case b.Type == "data" && len(b.Labels) == 2:
				item = suppressible{scope: suppress.Entity, rng: b.Range(), address: "data." + b.Labels[0] + "." + b.Labels[1]}
			case b.Type == "module" && len(b.Labels) == 1:
				item = suppressible{scope: suppress.Module, rng: b.Range(), address: "module." + b.Labels[0]}
			default:
				item.address = strings.Join(append([]string{b.Type}, b.Labels...), ".")
			}
		}
		out[b.Range().Start.Byte] = item
		collectSuppressible(b.Body, item.address, false, out)
	}
}

func join(parent, name string) string {
	if parent == "" {
		return name
	}
	return parent + "." + name
}

// commentRange is the comment's range without its trailing newline.
func (l *loader) commentRange(tok hclsyntax.Token) model.Range {
	r := l.toRange(tok.Range)
	text := strings.TrimRight(string(tok.Bytes), "\r\n")
	if i := strings.LastIndex(text, "\n"); i >= 0 {
		r.End = model.Pos{Line: r.Start.Line + strings.Count(text, "\n"), Column: utf8.RuneCountInString(text[i+1:]) + 1}
	} else {
		r.End = model.Pos{Line: r.Start.Line, Column: r.Start.Column + utf8.RuneCountInString(text)}
	}
	return r
}
