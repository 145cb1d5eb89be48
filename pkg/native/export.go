package native

import (
	"bytes"
	"fmt"
	"path"
	"reflect"
	"sort"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/lattice-lint/lattice-lint/pkg/model"
	"github.com/lattice-lint/lattice-lint/pkg/suppress"
)

// Export writes a linked model as one native document. Values the source
// leaves unknown are written !unknown, AWS defaults the source omits are
// written !default, and escape and condition marks are kept, so linting the
// export finds what linting the source finds. What Link derives (back-
// references, folded rules and share associations, externals) is not written:
// Link derives it again. Every entity gets an explicit id — its address, or
// its model id where two entities share an address. Suppressions become the
// ignore lists of the entities they cover (one above a module call or for a
// whole file: of every entity it covers).
func Export(m *model.Model, sups []suppress.Suppression) ([]byte, error) {
	x := exporter{m: m, handles: IDs(m), folded: folded(m), ignores: ignores(m, sups), children: map[string][]model.Entity{}}
	for _, e := range m.Entities() {
		if p, _ := x.parentOf(e); p != nil {
			x.children[p.Base().ID] = append(x.children[p.Base().ID], e)
		}
	}
	doc := mapNode()
	addScalar(doc, keyAPIVersion, APIVersion)
	addScalar(doc, keyKind, DocKind)
	if accts := x.accounts(); accts != nil {
		add(doc, keyAccounts, accts)
	}
	for _, c := range collections {
		seq := &yaml.Node{Kind: yaml.SequenceNode}
		for _, e := range m.Entities() {
			if p, _ := x.parentOf(e); e.Base().Kind == c.info.Kind && p == nil {
				seq.Content = append(seq.Content, x.entity(e, c, nil))
			}
		}
		if len(seq.Content) > 0 {
			add(doc, c.info.Collection, seq)
		}
	}
	var buf bytes.Buffer
	buf.WriteString("# Written by lattice-lint model --format yaml; see docs/native-format.md.\n")
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(doc); err != nil {
		return nil, fmt.Errorf("native: %w", err)
	}
	if err := enc.Close(); err != nil {
		return nil, fmt.Errorf("native: %w", err)
	}
	return buf.Bytes(), nil
}

type exporter struct {
	m       *model.Model
	handles map[string]string // entity id → the id written
	// folded holds the ranges of what Link copied from standalone rules and
	// share associations into groups and shares.
	folded map[model.Range]bool
	// ignores are the suppressions of each entity, by model id.
	ignores map[string][]suppress.Suppression
	// children are the entries written inline under each entity, by model id.
	children map[string][]model.Entity
}

// parentOf returns the entity e is written under (a listener under its
// service) and the inline list, or nil when e is written at the top level.
func (x *exporter) parentOf(e model.Entity) (model.Entity, *inline) {
	b := e.Base()
	for pk, ils := range inlines {
		for i := range ils {
			il := &ils[i]
			if il.child.info.Kind != b.Kind {
				continue
			}
			ref := reflect.ValueOf(e).Elem().FieldByIndex(il.child.plan.byKey[il.parentKey].index).Interface().(model.Ref)
			if ref.Target == "" {
				continue
			}
			if p := x.m.Get(ref.Target); p != nil && p.Base().Kind == pk {
				return p, il
			}
		}
	}
	return nil, nil
}

// sameRef reports whether two references say the same (wherever written).
func sameRef(a, b model.Ref) bool {
	return a.Target == b.Target && a.Kind == b.Kind && a.Literal.Known == b.Literal.Known && a.Literal.Value == b.Literal.Value &&
		a.Known() == b.Known()
}

// ignores maps suppressions to the entities they cover.
func ignores(m *model.Model, sups []suppress.Suppression) map[string][]suppress.Suppression {
	out := map[string][]suppress.Suppression{}
	for _, s := range sups {
		if s.Entity == "" && s.Scope == suppress.Attribute {
			// The entity whose block holds the attribute: the last one
			// declared before it in its file.
			var best *model.Meta
			for _, e := range m.Entities() {
				b := e.Base()
				if b.Kind != model.KindExternal && b.Range.File == s.Target.File && !after(b.Range.Start, s.Target.Start) &&
					(best == nil || after(b.Range.Start, best.Range.Start)) {
					best = b
				}
			}
			if best != nil {
				out[best.ID] = append(out[best.ID], s)
			}
			continue
		}
		for _, e := range m.Entities() {
			if covers(s, e.Base()) {
				out[e.Base().ID] = append(out[e.Base().ID], s)
			}
		}
	}
	return out
}

