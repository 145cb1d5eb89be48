package lattice.rules.rule_shadowed_test

import data.lattice.fixtures as fx
import data.lattice.rules.rule_shadowed as rule

tg := fx.target_group("aws_vpclattice_target_group.t", {})

l := fx.listener("aws_vpclattice_listener.l", {})

match(fields) := fx.merge(
	{
		"method": fx.absent, "path_match_type": fx.val("prefix"), "path": fx.val("/"),
		"path_case_sensitive": fx.absent, "headers": null, "range": fx.at(21),
	},
	fields,
)

header(name, type, value) := {"name": fx.val(name), "match_type": fx.val(type), "value": fx.val(value), "case_sensitive": fx.absent}

r(addr, line, priority, m) := fx.merge(
	fx.listener_rule(addr, {"listener": fx.ref(l), "priority": fx.val(priority), "match": m, "action": fx.forward([tg])}),
	{"range": fx.at(line)},
)

findings(es) := {[f.entity, f.attribute] | some f in fs} if {
	fs := rule.deny with input as fx.model(es)
}

test_fires_on_rule_after_catch_all_prefix if {
	a := r("aws_vpclattice_listener_rule.all", 10, 10, match({}))
	b := r("aws_vpclattice_listener_rule.api", 20, 20, match({"path": fx.val("/api")}))
	findings([l, tg, a, b]) == {[b.id, "match"]}
}

test_fires_on_identical_match if {
	m := match({"method": fx.val("GET"), "path": fx.val("/api")})
	a := r("aws_vpclattice_listener_rule.a", 10, 10, m)
	b := r("aws_vpclattice_listener_rule.b", 20, 20, m)
	findings([l, tg, a, b]) == {[b.id, "match"]}
}

test_fires_on_narrower_header if {
	a := r("aws_vpclattice_listener_rule.a", 10, 10, match({"headers": [header("X-Env", "prefix", "prod")]}))
	b := r("aws_vpclattice_listener_rule.b", 20, 20, match({
		"path": fx.val("/api"),
		"headers": [header("x-env", "exact", "prod-1"), header("x-team", "exact", "a")],
	}))
	findings([l, tg, a, b]) == {[b.id, "match"]}
}

test_silent_when_narrow_rule_comes_first if {
	a := r("aws_vpclattice_listener_rule.api", 10, 10, match({"path": fx.val("/api")}))
	b := r("aws_vpclattice_listener_rule.all", 20, 20, match({}))
	count(rule.deny) == 0 with input as fx.model([l, tg, a, b])
}

test_silent_when_earlier_rule_has_a_method if {
	a := r("aws_vpclattice_listener_rule.a", 10, 10, match({"method": fx.val("POST")}))
	b := r("aws_vpclattice_listener_rule.b", 20, 20, match({"path": fx.val("/api")}))
	count(rule.deny) == 0 with input as fx.model([l, tg, a, b])
}

test_silent_when_earlier_header_is_missing_later if {
	a := r("aws_vpclattice_listener_rule.a", 10, 10, match({"headers": [header("x-env", "exact", "prod")]}))
	b := r("aws_vpclattice_listener_rule.b", 20, 20, match({"path": fx.val("/api")}))
	count(rule.deny) == 0 with input as fx.model([l, tg, a, b])
}

test_silent_when_earlier_path_is_case_sensitive_and_later_may_not_be if {
	a := r("aws_vpclattice_listener_rule.a", 10, 10, match({"path": fx.val("/api"), "path_case_sensitive": fx.val(true)}))
	b := r("aws_vpclattice_listener_rule.b", 20, 20, match({"path": fx.val("/api/v1")}))
	count(rule.deny) == 0 with input as fx.model([l, tg, a, b])
}

test_silent_on_rules_of_two_listeners if {
	other := fx.listener("aws_vpclattice_listener.other", {})
	a := r("aws_vpclattice_listener_rule.a", 10, 10, match({}))
	b := fx.merge(r("aws_vpclattice_listener_rule.b", 20, 20, match({"path": fx.val("/api")})), {"listener": fx.ref(other)})
	count(rule.deny) == 0 with input as fx.model([l, other, tg, a, b])
}

