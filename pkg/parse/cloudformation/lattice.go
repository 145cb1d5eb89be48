package cloudformation

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/lattice-lint/lattice-lint/pkg/model"
	"github.com/lattice-lint/lattice-lint/pkg/schema"
)

// builders maps a resource type to the function that turns it into entities.
// Types not listed are evaluated (for diagnostics) but not modelled.
var builders map[string]func(*builder) []model.Entity

func init() {
	builders = map[string]func(*builder) []model.Entity{
		"AWS::VpcLattice::Listener":                 buildListener,
		"AWS::VpcLattice::Rule":                     buildRule,
		"AWS::VpcLattice::TargetGroup":              buildTargetGroup,
		"AWS::VpcLattice::ResourceGateway":          buildResourceGateway,
		"AWS::VpcLattice::ResourceConfiguration":    buildResourceConfiguration,
		"AWS::VpcLattice::AuthPolicy":               buildAuthPolicy,
		"AWS::VpcLattice::ResourcePolicy":           buildResourcePolicy,
		"AWS::RAM::ResourceShare":                   buildResourceShare,
		"AWS::EC2::VPC":                             buildVPC,
		"AWS::EC2::SecurityGroup":                   buildSecurityGroup,
		"AWS::EC2::SecurityGroupIngress":            buildSGRule,
		"AWS::EC2::SecurityGroupEgress":             buildSGRule,
		"AWS::EC2::Instance":                        buildInstance,
		"AWS::ElasticLoadBalancingV2::LoadBalancer": buildLoadBalancer,
		"AWS::Lambda::Function":                     buildLambda,
		"AWS::Serverless::Function":                 buildLambda,
		"AWS::ECS::Service":                         buildECSService,
		"AWS::AutoScaling::AutoScalingGroup":        buildAutoScalingGroup,
	}
	// Every other modelled type of the table needs no code.
	for _, t := range schema.Tables() {
		if t.CFN != "" && t.Kind != "" && builders[t.CFN] == nil {
			builders[t.CFN] = buildTable
		}
	}
}

// action reads a listener default action or a rule action; path is its
// property, whose rows name the nested properties.
func (b *builder) action(v *val, path string) model.Action {
	t := schema.ByType(schema.CFN, b.r.typ)
	block := snake(path)
	wf := t.Field(block + ".forward[].weight")
	code := t.Below(schema.CFN, t.Field(block+".status_code"), block)                // FixedResponse, StatusCode
	fwdNames := t.Below(schema.CFN, t.Field(block+".forward[].target_group"), block) // Forward, TargetGroups, TargetGroupIdentifier
	weightKey := t.Below(schema.CFN, wf, block)[2]
	a := model.Action{Range: rangeOr(v, b.rng()), Forward: []model.WeightedTarget{}}
	if v == nil {
		a.Type = model.Unknown[string](b.rng())
		return a
	}
	fwdPath, fixedPath := path+"."+fwdNames[0], path+"."+code[0]
	fwd, fixed := b.sub(v, fwdPath, fwdNames[0]), b.sub(v, fixedPath, code[0])
	switch {
	case v.k == vUnknown:
		a.Type = model.Unknown[string](v.rng)
	case fwd != nil && fixed != nil:
		b.t.report("error", v.rng, "%s %s: %s must have exactly one of %s and %s", b.r.typ, b.r.logical, path, fwdNames[0], code[0])
		a.Type = model.Unknown[string](v.rng)
	case fwd != nil:
		a.Type = model.Known("forward", fwd.rng)
		tgsPath := fwdPath + "." + fwdNames[1]
		tgs := b.sub(fwd, tgsPath, fwdNames[1])
		items, known := b.list(tgs, tgsPath)
		if !known || fwd.k == vUnknown {
			// The forward targets are decided at deploy time: one unknown target keeps
			// "forwards somewhere" without naming where.
			a.Forward = append(a.Forward, model.WeightedTarget{
				TargetGroup: model.Ref{Kind: model.KindTargetGroup, Range: rangeOr(tgs, fwd.rng)},
				Weight:      model.Unknown[int](rangeOr(tgs, fwd.rng)),
			})
		}
		for i, it := range items {
			p := fmt.Sprintf("%s[%d].", tgsPath, i)
			a.Forward = append(a.Forward, model.WeightedTarget{
				TargetGroup: b.ref(b.sub(it, p+fwdNames[2], fwdNames[2]), p+fwdNames[2], model.KindTargetGroup),
				Weight:      orDefault(b.num(b.sub(it, p+weightKey, weightKey), p+weightKey), wf.Default.(int), it.rng),
			})
		}
	case fixed != nil:
		a.Type = model.Known("fixed_response", fixed.rng)
		a.StatusCode = b.num(b.sub(fixed, fixedPath+"."+code[1], code[1]), fixedPath+"."+code[1])
	default:
		b.t.report("error", v.rng, "%s %s: %s must have %s or %s", b.r.typ, b.r.logical, path, fwdNames[0], code[0])
		a.Type = model.Unknown[string](v.rng)
	}
	return a
}

