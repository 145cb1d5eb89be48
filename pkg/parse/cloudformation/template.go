package cloudformation

import (
	"fmt"
	"regexp"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/lattice-lint/lattice-lint/pkg/diag"
	"github.com/lattice-lint/lattice-lint/pkg/model"
)

// template is one recognised CloudFormation template and its evaluation state.
type template struct {
	run  *run
	path string // relative to Options.Root, forward slashes
	doc  *document

	account, region model.Attr[string]

	params     map[string]*param
	mappings   *yaml.Node
	conditions map[string]*condition
	resources  map[string]*resource
	order      []*resource
	outputs    []*output

	langExt, sam bool

	// budget counts node visits left; alias expansion (or anything else) past
	// it stops evaluation of the template instead of eating memory.
	budget    int
	exhausted bool
	// bytes counts the string bytes intrinsic functions built (budget.go).
	bytes    int64
	depth    int
	reported map[string]bool
}

type param struct {
	name  string
	key   *yaml.Node
	typ   string
	value *val // nil: no value (unknown)
}

type tri int8

const (
	triUnknown tri = iota
	triFalse
	triTrue
)

type condition struct {
	name   string
	key    *yaml.Node
	expr   *yaml.Node
	state  int8 // 0 new, 1 evaluating, 2 done
	result tri
}

type resource struct {
	t       *template
	logical string
	key     *yaml.Node
	node    *yaml.Node
	typ     string
	cond    string
	condKey *yaml.Node
	props   *yaml.Node
	env     *env

	state int8 // 0 new, 1 evaluating, 2 done
	value *val // evaluated Properties (nil when absent)
}

type output struct {
	t      *template
	name   string
	key    *yaml.Node
	value  *yaml.Node
	export *yaml.Node // Export.Name
	cond   string
	env    *env
	// imported is set when a template of the run imports the export, so
	// the model follows its value.
	imported bool

	state int8
	v     *val
}

// env binds Fn::ForEach identifiers to the current item.
type env struct {
	parent *env
	name   string
	v      *val
}

func (e *env) lookup(name string) *val {
	for ; e != nil; e = e.parent {
		if e.name == name {
			return e.v
		}
	}
	return nil
}

const (
	maxEvalDepth = 200
	// baseBudget plus budgetFactor × document nodes is the number of node
	// visits one template may take: enough for every legitimate template
	// (each node is visited about once), far too little for an alias bomb.
	baseBudget   = 200_000
	budgetFactor = 8
)

var topLevelKeys = map[string]bool{
	"AWSTemplateFormatVersion": true, "Description": true, "Metadata": true, "Parameters": true, "Rules": true,
	"Mappings": true, "Conditions": true, "Transform": true, "Resources": true, "Outputs": true, "Hooks": true,
}

var logicalIDRE = regexp.MustCompile(`^[A-Za-z0-9]+$`)

func (t *template) errorf(n *yaml.Node, format string, args ...any) {
	t.report(diag.Error, t.rangeOf(n), format, args...)
}

func (t *template) warnf(n *yaml.Node, format string, args ...any) {
	t.report(diag.Warning, t.rangeOf(n), format, args...)
}

// report adds a diagnostic once: the same node may be evaluated more than once
// (a resource read by GetAtt forwarding, an alias).
func (t *template) report(sev diag.Severity, rng model.Range, format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	k := fmt.Sprintf("%s|%d:%d|%s", sev, rng.Start.Line, rng.Start.Column, msg)
	if t.reported[k] {
		return
	}
	t.reported[k] = true
	*t.run.diags = append(*t.run.diags, diag.Diagnostic{Severity: sev, Summary: msg, Range: rng})
}

