package schema

import (
	"strings"
	"unicode"

	"github.com/lattice-lint/lattice-lint/pkg/model"
)

// networkTables are the EC2, RAM, Lambda, ELB and ECS kinds the model holds.
// They are Open: each lists the arguments lattice-lint reads, not every one
// the provider takes, so other names are not checked. There is no API model
// for them here: their allowed values are written in the row.
var networkTables = []*Resource{
	{Kind: model.KindVPC, AWS: "aws_vpc", AWSCC: "awscc_ec2_vpc", CFN: "AWS::EC2::VPC", Open: true,
		Lookup: &Lookup{IDs: []string{"id"}}, Fields: []Field{
			// The IPv4 block, the IPv6 block and an IPAM pool all fill one list; a
			// pool allocates the block at apply time. The VPC CIDR block resource
			// (vpcCidrBlock) adds further blocks.
			{Model: "cidr_blocks", AWS: "cidr_block", AWSCC: "cidr_block", CFN: "CidrBlock", Type: String, Default: Empty},
			{Model: "cidr_blocks", AWS: "ipv6_cidr_block", Type: String},
			{Model: "cidr_blocks", AWS: "ipv4_ipam_pool_id", AWSCC: "ipv_4_ipam_pool_id", CFN: "Ipv4IpamPoolId", Type: Any, Computes: true},
			{Model: "cidr_blocks", AWS: "ipv6_ipam_pool_id", Type: Any, Computes: true},
			{Model: "cidr_blocks", AWS: "assign_generated_ipv6_cidr_block", Type: Bool, Computes: true},
		}},
	vpcCidrBlock,
	vpcIPv6CidrBlock,
	{Kind: model.KindSubnet, AWS: "aws_subnet", AWSCC: "awscc_ec2_subnet", CFN: "AWS::EC2::Subnet", Open: true,
		Lookup: &Lookup{IDs: []string{"id"}}, Fields: []Field{
			{Model: "vpc", AWS: "vpc_id", AWSCC: "vpc_id", CFN: "VpcId", Type: Ref, Kind: model.KindVPC},
			{Model: "cidr_block", AWS: "cidr_block", AWSCC: "cidr_block", CFN: "CidrBlock", Type: String},
			{Model: "availability_zone", AWS: "availability_zone", AWSCC: "availability_zone", CFN: "AvailabilityZone", Type: String},
			{Model: "availability_zone_id", AWS: "availability_zone_id", AWSCC: "availability_zone_id", CFN: "AvailabilityZoneId", Type: String},
			{Model: "ipv6_cidr_block", AWS: "ipv6_cidr_block", AWSCC: "ipv_6_cidr_block", CFN: "Ipv6CidrBlock", Type: String},
			{Model: "ipv6_native", AWS: "ipv6_native", AWSCC: "ipv_6_native", CFN: "Ipv6Native", Type: Bool},
		}},
	{Kind: model.KindSecurityGroup, AWS: "aws_security_group", AWSCC: "awscc_ec2_security_group", CFN: "AWS::EC2::SecurityGroup",
		Open: true, Lookup: &Lookup{IDs: []string{"id", "name"}}, Fields: append([]Field{
			{Model: "name", AWS: "name", AWSCC: "group_name", CFN: "GroupName", Type: String},
			{Model: "vpc", AWS: "vpc_id", AWSCC: "vpc_id", CFN: "VpcId", Type: Ref, Kind: model.KindVPC},
			// Inline rules; their direction is the list's name. Without egress
			// rules CloudFormation and awscc keep AWS's default one
			// (DefaultEgress); hashicorp/aws removes it.
			{Model: "ingress", AWS: "ingress", AWSCC: "security_group_ingress", CFN: "SecurityGroupIngress", Type: Block, Custom: true},
			{Model: "egress", AWS: "egress", AWSCC: "security_group_egress", CFN: "SecurityGroupEgress", Type: Block, Custom: true},
		}, append(inlineRule("ingress", "Source"), inlineRule("egress", "Destination")...)...)},
	// The standalone rules: one table per resource type, the same model.
	{Kind: model.KindSecurityGroupRule, AWS: "aws_security_group_rule", Open: true, Fields: append([]Field{
		{Model: "security_group", AWS: "security_group_id", Type: Ref, Kind: model.KindSecurityGroup},
		// The direction is a plain string ("unknown" when the type is), read by the mapper.
		{Model: "rule.direction", AWS: "type", Type: String, Enum: []string{"ingress", "egress"}, Custom: true},
	}, append(legacyRule("rule"),
		Field{Model: "rule.security_groups", AWS: "source_security_group_id", Type: Ref, Kind: model.KindSecurityGroup})...)},
	{Kind: model.KindSecurityGroupRule, AWS: "aws_vpc_security_group_ingress_rule", AWSCC: "awscc_ec2_security_group_ingress",
		CFN: "AWS::EC2::SecurityGroupIngress", Open: true, Const: map[string]string{"rule.direction": "ingress"}, Fields: ruleResource("Source",
			Field{Model: "rule.security_groups", AWSCC: "source_security_group_name", CFN: "SourceSecurityGroupName", Type: Ref,
				Kind: model.KindSecurityGroup})},
	{Kind: model.KindSecurityGroupRule, AWS: "aws_vpc_security_group_egress_rule", AWSCC: "awscc_ec2_security_group_egress",
		CFN: "AWS::EC2::SecurityGroupEgress", Open: true, Const: map[string]string{"rule.direction": "egress"}, Fields: ruleResource("Destination")},
	// A customer-managed prefix list. The AWS-managed ones (the VPC Lattice
	// list among them) are looked up with data "aws_ec2_managed_prefix_list".
	{Kind: model.KindPrefixList, AWS: "aws_ec2_managed_prefix_list", AWSCC: "awscc_ec2_prefix_list", CFN: "AWS::EC2::PrefixList", Open: true,
		Lookup: &Lookup{IDs: []string{"name"}, Filter: "prefix-list-name", Modelled: true}, Fields: []Field{
			{Model: "name", AWS: "name", AWSCC: "prefix_list_name", CFN: "PrefixListName", Type: String},
			{Model: "lattice", Default: latticePrefixList},
		}},
	// AWS RAM. CloudFormation and awscc list the resources and principals in
	// the share; hashicorp/aws associates each with a resource of its own.
	{Kind: model.KindResourceShare, AWS: "aws_ram_resource_share", AWSCC: "awscc_ram_resource_share", CFN: "AWS::RAM::ResourceShare",
		Open: true, AWSCCIDIsARN: true, Lookup: &Lookup{IDs: []string{"name"}}, Fields: []Field{
			{Model: "name", AWS: "name", AWSCC: "name", CFN: "Name", Type: String, RequiredCFN: true},
			// The AWS API and CloudFormation allow external principals unless told
			// not to; the hashicorp/aws provider's schema defaults to false.
			{Model: "allow_external_principals", AWS: "allow_external_principals", AWSCC: "allow_external_principals",
				CFN: "AllowExternalPrincipals", Type: Bool, Default: true, AWSDefault: false},
			// Read item by item: a principal is a plain string, a resource a reference.
			{Model: "resources", AWSCC: "resource_arns", CFN: "ResourceArns", Type: RefList, Custom: true},
			{Model: "principals", AWSCC: "principals", CFN: "Principals", Type: StringList, Custom: true},
		}},
	{Kind: model.KindShareAssociation, AWS: "aws_ram_resource_association", Open: true, Fields: []Field{
		{Model: "share", AWS: "resource_share_arn", Type: Ref, Kind: model.KindResourceShare},
		{Model: "resource", AWS: "resource_arn", Type: Ref},
	}},
	{Kind: model.KindShareAssociation, AWS: "aws_ram_principal_association", Open: true, Fields: []Field{
		{Model: "share", AWS: "resource_share_arn", Type: Ref, Kind: model.KindResourceShare},
		{Model: "principal", AWS: "principal", Type: String},
	}},
	// Terraform only: CloudFormation has no resource that accepts an invitation.
	{Kind: model.KindShareAccepter, AWS: "aws_ram_resource_share_accepter", Open: true, Fields: []Field{
		{Model: "share", AWS: "share_arn", Type: Ref, Kind: model.KindResourceShare},
	}},
	// Only service-network and resource endpoints are VPC Lattice's; the
	// front ends model no other (LatticeEndpoint).
	{Kind: model.KindVPCEndpoint, AWS: "aws_vpc_endpoint", AWSCC: "awscc_ec2_vpc_endpoint", CFN: "AWS::EC2::VPCEndpoint", Open: true,
		Fields: []Field{
			{Model: "endpoint_type", AWS: "vpc_endpoint_type", AWSCC: "vpc_endpoint_type", CFN: "VpcEndpointType", Type: String,
				Enum: []string{"Gateway", "GatewayLoadBalancer", "Interface", "Resource", "ServiceNetwork"}, Default: "Gateway"},
			{Model: "vpc", AWS: "vpc_id", AWSCC: "vpc_id", CFN: "VpcId", Type: Ref, Kind: model.KindVPC},
			{Model: "service_network", AWS: "service_network_arn", AWSCC: "service_network_arn", CFN: "ServiceNetworkArn", Type: Ref,
				Kind: model.KindServiceNetwork},
			{Model: "resource_configuration", AWS: "resource_configuration_arn", AWSCC: "resource_configuration_arn",
				CFN: "ResourceConfigurationArn", Type: Ref, Kind: model.KindResourceConfiguration},
			// Omitted, the endpoint gets the VPC's default security group.
			{Model: "security_groups", AWS: "security_group_ids", AWSCC: "security_group_ids", CFN: "SecurityGroupIds", Type: RefList,
				Kind: model.KindSecurityGroup, Default: Computed},
			{Model: "subnets", AWS: "subnet_ids", AWSCC: "subnet_ids", CFN: "SubnetIds", Type: RefList, Kind: model.KindSubnet, Default: Empty},
			{Model: "private_dns_enabled", AWS: "private_dns_enabled", AWSCC: "private_dns_enabled", CFN: "PrivateDnsEnabled", Type: Bool},
			// The EC2 API takes the VPC Lattice preferences for ServiceNetwork and Resource endpoints.
			{Model: "private_dns_preference", AWS: "dns_options.private_dns_preference", AWSCC: "dns_options.private_dns_preference",
				CFN: "DnsOptions.PrivateDnsPreference", Type: String,
				Enum: []string{"VERIFIED_DOMAINS_ONLY", "ALL_DOMAINS", "VERIFIED_DOMAINS_AND_SPECIFIED_DOMAINS", "SPECIFIED_DOMAINS_ONLY"}},
			{Model: "private_dns_specified_domains", AWS: "dns_options.private_dns_specified_domains",
				AWSCC: "dns_options.private_dns_specified_domains", CFN: "DnsOptions.PrivateDnsSpecifiedDomains", Type: StringList},
		}},
	{Kind: model.KindLambdaFunction, AWS: "aws_lambda_function", AWSCC: "awscc_lambda_function", CFN: "AWS::Lambda::Function", Open: true,
		Lookup: &Lookup{IDs: []string{"function_name"}}, Fields: []Field{
			{Model: "function_name", AWS: "function_name", AWSCC: "function_name", CFN: "FunctionName", Type: String},
		}},
	{Kind: model.KindLambdaFunction, CFN: "AWS::Serverless::Function", Open: true, Fields: []Field{
		{Model: "function_name", CFN: "FunctionName", Type: String},
	}},
	{Kind: model.KindLambdaPermission, AWS: "aws_lambda_permission", AWSCC: "awscc_lambda_permission", CFN: "AWS::Lambda::Permission",
		Open: true, Fields: []Field{
			{Model: "function", AWS: "function_name", AWSCC: "function_name", CFN: "FunctionName", Type: Ref, Kind: model.KindLambdaFunction},
			{Model: "action", AWS: "action", AWSCC: "action", CFN: "Action", Type: String},
			{Model: "principal", AWS: "principal", AWSCC: "principal", CFN: "Principal", Type: String},
			// For VPC Lattice the source is the target group that invokes the function.
			{Model: "source_arn", AWS: "source_arn", AWSCC: "source_arn", CFN: "SourceArn", Type: Ref, Kind: model.KindTargetGroup},
		}},
	loadBalancer("aws_lb", "awscc_elasticloadbalancingv2_load_balancer", "AWS::ElasticLoadBalancingV2::LoadBalancer"),
	loadBalancer("aws_alb", "", ""),
	lbListener("aws_lb_listener", "awscc_elasticloadbalancingv2_listener", "AWS::ElasticLoadBalancingV2::Listener"),
	lbListener("aws_alb_listener", "", ""),
	{Kind: model.KindInstance, AWS: "aws_instance", AWSCC: "awscc_ec2_instance", CFN: "AWS::EC2::Instance", Open: true, Fields: []Field{
		// Group ids and (in a default VPC) names are one list; omitted, the
		// instance gets the VPC's default group; a network interface carries
		// its own groups (read from CloudFormation, unknown elsewhere).
		{Model: "security_groups", AWS: "vpc_security_group_ids", AWSCC: "security_group_ids", CFN: "SecurityGroupIds", Type: RefList,
			Kind: model.KindSecurityGroup, Default: Computed},
		{Model: "security_groups", AWS: "security_groups", AWSCC: "security_groups", CFN: "SecurityGroups", Type: RefList,
			Kind: model.KindSecurityGroup},
		{Model: "security_groups", AWS: "network_interface", AWSCC: "network_interfaces", Type: Any, Computes: true},
		{Model: "security_groups", CFN: "NetworkInterfaces.GroupSet", Type: RefList, Kind: model.KindSecurityGroup, Custom: true},
		{Model: "subnet", AWS: "subnet_id", AWSCC: "subnet_id", CFN: "SubnetId", Type: Ref, Kind: model.KindSubnet},
		{Model: "subnet", AWSCC: "network_interfaces", Type: Any, Computes: true},
		{Model: "subnet", CFN: "NetworkInterfaces.SubnetId", Type: Ref, Kind: model.KindSubnet, Custom: true},
	}},
	{Kind: model.KindECSService, AWS: "aws_ecs_service", AWSCC: "awscc_ecs_service", CFN: "AWS::ECS::Service", Open: true, AWSCCIDIsARN: true,
		Fields: []Field{
			// Omitted, awsvpc tasks get the VPC's default group; other network
			// modes use the instance's: not known from the service either way.
			{Model: "security_groups", AWS: "network_configuration.security_groups",
				AWSCC: "network_configuration.awsvpc_configuration.security_groups",
				CFN:   "NetworkConfiguration.AwsvpcConfiguration.SecurityGroups", Type: RefList, Kind: model.KindSecurityGroup, Default: Computed},
			// A list of objects, each naming one target group the service registers its tasks in.
			{Model: "lattice_target_groups", AWS: "vpc_lattice_configurations.target_group_arn",
				AWSCC: "vpc_lattice_configurations.target_group_arn", CFN: "VpcLatticeConfigurations.TargetGroupArn", Type: Ref,
				Kind: model.KindTargetGroup, Custom: true},
		}},
	// Auto Scaling groups register their instances in the target groups of
	// their vpc-lattice traffic sources; Terraform may also attach a source
	// with a resource of its own.
	autoScaling("aws_autoscaling_group", "awscc_autoscaling_auto_scaling_group", "AWS::AutoScaling::AutoScalingGroup"),
	autoScaling("aws_autoscaling_traffic_source_attachment", "", ""),
}

