package lattice.lib.reach_resource_test

import data.lattice.fixtures as fx
import data.lattice.lib

test_port_ranges if {
	lib.port_range("5432") == [5432, 5432]
	lib.port_range("1024-2048") == [1024, 2048]
	not lib.port_range("80-")
	c := fx.resource_configuration("aws_vpclattice_resource_configuration.c", {"port_ranges": fx.strings(["5432", "8000-8100"])})
	lib.resource_ports(c, null) == [5432, null]
	lib.resource_ports(c, 8050) == [8050]
	lib.ranges_label(lib.port_ranges_of(c)) == "5432, 8000-8100"
}

# --- one client, one network, one database behind a gateway ---------------------------------

client := fx.vpc("aws_vpc.client", {"service_network_associations": [fx.id("aws_vpclattice_service_network_vpc_association.a")]})

sn := fx.service_network("aws_vpclattice_service_network.sn", {
	"vpc_associations": [fx.id("aws_vpclattice_service_network_vpc_association.a")],
	"resource_associations": [fx.id("aws_vpclattice_service_network_resource_association.r")],
})

assoc := fx.vpc_association("aws_vpclattice_service_network_vpc_association.a", {
	"vpc": fx.ref(client), "service_network": fx.ref(sn),
})

data_vpc := fx.vpc("aws_vpc.data", {"cidr_blocks": fx.strings(["10.2.0.0/16"])})

gw_sg(cidr) := fx.security_group("aws_security_group.gw", {"vpc": fx.ref(data_vpc), "egress": [fx.ingress({
	"direction": "egress", "from_port": fx.val(5432), "to_port": fx.val(5432), "cidr_blocks": fx.strings([cidr]),
})]})

gw(cidr) := fx.resource_gateway("aws_vpclattice_resource_gateway.gw", {
	"vpc": fx.ref(data_vpc), "security_groups": fx.ref_list([gw_sg(cidr)]),
})

db(fields) := fx.resource_configuration("aws_vpclattice_resource_configuration.db", object.union(
	{"resource_gateway": fx.ref(gw("10.2.0.0/16")), "ip_address": fx.val("10.2.1.50")},
	fields,
))

snra(c) := fx.resource_association("aws_vpclattice_service_network_resource_association.r", {
	"service_network": fx.ref(sn), "resource_configuration": fx.ref(c),
})

world(es) := fx.model(array.concat([client, sn, assoc, data_vpc], es))

answer(es, target, port) := ans if {
	ans := lib.reach(client.id, target.id, port, null) with input as world(es)
}

test_reachable_through_the_gateway if {
	c := db({})
	ans := answer([gw_sg("10.2.0.0/16"), gw("10.2.0.0/16"), c, snra(c)], c, null)
	ans.verdict == "reachable"
	[h.step | some h in ans.paths[0]] == [
		"vpc association", "service network", "resource association", "association security group",
		"client egress", "resource configuration", "resource gateway", "gateway security groups",
	]
}

test_gateway_egress_misses_the_address if {
	c := db({})
	ans := answer([gw_sg("10.9.0.0/16"), gw("10.9.0.0/16"), c, snra(c)], c, null)
	ans.verdict == "blocked"
	[b.entity | some b in ans.blocked_by] == [gw("10.9.0.0/16").id]
}

# A DNS or ARN resource may be anywhere: any destination on the port counts.
test_gateway_egress_to_a_dns_name_counts if {
	c := db({"ip_address": null, "domain_name": fx.val("db.internal.example.com")})
	ans := answer([gw_sg("10.9.0.0/16"), gw("10.9.0.0/16"), c, snra(c)], c, null)
	ans.verdict == "reachable"
}

test_port_outside_the_ranges_is_refused if {
	c := db({})
	ans := answer([gw_sg("10.2.0.0/16"), gw("10.2.0.0/16"), c, snra(c)], c, 3306)
	ans.verdict == "blocked"
	some h in ans.paths[0]
	h.step == "resource configuration"
	h.status == "blocked"
}

