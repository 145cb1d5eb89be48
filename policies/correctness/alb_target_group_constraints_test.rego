package lattice.rules.alb_target_group_constraints_test

import data.lattice.fixtures as fx
import data.lattice.rules.alb_target_group_constraints as rule

v := fx.vpc("aws_vpc.app", {})

other_vpc := fx.vpc("aws_vpc.other", {})

sub := fx.subnet("aws_subnet.a", {"vpc": fx.ref(v)})

tg(addr, fields) := fx.target_group(addr, fx.merge(
	{
		"type": fx.val("ALB"), "port": fx.val(80), "protocol": fx.val("HTTP"), "vpc": fx.ref(v),
		"health_check": fx.health_check({"enabled": fx.absent}),
	},
	fields,
))

alb(fields) := fx.load_balancer("aws_lb.a", fx.merge(
	{"subnets": fx.ref_list([sub]), "listeners": [fx.id("aws_lb_listener.http")]},
	fields,
))

lbl(port, proto) := fx.load_balancer_listener("aws_lb_listener.http", {"load_balancer": fx.ref_to("load_balancer", "aws_lb.a"), "port": fx.val(port), "protocol": fx.val(proto)})

target(addr, line, group, to) := fx.merge(
	fx.target(addr, {"target_group": fx.ref(group), "target": to}),
	{"range": fx.at(line)},
)

one(group, lb) := target("aws_vpclattice_target_group_attachment.a", 30, group, fx.ref(lb))

findings(es) := {[f.entity, object.get(f, "attribute", "")] | some f in fs} if {
	fs := rule.deny with input as fx.model(es)
}

base(group_fields, lb_fields, listener) := [g, lb, t, listener, v, sub] if {
	lb := alb(lb_fields)
	g0 := tg("aws_vpclattice_target_group.t", group_fields)
	t := one(g0, lb)
	g := fx.merge(g0, {"targets": [t.id]})
}

test_silent_on_internal_alb_with_matching_listener if {
	count(rule.deny) == 0 with input as fx.model(base({}, {}, lbl(80, "HTTP")))
}

test_fires_on_health_check_block if {
	es := base({"health_check": fx.health_check({"set": true})}, {}, lbl(80, "HTTP"))
	findings(es) == {[es[0].id, "health_check"]}
}

test_fires_on_internet_facing_alb if {
	es := base({}, {"internal": fx.val(false)}, lbl(80, "HTTP"))
	findings(es) == {[es[2].id, "target"]}
}

test_fires_on_network_load_balancer if {
	es := base({}, {"load_balancer_type": fx.val("network")}, lbl(80, "TCP"))
	findings(es) == {[es[2].id, "target"]}
}

test_fires_on_alb_in_another_vpc if {
	s2 := fx.subnet("aws_subnet.b", {"vpc": fx.ref(other_vpc)})
	es := array.concat(base({}, {"subnets": fx.ref_list([s2])}, lbl(80, "HTTP")), [s2, other_vpc])
	findings(es) == {[es[2].id, "target"]}
}

test_fires_on_no_listener_on_the_port if {
	es := base({"port": fx.val(8080)}, {}, lbl(80, "HTTP"))
	findings(es) == {[es[2].id, "target"]}
}

test_fires_on_protocol_mismatch if {
	es := base({"protocol": fx.val("HTTPS"), "port": fx.val(443)}, {}, lbl(443, "HTTP"))
	findings(es) == {[es[2].id, "target"]}
}

test_fires_on_literal_that_is_not_an_alb if {
	g0 := tg("aws_vpclattice_target_group.t", {})
	t := target("aws_vpclattice_target_group_attachment.a", 30, g0, {"value": "i-0123456789abcdef0", "range": fx.at(3)})
	g := fx.merge(g0, {"targets": [t.id]})
	findings([g, t]) == {[t.id, "target"]}
}

test_silent_on_literal_alb_arn if {
	g0 := tg("aws_vpclattice_target_group.t", {})
	t := target("aws_vpclattice_target_group_attachment.a", 30, g0, {"value": "arn:aws:elasticloadbalancing:eu-west-1:111111111111:loadbalancer/app/a/0123456789abcdef", "range": fx.at(3)})
	g := fx.merge(g0, {"targets": [t.id]})
	count(rule.deny) == 0 with input as fx.model([g, t])
}

test_fires_on_second_target if {
	lb := alb({})
	g0 := tg("aws_vpclattice_target_group.t", {})
	a := one(g0, lb)
	b := target("aws_vpclattice_target_group_attachment.b", 40, g0, fx.ref(lb))
	g := fx.merge(g0, {"targets": [a.id, b.id]})
	findings([g, lb, a, b, lbl(80, "HTTP"), v, sub]) == {[b.id, ""]}
}

test_fires_on_third_target_group_of_one_alb if {
	lb := alb({})
	gs := [fx.merge(g0, {"targets": [t.id]}) |
		some i in [1, 2, 3]
		g0 := tg(sprintf("aws_vpclattice_target_group.t%d", [i]), {})
		t := target(sprintf("aws_vpclattice_target_group_attachment.a%d", [i]), 30 + i, g0, fx.ref(lb))
	]
	ts := [target(sprintf("aws_vpclattice_target_group_attachment.a%d", [i]), 30 + i, gs[i - 1], fx.ref(lb)) | some i in [1, 2, 3]]
	findings(array.concat(array.concat(gs, ts), [lb, lbl(80, "HTTP"), v, sub])) == {[ts[2].id, "target"]}
}

test_silent_without_listeners_in_the_model if {
	es := base({"port": fx.val(8080)}, {"listeners": null}, lbl(80, "HTTP"))
	count(rule.deny) == 0 with input as fx.model(es)
}

test_unknown_listener_port if {
	l := fx.load_balancer_listener("aws_lb_listener.http", {"load_balancer": fx.ref_to("load_balancer", "aws_lb.a"), "port": fx.unknown})
	es := base({"port": fx.val(8080)}, {}, l)
	count(rule.deny) == 0 with input as fx.model(es)
}

test_unknown_scheme if {
	es := base({}, {"internal": fx.unknown}, lbl(80, "HTTP"))
	count(rule.deny) == 0 with input as fx.model(es)
}

test_unknown_target if {
	g0 := tg("aws_vpclattice_target_group.t", {})
	t := target("aws_vpclattice_target_group_attachment.a", 30, g0, fx.unknown_ref(""))
	g := fx.merge(g0, {"targets": [t.id]})
	count(rule.deny) == 0 with input as fx.model([g, t])
}