// autoScaling is a resource whose traffic sources name target groups.
func autoScaling(aws, awscc, cfn string) *Resource {
	return &Resource{Kind: model.KindAutoScalingGroup, AWS: aws, AWSCC: awscc, CFN: cfn, Open: true, Fields: []Field{
		// A list of objects; only the sources of type vpc-lattice are VPC Lattice target groups.
		{Model: "lattice_target_groups", AWS: "traffic_source.identifier", AWSCC: "traffic_sources.identifier",
			CFN: "TrafficSources.Identifier", Type: Ref, Kind: model.KindTargetGroup, Custom: true},
		{AWS: "traffic_source.type", AWSCC: "traffic_sources.type", CFN: "TrafficSources.Type", Type: String,
			Custom: true},
	}}
}

// TrafficSourceLattice is the traffic source type of a VPC Lattice target
// group; an Auto Scaling group's other sources are ELB ones.
const TrafficSourceLattice = "vpc-lattice"

// vpcCidrBlock adds a block to a VPC another resource declares; it is no
// entity of its own (Kind is empty): the front ends add what it gives to the
// cidr_blocks of the VPC its "vpc" row names, and a block allocated at
// create time (Amazon-provided IPv6, an IPAM pool) as unknown.
var vpcCidrBlock = &Resource{AWS: "aws_vpc_ipv4_cidr_block_association", AWSCC: "awscc_ec2_vpc_cidr_block", CFN: "AWS::EC2::VPCCidrBlock",
	Open: true, Fields: []Field{
		{Model: "vpc", AWS: "vpc_id", AWSCC: "vpc_id", CFN: "VpcId", Type: Ref, Kind: model.KindVPC},
		{Model: "cidr_blocks", AWS: "cidr_block", AWSCC: "cidr_block", CFN: "CidrBlock", Type: String},
		{Model: "cidr_blocks", AWSCC: "ipv_6_cidr_block", CFN: "Ipv6CidrBlock", Type: String},
	}}