// newTemplate reads the sections of a recognised template.
func (r *run) newTemplate(path string, doc *document) *template {
	t := &template{
		run: r, path: path, doc: doc,
		params: map[string]*param{}, conditions: map[string]*condition{}, resources: map[string]*resource{},
		budget:   baseBudget + budgetFactor*doc.nodes,
		reported: map[string]bool{},
	}
	t.account = model.Unknown[string](model.Range{File: path})
	t.region = model.Unknown[string](model.Range{File: path})
	if r.opts.Attribute != nil {
		a := r.opts.Attribute(r.attributionPath(path))
		if a.Account != "" {
			t.account = model.Known(a.Account, model.Range{File: path})
		}
		if a.Region != "" {
			t.region = model.Known(a.Region, model.Range{File: path})
		}
	}
	t.checkStructure(doc.root)
	if doc.alias != nil {
		// CloudFormation rejects anchors and aliases; aws cloudformation package
		// and SAM resolve them before deploying, and so does the reading here
		// (within the node budget).
		t.warnf(doc.alias, "YAML alias: CloudFormation does not accept YAML anchors and aliases; `aws cloudformation package` or SAM resolve them before deploying, and lattice-lint reads the template as they do")
	}
	sections := map[string]*yaml.Node{}
	for i := 0; i+1 < len(doc.root.Content); i += 2 {
		k, v := doc.root.Content[i], doc.root.Content[i+1]
		if !topLevelKeys[k.Value] && !(k.Value == "Globals") {
			t.errorf(k, "unknown top-level section %q", k.Value)
			continue
		}
		if _, dup := sections[k.Value]; !dup {
			sections[k.Value] = v
		}
	}
	if n := sections["Transform"]; n != nil {
		t.readTransforms(n)
	}
	if n := sections["Globals"]; n != nil && !t.sam {
		t.errorf(n, "Globals section requires the AWS::Serverless-2016-10-31 transform")
	}
	if n := sections["Parameters"]; n != nil {
		t.readParameters(n)
	}
	if n := sections["Mappings"]; n != nil {
		if n.Kind != yaml.MappingNode {
			t.errorf(n, "Mappings must be a mapping")
		} else {
			t.mappings = n
		}
	}
	if n := sections["Conditions"]; n != nil {
		t.readConditions(n)
	}
	if n := sections["Resources"]; n != nil {
		t.readResources(n)
	}
	if n := sections["Outputs"]; n != nil {
		t.readOutputs(n)
	}
	return t
}

func (t *template) readTransforms(n *yaml.Node) {
	var names []*yaml.Node
	switch n.Kind {
	case yaml.ScalarNode:
		names = []*yaml.Node{n}
	case yaml.SequenceNode:
		names = n.Content
	default:
		t.run.diags.Notef(t.rangeOf(n), "transform is not applied; resources it adds are not modelled")
		return
	}
	for _, x := range names {
		switch x.Value {
		case "AWS::LanguageExtensions":
			t.langExt = true
		case "AWS::Serverless-2016-10-31":
			t.sam = true
		default:
			t.run.diags.Notef(t.rangeOf(x), "transform %q is not applied; resources it adds are not modelled", x.Value)
		}
	}
}

// expand lists the entries of a mapping, expanding Fn::ForEach::<Name> keys
// (AWS::LanguageExtensions) into one entry per collection item.
func (t *template) expand(m *yaml.Node, e *env, emit func(key string, keyNode, value *yaml.Node, e *env)) {
	m = deref(m)
	t.depth++
	defer func() { t.depth-- }()
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], m.Content[i+1]
		if t.spend(k) { // nested loops multiply: bound them like aliases
			return
		}
		if !strings.HasPrefix(k.Value, "Fn::ForEach::") {
			emit(substituteKey(k.Value, e), k, v, e)
			continue
		}
		if !t.langExt {
			t.errorf(k, "%s requires the AWS::LanguageExtensions transform", k.Value)
			continue
		}
		v = deref(v)
		if v.Kind != yaml.SequenceNode || len(v.Content) != 3 || deref(v.Content[0]).Kind != yaml.ScalarNode ||
			deref(v.Content[2]).Kind != yaml.MappingNode {
			t.errorf(k, "%s takes [Identifier, Collection, {OutputKey: Fragment}]", k.Value)
			continue
		}
		ident := deref(v.Content[0]).Value
		coll := t.eval(v.Content[1], e)
		if coll.k != vList {
			if coll.k == vUnknown {
				t.warnf(k, "%s cannot be expanded: its collection is unknown before deploy; the resources it creates are not modelled", k.Value)
			} else {
				t.errorf(v.Content[1], "%s: collection must be a list, got %s", k.Value, coll.describe())
			}
			continue
		}
		for _, item := range coll.items {
			if item.k != vScalar {
				if item.k == vUnknown {
					t.warnf(k, "%s: a collection item is unknown before deploy; its resources are not modelled", k.Value)
				} else {
					t.errorf(v.Content[1], "%s: collection items must be strings, got %s", k.Value, item.describe())
				}
				continue
			}
			t.expand(v.Content[2], &env{parent: e, name: ident, v: item}, emit)
		}
	}
}

