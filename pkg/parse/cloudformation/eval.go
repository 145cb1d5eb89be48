package cloudformation

import (
	"encoding/base64"
	"encoding/json"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/lattice-lint/lattice-lint/pkg/model"
)

// shortTags maps YAML short-form intrinsic tags to their long names.
var shortTags = map[string]string{
	"!Ref": "Ref", "!Condition": "Condition", "!And": "Fn::And", "!Base64": "Fn::Base64", "!Cidr": "Fn::Cidr",
	"!Equals": "Fn::Equals", "!FindInMap": "Fn::FindInMap", "!GetAtt": "Fn::GetAtt", "!GetAZs": "Fn::GetAZs",
	"!If": "Fn::If", "!ImportValue": "Fn::ImportValue", "!Join": "Fn::Join", "!Not": "Fn::Not", "!Or": "Fn::Or",
	"!Select": "Fn::Select", "!Split": "Fn::Split", "!Sub": "Fn::Sub", "!Transform": "Fn::Transform",
	"!Length": "Fn::Length", "!ToJsonString": "Fn::ToJsonString",
}

// intrinsicNames lists every long-form function the evaluator knows.
var intrinsicNames = map[string]bool{
	"Ref": true, "Fn::And": true, "Fn::Base64": true, "Fn::Cidr": true, "Fn::Equals": true, "Fn::FindInMap": true,
	"Fn::GetAtt": true, "Fn::GetAZs": true, "Fn::If": true, "Fn::ImportValue": true, "Fn::Join": true,
	"Fn::Not": true, "Fn::Or": true, "Fn::Select": true, "Fn::Split": true, "Fn::Sub": true, "Fn::Transform": true,
	"Fn::Length": true, "Fn::ToJsonString": true,
}

// isStandardTag reports YAML core tags (explicit or implied), as opposed to
// CloudFormation short forms and unknown local tags.
func isStandardTag(tag string) bool {
	return tag == "" || tag == "!" || strings.HasPrefix(tag, "!!") || strings.HasPrefix(tag, "tag:yaml.org,2002:")
}

// spend takes one node visit from the budget; true means stop.
func (t *template) spend(n *yaml.Node) bool {
	if t.exhausted {
		return true
	}
	t.budget--
	if t.budget < 0 || t.depth > maxEvalDepth {
		t.exhausted = true
		if t.depth > maxEvalDepth {
			t.errorf(n, "template nests values (or YAML aliases) deeper than %d levels; evaluation stopped", maxEvalDepth)
		} else {
			t.errorf(n, "template expands to too many values (YAML alias expansion?); evaluation stopped")
		}
		return true
	}
	return false
}

// eval applies the intrinsic functions in n.
func (t *template) eval(n *yaml.Node, e *env) *val {
	rng := t.rangeOf(n)
	if t.spend(n) {
		return unknownAt(rng)
	}
	t.depth++
	defer func() { t.depth-- }()
	if n.Kind == yaml.AliasNode {
		if n.Alias == nil {
			return unknownAt(rng)
		}
		return t.eval(n.Alias, e)
	}
	if !isStandardTag(n.Tag) {
		fn, ok := shortTags[n.Tag]
		if !ok {
			t.errorf(n, "unknown YAML tag %q (not a CloudFormation intrinsic function)", n.Tag)
			return unknownAt(rng)
		}
		// The tagged node is the argument; without its tag it is plain data.
		arg := *n
		arg.Tag = map[yaml.Kind]string{yaml.ScalarNode: "!!str", yaml.SequenceNode: "!!seq", yaml.MappingNode: "!!map"}[n.Kind]
		return t.intrinsic(fn, n, &arg, e, rng)
	}
	switch n.Kind {
	case yaml.ScalarNode:
		if n.Tag == "!!null" {
			return &val{k: vNull, rng: rng}
		}
		tag := n.Tag
		if tag == "" || tag == "!" {
			tag = "!!str"
		}
		return &val{k: vScalar, s: n.Value, tag: tag, rng: rng}
	case yaml.SequenceNode:
		l := &val{k: vList, rng: rng, items: make([]*val, 0, len(n.Content))}
		for _, c := range n.Content {
			if v := t.eval(c, e); v.k != vNoValue {
				l.items = append(l.items, v)
			}
		}
		return l
	case yaml.MappingNode:
		if len(n.Content) == 2 {
			k := n.Content[0].Value
			if k == "Ref" || (strings.HasPrefix(k, "Fn::") && !strings.HasPrefix(k, "Fn::ForEach::")) {
				if !intrinsicNames[k] {
					t.errorf(n.Content[0], "unknown intrinsic function %q", k)
					return unknownAt(rng)
				}
				return t.intrinsic(k, n, n.Content[1], e, rng)
			}
		}
		m := &val{k: vMap, rng: rng, keys: make([]entry, 0, len(n.Content)/2)}
		t.expand(n, e, func(key string, kn, vn *yaml.Node, e2 *env) {
			if v := t.eval(vn, e2); v.k != vNoValue {
				m.keys = append(m.keys, entry{key: key, rng: t.rangeOf(kn), v: v})
			}
		})
		return m
	}
	return unknownAt(rng)
}

