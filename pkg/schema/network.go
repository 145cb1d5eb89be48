package schema

import (
	"strings"

	"github.com/lattice-lint/lattice-lint/pkg/model"
)

// networkTables are the EC2, RAM, Lambda, ELB and ECS kinds the model holds.
// They are Open: each lists the arguments lattice-lint reads, not every one
// the provider takes, so other names are not checked. There is no API model
// for them here: their allowed values are written in the row.
var networkTables = []*Resource{
	{Kind: model.KindVPC, AWS: "aws_vpc", CFN: "AWS::EC2::VPC", Open: true, Fields: []Field{
		// The IPv4 block, the IPv6 block and an IPAM pool all fill one list; a
		// pool allocates the block at apply time. AWS::EC2::VPCCidrBlock adds
		// CloudFormation's further blocks (cloudformation/network.go).
		{Model: "cidr_blocks", AWS: "cidr_block", CFN: "CidrBlock", Type: String, Default: Empty},
		{Model: "cidr_blocks", AWS: "ipv6_cidr_block", Type: String},
		{Model: "cidr_blocks", AWS: "ipv4_ipam_pool_id", CFN: "Ipv4IpamPoolId", Type: Any, Computes: true},
	}},
	{Kind: model.KindSubnet, AWS: "aws_subnet", CFN: "AWS::EC2::Subnet", Open: true, Fields: []Field{
		{Model: "vpc", AWS: "vpc_id", CFN: "VpcId", Type: Ref, Kind: model.KindVPC},
		{Model: "cidr_block", AWS: "cidr_block", CFN: "CidrBlock", Type: String},
		{Model: "availability_zone", AWS: "availability_zone", CFN: "AvailabilityZone", Type: String},
		{Model: "availability_zone_id", AWS: "availability_zone_id", CFN: "AvailabilityZoneId", Type: String},
		{Model: "ipv6_cidr_block", AWS: "ipv6_cidr_block", CFN: "Ipv6CidrBlock", Type: String},
		{Model: "ipv6_native", AWS: "ipv6_native", CFN: "Ipv6Native", Type: Bool},
	}},
	{Kind: model.KindSecurityGroup, AWS: "aws_security_group", CFN: "AWS::EC2::SecurityGroup", Open: true, Fields: append([]Field{
		{Model: "name", AWS: "name", CFN: "GroupName", Type: String},
		{Model: "vpc", AWS: "vpc_id", CFN: "VpcId", Type: Ref, Kind: model.KindVPC},
		// Inline rules; their direction is the list's name.
		{Model: "ingress", AWS: "ingress", CFN: "SecurityGroupIngress", Type: Block, Custom: true},
		{Model: "egress", AWS: "egress", CFN: "SecurityGroupEgress", Type: Block, Custom: true},
	}, append(inlineRule("ingress", "Source"), inlineRule("egress", "Destination")...)...)},
	// The standalone rules: one table per resource type, the same model.
	{Kind: model.KindSecurityGroupRule, AWS: "aws_security_group_rule", Open: true, Fields: append([]Field{
		{Model: "security_group", AWS: "security_group_id", Type: Ref, Kind: model.KindSecurityGroup},
		// The direction is a plain string ("unknown" when the type is), read by the mapper.
		{Model: "rule.direction", AWS: "type", Type: String, Enum: []string{"ingress", "egress"}, Custom: true},
	}, append(legacyRule("rule"),
		Field{Model: "rule.security_groups", AWS: "source_security_group_id", Type: Ref, Kind: model.KindSecurityGroup})...)},
	{Kind: model.KindSecurityGroupRule, AWS: "aws_vpc_security_group_ingress_rule", CFN: "AWS::EC2::SecurityGroupIngress",
		Open: true, Const: map[string]string{"rule.direction": "ingress"}, Fields: ruleResource("Source",
			Field{Model: "rule.security_groups", CFN: "SourceSecurityGroupName", Type: Ref, Kind: model.KindSecurityGroup})},
	{Kind: model.KindSecurityGroupRule, AWS: "aws_vpc_security_group_egress_rule", CFN: "AWS::EC2::SecurityGroupEgress",
		Open: true, Const: map[string]string{"rule.direction": "egress"}, Fields: ruleResource("Destination")},
	// A customer-managed prefix list. The AWS-managed ones (the VPC Lattice
	// list among them) are looked up with data "aws_ec2_managed_prefix_list".
	{Kind: model.KindPrefixList, AWS: "aws_ec2_managed_prefix_list", CFN: "AWS::EC2::PrefixList", Open: true, Fields: []Field{
		{Model: "name", AWS: "name", CFN: "PrefixListName", Type: String},
		{Model: "lattice", Default: latticePrefixList},
	}},
	// AWS RAM. CloudFormation lists the resources and principals in the
	// share; Terraform associates each with a resource of its own.
	{Kind: model.KindResourceShare, AWS: "aws_ram_resource_share", CFN: "AWS::RAM::ResourceShare", Open: true, Fields: []Field{
		{Model: "name", AWS: "name", CFN: "Name", Type: String, RequiredCFN: true},
		// The AWS API and CloudFormation allow external principals unless told
		// not to; the hashicorp/aws provider's schema defaults to false.
		{Model: "allow_external_principals", AWS: "allow_external_principals", CFN: "AllowExternalPrincipals", Type: Bool,
			Default: true, AWSDefault: false},
		{Model: "resources", CFN: "ResourceArns", Type: RefList, Custom: true},
		{Model: "principals", CFN: "Principals", Type: StringList, Custom: true},
	}},
	{Kind: model.KindShareAssociation, AWS: "aws_ram_resource_association", Open: true, Fields: []Field{
		{Model: "share", AWS: "resource_share_arn", Type: Ref, Kind: model.KindResourceShare},
		{Model: "resource", AWS: "resource_arn", Type: Ref},
	}},
	{Kind: model.KindShareAssociation, AWS: "aws_ram_principal_association", Open: true, Fields: []Field{
		{Model: "share", AWS: "resource_share_arn", Type: Ref, Kind: model.KindResourceShare},
		{Model: "principal", AWS: "principal", Type: String},
	}},
	// Only service-network and resource endpoints are VPC Lattice's; the
	// front ends model no other (LatticeEndpoint).
	{Kind: model.KindVPCEndpoint, AWS: "aws_vpc_endpoint", CFN: "AWS::EC2::VPCEndpoint", Open: true, Fields: []Field{
		{Model: "endpoint_type", AWS: "vpc_endpoint_type", CFN: "VpcEndpointType", Type: String,
			Enum: []string{"Gateway", "GatewayLoadBalancer", "Interface", "Resource", "ServiceNetwork"}, Default: "Gateway"},
		{Model: "vpc", AWS: "vpc_id", CFN: "VpcId", Type: Ref, Kind: model.KindVPC},
		{Model: "service_network", AWS: "service_network_arn", CFN: "ServiceNetworkArn", Type: Ref, Kind: model.KindServiceNetwork},
		{Model: "resource_configuration", AWS: "resource_configuration_arn", CFN: "ResourceConfigurationArn", Type: Ref,
			Kind: model.KindResourceConfiguration},
		// Omitted, the endpoint gets the VPC's default security group.
		{Model: "security_groups", AWS: "security_group_ids", CFN: "SecurityGroupIds", Type: RefList, Kind: model.KindSecurityGroup,
			Default: Computed},
		{Model: "subnets", AWS: "subnet_ids", CFN: "SubnetIds", Type: RefList, Kind: model.KindSubnet, Default: Empty},
		{Model: "private_dns_enabled", AWS: "private_dns_enabled", CFN: "PrivateDnsEnabled", Type: Bool},
	}},
	{Kind: model.KindLambdaFunction, AWS: "aws_lambda_function", CFN: "AWS::Lambda::Function", Open: true, Fields: []Field{
		{Model: "function_name", AWS: "function_name", CFN: "FunctionName", Type: String},
	}},
	{Kind: model.KindLambdaFunction, CFN: "AWS::Serverless::Function", Open: true, Fields: []Field{
		{Model: "function_name", CFN: "FunctionName", Type: String},
	}},
	{Kind: model.KindLambdaPermission, AWS: "aws_lambda_permission", CFN: "AWS::Lambda::Permission", Open: true, Fields: []Field{
		{Model: "function", AWS: "function_name", CFN: "FunctionName", Type: Ref, Kind: model.KindLambdaFunction},
		{Model: "action", AWS: "action", CFN: "Action", Type: String},
		{Model: "principal", AWS: "principal", CFN: "Principal", Type: String},
		// For VPC Lattice the source is the target group that invokes the function.
		{Model: "source_arn", AWS: "source_arn", CFN: "SourceArn", Type: Ref, Kind: model.KindTargetGroup},
	}},
	loadBalancer("aws_lb", "AWS::ElasticLoadBalancingV2::LoadBalancer"),
	loadBalancer("aws_alb", ""),
	lbListener("aws_lb_listener", "AWS::ElasticLoadBalancingV2::Listener"),
	lbListener("aws_alb_listener", ""),
	{Kind: model.KindInstance, AWS: "aws_instance", CFN: "AWS::EC2::Instance", Open: true, Fields: []Field{
		// Group ids and (in a default VPC) names are one list; omitted, the
		// instance gets the VPC's default group; a network interface carries
		// its own groups.
		{Model: "security_groups", AWS: "vpc_security_group_ids", CFN: "SecurityGroupIds", Type: RefList, Kind: model.KindSecurityGroup,
			Default: Computed},
		{Model: "security_groups", AWS: "security_groups", CFN: "SecurityGroups", Type: RefList, Kind: model.KindSecurityGroup},
		{Model: "security_groups", AWS: "network_interface", Type: Any, Computes: true},
		{Model: "security_groups", CFN: "NetworkInterfaces.GroupSet", Type: RefList, Kind: model.KindSecurityGroup, Custom: true},
		{Model: "subnet", AWS: "subnet_id", CFN: "SubnetId", Type: Ref, Kind: model.KindSubnet},
		{Model: "subnet", CFN: "NetworkInterfaces.SubnetId", Type: Ref, Kind: model.KindSubnet, Custom: true},
	}},
	{Kind: model.KindECSService, AWS: "aws_ecs_service", CFN: "AWS::ECS::Service", Open: true, Fields: []Field{
		// Omitted, awsvpc tasks get the VPC's default group; other network
		// modes use the instance's: not known from the service either way.
		{Model: "security_groups", AWS: "network_configuration.security_groups", CFN: "NetworkConfiguration.AwsvpcConfiguration.SecurityGroups",
			Type: RefList, Kind: model.KindSecurityGroup, Default: Computed},
		// A list of objects, each naming one target group the service registers its tasks in.
		{Model: "lattice_target_groups", AWS: "vpc_lattice_configurations.target_group_arn",
			CFN: "VpcLatticeConfigurations.TargetGroupArn", Type: Ref, Kind: model.KindTargetGroup, Custom: true},
	}},
}

