package lattice.rules.action_validity_test

import data.lattice.fixtures as fx
import data.lattice.rules.action_validity as rule

a := fx.target_group("aws_vpclattice_target_group.a", {})

b := fx.target_group("aws_vpclattice_target_group.b", {})

weighted(pairs) := fx.action({"forward": [{"target_group": fx.ref(tg), "weight": w} | some [tg, w] in pairs]})

listener(act) := fx.listener("aws_vpclattice_listener.l", {"default_action": act})

fixed(code) := fx.action({"type": fx.val("fixed_response"), "status_code": code})

findings(es) := {[f.severity, f.attribute] | some f in fs} if {
	fs := rule.deny with input as fx.model(es)
}

test_fires_on_status_403 if {
	r := fx.listener_rule("aws_vpclattice_listener_rule.r", {"listener": fx.ref(listener(fx.forward([a]))), "action": fixed(fx.val(403))})
	findings([a, listener(fx.forward([a])), r]) == {["error", "action.status_code"]}
}

test_silent_on_404_rule if {
	l := fx.merge(listener(fx.forward([a])), {"rules": [fx.id("aws_vpclattice_listener_rule.r")]})
	r := fx.listener_rule("aws_vpclattice_listener_rule.r", {"listener": fx.ref(l), "action": fixed(fx.val(404))})
	count(rule.deny) == 0 with input as fx.model([a, l, r])
}

test_fires_on_empty_forward if {
	findings([listener(fx.action({"forward": []}))]) == {["error", "default_action"]}
}

test_fires_on_duplicate_target_group if {
	act := weighted([[a, fx.val(50)], [a, fx.val(50)]])
	findings([a, listener(act)]) == {["error", "default_action.forward[1].target_group"]}
}

test_fires_on_weight_above_999 if {
	findings([a, listener(weighted([[a, fx.val(1000)]]))]) == {["error", "default_action.forward[0].weight"]}
}

test_fires_warning_on_omitted_weight_in_split if {
	act := weighted([[a, fx.val(90)], [b, fx.dflt(100)]])
	findings([a, b, listener(act)]) == {["warning", "default_action.forward[1].weight"]}
}

test_silent_on_single_default_weight if {
	count(rule.deny) == 0 with input as fx.model([a, listener(weighted([[a, fx.dflt(100)]]))])
}

test_silent_on_explicit_split if {
	count(rule.deny) == 0 with input as fx.model([a, b, listener(weighted([[a, fx.val(90)], [b, fx.val(10)]]))])
}

test_fires_warning_when_all_weights_zero if {
	findings([a, b, listener(weighted([[a, fx.val(0)], [b, fx.val(0)]]))]) == {["warning", "default_action"]}
}

test_fires_warning_on_fixed_listener_without_rules if {
	findings([listener(fixed(fx.val(404)))]) == {["warning", "default_action"]}
}

test_silent_on_fixed_listener_when_escaped if {
	count(rule.deny) == 0 with input as fx.model([fx.merge(listener(fixed(fx.val(404))), {"escaped": true})])
}

test_unknown_rule_listener_suppresses_fixed_listener_warning if {
	r := fx.listener_rule("aws_vpclattice_listener_rule.r", {"listener": fx.unknown_ref("listener"), "action": fixed(fx.val(404))})
	count(rule.deny) == 0 with input as fx.model([listener(fixed(fx.val(404))), r])
}

test_unknown_status_code if {
	l := fx.merge(listener(fixed(fx.unknown)), {"escaped": true})
	count(rule.deny) == 0 with input as fx.model([l])
}

test_unknown_weights if {
	count(rule.deny) == 0 with input as fx.model([a, b, listener(weighted([[a, fx.unknown], [b, fx.unknown]]))])
}

test_unknown_target_groups_are_not_duplicates if {
	act := fx.action({"forward": [{"target_group": fx.unknown_ref("target_group"), "weight": fx.val(50)}, {"target_group": fx.unknown_ref("target_group"), "weight": fx.val(50)}]})
	count(rule.deny) == 0 with input as fx.model([listener(act)])
}
