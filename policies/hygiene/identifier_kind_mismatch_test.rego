package lattice.rules.identifier_kind_mismatch_test

import data.lattice.fixtures as fx
import data.lattice.rules.identifier_kind_mismatch as rule

findings(entities) := fs if {
	fs := rule.deny with input as fx.model(entities)
}

placed := {"account": fx.val("111111111111"), "region": fx.val("us-east-1")}

sn := fx.service_network("aws_vpclattice_service_network.n", placed)

svc := fx.service("aws_vpclattice_service.s", placed)

vpc := fx.vpc("aws_vpc.v", placed)

# via is a reference to e's attribute attr, in the form it gives.
via(e, attr, form) := fx.merge(fx.ref(e), {"attribute": attr, "form": form})

test_fires_on_resource_policy_given_an_id if {
	p := fx.resource_policy("aws_vpclattice_resource_policy.p", {"resource": via(sn, "id", "id")})
	[f] := [f | some f in findings([sn, p])]
	f.entity == p.id
	f.attribute == "resource"
	not f.severity
	contains(f.message, "resource_arn")
	contains(f.message, "only an ARN")
}

test_fires_on_vpc_association_given_a_vpc_arn if {
	a := fx.vpc_association("aws_vpclattice_service_network_vpc_association.a", {
		"service_network": fx.ref(sn),
		"vpc": via(vpc, "arn", "arn"),
	})
	[f] := [f | some f in findings([sn, vpc, a])]
	f.attribute == "vpc"
	contains(f.message, "only an id")
}

test_fires_on_a_literal_vpc_arn if {
	ext := fx.external("vpc", "arn:aws:ec2:us-east-1:111111111111:vpc/vpc-0123456789abcdef0", fx.val("111111111111"))
	tg := fx.target_group("aws_vpclattice_target_group.t", {"vpc": fx.ref(ext)})
	[f] := [f | some f in findings([ext, tg])]
	f.attribute == "vpc"
}

test_fires_on_a_service_given_as_vpc if {
	a := fx.vpc_association("aws_vpclattice_service_network_vpc_association.a", {
		"service_network": fx.ref(sn),
		"vpc": fx.ref(svc),
	})
	[f] := [f | some f in findings([sn, svc, a])]
	f.attribute == "vpc"
	contains(f.message, "not a VPC")
}

test_fires_as_info_on_mixed_forms_in_one_unit if {
	a := fx.service_association("aws_vpclattice_service_network_service_association.a", {"service_network": via(sn, "id", "id"), "service": fx.ref(svc)})
	b := fx.service_association("aws_vpclattice_service_network_service_association.b", {"service_network": via(sn, "arn", "arn"), "service": fx.ref(svc)})
	[f] := [f | some f in findings([sn, svc, a, b])]
	f.entity == b.id
	f.severity == "info"
	f.related[0].entity == a.id
}

test_fires_as_info_on_an_arn_of_another_region if {
	ext := fx.external("service_network", "arn:aws:vpc-lattice:eu-west-1:111111111111:servicenetwork/sn-0123456789abcdef0", fx.val("111111111111"))
	a := fx.service_association("aws_vpclattice_service_network_service_association.a", fx.merge(placed, {"service_network": fx.ref(ext), "service": fx.ref(svc)}))
	[f] := [f | some f in findings([ext, svc, a])]
	f.severity == "info"
	contains(f.message, "Region eu-west-1")
}

test_silent_on_the_forms_the_api_takes if {
	p := fx.resource_policy("aws_vpclattice_resource_policy.p", {"resource": via(sn, "arn", "arn")})
	a := fx.vpc_association("aws_vpclattice_service_network_vpc_association.a", {"service_network": fx.ref(sn), "vpc": fx.ref(vpc)})
	s := fx.service_association("aws_vpclattice_service_network_service_association.s", fx.merge(placed, {"service_network": fx.ref(sn), "service": via(svc, "arn", "arn")}))
	count(findings([sn, svc, vpc, p, a, s])) == 0
}

test_silent_on_mixed_forms_in_two_units if {
	a := fx.service_association("aws_vpclattice_service_network_service_association.a", {"service_network": via(sn, "id", "id"), "service": fx.ref(svc)})
	b := fx.merge(
		fx.service_association("aws_vpclattice_service_network_service_association.b", {"service_network": via(sn, "arn", "arn"), "service": fx.ref(svc)}),
		{"source": "other"},
	)
	count(findings([sn, svc, a, b])) == 0
}

test_silent_on_another_resources_attribute if {
	subnet := fx.subnet("aws_subnet.s", {})
	a := fx.vpc_association("aws_vpclattice_service_network_vpc_association.a", {"service_network": fx.ref(sn), "vpc": via(subnet, "vpc_id", "id")})
	count(findings([sn, subnet, a])) == 0
}

test_unknown_reference_is_silent if {
	p := fx.resource_policy("aws_vpclattice_resource_policy.p", {"resource": fx.unknown_ref("service_network")})
	a := fx.vpc_association("aws_vpclattice_service_network_vpc_association.a", {"service_network": fx.ref(sn), "vpc": fx.unknown_ref("vpc")})
	count(findings([sn, p, a])) == 0
}

test_unknown_region_skips_the_region_check if {
	ext := fx.external("service_network", "arn:aws:vpc-lattice:eu-west-1:111111111111:servicenetwork/sn-0123456789abcdef0", fx.val("111111111111"))
	a := fx.service_association("aws_vpclattice_service_network_service_association.a", {"service_network": fx.ref(ext), "service": fx.ref(svc)})
	count(findings([ext, svc, a])) == 0
}

test_silent_on_the_native_format if {
	p := fx.merge(fx.resource_policy("aws_vpclattice_resource_policy.p", {"resource": via(sn, "id", "id")}), {"format": "native"})
	count(findings([sn, p])) == 0
}

test_silent_on_mixed_forms_in_cloudformation if {
	a := fx.merge(fx.service_association("aws_vpclattice_service_network_service_association.a", {"service_network": via(sn, "Id", "id"), "service": fx.ref(svc)}), {"format": "cloudformation"})
	b := fx.merge(fx.service_association("aws_vpclattice_service_network_service_association.b", {"service_network": via(sn, "Ref", "arn"), "service": fx.ref(svc)}), {"format": "cloudformation"})
	count(findings([sn, svc, a, b])) == 0
}

test_mixing_leaves_out_a_form_the_api_refuses if {
	a := fx.vpc_association("aws_vpclattice_service_network_vpc_association.a", {"service_network": fx.ref(sn), "vpc": via(vpc, "arn", "arn")})
	b := fx.vpc_association("aws_vpclattice_service_network_vpc_association.b", {"service_network": fx.ref(sn), "vpc": fx.ref(vpc)})
	[f] := [f | some f in findings([sn, vpc, a, b])]
	f.entity == a.id
	not f.severity
	contains(f.message, "VPC aws_vpc.v")
}