func buildListener(b *builder) []model.Entity {
	l := &model.Listener{Meta: b.meta()}
	b.fill(l)
	p := schema.ByType(schema.CFN, b.r.typ).Field("default_action").CFN
	l.DefaultAction = b.action(b.p(p), p)
	return []model.Entity{l}
}

// buildRule reads the rule's action and match; the match's nested property
// names come from its rows (Match.HttpMatch.PathMatch.Match.Exact).
func buildRule(b *builder) []model.Entity {
	r := &model.ListenerRule{Meta: b.meta()}
	b.fill(r)
	t := schema.ByType(schema.CFN, b.r.typ)
	ap := t.Field("action").CFN
	r.Action = b.action(b.p(ap), ap)
	mp := t.Field("match").CFN
	pathRows, valueRows := t.Rows("match.path"), t.Rows("match.headers[].value")
	pn := t.Below(schema.CFN, pathRows[0], "match")                                // HttpMatch, PathMatch, Match, Exact
	hn := t.Below(schema.CFN, t.Field("match.headers[].name"), "match")            // HttpMatch, HeaderMatches, Name
	hcs := t.Below(schema.CFN, t.Field("match.headers[].case_sensitive"), "match") // …, CaseSensitive
	hv := t.Below(schema.CFN, valueRows[0], "match")                               // HttpMatch, HeaderMatches, Match, Exact
	match := b.p(mp)
	hmPath := mp + "." + pn[0]
	hm := b.sub(match, hmPath, pn[0])
	r.Match.Range, r.Match.Headers = rangeOr(match, b.rng()), []model.HeaderMatch{}
	pmPath := hmPath + "." + pn[1]
	pm := b.sub(hm, pmPath, pn[1])
	if pm != nil { // no PathMatch: any path matches
		r.Match.PathMatchType, r.Match.Path = b.matchKind(b.sub(pm, pmPath+"."+pn[2], pn[2]), pmPath+"."+pn[2], rangeOr(pm, r.Match.Range),
			schema.Names(schema.CFN, pathRows))
	}
	hsPath := hmPath + "." + hn[1]
	headers := b.sub(hm, hsPath, hn[1])
	items, known := b.list(headers, hsPath)
	if !known { // conditions the model cannot read: the match is unknown, not wider
		u := model.Unknown[string](rangeOr(headers, r.Match.Range))
		r.Match.Headers = append(r.Match.Headers, model.HeaderMatch{Name: u, MatchType: u, Value: u})
	}
	for i, h := range items {
		p := fmt.Sprintf("%s[%d].", hsPath, i)
		var hdr model.HeaderMatch
		hdr.Name = b.str(b.sub(h, p+hn[2], hn[2]), p+hn[2])
		hdr.MatchType, hdr.Value = b.matchKind(b.sub(h, p+hv[2], hv[2]), p+hv[2], h.rng, schema.Names(schema.CFN, valueRows))
		hdr.CaseSensitive = b.boolean(b.sub(h, p+hcs[2], hcs[2]), p+hcs[2])
		r.Match.Headers = append(r.Match.Headers, hdr)
	}
	return []model.Entity{r}
}

// matchKind reads {Exact|Prefix|Contains: value} as ("exact", value): the
// model's match type is the key in lower case.
func (b *builder) matchKind(v *val, path string, outer model.Range, keys []string) (model.Attr[string], model.Attr[string]) {
	if v == nil {
		return model.Unknown[string](outer), model.Unknown[string](outer)
	}
	if v.k != vMap {
		b.sub(v, path, keys[0]) // reports a wrong type
		return model.Unknown[string](v.rng), model.Unknown[string](v.rng)
	}
	if len(v.keys) != 1 {
		b.t.report("error", v.rng, "%s %s: %s must have exactly one of %s", b.r.typ, b.r.logical, path, strings.Join(keys, ", "))
		return model.Unknown[string](v.rng), model.Unknown[string](v.rng)
	}
	e := v.keys[0]
	return model.Known(strings.ToLower(e.key), e.rng), b.str(e.v, path+"."+e.key)
}

