package lattice.rules.vpc_multiple_network_associations_test

import data.lattice.fixtures as fx
import data.lattice.rules.vpc_multiple_network_associations as rule

vpc := fx.vpc("aws_vpc.client", {})

other_vpc := fx.vpc("aws_vpc.other", {})

sn_a := fx.service_network("aws_vpclattice_service_network.a", {})

sn_b := fx.service_network("aws_vpclattice_service_network.b", {})

assoc(name, sn, v, line) := fx.vpc_association(
	concat(".", ["aws_vpclattice_service_network_vpc_association", name]),
	{"service_network": fx.ref(sn), "vpc": fx.ref(v), "range": fx.at(line)},
)

test_fires_on_second_association_in_source_order if {
	first := assoc("first", sn_b, vpc, 10)
	second := assoc("second", sn_a, vpc, 30)
	fs := rule.deny with input as fx.model([vpc, sn_a, sn_b, second, first])
	[f] := [f | some f in fs]
	f.entity == second.id
	f.attribute == "vpc"
	{r.entity | some r in f.related} == {first.id, vpc.id}
	contains(f.message, "aws_vpc.client")
	contains(f.message, "service network aws_vpclattice_service_network.b")
	contains(f.message, "ServiceNetwork VPC endpoint")
}

test_fires_on_every_later_association if {
	fs := rule.deny with input as fx.model([
		vpc, sn_a, sn_b,
		assoc("one", sn_a, vpc, 5), assoc("two", sn_b, vpc, 6), assoc("three", sn_b, vpc, 7),
	])
	{f.entity | some f in fs} == {fx.id("aws_vpclattice_service_network_vpc_association.two"), fx.id("aws_vpclattice_service_network_vpc_association.three")}
}

test_fires_on_same_external_vpc if {
	ext := fx.external("vpc", "vpc-0123456789abcdef0", fx.absent)
	fs := rule.deny with input as fx.model([ext, sn_a, sn_b, assoc("one", sn_a, ext, 5), assoc("two", sn_b, ext, 6)])
	count(fs) == 1
}

test_silent_for_different_vpcs if {
	count(rule.deny) == 0 with input as fx.model([vpc, other_vpc, sn_a, assoc("one", sn_a, vpc, 5), assoc("two", sn_a, other_vpc, 6)])
}

test_silent_for_conditional_alternatives if {
	one := fx.merge(assoc("one", sn_a, vpc, 5), {"conditional": true})
	two := fx.merge(assoc("two", sn_b, vpc, 6), {"conditional": true})
	count(rule.deny) == 0 with input as fx.model([vpc, sn_a, sn_b, one, two])
}

test_unknown_vpc_does_not_count if {
	one := assoc("one", sn_a, vpc, 5)
	two := fx.vpc_association("aws_vpclattice_service_network_vpc_association.two", {"service_network": fx.ref(sn_b), "vpc": fx.unknown_ref("vpc")})
	count(rule.deny) == 0 with input as fx.model([vpc, sn_a, sn_b, one, two])
}
