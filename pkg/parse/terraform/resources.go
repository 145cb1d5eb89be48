package terraform

import (
	"strings"

	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/lattice-lint/lattice-lint/pkg/model"
	"github.com/lattice-lint/lattice-lint/pkg/schema"
)

// resourceMappers map managed resource types to entities. Types not listed are
// not part of the topology; references to them stay unknown.
var resourceMappers = withTables(schema.AWS, map[string]mapper{
	"aws_security_group":                  mapSecurityGroup,
	"aws_security_group_rule":             mapSGRule,
	"aws_vpc_security_group_ingress_rule": mapSGRule,
	"aws_vpc_security_group_egress_rule":  mapSGRule,
	"aws_vpclattice_listener":             mapListener,
	"aws_vpclattice_listener_rule":        mapListenerRule,
	"aws_vpclattice_target_group":         mapTargetGroup,
	"aws_vpc_endpoint":                    mapVPCEndpoint,
	"aws_vpclattice_auth_policy":          mapAuthPolicy,
	"aws_vpclattice_resource_policy":      mapResourcePolicy,
	"aws_ram_resource_share":              mapShare,
	"aws_lb":                              mapLoadBalancer,
	"aws_alb":                             mapLoadBalancer,
	"aws_ecs_service":                     mapECSService,
})

// withTables adds the generic mapper for every modelled type of a column the
// custom mappers do not handle: a kind the table maps completely needs no code.
func withTables(col schema.Column, custom map[string]mapper) map[string]mapper {
	for _, t := range schema.Tables() {
		if typ := t.Type(col); typ != "" && t.Kind != "" && custom[typ] == nil {
			custom[typ] = mapTable
		}
	}
	return custom
}

// dataMappers map data sources: lookups of things defined elsewhere become
// External entities; the managed prefix list lookup becomes a PrefixList.
var dataMappers = map[string]mapper{
	"aws_ec2_managed_prefix_list":    mapPrefixListData,
	"aws_vpclattice_service_network": dataExternal(model.KindServiceNetwork, "service_network_identifier"),
	"aws_vpclattice_service":         dataExternal(model.KindService, "service_identifier", "name"),
	"aws_vpc":                        dataExternal(model.KindVPC, "id"),
	"aws_security_group":             dataExternal(model.KindSecurityGroup, "id", "name"),
	"aws_subnet":                     dataExternal(model.KindSubnet, "id"),
	"aws_lambda_function":            dataExternal(model.KindLambdaFunction, "function_name"),
	"aws_lb":                         dataExternal(model.KindLoadBalancer, "arn", "name"),
	"aws_ram_resource_share":         dataExternal(model.KindResourceShare, "name"),
}

func mapSecurityGroup(b *builder, r *bview, m model.Meta) model.Entity {
	sg := &model.SecurityGroup{Meta: m, RulesKnown: true, Ingress: []model.SGRule{}, Egress: []model.SGRule{}}
	b.fill(sg, r)
	t := tableOf(m.Type)
	for _, dir := range []string{"ingress", "egress"} {
		arg := t.Field(dir).AWS
		blocks, known := r.blocks(arg)
		if !known {
			sg.RulesKnown = false
		}
		for _, blk := range blocks {
			rule := model.SGRule{Direction: dir, Range: r.at(blk.rng)}
			b.fillItem(t.Items(dir), m.Type, &rule, blk)
			if dir == "ingress" {
				sg.Ingress = append(sg.Ingress, rule)
			} else {
				sg.Egress = append(sg.Egress, rule)
			}
		}
		// `ingress = [...]` in attribute syntax: content unknown to this reader.
		// (In JSON a block and an attribute are the same property, already read above.)
		if _, native := r.body.(*hclsyntax.Body); native && r.attr(arg) != nil {
			sg.RulesKnown = false
		}
	}
	return sg
}

// mapSGRule maps the standalone rules; aws_security_group_rule says its
// direction in an argument, the others in their type (the table's Const).
func mapSGRule(b *builder, r *bview, m model.Meta) model.Entity {
	sr := &model.SecurityGroupRule{Meta: m}
	b.fill(sr, r)
	sr.Rule.Range = r.at(r.rng)
	if v, name := r.row(tableOf(m.Type), schema.AWS, "rule.direction"); v != nil {
		f := tableOf(m.Type).Field("rule.direction")
		dir, _ := v.str(name)
		switch dir = v.enum(f, m.Type, f.AWS, dir); {
		case dir.Known:
			sr.Rule.Direction = dir.Value
		default:
			sr.Rule.Direction = "unknown"
		}
	}
	return sr
}