// vpcIPv6CidrBlock is hashicorp/aws's resource for an IPv6 block (its IPv4
// one is vpcCidrBlock's); read the same way.
var vpcIPv6CidrBlock = &Resource{AWS: "aws_vpc_ipv6_cidr_block_association", Open: true, Fields: []Field{
	{Model: "vpc", AWS: "vpc_id", Type: Ref, Kind: model.KindVPC},
	{Model: "cidr_blocks", AWS: "ipv6_cidr_block", Type: String},
}}

// VPCCidrBlock is the table of the resource that adds a CIDR block to a VPC.
func VPCCidrBlock() *Resource { return vpcCidrBlock }

// DefaultEgress is the rule AWS gives a security group created without
// egress rules (CloudFormation and awscc keep it): all traffic to 0.0.0.0/0.
func DefaultEgress(rng model.Range) model.SGRule {
	return model.SGRule{
		Direction: "egress", Protocol: model.Default("-1", rng),
		FromPort: model.Default(0, rng), ToPort: model.Default(0, rng),
		CIDRs:          model.StringList{Known: true, Items: []model.Attr[string]{model.Default("0.0.0.0/0", rng)}, Range: rng},
		PrefixLists:    model.RefList{Known: true, Items: []model.Ref{}, Range: rng},
		SecurityGroups: model.RefList{Known: true, Items: []model.Ref{}, Range: rng},
		Range:          rng,
	}
}

