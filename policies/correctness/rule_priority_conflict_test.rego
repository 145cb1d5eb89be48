package lattice.rules.rule_priority_conflict_test

import data.lattice.fixtures as fx
import data.lattice.rules.rule_priority_conflict as rule

l := fx.listener("aws_vpclattice_listener.l", {})

other := fx.listener("aws_vpclattice_listener.other", {})

r(addr, line, listener, fields) := fx.merge(
	fx.listener_rule(addr, fx.merge({"listener": fx.ref(listener), "priority": fx.val(10)}, fields)),
	{"range": fx.at(line)},
)

test_fires_on_same_priority if {
	a := r("aws_vpclattice_listener_rule.a", 10, l, {})
	b := r("aws_vpclattice_listener_rule.b", 20, l, {})
	fs := rule.deny with input as fx.model([l, a, b])
	[[f.entity, f.related[0].entity] | some f in fs] == [[b.id, a.id]]
}

test_silent_on_distinct_priorities if {
	a := r("aws_vpclattice_listener_rule.a", 10, l, {})
	b := r("aws_vpclattice_listener_rule.b", 20, l, {"priority": fx.val(20)})
	count(rule.deny) == 0 with input as fx.model([l, a, b])
}

test_silent_on_same_priority_of_two_listeners if {
	a := r("aws_vpclattice_listener_rule.a", 10, l, {})
	b := r("aws_vpclattice_listener_rule.b", 20, other, {})
	count(rule.deny) == 0 with input as fx.model([l, other, a, b])
}

test_silent_when_one_is_conditional if {
	a := r("aws_vpclattice_listener_rule.a", 10, l, {})
	b := fx.merge(r("aws_vpclattice_listener_rule.b", 20, l, {}), {"conditional": true})
	count(rule.deny) == 0 with input as fx.model([l, a, b])
}

test_fires_warning_above_100 if {
	a := r("aws_vpclattice_listener_rule.a", 10, l, {"priority": fx.val(150)})
	[f.severity | some f in rule.deny] == ["warning"] with input as fx.model([l, a])
}

test_fires_error_above_2000 if {
	a := r("aws_vpclattice_listener_rule.a", 10, l, {"priority": fx.val(2001)})
	[f.severity | some f in rule.deny] == ["error"] with input as fx.model([l, a])
}

test_unknown_priority if {
	a := r("aws_vpclattice_listener_rule.a", 10, l, {})
	b := r("aws_vpclattice_listener_rule.b", 20, l, {"priority": fx.unknown})
	count(rule.deny) == 0 with input as fx.model([l, a, b])
}

test_unknown_listener if {
	a := r("aws_vpclattice_listener_rule.a", 10, l, {})
	b := r("aws_vpclattice_listener_rule.b", 20, l, {"listener": fx.unknown_ref("listener")})
	count(rule.deny) == 0 with input as fx.model([l, a, b])
}