func mapPrefixListData(b *builder, r *bview, m model.Meta) model.Entity {
	name, ok := r.str("name")
	if !ok {
		for _, f := range func() []*bview { bs, _ := r.blocks("filter"); return bs }() {
			if fn, _ := f.str("name"); fn.Known && fn.Value == "prefix-list-name" {
				vals := f.strList("values")
				if vals.Known && len(vals.Items) == 1 {
					name, ok = vals.Items[0], true
				} else {
					name, ok = model.Unknown[string](vals.Range), true
				}
			}
		}
	}
	pl := &model.PrefixList{Meta: m, Name: name}
	switch {
	case ok && name.Known:
		pl.Lattice = model.Known(model.IsLatticePrefixListName(name.Value), name.Range)
	default:
		pl.Lattice = model.Unknown[bool](r.at(r.rng))
	}
	return pl
}

func dataExternal(kind model.Kind, idArgs ...string) mapper {
	return func(b *builder, r *bview, m model.Meta) model.Entity {
		ext := &model.External{Meta: m, For: kind}
		for _, a := range idArgs {
			if v, ok := r.str(a); ok {
				ext.Identifier = v
				break
			}
		}
		if ext.Identifier.Known {
			if a, ok := model.ParseARN(ext.Identifier.Value); ok {
				if model.IsAccountID(a.Account) {
					ext.Account = model.Known(a.Account, ext.Identifier.Range)
				}
				if a.Region != "" {
					ext.Region = model.Known(a.Region, ext.Identifier.Range)
				}
			}
		}
		return ext
	}
}

// action reads a default_action or action block; path is its table path.
func action(r *bview, t *schema.Resource, path string) model.Action {
	if r == nil {
		return model.Action{}
	}
	a := model.Action{Range: r.at(r.rng)}
	if fr := r.block("fixed_response"); fr != nil {
		a.Type = model.Known("fixed_response", r.at(fr.rng))
		a.StatusCode, _ = fr.integer("status_code")
		return a
	}
	fw := r.block("forward")
	if fw == nil {
		a.Type = model.Unknown[string](r.at(r.rng))
		return a
	}
	a.Type = model.Known("forward", r.at(fw.rng))
	tgs, known := fw.blocks("target_groups")
	if !known {
		a.Type = model.Unknown[string](r.at(fw.rng))
	}
	for _, tg := range tgs {
		w := model.WeightedTarget{TargetGroup: tg.ref("target_group_identifier", model.KindTargetGroup)}
		w.Weight = tg.intOr("weight", t.Field(path+".forward[].weight").Default.(int))
		a.Forward = append(a.Forward, w)
	}
	return a
}

func mapListener(b *builder, r *bview, m model.Meta) model.Entity {
	l := &model.Listener{Meta: m}
	b.fill(l, r)
	if l.Service.IsZero() {
		l.Service = r.ref("service_arn", model.KindService)
	}
	l.DefaultAction = action(r.block("default_action"), tableOf(m.Type), "default_action")
	return l
}

func mapListenerRule(b *builder, r *bview, m model.Meta) model.Entity {
	rule := &model.ListenerRule{Meta: m}
	b.fill(rule, r)
	rule.Action = action(r.block("action"), tableOf(m.Type), "action")
	if mt := r.block("match"); mt != nil {
		rule.Match.Range = r.at(mt.rng)
		// A dynamic block over an unknown value hides conditions: the rule's
		// match is then unknown, not wider than it is.
		unknown := model.Unknown[string](rule.Match.Range)
		if !blocksKnown(mt.blocks("http_match")) {
			rule.Match.Method, rule.Match.PathMatchType, rule.Match.Path = unknown, unknown, unknown
			rule.Match.Headers = append(rule.Match.Headers, model.HeaderMatch{Name: unknown, MatchType: unknown, Value: unknown})
		}
		if hm := mt.block("http_match"); hm != nil {
			if pm := hm.block("path_match"); pm != nil {
				if !blocksKnown(hm.blocks("path_match")) || !blocksKnown(pm.blocks("match")) {
					rule.Match.PathMatchType, rule.Match.Path = unknown, unknown
				}
				if m := pm.block("match"); m != nil {
					for _, t := range []string{"exact", "prefix"} {
						if v, ok := m.str(t); ok {
							rule.Match.PathMatchType, rule.Match.Path = model.Known(t, v.Range), v
						}
					}
				}
			}
			hms, hmsKnown := hm.blocks("header_matches")
			if !hmsKnown {
				rule.Match.Headers = append(rule.Match.Headers, model.HeaderMatch{Name: unknown, MatchType: unknown, Value: unknown})
			}
			for _, h := range hms {
				hdr := model.HeaderMatch{}
				hdr.Name, _ = h.str("name")
				hdr.CaseSensitive, _ = h.boolean("case_sensitive")
				if m := h.block("match"); m != nil {
					for _, t := range []string{"exact", "prefix", "contains"} {
						if v, ok := m.str(t); ok {
							hdr.MatchType, hdr.Value = model.Known(t, v.Range), v
						}
					}
				}
				rule.Match.Headers = append(rule.Match.Headers, hdr)
			}
		}
	}
	return rule
}

