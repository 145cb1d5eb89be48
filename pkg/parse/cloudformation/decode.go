package cloudformation

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"github.com/lattice-lint/lattice-lint/pkg/model"
	"github.com/lattice-lint/lattice-lint/pkg/safefile"
)

// templateHint matches text that only a CloudFormation template would hold; it
// decides whether a file that fails to parse deserves an error or is some
// other YAML/JSON that is none of our business.
var templateHint = regexp.MustCompile(`AWSTemplateFormatVersion|["']?Type["']?\s*:\s*["']?AWS::[A-Za-z0-9]+::`)

// document is one decoded file.
type document struct {
	root  *yaml.Node // top-level mapping
	nodes int        // nodes in the tree, aliases not expanded
	alias *yaml.Node // the first YAML alias, or nil
	src   []byte
}

// readDocument reads and decodes a candidate file. It returns (nil, nil) for
// files that are not CloudFormation templates, and a diagnostic-worthy error
// (with position) for templates that cannot be read.
func readDocument(path, rel string, maxSize int64, tree *safefile.Tree) (*document, *posError) {
	// A link out of the tree (even one named on the command line, as CI does
	// with the files a pull request changed) is refused; so is a FIFO or a
	// link to /dev/zero, before it is opened.
	if err := tree.Check(path); err != nil {
		return nil, &posError{line: 1, col: 1, msg: err.Error()}
	}
	f, st, err := safefile.Open(path)
	if err != nil {
		return nil, &posError{line: 1, col: 1, msg: fmt.Sprintf("cannot read file: %v", err)}
	}
	defer f.Close()
	// Read one byte past the limit to detect an oversized file without trusting Stat.
	readLimit, tooBig := maxSize+1, false
	if st.Size() > maxSize {
		// Refused by size whatever it holds: read only the head that tells a
		// template from other data, not megabytes to throw away.
		readLimit, tooBig = min(maxSize+1, 64<<10), true
	}
	src, err := io.ReadAll(io.LimitReader(f, readLimit))
	if err != nil {
		return nil, &posError{msg: fmt.Sprintf("cannot read file: %v", err)}
	}
	if tooBig || int64(len(src)) > maxSize {
		head := src[:min(len(src), 64<<10)]
		if !templateHint.Match(head) {
			return nil, &posError{note: true, msg: fmt.Sprintf("skipped: larger than %d bytes", maxSize)}
		}
		return nil, &posError{msg: fmt.Sprintf("template larger than %d bytes; not read", maxSize)}
	}
	return decodeDocument(src, strings.HasSuffix(strings.ToLower(rel), ".json"))
}

// posError is a problem at a position of a file (line 0: the whole file).
type posError struct {
	line, col int
	msg       string
	note      bool // informational: the file was skipped on purpose
}

// maxDocumentNodes bounds the nodes of one document, before any alias expansion.
const maxDocumentNodes = 5_000_000

func decodeDocument(src []byte, jsonExt bool) (*document, *posError) {
	src = bytes.TrimPrefix(src, []byte("\xef\xbb\xbf"))
	trimmed := bytes.TrimLeft(src, " \t\r\n")
	var root *yaml.Node
	var perr *posError
	if len(trimmed) > 0 && trimmed[0] == '{' {
		doc, err := decodeJSON(src, maxDocumentNodes)
		if err == nil {
			root = doc
		} else {
			var je *jsonError
			if errors.As(err, &je) {
				perr = &posError{line: je.line, col: je.col, msg: "invalid JSON: " + je.msg}
			} else {
				perr = &posError{msg: "invalid JSON: " + err.Error()}
			}
		}
	}
	if root == nil && (perr == nil || !jsonExt) {
		var n yaml.Node
		if err := yaml.Unmarshal(src, &n); err != nil {
			if perr == nil {
				perr = yamlError(src, err)
			}
		} else {
			root, perr = &n, nil
		}
	}
	if perr != nil {
		if !templateHint.Match(src) {
			return nil, nil // not ours to judge
		}
		return nil, perr
	}
	if root.Kind == yaml.DocumentNode && len(root.Content) > 0 {
		root = root.Content[0]
	}
	if root == nil || root.Kind != yaml.MappingNode || !isTemplate(root) {
		return nil, nil
	}
	return &document{root: root, nodes: countNodes(root), alias: firstAlias(root), src: src}, nil
}

var yamlLineRE = regexp.MustCompile(`line (\d+):`)

