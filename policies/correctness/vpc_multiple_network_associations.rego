# METADATA
# title: VPC is associated with more than one service network
# description: |
#   A VPC can be associated with only one service network. When two or more
#   service network VPC associations name the same VPC, every association
#   after the first (in source order) fails to create with a
#   ConflictException. To reach a second service network from the same VPC,
#   use a service-network VPC endpoint instead of a second association.
#
#   Associations whose existence is conditional (unknown count, CloudFormation
#   condition) are not counted: two of them are often alternatives.
# related_resources:
#   - ref: https://docs.aws.amazon.com/vpc-lattice/latest/ug/service-network-associations.html
#   - ref: https://docs.aws.amazon.com/vpc-lattice/latest/ug/quotas.html
#   - ref: https://docs.aws.amazon.com/vpc/latest/privatelink/access-service-networks.html
# schemas:
#   - input: schema.input
# custom:
#   id: LAT-COR-004
#   name: vpc-multiple-network-associations
#   severity: error
#   remediation: Keep one service network VPC association per VPC and connect the VPC to any other service network through a ServiceNetwork VPC endpoint.
package lattice.rules.vpc_multiple_network_associations

import data.lattice.lib

# placed lists [VPC, position] of each association that certainly exists:
# the position [file, line, column, id] makes sort() put them in source order.
placed := [[a.vpc.target, [a.range[0], a.range[1], a.range[2], a.id]] |
	some a in input.service_network_vpc_associations
	not lib.conditional(a)
]

# positions groups them per VPC through OPA's comprehension index (a rule
# with a variable key, positions[vpc] contains pos, costs OPA time quadratic
# in its keys).
positions := {vpc: ps |
	some vpc in {v | some [v, _] in placed}
	ps := {pos | some [v, pos] in placed; v == vpc}
}

deny contains f if {
	some ps in positions
	ordered := sort(ps)
	count(ordered) > 1
	first := input.service_network_vpc_associations[ordered[0][3]]
	vpc := lib.target(first.vpc)
	some i in numbers.range(1, count(ordered) - 1)
	a := input.service_network_vpc_associations[ordered[i][3]]
	f := {
		"entity": a.id,
		"attribute": "vpc",
		"message": sprintf(
			"VPC %s is already associated with %s by %s, and a VPC can be associated with only one service network: creating %s (with %s) fails with a ConflictException; connect the VPC to the second service network through a ServiceNetwork VPC endpoint instead",
			[lib.name(vpc), network(first), lib.name(first), lib.name(a), network(a)],
		),
		"related": [
			{"entity": first.id, "message": "first association of the VPC"},
			{"entity": vpc.id, "message": "the VPC"},
		],
	}
}

network(a) := sprintf("service network %s", [lib.name(lib.target(a.service_network))])

network(a) := "a service network the model cannot resolve" if not lib.resolved(a.service_network)
