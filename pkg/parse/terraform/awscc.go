package terraform

import (
	"strings"

	"github.com/zclconf/go-cty/cty"

	"github.com/lattice-lint/lattice-lint/pkg/model"
)

// The hashicorp/awscc provider mirrors CloudFormation: awscc_vpclattice_*
// resources name their arguments after the CloudFormation properties in snake
// case (vpc_identifier on a resource gateway, resource_configuration_id,
// protocol_type, sharing_config), and their `id` is the primary identifier,
// which for every VPC Lattice resource is the ARN. The flat ones map to the
// same entities as their hashicorp/aws counterparts; the ones whose content is
// nested objects (listener, rule, target group) are not read, and what they
// refer to escapes the model (see isEscapeSink), so no rule concludes from
// their absence.
var awsccMappers = map[string]mapper{
	"awscc_vpclattice_service_network":                      mapAWSCCServiceNetwork,
	"awscc_vpclattice_service":                              mapService,
	"awscc_vpclattice_service_network_vpc_association":      mapVPCAssociation,
	"awscc_vpclattice_service_network_service_association":  mapServiceAssociation,
	"awscc_vpclattice_service_network_resource_association": mapAWSCCResourceAssociation,
	"awscc_vpclattice_resource_gateway":                     mapAWSCCResourceGateway,
	"awscc_vpclattice_resource_configuration":               mapAWSCCResourceConfiguration,
	"awscc_vpclattice_access_log_subscription":              mapAccessLog,
	"awscc_vpclattice_auth_policy":                          mapAuthPolicy,
	"awscc_vpclattice_resource_policy":                      mapResourcePolicy,
}

// isEscapeSink reports whether a managed resource type carries the values it
// is given somewhere the model does not follow.
func isEscapeSink(typ string) bool {
	return escapeSinks[typ] || (strings.HasPrefix(typ, "awscc_vpclattice_") && awsccMappers[typ] == nil)
}

// refAttr is the attribute a reference reads as the model names it: the id of
// an awscc resource is its ARN.
func (l *loader) refAttr(m refMark) string {
	if m.Attr == "id" && strings.HasPrefix(l.entityTypes[m.id()], "awscc_") {
		return "arn"
	}
	return m.Attr
}

func mapAWSCCServiceNetwork(b *builder, r *bview, m model.Meta) model.Entity {
	name, _ := r.str("name")
	sn := &model.ServiceNetwork{Meta: m, Name: name, AuthType: upper(r.strOr("auth_type", "NONE")),
		SharingEnabled: model.Default(true, r.at(r.rng))}
	if v, rng, ok := r.val("sharing_config"); ok {
		sn.SharingEnabled = model.Unknown[bool](r.at(rng))
		if v.IsWhollyKnown() {
			v, _ = v.UnmarkDeep()
			if v.Type().IsObjectType() && v.Type().HasAttribute("enabled") && v.GetAttr("enabled").Type() == cty.Bool &&
				!v.GetAttr("enabled").IsNull() {
				sn.SharingEnabled = model.Known(v.GetAttr("enabled").True(), r.at(rng))
			}
		}
	}
	return sn
}

func mapAWSCCResourceAssociation(b *builder, r *bview, m model.Meta) model.Entity {
	dns, _ := r.boolean("private_dns_enabled")
	return &model.ResourceAssociation{Meta: m, ServiceNetwork: r.ref("service_network_id", model.KindServiceNetwork),
		ResourceConfiguration: r.ref("resource_configuration_id", model.KindResourceConfiguration), PrivateDNSEnabled: dns}
}

func mapAWSCCResourceGateway(b *builder, r *bview, m model.Meta) model.Entity {
	name, _ := r.str("name")
	return &model.ResourceGateway{Meta: m, Name: name, VPC: r.ref("vpc_identifier", model.KindVPC),
		Subnets: r.refList("subnet_ids", model.KindSubnet), SecurityGroups: r.refList("security_group_ids", model.KindSecurityGroup),
		IPAddressType: upper(r.strOr("ip_address_type", ""))}
}

func mapAWSCCResourceConfiguration(b *builder, r *bview, m model.Meta) model.Entity {
	name, _ := r.str("name")
	dom, _ := r.str("custom_domain_name")
	return &model.ResourceConfiguration{Meta: m, Name: name, Type: upper(r.strOr("resource_configuration_type", "SINGLE")),
		Gateway:    r.ref("resource_gateway_id", model.KindResourceGateway),
		Group:      r.ref("resource_configuration_group_id", model.KindResourceConfiguration),
		PortRanges: r.strList("port_ranges"), Protocol: upper(r.strOr("protocol_type", "TCP")),
		AllowShareableAssociation: r.boolOr("allow_association_to_sharable_service_network", false),
		CustomDomainName:          dom}
}
