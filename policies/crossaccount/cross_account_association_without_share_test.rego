package lattice.rules.cross_account_association_without_share_test

import data.lattice.fixtures as fx
import data.lattice.rules.cross_account_association_without_share as rule

owner := "111111111111"

consumer := "222222222222"

sn := fx.service_network("aws_vpclattice_service_network.shared", {"account": fx.val(owner)})

vpc := fx.vpc("aws_vpc.consumer", {"account": fx.val(consumer)})

assoc := fx.vpc_association("aws_vpclattice_service_network_vpc_association.consumer", {
	"account": fx.val(consumer), "service_network": fx.ref(sn), "vpc": fx.ref(vpc),
})

share(fields) := fx.resource_share("aws_ram_resource_share.sn", fx.merge(
	{"account": fx.val(owner), "resources": [fx.ref(sn)], "principals": [fx.val(consumer)]},
	fields,
))

findings(entities) := fs if {
	fs := rule.deny with input as fx.model_in({owner, consumer}, entities)
}

test_fires_without_share if {
	[f] := [f | some f in findings([sn, vpc, assoc])]
	f.entity == assoc.id
	f.attribute == "service_network"
	not f.severity
	[r.entity | some r in f.related] == [sn.id]
	contains(f.message, "account 222222222222")
	contains(f.message, "aws_vpclattice_service_network.shared")
}

test_silent_with_share if {
	count(findings([sn, vpc, assoc, share({})])) == 0
}

test_silent_for_same_account if {
	own := fx.merge(assoc, {"account": fx.val(owner)})
	count(findings([sn, vpc, own])) == 0
}

test_fires_when_share_names_another_principal if {
	count(findings([sn, vpc, assoc, share({"principals": [fx.val("333333333333")]})])) == 1
}

test_fires_when_share_is_owned_by_another_account if {
	count(findings([sn, vpc, assoc, share({"account": fx.val("333333333333")})])) == 1
}

test_fires_when_share_holds_another_resource if {
	other := fx.service_network("aws_vpclattice_service_network.other", {"account": fx.val(owner)})
	count(findings([sn, other, vpc, assoc, share({"resources": [fx.ref(other)]})])) == 1
}

test_silent_with_organization_principal if {
	org := "arn:aws:organizations::111111111111:organization/o-abc123"
	count(findings([sn, vpc, assoc, share({"principals": [fx.val(org)]})])) == 0
}

test_silent_with_ou_principal if {
	ou := "arn:aws:organizations::111111111111:ou/o-abc123/ou-ab12-cdef3456"
	count(findings([sn, vpc, assoc, share({"principals": [fx.val(ou)]})])) == 0
}

test_unknown_principal_counts if {
	count(findings([sn, vpc, assoc, share({"principals": [fx.unknown]})])) == 0
}

test_unknown_share_resource_counts if {
	count(findings([sn, vpc, assoc, share({"resources": [fx.unknown_ref("service_network")]})])) == 0
}

test_unknown_share_owner_counts if {
	count(findings([sn, vpc, assoc, share({"account": fx.unknown})])) == 0
}

test_incomplete_share_counts if {
	count(findings([sn, vpc, assoc, share({"resources": null, "principals": null, "complete": false})])) == 0
}

test_unknown_association_account_is_silent if {
	count(findings([sn, vpc, fx.merge(assoc, {"account": fx.unknown})])) == 0
}

test_unknown_end_account_is_silent if {
	count(findings([fx.merge(sn, {"account": fx.unknown}), vpc, assoc])) == 0
}

test_silent_when_end_is_escaped if {
	count(findings([fx.merge(sn, {"escaped": true}), vpc, assoc])) == 0
}

test_share_association_of_unseen_share_counts if {
	x := fx.share_association("aws_ram_resource_association.sn", {
		"share": fx.unknown_ref("resource_share"), "resource": fx.ref(sn),
	})
	count(findings([sn, vpc, assoc, x])) == 0
}

# --- ends outside the model ----------------------------------------------------------------

ext_sn(account) := fx.external(
	"service_network",
	sprintf("arn:aws:vpc-lattice:eu-west-1:%s:servicenetwork/sn-0123456789abcdef0", [account]),
	fx.val(account),
)

ext_assoc(e) := fx.merge(assoc, {"service_network": fx.ref(e)})

test_fires_as_info_for_account_outside_model if {
	e := ext_sn("444444444444")
	[f] := [f | some f in findings([e, vpc, ext_assoc(e)])]
	f.severity == "info"
	contains(f.message, "outside the model")
}

test_fires_for_external_end_of_modelled_account if {
	e := ext_sn(owner)
	[f] := [f | some f in findings([e, vpc, ext_assoc(e)])]
	not f.severity
}

test_silent_for_external_end_shared_by_kind if {
	e := ext_sn(owner)
	count(findings([e, sn, vpc, ext_assoc(e), share({})])) == 0
}

test_silent_for_external_end_shared_by_value if {
	e := ext_sn("444444444444")
	s := share({"account": fx.val("444444444444"), "resources": [fx.ref(e)]})
	count(findings([e, vpc, ext_assoc(e), s])) == 0
}

# --- service and resource associations, endpoints -------------------------------------------

test_fires_on_foreign_service_in_own_network if {
	own_sn := fx.merge(sn, {"account": fx.val(consumer)})
	svc := fx.service("aws_vpclattice_service.provider", {"account": fx.val(owner)})
	a := fx.service_association("aws_vpclattice_service_network_service_association.x", {
		"account": fx.val(consumer), "service_network": fx.ref(own_sn), "service": fx.ref(svc),
	})
	[f] := [f | some f in findings([own_sn, svc, a])]
	f.attribute == "service"
	contains(f.message, "service association")
}

test_fires_on_endpoint_to_foreign_network if {
	ep := fx.vpc_endpoint("aws_vpc_endpoint.sn", {"account": fx.val(consumer), "service_network": fx.ref(sn)})
	[f] := [f | some f in findings([sn, ep])]
	f.entity == ep.id
	contains(f.message, "VPC endpoint")
}

test_fires_on_foreign_resource_configuration if {
	own_sn := fx.merge(sn, {"account": fx.val(consumer)})
	rc := fx.resource_configuration("aws_vpclattice_resource_configuration.db", {"account": fx.val(owner)})
	a := fx.resource_association("aws_vpclattice_service_network_resource_association.db", {
		"account": fx.val(consumer), "service_network": fx.ref(own_sn), "resource_configuration": fx.ref(rc),
	})
	[f] := [f | some f in findings([own_sn, rc, a])]
	f.attribute == "resource_configuration"
}
