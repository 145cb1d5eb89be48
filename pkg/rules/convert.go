package rules

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/lattice-lint/lattice-lint/pkg/finding"
	"github.com/lattice-lint/lattice-lint/pkg/model"
)

// converter maps deny objects to findings, reading source ranges from the
// model's JSON form (the same value the policies saw).
type converter struct {
	m     *model.Model
	input ast.Value
}

var (
	denyKeys    = []string{"attribute", "entity", "message", "related", "severity"}
	relatedKeys = []string{"attribute", "entity", "message"}
)

// finding converts one deny object of rule r.
func (c converter) finding(r *finding.Rule, d any) (finding.Finding, error) {
	obj, err := object(d, denyKeys, "deny")
	if err != nil {
		return finding.Finding{}, err
	}
	ent, attr, rng, err := c.locate(obj)
	if err != nil {
		return finding.Finding{}, fmt.Errorf("deny: %w", err)
	}
	f := finding.Finding{
		RuleID: r.ID, Severity: r.Severity,
		Entity: ent.ID, Address: ent.Address, Attribute: attr, Range: rng, CallChain: ent.CallChain,
	}
	if err := c.details(obj, &f); err != nil {
		return finding.Finding{}, fmt.Errorf("deny for %s: %w", ent.ID, err)
	}
	return f, nil
}

// details fills the message, severity override and related entities.
func (c converter) details(obj map[string]any, f *finding.Finding) error {
	var err error
	if f.Message, err = str(obj, "message", true); err != nil {
		return err
	}
	if v, ok := obj["severity"]; ok && v != nil { // present but empty is a mistake, not "no override"
		s, err := str(obj, "severity", true)
		if err != nil {
			return err
		}
		if f.Severity, err = finding.ParseSeverity(s); err != nil {
			return err
		}
	}
	rel, ok := obj["related"]
	if !ok || rel == nil {
		return nil
	}
	list, ok := rel.([]any)
	if !ok {
		return fmt.Errorf("related must be an array of objects, got %T", rel)
	}
	for _, x := range list {
		ro, err := object(x, relatedKeys, "related item")
		if err != nil {
			return err
		}
		re, _, rr, err := c.locate(ro)
		if err != nil {
			return fmt.Errorf("related: %w", err)
		}
		rm, err := str(ro, "message", false)
		if err != nil {
			return fmt.Errorf("related: %w", err)
		}
		f.Related = append(f.Related, finding.Related{Entity: re.ID, Address: re.Address, Message: rm, Range: rr})
	}
	return nil
}

// locate resolves the entity and attribute of a deny or related object to
// the entity's metadata and the source range of the attribute.
func (c converter) locate(obj map[string]any) (*model.Meta, string, model.Range, error) {
	id, err := str(obj, "entity", true)
	if err != nil {
		return nil, "", model.Range{}, err
	}
	e := c.m.Get(id)
	if e == nil {
		return nil, "", model.Range{}, fmt.Errorf("entity %q is not in the model", id)
	}
	meta := e.Base()
	attr, err := str(obj, "attribute", false)
	if err != nil {
		return nil, "", model.Range{}, err
	}
	steps, err := parsePath(attr)
	if err != nil {
		return nil, "", model.Range{}, fmt.Errorf("%s: %w", id, err)
	}
	rng := meta.Range
	if r, ok := c.attributeRange(meta, steps); ok {
		rng = r
	}
	return meta, attr, rng, nil
}