test_silent_when_earlier_rule_is_conditional if {
	a := fx.merge(r("aws_vpclattice_listener_rule.a", 10, 10, match({})), {"conditional": true})
	b := r("aws_vpclattice_listener_rule.b", 20, 20, match({"path": fx.val("/api")}))
	count(rule.deny) == 0 with input as fx.model([l, tg, a, b])
}

test_unknown_earlier_path if {
	a := r("aws_vpclattice_listener_rule.a", 10, 10, match({"path": fx.unknown}))
	b := r("aws_vpclattice_listener_rule.b", 20, 20, match({"path": fx.val("/api")}))
	count(rule.deny) == 0 with input as fx.model([l, tg, a, b])
}

test_unknown_earlier_header if {
	h := {"name": fx.unknown, "match_type": fx.unknown, "value": fx.unknown, "case_sensitive": fx.absent}
	a := r("aws_vpclattice_listener_rule.a", 10, 10, match({"headers": [h]}))
	b := r("aws_vpclattice_listener_rule.b", 20, 20, match({"path": fx.val("/api")}))
	count(rule.deny) == 0 with input as fx.model([l, tg, a, b])
}

test_unknown_priority if {
	a := r("aws_vpclattice_listener_rule.a", 10, 10, match({}))
	b := fx.merge(r("aws_vpclattice_listener_rule.b", 20, 20, match({"path": fx.val("/api")})), {"priority": fx.unknown})
	count(rule.deny) == 0 with input as fx.model([l, tg, a, b])
}

# --- the last rule repeating the default action ---

fwd(tgs) := fx.action({"forward": [{"target_group": fx.ref(t), "weight": fx.dflt(100)} | some t in tgs]})

lf := fx.listener("aws_vpclattice_listener.l", {"default_action": fwd([tg])})

rf(addr, line, priority, m, act) := fx.merge(
	fx.listener_rule(addr, {"listener": fx.ref(lf), "priority": fx.val(priority), "match": m, "action": act}),
	{"range": fx.at(line)},
)

test_fires_on_last_rule_repeating_default_action if {
	other := fx.target_group("aws_vpclattice_target_group.other", {})
	a := rf("aws_vpclattice_listener_rule.a", 10, 10, match({"path": fx.val("/admin")}), fwd([other]))
	b := rf("aws_vpclattice_listener_rule.b", 20, 20, match({"path": fx.val("/api")}), fwd([tg]))
	findings([lf, tg, other, a, b]) == {[b.id, "action"]}
}

test_silent_when_a_later_rule_follows if {
	other := fx.target_group("aws_vpclattice_target_group.other", {})
	a := rf("aws_vpclattice_listener_rule.a", 10, 10, match({"path": fx.val("/api")}), fwd([tg]))
	b := rf("aws_vpclattice_listener_rule.b", 20, 20, match({"path": fx.val("/")}), fwd([other]))
	count(rule.deny) == 0 with input as fx.model([lf, tg, other, a, b])
}

test_silent_on_different_weights if {
	w := fx.action({"forward": [{"target_group": fx.ref(tg), "weight": fx.val(50)}]})
	a := rf("aws_vpclattice_listener_rule.a", 10, 10, match({"path": fx.val("/api")}), w)
	count(rule.deny) == 0 with input as fx.model([lf, tg, a])
}

test_unknown_rule_listener_elsewhere if {
	a := rf("aws_vpclattice_listener_rule.a", 10, 10, match({"path": fx.val("/api")}), fwd([tg]))
	hidden := fx.listener_rule("aws_vpclattice_listener_rule.h", {"listener": fx.unknown_ref("listener"), "priority": fx.val(50)})
	count(rule.deny) == 0 with input as fx.model([lf, tg, a, hidden])
}
