package lattice.rules.name_format_and_tags_test

import data.lattice.fixtures as fx
import data.lattice.rules.name_format_and_tags as rule

placed := {"account": fx.val("111111111111"), "region": fx.val("us-east-1")}

svc(addr, name) := fx.service(addr, fx.merge(placed, {"name": fx.val(name)}))

findings(entities) := fs if {
	fs := rule.deny with input as fx.model(entities)
}

test_fires_on_reserved_prefix if {
	[f] := [f | some f in findings([svc("aws_vpclattice_service.s", "svc-orders")])]
	f.attribute == "name"
	not f.severity
	contains(f.message, `"svc-"`)
}

test_fires_on_each_kind_of_bad_name if {
	long := concat("", ["a" | some _ in numbers.range(1, 41)])
	every name in ["Orders", "orders_api", "-orders", "orders-", "ord--ers", "ab", long] {
		count(findings([svc("aws_vpclattice_service.s", name)])) == 1
	}
}

test_fires_with_every_problem_of_one_name if {
	[f] := [f | some f in findings([svc("aws_vpclattice_service.s", "-Svc--")])]
	contains(f.message, "start with a hyphen")
	contains(f.message, "end with a hyphen")
	contains(f.message, "two hyphens in a row")
	contains(f.message, "only the characters [a-z0-9-]")
}

test_fires_on_long_target_group_name_only_past_128 if {
	long := concat("", ["a" | some _ in numbers.range(1, 129)])
	ok := concat("", ["a" | some _ in numbers.range(1, 128)])
	count(findings([fx.target_group("aws_vpclattice_target_group.t", {"name": fx.val(long)})])) == 1
	count(findings([fx.target_group("aws_vpclattice_target_group.t", {"name": fx.val(ok)})])) == 0
}

test_fires_on_duplicate_names_in_one_account_and_region if {
	a := svc("aws_vpclattice_service.a", "orders")
	b := svc("aws_vpclattice_service.b", "orders")
	[f] := [f | some f in findings([a, b])]
	f.entity == b.id
	f.related[0].entity == a.id
	contains(f.message, "account and Region")
	startswith(f.message, "service aws_vpclattice_service.b")
}

test_fires_on_duplicate_listener_names_of_one_service if {
	s := svc("aws_vpclattice_service.s", "orders")
	l1 := fx.listener("aws_vpclattice_listener.a", {"name": fx.val("http"), "service": fx.ref(s)})
	l2 := fx.listener("aws_vpclattice_listener.b", {"name": fx.val("http"), "service": fx.ref(s)})
	[f] := [f | some f in findings([s, l1, l2])]
	f.entity == l2.id
	contains(f.message, "same service")
}

test_fires_as_info_on_reserved_tag_key if {
	s := fx.service("aws_vpclattice_service.s", fx.merge(placed, {"name": fx.val("orders"), "tags": {"aws:team": "x"}}))
	[f] := [f | some f in findings([s])]
	f.severity == "info"
}

test_fires_as_info_on_too_many_tags if {
	tags := {sprintf("k%d", [i]): "v" | some i in numbers.range(1, 51)}
	s := fx.service("aws_vpclattice_service.s", fx.merge(placed, {"name": fx.val("orders"), "tags": tags}))
	[f] := [f | some f in findings([s])]
	f.severity == "info"
	contains(f.message, "51 tags")
}

test_silent_on_valid_names if {
	count(findings([
		svc("aws_vpclattice_service.a", "orders"),
		svc("aws_vpclattice_service.b", "orders-v2"),
		fx.service_network("aws_vpclattice_service_network.n", {"name": fx.val("servicenetwork-core")}),
	])) == 0
}

test_silent_on_same_name_in_another_region if {
	a := svc("aws_vpclattice_service.a", "orders")
	b := fx.service("aws_vpclattice_service.b", {"name": fx.val("orders"), "account": fx.val("111111111111"), "region": fx.val("eu-west-1")})
	count(findings([a, b])) == 0
}

test_silent_on_same_listener_name_in_two_services if {
	s1 := svc("aws_vpclattice_service.s1", "orders")
	s2 := svc("aws_vpclattice_service.s2", "billing")
	l1 := fx.listener("aws_vpclattice_listener.a", {"name": fx.val("http"), "service": fx.ref(s1)})
	l2 := fx.listener("aws_vpclattice_listener.b", {"name": fx.val("http"), "service": fx.ref(s2)})
	count(findings([s1, s2, l1, l2])) == 0
}

test_silent_on_duplicate_that_may_not_exist if {
	a := svc("aws_vpclattice_service.a", "orders")
	b := fx.service("aws_vpclattice_service.b", fx.merge(placed, {"name": fx.val("orders"), "conditional": true}))
	count(findings([a, b])) == 0
}

test_unknown_name_is_silent if {
	count(findings([fx.service("aws_vpclattice_service.s", {"name": fx.unknown})])) == 0
}

test_unknown_region_skips_uniqueness if {
	a := fx.service("aws_vpclattice_service.a", {"name": fx.val("orders"), "account": fx.val("111111111111"), "region": fx.unknown})
	b := fx.service("aws_vpclattice_service.b", {"name": fx.val("orders"), "account": fx.val("111111111111"), "region": fx.unknown})
	count(findings([a, b])) == 0
}

test_unknown_parent_skips_uniqueness if {
	l1 := fx.listener("aws_vpclattice_listener.a", {"name": fx.val("http"), "service": fx.unknown_ref("service")})
	l2 := fx.listener("aws_vpclattice_listener.b", {"name": fx.val("http"), "service": fx.unknown_ref("service")})
	count(findings([l1, l2])) == 0
}

# --- required tags ---

required(entities) := fs if {
	fs := rule.deny with input as fx.model(entities) with data.lattice.required_tags as ["Owner", "CostCenter"]
}

tagged_svc(tags, extra) := fx.service("aws_vpclattice_service.s", fx.merge(placed, object.union({"name": fx.val("orders"), "tags": tags}, extra)))

test_fires_as_info_on_missing_required_tags if {
	[f] := [f | some f in required([tagged_svc({"Owner": "team-a"}, {})])]
	f.severity == "info"
	contains(f.message, "lacks the tag your configuration requires (required_tags): CostCenter")
}

test_names_every_missing_required_tag if {
	[f] := [f | some f in required([tagged_svc({}, {})])]
	contains(f.message, "tags your configuration requires (required_tags): CostCenter, Owner")
}

test_silent_with_every_required_tag if {
	count(required([tagged_svc({"Owner": "team-a", "CostCenter": "42"}, {})])) == 0
}

test_silent_without_required_tags_configured if {
	count(findings([tagged_svc({}, {})])) == 0
}

test_silent_when_tags_are_unknown if {
	count(required([tagged_svc({}, {"tags_open": true})])) == 0
}

test_silent_on_cloudformation_which_stack_tags_reach if {
	count(required([tagged_svc({}, {"format": "cloudformation"})])) == 0
}