// attributeRange walks the entity's JSON along steps and returns the range of
// the deepest node on the way that carries one (the node itself when it has a
// range, else its nearest ancestor). ok is false when nothing below the entity
// has a range.
func (c converter) attributeRange(meta *model.Meta, steps []any) (model.Range, bool) {
	node := lookup(c.input, meta.Kind.Collection(), meta.ID)
	var best model.Range
	found := false
	for _, s := range steps {
		if node == nil {
			break
		}
		switch k := s.(type) {
		case string:
			node = lookup(node, k)
		case int:
			if items := lookup(node, "items"); items != nil {
				node = items // RefList, StringList: [i] indexes the items
			}
			arr, ok := node.(*ast.Array)
			if !ok || k >= arr.Len() {
				node = nil
				break
			}
			node = arr.Elem(k).Value
		}
		if r, ok := rangeOf(node); ok {
			best, found = r, true
		}
	}
	return best, found
}

// lookup follows object keys from v; nil when a key is missing or v is not an object.
func lookup(v ast.Value, keys ...string) ast.Value {
	for _, k := range keys {
		obj, ok := v.(ast.Object)
		if !ok {
			return nil
		}
		t := obj.Get(ast.StringTerm(k))
		if t == nil {
			return nil
		}
		v = t.Value
	}
	return v
}

// rangeOf reads the "range" member of a node, if it has a non-empty one. The
// model writes ranges as compact arrays [file, line, column, endLine,
// endColumn]; they are read in place rather than through a JSON round trip.
func rangeOf(v ast.Value) (model.Range, bool) {
	arr, ok := lookup(v, "range").(*ast.Array)
	if !ok || arr.Len() != 5 {
		return model.Range{}, false
	}
	file, ok := arr.Elem(0).Value.(ast.String)
	if !ok {
		return model.Range{}, false
	}
	var pos [4]int
	for i := range pos {
		n, ok := arr.Elem(i + 1).Value.(ast.Number)
		if !ok {
			return model.Range{}, false
		}
		if pos[i], ok = n.Int(); !ok {
			return model.Range{}, false
		}
	}
	r := model.Range{File: string(file),
		Start: model.Pos{Line: pos[0], Column: pos[1]}, End: model.Pos{Line: pos[2], Column: pos[3]}}
	if r.IsZero() {
		return model.Range{}, false
	}
	return r, true
}

// parsePath splits "default_action.forward[0].target_group" into
// ["default_action", "forward", 0, "target_group"].
func parsePath(p string) ([]any, error) {
	if p == "" {
		return nil, nil
	}
	var out []any
	for seg := range strings.SplitSeq(p, ".") {
		name, rest, indexed := strings.Cut(seg, "[")
		if name == "" {
			return nil, fmt.Errorf("attribute %q: empty name in %q", p, seg)
		}
		out = append(out, name)
		for indexed {
			idx, after, ok := strings.Cut(rest, "]")
			n, err := strconv.Atoi(idx)
			if !ok || err != nil || n < 0 {
				return nil, fmt.Errorf("attribute %q: bad index in %q", p, seg)
			}
			out = append(out, n)
			if after == "" {
				break
			}
			if !strings.HasPrefix(after, "[") {
				return nil, fmt.Errorf("attribute %q: bad index in %q", p, seg)
			}
			rest = after[1:]
		}
	}
	return out, nil
}

// object checks that v is an object with only the allowed keys.
func object(v any, allowed []string, what string) (map[string]any, error) {
	obj, ok := v.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("%s must be an object {entity, message, …}, got %T", what, v)
	}
	for k := range obj {
		if i := sort.SearchStrings(allowed, k); i == len(allowed) || allowed[i] != k {
			return nil, fmt.Errorf("%s has unknown key %q (allowed: %s)", what, k, strings.Join(allowed, ", "))
		}
	}
	return obj, nil
}

// str reads a string member; required members must be non-empty.
func str(obj map[string]any, key string, required bool) (string, error) {
	v, ok := obj[key]
	if !ok || v == nil {
		if required {
			return "", fmt.Errorf("missing %q", key)
		}
		return "", nil
	}
	s, ok := v.(string)
	if !ok {
		return "", fmt.Errorf("%q must be a string, got %T", key, v)
	}
	if required && s == "" {
		return "", fmt.Errorf("empty %q", key)
	}
	return s, nil
}