// blocksKnown is the second result of bview.blocks: false when a dynamic block
// iterates over an unknown value.
func blocksKnown(_ []*bview, ok bool) bool { return ok }

func mapTargetGroup(b *builder, r *bview, m model.Meta) model.Entity {
	tg := &model.TargetGroup{Meta: m}
	b.fill(tg, r)
	tg.HealthCheck.Range = r.at(r.innermost("config.health_check.x").rng)
	if h, _ := r.walk("config.health_check.x"); h != nil {
		tg.HealthCheck.Set = true
	}
	return tg
}

// mapVPCEndpoint models service-network and resource endpoints only.
func mapVPCEndpoint(b *builder, r *bview, m model.Meta) model.Entity {
	e := &model.VPCEndpoint{Meta: m}
	b.fill(e, r)
	if !schema.LatticeEndpoint(e.EndpointType) {
		return nil
	}
	return e
}

func mapAuthPolicy(b *builder, r *bview, m model.Meta) model.Entity {
	p := &model.AuthPolicy{Meta: m}
	b.fill(p, r)
	p.Policy, p.Size = r.policy("policy")
	return p
}

func mapResourcePolicy(b *builder, r *bview, m model.Meta) model.Entity {
	p := &model.ResourcePolicy{Meta: m}
	b.fill(p, r)
	p.Policy, _ = r.policy("policy")
	return p
}

// mapShare: the share's resources and principals are gathered by Link from
// its associations.
func mapShare(b *builder, r *bview, m model.Meta) model.Entity {
	s := &model.ResourceShare{Meta: m, Complete: true, Resources: []model.Ref{}, Principals: []model.Attr[string]{}}
	b.fill(s, r)
	return s
}

// mapLoadBalancer adds the subnets of subnet_mapping blocks to subnets.
func mapLoadBalancer(b *builder, r *bview, m model.Meta) model.Entity {
	lb := &model.LoadBalancer{Meta: m}
	b.fill(lb, r)
	refs, known, present := r.blockRefs(tableOf(m.Type).CustomRow("subnets"))
	if present {
		lb.Subnets.Items = append(lb.Subnets.Items, refs...)
		lb.Subnets.Known = lb.Subnets.Known && known
	}
	return lb
}

// mapECSService reads the target groups of vpc_lattice_configurations blocks.
func mapECSService(b *builder, r *bview, m model.Meta) model.Entity {
	es := &model.ECSService{Meta: m}
	b.fill(es, r)
	refs, known, _ := r.blockRefs(tableOf(m.Type).CustomRow("lattice_target_groups"))
	es.TargetGroups = refs
	if !known {
		es.TargetGroups = append(es.TargetGroups, model.Ref{Kind: model.KindTargetGroup, Range: r.at(r.rng)})
	}
	return es
}

// blockRefs reads a reference row's argument from each block of a list of
// blocks (subnet_mapping.subnet_id); known is false when a dynamic block's
// items are not, present when any block is written.
func (v *bview) blockRefs(f *schema.Field) (refs []model.Ref, known, present bool) {
	list, name, _ := strings.Cut(f.AWS, ".")
	blocks, known := v.blocks(list)
	for _, blk := range blocks {
		if ref := blk.ref(name, f.Kind); !ref.IsZero() {
			refs = append(refs, ref)
		}
	}
	return refs, known, len(blocks) > 0 || !known
}
