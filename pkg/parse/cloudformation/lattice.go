package cloudformation

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/lattice-lint/lattice-lint/pkg/model"
)

// builders maps a resource type to the function that turns it into entities.
// Types not listed are evaluated (for diagnostics) but not modelled.
var builders map[string]func(*builder) []model.Entity

func init() {
	builders = map[string]func(*builder) []model.Entity{
		"AWS::VpcLattice::ServiceNetwork":                    buildServiceNetwork,
		"AWS::VpcLattice::Service":                           buildService,
		"AWS::VpcLattice::Listener":                          buildListener,
		"AWS::VpcLattice::Rule":                              buildRule,
		"AWS::VpcLattice::TargetGroup":                       buildTargetGroup,
		"AWS::VpcLattice::ServiceNetworkVpcAssociation":      buildVPCAssociation,
		"AWS::VpcLattice::ServiceNetworkServiceAssociation":  buildServiceAssociation,
		"AWS::VpcLattice::ServiceNetworkResourceAssociation": buildResourceAssociation,
		"AWS::VpcLattice::ResourceGateway":                   buildResourceGateway,
		"AWS::VpcLattice::ResourceConfiguration":             buildResourceConfiguration,
		"AWS::VpcLattice::AuthPolicy":                        buildAuthPolicy,
		"AWS::VpcLattice::ResourcePolicy":                    buildResourcePolicy,
		"AWS::VpcLattice::AccessLogSubscription":             buildAccessLogSubscription,
		"AWS::RAM::ResourceShare":                            buildResourceShare,
		"AWS::EC2::VPC":                                      buildVPC,
		"AWS::EC2::Subnet":                                   buildSubnet,
		"AWS::EC2::SecurityGroup":                            buildSecurityGroup,
		"AWS::EC2::SecurityGroupIngress":                     buildSGRule("ingress"),
		"AWS::EC2::SecurityGroupEgress":                      buildSGRule("egress"),
		"AWS::EC2::PrefixList":                               buildPrefixList,
		"AWS::EC2::Instance":                                 buildInstance,
		"AWS::EC2::VPCEndpoint":                              buildVPCEndpoint,
		"AWS::ElasticLoadBalancingV2::LoadBalancer":          buildLoadBalancer,
		"AWS::ElasticLoadBalancingV2::Listener":              buildLBListener,
		"AWS::Lambda::Function":                              buildLambda,
		"AWS::Serverless::Function":                          buildLambda,
		"AWS::Lambda::Permission":                            buildLambdaPermission,
		"AWS::ECS::Service":                                  buildECSService,
	}
}

func buildServiceNetwork(b *builder) []model.Entity {
	sc := b.p("SharingConfig")
	sn := &model.ServiceNetwork{
		Meta:           b.meta(),
		Name:           b.pstr("Name"),
		AuthType:       orDefault(b.enum(b.pstr("AuthType"), "AuthType", "NONE", "AWS_IAM"), "NONE", b.rng()),
		SharingEnabled: b.boolean(b.sub(sc, "SharingConfig.enabled", "enabled"), "SharingConfig.enabled"),
	}
	return []model.Entity{sn}
}

func buildService(b *builder) []model.Entity {
	s := &model.Service{
		Meta:             b.meta(),
		Name:             b.pstr("Name"),
		AuthType:         orDefault(b.enum(b.pstr("AuthType"), "AuthType", "NONE", "AWS_IAM"), "NONE", b.rng()),
		CustomDomainName: b.pstr("CustomDomainName"),
		CertificateARN:   b.pstr("CertificateArn"),
	}
	return []model.Entity{s}
}

// action reads a listener default action or a rule action.
func (b *builder) action(v *val, path string) model.Action {
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
				Weight:      orDefault(b.num(b.sub(it, p+".Weight", "Weight"), p+".Weight"), 100, it.rng),
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
	protocol := b.enum(b.pstr("Protocol"), "Protocol", "HTTP", "HTTPS", "TLS_PASSTHROUGH")
	port := b.pnum("Port")
	if port.Range.IsZero() && protocol.Known {
		switch protocol.Value {
		case "HTTP":
			port = model.Default(80, b.rng())
		case "HTTPS", "TLS_PASSTHROUGH":
			port = model.Default(443, b.rng())
		}
	}
	l := &model.Listener{
		Meta:          b.meta(),
		Name:          b.pstr("Name"),
		Protocol:      protocol,
		Port:          port,
		Service:       b.pref("ServiceIdentifier", model.KindService),
		DefaultAction: b.action(b.p("DefaultAction"), "DefaultAction"),
	}
	return []model.Entity{l}
}

