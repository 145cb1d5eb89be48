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
	"aws_security_group":                        mapSecurityGroup,
	"aws_security_group_rule":                   mapSGRule,
	"aws_vpc_security_group_ingress_rule":       mapSGRule,
	"aws_vpc_security_group_egress_rule":        mapSGRule,
	"aws_vpclattice_listener":                   mapListener,
	"aws_vpclattice_listener_rule":              mapListenerRule,
	"aws_vpclattice_target_group":               mapTargetGroup,
	"aws_vpc_endpoint":                          mapVPCEndpoint,
	"aws_vpclattice_auth_policy":                mapAuthPolicy,
	"aws_vpclattice_resource_policy":            mapResourcePolicy,
	"aws_ram_resource_share":                    mapShare,
	"aws_lb":                                    mapLoadBalancer,
	"aws_alb":                                   mapLoadBalancer,
	"aws_ecs_service":                           mapECSService,
	"aws_vpc_ipv4_cidr_block_association":       mapCidrBlock,
	"aws_vpc_ipv6_cidr_block_association":       mapCidrBlock,
	"aws_autoscaling_group":                     mapTrafficSources,
	"aws_autoscaling_traffic_source_attachment": mapTrafficSources,
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

// dataMappers map the data sources the table names (schema.Lookup): lookups
// of things defined elsewhere become External entities; the managed prefix
// list lookup becomes a PrefixList.
var dataMappers = func() map[string]mapper {
	out := map[string]mapper{}
	for _, t := range schema.Tables() {
		switch {
		case t.Lookup == nil || t.AWS == "":
		case t.Lookup.Modelled:
			out[t.AWS] = mapPrefixListData
		default:
			out[t.AWS] = dataExternal(t.Kind, t.Lookup)
		}
	}
	return out
}()

