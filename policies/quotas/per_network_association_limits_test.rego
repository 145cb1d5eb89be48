package lattice.rules.per_network_association_limits_test

import data.lattice.fixtures as fx
import data.lattice.rules.per_network_association_limits as rule

assocs(n, fields) := [fx.vpc_association(sprintf("aws_vpclattice_service_network_vpc_association.a%d", [i]), fields) | some i in numbers.range(1, n)]

ids(es) := [e.id | some e in es]

network(field, es) := fx.service_network("aws_vpclattice_service_network.sn", {field: ids(es)})

test_fires_at_80_percent_of_vpc_associations if {
	xs := assocs(400, {})
	fs := rule.deny with input as fx.model(array.concat(xs, [network("vpc_associations", xs)]))
	[[f.entity, f.severity] | some f in fs] == [[fx.id("aws_vpclattice_service_network.sn"), "warning"]]
	some f in fs
	contains(f.message, "has 400 VPC associations, 80 % of the adjustable quota of 500")
}

test_says_over_the_quota if {
	xs := assocs(3, {})
	some f in rule.deny with input as fx.model(array.concat(xs, [network("vpc_associations", xs)]))
		with data.lattice.quotas.limits["vpc-associations-per-service-network"].value as 2
	contains(f.message, "has 3 VPC associations, over the adjustable quota of 2")
}

test_silent_below_80_percent if {
	xs := assocs(399, {})
	count(rule.deny) == 0 with input as fx.model(array.concat(xs, [network("vpc_associations", xs)]))
}

test_warn_percent_is_configurable if {
	xs := assocs(3, {})
	count(rule.deny) == 0 with input as fx.model(array.concat(xs, [network("vpc_associations", xs)]))
		with data.lattice.quotas.limits["vpc-associations-per-service-network"].value as 4
		with data.lattice.quotas.warn_percent as 90
}

# Associations that may not exist count zero: 4 sure ones of a quota of 5
# stay below 80 % however many the unknown for_each creates.
test_unknown_count_is_a_lower_bound if {
	xs := array.concat(assocs(3, {}), [fx.vpc_association("aws_vpclattice_service_network_vpc_association.maybe", {"conditional": true})])
	count(rule.deny) == 0 with input as fx.model(array.concat(xs, [network("vpc_associations", xs)]))
		with data.lattice.quotas.limits["vpc-associations-per-service-network"].value as 5
}

test_fires_on_service_associations if {
	sas := [fx.service_association(sprintf("aws_vpclattice_service_network_service_association.s%d", [i]), {}) | some i in numbers.range(1, 2)]
	fs := rule.deny with input as fx.model(array.concat(sas, [network("service_associations", sas)]))
		with data.lattice.quotas.limits["service-associations-per-service-network"].value as 2
	count(fs) == 1
}

test_fires_on_service_network_endpoints if {
	eps := [fx.vpc_endpoint(sprintf("aws_vpc_endpoint.e%d", [i]), {}) | some i in numbers.range(1, 160)]
	fs := rule.deny with input as fx.model(array.concat(eps, [network("vpc_endpoints", eps)]))
	some f in fs
	contains(f.message, "160 service-network VPC endpoints, 80 % of the adjustable quota of 200")
}

test_account_quota_raised if {
	xs := assocs(400, {})
	sn := fx.merge(network("vpc_associations", xs), {"account": fx.val("111111111111")})
	count(rule.deny) == 0 with input as fx.model(array.concat(xs, [sn]))
		with data.lattice.quotas.accounts as {"111111111111": {"vpc-associations-per-service-network": 1000}}
}
