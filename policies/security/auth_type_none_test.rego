package lattice.rules.auth_type_none_test

import data.lattice.fixtures as fx
import data.lattice.rules.auth_type_none as rule

assoc_addr := "aws_vpclattice_service_network_service_association.a"

iam_sn := fx.service_network("aws_vpclattice_service_network.n", {"auth_type": fx.val("AWS_IAM"), "service_associations": [fx.id(assoc_addr)]})

svc(fields) := fx.service("aws_vpclattice_service.a", fx.merge({"service_associations": [fx.id(assoc_addr)]}, fields))

assoc(sn) := fx.service_association(assoc_addr, {"service_network": fx.ref(sn), "service": fx.ref_to("service", "aws_vpclattice_service.a")})

findings(entities) := fs if {
	fs := rule.deny with input as fx.model(entities)
}

test_fires_on_default_none_service if {
	[f] := [f | some f in findings([iam_sn, svc({}), assoc(iam_sn)])]
	f.entity == fx.id("aws_vpclattice_service.a")
	f.attribute == "auth_type"
	not f.severity
	contains(f.message, "NONE (the default)")
}

test_fires_on_explicit_none_without_default_note if {
	[f] := [f | some f in findings([iam_sn, svc({"auth_type": fx.val("NONE")}), assoc(iam_sn)])]
	not contains(f.message, "(the default)")
}

test_fires_on_service_network if {
	sn := fx.service_network("aws_vpclattice_service_network.n", {})
	[f] := [f | some f in findings([sn])]
	f.entity == sn.id
	contains(f.message, "service network aws_vpclattice_service_network.n")
}

test_fires_as_error_when_network_is_none_and_shared if {
	sn := fx.merge(iam_sn, {"auth_type": fx.dflt("NONE"), "resource_shares": [fx.id("aws_ram_resource_share.s")]})
	fs := findings([sn, svc({}), assoc(sn)])
	[f] := [f | some f in fs; f.entity == fx.id("aws_vpclattice_service.a")]
	f.severity == "error"
	contains(f.message, "shared through RAM")
	[r.entity | some r in f.related] == [sn.id]
}

test_fires_as_error_when_network_is_none_with_three_vpcs if {
	sn := fx.merge(iam_sn, {"auth_type": fx.dflt("NONE"), "vpc_associations": ["a", "b", "c"]})
	fs := findings([sn, svc({}), assoc(sn)])
	[f] := [f | some f in fs; f.entity == fx.id("aws_vpclattice_service.a")]
	f.severity == "error"
	contains(f.message, "associated with 3 VPCs")
}

test_fires_as_warning_when_network_is_none_with_two_vpcs if {
	sn := fx.merge(iam_sn, {"auth_type": fx.dflt("NONE"), "vpc_associations": ["a", "b"]})
	fs := findings([sn, svc({}), assoc(sn)])
	[f] := [f | some f in fs; f.entity == fx.id("aws_vpclattice_service.a")]
	not f.severity
}

test_silent_for_iam if {
	count(findings([iam_sn, svc({"auth_type": fx.val("AWS_IAM")}), assoc(iam_sn)])) == 0
}

test_unknown_auth_type_is_silent if {
	count(findings([fx.merge(iam_sn, {"auth_type": fx.unknown}), svc({"auth_type": fx.unknown}), assoc(iam_sn)])) == 0
}
