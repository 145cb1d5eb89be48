package lattice.rules.private_dns_consistency_test

import data.lattice.fixtures as fx
import data.lattice.rules.private_dns_consistency as rule

assoc(fields) := fx.vpc_association("aws_vpclattice_service_network_vpc_association.a", fields)

findings(es) := fs if {
	fs := rule.deny with input as fx.model(es)
}

test_fires_on_options_with_private_dns_off if {
	a := assoc({"private_dns_enabled": fx.val(false), "private_dns_preference": fx.val("VERIFIED_DOMAINS_ONLY")})
	[f] := [f | some f in findings([a])]
	f.attribute == "private_dns_preference"
	not f.severity
}

test_fires_on_domains_without_specified_preference if {
	a := assoc({"private_dns_enabled": fx.val(true), "private_dns_specified_domains": fx.strings(["*.example.com"])})
	[f] := [f | some f in findings([a])]
	f.attribute == "private_dns_specified_domains"
	contains(f.message, "VERIFIED_DOMAINS_ONLY")
}

test_fires_on_more_than_ten_domains if {
	a := assoc({
		"private_dns_enabled": fx.val(true), "private_dns_preference": fx.val("SPECIFIED_DOMAINS_ONLY"),
		"private_dns_specified_domains": fx.strings([sprintf("d%d.example.com", [i]) | some i in numbers.range(1, 11)]),
	})
	[f] := [f | some f in findings([a])]
	contains(f.message, "11")
}

test_domain_limit_comes_from_the_quota_table if {
	a := assoc({
		"private_dns_enabled": fx.val(true), "private_dns_preference": fx.val("SPECIFIED_DOMAINS_ONLY"),
		"private_dns_specified_domains": fx.strings(["a.example.com", "b.example.com"]),
	})
	count(findings([a])) == 0
	fs := findings([a]) with data.lattice.quotas.limits["private-dns-specified-domains"].value as 1
	[f] := [f | some f in fs]
	contains(f.message, "at most 1,")
}

rcfg := fx.resource_configuration("aws_vpclattice_resource_configuration.db", {
	"custom_domain_name": fx.val("db.example.com"),
	"resource_associations": [fx.id("aws_vpclattice_service_network_resource_association.db")],
})

sn := fx.service_network("aws_vpclattice_service_network.n", {
	"vpc_associations": [fx.id("aws_vpclattice_service_network_vpc_association.a")],
	"resource_associations": [fx.id("aws_vpclattice_service_network_resource_association.db")],
})

snra(private_dns) := fx.resource_association("aws_vpclattice_service_network_resource_association.db", {
	"service_network": fx.ref(sn), "resource_configuration": fx.ref(rcfg), "private_dns_enabled": private_dns,
})

test_fires_info_when_resource_association_turns_private_dns_off if {
	a := assoc({"service_network": fx.ref(sn), "private_dns_enabled": fx.val(true)})
	ra := snra(fx.val(false))
	[f] := [f | some f in findings([a, sn, rcfg, ra])]
	f.entity == ra.id
	f.severity == "info"
	f.related == [{"entity": a.id, "message": "private DNS enabled here"}]
}

vpc := fx.vpc("aws_vpc.client", {})

test_fires_info_on_resource_and_network_endpoints_in_one_vpc if {
	re := fx.vpc_endpoint("aws_vpc_endpoint.db", {
		"endpoint_type": fx.val("Resource"), "vpc": fx.ref(vpc), "resource_configuration": fx.ref(rcfg),
		"private_dns_enabled": fx.val(true),
	})
	se := fx.vpc_endpoint("aws_vpc_endpoint.sn", {
		"vpc": fx.ref(vpc), "service_network": fx.ref(sn), "private_dns_enabled": fx.val(true),
	})
	[f] := [f | some f in findings([vpc, re, se, sn, rcfg, snra(fx.val(true))])]
	f.entity == re.id
	f.severity == "info"
}

test_silent_on_consistent_options if {
	a := assoc({
		"service_network": fx.ref(sn), "private_dns_enabled": fx.val(true),
		"private_dns_preference": fx.val("SPECIFIED_DOMAINS_ONLY"), "private_dns_specified_domains": fx.strings(["*.example.com"]),
	})
	count(findings([a, sn, rcfg, snra(fx.val(true))])) == 0
}

test_silent_when_private_dns_not_set if {
	count(findings([assoc({"private_dns_preference": fx.val("ALL_DOMAINS")})])) == 0
}

test_unknown_private_dns_is_silent if {
	count(findings([assoc({"private_dns_enabled": fx.unknown, "private_dns_preference": fx.val("ALL_DOMAINS")})])) == 0
}

test_unknown_preference_is_silent if {
	a := assoc({"private_dns_enabled": fx.val(true), "private_dns_preference": fx.unknown, "private_dns_specified_domains": fx.strings(["*.example.com"])})
	count(findings([a])) == 0
}

test_unknown_resource_association_flag_is_silent if {
	a := assoc({"service_network": fx.ref(sn), "private_dns_enabled": fx.val(true)})
	count(findings([a, sn, rcfg, snra(fx.unknown)])) == 0
}

test_unknown_domains_with_private_dns_off_are_silent if {
	a := assoc({"private_dns_enabled": fx.val(false), "private_dns_specified_domains": fx.unknown_list})
	count(findings([a])) == 0
}