func mapSecurityGroup(b *builder, r *bview, m model.Meta) model.Entity {
	sg := &model.SecurityGroup{Meta: m, RulesKnown: true, Ingress: []model.SGRule{}, Egress: []model.SGRule{}}
	b.fill(sg, r)
	t, col := tableOf(m.Type), columnOf(m.Type)
	egressKnown := true
	for _, dir := range []string{"ingress", "egress"} {
		arg := t.Field(dir).Path(col)
		blocks, known := r.items(col, arg)
		if !known {
			sg.RulesKnown = false
		}
		if dir == "egress" {
			egressKnown = known
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
		if _, native := r.body.(*hclsyntax.Body); native && col == schema.AWS && r.attr(arg) != nil {
			sg.RulesKnown = false
		}
	}
	if col == schema.AWSCC && egressKnown && len(sg.Egress) == 0 {
		// Cloud Control keeps the rule AWS gives a group without egress rules;
		// hashicorp/aws removes it.
		sg.Egress = append(sg.Egress, schema.DefaultEgress(r.at(r.innermost(t.Field("egress").AWSCC).rng)))
	}
	return sg
}

// mapSGRule maps the standalone rules; aws_security_group_rule says its
// direction in an argument, the others in their type (the table's Const).
func mapSGRule(b *builder, r *bview, m model.Meta) model.Entity {
	sr := &model.SecurityGroupRule{Meta: m}
	b.fill(sr, r)
	sr.Rule.Range = r.at(r.rng)
	if v, name := r.row(tableOf(m.Type), columnOf(m.Type), "rule.direction"); v != nil {
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
	name, ok := r.lookupID(tableOf(m.Type).Lookup)
	pl := &model.PrefixList{Meta: m, Name: name}
	switch {
	case ok && name.Known:
		pl.Lattice = model.Known(model.IsLatticePrefixListName(name.Value), name.Range)
	default:
		pl.Lattice = model.Unknown[bool](r.at(r.rng))
	}
	return pl
}

// lookupID reads what identifies a data source's entity: the first of the
// lookup's arguments that is set, else its filter's single value.
func (v *bview) lookupID(l *schema.Lookup) (model.Attr[string], bool) {
	for _, a := range l.IDs {
		if id, ok := v.str(a); ok {
			return id, true
		}
	}
	if l.Filter == "" {
		return model.Attr[string]{}, false
	}
	var id model.Attr[string]
	found := false
	filters, _ := v.blocks(schema.FilterBlock)
	for _, f := range filters {
		if fn, _ := f.str(schema.FilterName); fn.Known && fn.Value == l.Filter {
			vals := f.strList(schema.FilterValues)
			if vals.Known && len(vals.Items) == 1 {
				id, found = vals.Items[0], true
			} else {
				id, found = model.Unknown[string](vals.Range), true
			}
		}
	}
	return id, found
}

func dataExternal(kind model.Kind, l *schema.Lookup) mapper {
	return func(b *builder, r *bview, m model.Meta) model.Entity {
		ext := &model.External{Meta: m, For: kind}
		ext.Identifier, _ = r.lookupID(l)
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

// action reads a default_action or action block; path is its table path,
// whose rows name the nested blocks and arguments.
func action(r *bview, t *schema.Resource, path string) model.Action {
	if r == nil {
		return model.Action{}
	}
	code := t.Below(schema.AWS, t.Field(path+".status_code"), path)           // fixed_response, status_code
	fwd := t.Below(schema.AWS, t.Field(path+".forward[].target_group"), path) // forward, target_groups, target_group_identifier
	wf := t.Field(path + ".forward[].weight")
	weight := t.Below(schema.AWS, wf, path)
	a := model.Action{Range: r.at(r.rng)}
	if fr := r.block(code[0]); fr != nil {
		a.Type = model.Known("fixed_response", r.at(fr.rng))
		a.StatusCode, _ = fr.integer(code[1])
		return a
	}
	fw := r.block(fwd[0])
	if fw == nil {
		a.Type = model.Unknown[string](r.at(r.rng))
		return a
	}
	a.Type = model.Known("forward", r.at(fw.rng))
	tgs, known := fw.blocks(fwd[1])
	if !known {
		a.Type = model.Unknown[string](r.at(fw.rng))
	}
	for _, tg := range tgs {
		w := model.WeightedTarget{TargetGroup: tg.ref(fwd[2], model.KindTargetGroup)}
		w.Weight = tg.intOr(weight[len(weight)-1], wf.Default.(int))
		a.Forward = append(a.Forward, w)
	}
	return a
}

func mapListener(b *builder, r *bview, m model.Meta) model.Entity {
	l := &model.Listener{Meta: m}
	b.fill(l, r)
	t := tableOf(m.Type)
	if l.Service.IsZero() {
		l.Service = r.ref(t.CustomRow("service").AWS, model.KindService)
	}
	l.DefaultAction = action(r.block(t.Field("default_action").AWS), t, "default_action")
	return l
}

// mapListenerRule reads the rule's action and match; the match's nested
// block names come from its rows (match.http_match.path_match.match.exact).
func mapListenerRule(b *builder, r *bview, m model.Meta) model.Entity {
	rule := &model.ListenerRule{Meta: m}
	b.fill(rule, r)
	t := tableOf(m.Type)
	rule.Action = action(r.block(t.Field("action").AWS), t, "action")
	pathRows, valueRows := t.Rows("match.path"), t.Rows("match.headers[].value")
	pm := t.Below(schema.AWS, pathRows[0], "match")                                // http_match, path_match, match, exact
	hn := t.Below(schema.AWS, t.Field("match.headers[].name"), "match")            // http_match, header_matches, name
	hcs := t.Below(schema.AWS, t.Field("match.headers[].case_sensitive"), "match") // …, case_sensitive
	hv := t.Below(schema.AWS, valueRows[0], "match")                               // http_match, header_matches, match, exact
	if mt := r.block(t.Field("match").AWS); mt != nil {
		rule.Match.Range = r.at(mt.rng)
		// A dynamic block over an unknown value hides conditions: the rule's
		// match is then unknown, not wider than it is.
		unknown := model.Unknown[string](rule.Match.Range)
		if !blocksKnown(mt.blocks(pm[0])) {
			rule.Match.Method, rule.Match.PathMatchType, rule.Match.Path = unknown, unknown, unknown
			rule.Match.Headers = append(rule.Match.Headers, model.HeaderMatch{Name: unknown, MatchType: unknown, Value: unknown})
		}
		if hm := mt.block(pm[0]); hm != nil {
			if p := hm.block(pm[1]); p != nil {
				if !blocksKnown(hm.blocks(pm[1])) || !blocksKnown(p.blocks(pm[2])) {
					rule.Match.PathMatchType, rule.Match.Path = unknown, unknown
				}
				if m := p.block(pm[2]); m != nil {
					for _, typ := range schema.Names(schema.AWS, pathRows) {
						if v, ok := m.str(typ); ok {
							rule.Match.PathMatchType, rule.Match.Path = model.Known(typ, v.Range), v
						}
					}
				}
			}
			hms, hmsKnown := hm.blocks(hn[1])
			if !hmsKnown {
				rule.Match.Headers = append(rule.Match.Headers, model.HeaderMatch{Name: unknown, MatchType: unknown, Value: unknown})
			}
			for _, h := range hms {
				hdr := model.HeaderMatch{}
				hdr.Name, _ = h.str(hn[2])
				hdr.CaseSensitive, _ = h.boolean(hcs[2])
				if m := h.block(hv[2]); m != nil {
					for _, typ := range schema.Names(schema.AWS, valueRows) {
						if v, ok := m.str(typ); ok {
							hdr.MatchType, hdr.Value = model.Known(typ, v.Range), v
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
	hc := tableOf(m.Type).Field("health_check").AWS + ".x" // the block itself, walked as a path to a member
	tg.HealthCheck.Range = r.at(r.innermost(hc).rng)
	if h, _ := r.walk(hc); h != nil {
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
	p.Policy, p.Size = r.policy(tableOf(m.Type).Field("policy").AWS)
	return p
}

func mapResourcePolicy(b *builder, r *bview, m model.Meta) model.Entity {
	p := &model.ResourcePolicy{Meta: m}
	b.fill(p, r)
	p.Policy, _ = r.policy(tableOf(m.Type).Field("policy").AWS)
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
	t, col := tableOf(m.Type), columnOf(m.Type)
	if sf := t.CustomRow("internal"); sf != nil && sf.Path(col) != "" {
		// awscc says it as a scheme.
		if s, ok := r.str(sf.Path(col)); ok {
			switch s = r.enum(sf, m.Type, sf.Path(col), s); {
			case s.Known:
				lb.Internal = model.Known(s.Value == "internal", s.Range)
			default:
				lb.Internal = model.Unknown[bool](s.Range)
			}
		}
	}
	refs, known, present := r.blockRefs(col, t.CustomRow("subnets"))
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
	refs, known, _ := r.blockRefs(columnOf(m.Type), tableOf(m.Type).CustomRow("lattice_target_groups"))
	es.TargetGroups = refs
	if !known {
		es.TargetGroups = append(es.TargetGroups, model.Ref{Kind: model.KindTargetGroup, Range: r.at(r.rng)})
	}
	return es
}

// mapTrafficSources reads the vpc-lattice traffic sources of an Auto Scaling
// group (or of a traffic source attachment). A source whose type is unknown
// may be a Lattice target group, so it counts.
func mapTrafficSources(b *builder, r *bview, m model.Meta) model.Entity {
	g := &model.AutoScalingGroup{Meta: m}
	b.fill(g, r)
	t, col := tableOf(m.Type), columnOf(m.Type)
	f := t.CustomRow("lattice_target_groups")
	list, name, _ := strings.Cut(f.Path(col), ".")
	typeArg := schema.Names(col, []*schema.Field{t.CustomRow("")})[0] // the table's one unmodelled row: the source's type
	blocks, known := r.items(col, list)
	for _, blk := range blocks {
		if typ, ok := blk.str(typeArg); ok && typ.Known && typ.Value != schema.TrafficSourceLattice {
			continue
		}
		if ref := blk.ref(name, f.Kind); !ref.IsZero() {
			g.TargetGroups = append(g.TargetGroups, ref)
		}
	}
	if !known {
		g.TargetGroups = append(g.TargetGroups, model.Ref{Kind: f.Kind, Range: r.at(r.rng)})
	}
	return g
}

// blockRefs reads a reference row's argument from each block (or awscc
// object) of a list (subnet_mapping.subnet_id); known is false when a dynamic
// block's items are not, present when any block is written.
func (v *bview) blockRefs(col schema.Column, f *schema.Field) (refs []model.Ref, known, present bool) {
	list, name, _ := strings.Cut(f.Path(col), ".")
	blocks, known := v.items(col, list)
	for _, blk := range blocks {
		if ref := blk.ref(name, f.Kind); !ref.IsZero() {
			refs = append(refs, ref)
		}
	}
	return refs, known, len(blocks) > 0 || !known
}