// loadBalancer is aws_lb (aws_alb is its other name, with no other columns).
func loadBalancer(aws, awscc, cfn string) *Resource {
	lookup := &Lookup{IDs: []string{"arn", "name"}}
	if aws == "aws_alb" {
		lookup = nil
	}
	return &Resource{Kind: model.KindLoadBalancer, AWS: aws, AWSCC: awscc, CFN: cfn, Open: true, AWSCCIDIsARN: true, Lookup: lookup,
		Fields: []Field{
			{Model: "name", AWS: "name", AWSCC: "name", CFN: "Name", Type: String},
			{Model: "load_balancer_type", AWS: "load_balancer_type", AWSCC: "type", CFN: "Type", Type: String,
				Enum: []string{"application", "gateway", "network"}, Default: "application"},
			{Model: "internal", AWS: "internal", Type: Bool, Default: false},
			// CloudFormation and awscc say it as a scheme, read by the front end.
			{Model: "internal", AWSCC: "scheme", CFN: "Scheme", Type: String, Enum: []string{"internal", "internet-facing"}, Custom: true},
			// Omitted, an application load balancer gets the VPC's default group.
			{Model: "security_groups", AWS: "security_groups", AWSCC: "security_groups", CFN: "SecurityGroups", Type: RefList,
				Kind: model.KindSecurityGroup, Default: Computed},
			{Model: "subnets", AWS: "subnets", AWSCC: "subnets", CFN: "Subnets", Type: RefList, Kind: model.KindSubnet, Default: Empty},
			// A list of objects, each naming one subnet.
			{Model: "subnets", AWS: "subnet_mapping.subnet_id", AWSCC: "subnet_mappings.subnet_id", CFN: "SubnetMappings.SubnetId",
				Type: Ref, Kind: model.KindSubnet, Custom: true},
		}}
}

