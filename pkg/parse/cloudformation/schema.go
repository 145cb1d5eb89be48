package cloudformation

import (
	"sort"
	"strings"
)

// shape lists the property names an object accepts; a nil shape is a leaf
// (any value), and a list property's shape applies to each item.
type shape map[string]shape

// free accepts any content (policy documents).
var free = shape{"*": nil}

var action = shape{
	"Forward":       {"TargetGroups": {"TargetGroupIdentifier": nil, "Weight": nil}},
	"FixedResponse": {"StatusCode": nil},
}

var dnsEntry = shape{"DomainName": nil, "HostedZoneId": nil}

// latticeSchema lists the properties of every AWS::VpcLattice resource type
// (DOMAIN.md §2.2); an unknown property is probably a typo that CloudFormation
// would reject or silently ignore.
var latticeSchema = map[string]shape{
	"AWS::VpcLattice::ServiceNetwork": {"Name": nil, "AuthType": nil, "SharingConfig": {"enabled": nil}, "Tags": nil},
	"AWS::VpcLattice::Service": {"Name": nil, "AuthType": nil, "CertificateArn": nil, "CustomDomainName": nil,
		"DnsEntry": dnsEntry, "Tags": nil},
	"AWS::VpcLattice::Listener": {"DefaultAction": action, "Name": nil, "Port": nil, "Protocol": nil,
		"ServiceIdentifier": nil, "Tags": nil},
	"AWS::VpcLattice::Rule": {"Action": action, "ListenerIdentifier": nil, "Name": nil, "Priority": nil,
		"ServiceIdentifier": nil, "Tags": nil,
		"Match": {"HttpMatch": {
			"Method":        nil,
			"PathMatch":     {"CaseSensitive": nil, "Match": {"Exact": nil, "Prefix": nil}},
			"HeaderMatches": {"CaseSensitive": nil, "Name": nil, "Match": {"Exact": nil, "Prefix": nil, "Contains": nil}},
		}}},
	"AWS::VpcLattice::TargetGroup": {"Name": nil, "Type": nil, "Tags": nil, "Targets": {"Id": nil, "Port": nil},
		"Config": {"Port": nil, "Protocol": nil, "ProtocolVersion": nil, "IpAddressType": nil, "VpcIdentifier": nil,
			"LambdaEventStructureVersion": nil,
			"HealthCheck": {"Enabled": nil, "Protocol": nil, "ProtocolVersion": nil, "Port": nil, "Path": nil,
				"HealthCheckIntervalSeconds": nil, "HealthCheckTimeoutSeconds": nil, "HealthyThresholdCount": nil,
				"UnhealthyThresholdCount": nil, "Matcher": {"HttpCode": nil}}}},
	"AWS::VpcLattice::ServiceNetworkVpcAssociation": {"ServiceNetworkIdentifier": nil, "VpcIdentifier": nil,
		"SecurityGroupIds": nil, "PrivateDnsEnabled": nil, "Tags": nil,
		"DnsOptions": {"PrivateDnsPreference": nil, "PrivateDnsSpecifiedDomains": nil}},
	"AWS::VpcLattice::ServiceNetworkServiceAssociation": {"ServiceIdentifier": nil, "ServiceNetworkIdentifier": nil,
		"DnsEntry": dnsEntry, "Tags": nil},
	"AWS::VpcLattice::ServiceNetworkResourceAssociation": {"ResourceConfigurationId": nil, "ServiceNetworkId": nil,
		"PrivateDnsEnabled": nil, "Tags": nil},
	"AWS::VpcLattice::ResourceGateway": {"Name": nil, "VpcIdentifier": nil, "SubnetIds": nil, "SecurityGroupIds": nil,
		"IpAddressType": nil, "Ipv4AddressesPerEni": nil, "ResourceConfigDnsResolution": nil, "Tags": nil},
	"AWS::VpcLattice::ResourceConfiguration": {"Name": nil, "ResourceConfigurationType": nil, "ResourceGatewayId": nil,
		"ResourceConfigurationGroupId": nil, "PortRanges": nil, "ProtocolType": nil,
		"AllowAssociationToSharableServiceNetwork": nil, "CustomDomainName": nil, "GroupDomain": nil,
		"DomainVerificationId": nil, "ResourceConfigurationAuthType": nil, "Tags": nil,
		"ResourceConfigurationDefinition": {"IpResource": nil, "ArnResource": nil,
			"DnsResource": {"DomainName": nil, "IpAddressType": nil}}},
	"AWS::VpcLattice::AccessLogSubscription": {"DestinationArn": nil, "ResourceIdentifier": nil,
		"ServiceNetworkLogType": nil, "Tags": nil},
	"AWS::VpcLattice::AuthPolicy":     {"ResourceIdentifier": nil, "Policy": free},
	"AWS::VpcLattice::ResourcePolicy": {"ResourceArn": nil, "Policy": free},
}

