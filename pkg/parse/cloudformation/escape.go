package cloudformation

import (
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/lattice-lint/lattice-lint/pkg/model"
)

// escapeSinks lists, by resource type, the properties whose values leave the
// model: another stack or account reads an SSM parameter or a secret, and a
// nested stack's template is not read.
// The nested templates are not read, so they may configure what they are given
// (unreadSinks).
var escapeSinks = map[string][]string{
	"AWS::SSM::Parameter":          {"Value"},
	"AWS::SecretsManager::Secret":  {"SecretString"},
	"AWS::CloudFormation::Stack":   {"Parameters"},
	"AWS::Serverless::Application": {"Parameters"},
}

var unreadSinks = map[string]bool{"AWS::CloudFormation::Stack": true, "AWS::Serverless::Application": true}

// customResource reports whether a resource type is a custom resource: its
// Lambda function may do anything with what it is given (register targets in
// a target group, attach an Auto Scaling group's traffic source), so every
// property is an unread sink.
func customResource(typ string) bool {
	return typ == "AWS::CloudFormation::CustomResource" || strings.HasPrefix(typ, "Custom::")
}

// markEscapes sets Meta.Escaped on every entity a sink property, a plain
// output, or an export that no template of the run imports refers to (Ref, GetAtt, also inside Sub,
// Join and the rest): something outside the model may use it. It runs after
// every template is built, so every import has been seen.
func (r *run) markEscapes(m *model.Model) {
	escaped, unread := map[string]bool{}, map[string]bool{}
	for _, t := range r.templates {
		r.guard(t.path, func() { t.escapes(escaped, unread) })
	}
	for id := range escaped {
		if e := m.Get(id); e != nil {
			e.Base().Escaped, e.Base().Unread = true, unread[id]
		}
	}
}

// escapes adds the IDs of the entities t lets escape to escaped, and of
// those it hands to templates the model does not read to unread too.
func (t *template) escapes(escaped, unread map[string]bool) {
	into := false // the sink being walked is an unread template
	w := &refWalker{t: t, seen: map[*yaml.Node]bool{}, found: func(r *resource) {
		if r.modelled() {
			escaped[r.id()] = true
			if into {
				unread[r.id()] = true
			}
		}
	}}
	for _, r := range t.order {
		props := escapeSinks[r.typ]
		if customResource(r.typ) && r.props != nil && t.resourceCondition(r) != triFalse {
			into = true
			w.walk(r.props, r.env)
			continue
		}
		if len(props) == 0 || t.resourceCondition(r) == triFalse {
			continue
		}
		into = unreadSinks[r.typ]
		for _, p := range props {
			if _, v := field(r.props, p); v != nil {
				w.walk(v, r.env)
			}
		}
	}
	into = false
	for _, o := range t.outputs {
		// Plain outputs leave too: deploy scripts pass them to other stacks as
		// parameters. Only an export some template of the run imports stays.
		if (o.export != nil && o.imported) || o.value == nil {
			continue
		}
		if o.cond != "" && t.condition(o.cond, o.key) == triFalse {
			continue
		}
		w.walk(o.value, o.env)
	}
}

// refWalker finds the resources a template value refers to, wherever the
// reference sits inside other intrinsics.
type refWalker struct {
	t     *template
	seen  map[*yaml.Node]bool // each node once: aliases cannot multiply work
	found func(*resource)
}

func (w *refWalker) walk(n *yaml.Node, e *env) {
	n = deref(n)
	if w.seen[n] {
		return
	}
	w.seen[n] = true
	fn, arg := "", n
	if !isStandardTag(n.Tag) {
		fn = shortTags[n.Tag]
		plain := *n // the tagged node is the argument; without its tag it is plain data
		plain.Tag = ""
		arg = &plain
	} else if n.Kind == yaml.MappingNode && len(n.Content) == 2 && intrinsicNames[n.Content[0].Value] {
		fn, arg = n.Content[0].Value, n.Content[1]
	}
	switch fn {
	case "Ref", "Fn::GetAtt", "Fn::ImportValue":
		// The evaluator knows what these name (forwarded attributes, imports
		// from other templates); the node was evaluated before, so this adds
		// no diagnostics.
		w.value(w.t.eval(n, e))
		return // the arguments are names, not values
	case "Fn::Sub":
		w.sub(arg, e)
		return
	}
	if n.Kind != yaml.MappingNode {
		for _, c := range n.Content {
			w.walk(c, e)
		}
		return
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		// Fn::ForEach fragments name loop identifiers bound only while expanding.
		if !strings.HasPrefix(n.Content[i].Value, "Fn::ForEach::") {
			w.walk(n.Content[i+1], e)
		}
	}
}

// value reports the resources an evaluated value names.
func (w *refWalker) value(v *val) {
	if v.ref != nil {
		w.found(v.ref.res)
	}
	for _, it := range v.items {
		w.value(it)
	}
	for _, en := range v.keys {
		w.value(en.v)
	}
}

// sub reports the resources a Fn::Sub string names (${R}, ${R.Attr}) and
// walks its variable values.
func (w *refWalker) sub(arg *yaml.Node, e *env) {
	a := deref(arg)
	text, vars := a, (*yaml.Node)(nil)
	if a.Kind == yaml.SequenceNode && len(a.Content) == 2 {
		text, vars = deref(a.Content[0]), a.Content[1]
		w.walk(vars, e)
	}
	if text.Kind != yaml.ScalarNode || !isStandardTag(text.Tag) {
		return
	}
	s := text.Value
	for {
		i := strings.Index(s, "${")
		if i < 0 {
			return
		}
		s = s[i+2:]
		j := strings.IndexByte(s, '}')
		if j < 0 {
			return
		}
		name := strings.TrimSpace(s[:j])
		s = s[j+1:]
		if strings.HasPrefix(name, "!") {
			continue
		}
		if vars != nil {
			if k, _ := field(vars, name); k != nil {
				continue // a variable of this Sub, walked above
			}
		}
		if e.lookup(name) != nil {
			continue
		}
		res, attr, _ := strings.Cut(name, ".")
		if r, ok := w.t.resources[res]; ok {
			if attr == "" {
				attr = "Ref"
			}
			w.value(r.reference(attr, model.Range{}))
		}
	}
}
