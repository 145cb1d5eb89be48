package lattice.rules.resource_gateway_placement_test

import data.lattice.fixtures as fx
import data.lattice.rules.resource_gateway_placement as rule

acct := fx.val("111111111111")

v := fx.vpc("aws_vpc.app", {})

sub(name, az, fields) := fx.subnet(sprintf("aws_subnet.%s", [name]), fx.merge({"vpc": fx.ref(v), "availability_zone": fx.val(az), "account": acct}, fields))

a := sub("a", "eu-west-1a", {})

b := sub("b", "eu-west-1b", {"cidr_block": fx.val("10.0.2.0/24")})

gw(ss, fields) := fx.resource_gateway("aws_vpclattice_resource_gateway.g", fx.merge({"vpc": fx.ref(v), "subnets": fx.ref_list(ss)}, fields))

findings(es) := {[f.entity, f.attribute, object.get(f, "severity", "error")] | some f in fs} if {
	fs := rule.deny with input as fx.model(es)
}

test_silent_on_gateway_in_two_zones if {
	count(rule.deny) == 0 with input as fx.model([v, a, b, gw([a, b], {})])
}

test_fires_on_gateway_in_one_zone if {
	g := gw([a], {})
	findings([v, a, g]) == {[g.id, "subnets", "warning"]}
}

test_fires_on_unsupported_zone_id if {
	c := sub("c", "us-east-1c", {"availability_zone_id": fx.val("use1-az3")})
	d := sub("d", "us-east-1d", {"availability_zone_id": fx.val("use1-az4")})
	g := gw([c, d], {})
	findings([v, c, d, g]) == {[g.id, "subnets", "warning"]}
}

test_fires_on_ipv6_gateway_on_ipv4_subnet if {
	g := gw([a, b], {"ip_address_type": fx.val("IPV6")})
	findings([v, a, b, g]) == {[g.id, "ip_address_type", "error"]}
}

test_fires_on_ipv4_gateway_on_ipv6_only_subnet if {
	c := sub("c", "eu-west-1c", {"cidr_block": fx.absent, "ipv6_native": fx.val(true)})
	g := gw([a, c], {"ip_address_type": fx.val("IPV4")})
	findings([v, a, c, g]) == {[g.id, "ip_address_type", "error"]}
}

test_silent_on_dualstack_gateway_without_known_ipv6 if {
	g := gw([a, b], {"ip_address_type": fx.val("DUALSTACK")})
	count(rule.deny) == 0 with input as fx.model([v, a, b, g])
}

test_fires_on_addresses_per_eni if {
	g := gw([a, b], {"ipv4_addresses_per_eni": fx.val(64)})
	findings([v, a, b, g]) == {[g.id, "ipv4_addresses_per_eni", "error"]}
}

test_fires_on_addresses_per_eni_of_ipv6_gateway if {
	c := sub("c", "eu-west-1c", {"cidr_block": fx.absent, "ipv6_native": fx.val(true)})
	d := sub("d", "eu-west-1d", {"cidr_block": fx.absent, "ipv6_native": fx.val(true)})
	g := gw([c, d], {"ip_address_type": fx.val("IPV6"), "ipv4_addresses_per_eni": fx.val(16)})
	findings([v, c, d, g]) == {[g.id, "ipv4_addresses_per_eni", "error"]}
}

test_fires_on_security_group_of_another_vpc if {
	other := fx.vpc("aws_vpc.other", {})
	sg := fx.security_group("aws_security_group.s", {"vpc": fx.ref(other)})
	g := gw([a, b], {"security_groups": fx.ref_list([sg])})
	findings([v, other, sg, a, b, g]) == {[g.id, "security_groups[0]", "error"]}
}

rc(g) := fx.resource_configuration("aws_vpclattice_resource_configuration.c", {"resource_gateway": fx.ref(g)})

endpoint(ss) := fx.vpc_endpoint("aws_vpc_endpoint.e", {"endpoint_type": fx.val("Resource"), "resource_configuration": fx.ref_to("resource_configuration", "aws_vpclattice_resource_configuration.c"), "subnets": fx.ref_list(ss)})

test_fires_on_endpoint_without_common_zone if {
	c := sub("c", "eu-west-1c", {"cidr_block": fx.val("10.0.3.0/24")})
	g := gw([a, b], {})
	e := endpoint([c])
	findings([v, a, b, c, g, rc(g), e]) == {[e.id, "subnets", "warning"]}
}

test_silent_on_endpoint_sharing_a_zone if {
	c := sub("c", "eu-west-1c", {"cidr_block": fx.val("10.0.3.0/24")})
	g := gw([a, b], {})
	e := endpoint([b, c])
	count(rule.deny) == 0 with input as fx.model([v, a, b, c, g, rc(g), e])
}

test_silent_on_zone_names_of_two_accounts if {
	c := sub("c", "eu-west-1c", {"cidr_block": fx.val("10.0.3.0/24"), "account": fx.val("222222222222")})
	g := gw([a, b], {})
	e := endpoint([c])
	count(rule.deny) == 0 with input as fx.model([v, a, b, c, g, rc(g), e])
}

test_fires_on_small_endpoint_subnet if {
	c := sub("c", "eu-west-1a", {"cidr_block": fx.val("10.0.3.0/28")})
	g := gw([a, b], {})
	e := endpoint([c])
	findings([v, a, b, c, g, rc(g), e]) == {[e.id, "subnets", "error"]}
}

test_unknown_zone if {
	c := sub("c", "eu-west-1a", {"availability_zone": fx.unknown})
	g := gw([a, c], {})
	count(rule.deny) == 0 with input as fx.model([v, a, c, g])
}

test_unknown_subnets if {
	g := gw([a], {"subnets": fx.unknown_list})
	count(rule.deny) == 0 with input as fx.model([v, a, g])
}

test_unknown_address_type if {
	g := gw([a, b], {"ip_address_type": fx.unknown})
	count(rule.deny) == 0 with input as fx.model([v, a, b, g])
}