// loadBalancer is aws_lb (aws_alb is its other name).
func loadBalancer(aws, cfn string) *Resource {
	return &Resource{Kind: model.KindLoadBalancer, AWS: aws, CFN: cfn, Open: true, Fields: []Field{
		{Model: "name", AWS: "name", CFN: "Name", Type: String},
		{Model: "load_balancer_type", AWS: "load_balancer_type", CFN: "Type", Type: String,
			Enum: []string{"application", "gateway", "network"}, Default: "application"},
		{Model: "internal", AWS: "internal", Type: Bool, Default: false},
		// CloudFormation says it as a scheme, read by the front end.
		{Model: "internal", CFN: "Scheme", Type: String, Enum: []string{"internal", "internet-facing"}, Custom: true},
		// Omitted, an application load balancer gets the VPC's default group.
		{Model: "security_groups", AWS: "security_groups", CFN: "SecurityGroups", Type: RefList, Kind: model.KindSecurityGroup,
			Default: Computed},
		{Model: "subnets", AWS: "subnets", CFN: "Subnets", Type: RefList, Kind: model.KindSubnet, Default: Empty},
		// A list of objects, each naming one subnet.
		{Model: "subnets", AWS: "subnet_mapping.subnet_id", CFN: "SubnetMappings.SubnetId", Type: Ref, Kind: model.KindSubnet, Custom: true},
	}}
}