# Without a gateway the configuration is never created: the gateway hop
# blocks, on the configuration (with LAT-COR-020's reason when the catalogue
# is loaded; this test runs with the library alone too).
test_missing_gateway_blocks if {
	c := db({"resource_gateway": null})
	ans := answer([c, snra(c)], c, null)
	ans.verdict == "blocked"
	[b.entity | some b in ans.blocked_by] == [c.id]
	some h in ans.paths[0]
	h.step == "resource gateway"
	h.status == "blocked"
}

# A CHILD takes its group's gateway and ports, and is reached through the
# group's association.
test_child_through_its_group if {
	group := fx.resource_configuration("aws_vpclattice_resource_configuration.group", {
		"type": fx.val("GROUP"), "resource_gateway": fx.ref(gw("10.2.0.0/16")),
	})
	child := fx.resource_configuration("aws_vpclattice_resource_configuration.child", {
		"type": fx.val("CHILD"), "group": fx.ref(group), "port_ranges": fx.unknown_list, "ip_address": fx.val("10.2.1.50"),
	})
	ans := answer([gw_sg("10.2.0.0/16"), gw("10.2.0.0/16"), group, child, snra(group)], child, null)
	ans.verdict == "reachable"
}

test_not_associated if {
	c := db({})
	ans := answer([gw_sg("10.2.0.0/16"), gw("10.2.0.0/16"), c], c, null)
	ans.verdict == "blocked"
	ans.blocked_by[0].entity == c.id
}

# An association naming a configuration by a literal ARN of another root may
# name any configuration of that account: the only one is assumed, among
# several the hop is unknown.
test_outside_arn_names_the_accounts_configuration if {
	c := object.union(db({}), {"account": fx.val("111111111111")})
	x := fx.external("resource_configuration", "arn:aws:vpc-lattice:us-east-1:111111111111:resourceconfiguration/rcfg-0123456789abcdef0", fx.val("111111111111"))
	r := fx.resource_association("aws_vpclattice_service_network_resource_association.r", {
		"service_network": fx.ref(sn), "resource_configuration": fx.ref(x),
	})
	ans := answer([gw_sg("10.2.0.0/16"), gw("10.2.0.0/16"), c, x, r], c, null)
	ans.verdict == "reachable"
	other := object.union(fx.resource_configuration("aws_vpclattice_resource_configuration.other", {}), {"account": fx.val("111111111111")})
	ans2 := answer([gw_sg("10.2.0.0/16"), gw("10.2.0.0/16"), c, other, x, r], c, null)
	ans2.verdict == "unknown"
}

test_group_definition_label if {
	lib.definition_label(fx.resource_configuration("aws_vpclattice_resource_configuration.g", {"type": fx.val("GROUP")})) == "its child configurations' resources"
	lib.definition_label(db({})) == "IP address 10.2.1.50"
	lib.definition_label(db({"ip_address": null})) == "a resource the model cannot read"
}

# A VPC endpoint of type Resource reaches its configuration without a
# service network, and is a way into no network.
test_resource_endpoint if {
	c := db({})
	ep := fx.vpc_endpoint("aws_vpc_endpoint.db", {
		"endpoint_type": fx.val("Resource"), "vpc": fx.ref_to("vpc", "aws_vpc.lonely"),
		"resource_configuration": fx.ref(c),
	})
	lonely := fx.vpc("aws_vpc.lonely", {"vpc_endpoints": [ep.id]})
	m := fx.model([lonely, ep, data_vpc, gw_sg("10.2.0.0/16"), gw("10.2.0.0/16"), c])
	ans := lib.reach(lonely.id, c.id, null, null) with input as m
	ans.verdict == "unknown" # the endpoint has no security groups: the VPC's default group's rules are unknown
	ans.paths[0][0].entity == ep.id
	ans.paths[0][0].status == "ok"
	lib.reach_clients == [lonely.id] with input as m
	lib.entries(ep) == [] with input as m
}
