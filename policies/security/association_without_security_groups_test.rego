package lattice.rules.association_without_security_groups_test

import data.lattice.fixtures as fx
import data.lattice.rules.association_without_security_groups as rule

vpc := fx.vpc("aws_vpc.client", {})

sn := fx.service_network("aws_vpclattice_service_network.n", {})

sg := fx.security_group("aws_security_group.assoc", {"vpc": fx.ref(vpc)})

assoc(fields) := fx.vpc_association("aws_vpclattice_service_network_vpc_association.a", fx.merge(
	{"vpc": fx.ref(vpc), "service_network": fx.ref(sn)},
	fields,
))

test_fires_without_security_groups if {
	a := assoc({})
	fs := rule.deny with input as fx.model([vpc, sn, a])
	[f] := [f | some f in fs]
	f.entity == a.id
	f.attribute == "security_groups"
	contains(f.message, "VPC aws_vpc.client")
	contains(f.message, "service network aws_vpclattice_service_network.n")
}

test_fires_on_empty_list if {
	a := assoc({"security_groups": fx.ref_list([])})
	count(rule.deny) == 1 with input as fx.model([vpc, sn, a])
}

test_fires_with_unresolved_ends if {
	a := assoc({"vpc": fx.unknown_ref("vpc"), "service_network": fx.unknown_ref("service_network")})
	fs := rule.deny with input as fx.model([a])
	[f] := [f | some f in fs]
	contains(f.message, "every workload in the VPC")
}

test_silent_with_security_group if {
	a := assoc({"security_groups": fx.ref_list([sg])})
	count(rule.deny) == 0 with input as fx.model([vpc, sn, sg, a])
}

test_unknown_list_is_silent if {
	a := assoc({"security_groups": fx.unknown_list})
	count(rule.deny) == 0 with input as fx.model([vpc, sn, a])
}