// requiredProps are properties CloudFormation rejects the resource without.
var requiredProps = map[string][]string{
	"AWS::VpcLattice::Listener":              {"DefaultAction", "Protocol"},
	"AWS::VpcLattice::Rule":                  {"Action", "Match", "Priority"},
	"AWS::VpcLattice::TargetGroup":           {"Type"},
	"AWS::VpcLattice::AccessLogSubscription": {"DestinationArn"},
	"AWS::VpcLattice::AuthPolicy":            {"Policy", "ResourceIdentifier"},
	"AWS::VpcLattice::ResourcePolicy":        {"Policy", "ResourceArn"},
	"AWS::RAM::ResourceShare":                {"Name"},
}

// checkSchema warns about unknown properties of Lattice resources and reports
// required properties that are missing.
// latticeTypes are the AWS::VpcLattice::* resource types CloudFormation has (DOMAIN.md §2.2).
var latticeTypes = map[string]bool{
	"AWS::VpcLattice::ServiceNetwork": true, "AWS::VpcLattice::Service": true, "AWS::VpcLattice::Listener": true,
	"AWS::VpcLattice::Rule": true, "AWS::VpcLattice::TargetGroup": true,
	"AWS::VpcLattice::ServiceNetworkVpcAssociation": true, "AWS::VpcLattice::ServiceNetworkServiceAssociation": true,
	"AWS::VpcLattice::ServiceNetworkResourceAssociation": true, "AWS::VpcLattice::ResourceGateway": true,
	"AWS::VpcLattice::ResourceConfiguration": true, "AWS::VpcLattice::AuthPolicy": true,
	"AWS::VpcLattice::ResourcePolicy": true, "AWS::VpcLattice::AccessLogSubscription": true,
	"AWS::VpcLattice::DomainVerification": true,
}

func (b *builder) checkSchema() {
	if strings.HasPrefix(b.r.typ, "AWS::VpcLattice::") && !latticeTypes[b.r.typ] {
		// The VPC Lattice types are few and known: an unknown one is almost surely a typo.
		b.t.report("warning", b.rng(), "resource %s: unknown resource type %s; it is not checked", b.r.logical, b.r.typ)
		return
	}
	if b.props != nil && b.props.k == vUnknown {
		return
	}
	for _, req := range requiredProps[b.r.typ] {
		if b.props.get(req) == nil {
			b.t.report("error", b.rng(), "%s %s: required property %s is missing", b.r.typ, b.r.logical, req)
		}
	}
	if s, ok := latticeSchema[b.r.typ]; ok && b.props != nil {
		b.checkShape(b.props, s, "")
	}
}

func (b *builder) checkShape(v *val, s shape, path string) {
	if s == nil || hasKey(s, "*") {
		return
	}
	switch v.k {
	case vList:
		for _, it := range v.items {
			b.checkShape(it, s, path)
		}
	case vMap:
		for _, e := range v.keys {
			sub, ok := s[e.key]
			if !ok {
				b.t.report("warning", e.rng, "%s %s: unknown property %s%s (expected one of %s)",
					b.r.typ, b.r.logical, path, e.key, strings.Join(keysOf(s), ", "))
				continue
			}
			b.checkShape(e.v, sub, path+e.key+".")
		}
	}
}

func hasKey(s shape, k string) bool { _, ok := s[k]; return ok }

func keysOf(s shape) []string {
	out := make([]string, 0, len(s))
	for k := range s {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
