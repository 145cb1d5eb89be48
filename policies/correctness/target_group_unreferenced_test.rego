package lattice.rules.target_group_unreferenced_test

import data.lattice.fixtures as fx
import data.lattice.rules.target_group_unreferenced as rule

used := fx.target_group("aws_vpclattice_target_group.used", {"forwarded_by": [listener.id]})

idle := fx.target_group("aws_vpclattice_target_group.idle", {})

listener := fx.listener("aws_vpclattice_listener.l", {"default_action": fx.forward([fx.target_group("aws_vpclattice_target_group.used", {})])})

test_fires_on_unused_target_group if {
	fs := rule.deny with input as fx.model([used, idle, listener])
	[f.entity | some f in fs] == [idle.id]
}

test_silent_when_forwarded_to if {
	count(rule.deny) == 0 with input as fx.model([used, listener])
}

test_silent_when_escaped if {
	count(rule.deny) == 0 with input as fx.model([fx.merge(idle, {"escaped": true})])
}

test_unknown_forward_target_suppresses if {
	loose := fx.listener_rule("aws_vpclattice_listener_rule.r", {"action": fx.action({"forward": [{"target_group": fx.unknown_ref("target_group"), "weight": fx.absent}]})})
	count(rule.deny) == 0 with input as fx.model([idle, loose])
}

test_unknown_action_type_suppresses if {
	dynamic := fx.listener("aws_vpclattice_listener.d", {"default_action": fx.action({"type": fx.unknown})})
	count(rule.deny) == 0 with input as fx.model([idle, dynamic])
}

test_fires_despite_fixed_response_actions if {
	fixed := fx.listener("aws_vpclattice_listener.f", {})
	fs := rule.deny with input as fx.model([idle, fixed])
	[f.entity | some f in fs] == [idle.id]
}
