# METADATA
# title: Target security groups do not admit VPC Lattice
# description: |
#   VPC Lattice sends requests and health checks to targets from its managed
#   prefix list (`com.amazonaws.<region>.vpc-lattice`, and the `.ipv6` list
#   for IPv6). The targets' security groups must admit that prefix list on the
#   target port and on the health-check port; a rule that admits only the
#   client VPC CIDR or the client security group does not count. Without it,
#   every request times out and every health check fails.
#
#   Where the model knows the targets' security groups (instance and ALB
#   targets, ECS services registering tasks in the target group) the finding
#   is an error on the target. Where it does not (IP targets), it is a warning
#   on the target group, raised only when the group's VPC is in the model with
#   security groups and none of them (nor any group whose VPC is unknown)
#   admits VPC Lattice on the target group port; a VPC outside the model, or
#   one used by code outside it, gives no finding.
#
#   A rule counts as admitting VPC Lattice when its protocol carries TCP (or is
#   unknown), its ports cover the port (or are unknown), and its source is, or
#   may be, the Lattice range: a Lattice prefix list, a prefix list whose
#   identity is unknown (a variable, a literal pl- id, a lookup by unknown name),
#   or CIDRs covering 169.254.171.0/24 (or unknown CIDRs). A security group whose
#   rules the model cannot fully see, or that escapes the model, counts as admitting.
# related_resources:
#   - ref: https://docs.aws.amazon.com/vpc-lattice/latest/ug/security-groups.html
#   - ref: https://docs.aws.amazon.com/vpc/latest/userguide/working-with-aws-managed-prefix-lists.html
# schemas:
#   - input: schema.input
# custom:
#   id: LAT-SEC-001
#   name: target-sg-missing-lattice-prefix-list
#   severity: error
#   missing_relation: true
#   remediation: Add an ingress rule to the targets' security group with the VPC Lattice managed prefix list as source (`data "aws_ec2_managed_prefix_list"` with name `com.amazonaws.<region>.vpc-lattice`) on the target port and the health-check port.
package lattice.rules.target_sg_missing_lattice_prefix_list

import data.lattice.lib

# missing lists the checked ports none of the groups admits VPC Lattice on.
missing(sgs, port, tg) := [sprintf("%s %d", [what, p]) |
	some [p, what] in lib.lattice_ports(port, tg)
	not any_admits(sgs, p)
]

any_admits(sgs, port) if {
	some sg in sgs
	lib.admits_lattice(sg, port)
}

sg_names(sgs) := concat(", ", sort([lib.name(sg) | some sg in sgs]))

# --- precise: instance and ALB targets, ECS services --------------------------------------

deny contains f if {
	some t in input.targets
	lib.in_model(t.target_group)
	tg := lib.target(t.target_group)
	host := lib.target_host(t)
	sgs := lib.host_security_groups(host)
	m := missing(sgs, lib.traffic_port(t, tg), tg)
	count(m) > 0
	f := {
		"entity": t.id,
		"attribute": "target",
		"message": sprintf(
			"target %s (%s) in target group %s: none of its security groups (%s) admits the VPC Lattice managed prefix list on %s, so requests and health checks from VPC Lattice time out",
			[lib.name(t), lib.name(host), lib.name(tg), sg_names(sgs), concat(", ", m)],
		),
		"related": array.concat(
			[{"entity": host.id, "message": "the registered target"}, {"entity": tg.id, "message": "the target group"}],
			[{"entity": sg.id, "message": "security group of the target"} | some sg in sgs],
		),
	}
}

deny contains f if {
	some tg in input.target_groups
	some id in lib.items(tg, "dynamic_sources")
	svc := input.ecs_services[id]
	sgs := lib.precise_security_groups(svc.security_groups)
	m := missing(sgs, tg.port.value, tg)
	count(m) > 0
	f := {
		"entity": svc.id,
		"attribute": "security_groups",
		"message": sprintf(
			"ECS service %s registers tasks in target group %s, but none of its security groups (%s) admits the VPC Lattice managed prefix list on %s, so requests and health checks from VPC Lattice time out",
			[lib.name(svc), lib.name(tg), sg_names(sgs), concat(", ", m)],
		),
		"related": array.concat(
			[{"entity": tg.id, "message": "the target group"}],
			[{"entity": sg.id, "message": "security group of the tasks"} | some sg in sgs],
		),
	}
}

# --- imprecise: the target group's VPC -------------------------------------------------

# precise reports whether the model knows the security groups of some target.
precise(tg) if {
	some id in lib.items(tg, "targets")
	lib.host_security_groups(lib.target_host(input.targets[id]))
}

precise(tg) if {
	some id in lib.items(tg, "dynamic_sources")
	lib.precise_security_groups(input.ecs_services[id].security_groups)
}

# floating groups have a VPC the model cannot resolve: they may be in any VPC.
floating := [sg | some sg in input.security_groups; lib.unresolved(sg.vpc)]

deny contains f if {
	some tg in input.target_groups
	not precise(tg)
	lib.in_model(tg.vpc)
	vpc := lib.target(tg.vpc)
	vpc.kind == "vpc"
	not lib.escaped(vpc)
	sgs := [input.security_groups[id] | some id in lib.items(vpc, "security_groups")]
	count(sgs) > 0
	port := tg.port.value
	not any_admits(sgs, port)
	not any_admits(floating, port)
	f := {
		"entity": tg.id,
		"attribute": "vpc",
		"severity": "warning",
		"message": sprintf(
			"target group %s: no security group of VPC %s admits the VPC Lattice managed prefix list on port %d; unless its targets use a group defined elsewhere, requests and health checks from VPC Lattice time out",
			[lib.name(tg), lib.name(vpc), port],
		),
		"related": [{"entity": vpc.id, "message": "the target group's VPC"}],
	}
}
