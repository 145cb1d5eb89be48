package model

// Kind names an entity type. The string is also the entity's collection key in
// the JSON model (pluralised by Collection).
type Kind string

// Entity kinds.
const (
	KindVPC                   Kind = "vpc"
	KindSubnet                Kind = "subnet"
	KindSecurityGroup         Kind = "security_group"
	KindSecurityGroupRule     Kind = "security_group_rule"
	KindPrefixList            Kind = "prefix_list"
	KindServiceNetwork        Kind = "service_network"
	KindService               Kind = "service"
	KindListener              Kind = "listener"
	KindListenerRule          Kind = "listener_rule"
	KindTargetGroup           Kind = "target_group"
	KindTarget                Kind = "target"
	KindVPCAssociation        Kind = "service_network_vpc_association"
	KindServiceAssociation    Kind = "service_network_service_association"
	KindResourceAssociation   Kind = "service_network_resource_association"
	KindVPCEndpoint           Kind = "vpc_endpoint"
	KindResourceGateway       Kind = "resource_gateway"
	KindResourceConfiguration Kind = "resource_configuration"
	KindAuthPolicy            Kind = "auth_policy"
	KindResourcePolicy        Kind = "resource_policy"
	KindAccessLogSubscription Kind = "access_log_subscription"
	KindResourceShare         Kind = "resource_share"
	KindShareAssociation      Kind = "resource_share_association"
	KindLambdaFunction        Kind = "lambda_function"
	KindLambdaPermission      Kind = "lambda_permission"
	KindLoadBalancer          Kind = "load_balancer"
	KindLoadBalancerListener  Kind = "load_balancer_listener"
	KindInstance              Kind = "instance"
	KindECSService            Kind = "ecs_service"
	KindAutoScalingGroup      Kind = "autoscaling_group"
	KindShareAccepter         Kind = "resource_share_accepter"
	KindDNSZone               Kind = "dns_zone"
	KindDNSRecord             Kind = "dns_record"
	KindLogDestination        Kind = "log_destination"
	KindDomainVerification    Kind = "domain_verification"
	KindExternal              Kind = "external"
)

// Frame is one module call on the way from a root to an entity, outermost first.
type Frame struct {
	Address string `json:"address"`
	Range   Range  `json:"range"`
}

// Meta is what every entity carries: identity, source, ownership.
type Meta struct {
	// ID is unique in the model: "<root or template>//<address>".
	ID   string `json:"id"`
	Kind Kind   `json:"kind"`
	// Type is the IaC type as written: aws_vpclattice_service, AWS::VpcLattice::Service.
	Type string `json:"type"`
	// Address is the Terraform address (with module path and instance key) or the
	// CloudFormation logical id.
	Address string `json:"address"`
	// Format is the front end that read it: terraform, cloudformation, native.
	Format string `json:"format"`
	// Source is the root folder or template file the entity belongs to.
	Source    string       `json:"source"`
	Range     Range        `json:"range"`
	CallChain []Frame      `json:"call_chain,omitempty"`
	Account   Attr[string] `json:"account"`
	Region    Attr[string] `json:"region"`
	// Escaped is set when a reference to this entity flows somewhere the model
	// cannot follow (an unexpanded module, an unknown sink): something outside
	// the model may use it, so rules about its absence of relations stay silent.
	Escaped bool `json:"escaped,omitempty"`
	// Unread is set, with Escaped, when a reference to this entity is passed
	// into code the model does not read (an unexpanded module, a nested
	// stack, a resource type it does not model): that code may configure the
	// entity too (an auth policy, an access log subscription), so rules about
	// configuration it lacks stay silent as well.
	Unread bool `json:"unread,omitempty"`
	// Conditional is set when the entity may not exist (unknown count,
	// undecidable CloudFormation condition).
	Conditional bool              `json:"conditional,omitempty"`
	Tags        map[string]string `json:"tags,omitempty"`
	// TagsOpen is set when the resource may carry tags Tags does not show:
	// its tags value is unknown, or its provider adds default_tags the code
	// does not state literally.
	TagsOpen bool `json:"tags_open,omitempty"`
}

// Base gives access to the common fields; every entity embeds Meta.
func (m *Meta) Base() *Meta { return m }

// Entity is implemented by every entity type.
type Entity interface{ Base() *Meta }

