# METADATA
# title: ALB target group with settings or targets it cannot have
# description: |
#   An ALB target group sends VPC Lattice traffic to one internal Application
#   Load Balancer in the target group's VPC, on a listener of that load
#   balancer whose port is the target group's port (and, for HTTP and HTTPS
#   target groups, whose protocol is the target group's protocol). VPC Lattice
#   does not health-check the load balancer (ELB checks its own targets), and
#   one load balancer can be the target of at most two Lattice target groups.
#
#   The rule reports (error):
#
#   - a health check block on an ALB target group;
#   - more than one target registered (conditional targets are not counted);
#   - a target that is not an Application Load Balancer (another kind of
#     entity, a Network or Gateway Load Balancer, or a literal that is not an
#     `app/` load balancer ARN);
#   - an internet-facing load balancer;
#   - a load balancer whose subnets are all in VPCs other than the target
#     group's;
#   - a load balancer whose listeners in the model have no listener on the
#     target group's port ("traffic won't reach your ALB"), or whose listener
#     on that port speaks another protocol than the HTTP or HTTPS target group;
#   - a load balancer registered in more than two target groups.
#
#   A load balancer in another account is reported by LAT-COR-007. A load
#   balancer with no listener in the model, or passed into code the model does
#   not read, is not checked for listeners (they may be declared elsewhere);
#   nor is one when some listener in the model names a load balancer the model
#   cannot resolve. Whether the load balancer is Active, and whether an HTTPS
#   load balancer serves the Lattice service's certificate, is run-time or ACM
#   data static code does not hold. Unknown values are not reported.
# related_resources:
#   - ref: https://docs.aws.amazon.com/vpc-lattice/latest/ug/alb-target.html
#   - ref: https://docs.aws.amazon.com/vpc-lattice/latest/ug/target-groups.html
#   - ref: https://docs.aws.amazon.com/vpc-lattice/latest/APIReference/API_TargetGroupConfig.html
# schemas:
#   - input: schema.input
# custom:
#   id: LAT-COR-013
#   name: alb-target-group-constraints
#   severity: error
#   remediation: Remove the health check from the ALB target group and register exactly one internal Application Load Balancer of the target group's VPC that has a listener on the target group's port and protocol.
package lattice.rules.alb_target_group_constraints

import data.lattice.lib

alb_groups contains tg if {
	some tg in input.target_groups
	lib.is(tg.type, "ALB")
}

deny contains f if {
	some tg in alb_groups
	tg.health_check.set == true
	f := {
		"entity": tg.id,
		"attribute": "health_check",
		"message": sprintf("ALB target group %s configures a health check, but VPC Lattice does not health-check ALB targets (the load balancer checks its own): creating it fails", [lib.name(tg)]),
	}
}

certain_targets(tg) := [t |
	some id in lib.items(tg, "targets")
	t := input.targets[id]
	not lib.conditional(t)
]

deny contains f if {
	some tg in alb_groups
	ts := sort([lib.position(t) | some t in certain_targets(tg)])
	count(ts) > 1
	some i in numbers.range(1, count(ts) - 1)
	t := input.targets[ts[i][3]]
	f := {
		"entity": t.id,
		"message": sprintf("ALB target group %s already has a target, and an ALB target group holds exactly one load balancer: registering %s fails", [lib.name(tg), lib.name(t)]),
		"related": [{"entity": tg.id, "message": "the ALB target group"}],
	}
}

# what a target is, when it is certainly not an Application Load Balancer
not_alb(t) := k if {
	lib.in_model(t.target)
	k := t.target.kind
	k != "load_balancer"
}

not_alb(t) := sprintf("a %s load balancer", [lb.load_balancer_type.value]) if {
	lib.in_model(t.target)
	lb := lib.target(t.target)
	lb.kind == "load_balancer"
	lb.load_balancer_type.value != "application"
}

not_alb(t) := sprintf("%q", [v]) if {
	not lib.in_model(t.target)
	v := t.target.value
	not regex.match(`^arn:aws[a-z-]*:elasticloadbalancing:[^:]*:[^:]*:loadbalancer/app/`, v)
}

deny contains f if {
	some tg in alb_groups
	some id in lib.items(tg, "targets")
	t := input.targets[id]
	what := not_alb(t)
	f := {
		"entity": t.id,
		"attribute": "target",
		"message": sprintf("target %s of ALB target group %s is %s, not an Application Load Balancer: registering it fails", [lib.name(t), lib.name(tg), what]),
	}
}

