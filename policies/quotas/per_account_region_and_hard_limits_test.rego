package lattice.rules.per_account_region_and_hard_limits_test

import data.lattice.fixtures as fx
import data.lattice.rules.per_account_region_and_hard_limits as rule

sgs(n) := [fx.security_group(sprintf("aws_security_group.g%d", [i]), {}) | some i in numbers.range(1, n)]

association(groups) := fx.vpc_association("aws_vpclattice_service_network_vpc_association.a", {"security_groups": fx.ref_list(groups)})

test_fires_on_six_security_groups_on_an_association if {
	gs := sgs(6)
	a := association(gs)
	fs := rule.deny with input as fx.model(array.concat(gs, [a]))
	[[f.entity, f.severity, f.attribute] | some f in fs] == [[a.id, "error", "security_groups"]]
	some f in fs
	contains(f.message, "lists 6 security groups, over the hard limit of 5")
}

test_silent_on_five_security_groups if {
	gs := sgs(5)
	count(rule.deny) == 0 with input as fx.model(array.concat(gs, [association(gs)]))
}

test_unknown_security_group_list if {
	a := fx.vpc_association("aws_vpclattice_service_network_vpc_association.a", {"security_groups": fx.unknown_list})
	count(rule.deny) == 0 with input as fx.model([a])
}

# A hard limit is not raised by the configuration (it refuses to) nor by a
# per-account value slipped into the data.
test_hard_limit_stays_an_error if {
	gs := sgs(6)
	fs := rule.deny with input as fx.model(array.concat(gs, [association(gs)]))
		with data.lattice.quotas.limits["security-groups-per-vpc-association"].adjustable as false
	[f.severity | some f in fs] == ["error"]
}

header(i) := {"name": fx.val(sprintf("x-h%d", [i])), "match_type": fx.val("exact"), "value": fx.val("1"), "case_sensitive": fx.absent}

rule_with_headers(n) := fx.listener_rule("aws_vpclattice_listener_rule.r", {"match": {
	"method": fx.absent, "path_match_type": fx.absent, "path": fx.absent, "path_case_sensitive": fx.absent,
	"headers": [header(i) | some i in numbers.range(1, n)], "range": fx.at(21),
}})

test_fires_on_six_header_matches if {
	r := rule_with_headers(6)
	fs := rule.deny with input as fx.model([r])
	[[f.entity, f.attribute, f.severity] | some f in fs] == [[r.id, "match", "error"]]
}

test_silent_on_five_header_matches if {
	count(rule.deny) == 0 with input as fx.model([rule_with_headers(5)])
}

networks(n, fields) := [fx.service_network(sprintf("aws_vpclattice_service_network.n%02d", [i]), fields) | some i in numbers.range(1, n)]

placed := {"account": fx.val("111111111111"), "region": fx.val("il-central-1")}

# il-central-1 allows 10 service networks per account.
test_fires_on_eleven_service_networks_in_il_central_1 if {
	fs := rule.deny with input as fx.model(networks(11, placed))
	[[f.entity, f.severity] | some f in fs] == [[fx.id("aws_vpclattice_service_network.n11"), "warning"]]
	some f in fs
	contains(f.message, "account 111111111111 in il-central-1 has 11 service networks in the linted code alone, over the adjustable quota of 10")
}

test_silent_on_ten_service_networks_in_il_central_1 if {
	count(rule.deny) == 0 with input as fx.model(networks(10, placed))
}

test_other_accounts_count_apart if {
	other := fx.merge(fx.service_network("aws_vpclattice_service_network.other", placed), {"account": fx.val("222222222222")})
	count(rule.deny) == 0 with input as fx.model(array.concat(networks(10, placed), [other]))
}

# Networks whose account is unknown cannot be attributed; those that may not
# exist do not count.
test_unknown_account_or_existence_not_counted if {
	unplaced := [fx.service_network(sprintf("aws_vpclattice_service_network.u%02d", [i]), {"account": fx.unknown, "region": fx.val("il-central-1")}) | some i in numbers.range(1, 11)]
	maybe := fx.service_network("aws_vpclattice_service_network.maybe", object.union(placed, {"conditional": true}))
	count(rule.deny) == 0 with input as fx.model(array.concat(unplaced, array.concat(networks(10, placed), [maybe])))
}

test_raised_account_quota if {
	count(rule.deny) == 0 with input as fx.model(networks(11, placed))
		with data.lattice.quotas.accounts as {"111111111111": {"service-networks-per-region": 20}}
}

test_fires_on_resource_gateways_per_vpc if {
	v := fx.vpc("aws_vpc.v", {})
	gws := [fx.resource_gateway(sprintf("aws_vpclattice_resource_gateway.g%d", [i]), {"vpc": fx.ref(v)}) | some i in numbers.range(1, 3)]
	fs := rule.deny with input as fx.model(array.concat(gws, [v]))
		with data.lattice.quotas.limits["resource-gateways-per-vpc"].value as 2
	[f.entity | some f in fs] == [fx.id("aws_vpclattice_resource_gateway.g3")]
}

verifications(n, fields) := [fx.domain_verification(sprintf("aws_vpclattice_domain_verification.d%d", [i]), object.union({"domain_name": fx.val(sprintf("team%d.example.com", [i]))}, fields)) | some i in numbers.range(1, n)]

in_us_east_1 := {"account": fx.val("111111111111"), "region": fx.val("us-east-1")}

test_fires_on_six_domain_verifications_in_one_region if {
	fs := rule.deny with input as fx.model(verifications(6, in_us_east_1))
	[[f.entity, f.severity] | some f in fs] == [[fx.id("aws_vpclattice_domain_verification.d6"), "warning"]]
	some f in fs
	contains(f.message, "account 111111111111 in us-east-1 has 6 domain verifications in the linted code alone, over the adjustable quota of 5")
}

test_silent_on_five_domain_verifications if {
	count(rule.deny) == 0 with input as fx.model(verifications(5, in_us_east_1))
}

test_silent_on_domain_verifications_in_two_regions if {
	west := fx.domain_verification("aws_vpclattice_domain_verification.west", {"account": fx.val("111111111111"), "region": fx.val("us-west-2")})
	count(rule.deny) == 0 with input as fx.model(array.concat(verifications(5, in_us_east_1), [west]))
}

test_silent_on_domain_verifications_with_a_raised_quota if {
	count(rule.deny) == 0 with input as fx.model(verifications(6, in_us_east_1))
		with data.lattice.quotas.accounts as {"111111111111": {"domain-verifications-per-region": 10}}
}

test_unknown_account_or_region_of_domain_verifications if {
	count(rule.deny) == 0 with input as fx.model(verifications(6, {"account": fx.unknown, "region": fx.val("us-east-1")}))
	count(rule.deny) == 0 with input as fx.model(verifications(6, {"account": fx.val("111111111111"), "region": fx.unknown}))
}

test_unknown_count_of_domain_verifications if {
	maybe := fx.domain_verification("aws_vpclattice_domain_verification.maybe", object.union(in_us_east_1, {"conditional": true}))
	count(rule.deny) == 0 with input as fx.model(array.concat(verifications(5, in_us_east_1), [maybe]))
}