// args returns the argument list of an intrinsic written as a sequence
// (short form: the tagged node itself).
func (t *template) args(fn string, arg *yaml.Node, min, max int) ([]*yaml.Node, bool) {
	a := deref(arg)
	if a.Kind != yaml.SequenceNode || len(a.Content) < min || len(a.Content) > max {
		if min == max {
			t.errorf(arg, "%s takes a list of %d arguments", fn, min)
		} else {
			t.errorf(arg, "%s takes a list of %d to %d arguments", fn, min, max)
		}
		return nil, false
	}
	return a.Content, true
}

// scalarArg evaluates an argument that must end up a string.
func (t *template) scalarArg(fn string, n *yaml.Node, e *env) (string, bool) {
	v := t.eval(n, e)
	switch v.k {
	case vScalar:
		return v.s, true
	case vUnknown:
		return "", false
	}
	t.errorf(n, "%s: expected a string, got %s", fn, v.describe())
	return "", false
}

func (t *template) intrinsic(fn string, at, arg *yaml.Node, e *env, rng model.Range) *val {
	switch fn {
	case "Ref":
		a := deref(arg)
		if a.Kind != yaml.ScalarNode && t.langExt {
			// AWS::LanguageExtensions allows Ref {Fn::Sub: "Svc${Name}"}.
			name, ok := t.scalarArg(fn, arg, e)
			if !ok {
				return unknownAt(rng)
			}
			return t.ref(name, at, e, rng)
		}
		if a.Kind != yaml.ScalarNode || a.Value == "" || !isStandardTag(a.Tag) {
			t.errorf(at, "Ref takes the name of a parameter or resource")
			return unknownAt(rng)
		}
		return t.ref(a.Value, at, e, rng)
	case "Fn::GetAtt":
		return t.getAtt(at, arg, e, rng)
	case "Fn::Sub":
		return t.sub(at, arg, e, rng)
	case "Fn::Join":
		a, ok := t.args(fn, arg, 2, 2)
		if !ok {
			return unknownAt(rng)
		}
		sep, sepOK := t.scalarArg(fn, a[0], e)
		list := t.eval(a[1], e)
		if list.k != vList {
			if list.k != vUnknown {
				t.errorf(a[1], "Fn::Join: expected a list, got %s", list.describe())
			}
			return unknownAt(rng)
		}
		if len(list.items) == 1 {
			return list.items[0].at(rng)
		}
		parts := make([]string, 0, len(list.items))
		for _, it := range list.items {
			if it.k != vScalar {
				if it.k != vUnknown {
					t.errorf(a[1], "Fn::Join: list items must be strings, got %s", it.describe())
				}
				return unknownAt(rng)
			}
			parts = append(parts, it.s)
		}
		if !sepOK {
			return unknownAt(rng)
		}
		n := int64(len(sep)) * int64(len(parts)-1)
		for _, p := range parts {
			n += int64(len(p))
		}
		if !t.charge(at, fn, n) {
			return unknownAt(rng)
		}
		return scalarAt(strings.Join(parts, sep), rng)
	case "Fn::Select":
		a, ok := t.args(fn, arg, 2, 2)
		if !ok {
			return unknownAt(rng)
		}
		idx, idxOK := t.scalarArg(fn, a[0], e)
		list := t.eval(a[1], e)
		if !idxOK {
			return unknownAt(rng)
		}
		i, err := strconv.Atoi(strings.TrimSpace(idx))
		if err != nil || i < 0 {
			t.errorf(a[0], "Fn::Select: index %q is not a non-negative integer", idx)
			return unknownAt(rng)
		}
		switch list.k {
		case vList:
			if i >= len(list.items) {
				t.errorf(at, "Fn::Select: index %d is out of range for a list of %d", i, len(list.items))
				return unknownAt(rng)
			}
			return list.items[i].at(rng)
		case vUnknown:
			return unknownAt(rng)
		}
		t.errorf(a[1], "Fn::Select: expected a list, got %s", list.describe())
		return unknownAt(rng)
	case "Fn::Split":
		a, ok := t.args(fn, arg, 2, 2)
		if !ok {
			return unknownAt(rng)
		}
		sep, sepOK := t.scalarArg(fn, a[0], e)
		s, sOK := t.scalarArg(fn, a[1], e)
		if !sepOK || !sOK {
			return unknownAt(rng)
		}
		if sep == "" {
			t.errorf(a[0], "Fn::Split: delimiter must not be empty")
			return unknownAt(rng)
		}
		l := &val{k: vList, rng: rng}
		for _, p := range strings.Split(s, sep) {
			l.items = append(l.items, scalarAt(p, rng))
		}
		return l
	case "Fn::FindInMap":
		return t.findInMap(at, arg, e, rng)
	case "Fn::Base64":
		s, ok := t.scalarArg(fn, arg, e)
		if !ok || !t.charge(at, fn, int64(base64.StdEncoding.EncodedLen(len(s)))) {
			return unknownAt(rng)
		}
		return scalarAt(base64.StdEncoding.EncodeToString([]byte(s)), rng)
	case "Fn::GetAZs":
		t.eval(arg, e) // for diagnostics; the zones are known only to the account
		return unknownAt(rng)
	case "Fn::Cidr":
		return t.cidr(arg, e, rng)
	case "Fn::ImportValue":
		name, ok := t.scalarArg(fn, arg, e)
		if !ok {
			return unknownAt(rng)
		}
		return t.run.importValue(t, name, rng)
	case "Fn::If":
		a, ok := t.args(fn, arg, 3, 3)
		if !ok {
			return unknownAt(rng)
		}
		c := deref(a[0])
		if c.Kind != yaml.ScalarNode {
			t.errorf(a[0], "Fn::If: first argument must be a condition name")
			return unknownAt(rng)
		}
		switch t.condition(c.Value, a[0]) {
		case triTrue:
			return t.eval(a[1], e)
		case triFalse:
			return t.eval(a[2], e)
		}
		// Undecidable: both branches are read for their diagnostics only.
		t.eval(a[1], e)
		t.eval(a[2], e)
		return unknownAt(rng)
	case "Fn::Length":
		v := t.eval(arg, e)
		if v.k == vList {
			return &val{k: vScalar, s: strconv.Itoa(len(v.items)), tag: "!!int", rng: rng}
		}
		if v.k != vUnknown {
			t.errorf(at, "Fn::Length: expected a list, got %s", v.describe())
		}
		return unknownAt(rng)
	case "Fn::ToJsonString":
		v := t.eval(arg, e)
		if p, ok := v.plain(); ok && v.k != vUnknown {
			if b, err := json.Marshal(p); err == nil && t.charge(at, fn, int64(len(b))) {
				return scalarAt(string(b), rng)
			}
		}
		return unknownAt(rng)
	case "Fn::Transform":
		return unknownAt(rng) // a macro runs at deploy time
	case "Fn::Equals", "Fn::And", "Fn::Or", "Fn::Not", "Condition":
		t.errorf(at, "%s can only be used in the Conditions section (or as a condition of another)", fn)
		return unknownAt(rng)
	}
	t.errorf(at, "unknown intrinsic function %q", fn)
	return unknownAt(rng)
}