// yamlError turns a yaml.v3 error into a positioned one. yaml.v3 reports lines
// only; a tab in indentation (the usual culprit) is located exactly.
func yamlError(src []byte, err error) *posError {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	line := 0
	if m := yamlLineRE.FindStringSubmatch(msg); m != nil {
		line, _ = strconv.Atoi(m[1])
		msg = strings.TrimSpace(strings.Replace(msg, m[0], "", 1))
	}
	for i, l := range strings.Split(string(src), "\n") {
		if line > 0 && i+1 > line {
			break
		}
		for j, r := range l {
			if r == '\t' {
				return &posError{line: i + 1, col: utf8.RuneCountInString(l[:j]) + 1, msg: "tab character in indentation (YAML allows spaces only)"}
			}
			if r != ' ' {
				break
			}
		}
	}
	if line == 0 {
		if l, c := badCharPos(src); l > 0 {
			return &posError{line: l, col: c, msg: "invalid YAML: " + msg}
		}
		line = 1 // yaml.v3 leaves "line N" out of errors on the first line
	}
	return &posError{line: line, col: 1, msg: "invalid YAML: " + msg}
}

// isTemplate recognises a CloudFormation template by content: a format
// version, or a Resources mapping with at least one AWS:: type, looking through
// YAML aliases and the fragments of Fn::ForEach loops.
func isTemplate(root *yaml.Node) bool {
	for i := 0; i+1 < len(root.Content); i += 2 {
		switch root.Content[i].Value {
		case "AWSTemplateFormatVersion":
			return true
		case "Resources":
			if holdsAWSResource(root.Content[i+1], 0) {
				return true
			}
		}
	}
	return false
}

// holdsAWSResource reports whether a mapping of resources has an entry whose
// Type is an AWS:: type, directly or inside Fn::ForEach fragments.
func holdsAWSResource(m *yaml.Node, depth int) bool {
	if m = deref(m); m.Kind != yaml.MappingNode || depth > maxForEachNesting {
		return false
	}
	for j := 0; j+1 < len(m.Content); j += 2 {
		k, r := m.Content[j], deref(m.Content[j+1])
		if strings.HasPrefix(k.Value, "Fn::ForEach::") {
			if r.Kind == yaml.SequenceNode && len(r.Content) == 3 && holdsAWSResource(r.Content[2], depth+1) {
				return true
			}
			continue
		}
		if _, typ := field(r, "Type"); typ != nil && strings.HasPrefix(deref(typ).Value, "AWS::") {
			return true
		}
	}
	return false
}

// maxForEachNesting bounds how deep recognition looks into nested loops
// (CloudFormation allows five levels).
const maxForEachNesting = 5

func countNodes(n *yaml.Node) int {
	c := 1
	for _, ch := range n.Content {
		c += countNodes(ch)
	}
	return c
}

// firstAlias returns the first YAML alias of the document in reading order,
// or nil.
func firstAlias(n *yaml.Node) *yaml.Node {
	if n.Kind == yaml.AliasNode {
		return n
	}
	for _, ch := range n.Content {
		if a := firstAlias(ch); a != nil {
			return a
		}
	}
	return nil
}

// checkStructure reports duplicate mapping keys anywhere in the document
// (yaml.v3 keeps both when decoding to nodes; CloudFormation rejects them).
// Aliases are not followed: their target is checked where it is defined.
func (t *template) checkStructure(n *yaml.Node) {
	if n.Kind == yaml.MappingNode {
		seen := make(map[string]*yaml.Node, len(n.Content)/2)
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i]
			if first, dup := seen[k.Value]; dup && k.Kind == yaml.ScalarNode {
				t.errorf(k, "duplicate mapping key %q (first at line %d, column %d)", k.Value, first.Line, first.Column)
			} else {
				seen[k.Value] = k
			}
		}
	}
	for _, c := range n.Content {
		t.checkStructure(c)
	}
}

// rangeOf is the source range of a node. The end is exact for scalars on one line.
func (t *template) rangeOf(n *yaml.Node) model.Range {
	if n == nil {
		return model.Range{File: t.path}
	}
	r := model.Range{File: t.path, Start: model.Pos{Line: n.Line, Column: n.Column}, End: model.Pos{Line: n.Line, Column: n.Column}}
	if n.Kind == yaml.ScalarNode && !strings.Contains(n.Value, "\n") {
		w := utf8.RuneCountInString(n.Value)
		switch n.Style {
		case yaml.DoubleQuotedStyle, yaml.SingleQuotedStyle:
			w += 2
		}
		if n.Tag != "" && strings.HasPrefix(n.Tag, "!") && !strings.HasPrefix(n.Tag, "!!") {
			// A short-form intrinsic starts at its tag; the value follows it.
			w += utf8.RuneCountInString(n.Tag) + 1
		}
		r.End.Column += w
	}
	return r
}