// VPC is an aws_vpc / AWS::EC2::VPC.
type VPC struct {
	Meta
	CIDRs StringList `json:"cidr_blocks"`
	// Identifier is a literal VPC id (vpc-…) when the VPC is external or looked up.
	Identifier Attr[string] `json:"identifier"`
	// Back-references.
	SecurityGroups []string `json:"security_groups"`
	Associations   []string `json:"service_network_associations"`
	Endpoints      []string `json:"vpc_endpoints"`
	TargetGroups   []string `json:"target_groups"`
}

// Subnet is an aws_subnet / AWS::EC2::Subnet.
type Subnet struct {
	Meta
	VPC              Ref          `json:"vpc"`
	CIDR             Attr[string] `json:"cidr_block"`
	AvailabilityZone Attr[string] `json:"availability_zone"`
	// AvailabilityZoneID names the zone the same way in every account (use1-az1).
	AvailabilityZoneID Attr[string] `json:"availability_zone_id"`
	IPv6CIDR           Attr[string] `json:"ipv6_cidr_block"`
	// IPv6Native is true for an IPv6-only subnet (no IPv4 block).
	IPv6Native Attr[bool] `json:"ipv6_native"`
}

// SGRule is one ingress or egress rule, inline or standalone.
type SGRule struct {
	// Rule is the ID of the standalone rule entity, empty for inline rules.
	Rule      string       `json:"rule,omitempty"`
	Direction string       `json:"direction"` // ingress | egress
	Protocol  Attr[string] `json:"protocol"`  // "-1" means all
	FromPort  Attr[int]    `json:"from_port"`
	ToPort    Attr[int]    `json:"to_port"`
	CIDRs     StringList   `json:"cidr_blocks"` // IPv4 and IPv6
	// CIDRsCoverLattice is derived by Link (Rego has no CIDR maths without net.*):
	// known true when some CIDR contains the Lattice link-local range
	// 169.254.171.0/24 (or is ::/0), known false when every CIDR is known and none
	// does, unknown otherwise.
	CIDRsCoverLattice Attr[bool] `json:"cidrs_cover_lattice"`
	// CIDRsBroaderThanLattice is derived with it: known true when some CIDR
	// strictly contains 169.254.171.0/24 (0.0.0.0/0, 169.254.0.0/16, ::/0),
	// known false when every CIDR is known and none does, unknown otherwise.
	// A rule admitting Lattice only through the exact range is hard-coded, not broad.
	CIDRsBroaderThanLattice Attr[bool] `json:"cidrs_broader_than_lattice"`
	// PrefixLists are prefix-list references; a reference whose identity is
	// unknown may be the Lattice list.
	PrefixLists    RefList    `json:"prefix_lists"`
	SecurityGroups RefList    `json:"security_groups"`
	Self           Attr[bool] `json:"self"`
	Range          Range      `json:"range"`
}

// SecurityGroup is an aws_security_group / AWS::EC2::SecurityGroup with every rule
// that applies to it (inline and standalone, gathered by Link).
type SecurityGroup struct {
	Meta
	Name    Attr[string] `json:"name"`
	VPC     Ref          `json:"vpc" backref:"vpc.security_groups"`
	Ingress []SGRule     `json:"ingress"`
	Egress  []SGRule     `json:"egress"`
	// RulesKnown is false when the group may have rules the model cannot see
	// (a dynamic block over an unknown value, an unresolvable standalone rule).
	RulesKnown bool `json:"rules_known"`
}

// SecurityGroupRule is a standalone rule resource (aws_security_group_rule,
// aws_vpc_security_group_ingress_rule, AWS::EC2::SecurityGroupIngress …).
type SecurityGroupRule struct {
	Meta
	SecurityGroup Ref    `json:"security_group"`
	Rule          SGRule `json:"rule"`
}

// PrefixList is a managed prefix list lookup (data "aws_ec2_managed_prefix_list")
// or a literal prefix-list id.
type PrefixList struct {
	Meta
	Name Attr[string] `json:"name"`
	// Lattice is known true when the name is com.amazonaws.<region>[.ipv6].vpc-lattice.
	Lattice Attr[bool] `json:"lattice"`
}