// pseudo returns the value of a pseudo parameter, or nil when name is none.
func (t *template) pseudo(name string, rng model.Range) *val {
	switch name {
	case "AWS::AccountId":
		if t.account.Known {
			return scalarAt(t.account.Value, rng)
		}
		return unknownAt(rng)
	case "AWS::Region":
		if t.region.Known {
			return scalarAt(t.region.Value, rng)
		}
		return unknownAt(rng)
	case "AWS::Partition", "AWS::URLSuffix":
		if !t.region.Known {
			return unknownAt(rng)
		}
		partition, suffix := "aws", "amazonaws.com"
		switch r := t.region.Value; {
		case strings.HasPrefix(r, "cn-"):
			partition, suffix = "aws-cn", "amazonaws.com.cn"
		case strings.HasPrefix(r, "us-gov-"):
			partition = "aws-us-gov"
		}
		if name == "AWS::Partition" {
			return scalarAt(partition, rng)
		}
		return scalarAt(suffix, rng)
	case "AWS::NoValue":
		return &val{k: vNoValue, rng: rng}
	case "AWS::StackName", "AWS::StackId", "AWS::NotificationARNs":
		return unknownAt(rng)
	}
	return nil
}

// ref resolves Ref name: a Fn::ForEach identifier, a parameter, a pseudo
// parameter or a resource.
func (t *template) ref(name string, at *yaml.Node, e *env, rng model.Range) *val {
	if v := e.lookup(name); v != nil {
		return v.at(rng)
	}
	if p, ok := t.params[name]; ok {
		if p.value == nil {
			return unknownAt(rng)
		}
		return p.value.at(rng)
	}
	if v := t.pseudo(name, rng); v != nil {
		return v
	}
	if r, ok := t.resources[name]; ok {
		return r.reference("Ref", rng)
	}
	if t.sam {
		if r := t.samImplicit(name); r != nil {
			attr := "Ref"
			if i := strings.IndexByte(name, '.'); i > 0 {
				attr = name[i+1:]
				if r.logical == name[:i] {
					return r.reference(attr, rng)
				}
			}
			return unknownAt(rng) // a resource the Serverless transform generates
		}
	}
	t.errorf(at, "Ref to undeclared parameter or resource %q", name)
	return unknownAt(rng)
}