// lbListener is aws_lb_listener (aws_alb_listener is its other name).
func lbListener(aws, cfn string) *Resource {
	return &Resource{Kind: model.KindLoadBalancerListener, AWS: aws, CFN: cfn, Open: true, Fields: []Field{
		{Model: "load_balancer", AWS: "load_balancer_arn", CFN: "LoadBalancerArn", Type: Ref, Kind: model.KindLoadBalancer},
		{Model: "port", AWS: "port", CFN: "Port", Type: Int},
		// hashicorp/aws takes the protocol in any case and stores it upper case.
		{Model: "protocol", AWS: "protocol", CFN: "Protocol", Type: String, Norm: strings.ToUpper},
	}}
}

// LatticeEndpoint reports whether a VPC endpoint of this type is part of a
// VPC Lattice topology: a service-network or resource endpoint, or one whose
// type is not known.
func LatticeEndpoint(typ model.Attr[string]) bool {
	return !typ.Known || typ.Value == "ServiceNetwork" || typ.Value == "Resource"
}

// protocolNames are the IP protocol numbers the rules compare by name.
var protocolNames = map[string]string{"6": "tcp", "17": "udp", "1": "icmp", "58": "icmpv6", "all": "-1"}

// ProtocolName writes an IP protocol the way rules compare it: lower case,
// by name, "-1" for all.
func ProtocolName(p string) string {
	p = strings.ToLower(strings.TrimSpace(p))
	if n, ok := protocolNames[p]; ok {
		return n
	}
	return p
}