// ServiceNetwork is aws_vpclattice_service_network / AWS::VpcLattice::ServiceNetwork.
type ServiceNetwork struct {
	Meta
	Name           Attr[string] `json:"name"`
	AuthType       Attr[string] `json:"auth_type"`
	SharingEnabled Attr[bool]   `json:"sharing_enabled"`

	VPCAssociations      []string `json:"vpc_associations"`
	ServiceAssociations  []string `json:"service_associations"`
	ResourceAssociations []string `json:"resource_associations"`
	Endpoints            []string `json:"vpc_endpoints"`
	AuthPolicies         []string `json:"auth_policies"`
	ResourcePolicies     []string `json:"resource_policies"`
	AccessLogs           []string `json:"access_log_subscriptions"`
	Shares               []string `json:"resource_shares"`
}

// Service is aws_vpclattice_service / AWS::VpcLattice::Service.
type Service struct {
	Meta
	Name             Attr[string] `json:"name"`
	AuthType         Attr[string] `json:"auth_type"`
	CustomDomainName Attr[string] `json:"custom_domain_name"`
	CertificateARN   Attr[string] `json:"certificate_arn"`

	Listeners        []string `json:"listeners"`
	Associations     []string `json:"service_associations"`
	AuthPolicies     []string `json:"auth_policies"`
	ResourcePolicies []string `json:"resource_policies"`
	AccessLogs       []string `json:"access_log_subscriptions"`
	Shares           []string `json:"resource_shares"`
}

// WeightedTarget is one target group of a forward action.
type WeightedTarget struct {
	TargetGroup Ref       `json:"target_group"`
	Weight      Attr[int] `json:"weight"`
}

// Action is a listener default action or a rule action.
type Action struct {
	// Type is "forward" or "fixed_response"; unknown when the block is dynamic.
	Type       Attr[string]     `json:"type"`
	StatusCode Attr[int]        `json:"status_code"`
	Forward    []WeightedTarget `json:"forward"`
	Range      Range            `json:"range"`
}

// Listener is aws_vpclattice_listener / AWS::VpcLattice::Listener.
type Listener struct {
	Meta
	Name          Attr[string] `json:"name"`
	Protocol      Attr[string] `json:"protocol"`
	Port          Attr[int]    `json:"port"`
	Service       Ref          `json:"service" backref:"service.listeners"`
	DefaultAction Action       `json:"default_action"`

	Rules []string `json:"rules"`
}

// HeaderMatch is one header condition of a rule.
type HeaderMatch struct {
	Name          Attr[string] `json:"name"`
	MatchType     Attr[string] `json:"match_type"` // exact | prefix | contains
	Value         Attr[string] `json:"value"`
	CaseSensitive Attr[bool]   `json:"case_sensitive"`
}

// Match is a rule's HTTP match.
type Match struct {
	Method            Attr[string]  `json:"method"`
	PathMatchType     Attr[string]  `json:"path_match_type"` // exact | prefix
	Path              Attr[string]  `json:"path"`
	PathCaseSensitive Attr[bool]    `json:"path_case_sensitive"`
	Headers           []HeaderMatch `json:"headers"`
	Range             Range         `json:"range"`
}

// ListenerRule is aws_vpclattice_listener_rule / AWS::VpcLattice::Rule.
type ListenerRule struct {
	Meta
	Name     Attr[string] `json:"name"`
	Priority Attr[int]    `json:"priority"`
	Service  Ref          `json:"service"`
	Listener Ref          `json:"listener" backref:"listener.rules"`
	Match    Match        `json:"match"`
	Action   Action       `json:"action"`
}

// HealthCheck is a target group health check configuration.
type HealthCheck struct {
	Set             bool         `json:"set"` // a health_check block is present
	Enabled         Attr[bool]   `json:"enabled"`
	Protocol        Attr[string] `json:"protocol"`
	ProtocolVersion Attr[string] `json:"protocol_version"`
	Port            Attr[int]    `json:"port"`
	Path            Attr[string] `json:"path"`
	Interval        Attr[int]    `json:"interval_seconds"`
	Timeout         Attr[int]    `json:"timeout_seconds"`
	Healthy         Attr[int]    `json:"healthy_threshold"`
	Unhealthy       Attr[int]    `json:"unhealthy_threshold"`
	Matcher         Attr[string] `json:"matcher"`
	Range           Range        `json:"range"`
}