func buildRule(b *builder) []model.Entity {
	r := &model.ListenerRule{
		Meta:     b.meta(),
		Name:     b.pstr("Name"),
		Priority: b.pnum("Priority"),
		Service:  b.pref("ServiceIdentifier", model.KindService),
		Listener: b.pref("ListenerIdentifier", model.KindListener),
		Action:   b.action(b.p("Action"), "Action"),
	}
	match := b.p("Match")
	hm := b.sub(match, "Match.HttpMatch", "HttpMatch")
	r.Match = model.Match{Range: rangeOr(match, b.rng()), Headers: []model.HeaderMatch{}}
	r.Match.Method = b.str(b.sub(hm, "Match.HttpMatch.Method", "Method"), "Match.HttpMatch.Method")
	pm := b.sub(hm, "Match.HttpMatch.PathMatch", "PathMatch")
	r.Match.PathMatchType, r.Match.Path = b.matchKind(b.sub(pm, "Match.HttpMatch.PathMatch.Match", "Match"), "Match.HttpMatch.PathMatch.Match", rangeOr(pm, r.Match.Range))
	r.Match.PathCaseSensitive = b.boolean(b.sub(pm, "Match.HttpMatch.PathMatch.CaseSensitive", "CaseSensitive"), "Match.HttpMatch.PathMatch.CaseSensitive")
	headers := b.sub(hm, "Match.HttpMatch.HeaderMatches", "HeaderMatches")
	items, _ := b.list(headers, "Match.HttpMatch.HeaderMatches")
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
	typ := b.enum(b.pstr("Type"), "Type", "IP", "LAMBDA", "INSTANCE", "ALB")
	cfg := b.p("Config")
	cfgRng := rangeOr(cfg, b.rng())
	c := func(k string) *val { return b.sub(cfg, "Config."+k, k) }
	tg := &model.TargetGroup{
		Meta:                        b.meta(),
		Name:                        b.pstr("Name"),
		Type:                        typ,
		Port:                        b.num(c("Port"), "Config.Port"),
		Protocol:                    b.enum(b.str(c("Protocol"), "Config.Protocol"), "Config.Protocol", "HTTP", "HTTPS", "TCP"),
		ProtocolVersion:             b.enum(b.str(c("ProtocolVersion"), "Config.ProtocolVersion"), "Config.ProtocolVersion", "HTTP1", "HTTP2", "GRPC"),
		IPAddressType:               b.enum(b.str(c("IpAddressType"), "Config.IpAddressType"), "Config.IpAddressType", "IPV4", "IPV6"),
		LambdaEventStructureVersion: b.enum(b.str(c("LambdaEventStructureVersion"), "Config.LambdaEventStructureVersion"), "Config.LambdaEventStructureVersion", "V1", "V2"),
		VPC:                         b.ref(c("VpcIdentifier"), "Config.VpcIdentifier", model.KindVPC),
		Targets:                     []string{}, ForwardedBy: []string{}, Services: []string{}, DynamicSources: []string{},
	}
	lambda, typeKnown := model.Is(typ, "LAMBDA"), typ.Known
	if typeKnown && !lambda {
		tg.ProtocolVersion = orDefault(tg.ProtocolVersion, "HTTP1", cfgRng)
	}
	if model.Is(typ, "IP") { // ipAddressType applies to IP target groups only
		tg.IPAddressType = orDefault(tg.IPAddressType, "IPV4", cfgRng)
	}
	if tg.Port.Range.IsZero() && tg.Protocol.Known {
		switch tg.Protocol.Value {
		case "HTTP":
			tg.Port = model.Default(80, cfgRng)
		case "HTTPS":
			tg.Port = model.Default(443, cfgRng)
		}
	}
	if lambda {
		tg.LambdaEventStructureVersion = orDefault(tg.LambdaEventStructureVersion, "V1", b.rng())
	}
	tg.HealthCheck = b.healthCheck(tg, c("HealthCheck"), cfgRng)

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
func (b *builder) healthCheck(tg *model.TargetGroup, hc *val, outer model.Range) model.HealthCheck {
	rng := rangeOr(hc, outer)
	h := func(k string) *val { return b.sub(hc, "Config.HealthCheck."+k, k) }
	out := model.HealthCheck{
		Set:             hc != nil,
		Enabled:         b.boolean(h("Enabled"), "Config.HealthCheck.Enabled"),
		Protocol:        b.enum(b.str(h("Protocol"), "Config.HealthCheck.Protocol"), "Config.HealthCheck.Protocol", "HTTP", "HTTPS"),
		ProtocolVersion: b.enum(b.str(h("ProtocolVersion"), "Config.HealthCheck.ProtocolVersion"), "Config.HealthCheck.ProtocolVersion", "HTTP1", "HTTP2"),
		Port:            b.num(h("Port"), "Config.HealthCheck.Port"),
		Path:            b.str(h("Path"), "Config.HealthCheck.Path"),
		Interval:        b.num(h("HealthCheckIntervalSeconds"), "Config.HealthCheck.HealthCheckIntervalSeconds"),
		Timeout:         b.num(h("HealthCheckTimeoutSeconds"), "Config.HealthCheck.HealthCheckTimeoutSeconds"),
		Healthy:         b.num(h("HealthyThresholdCount"), "Config.HealthCheck.HealthyThresholdCount"),
		Unhealthy:       b.num(h("UnhealthyThresholdCount"), "Config.HealthCheck.UnhealthyThresholdCount"),
		Matcher:         b.str(b.sub(h("Matcher"), "Config.HealthCheck.Matcher.HttpCode", "HttpCode"), "Config.HealthCheck.Matcher.HttpCode"),
		Range:           rng,
	}
	if model.Is(tg.Type, "INSTANCE") || model.Is(tg.Type, "IP") {
		proto, version := tg.Protocol, tg.ProtocolVersion
		switch {
		case model.Is(proto, "TCP") || model.Is(version, "HTTP2") || model.Is(version, "GRPC"):
			out.Enabled = orDefault(out.Enabled, false, rng)
		case (model.Is(proto, "HTTP") || model.Is(proto, "HTTPS")) && model.Is(version, "HTTP1"):
			out.Enabled = orDefault(out.Enabled, true, rng)
		}
		out.Protocol = orDefault(out.Protocol, "HTTP", rng)
		out.ProtocolVersion = orDefault(out.ProtocolVersion, "HTTP1", rng)
		if tg.Port.Known {
			out.Port = orDefault(out.Port, tg.Port.Value, rng)
		}
		out.Path = orDefault(out.Path, "/", rng)
		out.Interval = orDefault(out.Interval, 30, rng)
		out.Timeout = orDefault(out.Timeout, 5, rng)
		out.Healthy = orDefault(out.Healthy, 5, rng)
		out.Unhealthy = orDefault(out.Unhealthy, 2, rng)
		out.Matcher = orDefault(out.Matcher, "200", rng)
	}
	return out
}

func buildVPCAssociation(b *builder) []model.Entity {
	a := &model.VPCAssociation{
		Meta:              b.meta(),
		ServiceNetwork:    b.pref("ServiceNetworkIdentifier", model.KindServiceNetwork),
		VPC:               b.pref("VpcIdentifier", model.KindVPC),
		SecurityGroups:    orEmpty(b.prefs("SecurityGroupIds", model.KindSecurityGroup), b.rng()),
		PrivateDNSEnabled: b.pbool("PrivateDnsEnabled"),
	}
	return []model.Entity{a}
}

func buildServiceAssociation(b *builder) []model.Entity {
	a := &model.ServiceAssociation{
		Meta:           b.meta(),
		ServiceNetwork: b.pref("ServiceNetworkIdentifier", model.KindServiceNetwork),
		Service:        b.pref("ServiceIdentifier", model.KindService),
	}
	return []model.Entity{a}
}

func buildResourceAssociation(b *builder) []model.Entity {
	a := &model.ResourceAssociation{
		Meta:                  b.meta(),
		ServiceNetwork:        b.pref("ServiceNetworkId", model.KindServiceNetwork),
		ResourceConfiguration: b.pref("ResourceConfigurationId", model.KindResourceConfiguration),
		PrivateDNSEnabled:     b.pbool("PrivateDnsEnabled"),
	}
	return []model.Entity{a}
}

func buildResourceGateway(b *builder) []model.Entity {
	g := &model.ResourceGateway{
		Meta:                   b.meta(),
		Name:                   b.pstr("Name"),
		VPC:                    b.pref("VpcIdentifier", model.KindVPC),
		Subnets:                orEmpty(b.prefs("SubnetIds", model.KindSubnet), b.rng()),
		SecurityGroups:         orUnknownList(b.prefs("SecurityGroupIds", model.KindSecurityGroup), b.rng()),
		IPAddressType:          b.enum(b.pstr("IpAddressType"), "IpAddressType", "IPV4", "IPV6", "DUALSTACK"),
		ResourceConfigurations: []string{},
	}
	return []model.Entity{g}
}

func buildResourceConfiguration(b *builder) []model.Entity {
	pr := b.strList(b.p("PortRanges"), "PortRanges")
	if pr.Range.IsZero() && !pr.Known {
		pr = model.StringList{Items: []model.Attr[string]{}, Range: b.rng()}
	}
	c := &model.ResourceConfiguration{
		Meta:                      b.meta(),
		Name:                      b.pstr("Name"),
		Type:                      orDefault(b.enum(b.pstr("ResourceConfigurationType"), "ResourceConfigurationType", "SINGLE", "GROUP", "CHILD", "ARN"), "SINGLE", b.rng()),
		Gateway:                   b.pref("ResourceGatewayId", model.KindResourceGateway),
		Group:                     b.pref("ResourceConfigurationGroupId", model.KindResourceConfiguration),
		PortRanges:                pr,
		Protocol:                  orDefault(b.enum(b.pstr("ProtocolType"), "ProtocolType", "TCP"), "TCP", b.rng()),
		AllowShareableAssociation: orDefault(b.pbool("AllowAssociationToSharableServiceNetwork"), false, b.rng()),
		CustomDomainName:          b.pstr("CustomDomainName"),
		Associations:              []string{}, AccessLogs: []string{}, Shares: []string{},
	}
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
	p := &model.AuthPolicy{Meta: b.meta(), Resource: b.pref("ResourceIdentifier", "")}
	p.Policy, p.Size = b.policy(b.p("Policy"), "Policy")
	return []model.Entity{p}
}

func buildResourcePolicy(b *builder) []model.Entity {
	p := &model.ResourcePolicy{Meta: b.meta(), Resource: b.pref("ResourceArn", "")}
	p.Policy, _ = b.policy(b.p("Policy"), "Policy")
	return []model.Entity{p}
}

func buildAccessLogSubscription(b *builder) []model.Entity {
	a := &model.AccessLogSubscription{
		Meta:        b.meta(),
		Resource:    b.pref("ResourceIdentifier", ""),
		Destination: b.pstr("DestinationArn"),
		LogType:     b.enum(b.pstr("ServiceNetworkLogType"), "ServiceNetworkLogType", "SERVICE", "RESOURCE"),
	}
	return []model.Entity{a}
}

func buildResourceShare(b *builder) []model.Entity {
	s := &model.ResourceShare{
		Meta:                    b.meta(),
		Name:                    b.pstr("Name"),
		AllowExternalPrincipals: orDefault(b.pbool("AllowExternalPrincipals"), true, b.rng()),
		Resources:               []model.Ref{},
		Principals:              []model.Attr[string]{},
		Complete:                true,
	}
	res, known := b.list(b.p("ResourceArns"), "ResourceArns")
	s.Complete = s.Complete && known
	for i, it := range res {
		s.Resources = append(s.Resources, b.ref(it, fmt.Sprintf("ResourceArns[%d]", i), ""))
	}
	pr, known := b.list(b.p("Principals"), "Principals")
	s.Complete = s.Complete && known
	for i, it := range pr {
		s.Principals = append(s.Principals, b.str(it, fmt.Sprintf("Principals[%d]", i)))
	}
	return []model.Entity{s}
}