// lbListener is aws_lb_listener (aws_alb_listener is its other name).
func lbListener(aws, awscc, cfn string) *Resource {
	return &Resource{Kind: model.KindLoadBalancerListener, AWS: aws, AWSCC: awscc, CFN: cfn, Open: true, AWSCCIDIsARN: true, Fields: []Field{
		{Model: "load_balancer", AWS: "load_balancer_arn", AWSCC: "load_balancer_arn", CFN: "LoadBalancerArn", Type: Ref,
			Kind: model.KindLoadBalancer},
		{Model: "port", AWS: "port", AWSCC: "port", CFN: "Port", Type: Int},
		// hashicorp/aws takes the protocol in any case and stores it upper case.
		{Model: "protocol", AWS: "protocol", AWSCC: "protocol", CFN: "Protocol", Type: String, Norm: strings.ToUpper},
	}}
}

// Route 53 hosted zones and records: where a service's custom domain is mapped
// to its VPC Lattice DNS name (LAT-COR-019).
var dnsTables = []*Resource{
	{Kind: model.KindDNSZone, AWS: "aws_route53_zone", AWSCC: "awscc_route53_hosted_zone", CFN: "AWS::Route53::HostedZone", Open: true,
		Fields: []Field{
			{Model: "name", AWS: "name", AWSCC: "name", CFN: "Name", Type: String},
		}},
	{Kind: model.KindDNSRecord, AWS: "aws_route53_record", CFN: "AWS::Route53::RecordSet", Open: true, Fields: []Field{
		{Model: "zone", AWS: "zone_id", CFN: "HostedZoneId", Type: Ref, Kind: model.KindDNSZone},
		{Model: "name", AWS: "name", CFN: "Name", Type: String},
		{Model: "type", AWS: "type", CFN: "Type", Type: String},
		// What the record maps its name to: its values, or an alias target's
		// DNS name (a service's dns_entry, read as a reference to the service).
		{Model: "points_to", AWS: "records", CFN: "ResourceRecords", Type: RefList},
		{Model: "points_to", AWS: "alias.name", CFN: "AliasTarget.DNSName", Type: Ref},
	}},
}