# albs lists [target group, target, load balancer] for load balancers in the model.
albs contains [tg, t, lb] if {
	some tg in alb_groups
	some id in lib.items(tg, "targets")
	t := input.targets[id]
	lib.in_model(t.target)
	lb := lib.target(t.target)
	lb.kind == "load_balancer"
	lib.is(lb.load_balancer_type, "application")
}

deny contains f if {
	some [tg, t, lb] in albs
	lib.is(lb.internal, false)
	f := {
		"entity": t.id,
		"attribute": "target",
		"message": sprintf("load balancer %s registered in ALB target group %s is internet-facing, and VPC Lattice forwards only to internal load balancers: registering it fails", [lib.name(lb), lib.name(tg)]),
		"related": [{"entity": lb.id, "message": "the internet-facing load balancer"}],
	}
}

# subnet_vpcs is the set of VPCs of a load balancer's subnets, defined only
# when every subnet is in the model with a resolved VPC.
subnet_vpcs(lb) := vpcs if {
	lb.subnets.known == true
	refs := lib.items(lb.subnets, "items")
	count(refs) > 0
	every ref in refs {
		lib.in_model(ref)
		lib.resolved(lib.target(ref).vpc)
	}
	vpcs := {lib.target(ref).vpc.target | some ref in refs}
}

deny contains f if {
	some [tg, t, lb] in albs
	lib.in_model(tg.vpc)
	vpcs := subnet_vpcs(lb)
	not tg.vpc.target in vpcs
	f := {
		"entity": t.id,
		"attribute": "target",
		"message": sprintf("load balancer %s is in another VPC than its ALB target group %s: VPC Lattice forwards only to a load balancer in the target group's VPC, so registering it fails", [lib.name(lb), lib.name(tg)]),
		"related": [{"entity": lb.id, "message": "the load balancer"}, {"entity": tg.vpc.target, "message": "the target group's VPC"}],
	}
}

# --- the load balancer's listeners ---

hidden_listener if lib.unresolved_in("load_balancer_listeners", "load_balancer")

# listeners of a load balancer, defined when the model holds at least one and
# knows every port.
listeners(lb) := ls if {
	not hidden_listener
	not lib.unread(lb)
	ls := [l | some id in lib.items(lb, "listeners"); l := input.load_balancer_listeners[id]]
	count(ls) > 0
	every l in ls {
		lib.known(l.port)
	}
}

deny contains f if {
	some [tg, t, lb] in albs
	port := tg.port.value
	ls := listeners(lb)
	every l in ls {
		l.port.value != port
	}
	f := {
		"entity": t.id,
		"attribute": "target",
		"message": sprintf("load balancer %s has no listener on port %d, the port of ALB target group %s: traffic from VPC Lattice does not reach it", [lib.name(lb), port, lib.name(tg)]),
		"related": [{"entity": lb.id, "message": "the load balancer"}],
	}
}

deny contains f if {
	some [tg, t, lb] in albs
	proto := tg.protocol.value
	proto in {"HTTP", "HTTPS"}
	some l in listeners(lb)
	l.port.value == tg.port.value
	theirs := upper(l.protocol.value)
	theirs != proto
	f := {
		"entity": t.id,
		"attribute": "target",
		"message": sprintf("the listener of load balancer %s on port %d speaks %s, but ALB target group %s uses %s: the target group's protocol must match the load balancer listener's", [lib.name(lb), tg.port.value, theirs, lib.name(tg), proto]),
		"related": [{"entity": l.id, "message": "the load balancer listener"}],
	}
}

# --- one load balancer, at most two target groups ---

# registered lists [load balancer id, [position, target group id, target
# id]] of each registration that certainly exists.
registered := [[lb.id, [lib.position(t), tg.id, t.id]] |
	some [tg, t, lb] in albs
	not lib.conditional(t)
]

# registrations groups them per load balancer through OPA's comprehension
# index (a rule with a variable key costs OPA time quadratic in its keys).
registrations := {lb: regs |
	some lb in {l | some [l, _] in registered}
	regs := {r | some [l, r] in registered; l == lb}
}

deny contains f if {
	some lb_id, regs in registrations
	groups := {r[1] | some r in regs}
	count(groups) > 2
	order := sort([[min([r[0] | some r in regs; r[1] == g]), g] | some g in groups])
	first_two := {order[0][1], order[1][1]}
	some r in regs
	not r[1] in first_two
	lb := input.load_balancers[lb_id]
	f := {
		"entity": r[2],
		"attribute": "target",
		"message": sprintf("load balancer %s is already the target of two VPC Lattice target groups, the most one load balancer can be: registering it in %s fails", [lib.name(lb), lib.name(input.target_groups[r[1]])]),
		"related": [{"entity": lb.id, "message": "the load balancer"}],
	}
}