// TargetGroup is aws_vpclattice_target_group / AWS::VpcLattice::TargetGroup.
type TargetGroup struct {
	Meta
	Name                        Attr[string] `json:"name"`
	Type                        Attr[string] `json:"type"`
	Port                        Attr[int]    `json:"port"`
	Protocol                    Attr[string] `json:"protocol"`
	ProtocolVersion             Attr[string] `json:"protocol_version"`
	IPAddressType               Attr[string] `json:"ip_address_type"`
	LambdaEventStructureVersion Attr[string] `json:"lambda_event_structure_version"`
	VPC                         Ref          `json:"vpc" backref:"vpc.target_groups"`
	HealthCheck                 HealthCheck  `json:"health_check"`

	Targets []string `json:"targets"`
	// ForwardedBy lists listeners and listener rules that forward to this group.
	ForwardedBy []string `json:"forwarded_by"`
	// Services lists the services whose listeners forward to this group.
	Services []string `json:"services"`
	// DynamicSources are ECS services (and similar) that register targets at run time.
	DynamicSources []string `json:"dynamic_sources"`
}

// Target is one registered target (aws_vpclattice_target_group_attachment, or an
// item of a CloudFormation TargetGroup's Targets).
type Target struct {
	Meta
	TargetGroup Ref `json:"target_group" backref:"target_group.targets"`
	// Target is the instance, Lambda function, ALB or literal IP address.
	Target Ref       `json:"target"`
	Port   Attr[int] `json:"port"`
}

// VPCAssociation is a service network ↔ VPC association.
type VPCAssociation struct {
	Meta
	ServiceNetwork    Ref        `json:"service_network" backref:"service_network.vpc_associations"`
	VPC               Ref        `json:"vpc" backref:"vpc.service_network_associations"`
	SecurityGroups    RefList    `json:"security_groups"`
	PrivateDNSEnabled Attr[bool] `json:"private_dns_enabled"`
	// PrivateDNSPreference says which private DNS names the VPC resolves
	// (dns_options); the API model lists its values.
	PrivateDNSPreference Attr[string] `json:"private_dns_preference"`
	// PrivateDNSSpecifiedDomains are the domains resolved privately with a
	// SPECIFIED_DOMAINS preference.
	PrivateDNSSpecifiedDomains StringList `json:"private_dns_specified_domains"`
}

// ServiceAssociation is a service network ↔ service association.
type ServiceAssociation struct {
	Meta
	ServiceNetwork Ref `json:"service_network" backref:"service_network.service_associations"`
	Service        Ref `json:"service" backref:"service.service_associations"`
}

// ResourceAssociation is a service network ↔ resource configuration association.
type ResourceAssociation struct {
	Meta
	ServiceNetwork        Ref        `json:"service_network" backref:"service_network.resource_associations"`
	ResourceConfiguration Ref        `json:"resource_configuration" backref:"resource_configuration.resource_associations"`
	PrivateDNSEnabled     Attr[bool] `json:"private_dns_enabled"`
}

// VPCEndpoint is an aws_vpc_endpoint / AWS::EC2::VPCEndpoint of type
// ServiceNetwork or Resource (other endpoint types are not modelled).
type VPCEndpoint struct {
	Meta
	EndpointType          Attr[string] `json:"endpoint_type"`
	VPC                   Ref          `json:"vpc" backref:"vpc.vpc_endpoints"`
	ServiceNetwork        Ref          `json:"service_network" backref:"service_network.vpc_endpoints"`
	ResourceConfiguration Ref          `json:"resource_configuration"`
	SecurityGroups        RefList      `json:"security_groups"`
	Subnets               RefList      `json:"subnets"`
	PrivateDNSEnabled     Attr[bool]   `json:"private_dns_enabled"`
	// PrivateDNSPreference and PrivateDNSSpecifiedDomains are the endpoint's
	// dns_options, as on a service network VPC association.
	PrivateDNSPreference       Attr[string] `json:"private_dns_preference"`
	PrivateDNSSpecifiedDomains StringList   `json:"private_dns_specified_domains"`
}

// ResourceGateway is aws_vpclattice_resource_gateway / AWS::VpcLattice::ResourceGateway.
type ResourceGateway struct {
	Meta
	Name           Attr[string] `json:"name"`
	VPC            Ref          `json:"vpc"`
	Subnets        RefList      `json:"subnets"`
	SecurityGroups RefList      `json:"security_groups"`
	IPAddressType  Attr[string] `json:"ip_address_type"`
	// IPv4AddressesPerENI is how many IPv4 addresses each gateway interface takes.
	IPv4AddressesPerENI Attr[int] `json:"ipv4_addresses_per_eni"`

	ResourceConfigurations []string `json:"resource_configurations"`
}

