package lattice.lib_test

import data.lattice.fixtures as fx
import data.lattice.lib

test_collection_names if {
	# Every kind's collection; pkg/rules checks the table against the Go model.
	lib.collection("service") == "services"
	lib.collection("service_network_vpc_association") == "service_network_vpc_associations"
	lib.collection("security_group_rule") == "security_group_rules"
	lib.collection("resource_gateway") == "resource_gateways"
	lib.collection("external") == "externals"
	lib.collection("ecs_service") == "ecs_services"
}

svc := fx.service("aws_vpclattice_service.a", {})

ext_svc := fx.external("service", "arn:aws:vpc-lattice:eu-west-1:222222222222:service/svc-1", fx.val("222222222222"))

test_entity_lookup if {
	e := lib.entity(svc.id) with input as fx.model([svc, ext_svc])
	e.address == "aws_vpclattice_service.a"
	x := lib.entity(ext_svc.id) with input as fx.model([svc, ext_svc])
	x.for == "service"
}

test_entity_lookup_ignores_accounts if {
	not lib.entity("111111111111") with input as fx.model_in({"111111111111"}, [svc])
}

test_target_in_model_and_external if {
	lib.target(fx.ref(svc)).id == svc.id with input as fx.model([svc, ext_svc])
	lib.target(fx.ref(ext_svc)).id == ext_svc.id with input as fx.model([svc, ext_svc])
}

test_name_prefers_address if {
	lib.name(svc) == "aws_vpclattice_service.a"
	lib.name(fx.merge(svc, {"address": ""})) == svc.id
}

test_items_and_empty if {
	lib.items(svc, "listeners") == []
	lib.empty(svc, "listeners")
	lib.empty(svc, "no_such_field")
	not lib.empty(fx.merge(svc, {"listeners": ["x"]}), "listeners")
}

test_known_values if {
	lib.known(fx.val(false))
	lib.known(fx.val(0))
	not lib.known(fx.unknown)
	lib.is(fx.val("NONE"), "NONE")
	not lib.is(fx.unknown, "NONE")
	lib.default_value(fx.dflt("NONE"))
	not lib.default_value(fx.val("NONE"))
}

test_reference_states if {
	lib.resolved(fx.ref(svc))
	lib.in_model(fx.ref(svc))
	not lib.in_model(fx.ref(ext_svc))
	lib.resolved(fx.ref(ext_svc))
	lib.unresolved(fx.unknown_ref("service"))
	not lib.unresolved(fx.absent)
	not lib.unresolved(fx.ref(svc))
	lib.unresolved({"value": "my-service", "range": fx.at(3)})
}

test_unresolved_in if {
	a := fx.service_association("aws_vpclattice_service_network_service_association.a", {"service": fx.unknown_ref("service")})
	lib.unresolved_in("service_network_service_associations", "service") with input as fx.model([a])
	b := fx.service_association("aws_vpclattice_service_network_service_association.b", {"service": fx.ref(svc)})
	not lib.unresolved_in("service_network_service_associations", "service") with input as fx.model([svc, b])
}

test_list_unknown if {
	lib.list_unknown(fx.unknown_list)
	not lib.list_unknown(fx.no_list)
	not lib.list_unknown({"known": false, "items": null, "range": fx.zero})
}

# --- security groups ----------------------------------------------------------------

lattice_pl := fx.prefix_list("data.aws_ec2_managed_prefix_list.lattice", {})

other_pl := fx.prefix_list("data.aws_ec2_managed_prefix_list.s3", {"name": fx.val("com.amazonaws.eu-west-1.s3"), "lattice": fx.val(false)})

unknown_pl := fx.prefix_list("data.aws_ec2_managed_prefix_list.x", {"name": fx.unknown, "lattice": fx.unknown})

ext_pl := fx.external("prefix_list", "pl-0123456789abcdef0", fx.absent)

from_pl(pl, fields) := fx.ingress(fx.merge({"prefix_lists": fx.ref_list([pl])}, fields))

sg_with(rules) := fx.security_group("aws_security_group.t", {"ingress": rules})

admits(rules, port) if {
	lib.admits_lattice(sg_with(rules), port) with input as fx.model([lattice_pl, other_pl, unknown_pl, ext_pl])
}

test_admits_lattice_prefix_list_on_port if {
	admits([from_pl(lattice_pl, {})], 443)
	not admits([from_pl(lattice_pl, {})], 8080)
}

test_admits_port_range if {
	r := from_pl(lattice_pl, {"from_port": fx.val(8000), "to_port": fx.val(8999)})
	admits([r], 8080)
	not admits([r], 9000)
}

test_admits_unknown_ports_and_protocols if {
	admits([from_pl(lattice_pl, {"from_port": fx.unknown})], 8080)
	admits([from_pl(lattice_pl, {"protocol": fx.val("-1"), "from_port": fx.val(-1), "to_port": fx.val(-1)})], 8080)
	admits([from_pl(lattice_pl, {"protocol": fx.unknown, "from_port": fx.val(0), "to_port": fx.val(0)})], 8080)
	admits([from_pl(lattice_pl, {"protocol": fx.val("6")})], 443)
}

test_udp_does_not_admit if {
	not admits([from_pl(lattice_pl, {"protocol": fx.val("udp")})], 443)
}

test_other_prefix_list_does_not_admit if {
	not admits([from_pl(other_pl, {})], 443)
}

test_unknown_prefix_lists_may_be_lattice if {
	admits([from_pl(unknown_pl, {})], 443)
	admits([from_pl(ext_pl, {})], 443)
	admits([fx.ingress({"prefix_lists": {"known": true, "items": [fx.unknown_ref("prefix_list")], "range": fx.at(3)}})], 443)
	admits([fx.ingress({"prefix_lists": fx.unknown_list})], 443)
}

test_cidrs if {
	admits([fx.ingress({"cidr_blocks": fx.strings(["0.0.0.0/0"]), "cidrs_cover_lattice": fx.val(true)})], 443)
	admits([fx.ingress({"cidr_blocks": fx.unknown_list, "cidrs_cover_lattice": fx.unknown})], 443)
	not admits([fx.ingress({"cidr_blocks": fx.strings(["10.0.0.0/16"]), "cidrs_cover_lattice": fx.val(false)})], 443)
}

test_client_security_group_source_does_not_admit if {
	other := fx.security_group("aws_security_group.client", {})
	not admits([fx.ingress({"security_groups": fx.ref_list([other])})], 443)
	not admits([fx.ingress({"self": fx.val(true)})], 443)
}

test_unknown_rule_set_admits if {
	lib.admits_lattice(fx.security_group("aws_security_group.t", {"rules_known": false}), 443)
}

test_escaped_group_may_admit if {
	lib.admits_lattice(fx.security_group("aws_security_group.t", {"escaped": true}), 443)
}

test_absent_attribute if {
	lib.absent(fx.absent)
	not lib.absent(fx.unknown)
	not lib.absent(fx.val(0))
}

test_precise_security_groups if {
	a := fx.security_group("aws_security_group.a", {})
	sgs := lib.precise_security_groups(fx.ref_list([a])) with input as fx.model([a])
	[s.id | some s in sgs] == [a.id]
	ext := fx.external("security_group", "sg-0123", fx.absent)
	not lib.precise_security_groups(fx.ref_list([a, ext])) with input as fx.model([a, ext])
	not lib.precise_security_groups(fx.no_list)
	not lib.precise_security_groups(fx.unknown_list)
}

test_shared if {
	lib.shared(fx.service("aws_vpclattice_service.s", {"resource_shares": ["root//aws_ram_resource_share.s"]}))
	not lib.shared(svc)
}
