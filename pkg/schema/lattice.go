package schema

import "github.com/lattice-lint/lattice-lint/pkg/model"

// The VPC Lattice tables. Each row: model field, argument in hashicorp/aws,
// hashicorp/awscc and CloudFormation, API member (type and enum), default.
// A row with an empty Model is an argument the model does not hold: it is
// still a name the front ends accept.

// tags is the row of the resource tags (read into Meta.Tags by every front end).
var tags = Field{AWS: "tags", AWSCC: "tags", CFN: "Tags", Type: Any, Custom: true}

var latticeTables = []*Resource{
	{Kind: model.KindServiceNetwork, AWS: "aws_vpclattice_service_network", AWSCC: "awscc_vpclattice_service_network",
		CFN: "AWS::VpcLattice::ServiceNetwork", Lookup: &Lookup{IDs: []string{"service_network_identifier"}}, Fields: []Field{
			{Model: "name", AWS: "name", AWSCC: "name", CFN: "Name", API: "CreateServiceNetworkRequest.name"},
			{Model: "auth_type", AWS: "auth_type", AWSCC: "auth_type", CFN: "AuthType", API: "CreateServiceNetworkRequest.authType", Default: "NONE"},
			// hashicorp/aws has no sharing_config: its service networks are shareable.
			// awscc's sharing_config is an object attribute, read by awscc.go.
			{Model: "sharing_enabled", CFN: "SharingConfig.enabled", API: "CreateServiceNetworkRequest.sharingConfig.enabled", Default: true},
			{Model: "sharing_enabled", AWSCC: "sharing_config", Type: Any, Custom: true},
			tags,
		}},
	{Kind: model.KindService, AWS: "aws_vpclattice_service", AWSCC: "awscc_vpclattice_service", CFN: "AWS::VpcLattice::Service",
		Lookup: &Lookup{IDs: []string{"service_identifier", "name"}}, Fields: []Field{
			{Model: "name", AWS: "name", AWSCC: "name", CFN: "Name", API: "CreateServiceRequest.name"},
			{Model: "auth_type", AWS: "auth_type", AWSCC: "auth_type", CFN: "AuthType", API: "CreateServiceRequest.authType", Default: "NONE"},
			{Model: "custom_domain_name", AWS: "custom_domain_name", AWSCC: "custom_domain_name", CFN: "CustomDomainName", API: "CreateServiceRequest.customDomainName"},
			{Model: "certificate_arn", AWS: "certificate_arn", AWSCC: "certificate_arn", CFN: "CertificateArn", API: "CreateServiceRequest.certificateArn"},
			{AWSCC: "dns_entry.domain_name", CFN: "DnsEntry.DomainName"},
			{AWSCC: "dns_entry.hosted_zone_id", CFN: "DnsEntry.HostedZoneId"},
			tags,
		}},
	{Kind: model.KindListener, AWS: "aws_vpclattice_listener", CFN: "AWS::VpcLattice::Listener", Fields: []Field{
		{Model: "name", AWS: "name", CFN: "Name", API: "CreateListenerRequest.name"},
		{Model: "protocol", AWS: "protocol", CFN: "Protocol", API: "CreateListenerRequest.protocol", RequiredCFN: true},
		{Model: "port", AWS: "port", CFN: "Port", API: "CreateListenerRequest.port", Default: portByProtocol(listenerProtocol)},
		{Model: "service", AWS: "service_identifier", CFN: "ServiceIdentifier", Type: Ref, Kind: model.KindService,
			API: "CreateListenerRequest.serviceIdentifier", NotRequired: true},
		// hashicorp/aws also takes the service's ARN; listener.go reads it when service_identifier is absent.
		{Model: "service", AWS: "service_arn", Type: Ref, Kind: model.KindService, Custom: true},
		{Model: "default_action", AWS: "default_action", CFN: "DefaultAction", Type: Block, Custom: true, RequiredCFN: true,
			API: "CreateListenerRequest.defaultAction"},
		{Model: "default_action.status_code", AWS: "default_action.fixed_response.status_code", CFN: "DefaultAction.FixedResponse.StatusCode",
			API: "CreateListenerRequest.defaultAction.fixedResponse.statusCode", Custom: true},
		{Model: "default_action.forward[].target_group", AWS: "default_action.forward.target_groups.target_group_identifier",
			CFN: "DefaultAction.Forward.TargetGroups.TargetGroupIdentifier", Type: Ref, Kind: model.KindTargetGroup, Custom: true,
			API: "CreateListenerRequest.defaultAction.forward.targetGroups.targetGroupIdentifier"},
		{Model: "default_action.forward[].weight", AWS: "default_action.forward.target_groups.weight",
			CFN: "DefaultAction.Forward.TargetGroups.Weight", API: "CreateListenerRequest.defaultAction.forward.targetGroups.weight",
			Default: 100, Custom: true},
		tags,
	}},
	{Kind: model.KindListenerRule, AWS: "aws_vpclattice_listener_rule", CFN: "AWS::VpcLattice::Rule", Fields: []Field{
		{Model: "name", AWS: "name", CFN: "Name", API: "CreateRuleRequest.name"},
		{Model: "priority", AWS: "priority", CFN: "Priority", API: "CreateRuleRequest.priority", RequiredCFN: true},
		{Model: "service", AWS: "service_identifier", CFN: "ServiceIdentifier", Type: Ref, Kind: model.KindService,
			API: "CreateRuleRequest.serviceIdentifier"},
		{Model: "listener", AWS: "listener_identifier", CFN: "ListenerIdentifier", Type: Ref, Kind: model.KindListener,
			API: "CreateRuleRequest.listenerIdentifier"},
		{Model: "match", AWS: "match", CFN: "Match", Type: Block, Custom: true, RequiredCFN: true, API: "CreateRuleRequest.match"},
		{Model: "match.method", AWS: "match.http_match.method", CFN: "Match.HttpMatch.Method", API: "CreateRuleRequest.match.httpMatch.method"},
		{Model: "match.path_case_sensitive", AWS: "match.http_match.path_match.case_sensitive", CFN: "Match.HttpMatch.PathMatch.CaseSensitive",
			API: "CreateRuleRequest.match.httpMatch.pathMatch.caseSensitive"},
		{Model: "match.path", AWS: "match.http_match.path_match.match.exact", CFN: "Match.HttpMatch.PathMatch.Match.Exact", Type: String, Custom: true,
			API: "CreateRuleRequest.match.httpMatch.pathMatch.match.exact"},
		{Model: "match.path", AWS: "match.http_match.path_match.match.prefix", CFN: "Match.HttpMatch.PathMatch.Match.Prefix", Type: String, Custom: true},
		{Model: "match.headers[].name", AWS: "match.http_match.header_matches.name", CFN: "Match.HttpMatch.HeaderMatches.Name", Type: String, Custom: true,
			API: "CreateRuleRequest.match.httpMatch.headerMatches.name"},
		{Model: "match.headers[].case_sensitive", AWS: "match.http_match.header_matches.case_sensitive",
			CFN: "Match.HttpMatch.HeaderMatches.CaseSensitive", Type: Bool, Custom: true},
		{Model: "match.headers[].value", AWS: "match.http_match.header_matches.match.exact", CFN: "Match.HttpMatch.HeaderMatches.Match.Exact", Type: String, Custom: true,
			API: "CreateRuleRequest.match.httpMatch.headerMatches.match.exact"},
		{Model: "match.headers[].value", AWS: "match.http_match.header_matches.match.prefix", CFN: "Match.HttpMatch.HeaderMatches.Match.Prefix", Type: String, Custom: true},
		{Model: "match.headers[].value", AWS: "match.http_match.header_matches.match.contains", CFN: "Match.HttpMatch.HeaderMatches.Match.Contains", Type: String, Custom: true},
		{Model: "action", AWS: "action", CFN: "Action", Type: Block, Custom: true, RequiredCFN: true, API: "CreateRuleRequest.action"},
		{Model: "action.status_code", AWS: "action.fixed_response.status_code", CFN: "Action.FixedResponse.StatusCode",
			API: "CreateRuleRequest.action.fixedResponse.statusCode", Custom: true},
		{Model: "action.forward[].target_group", AWS: "action.forward.target_groups.target_group_identifier",
			CFN: "Action.Forward.TargetGroups.TargetGroupIdentifier", Type: Ref, Kind: model.KindTargetGroup, Custom: true,
			API: "CreateRuleRequest.action.forward.targetGroups.targetGroupIdentifier"},
		{Model: "action.forward[].weight", AWS: "action.forward.target_groups.weight", CFN: "Action.Forward.TargetGroups.Weight",
			API: "CreateRuleRequest.action.forward.targetGroups.weight", Default: 100, Custom: true},
		tags,
	}},
	{Kind: model.KindTargetGroup, AWS: "aws_vpclattice_target_group", CFN: "AWS::VpcLattice::TargetGroup", Fields: []Field{
		{Model: "name", AWS: "name", CFN: "Name", API: "CreateTargetGroupRequest.name"},
		{Model: "type", AWS: "type", CFN: "Type", API: "CreateTargetGroupRequest.type", RequiredCFN: true},
		{Model: "port", AWS: "config.port", CFN: "Config.Port", API: "CreateTargetGroupRequest.config.port", Default: portByProtocol(tgProtocol)},
		// The provider requires a protocol for every type but LAMBDA; where it is
		// absent the value is not one the code says.
		{Model: "protocol", AWS: "config.protocol", CFN: "Config.Protocol", API: "CreateTargetGroupRequest.config.protocol",
			Default: Computed, When: tgTypeNot("LAMBDA")},
		{Model: "protocol_version", AWS: "config.protocol_version", CFN: "Config.ProtocolVersion",
			API: "CreateTargetGroupRequest.config.protocolVersion", Default: "HTTP1", When: tgTypeKnownNot("LAMBDA")},
		{Model: "ip_address_type", AWS: "config.ip_address_type", CFN: "Config.IpAddressType",
			API: "CreateTargetGroupRequest.config.ipAddressType", Default: "IPV4", When: tgTypeIs("IP")},
		{Model: "lambda_event_structure_version", AWS: "config.lambda_event_structure_version", CFN: "Config.LambdaEventStructureVersion",
			API: "CreateTargetGroupRequest.config.lambdaEventStructureVersion", Default: "V1", When: tgTypeIs("LAMBDA")},
		{Model: "vpc", AWS: "config.vpc_identifier", CFN: "Config.VpcIdentifier", Type: Ref, Kind: model.KindVPC,
			API: "CreateTargetGroupRequest.config.vpcIdentifier"},
		{Model: "health_check", AWS: "config.health_check", CFN: "Config.HealthCheck", Type: Block, Custom: true},
		// Health check defaults apply to INSTANCE and IP target groups (LAMBDA and ALB have none).
		{Model: "health_check.enabled", AWS: "config.health_check.enabled", CFN: "Config.HealthCheck.Enabled",
			API: "CreateTargetGroupRequest.config.healthCheck.enabled", Default: healthCheckEnabled, When: healthChecked},
		{Model: "health_check.protocol", AWS: "config.health_check.protocol", CFN: "Config.HealthCheck.Protocol",
			API: "CreateTargetGroupRequest.config.healthCheck.protocol", Default: "HTTP", When: healthChecked},
		{Model: "health_check.protocol_version", AWS: "config.health_check.protocol_version", CFN: "Config.HealthCheck.ProtocolVersion",
			API: "CreateTargetGroupRequest.config.healthCheck.protocolVersion", Default: "HTTP1", When: healthChecked},
		{Model: "health_check.port", AWS: "config.health_check.port", CFN: "Config.HealthCheck.Port",
			API: "CreateTargetGroupRequest.config.healthCheck.port", Default: healthCheckPort, When: healthChecked},
		{Model: "health_check.path", AWS: "config.health_check.path", CFN: "Config.HealthCheck.Path",
			API: "CreateTargetGroupRequest.config.healthCheck.path", Default: "/", When: healthChecked},
		{Model: "health_check.interval_seconds", AWS: "config.health_check.health_check_interval_seconds",
			CFN: "Config.HealthCheck.HealthCheckIntervalSeconds", API: "CreateTargetGroupRequest.config.healthCheck.healthCheckIntervalSeconds",
			Default: 30, When: healthChecked},
		{Model: "health_check.timeout_seconds", AWS: "config.health_check.health_check_timeout_seconds",
			CFN: "Config.HealthCheck.HealthCheckTimeoutSeconds", API: "CreateTargetGroupRequest.config.healthCheck.healthCheckTimeoutSeconds",
			Default: 5, When: healthChecked},
		{Model: "health_check.healthy_threshold", AWS: "config.health_check.healthy_threshold_count",
			CFN: "Config.HealthCheck.HealthyThresholdCount", API: "CreateTargetGroupRequest.config.healthCheck.healthyThresholdCount",
			Default: 5, When: healthChecked},
		{Model: "health_check.unhealthy_threshold", AWS: "config.health_check.unhealthy_threshold_count",
			CFN: "Config.HealthCheck.UnhealthyThresholdCount", API: "CreateTargetGroupRequest.config.healthCheck.unhealthyThresholdCount",
			Default: 2, When: healthChecked},
		{Model: "health_check.matcher", AWS: "config.health_check.matcher.value", CFN: "Config.HealthCheck.Matcher.HttpCode",
			API: "CreateTargetGroupRequest.config.healthCheck.matcher.httpCode", Default: "200", When: healthChecked},
		// CloudFormation registers targets inline; they become Target entities (see the target table).
		{CFN: "Targets.Id", Type: Ref, Custom: true},
		{CFN: "Targets.Port", Type: Int, Custom: true},
		tags,
	}},
	{Kind: model.KindTarget, AWS: "aws_vpclattice_target_group_attachment", Fields: []Field{
		{Model: "target_group", AWS: "target_group_identifier", Type: Ref, Kind: model.KindTargetGroup,
			API: "RegisterTargetsRequest.targetGroupIdentifier"},
		{Model: "target", AWS: "target.id", CFN: "Targets.Id", Type: Ref, API: "RegisterTargetsRequest.targets.id"},
		{Model: "port", AWS: "target.port", CFN: "Targets.Port", API: "RegisterTargetsRequest.targets.port"},
	}},
	{Kind: model.KindVPCAssociation, AWS: "aws_vpclattice_service_network_vpc_association",
		AWSCC: "awscc_vpclattice_service_network_vpc_association", CFN: "AWS::VpcLattice::ServiceNetworkVpcAssociation", Fields: []Field{
			{Model: "service_network", AWS: "service_network_identifier", AWSCC: "service_network_identifier", CFN: "ServiceNetworkIdentifier",
				Type: Ref, Kind: model.KindServiceNetwork, API: "CreateServiceNetworkVpcAssociationRequest.serviceNetworkIdentifier"},
			{Model: "vpc", AWS: "vpc_identifier", AWSCC: "vpc_identifier", CFN: "VpcIdentifier", Type: Ref, Kind: model.KindVPC,
				API: "CreateServiceNetworkVpcAssociationRequest.vpcIdentifier"},
			{Model: "security_groups", AWS: "security_group_ids", AWSCC: "security_group_ids", CFN: "SecurityGroupIds",
				Type: RefList, Kind: model.KindSecurityGroup, Default: Empty},
			{Model: "private_dns_enabled", AWS: "private_dns_enabled", AWSCC: "private_dns_enabled", CFN: "PrivateDnsEnabled",
				API: "CreateServiceNetworkVpcAssociationRequest.privateDnsEnabled"},
			{Model: "private_dns_preference", AWS: "dns_options.private_dns_preference", AWSCC: "dns_options.private_dns_preference", CFN: "DnsOptions.PrivateDnsPreference",
				API: "CreateServiceNetworkVpcAssociationRequest.dnsOptions.privateDnsPreference"},
			{Model: "private_dns_specified_domains", AWS: "dns_options.private_dns_specified_domains", AWSCC: "dns_options.private_dns_specified_domains",
				CFN: "DnsOptions.PrivateDnsSpecifiedDomains", API: "CreateServiceNetworkVpcAssociationRequest.dnsOptions.privateDnsSpecifiedDomains"},
			tags,
		}},
	{Kind: model.KindServiceAssociation, AWS: "aws_vpclattice_service_network_service_association",
		AWSCC: "awscc_vpclattice_service_network_service_association", CFN: "AWS::VpcLattice::ServiceNetworkServiceAssociation", Fields: []Field{
			{Model: "service_network", AWS: "service_network_identifier", AWSCC: "service_network_identifier", CFN: "ServiceNetworkIdentifier",
				Type: Ref, Kind: model.KindServiceNetwork, API: "CreateServiceNetworkServiceAssociationRequest.serviceNetworkIdentifier"},
			{Model: "service", AWS: "service_identifier", AWSCC: "service_identifier", CFN: "ServiceIdentifier", Type: Ref, Kind: model.KindService,
				API: "CreateServiceNetworkServiceAssociationRequest.serviceIdentifier"},
			{AWSCC: "dns_entry.domain_name", CFN: "DnsEntry.DomainName"},
			{AWSCC: "dns_entry.hosted_zone_id", CFN: "DnsEntry.HostedZoneId"},
			tags,
		}},
	{Kind: model.KindResourceAssociation, AWS: "aws_vpclattice_service_network_resource_association",
		AWSCC: "awscc_vpclattice_service_network_resource_association", CFN: "AWS::VpcLattice::ServiceNetworkResourceAssociation", Fields: []Field{
			{Model: "service_network", AWS: "service_network_identifier", AWSCC: "service_network_id", CFN: "ServiceNetworkId",
				Type: Ref, Kind: model.KindServiceNetwork, API: "CreateServiceNetworkResourceAssociationRequest.serviceNetworkIdentifier"},
			{Model: "resource_configuration", AWS: "resource_configuration_identifier", AWSCC: "resource_configuration_id",
				CFN: "ResourceConfigurationId", Type: Ref, Kind: model.KindResourceConfiguration,
				API: "CreateServiceNetworkResourceAssociationRequest.resourceConfigurationIdentifier"},
			{Model: "private_dns_enabled", AWS: "private_dns_enabled", AWSCC: "private_dns_enabled", CFN: "PrivateDnsEnabled",
				API: "CreateServiceNetworkResourceAssociationRequest.privateDnsEnabled"},
			tags,
		}},
	{Kind: model.KindResourceGateway, AWS: "aws_vpclattice_resource_gateway", AWSCC: "awscc_vpclattice_resource_gateway",
		CFN: "AWS::VpcLattice::ResourceGateway", Fields: []Field{
			{Model: "name", AWS: "name", AWSCC: "name", CFN: "Name", API: "CreateResourceGatewayRequest.name"},
			// DOMAIN §2.1: hashicorp/aws names it vpc_id here, unlike every other Lattice resource.
			{Model: "vpc", AWS: "vpc_id", AWSCC: "vpc_identifier", CFN: "VpcIdentifier", Type: Ref, Kind: model.KindVPC,
				API: "CreateResourceGatewayRequest.vpcIdentifier"},
			{Model: "subnets", AWS: "subnet_ids", AWSCC: "subnet_ids", CFN: "SubnetIds", Type: RefList, Kind: model.KindSubnet, Default: Empty},
			// Omitted, the gateway gets the VPC's default security group.
			{Model: "security_groups", AWS: "security_group_ids", AWSCC: "security_group_ids", CFN: "SecurityGroupIds",
				Type: RefList, Kind: model.KindSecurityGroup, Default: Computed},
			// Omitted, it follows the subnets' address families.
			{Model: "ip_address_type", AWS: "ip_address_type", AWSCC: "ip_address_type", CFN: "IpAddressType",
				API: "CreateResourceGatewayRequest.ipAddressType", Default: Computed},
			{Model: "ipv4_addresses_per_eni", AWS: "ipv4_addresses_per_eni", AWSCC: "ipv4_addresses_per_eni", CFN: "Ipv4AddressesPerEni",
				API: "CreateResourceGatewayRequest.ipv4AddressesPerEni"},
			{AWS: "resource_config_dns_resolution", AWSCC: "resource_config_dns_resolution", CFN: "ResourceConfigDnsResolution",
				API: "CreateResourceGatewayRequest.resourceConfigDnsResolution"},
			tags,
		}},
	{Kind: model.KindResourceConfiguration, AWS: "aws_vpclattice_resource_configuration", AWSCC: "awscc_vpclattice_resource_configuration",
		CFN: "AWS::VpcLattice::ResourceConfiguration", Fields: []Field{
			{Model: "name", AWS: "name", AWSCC: "name", CFN: "Name", API: "CreateResourceConfigurationRequest.name"},
			{Model: "type", AWS: "type", AWSCC: "resource_configuration_type", CFN: "ResourceConfigurationType",
				API: "CreateResourceConfigurationRequest.type", Default: "SINGLE"},
			{Model: "resource_gateway", AWS: "resource_gateway_identifier", AWSCC: "resource_gateway_id", CFN: "ResourceGatewayId",
				Type: Ref, Kind: model.KindResourceGateway},
			{Model: "group", AWS: "resource_configuration_group_id", AWSCC: "resource_configuration_group_id", CFN: "ResourceConfigurationGroupId",
				Type: Ref, Kind: model.KindResourceConfiguration},
			// A child configuration takes its group's ports: omitted, they are not known.
			{Model: "port_ranges", AWS: "port_ranges", AWSCC: "port_ranges", CFN: "PortRanges", API: "CreateResourceConfigurationRequest.portRanges",
				Default: Computed},
			{Model: "protocol", AWS: "protocol", AWSCC: "protocol_type", CFN: "ProtocolType", API: "CreateResourceConfigurationRequest.protocol",
				Default: "TCP"},
			{Model: "allow_association_to_shareable_service_network", AWS: "allow_association_to_shareable_service_network",
				AWSCC: "allow_association_to_sharable_service_network", CFN: "AllowAssociationToSharableServiceNetwork",
				API: "CreateResourceConfigurationRequest.allowAssociationToShareableServiceNetwork", Default: false},
			{Model: "custom_domain_name", AWS: "custom_domain_name", AWSCC: "custom_domain_name", CFN: "CustomDomainName",
				API: "CreateResourceConfigurationRequest.customDomainName"},
			{Model: "domain_verification", AWS: "domain_verification_id", AWSCC: "domain_verification_id", CFN: "DomainVerificationId",
				Type: Ref, Kind: model.KindDomainVerification, API: "CreateResourceConfigurationRequest.domainVerificationIdentifier"},
			{Model: "group_domain", AWS: "group_domain", AWSCC: "group_domain", CFN: "GroupDomain", API: "CreateResourceConfigurationRequest.groupDomain"},
			{AWSCC: "resource_configuration_auth_type", CFN: "ResourceConfigurationAuthType"},
			{Model: "domain_name", AWS: "resource_configuration_definition.dns_resource.domain_name", AWSCC: "resource_configuration_definition.dns_resource.domain_name",
				CFN: "ResourceConfigurationDefinition.DnsResource.DomainName",
				API: "CreateResourceConfigurationRequest.resourceConfigurationDefinition.dnsResource.domainName"},
			{Model: "dns_ip_address_type", AWS: "resource_configuration_definition.dns_resource.ip_address_type",
				AWSCC: "resource_configuration_definition.dns_resource.ip_address_type",
				CFN:   "ResourceConfigurationDefinition.DnsResource.IpAddressType",
				API:   "CreateResourceConfigurationRequest.resourceConfigurationDefinition.dnsResource.ipAddressType"},
			{Model: "ip_address", AWS: "resource_configuration_definition.ip_resource.ip_address", AWSCC: "resource_configuration_definition.ip_resource",
				CFN: "ResourceConfigurationDefinition.IpResource", Type: String},
			{Model: "resource_arn", AWS: "resource_configuration_definition.arn_resource.arn", AWSCC: "resource_configuration_definition.arn_resource",
				CFN: "ResourceConfigurationDefinition.ArnResource", Type: String},
			tags,
		}},
	{Kind: model.KindAuthPolicy, AWS: "aws_vpclattice_auth_policy", AWSCC: "awscc_vpclattice_auth_policy", CFN: "AWS::VpcLattice::AuthPolicy",
		Fields: []Field{
			{Model: "resource", AWS: "resource_identifier", AWSCC: "resource_identifier", CFN: "ResourceIdentifier", Type: Ref, RequiredCFN: true,
				API: "PutAuthPolicyRequest.resourceIdentifier"},
			{Model: "policy", AWS: "policy", AWSCC: "policy", CFN: "Policy", Type: Policy, Custom: true, RequiredCFN: true,
				API: "PutAuthPolicyRequest.policy"},
			{AWS: "state"},
		}},
	{Kind: model.KindResourcePolicy, AWS: "aws_vpclattice_resource_policy", AWSCC: "awscc_vpclattice_resource_policy",
		CFN: "AWS::VpcLattice::ResourcePolicy", Fields: []Field{
			{Model: "resource", AWS: "resource_arn", AWSCC: "resource_arn", CFN: "ResourceArn", Type: Ref, RequiredCFN: true,
				API: "PutResourcePolicyRequest.resourceArn"},
			{Model: "policy", AWS: "policy", AWSCC: "policy", CFN: "Policy", Type: Policy, Custom: true, RequiredCFN: true,
				API: "PutResourcePolicyRequest.policy"},
		}},
	{Kind: model.KindAccessLogSubscription, AWS: "aws_vpclattice_access_log_subscription", AWSCC: "awscc_vpclattice_access_log_subscription",
		CFN: "AWS::VpcLattice::AccessLogSubscription", Fields: []Field{
			{Model: "resource", AWS: "resource_identifier", AWSCC: "resource_identifier", CFN: "ResourceIdentifier", Type: Ref,
				API: "CreateAccessLogSubscriptionRequest.resourceIdentifier"},
			// Any kind: a log destination the code declares, or anything else
			// a reference may name by mistake (LAT-OBS-002 says which).
			{Model: "destination_arn", AWS: "destination_arn", AWSCC: "destination_arn", CFN: "DestinationArn", Type: Ref,
				API: "CreateAccessLogSubscriptionRequest.destinationArn", RequiredCFN: true},
			{Model: "service_network_log_type", AWS: "service_network_log_type", AWSCC: "service_network_log_type", CFN: "ServiceNetworkLogType",
				API: "CreateAccessLogSubscriptionRequest.serviceNetworkLogType"},
			tags,
		}},
	{Kind: model.KindDomainVerification, AWS: "aws_vpclattice_domain_verification", AWSCC: "awscc_vpclattice_domain_verification",
		CFN: "AWS::VpcLattice::DomainVerification", Fields: []Field{
			{Model: "domain_name", AWS: "domain_name", AWSCC: "domain_name", CFN: "DomainName", API: "StartDomainVerificationRequest.domainName"},
			tags,
		}},
}