// covers tells whether a suppression covers an entity's findings.
func covers(s suppress.Suppression, b *model.Meta) bool {
	if b.Kind == model.KindExternal {
		return false
	}
	if s.Entity != "" {
		return b.ID == s.Entity
	}
	switch s.Scope {
	case suppress.File:
		return b.Range.File == s.Target.File
	case suppress.Module:
		for _, f := range b.CallChain {
			if f.Range.File == s.Target.File && inside(f.Range.Start, s.Target) {
				return true
			}
		}
		return false
	}
	return b.Range.File == s.Target.File && inside(b.Range.Start, s.Target)
}

func inside(p model.Pos, r model.Range) bool {
	if r.End.Line == 0 { // a range known by its start only
		return p == r.Start
	}
	return !after(r.Start, p) && !after(p, r.End)
}

// after reports whether a is after b.
func after(a, b model.Pos) bool { return a.Line > b.Line || (a.Line == b.Line && a.Column > b.Column) }

// IDs returns the id Export writes for each entity, by model id: its
// address; where two entities share one (the same module in two roots), the
// name of its root or template before it; failing that, its model id.
func IDs(m *model.Model) map[string]string {
	count := map[string]int{}
	for _, e := range m.Entities() {
		count[e.Base().Address]++
	}
	qualified := func(b *model.Meta) string { return path.Base(b.Source) + ":" + b.Address }
	for _, e := range m.Entities() {
		if b := e.Base(); count[b.Address] > 1 {
			count[qualified(b)]++
		}
	}
	out := map[string]string{}
	for _, e := range m.Entities() {
		b := e.Base()
		switch {
		case b.Address != "" && count[b.Address] == 1:
			out[b.ID] = b.Address
		case count[qualified(b)] == 1:
			out[b.ID] = qualified(b)
		default:
			out[b.ID] = b.ID
		}
	}
	return out
}

func folded(m *model.Model) map[model.Range]bool {
	out := map[model.Range]bool{}
	for _, a := range m.ShareAssociations {
		if !a.Resource.IsZero() {
			out[a.Resource.Range] = true
		}
		if !a.Principal.Range.IsZero() {
			out[a.Principal.Range] = true
		}
	}
	return out
}

func (x *exporter) accounts() *yaml.Node {
	ids := make([]string, 0, len(x.m.Accounts))
	for id, a := range x.m.Accounts {
		if a.Name != "" || a.Organization != "" {
			ids = append(ids, id)
		}
	}
	if len(ids) == 0 {
		return nil
	}
	sort.Strings(ids)
	seq := &yaml.Node{Kind: yaml.SequenceNode}
	for _, id := range ids {
		n := mapNode()
		addString(n, keyID, id)
		if a := x.m.Accounts[id]; a.Name != "" {
			addString(n, "name", a.Name)
		}
		if a := x.m.Accounts[id]; a.Organization != "" {
			addString(n, keyOrganization, a.Organization)
		}
		seq.Content = append(seq.Content, n)
	}
	return seq
}

