package lattice.rules.target_group_multiple_services_test

import data.lattice.fixtures as fx
import data.lattice.rules.target_group_multiple_services as rule

tg := fx.target_group("aws_vpclattice_target_group.shared", {})

orders := fx.service("aws_vpclattice_service.orders", {})

billing := fx.service("aws_vpclattice_service.billing", {})

listener(addr, svc, fields) := fx.listener(addr, fx.merge({"service": fx.ref(svc), "default_action": fx.forward([tg])}, fields))

test_fires_on_two_services if {
	fs := rule.deny with input as fx.model([tg, orders, billing, listener("aws_vpclattice_listener.a", orders, {}), listener("aws_vpclattice_listener.b", billing, {})])
	[f.entity | some f in fs] == [tg.id]
}

test_fires_through_a_rule_of_the_second_service if {
	la := listener("aws_vpclattice_listener.a", orders, {})
	lb := listener("aws_vpclattice_listener.b", billing, {"default_action": fx.action({"type": fx.val("fixed_response"), "status_code": fx.val(404)})})
	r := fx.listener_rule("aws_vpclattice_listener_rule.r", {"listener": fx.ref(lb), "action": fx.forward([tg])})
	fs := rule.deny with input as fx.model([tg, orders, billing, la, lb, r])
	[f.entity | some f in fs] == [tg.id]
}

test_silent_on_two_listeners_of_one_service if {
	count(rule.deny) == 0 with input as fx.model([tg, orders, listener("aws_vpclattice_listener.a", orders, {}), listener("aws_vpclattice_listener.b", orders, {})])
}

test_silent_when_one_listener_is_conditional if {
	lb := fx.merge(listener("aws_vpclattice_listener.b", billing, {}), {"conditional": true})
	count(rule.deny) == 0 with input as fx.model([tg, orders, billing, listener("aws_vpclattice_listener.a", orders, {}), lb])
}

test_unknown_service_is_not_counted if {
	lb := listener("aws_vpclattice_listener.b", billing, {"service": fx.unknown_ref("service")})
	count(rule.deny) == 0 with input as fx.model([tg, orders, billing, listener("aws_vpclattice_listener.a", orders, {}), lb])
}
