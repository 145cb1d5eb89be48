# METADATA
# title: Client security group egress does not let VPC Lattice traffic out
# description: |
#   Clients reach VPC Lattice services through the VPC Lattice managed prefix
#   list. A security group with custom egress rules must let TCP out to that
#   prefix list (or to a range covering it, such as 0.0.0.0/0) on the listener
#   ports of the services the VPC's service networks hold; otherwise clients
#   using that group time out.
#
#   The rule looks at the security groups of VPCs associated with a service
#   network (or holding a ServiceNetwork endpoint), except the groups of the
#   associations and endpoints themselves, and only at groups that declare
#   egress rules (a group without any is not a client's, or keeps the
#   default that allows everything). An egress rule counts when its protocol
#   carries TCP (or is unknown), its ports cover the listener port (or are
#   unknown), and its destination is, or may be, VPC Lattice: the Lattice
#   prefix list, a prefix list whose identity is unknown, or CIDRs covering
#   169.254.171.0/24 (or unknown CIDRs). A group whose rules the model cannot
#   fully see, or that escapes the model, counts as letting the traffic out.
#   Which workloads use the group static code cannot know: it is a warning.
# related_resources:
#   - ref: https://docs.aws.amazon.com/vpc-lattice/latest/ug/security-groups.html
# schemas:
#   - input: schema.input
# custom:
#   id: LAT-SEC-003
#   name: client-sg-egress-blocks-lattice
#   severity: warning
#   missing_relation: true
#   remediation: Add an egress rule to the client security group allowing TCP to the VPC Lattice managed prefix list (`com.amazonaws.<region>.vpc-lattice`) on the listener ports.
package lattice.rules.client_sg_egress_blocks_lattice

import data.lattice.lib

deny contains f if {
	some vpc in input.vpcs
	ports := lib.vpc_ports(vpc)
	count(ports) > 0
	some sg in lib.client_sgs(vpc)
	blocked := sort([p | some p in ports; not lib.admits_egress(sg, p)])
	count(blocked) > 0
	f := {
		"entity": sg.id,
		"attribute": "egress",
		"message": sprintf(
			"security group %s in client VPC %s has egress rules, none of which lets TCP out to the VPC Lattice prefix list on listener port %s: clients using it cannot reach those services",
			[lib.name(sg), lib.name(vpc), concat(", ", [sprintf("%d", [p]) | some p in blocked])],
		),
		"related": [{"entity": vpc.id, "message": "the client VPC"}],
	}
}
