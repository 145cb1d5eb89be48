# METADATA
# title: Association security groups do not admit a listener port
# description: |
#   The security groups of a service network VPC association (or of a
#   ServiceNetwork VPC endpoint) decide which clients in the VPC may reach
#   the service network: they need an inbound rule for each listener port of
#   the services in the network, from the client sources in the VPC (its
#   CIDRs, or security groups in it). When none of them admits a listener
#   port, every client connection to that listener times out.
#
#   A rule counts as admitting clients when its protocol carries TCP (or is
#   unknown), its ports cover the listener port (or are unknown), and its
#   source is, or may be, in the VPC: a CIDR overlapping the VPC's CIDRs, a
#   security group of the VPC (or one the model cannot place), the group
#   itself, or a prefix list other than the VPC Lattice one. The rule stays
#   silent when the association has no security groups (LAT-SEC-004), when
#   its security groups, their rules, the VPC's CIDRs or the listener port
#   are unknown, and when a group escapes the model. Which clients actually
#   run in the VPC, and with which addresses, static code cannot know.
# related_resources:
#   - ref: https://docs.aws.amazon.com/vpc-lattice/latest/ug/security-groups.html
#   - ref: https://docs.aws.amazon.com/vpc-lattice/latest/ug/service-network-associations.html
# schemas:
#   - input: schema.input
# custom:
#   id: LAT-SEC-002
#   name: association-sg-missing-listener-ingress
#   severity: error
#   missing_relation: true
#   remediation: Add an inbound rule to one of the association's security groups admitting TCP on the listener port from the VPC's CIDR (or from the clients' security groups).
package lattice.rules.association_sg_missing_listener_ingress

import data.lattice.lib

# entries are the ways VPCs join service networks that carry security groups.
entries contains a if some a in input.service_network_vpc_associations

entries contains a if {
	some a in input.vpc_endpoints
	lib.enters_network(a)
}

deny contains f if {
	some a in entries
	sn := lib.network_of(a)
	some id in lib.items(sn, "service_associations")
	sa := input.service_network_service_associations[id]
	lib.in_model(sa.service)
	svc := lib.target(sa.service)
	some lid in lib.items(svc, "listeners")
	l := input.listeners[lid]
	port := l.port.value
	lib.association_blocks(a, port)
	vpc := lib.client_vpc_of(a)
	sgs := lib.precise_security_groups(a.security_groups)
	f := {
		"entity": a.id,
		"attribute": "security_groups",
		"message": sprintf(
			"%s: none of its security groups (%s) admits TCP port %d from VPC %s, so clients in that VPC cannot reach listener %s of service %s (connections time out)",
			[lib.name(a), concat(", ", sort([lib.name(sg) | some sg in sgs])), port, lib.name(vpc), lib.name(l), lib.name(svc)],
		),
		"related": array.concat(
			[{"entity": l.id, "message": "the listener"}, {"entity": svc.id, "message": "the service"}],
			[{"entity": sg.id, "message": "security group of the association"} | some sg in sgs],
		),
	}
}