// ResourceConfiguration is aws_vpclattice_resource_configuration /
// AWS::VpcLattice::ResourceConfiguration.
type ResourceConfiguration struct {
	Meta
	Name                      Attr[string] `json:"name"`
	Type                      Attr[string] `json:"type"`
	Gateway                   Ref          `json:"resource_gateway" backref:"resource_gateway.resource_configurations"`
	Group                     Ref          `json:"group"`
	PortRanges                StringList   `json:"port_ranges"`
	Protocol                  Attr[string] `json:"protocol"`
	AllowShareableAssociation Attr[bool]   `json:"allow_association_to_shareable_service_network"`
	CustomDomainName          Attr[string] `json:"custom_domain_name"`
	// DomainVerification proves the custom domain is the provider's.
	DomainVerification Ref `json:"domain_verification"`
	// GroupDomain is the domain a GROUP's children take custom domains under.
	GroupDomain Attr[string] `json:"group_domain"`
	// The definition of the resource (resource_configuration_definition): an
	// IP address, a DNS name with its address type, or an ARN.
	IPAddress        Attr[string] `json:"ip_address"`
	DomainName       Attr[string] `json:"domain_name"`
	DNSIPAddressType Attr[string] `json:"dns_ip_address_type"`
	ResourceARN      Attr[string] `json:"resource_arn"`

	Associations []string `json:"resource_associations"`
	AccessLogs   []string `json:"access_log_subscriptions"`
	Shares       []string `json:"resource_shares"`
}

// AuthPolicy is aws_vpclattice_auth_policy / AWS::VpcLattice::AuthPolicy.
type AuthPolicy struct {
	Meta
	Resource Ref `json:"resource" backref:"service_network.auth_policies,service.auth_policies"`
	// Policy is the parsed JSON document.
	Policy Attr[any] `json:"policy"`
	Size   Attr[int] `json:"size"`
}

// ResourcePolicy is aws_vpclattice_resource_policy / AWS::VpcLattice::ResourcePolicy.
type ResourcePolicy struct {
	Meta
	Resource Ref       `json:"resource" backref:"service_network.resource_policies,service.resource_policies"`
	Policy   Attr[any] `json:"policy"`
}

// AccessLogSubscription is aws_vpclattice_access_log_subscription /
// AWS::VpcLattice::AccessLogSubscription.
type AccessLogSubscription struct {
	Meta
	Resource Ref `json:"resource" backref:"service_network.access_log_subscriptions,service.access_log_subscriptions,resource_configuration.access_log_subscriptions"`
	// Destination is a literal ARN, or a reference to the log destination
	// (or anything else) the code declares.
	Destination Ref          `json:"destination_arn"`
	LogType     Attr[string] `json:"service_network_log_type"`
}

// ResourceShare is an AWS RAM share with the resources and principals Link
// gathers from its associations.
type ResourceShare struct {
	Meta
	Name                    Attr[string]   `json:"name"`
	AllowExternalPrincipals Attr[bool]     `json:"allow_external_principals"`
	Resources               []Ref          `json:"resources" backref:"service_network.resource_shares,service.resource_shares,resource_configuration.resource_shares"`
	Principals              []Attr[string] `json:"principals"`
	// Complete is false when resources or principals may be missing (an
	// association whose share is unknown exists, or a list is unknown).
	Complete bool `json:"complete"`
}

// ShareAssociation is aws_ram_resource_association or aws_ram_principal_association.
type ShareAssociation struct {
	Meta
	Share     Ref          `json:"share"`
	Resource  Ref          `json:"resource"`  // resource associations
	Principal Attr[string] `json:"principal"` // principal associations
}

// ShareAccepter is aws_ram_resource_share_accepter: the consumer account accepts
// the invitation a share outside its organization sends.
type ShareAccepter struct {
	Meta
	Share Ref `json:"share"`
}

// LambdaFunction is aws_lambda_function / AWS::Lambda::Function / AWS::Serverless::Function.
type LambdaFunction struct {
	Meta
	Name        Attr[string] `json:"function_name"`
	Permissions []string     `json:"permissions"`
}

