package lattice.rules.network_dangling_test

import data.lattice.fixtures as fx
import data.lattice.rules.network_dangling as rule

sn_addr := "aws_vpclattice_service_network.n"

vpca := fx.vpc_association("aws_vpclattice_service_network_vpc_association.a", {"service_network": fx.ref_to("service_network", sn_addr)})

sna := fx.service_association("aws_vpclattice_service_network_service_association.a", {"service_network": fx.ref_to("service_network", sn_addr)})

sn(fields) := fx.service_network(sn_addr, fields)

messages(entities) := ms if {
	fs := rule.deny with input as fx.model(entities)
	ms := [f.message | some f in fs]
}

test_fires_when_no_vpc_can_call if {
	[m] := messages([sn({"service_associations": [sna.id]}), sna])
	contains(m, "no client can call")
}

test_fires_when_nothing_to_call if {
	[m] := messages([sn({"vpc_associations": [vpca.id]}), vpca])
	contains(m, "nothing to call")
}

test_fires_when_endpoint_but_nothing_to_call if {
	[m] := messages([sn({"vpc_endpoints": [fx.id("aws_vpc_endpoint.e")]})])
	contains(m, "nothing to call")
}

test_fires_as_info_when_empty if {
	fs := rule.deny with input as fx.model([sn({})])
	[[f.severity, contains(f.message, "empty")] | some f in fs] == [["info", true]]
}

test_fires_as_warning_when_one_side_is_missing if {
	fs := rule.deny with input as fx.model([sn({"vpc_associations": [vpca.id]}), vpca])
	[object.get(f, "severity", "warning") | some f in fs] == ["warning"]
}

test_fires_as_info_when_shared if {
	fs := rule.deny with input as fx.model([sn({"resource_shares": [fx.id("aws_ram_resource_share.s")]})])
	[f.severity | some f in fs] == ["info"]
}

test_fires_with_resource_association_only if {
	[m] := messages([sn({"resource_associations": [fx.id("aws_vpclattice_service_network_resource_association.r")]})])
	contains(m, "no client can call")
}

test_silent_when_complete if {
	count(messages([sn({"vpc_associations": [vpca.id], "service_associations": [sna.id]}), vpca, sna])) == 0
}

test_silent_when_endpoint_and_service if {
	count(messages([sn({"vpc_endpoints": [fx.id("aws_vpc_endpoint.e")], "service_associations": [sna.id]}), sna])) == 0
}

test_silent_when_escaped if {
	count(messages([sn({"escaped": true})])) == 0
}

test_unknown_vpc_association_network_suppresses_no_consumer if {
	loose := fx.vpc_association("aws_vpclattice_service_network_vpc_association.loose", {"service_network": fx.unknown_ref("service_network")})
	count(messages([sn({"service_associations": [sna.id]}), sna, loose])) == 0
}

test_unknown_endpoint_network_suppresses_no_consumer if {
	loose := fx.vpc_endpoint("aws_vpc_endpoint.loose", {"service_network": fx.unknown_ref("service_network")})
	count(messages([sn({"service_associations": [sna.id]}), sna, loose])) == 0
}

test_unknown_service_association_network_suppresses_nothing_to_call if {
	loose := fx.service_association("aws_vpclattice_service_network_service_association.loose", {"service_network": fx.unknown_ref("service_network")})
	count(messages([sn({"vpc_associations": [vpca.id]}), vpca, loose])) == 0
}

test_unknown_provider_does_not_hide_missing_consumer if {
	# An unknown service association may add a provider, not a consumer.
	loose := fx.service_association("aws_vpclattice_service_network_service_association.loose", {"service_network": fx.unknown_ref("service_network")})
	[m] := messages([sn({"service_associations": [sna.id]}), sna, loose])
	contains(m, "no client can call")
}

test_resource_endpoint_without_network_does_not_suppress if {
	# A Resource endpoint has no service network reference at all.
	rep := fx.vpc_endpoint("aws_vpc_endpoint.r", {"endpoint_type": fx.val("Resource")})
	[m] := messages([sn({"service_associations": [sna.id]}), sna, rep])
	contains(m, "no client can call")
}
