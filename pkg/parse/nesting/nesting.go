// Package nesting measures how deeply a document nests before it is parsed.
//
// The HCL parser and evaluator, go-cty's JSON decoder and HCL's JSON parser
// recurse once per level of nesting, and Go cannot recover from a goroutine
// that outgrows its stack: a 2 MB file of "-" signs or "[" brackets kills the
// process. The scanners here walk the bytes once, in constant memory beyond a
// stack of at most Max frames, and stop at the first place where the depth of
// the tree the parser would build could exceed Max.
//
// For HCL the estimate is an upper bound on the depth of the syntax tree:
// brackets, strings and template interpolations each add a level, and so does
// every operator in an expression (a chain of binary operators, unary signs,
// conditionals or index steps builds a tree as deep as it is long). Commas and
// newlines between items end an expression, and template parts sit side by
// side, so lists, objects and long templates of any length stay shallow. The
// lexing of strings, heredocs, comments and interpolations follows
// hclsyntax's scanner, so brackets inside strings and comments do not count.
package nesting

import (
	"bytes"
	"encoding/json"
	"fmt"
)

// DefaultMax is the depth allowed when a caller passes 0. Hand-written
// infrastructure code stays below 30; generated code rarely passes 100.
const DefaultMax = 512

// Error says where the document first nests deeper than Max.
type Error struct {
	Line, Column int // 1-based; the column counts characters
	Max          int
	// What is "nesting" for brackets, "expression" when operators or
	// template directives are part of the count.
	What string
}

func (e *Error) Error() string {
	if e.What == "expression" {
		return fmt.Sprintf("expression nests deeper than %d levels (brackets, operators and template directives); not parsed", e.Max)
	}
	return fmt.Sprintf("nesting deeper than %d levels; not parsed", e.Max)
}

// HCL scans a native-syntax configuration file (.tf, .tfvars).
func HCL(src []byte, max int) *Error { return scanHCL(src, max, modeCode) }

// Template scans a bare template (the file templatefile reads).
func Template(src []byte, max int) *Error { return scanHCL(src, max, modeTemplate) }

// Expression scans one native-syntax expression (a --var value, a type
// constraint written as a JSON string).
func Expression(src []byte, max int) *Error { return scanHCL(src, max, modeCode) }

// JSON scans a JSON document for structural depth only (jsondecode input).
func JSON(src []byte, max int) *Error { return scanJSON(src, max, false) }

// TerraformJSON scans a .tf.json or .tfvars.json file: structural depth, plus
// the HCL templates inside its strings, plus the type expressions a "type"
// key holds, each on top of the depth of the string that holds it.
func TerraformJSON(src []byte, max int) *Error { return scanJSON(src, max, true) }

func limit(max int) int {
	if max <= 0 {
		return DefaultMax
	}
	return max
}

// pos tracks line and column (in characters) while scanning.
type pos struct {
	src       []byte
	i         int
	line, col int
}

// next advances one byte; columns count UTF-8 start bytes only.
func (p *pos) next() {
	c := p.src[p.i]
	p.i++
	switch {
	case c == '\n':
		p.line++
		p.col = 1
	case c&0xC0 != 0x80:
		p.col++
	}
}

func (p *pos) skip(n int) {
	for ; n > 0 && p.i < len(p.src); n-- {
		p.next()
	}
}

func (p *pos) at(off int) byte {
	if p.i+off < len(p.src) {
		return p.src[p.i+off]
	}
	return 0
}

func (p *pos) has(s string) bool {
	return len(p.src)-p.i >= len(s) && string(p.src[p.i:p.i+len(s)]) == s
}

// ---- JSON ----