// samImplicit finds the AWS::Serverless::* resource that a name the SAM
// transform generates (MyFunctionRole, MyFunction.Alias, ServerlessRestApi…)
// derives from.
func (t *template) samImplicit(name string) *resource {
	base := name
	if i := strings.IndexByte(base, '.'); i > 0 {
		base = base[:i]
	}
	for _, r := range t.order {
		if strings.HasPrefix(r.typ, "AWS::Serverless::") && strings.HasPrefix(base, r.logical) {
			return r
		}
	}
	if strings.HasPrefix(name, "Serverless") {
		for _, r := range t.order {
			if strings.HasPrefix(r.typ, "AWS::Serverless::") {
				return r
			}
		}
	}
	return nil
}

// reference is the value of Ref / GetAtt on r: unknown, but naming r, so front
// ends can point at the entity. A resource whose condition is false does not
// exist, and neither does anything read from it.
func (r *resource) reference(attr string, rng model.Range) *val {
	if r.t.resourceCondition(r) == triFalse {
		return unknownAt(rng)
	}
	if path, ok := forwardedAttrs[r.typ][attr]; ok {
		// The attribute echoes a property of r (a listener's ServiceArn is its
		// ServiceIdentifier): follow it to the entity it names.
		if v := r.property(path); v != nil && v.k != vNoValue {
			return v.at(rng)
		}
	}
	return &val{k: vUnknown, ref: &symRef{res: r, attr: attr}, rng: rng}
}