func buildTargetGroup(b *builder) []model.Entity {
	tg := &model.TargetGroup{Meta: b.meta(), Targets: []string{}, ForwardedBy: []string{}, Services: []string{}, DynamicSources: []string{}}
	b.fill(tg)
	t := schema.ByType(schema.CFN, b.r.typ)
	hc := b.walk(t.Field("health_check").CFN)
	tg.HealthCheck.Set, tg.HealthCheck.Range = hc != nil, rangeOr(hc, b.innermost(t.Field("health_check.enabled").CFN))

	// Inline targets are read with the target table's rows (Targets.Id, Targets.Port).
	tt := schema.ByKind(model.KindTarget)
	list, idKey, _ := strings.Cut(tt.Field("target").CFN, ".")
	_, portKey, _ := strings.Cut(tt.Field("port").CFN, ".")
	out := []model.Entity{tg}
	targets := b.p(list)
	items, known := b.list(targets, list)
	if !known {
		// Targets decided at deploy time: one conditional placeholder says "some".
		t := &model.Target{Meta: b.subMeta(b.r.logical+"."+list+"[*]", targets.rng)}
		t.Conditional = true
		t.TargetGroup = model.Ref{Target: tg.ID, Kind: model.KindTargetGroup, Attribute: "Ref", Range: targets.rng}
		t.Target = model.Ref{Range: targets.rng}
		t.Port = model.Unknown[int](targets.rng)
		out = append(out, t)
	}
	for i, it := range items {
		p := fmt.Sprintf("%s[%d]", list, i)
		t := &model.Target{Meta: b.subMeta(b.r.logical+"."+p, it.rng)}
		t.TargetGroup = model.Ref{Target: tg.ID, Kind: model.KindTargetGroup, Attribute: "Ref", Range: it.rng}
		t.Target = b.ref(b.sub(it, p+"."+idKey, idKey), p+"."+idKey, "")
		t.Port = b.num(b.sub(it, p+"."+portKey, portKey), p+"."+portKey)
		if t.Port.Range.IsZero() && tg.Port.Known {
			t.Port = model.Default(tg.Port.Value, it.rng)
		}
		out = append(out, t)
	}
	return out
}

// healthCheck reads Config.HealthCheck and materialises the documented
// defaults for INSTANCE and IP target groups (LAMBDA and ALB have none).
func buildResourceGateway(b *builder) []model.Entity {
	g := &model.ResourceGateway{Meta: b.meta(), ResourceConfigurations: []string{}}
	b.fill(g)
	return []model.Entity{g}
}

func buildResourceConfiguration(b *builder) []model.Entity {
	c := &model.ResourceConfiguration{Meta: b.meta(), Associations: []string{}, AccessLogs: []string{}, Shares: []string{}}
	b.fill(c)
	return []model.Entity{c}
}

// policy reads a policy document given as a JSON object or a JSON string.
func (b *builder) policy(v *val, path string) (model.Attr[any], model.Attr[int]) {
	if v == nil {
		return model.Unknown[any](b.rng()), model.Unknown[int](b.rng())
	}
	var doc any
	switch v.k {
	case vScalar:
		if err := json.Unmarshal([]byte(v.s), &doc); err != nil {
			b.t.report("error", v.rng, "%s %s: property %s: not a JSON policy document: %v", b.r.typ, b.r.logical, path, err)
			return model.Unknown[any](v.rng), model.Unknown[int](v.rng)
		}
	case vMap:
		p, ok := v.plain()
		if !ok {
			return model.Unknown[any](v.rng), model.Unknown[int](v.rng)
		}
		doc = p
	case vUnknown:
		return model.Unknown[any](v.rng), model.Unknown[int](v.rng)
	default:
		b.typeErr(v, path, "a policy document")
		return model.Unknown[any](v.rng), model.Unknown[int](v.rng)
	}
	compact, _ := json.Marshal(doc)
	return model.Known(doc, v.rng), model.Known(len(compact), v.rng)
}

func buildAuthPolicy(b *builder) []model.Entity {
	p := &model.AuthPolicy{Meta: b.meta()}
	b.fill(p)
	pp := schema.ByType(schema.CFN, b.r.typ).Field("policy").CFN
	p.Policy, p.Size = b.policy(b.p(pp), pp)
	return []model.Entity{p}
}

func buildResourcePolicy(b *builder) []model.Entity {
	p := &model.ResourcePolicy{Meta: b.meta()}
	b.fill(p)
	pp := schema.ByType(schema.CFN, b.r.typ).Field("policy").CFN
	p.Policy, _ = b.policy(b.p(pp), pp)
	return []model.Entity{p}
}

func buildResourceShare(b *builder) []model.Entity {
	s := &model.ResourceShare{Meta: b.meta(), Resources: []model.Ref{}, Principals: []model.Attr[string]{}, Complete: true}
	b.fill(s)
	t := schema.ByType(schema.CFN, b.r.typ)
	// The lists are read item by item: a principal is a plain string (an
	// account, an organization), a resource a reference.
	rk := t.Field("resources").CFN
	res, known := b.list(b.p(rk), rk)
	s.Complete = s.Complete && known
	for i, it := range res {
		s.Resources = append(s.Resources, b.ref(it, fmt.Sprintf("%s[%d]", rk, i), ""))
	}
	pk := t.Field("principals").CFN
	pr, known := b.list(b.p(pk), pk)
	s.Complete = s.Complete && known
	for i, it := range pr {
		s.Principals = append(s.Principals, b.str(it, fmt.Sprintf("%s[%d]", pk, i)))
	}
	return []model.Entity{s}
}

// snake turns a property path into the model's JSON path (DefaultAction → default_action).
func snake(s string) string {
	var out []rune
	for i, r := range s {
		if r >= 'A' && r <= 'Z' {
			if i > 0 && s[i-1] != '.' {
				out = append(out, '_')
			}
			r += 'a' - 'A'
		}
		out = append(out, r)
	}
	return string(out)
}