func scanJSON(src []byte, max int, terraform bool) *Error {
	max = limit(max)
	p := &pos{src: src, line: 1, col: 1}
	depth := 0
	var stack []byte // '{' or '[', for matching
	typeKey := false // the last key read was "type"
	expectKey := false
	for p.i < len(src) {
		c := src[p.i]
		switch c {
		case '{', '[':
			depth++
			if depth > max {
				return &Error{Line: p.line, Column: p.col, Max: max, What: "nesting"}
			}
			stack = append(stack, c)
			expectKey = c == '{'
			p.next()
		case '}', ']':
			if n := len(stack); n > 0 && stack[n-1] == c-2 { // '}'-2 == '{', ']'-2 == '['
				stack = stack[:n-1]
				depth--
			}
			expectKey = false
			p.next()
		case ',':
			expectKey = len(stack) > 0 && stack[len(stack)-1] == '{'
			p.next()
		case ':':
			expectKey = false
			p.next()
		case '"':
			line, col := p.line, p.col
			start := p.i
			p.next()
			// Like HCL's JSON scanner: a control character ends the string.
			escaped, special, escaping, closed := false, false, false, false
			for p.i < len(src) && src[p.i] >= 0x20 {
				b := src[p.i]
				p.next()
				if b == '"' && !escaping {
					closed = true
					break
				}
				escaping = b == '\\' && !escaping
				escaped = escaped || b == '\\'
				special = special || b == '$' || b == '%'
			}
			end := p.i
			isKey := expectKey
			if isKey {
				typeKey = string(src[start:end]) == `"type"`
			}
			isType := typeKey
			if !terraform || isKey || (!special && !escaped && !isType) {
				continue
			}
			if !closed {
				continue // HCL's JSON parser reports the broken string
			}
			text := src[start+1 : end-1]
			if escaped {
				var s string
				if json.Unmarshal(src[start:end], &s) != nil {
					continue // HCL's JSON parser reports the broken string
				}
				text = []byte(s)
			}
			mode := modeTemplate
			if isType {
				mode = modeCode // a type constraint is parsed as an expression
			}
			if e := scanHCLFrom(text, max-depth, mode); e != nil {
				// Positions inside a decoded string do not map back to the
				// file: report the string itself.
				return &Error{Line: line, Column: col, Max: max, What: e.What}
			}
		default:
			p.next()
		}
	}
	return nil
}

func max0(a, b int) int {
	if a > b {
		return a
	}
	return b
}

// ---- HCL ----

type mode int

const (
	modeCode mode = iota
	modeTemplate
)

// frame kinds.
const (
	kBrace    = '{'
	kBracket  = '['
	kParen    = '('
	kInterp   = '$' // ${ … } or %{ … } inside a template
	kQuoted   = '"'
	kHeredoc  = '<'
	kTemplate = 'T' // a bare template file: never closed
	kRoot     = 'R' // the body of a file or a lone expression: never closed
)

// frame is one open level. In code frames seg counts the operators of the
// expression being read and the depth of the sub-expressions it contains; in
// template frames seg is the depth of open %{if}/%{for} directives.
type frame struct {
	kind        byte
	seg, most   int
	marker      []byte // heredoc end marker
	startOfLine bool   // heredoc: the next literal begins a line
}

type hclScanner struct {
	pos
	max   int
	stack []frame
	total int // Σ seg over the stack
}

func scanHCL(src []byte, max int, m mode) *Error {
	return scanHCLFrom(src, limit(max), m)
}

func scanHCLFrom(src []byte, max int, m mode) *Error {
	s := &hclScanner{pos: pos{src: src, line: 1, col: 1}, max: max}
	if max <= 0 {
		return &Error{Line: 1, Column: 1, Max: max, What: "nesting"}
	}
	if m == modeTemplate {
		s.stack = append(s.stack, frame{kind: kTemplate})
	} else {
		s.stack = append(s.stack, frame{kind: kRoot})
	}
	return s.run()
}

func (s *hclScanner) top() *frame {
	if len(s.stack) == 0 {
		return nil
	}
	return &s.stack[len(s.stack)-1]
}

func (s *hclScanner) estimate() int { return len(s.stack) + s.total }

func (s *hclScanner) fail() *Error {
	return &Error{Line: s.line, Column: s.col, Max: s.max, What: "expression"}
}

func (s *hclScanner) push(f frame) *Error {
	s.stack = append(s.stack, f)
	if s.estimate() > s.max {
		return s.fail()
	}
	return nil
}

// op adds one level to the expression being read.
func (s *hclScanner) op() *Error {
	s.top().seg++
	s.total++
	if s.estimate() > s.max {
		return s.fail()
	}
	return nil
}

