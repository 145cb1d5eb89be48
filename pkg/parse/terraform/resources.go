package terraform

import (
	"strings"

	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/lattice-lint/lattice-lint/pkg/model"
)

// resourceMappers map managed resource types to entities. Types not listed are
// not part of the topology; references to them stay unknown.
var resourceMappers = map[string]mapper{
	"aws_vpc":                                             mapVPC,
	"aws_subnet":                                          mapSubnet,
	"aws_security_group":                                  mapSecurityGroup,
	"aws_security_group_rule":                             mapSGRuleLegacy,
	"aws_vpc_security_group_ingress_rule":                 mapSGRuleVPC("ingress"),
	"aws_vpc_security_group_egress_rule":                  mapSGRuleVPC("egress"),
	"aws_vpclattice_service_network":                      mapServiceNetwork,
	"aws_vpclattice_service":                              mapService,
	"aws_vpclattice_listener":                             mapListener,
	"aws_vpclattice_listener_rule":                        mapListenerRule,
	"aws_vpclattice_target_group":                         mapTargetGroup,
	"aws_vpclattice_target_group_attachment":              mapTarget,
	"aws_vpclattice_service_network_vpc_association":      mapVPCAssociation,
	"aws_vpclattice_service_network_service_association":  mapServiceAssociation,
	"aws_vpclattice_service_network_resource_association": mapResourceAssociation,
	"aws_vpc_endpoint":                                    mapVPCEndpoint,
	"aws_vpclattice_resource_gateway":                     mapResourceGateway,
	"aws_vpclattice_resource_configuration":               mapResourceConfiguration,
	"aws_vpclattice_auth_policy":                          mapAuthPolicy,
	"aws_vpclattice_resource_policy":                      mapResourcePolicy,
	"aws_vpclattice_access_log_subscription":              mapAccessLog,
	"aws_ram_resource_share":                              mapShare,
	"aws_ram_resource_association":                        mapShareResource,
	"aws_ram_principal_association":                       mapSharePrincipal,
	"aws_lambda_function":                                 mapLambda,
	"aws_lambda_permission":                               mapLambdaPermission,
	"aws_lb":                                              mapLoadBalancer,
	"aws_alb":                                             mapLoadBalancer,
	"aws_lb_listener":                                     mapLBListener,
	"aws_alb_listener":                                    mapLBListener,
	"aws_instance":                                        mapInstance,
	"aws_ecs_service":                                     mapECSService,
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

func mapVPC(b *builder, r *bview, m model.Meta) model.Entity {
	cidrs := model.StringList{Known: true, Range: r.at(r.rng)}
	if c, ok := r.str("cidr_block"); ok {
		cidrs.Items = append(cidrs.Items, c)
		cidrs.Range = c.Range
	} else if _, _, ok := r.val("ipv4_ipam_pool_id"); ok {
		cidrs.Known = false // allocated from IPAM at apply time
	}
	if c, ok := r.str("ipv6_cidr_block"); ok {
		cidrs.Items = append(cidrs.Items, c)
	}
	return &model.VPC{Meta: m, CIDRs: cidrs}
}

func mapSubnet(b *builder, r *bview, m model.Meta) model.Entity {
	cidr, _ := r.str("cidr_block")
	az, _ := r.str("availability_zone")
	return &model.Subnet{Meta: m, VPC: r.ref("vpc_id", model.KindVPC), CIDR: cidr, AvailabilityZone: az}
}

// sgRule reads an inline ingress/egress block or a legacy aws_security_group_rule.
func sgRule(r *bview, dir string) model.SGRule {
	proto, _ := r.str("protocol")
	from, _ := r.integer("from_port")
	to, _ := r.integer("to_port")
	cidrs := r.strList("cidr_blocks")
	if v6 := r.strList("ipv6_cidr_blocks"); len(v6.Items) > 0 || !v6.Known {
		cidrs.Items = append(cidrs.Items, v6.Items...)
		cidrs.Known = cidrs.Known && v6.Known
	}
	sgs := r.refList("security_groups", model.KindSecurityGroup)
	if src := r.ref("source_security_group_id", model.KindSecurityGroup); !src.IsZero() {
		sgs.Items = append(sgs.Items, src)
	}
	self, _ := r.boolean("self")
	return model.SGRule{Direction: dir, Protocol: normProto(proto), FromPort: from, ToPort: to, CIDRs: cidrs,
		PrefixLists: r.refList("prefix_list_ids", model.KindPrefixList), SecurityGroups: sgs, Self: self,
		Range: r.at(r.rng)}
}

// normProto writes protocols the way rules compare them: lower case, "-1" for all.
func normProto(a model.Attr[string]) model.Attr[string] {
	if a.Known {
		a.Value = strings.ToLower(a.Value)
		if a.Value == "all" {
			a.Value = "-1"
		}
		if a.Value == "6" {
			a.Value = "tcp"
		}
	}
	return a
}

func mapSecurityGroup(b *builder, r *bview, m model.Meta) model.Entity {
	name, _ := r.str("name")
	sg := &model.SecurityGroup{Meta: m, Name: name, VPC: r.ref("vpc_id", model.KindVPC), RulesKnown: true,
		Ingress: []model.SGRule{}, Egress: []model.SGRule{}}
	for _, dir := range []string{"ingress", "egress"} {
		blocks, known := r.blocks(dir)
		if !known {
			sg.RulesKnown = false
		}
		for _, blk := range blocks {
			rule := sgRule(blk, dir)
			if dir == "ingress" {
				sg.Ingress = append(sg.Ingress, rule)
			} else {
				sg.Egress = append(sg.Egress, rule)
			}
		}
		// `ingress = [...]` in attribute syntax: content unknown to this reader.
		// (In JSON a block and an attribute are the same property, already read above.)
		if _, native := r.body.(*hclsyntax.Body); native && r.attr(dir) != nil {
			sg.RulesKnown = false
		}
	}
	return sg
}

func mapSGRuleLegacy(b *builder, r *bview, m model.Meta) model.Entity {
	dir, _ := r.str("type")
	d := "ingress"
	if dir.Known && dir.Value == "egress" {
		d = "egress"
	}
	if !dir.Known {
		d = "unknown"
	}
	return &model.SecurityGroupRule{Meta: m, SecurityGroup: r.ref("security_group_id", model.KindSecurityGroup), Rule: sgRule(r, d)}
}

func mapSGRuleVPC(dir string) mapper {
	return func(b *builder, r *bview, m model.Meta) model.Entity {
		proto, _ := r.str("ip_protocol")
		from, _ := r.integer("from_port")
		to, _ := r.integer("to_port")
		cidrs := model.StringList{Known: true, Range: r.at(r.rng)}
		for _, n := range []string{"cidr_ipv4", "cidr_ipv6"} {
			if c, ok := r.str(n); ok {
				cidrs.Items = append(cidrs.Items, c)
				cidrs.Range = c.Range
			}
		}
		pls := model.RefList{Known: true, Range: r.at(r.rng)}
		if pl := r.ref("prefix_list_id", model.KindPrefixList); !pl.IsZero() {
			pls.Items, pls.Range = append(pls.Items, pl), pl.Range
		}
		sgs := model.RefList{Known: true, Range: r.at(r.rng)}
		if src := r.ref("referenced_security_group_id", model.KindSecurityGroup); !src.IsZero() {
			sgs.Items, sgs.Range = append(sgs.Items, src), src.Range
		}
		rule := model.SGRule{Direction: dir, Protocol: normProto(proto), FromPort: from, ToPort: to, CIDRs: cidrs,
			PrefixLists: pls, SecurityGroups: sgs, Range: r.at(r.rng)}
		return &model.SecurityGroupRule{Meta: m, SecurityGroup: r.ref("security_group_id", model.KindSecurityGroup), Rule: rule}
	}
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

func mapServiceNetwork(b *builder, r *bview, m model.Meta) model.Entity {
	name, _ := r.str("name")
	return &model.ServiceNetwork{Meta: m, Name: name, AuthType: upper(r.strOr("auth_type", "NONE")),
		// hashicorp/aws has no sharing_config: the service network is shareable.
		SharingEnabled: model.Default(true, r.at(r.rng))}
}

func mapService(b *builder, r *bview, m model.Meta) model.Entity {
	name, _ := r.str("name")
	dom, _ := r.str("custom_domain_name")
	cert, _ := r.str("certificate_arn")
	return &model.Service{Meta: m, Name: name, AuthType: upper(r.strOr("auth_type", "NONE")),
		CustomDomainName: dom, CertificateARN: cert}
}

// action reads a default_action or action block.
func action(r *bview) model.Action {
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
		w.Weight = tg.intOr("weight", 100)
		a.Forward = append(a.Forward, w)
	}
	return a
}

func mapListener(b *builder, r *bview, m model.Meta) model.Entity {
	name, _ := r.str("name")
	proto, _ := r.str("protocol")
	proto = upper(proto)
	port, ok := r.integer("port")
	if !ok && proto.Known {
		switch proto.Value {
		case "HTTP":
			port = model.Default(80, r.at(r.rng))
		case "HTTPS", "TLS_PASSTHROUGH":
			port = model.Default(443, r.at(r.rng))
		}
	}
	svc := r.ref("service_identifier", model.KindService)
	if svc.IsZero() {
		svc = r.ref("service_arn", model.KindService)
	}
	return &model.Listener{Meta: m, Name: name, Protocol: proto, Port: port, Service: svc,
		DefaultAction: action(r.block("default_action"))}
}

func mapListenerRule(b *builder, r *bview, m model.Meta) model.Entity {
	name, _ := r.str("name")
	prio, _ := r.integer("priority")
	rule := &model.ListenerRule{Meta: m, Name: name, Priority: prio,
		Service: r.ref("service_identifier", model.KindService), Listener: r.ref("listener_identifier", model.KindListener),
		Action: action(r.block("action"))}
	if mt := r.block("match"); mt != nil {
		rule.Match.Range = r.at(mt.rng)
		if hm := mt.block("http_match"); hm != nil {
			rule.Match.Method, _ = hm.str("method")
			if pm := hm.block("path_match"); pm != nil {
				rule.Match.PathCaseSensitive, _ = pm.boolean("case_sensitive")
				if m := pm.block("match"); m != nil {
					for _, t := range []string{"exact", "prefix"} {
						if v, ok := m.str(t); ok {
							rule.Match.PathMatchType, rule.Match.Path = model.Known(t, v.Range), v
						}
					}
				}
			}
			hms, _ := hm.blocks("header_matches")
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

func mapTargetGroup(b *builder, r *bview, m model.Meta) model.Entity {
	name, _ := r.str("name")
	typ, _ := r.str("type")
	tg := &model.TargetGroup{Meta: m, Name: name, Type: upper(typ)}
	cfg := r.block("config")
	if cfg == nil {
		cfg = &bview{b: b, body: emptyBody, iv: r.iv, rng: r.rng}
	}
	tg.Protocol = upper(cfg.strOr("protocol", ""))
	tg.Port, _ = cfg.integer("port")
	if !tg.Port.Known && tg.Port.Range.IsZero() && tg.Protocol.Known {
		switch tg.Protocol.Value {
		case "HTTP":
			tg.Port = model.Default(80, r.at(cfg.rng))
		case "HTTPS":
			tg.Port = model.Default(443, r.at(cfg.rng))
		}
	}
	isLambda := model.Is(tg.Type, "LAMBDA")
	if !isLambda {
		tg.ProtocolVersion = upper(cfg.strOr("protocol_version", "HTTP1"))
	} else {
		tg.ProtocolVersion, _ = cfg.str("protocol_version")
		tg.LambdaEventStructureVersion = upper(cfg.strOr("lambda_event_structure_version", "V1"))
	}
	if model.Is(tg.Type, "IP") {
		tg.IPAddressType = upper(cfg.strOr("ip_address_type", "IPV4"))
	} else {
		tg.IPAddressType, _ = cfg.str("ip_address_type")
	}
	tg.VPC = cfg.ref("vpc_identifier", model.KindVPC)
	hc := model.HealthCheck{Range: r.at(cfg.rng)}
	if h := cfg.block("health_check"); h != nil {
		hc.Set, hc.Range = true, r.at(h.rng)
		hc.Enabled = h.boolOr("enabled", true)
		hc.Protocol = upper(h.strOr("protocol", ""))
		hc.ProtocolVersion = upper(h.strOr("protocol_version", "HTTP1"))
		hc.Port, _ = h.integer("port")
		hc.Path = h.strOr("path", "/")
		hc.Interval = h.intOr("health_check_interval_seconds", 30)
		hc.Timeout = h.intOr("health_check_timeout_seconds", 5)
		hc.Healthy = h.intOr("healthy_threshold_count", 5)
		hc.Unhealthy = h.intOr("unhealthy_threshold_count", 2)
		if mt := h.block("matcher"); mt != nil {
			hc.Matcher = mt.strOr("value", "200")
		} else {
			hc.Matcher = model.Default("200", r.at(h.rng))
		}
	} else if tg.Protocol.Known && tg.ProtocolVersion.Known && !isLambda && !model.Is(tg.Type, "ALB") {
		// AWS default: on for HTTP/HTTPS with HTTP1, off for TCP, HTTP2 and GRPC.
		on := tg.Protocol.Value != "TCP" && tg.ProtocolVersion.Value == "HTTP1"
		hc.Enabled = model.Default(on, r.at(cfg.rng))
	}
	tg.HealthCheck = hc
	return tg
}

func mapTarget(b *builder, r *bview, m model.Meta) model.Entity {
	t := &model.Target{Meta: m, TargetGroup: r.ref("target_group_identifier", model.KindTargetGroup)}
	if tb := r.block("target"); tb != nil {
		t.Target = tb.ref("id", "")
		t.Port, _ = tb.integer("port")
	}
	return t
}

func mapVPCAssociation(b *builder, r *bview, m model.Meta) model.Entity {
	dns, _ := r.boolean("private_dns_enabled")
	return &model.VPCAssociation{Meta: m, ServiceNetwork: r.ref("service_network_identifier", model.KindServiceNetwork),
		VPC: r.ref("vpc_identifier", model.KindVPC), SecurityGroups: r.refList("security_group_ids", model.KindSecurityGroup),
		PrivateDNSEnabled: dns}
}

func mapServiceAssociation(b *builder, r *bview, m model.Meta) model.Entity {
	return &model.ServiceAssociation{Meta: m, ServiceNetwork: r.ref("service_network_identifier", model.KindServiceNetwork),
		Service: r.ref("service_identifier", model.KindService)}
}

func mapResourceAssociation(b *builder, r *bview, m model.Meta) model.Entity {
	dns, _ := r.boolean("private_dns_enabled")
	return &model.ResourceAssociation{Meta: m, ServiceNetwork: r.ref("service_network_identifier", model.KindServiceNetwork),
		ResourceConfiguration: r.ref("resource_configuration_identifier", model.KindResourceConfiguration), PrivateDNSEnabled: dns}
}

func mapVPCEndpoint(b *builder, r *bview, m model.Meta) model.Entity {
	typ, _ := r.str("vpc_endpoint_type")
	if typ.Known && typ.Value != "ServiceNetwork" && typ.Value != "Resource" {
		return nil // interface/gateway endpoints are not part of a Lattice topology
	}
	if !typ.Known && typ.Range.IsZero() {
		return nil // the default type is Gateway
	}
	dns, _ := r.boolean("private_dns_enabled")
	return &model.VPCEndpoint{Meta: m, EndpointType: typ, VPC: r.ref("vpc_id", model.KindVPC),
		ServiceNetwork:        r.ref("service_network_arn", model.KindServiceNetwork),
		ResourceConfiguration: r.ref("resource_configuration_arn", model.KindResourceConfiguration),
		SecurityGroups:        r.refList("security_group_ids", model.KindSecurityGroup),
		Subnets:               r.refList("subnet_ids", model.KindSubnet), PrivateDNSEnabled: dns}
}

func mapResourceGateway(b *builder, r *bview, m model.Meta) model.Entity {
	name, _ := r.str("name")
	return &model.ResourceGateway{Meta: m, Name: name, VPC: r.ref("vpc_id", model.KindVPC),
		Subnets: r.refList("subnet_ids", model.KindSubnet), SecurityGroups: r.refList("security_group_ids", model.KindSecurityGroup),
		IPAddressType: upper(r.strOr("ip_address_type", ""))}
}

func mapResourceConfiguration(b *builder, r *bview, m model.Meta) model.Entity {
	name, _ := r.str("name")
	dom, _ := r.str("custom_domain_name")
	return &model.ResourceConfiguration{Meta: m, Name: name, Type: upper(r.strOr("type", "SINGLE")),
		Gateway:    r.ref("resource_gateway_identifier", model.KindResourceGateway),
		Group:      r.ref("resource_configuration_group_id", model.KindResourceConfiguration),
		PortRanges: r.strList("port_ranges"), Protocol: upper(r.strOr("protocol", "TCP")),
		AllowShareableAssociation: r.boolOr("allow_association_to_shareable_service_network", false),
		CustomDomainName:          dom}
}

func mapAuthPolicy(b *builder, r *bview, m model.Meta) model.Entity {
	doc, size := r.policy("policy")
	return &model.AuthPolicy{Meta: m, Resource: r.ref("resource_identifier", ""), Policy: doc, Size: size}
}

func mapResourcePolicy(b *builder, r *bview, m model.Meta) model.Entity {
	doc, _ := r.policy("policy")
	return &model.ResourcePolicy{Meta: m, Resource: r.ref("resource_arn", ""), Policy: doc}
}

func mapAccessLog(b *builder, r *bview, m model.Meta) model.Entity {
	dest, _ := r.str("destination_arn")
	lt, _ := r.str("service_network_log_type")
	return &model.AccessLogSubscription{Meta: m, Resource: r.ref("resource_identifier", ""), Destination: dest, LogType: upper(lt)}
}

func mapShare(b *builder, r *bview, m model.Meta) model.Entity {
	name, _ := r.str("name")
	return &model.ResourceShare{Meta: m, Name: name, Complete: true, Resources: []model.Ref{}, Principals: []model.Attr[string]{},
		AllowExternalPrincipals: r.boolOr("allow_external_principals", false)}
}

func mapShareResource(b *builder, r *bview, m model.Meta) model.Entity {
	return &model.ShareAssociation{Meta: m, Share: r.ref("resource_share_arn", model.KindResourceShare),
		Resource: r.ref("resource_arn", "")}
}

func mapSharePrincipal(b *builder, r *bview, m model.Meta) model.Entity {
	p, _ := r.str("principal")
	return &model.ShareAssociation{Meta: m, Share: r.ref("resource_share_arn", model.KindResourceShare), Principal: p}
}

func mapLambda(b *builder, r *bview, m model.Meta) model.Entity {
	name, _ := r.str("function_name")
	return &model.LambdaFunction{Meta: m, Name: name}
}

func mapLambdaPermission(b *builder, r *bview, m model.Meta) model.Entity {
	act, _ := r.str("action")
	pr, _ := r.str("principal")
	return &model.LambdaPermission{Meta: m, Function: r.ref("function_name", model.KindLambdaFunction), Action: act,
		Principal: pr, SourceARN: r.ref("source_arn", model.KindTargetGroup)}
}

func mapLoadBalancer(b *builder, r *bview, m model.Meta) model.Entity {
	name, _ := r.str("name")
	return &model.LoadBalancer{Meta: m, Name: name, Type: r.strOr("load_balancer_type", "application"),
		Internal: r.boolOr("internal", false), SecurityGroups: r.refList("security_groups", model.KindSecurityGroup),
		Subnets: r.refList("subnets", model.KindSubnet)}
}

func mapLBListener(b *builder, r *bview, m model.Meta) model.Entity {
	port, _ := r.integer("port")
	proto, _ := r.str("protocol")
	return &model.LoadBalancerListener{Meta: m, LoadBalancer: r.ref("load_balancer_arn", model.KindLoadBalancer), Port: port, Protocol: upper(proto)}
}

func mapInstance(b *builder, r *bview, m model.Meta) model.Entity {
	sgs := r.refList("vpc_security_group_ids", model.KindSecurityGroup)
	if sgs.Known && len(sgs.Items) == 0 {
		if alt := r.refList("security_groups", model.KindSecurityGroup); len(alt.Items) > 0 || !alt.Known {
			sgs = alt
		}
	}
	if _, _, ok := r.val("network_interface"); ok || r.block("network_interface") != nil {
		sgs.Known = false // the ENI carries the groups
	}
	return &model.Instance{Meta: m, SecurityGroups: sgs, Subnet: r.ref("subnet_id", model.KindSubnet)}
}

func mapECSService(b *builder, r *bview, m model.Meta) model.Entity {
	es := &model.ECSService{Meta: m, SecurityGroups: model.RefList{Range: r.at(r.rng)}}
	if nc := r.block("network_configuration"); nc != nil {
		es.SecurityGroups = nc.refList("security_groups", model.KindSecurityGroup)
	}
	cfgs, known := r.blocks("vpc_lattice_configurations")
	for _, c := range cfgs {
		es.TargetGroups = append(es.TargetGroups, c.ref("target_group_arn", model.KindTargetGroup))
	}
	if !known {
		es.TargetGroups = append(es.TargetGroups, model.Ref{Kind: model.KindTargetGroup, Range: r.at(r.rng)})
	}
	return es
}