// forwardedAttrs lists GetAtt attributes that return (the identity of) what a
// property of the resource names.
var forwardedAttrs = map[string]map[string]string{
	"AWS::VpcLattice::Listener": {"ServiceArn": "ServiceIdentifier", "ServiceId": "ServiceIdentifier"},
	"AWS::VpcLattice::ServiceNetworkVpcAssociation": {"ServiceNetworkArn": "ServiceNetworkIdentifier",
		"ServiceNetworkId": "ServiceNetworkIdentifier", "VpcId": "VpcIdentifier"},
	"AWS::VpcLattice::ServiceNetworkServiceAssociation": {"ServiceArn": "ServiceIdentifier", "ServiceId": "ServiceIdentifier",
		"ServiceNetworkArn": "ServiceNetworkIdentifier", "ServiceNetworkId": "ServiceNetworkIdentifier"},
	"AWS::VpcLattice::AccessLogSubscription": {"ResourceArn": "ResourceIdentifier", "ResourceId": "ResourceIdentifier"},
	"AWS::EC2::VPC":                          {"CidrBlock": "CidrBlock"},
	"AWS::EC2::Subnet":                       {"VpcId": "VpcId", "CidrBlock": "CidrBlock", "AvailabilityZone": "AvailabilityZone"},
	"AWS::EC2::SecurityGroup":                {"VpcId": "VpcId"},
}

// property evaluates one top-level property of r (memoised with the rest).
func (r *resource) property(name string) *val {
	return r.properties().get(name)
}

// properties evaluates r's Properties once. A cycle (two resources reading
// each other's forwarded attributes) yields unknown.
func (r *resource) properties() *val {
	switch r.state {
	case 1:
		return unknownAt(r.t.rangeOf(r.key))
	case 2:
		return r.value
	}
	r.state = 1
	if r.props != nil {
		r.value = r.t.eval(r.props, r.env)
	}
	r.state = 2
	return r.value
}

func (t *template) getAtt(at, arg *yaml.Node, e *env, rng model.Range) *val {
	var name, attr string
	a := deref(arg)
	switch {
	case a.Kind == yaml.ScalarNode:
		i := strings.IndexByte(a.Value, '.')
		if i <= 0 || i == len(a.Value)-1 {
			t.errorf(at, "Fn::GetAtt takes LogicalId.Attribute, got %q", a.Value)
			return unknownAt(rng)
		}
		name, attr = a.Value[:i], a.Value[i+1:]
	case a.Kind == yaml.SequenceNode && len(a.Content) == 2:
		n := deref(a.Content[0])
		switch {
		case n.Kind == yaml.ScalarNode && isStandardTag(n.Tag):
			name = n.Value
		case t.langExt: // AWS::LanguageExtensions allows [!Sub "Svc${Name}", Arn]
			s, ok := t.scalarArg("Fn::GetAtt", n, e)
			if !ok {
				return unknownAt(rng)
			}
			name = s
		default:
			t.errorf(a.Content[0], "Fn::GetAtt: logical id must be a string")
			return unknownAt(rng)
		}
		s, ok := t.scalarArg("Fn::GetAtt", a.Content[1], e)
		if !ok {
			return unknownAt(rng)
		}
		attr = s
	default:
		t.errorf(at, "Fn::GetAtt takes [LogicalId, Attribute] or LogicalId.Attribute")
		return unknownAt(rng)
	}
	if r, ok := t.resources[name]; ok {
		return r.reference(attr, rng)
	}
	if t.sam && t.samImplicit(name) != nil {
		return unknownAt(rng)
	}
	t.errorf(at, "Fn::GetAtt of undeclared resource %q", name)
	return unknownAt(rng)
}

