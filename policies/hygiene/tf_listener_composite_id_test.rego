package lattice.rules.tf_listener_composite_id_test

import data.lattice.fixtures as fx
import data.lattice.rules.tf_listener_composite_id as rule

listener := fx.listener("aws_vpclattice_listener.l", {})

rule_with(ref) := fx.listener_rule("aws_vpclattice_listener_rule.r", {"listener": ref})

test_fires_on_composite_id if {
	r := rule_with(fx.merge(fx.ref(listener), {"form": "composite_id"}))
	[f] := [f | some f in rule.deny] with input as fx.model([listener, r])
	f.entity == r.id
	f.attribute == "listener"
	contains(f.message, ".listener_id")
}

test_silent_on_listener_id if {
	r := rule_with(fx.merge(fx.ref(listener), {"attribute": "listener_id", "form": "id"}))
	count(rule.deny) == 0 with input as fx.model([listener, r])
}

test_silent_on_arn if {
	r := rule_with(fx.merge(fx.ref(listener), {"attribute": "arn", "form": "arn"}))
	count(rule.deny) == 0 with input as fx.model([listener, r])
}

test_unknown_listener_reference_is_silent if {
	r := rule_with(fx.unknown_ref("listener"))
	count(rule.deny) == 0 with input as fx.model([listener, r])
}
