package lattice.lib.reach_test

import data.lattice.fixtures as fx
import data.lattice.lib

test_cidr_overlap if {
	lib.may_overlap("10.0.0.0/16", "10.0.1.0/24")
	lib.may_overlap("10.0.1.0/24", "10.0.0.0/16")
	lib.may_overlap("0.0.0.0/0", "192.168.0.0/16")
	not lib.may_overlap("10.1.0.0/16", "10.0.0.0/16")
	not lib.may_overlap("192.168.0.0/16", "10.0.0.0/8")
	not lib.may_overlap("::/0", "10.0.0.0/16")
	lib.may_overlap("fd00::/8", "::/0")
	lib.may_overlap("10.0.0.0/33", "10.0.0.0/16") # unreadable: may overlap
}

test_verdict_ranks if {
	ok := {"status": "ok"}
	blocked := {"status": "blocked"}
	unknown := {"status": "unknown"}
	lib.path_status([ok, unknown, blocked]) == "blocked"
	lib.path_status([ok, unknown]) == "unknown"
	lib.verdict([[ok, blocked], [ok]]) == "reachable"
	lib.verdict([[ok, blocked], [unknown]]) == "unknown"
	lib.verdict([[ok, blocked], [blocked, unknown]]) == "blocked"
}

# --- one client, one service, one target ------------------------------------------------

client := fx.vpc("aws_vpc.client", {
	"security_groups": [fx.id("aws_security_group.assoc")],
	"service_network_associations": [fx.id("aws_vpclattice_service_network_vpc_association.a")],
})

assoc_sg(rules) := fx.security_group("aws_security_group.assoc", {"vpc": fx.ref(client), "ingress": rules})

sn := fx.service_network("aws_vpclattice_service_network.sn", {
	"vpc_associations": [fx.id("aws_vpclattice_service_network_vpc_association.a")],
	"service_associations": [fx.id("aws_vpclattice_service_network_service_association.s")],
})

assoc(sgs) := fx.vpc_association("aws_vpclattice_service_network_vpc_association.a", {
	"vpc": fx.ref(client), "service_network": fx.ref(sn), "security_groups": sgs,
})

svc := fx.service("aws_vpclattice_service.orders", {
	"listeners": [fx.id("aws_vpclattice_listener.l")],
	"service_associations": [fx.id("aws_vpclattice_service_network_service_association.s")],
})

sa := fx.service_association("aws_vpclattice_service_network_service_association.s", {
	"service": fx.ref(svc), "service_network": fx.ref(sn),
})

tg := fx.target_group("aws_vpclattice_target_group.tg", {
	"type": fx.val("IP"), "vpc": fx.ref_to("vpc", "aws_vpc.app"),
	"targets": [fx.id("aws_vpclattice_target_group_attachment.ip")],
})

ip_target := fx.target("aws_vpclattice_target_group_attachment.ip", {"target_group": fx.ref(tg)})

listener := fx.listener("aws_vpclattice_listener.l", {
	"protocol": fx.val("HTTPS"), "port": fx.dflt(443),
	"service": fx.ref(svc), "default_action": fx.forward([tg]),
})

app := fx.vpc("aws_vpc.app", {"cidr_blocks": fx.strings(["10.1.0.0/16"]), "security_groups": [fx.id("aws_security_group.app")]})

app_sg := fx.security_group("aws_security_group.app", {"vpc": fx.ref(app), "ingress": [fx.ingress({
	"from_port": fx.val(8080), "to_port": fx.val(8080), "cidrs_cover_lattice": fx.val(true),
})]})

world(assoc_rules, sgs) := fx.model([client, assoc_sg(assoc_rules), sn, assoc(sgs), svc, sa, tg, ip_target, listener, app, app_sg])

from_client := fx.ingress({"cidr_blocks": fx.strings(["10.0.0.0/16"])})

from_elsewhere := fx.ingress({"cidr_blocks": fx.strings(["192.168.0.0/16"])})

answer(assoc_rules, sgs) := ans if {
	ans := lib.reach(client.id, svc.id, null, null) with input as world(assoc_rules, sgs)
}

test_reachable if {
	ans := answer([from_client], fx.ref_list([assoc_sg([from_client])]))
	ans.verdict == "reachable"
	[h.step | some h in ans.paths[0]] == [
		"vpc association", "service network", "service association", "association security group",
		"client egress", "listener", "auth", "auth", "rule / forward", "target group", "targets' security groups",
	]
	ans.blocked_by == []
}

test_blocked_by_association_sg if {
	ans := answer([from_elsewhere], fx.ref_list([assoc_sg([from_elsewhere])]))
	ans.verdict == "blocked"
	ans.blocked_by == [{
		"entity": "root//aws_vpclattice_service_network_vpc_association.a", "rule": "LAT-SEC-002",
		"why": "none of its security groups (aws_security_group.assoc) admits TCP port 443 from the VPC's CIDRs or security groups",
	}]
}

test_unknown_association_sgs if {
	ans := answer([from_elsewhere], fx.unknown_list)
	ans.verdict == "unknown"
	some h in ans.paths[0]
	h.step == "association security group"
	h.status == "unknown"
}

# A ServiceNetwork endpoint is a client of its own: asked from the endpoint,
# its one path starts at it (not at the VPC's other ways in).
test_endpoint_client if {
	ep := fx.vpc_endpoint("aws_vpc_endpoint.e", {
		"vpc": fx.ref(client), "service_network": fx.ref(sn),
		"security_groups": fx.ref_list([assoc_sg([from_client])]),
	})
	vpc := object.union(client, {"vpc_endpoints": [ep.id]})
	m := fx.model([vpc, assoc_sg([from_client]), sn, assoc(fx.ref_list([assoc_sg([from_client])])), ep, svc, sa, tg, ip_target, listener, app, app_sg])
	ans := lib.reach(ep.id, svc.id, null, null) with input as m
	ans.verdict == "reachable"
	count(ans.paths) == 1
	ans.paths[0][0].entity == ep.id
	from_vpc := lib.reach(vpc.id, svc.id, null, null) with input as m
	count(from_vpc.paths) == 2
}
