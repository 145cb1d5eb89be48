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
	}
	// Every other modelled type of the table needs no code.
	for _, t := range schema.Tables() {
		if t.CFN != "" && t.Kind != "" && builders[t.CFN] == nil {
			builders[t.CFN] = buildTable
		}
	}
}

// action reads a listener default action or a rule action.
func (b *builder) action(v *val, path string) model.Action {
	weight := schema.ByType(schema.CFN, b.r.typ).Field(snake(path) + ".forward[].weight").Default.(int)
	a := model.Action{Range: rangeOr(v, b.rng()), Forward: []model.WeightedTarget{}}
	if v == nil {
		a.Type = model.Unknown[string](b.rng())
		return a
	}
	fwd, fixed := b.sub(v, path+".Forward", "Forward"), b.sub(v, path+".FixedResponse", "FixedResponse")
	switch {
	case v.k == vUnknown:
		a.Type = model.Unknown[string](v.rng)
	case fwd != nil && fixed != nil:
		b.t.report("error", v.rng, "%s %s: %s must have exactly one of Forward and FixedResponse", b.r.typ, b.r.logical, path)
		a.Type = model.Unknown[string](v.rng)
	case fwd != nil:
		a.Type = model.Known("forward", fwd.rng)
		tgs := b.sub(fwd, path+".Forward.TargetGroups", "TargetGroups")
		items, known := b.list(tgs, path+".Forward.TargetGroups")
		if !known || fwd.k == vUnknown {
			// The forward targets are decided at deploy time: one unknown target keeps
			// "forwards somewhere" without naming where.
			a.Forward = append(a.Forward, model.WeightedTarget{
				TargetGroup: model.Ref{Kind: model.KindTargetGroup, Range: rangeOr(tgs, fwd.rng)},
				Weight:      model.Unknown[int](rangeOr(tgs, fwd.rng)),
			})
		}
		for i, it := range items {
			p := fmt.Sprintf("%s.Forward.TargetGroups[%d]", path, i)
			a.Forward = append(a.Forward, model.WeightedTarget{
				TargetGroup: b.ref(b.sub(it, p+".TargetGroupIdentifier", "TargetGroupIdentifier"), p+".TargetGroupIdentifier", model.KindTargetGroup),
				Weight:      orDefault(b.num(b.sub(it, p+".Weight", "Weight"), p+".Weight"), weight, it.rng),
			})
		}
	case fixed != nil:
		a.Type = model.Known("fixed_response", fixed.rng)
		a.StatusCode = b.num(b.sub(fixed, path+".FixedResponse.StatusCode", "StatusCode"), path+".FixedResponse.StatusCode")
	default:
		b.t.report("error", v.rng, "%s %s: %s must have Forward or FixedResponse", b.r.typ, b.r.logical, path)
		a.Type = model.Unknown[string](v.rng)
	}
	return a
}

func buildListener(b *builder) []model.Entity {
	l := &model.Listener{Meta: b.meta()}
	b.fill(l)
	l.DefaultAction = b.action(b.p("DefaultAction"), "DefaultAction")
	return []model.Entity{l}
}

