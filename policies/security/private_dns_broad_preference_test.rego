package lattice.rules.private_dns_broad_preference_test

import data.lattice.fixtures as fx
import data.lattice.rules.private_dns_broad_preference as rule

assoc(fields) := fx.vpc_association("aws_vpclattice_service_network_vpc_association.a", fields)

findings(a) := fs if {
	fs := rule.deny with input as fx.model([a])
}

test_fires_on_all_domains if {
	a := assoc({"private_dns_enabled": fx.val(true), "private_dns_preference": fx.val("ALL_DOMAINS")})
	[f] := [f | some f in findings(a)]
	f.entity == a.id
	f.attribute == "private_dns_preference"
}

test_fires_on_endpoint if {
	e := fx.vpc_endpoint("aws_vpc_endpoint.sn", {"private_dns_enabled": fx.val(true), "private_dns_preference": fx.val("ALL_DOMAINS")})
	[f.entity | some f in findings(e)] == [e.id]
}

test_silent_with_private_dns_unset if {
	count(findings(assoc({"private_dns_preference": fx.val("ALL_DOMAINS")}))) == 0
}

test_fires_on_top_level_wildcard if {
	a := assoc({
		"private_dns_enabled": fx.val(true), "private_dns_preference": fx.val("SPECIFIED_DOMAINS_ONLY"),
		"private_dns_specified_domains": fx.strings(["*.example.com", "*.com"]),
	})
	[f.attribute | some f in findings(a)] == ["private_dns_specified_domains[1]"]
}

test_silent_on_verified_domains_only if {
	count(findings(assoc({"private_dns_enabled": fx.val(true), "private_dns_preference": fx.val("VERIFIED_DOMAINS_ONLY")}))) == 0
}

test_silent_on_specific_domains if {
	a := assoc({
		"private_dns_enabled": fx.val(true), "private_dns_preference": fx.val("VERIFIED_DOMAINS_AND_SPECIFIED_DOMAINS"),
		"private_dns_specified_domains": fx.strings(["*.db.example.com", "api.example.org"]),
	})
	count(findings(a)) == 0
}

test_silent_with_private_dns_off if {
	count(findings(assoc({"private_dns_enabled": fx.val(false), "private_dns_preference": fx.val("ALL_DOMAINS")}))) == 0
}

test_unknown_preference_is_silent if {
	count(findings(assoc({"private_dns_enabled": fx.val(true), "private_dns_preference": fx.unknown}))) == 0
}

test_unknown_private_dns_is_silent if {
	count(findings(assoc({"private_dns_enabled": fx.unknown, "private_dns_preference": fx.val("ALL_DOMAINS")}))) == 0
}

test_unknown_domain_is_silent if {
	a := assoc({
		"private_dns_enabled": fx.val(true), "private_dns_preference": fx.val("SPECIFIED_DOMAINS_ONLY"),
		"private_dns_specified_domains": {"known": true, "items": [fx.unknown], "range": fx.at(1)},
	})
	count(findings(a)) == 0
}
