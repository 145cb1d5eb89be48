# METADATA
# title: Service network VPC association has no security groups
# description: |
#   Security groups on a service network VPC association are the network layer
#   of VPC Lattice access control: they decide which clients in the VPC may
#   send traffic to the service network at all. An association without
#   security groups lets every workload in the VPC reach every service and
#   resource of the network, leaving only auth policies (if any) in the way.
#
#   Add them when the association is created: once an association has security
#   groups you can change them but never remove all of them; going back to none
#   means deleting and recreating the association, which interrupts traffic.
#
#   The rule fires when the association's security group list is known to be
#   empty or is not set; a list given by a variable or module input without a
#   value is unknown and gives no finding.
# related_resources:
#   - ref: https://docs.aws.amazon.com/vpc-lattice/latest/ug/security-groups.html
#   - ref: https://docs.aws.amazon.com/vpc-lattice/latest/APIReference/API_CreateServiceNetworkVpcAssociation.html
# schemas:
#   - input: schema.input
# custom:
#   id: LAT-SEC-004
#   name: association-without-security-groups
#   severity: warning
#   remediation: Set security_group_ids (CloudFormation SecurityGroupIds) on the association to groups of the VPC that admit the listener ports only from the intended client sources.
package lattice.rules.association_without_security_groups

import data.lattice.lib

deny contains f if {
	some a in input.service_network_vpc_associations
	a.security_groups.known == true
	lib.empty(a.security_groups, "items")
	f := {
		"entity": a.id,
		"attribute": "security_groups",
		"message": sprintf(
			"service network VPC association %s has no security groups: every workload in %s can reach every service of %s; add groups now, since once set they can only be removed by recreating the association",
			[lib.name(a), vpc_name(a), network_name(a)],
		),
	}
}

vpc_name(a) := sprintf("VPC %s", [lib.name(lib.target(a.vpc))]) if lib.resolved(a.vpc)

vpc_name(a) := "the VPC" if not lib.resolved(a.vpc)

network_name(a) := sprintf("service network %s", [lib.name(lib.target(a.service_network))]) if lib.resolved(a.service_network)

network_name(a) := "the service network" if not lib.resolved(a.service_network)
