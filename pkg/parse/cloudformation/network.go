package cloudformation

import (
	"fmt"
	"strings"

	"github.com/lattice-lint/lattice-lint/pkg/model"
	"github.com/lattice-lint/lattice-lint/pkg/schema"
)

// buildVPC is the table's VPC with its back-references listed empty until
// Link fills them.
func buildVPC(b *builder) []model.Entity {
	es := buildTable(b)
	v := es[0].(*model.VPC)
	v.SecurityGroups, v.Associations, v.Endpoints, v.TargetGroups = []string{}, []string{}, []string{}, []string{}
	return es
}

// foldCidrBlocks adds AWS::EC2::VPCCidrBlock blocks to the VPC of the same
// template they extend.
func (t *template) foldCidrBlocks(vpcs map[string]*model.VPC) {
	tbl := schema.VPCCidrBlock()
	for _, r := range t.order {
		if r.typ != tbl.CFN {
			continue
		}
		c := t.resourceCondition(r)
		if c == triFalse {
			continue
		}
		props := r.properties()
		vpcRef := props.get(tbl.Field("vpc").CFN)
		if vpcRef == nil || vpcRef.ref == nil || vpcRef.ref.res.t != t {
			continue
		}
		v := vpcs[vpcRef.ref.res.logical]
		if v == nil {
			continue
		}
		added := false
		for i := range tbl.Fields {
			f := &tbl.Fields[i]
			if f.Model != "cidr_blocks" {
				continue
			}
			if x := props.get(f.CFN); x != nil {
				a := model.Unknown[string](x.rng)
				if x.k == vScalar && c == triTrue {
					a = model.Known(x.s, x.rng)
				}
				v.CIDRs.Items = append(v.CIDRs.Items, a)
				added = true
			}
		}
		if !added { // Amazon-provided IPv6 or IPAM: known only after deploy
			v.CIDRs.Items = append(v.CIDRs.Items, model.Unknown[string](t.rangeOf(r.key)))
		}
	}
}

// sgRules reads an inline rule list; known is false when the list (or an
// item) is decided at deploy time.
func (b *builder) sgRules(t *schema.Resource, dir string) ([]model.SGRule, bool) {
	key := t.Field(dir).CFN
	items, known := b.list(b.p(key), key)
	out := []model.SGRule{}
	for i, it := range items {
		if it.k == vUnknown {
			known = false
			continue
		}
		r := model.SGRule{Direction: dir, Range: it.rng}
		b.fillItem(t.Items(dir), &r, it, fmt.Sprintf("%s[%d]", key, i))
		out = append(out, r)
	}
	return out, known
}

func buildSecurityGroup(b *builder) []model.Entity {
	sg := &model.SecurityGroup{Meta: b.meta()}
	b.fill(sg)
	t := schema.ByType(schema.CFN, b.r.typ)
	var inKnown, outKnown bool
	sg.Ingress, inKnown = b.sgRules(t, "ingress")
	sg.Egress, outKnown = b.sgRules(t, "egress")
	if outKnown && len(sg.Egress) == 0 {
		// Without egress rules (or with an empty list) CloudFormation keeps the
		// default rule that allows all outbound IPv4 traffic.
		sg.Egress = append(sg.Egress, schema.DefaultEgress(rangeOr(b.p(t.Field("egress").CFN), b.rng())))
	}
	sg.RulesKnown = inKnown && outKnown
	return []model.Entity{sg}
}

func buildSGRule(b *builder) []model.Entity {
	r := &model.SecurityGroupRule{Meta: b.meta()}
	b.fill(r)
	r.Rule.Range = b.rng()
	for _, s := range r.Rule.SecurityGroups.Items {
		if s.Target != "" && s.Target == r.SecurityGroup.Target {
			r.Rule.Self = model.Known(true, s.Range)
		}
	}
	return []model.Entity{r}
}

// buildInstance adds the groups and subnet of inline network interfaces.
func buildInstance(b *builder) []model.Entity {
	in := &model.Instance{Meta: b.meta()}
	b.fill(in)
	t := schema.ByType(schema.CFN, b.r.typ)
	sgRow, subnetRow := t.CustomRow("security_groups"), t.CustomRow("subnet")
	list, groupSet, _ := strings.Cut(sgRow.CFN, ".")
	_, subnetKey, _ := strings.Cut(subnetRow.CFN, ".")
	nis, _ := b.list(b.p(list), list)
	for i, ni := range nis {
		p := fmt.Sprintf("%s[%d].", list, i)
		if g := b.sub(ni, p+groupSet, groupSet); g != nil {
			extra := b.refList(g, p+groupSet, sgRow.Kind)
			if !in.SecurityGroups.Known && len(in.SecurityGroups.Items) == 0 { // the default group: the interface names them
				in.SecurityGroups = extra
			} else {
				in.SecurityGroups = mergeRefLists(in.SecurityGroups, extra)
			}
		}
		if in.Subnet.IsZero() {
			in.Subnet = b.ref(b.sub(ni, p+subnetKey, subnetKey), p+subnetKey, subnetRow.Kind)
		}
	}
	return []model.Entity{in}
}