// LambdaPermission is aws_lambda_permission / AWS::Lambda::Permission.
type LambdaPermission struct {
	Meta
	Function  Ref          `json:"function" backref:"lambda_function.permissions"`
	Action    Attr[string] `json:"action"`
	Principal Attr[string] `json:"principal"`
	SourceARN Ref          `json:"source_arn"`
}

// LoadBalancer is an aws_lb / AWS::ElasticLoadBalancingV2::LoadBalancer.
type LoadBalancer struct {
	Meta
	Name           Attr[string] `json:"name"`
	Type           Attr[string] `json:"load_balancer_type"`
	Internal       Attr[bool]   `json:"internal"`
	SecurityGroups RefList      `json:"security_groups"`
	Subnets        RefList      `json:"subnets"`
	Listeners      []string     `json:"listeners"`
}

// LoadBalancerListener is an aws_lb_listener / AWS::ElasticLoadBalancingV2::Listener.
type LoadBalancerListener struct {
	Meta
	LoadBalancer Ref          `json:"load_balancer" backref:"load_balancer.listeners"`
	Port         Attr[int]    `json:"port"`
	Protocol     Attr[string] `json:"protocol"`
}

// DNSZone is a Route 53 hosted zone (aws_route53_zone / AWS::Route53::HostedZone):
// a service's custom domain in a zone the code manages needs its record there.
type DNSZone struct {
	Meta
	Name Attr[string] `json:"name"`
}

// DNSRecord is a Route 53 record (aws_route53_record / AWS::Route53::RecordSet),
// which maps a service's custom domain to its VPC Lattice DNS name.
type DNSRecord struct {
	Meta
	Zone Ref `json:"zone"`
	// Name is as written: Terraform also takes a name relative to the zone.
	Name Attr[string] `json:"name"`
	Type Attr[string] `json:"type"`
	// PointsTo is what the record maps its name to: an alias record's DNS
	// name, or its values (a CNAME's one name, an A record's addresses).
	// Each is a reference when the code reads another entity's attribute (a
	// service's dns_entry), else the literal as written. A literal is a DNS
	// name or an address, never an identifier: Link leaves it unresolved.
	PointsTo RefList `json:"points_to" link:"values"`
}

// DomainVerification is aws_vpclattice_domain_verification /
// AWS::VpcLattice::DomainVerification: a resource provider's proof that it
// owns a domain, which its resource configurations' custom domains name.
type DomainVerification struct {
	Meta
	DomainName Attr[string] `json:"domain_name"`
}

// Log destination types (LogDestination.DestinationType).
const (
	LogGroup       = "log_group"
	S3Bucket       = "s3_bucket"
	FirehoseStream = "firehose_stream"
)

// LogDestination is where an access log subscription can deliver: a
// CloudWatch Logs log group, an S3 bucket or a Firehose delivery stream. One
// kind, since a subscription takes any of the three and the rules ask the
// same of each (declared, its Region); DestinationType tells them apart.
type LogDestination struct {
	Meta
	DestinationType string `json:"destination_type"`
	// Name is the group's, bucket's or stream's name, unknown when AWS
	// generates it (a prefix, or none given).
	Name Attr[string] `json:"name"`
}

// Instance is an aws_instance / AWS::EC2::Instance.
type Instance struct {
	Meta
	SecurityGroups RefList `json:"security_groups"`
	Subnet         Ref     `json:"subnet"`
}

// ECSService is an aws_ecs_service / AWS::ECS::Service; it matters as a dynamic
// target source and for the security groups of its tasks.
type ECSService struct {
	Meta
	SecurityGroups RefList `json:"security_groups"`
	TargetGroups   []Ref   `json:"lattice_target_groups" backref:"target_group.dynamic_sources"`
}

// AutoScalingGroup is an aws_autoscaling_group / AWS::AutoScaling::AutoScalingGroup
// (or an aws_autoscaling_traffic_source_attachment): it matters as a dynamic
// target source, registering its instances in the VPC Lattice target groups
// of its traffic sources.
type AutoScalingGroup struct {
	Meta
	TargetGroups []Ref `json:"lattice_target_groups" backref:"target_group.dynamic_sources"`
}

// External stands for an entity the model references but does not declare:
// a data source, a literal ID or ARN of something defined elsewhere, a module
// output. What an ARN tells (account, region) is kept.
type External struct {
	Meta
	// For is the kind of entity it stands for (service_network, service, vpc …).
	For        Kind         `json:"for"`
	Identifier Attr[string] `json:"identifier"`
}