// endItem ends the current expression of the top frame (a comma, or a newline
// where newlines separate items).
func (s *hclScanner) endItem() {
	t := s.top()
	if t == nil {
		return
	}
	t.most = max0(t.most, t.seg)
	s.total -= t.seg
	t.seg = 0
}

// pop closes the top frame and charges its depth to its parent.
func (s *hclScanner) pop() *Error {
	t := s.stack[len(s.stack)-1]
	s.total -= t.seg
	s.stack = s.stack[:len(s.stack)-1]
	d := max0(t.most, t.seg) + 1
	p := s.top()
	if p == nil {
		return nil
	}
	switch p.kind {
	case kQuoted, kHeredoc, kTemplate:
		// Template parts sit side by side: only the deepest one counts,
		// on top of the directives open around it.
		p.most = max0(p.most, p.seg+d)
		if p.kind == kHeredoc {
			p.startOfLine = false
		}
		return nil
	}
	p.seg += d
	s.total += d
	if s.estimate() > s.max {
		return s.fail()
	}
	return nil
}

func (s *hclScanner) run() *Error {
	for s.i < len(s.src) {
		var err *Error
		line, col := s.line, s.col
		t := s.top()
		if t.kind == kRoot || t.kind == kBrace || t.kind == kBracket || t.kind == kParen || t.kind == kInterp {
			err = s.code(t)
		} else {
			err = s.template(t)
		}
		if err != nil {
			// Point at the start of the token that went too deep.
			err.Line, err.Column = line, col
			return err
		}
	}
	return nil
}

func isIdentStart(c byte) bool {
	return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80
}

func isIdentByte(c byte) bool {
	return isIdentStart(c) || c == '-' || (c >= '0' && c <= '9')
}

// code reads one token in expression context.
func (s *hclScanner) code(t *frame) *Error {
	c := s.src[s.i]
	switch {
	case c == ' ' || c == '\t' || c == '\r':
		s.next()
	case c == '\n':
		if t.kind == kRoot || t.kind == kBrace {
			s.endItem()
		}
		s.next()
	case c == '#' || (c == '/' && s.at(1) == '/'):
		for s.i < len(s.src) && s.src[s.i] != '\n' {
			s.next()
		}
	case c == '/' && s.at(1) == '*' && bytes.Contains(s.src[s.i+2:], []byte("*/")):
		// hclsyntax lexes an unterminated /* as two operators, and so do we.
		s.skip(2)
		for !s.has("*/") {
			s.next()
		}
		s.skip(2)
	case isIdentStart(c):
		for s.i < len(s.src) && isIdentByte(s.src[s.i]) {
			s.next()
		}
	case c >= '0' && c <= '9':
		for s.i < len(s.src) {
			b := s.src[s.i]
			if (b == '+' || b == '-') && (s.src[s.i-1] == 'e' || s.src[s.i-1] == 'E') {
				s.next()
				continue
			}
			if !(b >= '0' && b <= '9') && b != '.' && b != 'e' && b != 'E' {
				break
			}
			s.next()
		}
	case c == '"':
		err := s.push(frame{kind: kQuoted})
		s.next()
		return err
	case c == '<' && s.at(1) == '<':
		if m, n := heredocIntro(s.src[s.i:]); m != nil {
			err := s.push(frame{kind: kHeredoc, marker: m, startOfLine: true})
			s.skip(n)
			return err
		}
		s.skip(2)
		return s.op()
	case c == '{':
		err := s.push(frame{kind: kBrace})
		s.next()
		return err
	case c == '(':
		err := s.push(frame{kind: kParen})
		s.next()
		return err
	case c == '[':
		// A tuple or an index step. Closing it charges its depth to the
		// expression around it, so a[i][j]… deepens like an operator chain.
		err := s.push(frame{kind: kBracket})
		s.next()
		return err
	case c == '}' || (c == '~' && s.at(1) == '}'):
		if c == '~' {
			s.next()
		}
		s.next()
		// Like hclsyntax's scanner: a closing brace ends the nearest open
		// brace or interpolation, whatever brackets are left open inside.
		for t := s.top(); t != nil && (t.kind == kBracket || t.kind == kParen); t = s.top() {
			if err := s.pop(); err != nil {
				return err
			}
		}
		if t := s.top(); t != nil && (t.kind == kBrace || t.kind == kInterp) {
			return s.pop()
		}
	case c == ']' || c == ')':
		s.next()
		if (c == ']' && t.kind == kBracket) || (c == ')' && t.kind == kParen) {
			return s.pop()
		}
	case c == ',':
		s.endItem()
		s.next()
	case c == '.':
		if s.has("...") {
			s.skip(3)
		} else {
			s.next()
		}
		return s.op()
	default:
		// Operators (+ - * / % ! < > = & | ? : ~ and their two-character
		// forms) and anything the parser will reject: one level each.
		s.next()
		if n := s.at(0); (c == '=' || c == '!' || c == '<' || c == '>') && n == '=' ||
			c == '&' && n == '&' || c == '|' && n == '|' || c == '=' && n == '>' || c == ':' && n == ':' {
			s.next()
		}
		if c >= 0x21 && c < 0x7f {
			return s.op()
		}
	}
	return nil
}