func mergeRefLists(a, b model.RefList) model.RefList {
	if a.Range.IsZero() && !a.Known {
		return b
	}
	a.Known = a.Known && b.Known
	a.Items = append(a.Items, b.Items...)
	return a
}

// endpointModelled: only service-network and resource endpoints are Lattice's.
func endpointModelled(r *resource) bool {
	t := schema.ByType(schema.CFN, r.typ)
	props := r.properties()
	f := t.Field("endpoint_type")
	typ := props.get(f.CFN)
	switch {
	case typ == nil || typ.k == vNull:
		return false // Gateway, the default type
	case typ.k == vScalar:
		// A value CloudFormation rejects is reported when the endpoint is built.
		return f.CheckEnum(typ.s) != "" || schema.LatticeEndpoint(model.Known(typ.s, typ.rng))
	}
	return props.get(t.Field("service_network").CFN) != nil || props.get(t.Field("resource_configuration").CFN) != nil
}

// buildLoadBalancer reads the scheme as internal and adds the subnets of
// subnet mappings.
func buildLoadBalancer(b *builder) []model.Entity {
	lb := &model.LoadBalancer{Meta: b.meta(), Listeners: []string{}}
	b.fill(lb)
	t := schema.ByType(schema.CFN, b.r.typ)
	sf := t.CustomRow("internal")
	scheme := b.enumCheck(sf, sf.CFN, b.pstr(sf.CFN))
	switch {
	case scheme.Known:
		lb.Internal = model.Known(scheme.Value == "internal", scheme.Range)
	case !scheme.Range.IsZero():
		lb.Internal = model.Unknown[bool](scheme.Range)
	}
	mf := t.CustomRow("subnets")
	list, key, _ := strings.Cut(mf.CFN, ".")
	maps, known := b.list(b.p(list), list)
	if len(maps) > 0 || !known {
		sm := model.RefList{Known: known, Items: []model.Ref{}, Range: b.p(list).rng}
		for i, m := range maps {
			p := fmt.Sprintf("%s[%d].%s", list, i, key)
			sm.Items = append(sm.Items, b.ref(b.sub(m, p, key), p, mf.Kind))
		}
		lb.Subnets = mergeRefLists(lb.Subnets, sm)
	}
	return []model.Entity{lb}
}

func buildLambda(b *builder) []model.Entity {
	es := buildTable(b)
	es[0].(*model.LambdaFunction).Permissions = []string{}
	return es
}

// buildAutoScalingGroup reads the target groups of the vpc-lattice
// TrafficSources (a source of unknown type may be one).
func buildAutoScalingGroup(b *builder) []model.Entity {
	g := &model.AutoScalingGroup{Meta: b.meta(), TargetGroups: []model.Ref{}}
	b.fill(g)
	t := schema.ByType(schema.CFN, b.r.typ)
	f := t.CustomRow("lattice_target_groups")
	list, key, _ := strings.Cut(f.CFN, ".")
	typeKey := schema.Names(schema.CFN, []*schema.Field{t.CustomRow("")})[0] // the table's one unmodelled row: the source's type
	srcs := b.p(list)
	items, known := b.list(srcs, list)
	if !known {
		g.TargetGroups = append(g.TargetGroups, model.Ref{Kind: f.Kind, Range: srcs.rng})
	}
	for i, it := range items {
		p := fmt.Sprintf("%s[%d]", list, i)
		if typ := b.str(b.sub(it, p+"."+typeKey, typeKey), p+"."+typeKey); typ.Known && typ.Value != schema.TrafficSourceLattice {
			continue
		}
		g.TargetGroups = append(g.TargetGroups, b.ref(b.sub(it, p+"."+key, key), p+"."+key, f.Kind))
	}
	return []model.Entity{g}
}

// buildECSService reads the target groups of VpcLatticeConfigurations.
func buildECSService(b *builder) []model.Entity {
	s := &model.ECSService{Meta: b.meta(), TargetGroups: []model.Ref{}}
	b.fill(s)
	f := schema.ByType(schema.CFN, b.r.typ).CustomRow("lattice_target_groups")
	list, key, _ := strings.Cut(f.CFN, ".")
	cfgs := b.p(list)
	items, known := b.list(cfgs, list)
	if !known {
		s.TargetGroups = append(s.TargetGroups, model.Ref{Kind: f.Kind, Range: cfgs.rng})
	}
	for i, it := range items {
		p := fmt.Sprintf("%s[%d].%s", list, i, key)
		s.TargetGroups = append(s.TargetGroups, b.ref(b.sub(it, p, key), p, f.Kind))
	}
	return []model.Entity{s}
}
