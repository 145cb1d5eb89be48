package terraform

import (
	"strings"

	"github.com/zclconf/go-cty/cty"

	"github.com/lattice-lint/lattice-lint/pkg/model"
	"github.com/lattice-lint/lattice-lint/pkg/schema"
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
var awsccMappers = withTables(schema.AWSCC, map[string]mapper{
	"awscc_vpclattice_service_network": mapAWSCCServiceNetwork,
})

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
	sn := &model.ServiceNetwork{Meta: m}
	b.fill(sn, r)
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
