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