// substituteKey replaces ${Identifier} and &{Identifier} (non-alphanumerics
// removed) of Fn::ForEach output keys.
func substituteKey(key string, e *env) string {
	for x := e; x != nil; x = x.parent {
		if x.v == nil || x.v.k != vScalar {
			continue
		}
		key = strings.ReplaceAll(key, "${"+x.name+"}", x.v.s)
		key = strings.ReplaceAll(key, "&{"+x.name+"}", alnum(x.v.s))
	}
	return key
}

func alnum(s string) string {
	var b strings.Builder
	for _, r := range s {
		if (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') || (r >= '0' && r <= '9') {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// deref follows YAML aliases (the node budget applies to evaluation, not here).
func deref(n *yaml.Node) *yaml.Node {
	for i := 0; n != nil && n.Kind == yaml.AliasNode && i < 100; i++ {
		n = n.Alias
	}
	if n == nil || n.Kind == yaml.AliasNode {
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null"}
	}
	return n
}

// field returns the value of key in mapping n, or nil.
func field(n *yaml.Node, key string) (k, v *yaml.Node) {
	n = deref(n)
	if n.Kind != yaml.MappingNode {
		return nil, nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i], n.Content[i+1]
		}
	}
	return nil, nil
}

func (t *template) readParameters(n *yaml.Node) {
	if n = deref(n); n.Kind != yaml.MappingNode {
		t.errorf(n, "Parameters must be a mapping")
		return
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], deref(n.Content[i+1])
		p := &param{name: k.Value, key: k}
		t.params[k.Value] = p
		if v.Kind != yaml.MappingNode {
			t.errorf(v, "parameter %s must be a mapping", k.Value)
			continue
		}
		_, typ := field(v, "Type")
		if typ == nil || deref(typ).Kind != yaml.ScalarNode {
			t.errorf(k, "parameter %s has no Type", k.Value)
			continue
		}
		p.typ = deref(typ).Value
		t.resolveParameter(p, v)
	}
}

// awsIDPrefix is the id prefix each AWS-specific parameter type's values must have.
var awsIDPrefix = map[string]string{
	"AWS::EC2::VPC::Id": "vpc-", "AWS::EC2::SecurityGroup::Id": "sg-", "AWS::EC2::Subnet::Id": "subnet-",
	"AWS::EC2::Instance::Id": "i-", "AWS::EC2::Image::Id": "ami-",
}

func (t *template) resolveParameter(p *param, decl *yaml.Node) {
	if strings.HasPrefix(p.typ, "AWS::SSM::Parameter::Value<") {
		return // the value is read from SSM at deploy time; Default is the parameter's name
	}
	isList := p.typ == "CommaDelimitedList" || strings.HasPrefix(p.typ, "List<")
	elemType := strings.TrimSuffix(strings.TrimPrefix(p.typ, "List<"), ">")
	var raw string
	var at *yaml.Node
	var rng model.Range
	if s, ok := t.run.opts.Params[p.name]; ok {
		raw, at, rng = s, p.key, t.rangeOf(p.key)
	} else if _, d := field(decl, "Default"); d != nil {
		d = deref(d)
		if d.Kind != yaml.ScalarNode || (d.Tag != "" && !strings.HasPrefix(d.Tag, "!!")) {
			t.errorf(d, "parameter %s: Default must be a plain string, got %s", p.name, kindName(d))
			return
		}
		raw, at, rng = d.Value, d, t.rangeOf(d)
	} else {
		return
	}
	var items []string
	if isList {
		if strings.TrimSpace(raw) != "" {
			for _, s := range strings.Split(raw, ",") {
				items = append(items, strings.TrimSpace(s))
			}
		}
	} else {
		items = []string{raw}
	}
	if _, allowed := field(decl, "AllowedValues"); allowed != nil {
		if allowed = deref(allowed); allowed.Kind == yaml.SequenceNode {
			ok := map[string]bool{}
			for _, a := range allowed.Content {
				ok[deref(a).Value] = true
			}
			for _, it := range items {
				if !ok[it] {
					t.errorf(at, "parameter %s: value %q is not one of its AllowedValues", p.name, it)
					return
				}
			}
		}
	}
	if prefix, ok := awsIDPrefix[elemType]; ok {
		for _, it := range items {
			if !strings.HasPrefix(it, prefix) {
				t.warnf(at, "parameter %s: value %q is not a valid %s; CloudFormation would reject it, so it is treated as unknown", p.name, it, elemType)
				return
			}
		}
	}
	if isList {
		l := &val{k: vList, rng: rng}
		for _, it := range items {
			l.items = append(l.items, scalarAt(it, rng))
		}
		p.value = l
		return
	}
	p.value = scalarAt(raw, rng)
}

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.SequenceNode:
		return "a list"
	case yaml.MappingNode:
		return "a mapping"
	}
	if n.Tag != "" && !strings.HasPrefix(n.Tag, "!!") {
		return "an intrinsic function"
	}
	return "a scalar"
}

