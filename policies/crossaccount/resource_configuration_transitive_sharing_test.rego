package lattice.rules.resource_configuration_transitive_sharing_test

import data.lattice.fixtures as fx
import data.lattice.rules.resource_configuration_transitive_sharing as rule

rcfg(allow, fields) := fx.resource_configuration("aws_vpclattice_resource_configuration.c", fx.merge(
	{"allow_association_to_shareable_service_network": allow, "account": fx.val("111111111111")},
	fields,
))

share := fx.resource_share("aws_ram_resource_share.s", {"resources": [fx.ref_to("resource_configuration", "aws_vpclattice_resource_configuration.c")]})

sn(enabled) := fx.service_network("aws_vpclattice_service_network.n", {"sharing_enabled": enabled})

assoc(c, n) := fx.resource_association("aws_vpclattice_service_network_resource_association.a", {
	"resource_configuration": fx.ref(c), "service_network": fx.ref(n), "account": fx.val("222222222222"),
})

test_fires_on_shared_configuration_allowing_shareable if {
	c := rcfg(fx.val(true), {"resource_shares": [share.id]})
	fs := rule.deny with input as fx.model([c, share])
	[f] := [f | some f in fs]
	f.entity == c.id
	not f.severity
}

test_fires_error_on_association_to_shareable_network if {
	c := rcfg(fx.dflt(false), {})
	n := sn(fx.dflt(true))
	a := assoc(c, n)
	fs := rule.deny with input as fx.model([c, n, a])
	[f] := [f | some f in fs]
	f.entity == a.id
	f.severity == "error"
	contains(f.message, "(the default)")
}

test_silent_on_owner_association if {
	c := rcfg(fx.dflt(false), {})
	n := sn(fx.dflt(true))
	own := fx.merge(assoc(c, n), {"account": fx.val("111111111111")})
	count(rule.deny) == 0 with input as fx.model([c, n, own])
}

test_unknown_association_account_is_silent if {
	c := rcfg(fx.dflt(false), {})
	n := sn(fx.dflt(true))
	count(rule.deny) == 0 with input as fx.model([c, n, fx.merge(assoc(c, n), {"account": fx.unknown})])
}

test_silent_when_not_shared if {
	count(rule.deny) == 0 with input as fx.model([rcfg(fx.val(true), {})])
}

test_silent_on_association_to_non_shareable_network if {
	c := rcfg(fx.dflt(false), {})
	n := sn(fx.val(false))
	count(rule.deny) == 0 with input as fx.model([c, n, assoc(c, n)])
}

test_silent_when_configuration_allows_shareable if {
	c := rcfg(fx.val(true), {})
	n := sn(fx.val(true))
	count(rule.deny) == 0 with input as fx.model([c, n, assoc(c, n)])
}

test_unknown_flag_is_silent if {
	c := rcfg(fx.unknown, {"resource_shares": [share.id]})
	n := sn(fx.val(true))
	count(rule.deny) == 0 with input as fx.model([c, share, n, assoc(c, n)])
}

test_unknown_sharing_is_silent if {
	c := rcfg(fx.dflt(false), {})
	n := sn(fx.unknown)
	count(rule.deny) == 0 with input as fx.model([c, n, assoc(c, n)])
}
