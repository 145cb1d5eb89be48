package lattice.rules.per_service_and_listener_limits_test

import data.lattice.fixtures as fx
import data.lattice.rules.per_service_and_listener_limits as rule

listeners(n, fields) := [fx.listener(sprintf("aws_vpclattice_listener.l%d", [i]), fields) | some i in numbers.range(1, n)]

ids(es) := [e.id | some e in es]

svc_with(ls, fields) := fx.service("aws_vpclattice_service.s", object.union({"listeners": ids(ls)}, fields))

test_fires_on_three_listeners if {
	ls := listeners(3, {})
	fs := rule.deny with input as fx.model(array.concat(ls, [svc_with(ls, {})]))
	[[f.entity, f.severity] | some f in fs] == [[fx.id("aws_vpclattice_service.s"), "warning"]]
	some f in fs
	contains(f.message, "has 3 listeners, over the adjustable quota of 2")
}

test_silent_on_two_listeners if {
	ls := listeners(2, {})
	count(rule.deny) == 0 with input as fx.model(array.concat(ls, [svc_with(ls, {})]))
}

# A listener whose count is unknown may not exist: two sure ones and one that
# may be none are not over the quota.
test_unknown_count_is_a_lower_bound if {
	ls := array.concat(listeners(2, {}), [fx.listener("aws_vpclattice_listener.maybe", {"conditional": true})])
	count(rule.deny) == 0 with input as fx.model(array.concat(ls, [svc_with(ls, {})]))
}

test_lower_bound_over_the_quota_says_at_least if {
	ls := array.concat(listeners(3, {}), [fx.listener("aws_vpclattice_listener.maybe", {"conditional": true})])
	some f in rule.deny with input as fx.model(array.concat(ls, [svc_with(ls, {})]))
	contains(f.message, "has at least 3 listeners")
}

# A team that raised the quota for its account says so in the configuration.
test_silent_when_the_account_quota_is_raised if {
	ls := listeners(3, {})
	s := svc_with(ls, {"account": fx.val("111111111111")})
	count(rule.deny) == 0 with input as fx.model(array.concat(ls, [s]))
		with data.lattice.quotas.accounts as {"111111111111": {"listeners-per-service": 3}}
}

test_account_override_is_per_account if {
	ls := listeners(3, {})
	s := svc_with(ls, {"account": fx.val("222222222222")})
	count(rule.deny) == 1 with input as fx.model(array.concat(ls, [s]))
		with data.lattice.quotas.accounts as {"111111111111": {"listeners-per-service": 3}}
}

test_silent_when_the_account_is_unknown_and_raised_for_all if {
	ls := listeners(3, {})
	count(rule.deny) == 0 with input as fx.model(array.concat(ls, [svc_with(ls, {})]))
		with data.lattice.quotas.limits["listeners-per-service"].value as 4
}

rules(n) := [fx.listener_rule(sprintf("aws_vpclattice_listener_rule.r%d", [i]), {}) | some i in numbers.range(1, n)]

listener_with(rs, region) := fx.listener("aws_vpclattice_listener.l", {"rules": ids(rs), "region": region})

# il-central-1 allows 5 rules per listener where other Regions allow 10.
test_fires_on_six_rules_in_il_central_1 if {
	rs := rules(6)
	fs := rule.deny with input as fx.model(array.concat(rs, [listener_with(rs, fx.val("il-central-1"))]))
	[f.entity | some f in fs] == [fx.id("aws_vpclattice_listener.l")]
}

test_silent_on_six_rules_elsewhere if {
	rs := rules(6)
	count(rule.deny) == 0 with input as fx.model(array.concat(rs, [listener_with(rs, fx.val("eu-west-1"))]))
}

test_unknown_region_takes_the_default if {
	rs := rules(11)
	count(rule.deny) == 1 with input as fx.model(array.concat(rs, [listener_with(rs, fx.unknown)]))
}

test_fires_on_eleven_target_groups_behind_a_service if {
	s := fx.service("aws_vpclattice_service.s", {})
	tgs := [fx.target_group(sprintf("aws_vpclattice_target_group.t%d", [i]), {"services": [s.id]}) | some i in numbers.range(1, 11)]
	fs := rule.deny with input as fx.model(array.concat(tgs, [s]))
	[f.entity | some f in fs] == [s.id]
}

test_silent_on_ten_target_groups_behind_a_service if {
	s := fx.service("aws_vpclattice_service.s", {})
	tgs := [fx.target_group(sprintf("aws_vpclattice_target_group.t%d", [i]), {"services": [s.id]}) | some i in numbers.range(1, 10)]
	count(rule.deny) == 0 with input as fx.model(array.concat(tgs, [s]))
}

targets(n) := [fx.target(sprintf("aws_vpclattice_target_group_attachment.a%d", [i]), {}) | some i in numbers.range(1, n)]

test_fires_on_targets_over_the_quota if {
	ts := targets(3)
	tg := fx.target_group("aws_vpclattice_target_group.t", {"targets": ids(ts)})
	fs := rule.deny with input as fx.model(array.concat(ts, [tg]))
		with data.lattice.quotas.limits["targets-per-target-group"].value as 2
	[f.entity | some f in fs] == [tg.id]
}

test_silent_on_targets_within_the_quota if {
	ts := targets(1000)
	tg := fx.target_group("aws_vpclattice_target_group.t", {"targets": ids(ts)})
	count(rule.deny) == 0 with input as fx.model(array.concat(ts, [tg]))
}