// heredocIntro recognises <<ID\n or <<-ID\n and returns the marker and the
// length of the introducer.
func heredocIntro(b []byte) ([]byte, int) {
	i := 2
	if i < len(b) && b[i] == '-' {
		i++
	}
	start := i
	if i >= len(b) || !isIdentStart(b[i]) {
		return nil, 0
	}
	for i < len(b) && isIdentByte(b[i]) {
		i++
	}
	marker := b[start:i]
	if i < len(b) && b[i] == '\r' {
		i++
	}
	if i >= len(b) || b[i] != '\n' {
		return nil, 0
	}
	return marker, i + 1
}

// template reads literal text of a quoted string, heredoc or template file up
// to the next interpolation, directive or end.
func (s *hclScanner) template(t *frame) *Error {
	if t.kind == kHeredoc && t.startOfLine {
		if n := heredocEnd(s.src[s.i:], t.marker); n > 0 {
			s.skip(n)
			return s.pop()
		}
		t.startOfLine = false
	}
	c := s.src[s.i]
	switch {
	case c == '\\' && t.kind == kQuoted:
		s.next()
		if s.i < len(s.src) && s.src[s.i] != '\n' && s.src[s.i] != '\r' {
			s.next()
		}
	case c == '"' && t.kind == kQuoted:
		s.next()
		return s.pop()
	case c == '\n':
		s.next()
		if t.kind == kHeredoc {
			t.startOfLine = true
		}
	case (c == '$' || c == '%') && s.at(1) == c && s.at(2) == '{':
		s.skip(3) // $${ and %%{ are literal
	case c == '$' && s.at(1) == '{':
		s.skip(2)
		return s.push(frame{kind: kInterp})
	case c == '%' && s.at(1) == '{':
		s.skip(2)
		s.directive(t)
		return s.push(frame{kind: kInterp})
	default:
		s.next()
	}
	return nil
}

// directive tracks %{if}/%{for} … %{endif}/%{endfor}: each open one nests the
// template parts after it one level deeper.
func (s *hclScanner) directive(t *frame) {
	j := s.i
	if j < len(s.src) && s.src[j] == '~' {
		j++
	}
	for j < len(s.src) && (s.src[j] == ' ' || s.src[j] == '\t') {
		j++
	}
	k := j
	for k < len(s.src) && isIdentByte(s.src[k]) {
		k++
	}
	switch string(s.src[j:k]) {
	case "if", "for":
		t.seg++
		s.total++
	case "endif", "endfor":
		if t.seg > 0 {
			t.seg--
			s.total--
		}
	}
}

// heredocEnd returns the length of the closing marker line (without its
// newline) when the line at b is the marker, else 0.
func heredocEnd(b, marker []byte) int {
	i := 0
	for i < len(b) && (b[i] == ' ' || b[i] == '\t') {
		i++
	}
	if len(b)-i < len(marker) || string(b[i:i+len(marker)]) != string(marker) {
		return 0
	}
	j := i + len(marker)
	for j < len(b) && (b[j] == ' ' || b[j] == '\t' || b[j] == '\r') {
		j++
	}
	if j < len(b) && b[j] != '\n' {
		return 0
	}
	if j == len(b) {
		return 0 // hclsyntax wants the newline after the marker
	}
	return j
}