func (t *template) readConditions(n *yaml.Node) {
	if n = deref(n); n.Kind != yaml.MappingNode {
		t.errorf(n, "Conditions must be a mapping")
		return
	}
	t.expand(n, nil, func(key string, k, v *yaml.Node, _ *env) {
		t.conditions[key] = &condition{name: key, key: k, expr: v}
	})
}

func (t *template) readResources(n *yaml.Node) {
	if n = deref(n); n.Kind != yaml.MappingNode {
		t.errorf(n, "Resources must be a mapping")
		return
	}
	t.expand(n, nil, func(key string, k, v *yaml.Node, e *env) {
		if !logicalIDRE.MatchString(key) {
			t.errorf(k, "logical id %q must be alphanumeric", key)
			return
		}
		if prev, dup := t.resources[key]; dup {
			if e != nil || prev.env != nil { // plain duplicates are reported by checkStructure
				t.errorf(k, "Fn::ForEach produces logical id %q twice", key)
			}
			return
		}
		if _, clash := t.params[key]; clash {
			t.errorf(k, "logical id %q is also a parameter name", key)
		}
		r := &resource{t: t, logical: key, key: k, node: deref(v), env: e}
		if r.node.Kind == yaml.ScalarNode && r.node.Tag == "!!null" && e != nil {
			// Published samples put a null-valued output key beside a nested
			// Fn::ForEach; the transform drops it, so it is skipped, not an error.
			t.run.diags.Notef(t.rangeOf(k), "%s has no definition (null) and is skipped", key)
			return
		}
		if r.node.Kind != yaml.MappingNode {
			t.errorf(v, "resource %s must be a mapping", key)
			return
		}
		_, typ := field(r.node, "Type")
		if typ == nil || deref(typ).Kind != yaml.ScalarNode || deref(typ).Value == "" {
			t.errorf(k, "resource %s has no Type", key)
			return
		}
		r.typ = deref(typ).Value
		if _, c := field(r.node, "Condition"); c != nil {
			r.condKey = c
			if c = deref(c); c.Kind != yaml.ScalarNode {
				t.errorf(c, "resource %s: Condition must be a condition name", key)
			} else {
				r.cond = c.Value
			}
		}
		if _, p := field(r.node, "Properties"); p != nil {
			r.props = p
		}
		t.resources[key] = r
		t.order = append(t.order, r)
		t.readSuppressions(r)
	})
}

func (t *template) readOutputs(n *yaml.Node) {
	if n = deref(n); n.Kind != yaml.MappingNode {
		t.errorf(n, "Outputs must be a mapping")
		return
	}
	t.expand(n, nil, func(key string, k, v *yaml.Node, e *env) {
		o := &output{t: t, name: key, key: k, env: e}
		if _, o.value = field(v, "Value"); o.value == nil {
			t.errorf(k, "output %s has no Value", key)
		}
		if _, ex := field(v, "Export"); ex != nil {
			if _, o.export = field(ex, "Name"); o.export == nil {
				t.errorf(ex, "output %s: Export has no Name", key)
			}
		}
		if _, c := field(v, "Condition"); c != nil {
			o.cond = deref(c).Value
		}
		t.outputs = append(t.outputs, o)
	})
}

// checkDependsOn reports DependsOn entries that name no resource.
func (t *template) checkDependsOn(r *resource) {
	_, d := field(r.node, "DependsOn")
	if d == nil {
		return
	}
	d = deref(d)
	names := []*yaml.Node{d}
	if d.Kind == yaml.SequenceNode {
		names = d.Content
	}
	for _, n := range names {
		n = deref(n)
		if n.Kind != yaml.ScalarNode {
			t.errorf(n, "resource %s: DependsOn must name resources", r.logical)
			continue
		}
		if _, ok := t.resources[n.Value]; !ok {
			t.errorf(n, "resource %s: DependsOn names undeclared resource %q", r.logical, n.Value)
		}
	}
}
