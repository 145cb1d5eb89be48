package cloudformation

import (
	"encoding/json"
	"fmt"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// decodeJSON parses a JSON document into yaml.v3 nodes with 1-based line and
// column (in characters), so JSON and YAML templates share one evaluator.
// yaml.v3 itself rejects valid JSON ("\/" escapes, tab indentation), hence a
// small parser of our own.
func decodeJSON(src []byte, maxNodes int) (*yaml.Node, error) {
	p := &jsonParser{src: src, line: 1, col: 1, maxNodes: maxNodes}
	p.skipSpace()
	n, err := p.value(0)
	if err != nil {
		return nil, err
	}
	p.skipSpace()
	if p.i < len(p.src) {
		return nil, p.errorf("unexpected %q after the JSON document", p.src[p.i])
	}
	return &yaml.Node{Kind: yaml.DocumentNode, Line: 1, Column: 1, Content: []*yaml.Node{n}}, nil
}

// jsonError carries the position of a JSON syntax error.
type jsonError struct {
	line, col int
	msg       string
}

func (e *jsonError) Error() string { return e.msg }

type jsonParser struct {
	src       []byte
	i         int
	line, col int
	nodes     int
	maxNodes  int
}

const maxJSONDepth = 512

func (p *jsonParser) errorf(format string, args ...any) error {
	return &jsonError{line: p.line, col: p.col, msg: fmt.Sprintf(format, args...)}
}

func (p *jsonParser) advance() {
	r, size := utf8.DecodeRune(p.src[p.i:])
	p.i += size
	if r == '\n' {
		p.line++
		p.col = 1
	} else {
		p.col++
	}
}

func (p *jsonParser) skipSpace() {
	for p.i < len(p.src) {
		switch p.src[p.i] {
		case ' ', '\t', '\r', '\n':
			p.advance()
		default:
			return
		}
	}
}

func (p *jsonParser) node(kind yaml.Kind, tag string) (*yaml.Node, error) {
	p.nodes++
	if p.maxNodes > 0 && p.nodes > p.maxNodes {
		return nil, p.errorf("document has more than %d values", p.maxNodes)
	}
	return &yaml.Node{Kind: kind, Tag: tag, Line: p.line, Column: p.col}, nil
}

func (p *jsonParser) value(depth int) (*yaml.Node, error) {
	if depth > maxJSONDepth {
		return nil, p.errorf("nesting deeper than %d levels", maxJSONDepth)
	}
	if p.i >= len(p.src) {
		return nil, p.errorf("unexpected end of JSON input")
	}
	switch c := p.src[p.i]; {
	case c == '{':
		return p.object(depth)
	case c == '[':
		return p.array(depth)
	case c == '"':
		n, err := p.node(yaml.ScalarNode, "!!str")
		if err != nil {
			return nil, err
		}
		n.Style = yaml.DoubleQuotedStyle
		n.Value, err = p.str()
		return n, err
	case c == '-' || (c >= '0' && c <= '9'):
		n, err := p.node(yaml.ScalarNode, "!!int")
		if err != nil {
			return nil, err
		}
		start := p.i
		for p.i < len(p.src) && isNumberByte(p.src[p.i]) {
			if b := p.src[p.i]; b == '.' || b == 'e' || b == 'E' {
				n.Tag = "!!float"
			}
			p.advance()
		}
		n.Value = string(p.src[start:p.i])
		var f json.Number
		if err := json.Unmarshal(p.src[start:p.i], &f); err != nil {
			return nil, &jsonError{line: n.Line, col: n.Column, msg: fmt.Sprintf("invalid number %q", n.Value)}
		}
		return n, nil
	default:
		for _, lit := range []struct{ word, tag string }{{"true", "!!bool"}, {"false", "!!bool"}, {"null", "!!null"}} {
			if len(p.src)-p.i >= len(lit.word) && string(p.src[p.i:p.i+len(lit.word)]) == lit.word {
				n, err := p.node(yaml.ScalarNode, lit.tag)
				if err != nil {
					return nil, err
				}
				n.Value = lit.word
				for range lit.word {
					p.advance()
				}
				return n, nil
			}
		}
		return nil, p.errorf("unexpected character %q", string(rune(c)))
	}
}

func isNumberByte(b byte) bool {
	return (b >= '0' && b <= '9') || b == '-' || b == '+' || b == '.' || b == 'e' || b == 'E'
}

// str reads a string literal at p.i and returns its decoded value.
func (p *jsonParser) str() (string, error) {
	startLine, startCol := p.line, p.col
	start := p.i
	p.advance() // opening quote
	for {
		if p.i >= len(p.src) {
			return "", &jsonError{line: startLine, col: startCol, msg: "unterminated string"}
		}
		c := p.src[p.i]
		if c == '"' {
			p.advance()
			break
		}
		if c == '\n' {
			return "", p.errorf("newline in string")
		}
		if c == '\\' {
			p.advance()
			if p.i >= len(p.src) {
				return "", &jsonError{line: startLine, col: startCol, msg: "unterminated string"}
			}
		}
		p.advance()
	}
	var s string
	if err := json.Unmarshal(p.src[start:p.i], &s); err != nil {
		return "", &jsonError{line: startLine, col: startCol, msg: "invalid string: " + err.Error()}
	}
	return s, nil
}

func (p *jsonParser) object(depth int) (*yaml.Node, error) {
	n, err := p.node(yaml.MappingNode, "!!map")
	if err != nil {
		return nil, err
	}
	n.Style = yaml.FlowStyle
	p.advance() // {
	p.skipSpace()
	if p.i < len(p.src) && p.src[p.i] == '}' {
		p.advance()
		return n, nil
	}
	for {
		p.skipSpace()
		if p.i >= len(p.src) || p.src[p.i] != '"' {
			return nil, p.errorf("expected a string key")
		}
		k, err := p.node(yaml.ScalarNode, "!!str")
		if err != nil {
			return nil, err
		}
		k.Style = yaml.DoubleQuotedStyle
		if k.Value, err = p.str(); err != nil {
			return nil, err
		}
		p.skipSpace()
		if p.i >= len(p.src) || p.src[p.i] != ':' {
			return nil, p.errorf("expected ':' after key %q", k.Value)
		}
		p.advance()
		p.skipSpace()
		v, err := p.value(depth + 1)
		if err != nil {
			return nil, err
		}
		n.Content = append(n.Content, k, v)
		p.skipSpace()
		if p.i >= len(p.src) {
			return nil, p.errorf("unexpected end of JSON input in object")
		}
		switch p.src[p.i] {
		case ',':
			p.advance()
		case '}':
			p.advance()
			return n, nil
		default:
			return nil, p.errorf("expected ',' or '}' in object")
		}
	}
}

func (p *jsonParser) array(depth int) (*yaml.Node, error) {
	n, err := p.node(yaml.SequenceNode, "!!seq")
	if err != nil {
		return nil, err
	}
	n.Style = yaml.FlowStyle
	p.advance() // [
	p.skipSpace()
	if p.i < len(p.src) && p.src[p.i] == ']' {
		p.advance()
		return n, nil
	}
	for {
		p.skipSpace()
		v, err := p.value(depth + 1)
		if err != nil {
			return nil, err
		}
		n.Content = append(n.Content, v)
		p.skipSpace()
		if p.i >= len(p.src) {
			return nil, p.errorf("unexpected end of JSON input in array")
		}
		switch p.src[p.i] {
		case ',':
			p.advance()
		case ']':
			p.advance()
			return n, nil
		default:
			return nil, p.errorf("expected ',' or ']' in array")
		}
	}
}
