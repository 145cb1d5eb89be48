# METADATA
# title: Targets admit VPC Lattice through a CIDR instead of the prefix list
# description: |
#   AWS tells you to admit VPC Lattice on the targets' security groups by the
#   ID of its managed prefix list (`com.amazonaws.<region>.vpc-lattice`). A
#   rule that admits it through a CIDR instead works — so LAT-SEC-001 is
#   satisfied — but a CIDR broader than the Lattice range (`0.0.0.0/0`,
#   `169.254.0.0/16`, `::/0`) also lets anything else in the VPC, or the
#   internet through other paths, reach the targets around VPC Lattice and its
#   auth policy, and `169.254.0.0/16` admits the instance metadata range too:
#   a warning. A hard-coded `169.254.171.0/24` admits exactly the IPv4 range,
#   but misses the IPv6 list and drifts if AWS changes the range: info.
#
#   The rule looks at the security groups the model knows guard the targets
#   (instance and ALB targets, ECS services registering tasks) on the ports
#   VPC Lattice uses (the traffic port and, when health checks are on, the
#   health-check port). It reports the rule whose CIDR admits VPC Lattice,
#   naming the target group and the security group, only when no rule of those
#   groups admits the port from a prefix list that is, or may be, the Lattice
#   list. It stays silent when a group's rule set is incomplete or a deciding
#   CIDR is unknown, and on IP targets, whose security groups the model cannot
#   tie to the target group (a broad rule on some other group of the VPC says
#   nothing about them). A CIDR that does not contain the Lattice range
#   (`10.0.0.0/8`) admits nothing from VPC Lattice: that is LAT-SEC-001.
# related_resources:
#   - ref: https://docs.aws.amazon.com/vpc-lattice/latest/ug/security-groups.html
#   - ref: https://docs.aws.amazon.com/vpc/latest/userguide/working-with-aws-managed-prefix-lists.html
# schemas:
#   - input: schema.input
# custom:
#   id: LAT-SEC-013
#   name: target-sg-lattice-source-too-broad
#   severity: warning
#   remediation: Replace the CIDR source with the VPC Lattice managed prefix list (`prefix_list_id = data.aws_ec2_managed_prefix_list.lattice.id`, `SourcePrefixListId` in CloudFormation) on the target port and the health-check port.
package lattice.rules.target_sg_lattice_source_too_broad

import data.lattice.lib

# prefix_source reports whether a rule's source includes a prefix list that
# is, or may be, the VPC Lattice list.
prefix_source(r) if {
	some ref in lib.items(r.prefix_lists, "items")
	lib.maybe_lattice_prefix_list(ref)
}

prefix_source(r) if lib.list_unknown(r.prefix_lists)

# cidr_only reports whether a rule admits VPC Lattice through its CIDRs alone.
cidr_only(r) if {
	r.cidrs_cover_lattice.value == true
	not prefix_source(r)
}

# otherwise_admitted reports whether the groups admit, or may admit, VPC
# Lattice on port by some means other than a known CIDR: a prefix list, an
# unknown source, or rules the model cannot see.
otherwise_admitted(sgs, _) if {
	some sg in sgs
	sg.rules_known == false
}

otherwise_admitted(sgs, port) if {
	some sg in sgs
	some r in lib.lattice_ingress(sg)
	lib.covers_port(r, port)
	not cidr_only(r)
}

# admitting lists [security group, index, rule] for the ingress rules that
# admit VPC Lattice on port through a CIDR only.
admitting(sgs, port) := [[sg, i, r] |
	some sg in sgs
	some i, r in lib.items(sg, "ingress")
	lib.tcp_capable(r)
	cidr_only(r)
	lib.covers_port(r, port)
]

# location is where the admitting rule is written: the standalone rule
# resource, or the inline rule of the group.
location(_, _, r) := {"entity": r.rule, "attribute": concat(".", ["rule", cidr_path(r)])} if r.rule

location(sg, i, r) := {"entity": sg.id, "attribute": sprintf("ingress[%d].%s", [i, cidr_path(r)])} if not r.rule

# cidr_path points at the CIDR itself when the rule has one (CloudFormation
# writes each CIDR as its own property), else at the list.
cidr_path(r) := "cidr_blocks[0]" if count(lib.items(r.cidr_blocks, "items")) == 1

cidr_path(r) := "cidr_blocks" if count(lib.items(r.cidr_blocks, "items")) != 1

cidrs(r) := concat(", ", [c.value | some c in lib.items(r.cidr_blocks, "items"); lib.known(c)])

finding(r) := {"severity": "warning", "why": "it also lets anything else that reaches the targets' subnets in, around VPC Lattice and its auth policy"} if {
	r.cidrs_broader_than_lattice.value == true
}

finding(r) := {"severity": "info", "why": "a hard-coded range misses the IPv6 prefix list and drifts if AWS changes the range"} if {
	r.cidrs_broader_than_lattice.value == false
}

deny contains f if {
	some [tg, _, traffic, sgs] in lib.guarded_targets
	some [port, what] in lib.lattice_ports(traffic, tg)
	not otherwise_admitted(sgs, port)
	some [sg, i, r] in admitting(sgs, port)
	how := finding(r)
	f := object.union(location(sg, i, r), {
		"severity": how.severity,
		"message": sprintf(
			"security group %s admits VPC Lattice on %s %d of target group %s only through CIDR %s, not the VPC Lattice managed prefix list: %s",
			[lib.name(sg), what, port, lib.name(tg), cidrs(r), how.why],
		),
		"related": [{"entity": tg.id, "message": "the target group"}],
	})
}
