package terraform

import (
	"strings"

	"github.com/zclconf/go-cty/cty"

	"github.com/lattice-lint/lattice-lint/pkg/model"
	"github.com/lattice-lint/lattice-lint/pkg/schema"
)

// The hashicorp/awscc provider mirrors CloudFormation: awscc_* resources name
// their arguments after the CloudFormation properties in snake case
// (vpc_identifier on a resource gateway, security_group_ingress, cidr_ipv_6),
// nest them in object attributes and lists of objects (objects.go), and
// their `id` is the CloudFormation primary identifier: the ARN for every VPC
// Lattice resource, a RAM share and a load balancer, the resource's own id
// (vpc-…, sg-…) for the rest (schema.Resource.AWSCCIDIsARN). They map to the
// same entities as their hashicorp/aws counterparts. The VPC Lattice ones
// whose content is nested objects (listener, rule, target group) are not
// read, and what they refer to escapes the model (see isEscapeSink), so no
// rule concludes from their absence.
var awsccMappers = withTables(schema.AWSCC, map[string]mapper{
	"awscc_vpclattice_service_network":           mapAWSCCServiceNetwork,
	"awscc_ec2_security_group":                   mapSecurityGroup,
	"awscc_ec2_security_group_ingress":           mapSGRule,
	"awscc_ec2_security_group_egress":            mapSGRule,
	"awscc_ec2_vpc_endpoint":                     mapVPCEndpoint,
	"awscc_ram_resource_share":                   mapAWSCCShare,
	"awscc_elasticloadbalancingv2_load_balancer": mapLoadBalancer,
	"awscc_ecs_service":                          mapECSService,
	schema.VPCCidrBlock().AWSCC:                  mapCidrBlock,
	"awscc_autoscaling_auto_scaling_group":       mapTrafficSources,
})

// isEscapeSink reports whether a managed resource type carries the values it
// is given somewhere the model does not follow.
func isEscapeSink(typ string) bool {
	return escapeSinks[typ] || (strings.HasPrefix(typ, "awscc_vpclattice_") && awsccMappers[typ] == nil)
}

// refAttr is the attribute a reference reads as the model names it: the id of
// some resources (most awscc ones, a Firehose delivery stream) is their ARN.
func (l *loader) refAttr(m refMark) string {
	typ := l.entityTypes[m.id()]
	t, col := tableOf(typ), columnOf(typ)
	if m.Attr == "id" && t != nil && ((col == schema.AWSCC && t.AWSCCIDIsARN) || (col == schema.AWS && t.AWSIDIsARN)) {
		return "arn"
	}
	return m.Attr
}

// mapAWSCCShare reads the resources and principals awscc lists in the share
// (hashicorp/aws associates each with a resource of its own).
func mapAWSCCShare(b *builder, r *bview, m model.Meta) model.Entity {
	s := &model.ResourceShare{Meta: m, Complete: true, Resources: []model.Ref{}, Principals: []model.Attr[string]{}}
	b.fill(s, r)
	t := tableOf(m.Type)
	res := r.refList(t.CustomRow("resources").AWSCC, "")
	s.Resources, s.Complete = append(s.Resources, res.Items...), s.Complete && res.Known
	pr := r.strList(t.CustomRow("principals").AWSCC)
	s.Principals, s.Complete = append(s.Principals, pr.Items...), s.Complete && pr.Known
	return s
}

// mapCidrBlock adds the block of a VPC CIDR block resource (awscc_ec2_vpc_cidr_block,
// aws_vpc_ipv4_cidr_block_association, aws_vpc_ipv6_cidr_block_association) to
// the VPC it names (folded in when every entity is built); it is no entity itself.
func mapCidrBlock(b *builder, r *bview, m model.Meta) model.Entity {
	t, col := tableOf(m.Type), columnOf(m.Type)
	vpc := r.ref(t.Field("vpc").Path(col), model.KindVPC)
	if vpc.Target == "" {
		return nil
	}
	var blocks []model.Attr[string]
	for i := range t.Fields {
		if f := &t.Fields[i]; f.Model == "cidr_blocks" {
			if a, ok := r.str(f.Path(col)); ok {
				if m.Conditional {
					a = model.Unknown[string](a.Range)
				}
				blocks = append(blocks, a)
			}
		}
	}
	if len(blocks) == 0 { // Amazon-provided IPv6 or IPAM: known only after apply
		blocks = append(blocks, model.Unknown[string](m.Range))
	}
	b.l.cidrBlocks[vpc.Target] = append(b.l.cidrBlocks[vpc.Target], blocks...)
	return nil
}

func mapAWSCCServiceNetwork(b *builder, r *bview, m model.Meta) model.Entity {
	sn := &model.ServiceNetwork{Meta: m}
	b.fill(sn, r)
	// sharing_config = { enabled = … }: the member is the CloudFormation one.
	t := tableOf(m.Type)
	cfg := t.CustomRow("sharing_enabled").AWSCC
	enabled := t.Below(schema.CFN, t.Field("sharing_enabled"), "")
	member := enabled[len(enabled)-1]
	if v, rng, ok := r.val(cfg); ok {
		sn.SharingEnabled = model.Unknown[bool](r.at(rng))
		if v.IsWhollyKnown() {
			v, _ = v.UnmarkDeep()
			if v.Type().IsObjectType() && v.Type().HasAttribute(member) && v.GetAttr(member).Type() == cty.Bool &&
				!v.GetAttr(member).IsNull() {
				sn.SharingEnabled = model.Known(v.GetAttr(member).True(), r.at(rng))
			}
		}
	}
	return sn
}