// sub evaluates Fn::Sub: "string" or ["string", {Var: value}].
func (t *template) sub(at, arg *yaml.Node, e *env, rng model.Range) *val {
	a := deref(arg)
	var text *yaml.Node
	vars := map[string]*val{}
	switch {
	case a.Kind == yaml.ScalarNode:
		text = a
	case a.Kind == yaml.SequenceNode && len(a.Content) == 2 && deref(a.Content[0]).Kind == yaml.ScalarNode:
		text = deref(a.Content[0])
		m := t.eval(a.Content[1], e)
		switch m.k {
		case vMap:
			for _, en := range m.keys {
				vars[en.key] = en.v
			}
		case vUnknown:
			return unknownAt(rng)
		default:
			t.errorf(a.Content[1], "Fn::Sub: variables must be a mapping, got %s", m.describe())
			return unknownAt(rng)
		}
	default:
		t.errorf(at, "Fn::Sub takes a string or [string, {variables}]")
		return unknownAt(rng)
	}
	if !isStandardTag(text.Tag) {
		// !Sub [!Ref Env, {}]: CloudFormation requires literal text here;
		// reading the tagged scalar as text would substitute its argument.
		t.errorf(text, "Fn::Sub: the string must be literal text, not %s", text.Tag)
		return unknownAt(rng)
	}
	s := text.Value
	var out strings.Builder
	known := true
	var single *val // the value when the whole string is one ${…}
	parts := 0
	for {
		i := strings.Index(s, "${")
		if i < 0 {
			out.WriteString(s)
			if s != "" {
				parts++
			}
			break
		}
		if i > 0 {
			out.WriteString(s[:i])
			parts++
		}
		s = s[i+2:]
		if strings.HasPrefix(s, "!") { // ${!Literal} writes ${Literal}
			out.WriteString("${")
			s = s[1:]
			parts++
			continue
		}
		j := strings.IndexByte(s, '}')
		if j < 0 {
			t.errorf(at, "Fn::Sub: unterminated ${ in %q", text.Value)
			return unknownAt(rng)
		}
		name := strings.TrimSpace(s[:j])
		s = s[j+1:]
		parts++
		v := t.subVar(name, vars, at, e, rng)
		single = v
		if v.k == vScalar {
			if int64(out.Len()+len(v.s)) > t.run.opts.Values.Value.Bytes {
				t.charge(at, "Fn::Sub", int64(out.Len()+len(v.s)))
				return unknownAt(rng)
			}
			out.WriteString(v.s)
		} else {
			if v.k != vUnknown {
				t.errorf(at, "Fn::Sub: ${%s} is %s, not a string", name, v.describe())
			}
			known = false
		}
	}
	if parts == 1 && single != nil {
		return single.at(rng)
	}
	if !known || !t.charge(at, "Fn::Sub", int64(out.Len())) {
		return unknownAt(rng)
	}
	return scalarAt(out.String(), rng)
}

func (t *template) subVar(name string, vars map[string]*val, at *yaml.Node, e *env, rng model.Range) *val {
	if v, ok := vars[name]; ok {
		return v
	}
	if v := e.lookup(name); v != nil {
		return v
	}
	if _, ok := t.params[name]; ok || strings.HasPrefix(name, "AWS::") {
		return t.ref(name, at, e, rng)
	}
	if _, ok := t.resources[name]; ok {
		return t.ref(name, at, e, rng)
	}
	if i := strings.IndexByte(name, '.'); i > 0 {
		if r, ok := t.resources[name[:i]]; ok {
			return r.reference(name[i+1:], rng)
		}
	}
	if t.sam && t.samImplicit(name) != nil {
		return unknownAt(rng)
	}
	t.errorf(at, "Fn::Sub: ${%s} names no parameter, resource or variable", name)
	return unknownAt(rng)
}

func (t *template) findInMap(at, arg *yaml.Node, e *env, rng model.Range) *val {
	a, ok := t.args("Fn::FindInMap", arg, 3, 4)
	if !ok {
		return unknownAt(rng)
	}
	var def *yaml.Node
	if len(a) == 4 {
		if _, def = field(a[3], "DefaultValue"); def == nil || !t.langExt {
			t.errorf(a[3], "Fn::FindInMap: a fourth argument must be {DefaultValue: …} under AWS::LanguageExtensions")
			return unknownAt(rng)
		}
	}
	keys := make([]string, 3)
	allKnown := true
	for i := range 3 {
		s, ok := t.scalarArg("Fn::FindInMap", a[i], e)
		keys[i] = s
		allKnown = allKnown && ok
	}
	if !allKnown {
		if keys[0] != "" && t.mappings != nil {
			if _, m := field(t.mappings, keys[0]); m == nil && def == nil {
				t.errorf(a[0], "Fn::FindInMap: no mapping named %q", keys[0])
			}
		}
		return unknownAt(rng)
	}
	var node *yaml.Node
	if t.mappings != nil {
		if _, m := field(t.mappings, keys[0]); m != nil {
			if _, top := field(m, keys[1]); top != nil {
				_, node = field(top, keys[2])
			}
		} else if def == nil {
			t.errorf(a[0], "Fn::FindInMap: no mapping named %q", keys[0])
			return unknownAt(rng)
		}
	} else if def == nil {
		t.errorf(a[0], "Fn::FindInMap: the template has no Mappings")
		return unknownAt(rng)
	}
	if node == nil {
		if def != nil {
			return t.eval(def, e).at(rng)
		}
		t.errorf(at, "Fn::FindInMap: mapping %q has no entry [%s][%s]", keys[0], keys[1], keys[2])
		return unknownAt(rng)
	}
	return t.eval(node, nil).at(rng)
}