// listenerProtocol and tgProtocol give the protocol a port default depends on.
func listenerProtocol(e model.Entity) model.Attr[string] { return e.(*model.Listener).Protocol }
func tgProtocol(e model.Entity) model.Attr[string]       { return e.(*model.TargetGroup).Protocol }

// portByProtocol is the default port of a listener or target group: 80 for
// HTTP, 443 for HTTPS and TLS passthrough, none for TCP.
func portByProtocol(protocol func(model.Entity) model.Attr[string]) DefaultFunc {
	return func(e model.Entity) (any, bool) {
		p := protocol(e)
		switch {
		case model.Is(p, "HTTP"):
			return 80, true
		case model.Is(p, "HTTPS"), model.Is(p, "TLS_PASSTHROUGH"):
			return 443, true
		}
		return nil, false
	}
}

func tgTypeIs(v string) func(model.Entity) bool {
	return func(e model.Entity) bool { return model.Is(e.(*model.TargetGroup).Type, v) }
}

func tgTypeNot(v string) func(model.Entity) bool {
	return func(e model.Entity) bool { return !model.Is(e.(*model.TargetGroup).Type, v) }
}

func tgTypeKnownNot(v string) func(model.Entity) bool {
	return func(e model.Entity) bool { t := e.(*model.TargetGroup).Type; return t.Known && t.Value != v }
}

// healthChecked: AWS health-checks the targets of INSTANCE and IP target groups.
func healthChecked(e model.Entity) bool {
	t := e.(*model.TargetGroup).Type
	return model.Is(t, "INSTANCE") || model.Is(t, "IP")
}

// healthCheckEnabled is on for HTTP and HTTPS with HTTP1, off for TCP, HTTP2 and gRPC.
var healthCheckEnabled DefaultFunc = func(e model.Entity) (any, bool) {
	tg := e.(*model.TargetGroup)
	proto, version := tg.Protocol, tg.ProtocolVersion
	switch {
	case model.Is(proto, "TCP") || model.Is(version, "HTTP2") || model.Is(version, "GRPC"):
		return false, true
	case (model.Is(proto, "HTTP") || model.Is(proto, "HTTPS")) && model.Is(version, "HTTP1"):
		return true, true
	}
	return nil, false
}

// healthCheckPort is the target group's port.
var healthCheckPort DefaultFunc = func(e model.Entity) (any, bool) {
	tg := e.(*model.TargetGroup)
	if tg.Port.Known {
		return tg.Port.Value, true
	}
	return nil, false
}