// portRows are the protocol and port range of a rule (m is the model prefix,
// aws and cfn the prefixes of the arguments; "" for a resource's own).
func portRows(m, aws, cfn, awsProto string) []Field {
	return []Field{
		{Model: m + "protocol", AWS: join(aws, awsProto), CFN: join(cfn, "IpProtocol"), Type: String, Norm: ProtocolName},
		{Model: m + "from_port", AWS: join(aws, "from_port"), CFN: join(cfn, "FromPort"), Type: Int},
		{Model: m + "to_port", AWS: join(aws, "to_port"), CFN: join(cfn, "ToPort"), Type: Int},
	}
}

func join(prefix, name string) string {
	if prefix == "" || name == "" {
		return name
	}
	return prefix + "." + name
}

// inlineRule is an ingress or egress block (item) of a security group;
// CloudFormation names the peer Source… on ingress and Destination… on egress.
func inlineRule(dir, peer string) []Field {
	cfn := map[string]string{"ingress": "SecurityGroupIngress", "egress": "SecurityGroupEgress"}[dir]
	m := dir + "[]."
	rows := append(portRows(m, dir, cfn, "protocol"), legacyPeers(m, dir)...)
	rows = append(rows, cfnPeers(m, cfn, peer)...)
	if peer == "Source" {
		rows = append(rows, Field{Model: m + "security_groups", CFN: cfn + ".SourceSecurityGroupName", Type: Ref, Kind: model.KindSecurityGroup})
	}
	return rows
}

// legacyRule is aws_security_group_rule: the inline block's arguments.
func legacyRule(m string) []Field {
	return append(portRows(m+".", "", "", "protocol"), legacyPeers(m+".", "")...)
}

// legacyPeers are the peers of an inline block or aws_security_group_rule.
func legacyPeers(m, aws string) []Field {
	return []Field{
		{Model: m + "cidr_blocks", AWS: join(aws, "cidr_blocks"), Type: StringList, Default: Empty},
		{Model: m + "cidr_blocks", AWS: join(aws, "ipv6_cidr_blocks"), Type: StringList},
		{Model: m + "prefix_lists", AWS: join(aws, "prefix_list_ids"), Type: RefList, Kind: model.KindPrefixList, Default: Empty},
		{Model: m + "security_groups", AWS: join(aws, "security_groups"), Type: RefList, Kind: model.KindSecurityGroup, Default: Empty},
		{Model: m + "self", AWS: join(aws, "self"), Type: Bool},
	}
}

// cfnPeers are the peers of a CloudFormation rule, inline or standalone.
func cfnPeers(m, cfn, peer string) []Field {
	return []Field{
		{Model: m + "cidr_blocks", CFN: join(cfn, "CidrIp"), Type: String, Default: Empty},
		{Model: m + "cidr_blocks", CFN: join(cfn, "CidrIpv6"), Type: String},
		{Model: m + "prefix_lists", CFN: join(cfn, peer+"PrefixListId"), Type: Ref, Kind: model.KindPrefixList, Default: Empty},
		{Model: m + "security_groups", CFN: join(cfn, peer+"SecurityGroupId"), Type: Ref, Kind: model.KindSecurityGroup, Default: Empty},
	}
}

// ruleResource is aws_vpc_security_group_{ingress,egress}_rule and
// AWS::EC2::SecurityGroup{Ingress,Egress}: one rule per resource, one peer
// per rule. extra are rows only one direction has.
func ruleResource(peer string, extra ...Field) []Field {
	rows := []Field{
		// CloudFormation names the group by id or, in a default VPC, by name; the id wins.
		{Model: "security_group", CFN: "GroupName", Type: Ref, Kind: model.KindSecurityGroup},
		{Model: "security_group", AWS: "security_group_id", CFN: "GroupId", Type: Ref, Kind: model.KindSecurityGroup},
	}
	rows = append(rows, portRows("rule.", "", "", "ip_protocol")...)
	rows = append(rows, cfnPeers("rule.", "", peer)...)
	rows = append(rows,
		Field{Model: "rule.cidr_blocks", AWS: "cidr_ipv4", Type: String},
		Field{Model: "rule.cidr_blocks", AWS: "cidr_ipv6", Type: String},
		Field{Model: "rule.prefix_lists", AWS: "prefix_list_id", Type: Ref, Kind: model.KindPrefixList},
		Field{Model: "rule.security_groups", AWS: "referenced_security_group_id", Type: Ref, Kind: model.KindSecurityGroup})
	return append(rows, extra...)
}

// latticePrefixList: a prefix list is the VPC Lattice one when its name says so.
var latticePrefixList DefaultFunc = func(e model.Entity) (any, bool) {
	n := e.(*model.PrefixList).Name
	switch {
	case n.Known:
		return model.Known(model.IsLatticePrefixListName(n.Value), n.Range), true
	case !n.Range.IsZero():
		return Computed, true
	}
	return nil, false
}