// condition evaluates a named condition once.
func (t *template) condition(name string, at *yaml.Node) tri {
	c, ok := t.conditions[name]
	if !ok {
		t.errorf(at, "undeclared condition %q", name)
		return triUnknown
	}
	switch c.state {
	case 1:
		t.errorf(c.key, "condition %q depends on itself", name)
		return triUnknown
	case 2:
		return c.result
	}
	c.state = 1
	c.result = t.condExpr(c.expr, nil)
	c.state = 2
	return c.result
}

// resourceCondition is the value of a resource's Condition (true when none).
func (t *template) resourceCondition(r *resource) tri {
	if r.cond == "" {
		return triTrue
	}
	return t.condition(r.cond, r.condKey)
}

// condExpr evaluates a condition expression three-valued: each named
// condition once, so no combination is ever enumerated.
func (t *template) condExpr(n *yaml.Node, e *env) tri {
	if t.spend(n) {
		return triUnknown
	}
	n = deref(n)
	fn, arg := "", n
	if f, ok := shortTags[n.Tag]; ok {
		fn = f
		a := *n
		a.Tag = map[yaml.Kind]string{yaml.ScalarNode: "!!str", yaml.SequenceNode: "!!seq", yaml.MappingNode: "!!map"}[n.Kind]
		arg = &a
	} else if n.Kind == yaml.MappingNode && len(n.Content) == 2 {
		fn, arg = n.Content[0].Value, n.Content[1]
	}
	switch fn {
	case "Condition":
		a := deref(arg)
		if a.Kind != yaml.ScalarNode {
			t.errorf(n, "Condition takes a condition name")
			return triUnknown
		}
		return t.condition(a.Value, a)
	case "Fn::Equals":
		a, ok := t.args(fn, arg, 2, 2)
		if !ok {
			return triUnknown
		}
		x, y := t.eval(a[0], e), t.eval(a[1], e)
		if !x.known() || !y.known() {
			return triUnknown
		}
		if sameValue(x, y) {
			return triTrue
		}
		return triFalse
	case "Fn::Not":
		a, ok := t.args(fn, arg, 1, 1)
		if !ok {
			return triUnknown
		}
		switch t.condExpr(a[0], e) {
		case triTrue:
			return triFalse
		case triFalse:
			return triTrue
		}
		return triUnknown
	case "Fn::And", "Fn::Or":
		a, ok := t.args(fn, arg, 2, 10)
		if !ok {
			return triUnknown
		}
		decisive, other := triFalse, triTrue // And: any false decides
		if fn == "Fn::Or" {
			decisive, other = triTrue, triFalse
		}
		res := other
		for _, c := range a {
			switch t.condExpr(c, e) {
			case decisive:
				res = decisive
			case triUnknown:
				if res != decisive {
					res = triUnknown
				}
			}
		}
		return res
	}
	if fn != "" && (intrinsicNames[fn] || strings.HasPrefix(fn, "Fn::")) {
		t.errorf(n, "%s is not a condition function (use Fn::Equals, Fn::And, Fn::Or, Fn::Not or Condition)", fn)
	} else {
		t.errorf(n, "a condition must be Fn::Equals, Fn::And, Fn::Or, Fn::Not or Condition")
	}
	return triUnknown
}

// sameValue compares two known values the way Fn::Equals does (as strings).
func sameValue(x, y *val) bool {
	if x.k != y.k {
		return false
	}
	switch x.k {
	case vScalar:
		return x.s == y.s
	case vList:
		if len(x.items) != len(y.items) {
			return false
		}
		for i := range x.items {
			if !sameValue(x.items[i], y.items[i]) {
				return false
			}
		}
		return true
	case vMap:
		if len(x.keys) != len(y.keys) {
			return false
		}
		for _, en := range x.keys {
			o := y.get(en.key)
			if o == nil || !sameValue(en.v, o) {
				return false
			}
		}
		return true
	}
	return x.k == vNull
}