// Access log destinations (LAT-OBS-002): one kind, whose type the resource
// type fixes. A name AWS generates (none given, or a prefix) is unknown.
var logTables = []*Resource{
	{Kind: model.KindLogDestination, AWS: "aws_cloudwatch_log_group", AWSCC: "awscc_logs_log_group", CFN: "AWS::Logs::LogGroup",
		Open: true, Const: map[string]string{"destination_type": model.LogGroup}, Fields: []Field{
			{Model: "name", AWS: "name", AWSCC: "log_group_name", CFN: "LogGroupName", Type: String, Default: Computed},
			{Model: "name", AWS: "name_prefix", Type: String, Computes: true},
		}},
	{Kind: model.KindLogDestination, AWS: "aws_s3_bucket", AWSCC: "awscc_s3_bucket", CFN: "AWS::S3::Bucket",
		Open: true, Const: map[string]string{"destination_type": model.S3Bucket}, Fields: []Field{
			{Model: "name", AWS: "bucket", AWSCC: "bucket_name", CFN: "BucketName", Type: String, Default: Computed},
			{Model: "name", AWS: "bucket_prefix", Type: String, Computes: true},
		}},
	// hashicorp/aws identifies a delivery stream by its ARN.
	{Kind: model.KindLogDestination, AWS: "aws_kinesis_firehose_delivery_stream", AWSCC: "awscc_kinesisfirehose_delivery_stream",
		CFN: "AWS::KinesisFirehose::DeliveryStream", Open: true, AWSIDIsARN: true,
		Const: map[string]string{"destination_type": model.FirehoseStream}, Fields: []Field{
			{Model: "name", AWS: "name", AWSCC: "delivery_stream_name", CFN: "DeliveryStreamName", Type: String, Default: Computed},
		}},
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
		withCC(Field{Model: m + "protocol", AWS: join(aws, awsProto), CFN: join(cfn, "IpProtocol"), Type: String, Norm: ProtocolName}),
		withCC(Field{Model: m + "from_port", AWS: join(aws, "from_port"), CFN: join(cfn, "FromPort"), Type: Int}),
		withCC(Field{Model: m + "to_port", AWS: join(aws, "to_port"), CFN: join(cfn, "ToPort"), Type: Int}),
	}
}

