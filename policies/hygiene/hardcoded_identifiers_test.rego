package lattice.rules.hardcoded_identifiers_test

import data.lattice.fixtures as fx
import data.lattice.rules.hardcoded_identifiers as rule

findings(entities) := fs if {
	fs := rule.deny with input as fx.model(entities)
}

sn_arn := "arn:aws:vpc-lattice:us-east-1:111111111111:servicenetwork/sn-0123456789abcdef0"

sn := fx.service_network("aws_vpclattice_service_network.n", {"account": fx.val("111111111111"), "region": fx.val("us-east-1")})

svc := fx.service("aws_vpclattice_service.s", {})

# literal_to is a literal the model matched to entity e.
literal_to(e, value) := {"target": e.id, "kind": e.kind, "form": "arn", "value": value, "inferred": true, "range": fx.at(3)}

association(ref) := fx.service_association("aws_vpclattice_service_network_service_association.a", {"service_network": ref, "service": fx.ref(svc)})

# --- a literal identifier of a declared resource ----------------------------------------

test_fires_on_a_literal_arn_of_a_network_the_unit_declares if {
	a := association(literal_to(sn, sn_arn))
	[f] := [f | some f in findings([sn, svc, a])]
	f.entity == a.id
	f.attribute == "service_network"
	f.severity == "info"
	f.related[0].entity == sn.id
}

test_fires_on_a_literal_arn_in_a_share if {
	share := fx.resource_share("aws_ram_resource_share.s", {"resources": [literal_to(sn, sn_arn)]})
	[f] := [f | some f in findings([sn, share])]
	f.attribute == "resources[0]"
}

test_silent_on_a_reference if {
	count(findings([sn, svc, association(fx.ref(sn))])) == 0
}

test_silent_on_a_literal_of_another_unit if {
	other := fx.merge(sn, {"source": "network"})
	count(findings([other, svc, association(literal_to(other, sn_arn))])) == 0
}

test_silent_on_an_external_literal if {
	ext := fx.external("service_network", "arn:aws:vpc-lattice:us-east-1:222222222222:servicenetwork/sn-0123456789abcdef0", fx.val("222222222222"))
	count(findings([ext, svc, association(fx.ref(ext))])) == 0
}

test_unknown_reference_is_silent if {
	count(findings([sn, svc, association(fx.unknown_ref("service_network"))])) == 0
}

# --- a hard-coded prefix list on a target's security group --------------------------------

pl_literal := {"known": true, "items": [{"kind": "prefix_list", "value": "pl-0123456789abcdef0", "form": "id", "range": fx.at(5)}], "range": fx.at(5)}

guarded(prefix_lists) := [sg, instance, tg, attachment] if {
	sg := fx.security_group("aws_security_group.app", {"ingress": [fx.ingress({"from_port": fx.val(8080), "to_port": fx.val(8080), "prefix_lists": prefix_lists})]})
	instance := fx.instance("aws_instance.web", {"security_groups": fx.ref_list([sg])})
	tg := fx.target_group("aws_vpclattice_target_group.app", {"port": fx.val(8080)})
	attachment := fx.target("aws_vpclattice_target_group_attachment.web", {"target_group": fx.ref(tg), "target": fx.ref(instance)})
}

test_fires_on_a_literal_prefix_list_guarding_targets if {
	[f] := [f | some f in findings(guarded(pl_literal))]
	f.entity == fx.id("aws_security_group.app")
	f.attribute == "ingress[0].prefix_lists[0]"
	f.severity == "info"
	contains(f.message, "pl-0123456789abcdef0")
}

test_silent_on_the_prefix_list_looked_up_by_name if {
	pl := fx.prefix_list("data.aws_ec2_managed_prefix_list.lattice", {})
	count(findings(array.concat([pl], guarded(fx.ref_list([pl]))))) == 0
}

test_silent_on_a_literal_prefix_list_of_a_group_guarding_no_target if {
	sg := fx.security_group("aws_security_group.app", {"ingress": [fx.ingress({"prefix_lists": pl_literal})]})
	count(findings([sg])) == 0
}

test_unknown_prefix_list_is_silent if {
	unknown := {"known": true, "items": [fx.unknown_ref("prefix_list")], "range": fx.at(5)}
	count(findings(guarded(unknown))) == 0
}

test_silent_on_a_literal_prefix_list_in_cloudformation if {
	[sg, instance, tg, attachment] := guarded(pl_literal)
	count(findings([fx.merge(sg, {"format": "cloudformation"}), instance, tg, attachment])) == 0
}

test_silent_on_the_native_format if {
	a := fx.merge(association(literal_to(sn, sn_arn)), {"format": "native"})
	count(findings([sn, svc, a])) == 0
}
