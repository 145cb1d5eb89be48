package lattice.rules.association_sg_missing_listener_ingress_test

import data.lattice.fixtures as fx
import data.lattice.rules.association_sg_missing_listener_ingress as rule

vpc := fx.vpc("aws_vpc.client", {
	"security_groups": [fx.id("aws_security_group.assoc")],
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

listener(port) := fx.listener("aws_vpclattice_listener.https", {"protocol": fx.val("HTTPS"), "port": port, "service": fx.ref(svc)})

sg(rules) := fx.security_group("aws_security_group.assoc", {"vpc": fx.ref(vpc), "ingress": rules})

assoc(sgs) := fx.vpc_association("aws_vpclattice_service_network_vpc_association.a", {
	"vpc": fx.ref(vpc), "service_network": fx.ref(sn), "security_groups": sgs,
})

world(rules, port) := fx.model([vpc, sn, svc, sa, listener(port), sg(rules), assoc(fx.ref_list([sg(rules)]))])

from_cidr(c) := fx.ingress({"cidr_blocks": fx.strings([c])})

test_fires_when_no_group_admits_the_port if {
	fs := rule.deny with input as world([from_cidr("192.168.0.0/16")], fx.val(443))
	[f] := [f | some f in fs]
	f.entity == "root//aws_vpclattice_service_network_vpc_association.a"
	f.attribute == "security_groups"
	contains(f.message, "TCP port 443 from VPC aws_vpc.client")
	contains(f.message, "listener aws_vpclattice_listener.https of service aws_vpclattice_service.orders")
}

test_fires_when_the_port_differs if {
	count(rule.deny) == 1 with input as world([from_cidr("10.0.0.0/16")], fx.val(8443))
}

test_silent_when_the_vpc_cidr_is_admitted if {
	count(rule.deny) == 0 with input as world([from_cidr("10.0.0.0/8")], fx.val(443))
}

test_silent_when_a_group_of_the_vpc_is_the_source if {
	r := fx.ingress({"security_groups": fx.ref_list([sg([])])})
	count(rule.deny) == 0 with input as world([r], fx.val(443))
}

test_silent_without_security_groups if {
	count(rule.deny) == 0 with input as fx.model([vpc, sn, svc, sa, listener(fx.val(443)), assoc(fx.ref_list([]))])
}

test_unknown_cidr_is_silent if {
	r := fx.ingress({"cidr_blocks": {"known": true, "items": [fx.unknown], "range": fx.at(1)}})
	count(rule.deny) == 0 with input as world([r], fx.val(443))
}

test_unknown_port_is_silent if {
	count(rule.deny) == 0 with input as world([from_cidr("192.168.0.0/16")], fx.unknown)
}

test_unknown_rules_are_silent if {
	g := object.union(sg([]), {"rules_known": false})
	count(rule.deny) == 0 with input as fx.model([vpc, sn, svc, sa, listener(fx.val(443)), g, assoc(fx.ref_list([g]))])
}

test_unknown_group_list_is_silent if {
	count(rule.deny) == 0 with input as fx.model([vpc, sn, svc, sa, listener(fx.val(443)), assoc(fx.unknown_list)])
}
