package cloudformation

import (
	"fmt"

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
	for _, r := range t.order {
		if r.typ != "AWS::EC2::VPCCidrBlock" {
			continue
		}
		c := t.resourceCondition(r)
		if c == triFalse {
			continue
		}
		props := r.properties()
		vpcRef := props.get("VpcId")
		if vpcRef == nil || vpcRef.ref == nil || vpcRef.ref.res.t != t {
			continue
		}
		v := vpcs[vpcRef.ref.res.logical]
		if v == nil {
			continue
		}
		added := false
		for _, k := range []string{"CidrBlock", "Ipv6CidrBlock"} {
			if x := props.get(k); x != nil {
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
		rng := rangeOr(b.p(t.Field("egress").CFN), b.rng())
		sg.Egress = append(sg.Egress, model.SGRule{
			Direction: "egress", Protocol: model.Default("-1", rng),
			FromPort: model.Default(0, rng), ToPort: model.Default(0, rng),
			CIDRs:          model.StringList{Known: true, Items: []model.Attr[string]{model.Default("0.0.0.0/0", rng)}, Range: rng},
			PrefixLists:    model.RefList{Known: true, Items: []model.Ref{}, Range: rng},
			SecurityGroups: model.RefList{Known: true, Items: []model.Ref{}, Range: rng},
			Range:          rng,
		})
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

func buildInstance(b *builder) []model.Entity {
	in := &model.Instance{Meta: b.meta(), Subnet: b.pref("SubnetId", model.KindSubnet)}
	sgs := b.prefs("SecurityGroupIds", model.KindSecurityGroup)
	if names := b.p("SecurityGroups"); names != nil {
		extra := b.refList(names, "SecurityGroups", model.KindSecurityGroup)
		sgs = mergeRefLists(sgs, extra)
	}
	nis, _ := b.list(b.p("NetworkInterfaces"), "NetworkInterfaces")
	for i, ni := range nis {
		p := fmt.Sprintf("NetworkInterfaces[%d].", i)
		if g := b.sub(ni, p+"GroupSet", "GroupSet"); g != nil {
			sgs = mergeRefLists(sgs, b.refList(g, p+"GroupSet", model.KindSecurityGroup))
		}
		if in.Subnet.IsZero() {
			in.Subnet = b.ref(b.sub(ni, p+"SubnetId", "SubnetId"), p+"SubnetId", model.KindSubnet)
		}
	}
	in.SecurityGroups = orUnknownList(sgs, b.rng()) // none given: the VPC's default group
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
	props := r.properties()
	t := props.get("VpcEndpointType")
	switch {
	case t == nil || t.k == vNull:
		return false // Gateway, the default type
	case t.k == vScalar:
		return t.s == "ServiceNetwork" || t.s == "Resource"
	}
	return props.get("ServiceNetworkArn") != nil || props.get("ResourceConfigurationArn") != nil
}

func buildVPCEndpoint(b *builder) []model.Entity {
	e := &model.VPCEndpoint{
		Meta:                  b.meta(),
		EndpointType:          b.pstr("VpcEndpointType"),
		VPC:                   b.pref("VpcId", model.KindVPC),
		ServiceNetwork:        b.pref("ServiceNetworkArn", model.KindServiceNetwork),
		ResourceConfiguration: b.pref("ResourceConfigurationArn", model.KindResourceConfiguration),
		SecurityGroups:        orUnknownList(b.prefs("SecurityGroupIds", model.KindSecurityGroup), b.rng()),
		Subnets:               orEmpty(b.prefs("SubnetIds", model.KindSubnet), b.rng()),
		PrivateDNSEnabled:     b.pbool("PrivateDnsEnabled"),
	}
	return []model.Entity{e}
}

func buildLoadBalancer(b *builder) []model.Entity {
	lb := &model.LoadBalancer{
		Meta:           b.meta(),
		Name:           b.pstr("Name"),
		Type:           orDefault(b.pstr("Type"), "application", b.rng()),
		SecurityGroups: orUnknownList(b.prefs("SecurityGroups", model.KindSecurityGroup), b.rng()),
		Subnets:        b.prefs("Subnets", model.KindSubnet),
		Listeners:      []string{},
	}
	scheme := b.pstr("Scheme")
	switch {
	case scheme.Known:
		lb.Internal = model.Known(scheme.Value == "internal", scheme.Range)
	case scheme.Range.IsZero():
		lb.Internal = model.Default(false, b.rng()) // internet-facing
	default:
		lb.Internal = model.Unknown[bool](scheme.Range)
	}
	maps, known := b.list(b.p("SubnetMappings"), "SubnetMappings")
	if len(maps) > 0 || !known {
		sm := model.RefList{Known: known, Items: []model.Ref{}, Range: b.p("SubnetMappings").rng}
		for i, m := range maps {
			p := fmt.Sprintf("SubnetMappings[%d].SubnetId", i)
			sm.Items = append(sm.Items, b.ref(b.sub(m, p, "SubnetId"), p, model.KindSubnet))
		}
		lb.Subnets = mergeRefLists(lb.Subnets, sm)
	}
	lb.Subnets = orEmpty(lb.Subnets, b.rng())
	return []model.Entity{lb}
}

func buildLBListener(b *builder) []model.Entity {
	l := &model.LoadBalancerListener{
		Meta:         b.meta(),
		LoadBalancer: b.pref("LoadBalancerArn", model.KindLoadBalancer),
		Port:         b.pnum("Port"),
		Protocol:     b.pstr("Protocol"),
	}
	return []model.Entity{l}
}

func buildLambda(b *builder) []model.Entity {
	f := &model.LambdaFunction{
		Meta:        b.meta(),
		Name:        b.pstr("FunctionName"),
		Permissions: []string{},
	}
	return []model.Entity{f}
}

func buildLambdaPermission(b *builder) []model.Entity {
	p := &model.LambdaPermission{
		Meta:      b.meta(),
		Function:  b.pref("FunctionName", model.KindLambdaFunction),
		Action:    b.pstr("Action"),
		Principal: b.pstr("Principal"),
		SourceARN: b.pref("SourceArn", ""),
	}
	return []model.Entity{p}
}

func buildECSService(b *builder) []model.Entity {
	s := &model.ECSService{Meta: b.meta(), TargetGroups: []model.Ref{}}
	nc := b.p("NetworkConfiguration")
	avc := b.sub(nc, "NetworkConfiguration.AwsvpcConfiguration", "AwsvpcConfiguration")
	s.SecurityGroups = b.refList(b.sub(avc, "NetworkConfiguration.AwsvpcConfiguration.SecurityGroups", "SecurityGroups"),
		"NetworkConfiguration.AwsvpcConfiguration.SecurityGroups", model.KindSecurityGroup)
	if avc != nil {
		s.SecurityGroups = orUnknownList(s.SecurityGroups, avc.rng) // awsvpc without groups: the default group
	} else {
		s.SecurityGroups = orEmpty(s.SecurityGroups, b.rng())
	}
	cfgs := b.p("VpcLatticeConfigurations")
	items, known := b.list(cfgs, "VpcLatticeConfigurations")
	if !known {
		s.TargetGroups = append(s.TargetGroups, model.Ref{Kind: model.KindTargetGroup, Range: cfgs.rng})
	}
	for i, it := range items {
		p := fmt.Sprintf("VpcLatticeConfigurations[%d].TargetGroupArn", i)
		s.TargetGroups = append(s.TargetGroups, b.ref(b.sub(it, p, "TargetGroupArn"), p, model.KindTargetGroup))
	}
	return []model.Entity{s}
}