// withCC sets a row's awscc argument from its CloudFormation property: awscc
// names each property in snake case, a number a word of its own (CidrIpv6 is
// cidr_ipv_6).
func withCC(f Field) Field {
	segs := strings.Split(f.CFN, ".")
	for i, s := range segs {
		var b strings.Builder
		rs := []rune(s)
		for j, r := range rs {
			upper, digit := unicode.IsUpper(r), unicode.IsDigit(r)
			if j > 0 {
				prev := rs[j-1]
				nextLower := j+1 < len(rs) && unicode.IsLower(rs[j+1])
				if (upper && (unicode.IsLower(prev) || unicode.IsDigit(prev) || (unicode.IsUpper(prev) && nextLower))) ||
					(digit && !unicode.IsDigit(prev)) {
					b.WriteByte('_')
				}
			}
			b.WriteRune(unicode.ToLower(r))
		}
		segs[i] = b.String()
	}
	if f.CFN != "" {
		f.AWSCC = strings.Join(segs, ".")
	}
	return f
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
		rows = append(rows, withCC(Field{Model: m + "security_groups", CFN: cfn + ".SourceSecurityGroupName", Type: Ref, Kind: model.KindSecurityGroup}))
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
		withCC(Field{Model: m + "cidr_blocks", CFN: join(cfn, "CidrIp"), Type: String, Default: Empty}),
		withCC(Field{Model: m + "cidr_blocks", CFN: join(cfn, "CidrIpv6"), Type: String}),
		withCC(Field{Model: m + "prefix_lists", CFN: join(cfn, peer+"PrefixListId"), Type: Ref, Kind: model.KindPrefixList, Default: Empty}),
		withCC(Field{Model: m + "security_groups", CFN: join(cfn, peer+"SecurityGroupId"), Type: Ref, Kind: model.KindSecurityGroup,
			Default: Empty}),
	}
}

// ruleResource is aws_vpc_security_group_{ingress,egress}_rule and
// AWS::EC2::SecurityGroup{Ingress,Egress}: one rule per resource, one peer
// per rule. extra are rows only one direction has.
func ruleResource(peer string, extra ...Field) []Field {
	rows := []Field{
		// CloudFormation names the group by id or, in a default VPC, by name; the id wins.
		{Model: "security_group", AWSCC: "group_name", CFN: "GroupName", Type: Ref, Kind: model.KindSecurityGroup},
		{Model: "security_group", AWS: "security_group_id", AWSCC: "group_id", CFN: "GroupId", Type: Ref, Kind: model.KindSecurityGroup},
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