func buildRule(b *builder) []model.Entity {
	r := &model.ListenerRule{Meta: b.meta()}
	b.fill(r)
	r.Action = b.action(b.p("Action"), "Action")
	match := b.p("Match")
	hm := b.sub(match, "Match.HttpMatch", "HttpMatch")
	r.Match.Range, r.Match.Headers = rangeOr(match, b.rng()), []model.HeaderMatch{}
	pm := b.sub(hm, "Match.HttpMatch.PathMatch", "PathMatch")
	if pm != nil { // no PathMatch: any path matches
		r.Match.PathMatchType, r.Match.Path = b.matchKind(b.sub(pm, "Match.HttpMatch.PathMatch.Match", "Match"), "Match.HttpMatch.PathMatch.Match", rangeOr(pm, r.Match.Range))
	}
	headers := b.sub(hm, "Match.HttpMatch.HeaderMatches", "HeaderMatches")
	items, known := b.list(headers, "Match.HttpMatch.HeaderMatches")
	if !known { // conditions the model cannot read: the match is unknown, not wider
		u := model.Unknown[string](rangeOr(headers, r.Match.Range))
		r.Match.Headers = append(r.Match.Headers, model.HeaderMatch{Name: u, MatchType: u, Value: u})
	}
	for i, h := range items {
		p := fmt.Sprintf("Match.HttpMatch.HeaderMatches[%d]", i)
		var hdr model.HeaderMatch
		hdr.Name = b.str(b.sub(h, p+".Name", "Name"), p+".Name")
		hdr.MatchType, hdr.Value = b.matchKind(b.sub(h, p+".Match", "Match"), p+".Match", h.rng)
		hdr.CaseSensitive = b.boolean(b.sub(h, p+".CaseSensitive", "CaseSensitive"), p+".CaseSensitive")
		r.Match.Headers = append(r.Match.Headers, hdr)
	}
	return []model.Entity{r}
}

// matchKind reads {Exact|Prefix|Contains: value} as ("exact", value).
func (b *builder) matchKind(v *val, path string, outer model.Range) (model.Attr[string], model.Attr[string]) {
	if v == nil {
		return model.Unknown[string](outer), model.Unknown[string](outer)
	}
	if v.k != vMap {
		b.sub(v, path, "Exact") // reports a wrong type
		return model.Unknown[string](v.rng), model.Unknown[string](v.rng)
	}
	if len(v.keys) != 1 {
		b.t.report("error", v.rng, "%s %s: %s must have exactly one of Exact, Prefix, Contains", b.r.typ, b.r.logical, path)
		return model.Unknown[string](v.rng), model.Unknown[string](v.rng)
	}
	e := v.keys[0]
	return model.Known(strings.ToLower(e.key), e.rng), b.str(e.v, path+"."+e.key)
}

func buildTargetGroup(b *builder) []model.Entity {
	tg := &model.TargetGroup{Meta: b.meta(), Targets: []string{}, ForwardedBy: []string{}, Services: []string{}, DynamicSources: []string{}}
	b.fill(tg)
	hc := b.walk("Config.HealthCheck")
	tg.HealthCheck.Set, tg.HealthCheck.Range = hc != nil, rangeOr(hc, b.innermost("Config.HealthCheck.Enabled"))

	out := []model.Entity{tg}
	targets := b.p("Targets")
	items, known := b.list(targets, "Targets")
	if !known {
		// Targets decided at deploy time: one conditional placeholder says "some".
		t := &model.Target{Meta: b.subMeta(b.r.logical+".Targets[*]", targets.rng)}
		t.Conditional = true
		t.TargetGroup = model.Ref{Target: tg.ID, Kind: model.KindTargetGroup, Attribute: "Ref", Range: targets.rng}
		t.Target = model.Ref{Range: targets.rng}
		t.Port = model.Unknown[int](targets.rng)
		out = append(out, t)
	}
	for i, it := range items {
		p := fmt.Sprintf("Targets[%d]", i)
		t := &model.Target{Meta: b.subMeta(b.r.logical+"."+p, it.rng)}
		t.TargetGroup = model.Ref{Target: tg.ID, Kind: model.KindTargetGroup, Attribute: "Ref", Range: it.rng}
		t.Target = b.ref(b.sub(it, p+".Id", "Id"), p+".Id", "")
		t.Port = b.num(b.sub(it, p+".Port", "Port"), p+".Port")
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
	p.Policy, p.Size = b.policy(b.p("Policy"), "Policy")
	return []model.Entity{p}
}

func buildResourcePolicy(b *builder) []model.Entity {
	p := &model.ResourcePolicy{Meta: b.meta()}
	b.fill(p)
	p.Policy, _ = b.policy(b.p("Policy"), "Policy")
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
