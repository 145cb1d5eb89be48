package lattice.rules.client_sg_egress_blocks_lattice_test

import data.lattice.fixtures as fx
import data.lattice.rules.client_sg_egress_blocks_lattice as rule

vpc := fx.vpc("aws_vpc.client", {
	"security_groups": [fx.id("aws_security_group.workload")],
	"service_network_associations": [fx.id("aws_vpclattice_service_network_vpc_association.a")],
})

sn := fx.service_network("aws_vpclattice_service_network.n", {
	"vpc_associations": [fx.id("aws_vpclattice_service_network_vpc_association.a")],
	"service_associations": [fx.id("aws_vpclattice_service_network_service_association.s")],
})

svc := fx.service("aws_vpclattice_service.orders", {
	"listeners": [fx.id("aws_vpclattice_listener.https")],
	"service_associations": [fx.id("aws_vpclattice_service_network_service_association.s")],
})

sa := fx.service_association("aws_vpclattice_service_network_service_association.s", {
	"service": fx.ref(svc), "service_network": fx.ref(sn),
})

listener := fx.listener("aws_vpclattice_listener.https", {"protocol": fx.val("HTTPS"), "port": fx.dflt(443), "service": fx.ref(svc)})

assoc := fx.vpc_association("aws_vpclattice_service_network_vpc_association.a", {
	"vpc": fx.ref(vpc), "service_network": fx.ref(sn),
})

workload(egress) := fx.security_group("aws_security_group.workload", {"vpc": fx.ref(vpc), "egress": egress})

pl := fx.prefix_list("data.aws_ec2_managed_prefix_list.lattice", {})

world(egress) := fx.model([vpc, sn, svc, sa, listener, assoc, pl, workload(egress)])

egress(fields) := fx.merge(fx.ingress(fields), {"direction": "egress"})

to_cidr(c, cover) := egress({"cidr_blocks": fx.strings([c]), "cidrs_cover_lattice": fx.val(cover)})

test_fires_when_egress_stays_in_the_vpc if {
	fs := rule.deny with input as world([to_cidr("10.0.0.0/8", false)])
	[f] := [f | some f in fs]
	f.entity == "root//aws_security_group.workload"
	f.attribute == "egress"
	contains(f.message, "client VPC aws_vpc.client")
	contains(f.message, "listener port 443")
}

test_fires_when_the_port_is_not_covered if {
	r := egress({"prefix_lists": fx.ref_list([pl]), "from_port": fx.val(80), "to_port": fx.val(80)})
	count(rule.deny) == 1 with input as world([r])
}

test_silent_with_the_lattice_prefix_list if {
	r := egress({"prefix_lists": fx.ref_list([pl])})
	count(rule.deny) == 0 with input as world([r])
}

test_silent_with_all_traffic if {
	count(rule.deny) == 0 with input as world([to_cidr("0.0.0.0/0", true)])
}

test_silent_without_egress_rules if {
	count(rule.deny) == 0 with input as world([])
}

test_silent_when_the_vpc_reaches_no_network if {
	v := object.union(vpc, {"service_network_associations": null})
	count(rule.deny) == 0 with input as fx.model([v, sn, svc, sa, listener, pl, workload([to_cidr("10.0.0.0/8", false)])])
}

test_unknown_prefix_list_is_silent if {
	r := egress({"prefix_lists": {"known": true, "items": [fx.unknown_ref("prefix_list")], "range": fx.at(1)}})
	count(rule.deny) == 0 with input as world([r])
}

test_unknown_cidrs_are_silent if {
	r := egress({"cidr_blocks": fx.strings(["10.0.0.0/8"]), "cidrs_cover_lattice": fx.unknown})
	count(rule.deny) == 0 with input as world([r])
}