// entity writes one entry; parent is set for an entry written inline under it.
func (x *exporter) entity(e model.Entity, c *collection, parent model.Entity) *yaml.Node {
	b := e.Base()
	skip := map[string]bool{}
	if parent != nil {
		_, il := x.parentOf(e)
		skip[il.parentKey] = true // implied by where it is written
		if k := il.inherit; k != "" {
			own := reflect.ValueOf(e).Elem().FieldByIndex(c.plan.byKey[k].index).Interface().(model.Ref)
			pc := byCollection[parent.Base().Kind.Collection()]
			theirs := reflect.ValueOf(parent).Elem().FieldByIndex(pc.plan.byKey[k].index).Interface().(model.Ref)
			skip[k] = sameRef(own, theirs)
		}
	}
	n := mapNode()
	addString(n, keyID, x.handles[b.ID])
	// An inline entry takes its parent's account and Region unless it says otherwise.
	sameAs := func(a model.Attr[string], of func(*model.Meta) model.Attr[string]) bool {
		if parent == nil {
			return false
		}
		p := of(parent.Base())
		return a.Known == p.Known && a.Value == p.Value && a.Range.IsZero() == p.Range.IsZero()
	}
	if v := x.attr(reflect.ValueOf(b.Account), vString); v != nil && !sameAs(b.Account, func(m *model.Meta) model.Attr[string] { return m.Account }) {
		add(n, keyAccount, v)
	}
	if v := x.attr(reflect.ValueOf(b.Region), vString); v != nil && !sameAs(b.Region, func(m *model.Meta) model.Attr[string] { return m.Region }) {
		add(n, keyRegion, v)
	}
	if len(b.Tags) > 0 {
		keys := make([]string, 0, len(b.Tags))
		for k := range b.Tags {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		t := mapNode()
		for _, k := range keys {
			addString(t, k, b.Tags[k])
		}
		add(n, keyTags, t)
	}
	if b.Escaped {
		add(n, keyEscaped, boolNode(true))
	}
	if b.Conditional {
		add(n, keyConditional, boolNode(true))
	}
	x.fields(n, reflect.ValueOf(e).Elem(), c.plan, skip)
	for _, il := range inlines[b.Kind] {
		seq := &yaml.Node{Kind: yaml.SequenceNode}
		for _, ch := range x.children[b.ID] {
			if ch.Base().Kind == il.child.info.Kind {
				seq.Content = append(seq.Content, x.entity(ch, il.child, e))
			}
		}
		if len(seq.Content) > 0 {
			add(n, il.key, seq)
		}
	}
	if sups := x.ignores[b.ID]; len(sups) > 0 {
		seq := &yaml.Node{Kind: yaml.SequenceNode}
		for _, s := range sups {
			seq.Content = append(seq.Content, ignoreEntry(s))
		}
		add(n, keyIgnore, seq)
	}
	return n
}

// ignoreEntry writes a suppression as it was written: a malformed one stays
// malformed (and is reported again), a missing reason stays missing.
func ignoreEntry(s suppress.Suppression) *yaml.Node {
	n := mapNode()
	ids := &yaml.Node{Kind: yaml.SequenceNode, Style: yaml.FlowStyle}
	for _, id := range s.RuleIDs {
		ids.Content = append(ids.Content, strNode(id))
	}
	add(n, "id", ids)
	if s.Reason != "" || !missingReason(s) {
		addString(n, "reason", s.Reason)
	}
	if s.Until != "" {
		addString(n, "until", s.Until)
	}
	return n
}

func missingReason(s suppress.Suppression) bool {
	for _, p := range s.Problems {
		if strings.HasPrefix(p, "no reason") {
			return true
		}
	}
	return false
}

// fields writes the fields of struct v that the source sets, but those in skip.
func (x *exporter) fields(n *yaml.Node, v reflect.Value, p *plan, skip map[string]bool) {
	for i := range p.fields {
		f := &p.fields[i]
		if skip[f.key] {
			continue
		}
		if val := x.value(v.FieldByIndex(f.index), f); val != nil {
			add(n, f.key, val)
		}
	}
}

// value returns the node of a field, or nil when the field is absent.
func (x *exporter) value(fv reflect.Value, f *field) *yaml.Node {
	switch f.kind {
	case vString, vInt, vBool, vAny:
		return x.attr(fv, f.kind)
	case vText:
		if s := fv.String(); s != "" {
			return strNode(s)
		}
	case vFlag:
		if !fv.Bool() {
			return boolNode(false)
		}
	case vRef:
		r := fv.Interface().(model.Ref)
		if r.IsZero() {
			return nil
		}
		return x.ref(r)
	case vRefList:
		l := fv.Interface().(model.RefList)
		switch {
		case l.Known:
			return x.refs(l.Items)
		case !l.Range.IsZero():
			return unknownNode()
		}
	case vStringList:
		l := fv.Interface().(model.StringList)
		switch {
		case l.Known:
			return x.strings(l.Items)
		case !l.Range.IsZero():
			return unknownNode()
		}
	case vRefs:
		var keep []model.Ref
		for _, r := range fv.Interface().([]model.Ref) {
			if !x.folded[r.Range] {
				keep = append(keep, r)
			}
		}
		if len(keep) > 0 {
			return x.refs(keep)
		}
	case vStrings:
		var keep []model.Attr[string]
		for _, a := range fv.Interface().([]model.Attr[string]) {
			if !x.folded[a.Range] {
				keep = append(keep, a)
			}
		}
		if len(keep) > 0 {
			return x.strings(keep)
		}
	case vStruct:
		if f.sub.present != nil && !fv.FieldByIndex(f.sub.present).Bool() {
			return nil
		}
		n := mapNode()
		x.fields(n, fv, f.sub, nil)
		if len(n.Content) > 0 || f.sub.present != nil {
			return n
		}
	case vStructs:
		seq := &yaml.Node{Kind: yaml.SequenceNode}
		for i := 0; i < fv.Len(); i++ {
			item := fv.Index(i)
			// A security group's rule folded in from a standalone rule is
			// written with that rule.
			if r := item.FieldByName("Rule"); r.IsValid() && r.Kind() == reflect.String && r.String() != "" {
				continue
			}
			n := mapNode()
			x.fields(n, item, f.sub, nil)
			seq.Content = append(seq.Content, n)
		}
		if len(seq.Content) > 0 {
			return seq
		}
	}
	return nil
}

// attr writes a model.Attr: its value, !default value, !unknown, or nothing.
func (x *exporter) attr(fv reflect.Value, k valueKind) *yaml.Node {
	known := fv.FieldByName("Known").Bool()
	rng := fv.FieldByName("Range").Interface().(model.Range)
	if !known {
		if rng.IsZero() {
			return nil
		}
		return unknownNode()
	}
	val := fv.FieldByName("Value").Interface()
	var n *yaml.Node
	switch k {
	case vAny:
		n = anyNode(val)
	case vInt:
		n = &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int", Value: strconv.Itoa(val.(int))}
	case vBool:
		n = boolNode(val.(bool))
	default:
		n = strNode(val.(string))
	}
	if fv.FieldByName("Default").Bool() {
		n.Tag, n.Style = tagDefault, 0
		// A string that would read as a number or boolean ("200") is quoted.
		if k == vString && (&yaml.Node{Kind: yaml.ScalarNode, Value: n.Value}).ShortTag() != "!!str" {
			n.Style = yaml.DoubleQuotedStyle
		}
	}
	return n
}

// ref writes a reference as its literal (an ARN or id, which Link resolves
// again), the id of the entity it points at, or !unknown.
func (x *exporter) ref(r model.Ref) *yaml.Node {
	switch {
	case r.Literal.Known:
		n := strNode(r.Literal.Value)
		if !isLiteral(r.Literal.Value) {
			n.Tag = tagLiteral // a name AWS resolves, not the id of an entry
		}
		return n
	case r.Target != "":
		if ext, ok := x.m.Get(r.Target).(*model.External); ok {
			if ext.Identifier.Known {
				return strNode(ext.Identifier.Value)
			}
			return unknownNode()
		}
		if h, ok := x.handles[r.Target]; ok {
			return strNode(h)
		}
	}
	return unknownNode()
}

func (x *exporter) refs(items []model.Ref) *yaml.Node {
	seq := &yaml.Node{Kind: yaml.SequenceNode, Style: yaml.FlowStyle}
	for _, r := range items {
		seq.Content = append(seq.Content, x.ref(r))
	}
	return seq
}

func (x *exporter) strings(items []model.Attr[string]) *yaml.Node {
	seq := &yaml.Node{Kind: yaml.SequenceNode, Style: yaml.FlowStyle}
	for _, a := range items {
		if a.Known {
			seq.Content = append(seq.Content, strNode(a.Value))
		} else {
			seq.Content = append(seq.Content, unknownNode())
		}
	}
	return seq
}

func mapNode() *yaml.Node { return &yaml.Node{Kind: yaml.MappingNode} }

func add(m *yaml.Node, key string, v *yaml.Node) {
	m.Content = append(m.Content, strNode(key), v)
}

func addScalar(m *yaml.Node, key, v string) { add(m, key, strNode(v)) }

func addString(m *yaml.Node, key, v string) { add(m, key, strNode(v)) }

// strNode is a string scalar; Tag !!str makes the encoder quote what would
// otherwise read back as a number or boolean ("111111111111", "true").
func strNode(s string) *yaml.Node { return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s} }

func boolNode(b bool) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: strconv.FormatBool(b)}
}

func unknownNode() *yaml.Node { return &yaml.Node{Kind: yaml.ScalarNode, Tag: tagUnknown} }

// anyNode writes a JSON-like value (a policy document) as YAML.
func anyNode(v any) *yaml.Node {
	var n yaml.Node
	if err := n.Encode(v); err != nil {
		return strNode(fmt.Sprint(v))
	}
	return &n
}
