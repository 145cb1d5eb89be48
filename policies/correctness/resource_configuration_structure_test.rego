package lattice.rules.resource_configuration_structure_test

import data.lattice.fixtures as fx
import data.lattice.rules.resource_configuration_structure as rule

rc(addr, fields) := fx.resource_configuration(addr, fx.merge(
	{"resource_gateway": fx.ref_to("resource_gateway", "aws_vpclattice_resource_gateway.g"), "ip_address": fx.val("10.0.0.10")},
	fields,
))

findings(es) := {[f.entity, f.attribute, object.get(f, "severity", "error")] | some f in fs} if {
	fs := rule.deny with input as fx.model(es)
}

test_silent_on_single_with_gateway_and_private_ip if {
	count(rule.deny) == 0 with input as fx.model([rc("aws_vpclattice_resource_configuration.c", {})])
}

test_fires_on_single_without_gateway if {
	c := rc("aws_vpclattice_resource_configuration.c", {"resource_gateway": fx.absent})
	findings([c]) == {[c.id, "type", "error"]}
}

test_fires_on_child_without_group_and_with_gateway if {
	c := rc("aws_vpclattice_resource_configuration.c", {"type": fx.val("CHILD")})
	findings([c]) == {[c.id, "type", "error"], [c.id, "resource_gateway", "error"]}
}

test_fires_on_child_of_single if {
	p := rc("aws_vpclattice_resource_configuration.p", {})
	c := rc("aws_vpclattice_resource_configuration.c", {"type": fx.val("CHILD"), "resource_gateway": fx.absent, "group": fx.ref(p)})
	findings([p, c]) == {[c.id, "group", "error"]}
}

test_fires_on_missing_definition if {
	c := rc("aws_vpclattice_resource_configuration.c", {"ip_address": fx.absent})
	findings([c]) == {[c.id, "type", "warning"]}
}

test_silent_on_group_without_definition if {
	c := rc("aws_vpclattice_resource_configuration.c", {"type": fx.val("GROUP"), "ip_address": fx.absent})
	count(rule.deny) == 0 with input as fx.model([c])
}

test_fires_on_malformed_port_ranges if {
	c := rc("aws_vpclattice_resource_configuration.c", {"port_ranges": fx.strings(["80", "1-65535", "8080-80", "70000", "http"])})
	findings([c]) == {[c.id, "port_ranges[2]", "error"], [c.id, "port_ranges[3]", "error"], [c.id, "port_ranges[4]", "error"]}
}

test_fires_on_public_ip if {
	c := rc("aws_vpclattice_resource_configuration.c", {"ip_address": fx.val("52.1.2.3")})
	findings([c]) == {[c.id, "ip_address", "error"]}
}

test_silent_on_private_ranges_and_ipv6 if {
	cs := [rc(sprintf("aws_vpclattice_resource_configuration.c%d", [i]), {"ip_address": fx.val(ip)}) |
		some i, ip in ["10.1.2.3", "100.64.0.1", "172.31.255.255", "192.168.0.1", "fd00::1"]
	]
	count(rule.deny) == 0 with input as fx.model(cs)
}

test_fires_on_dualstack_dns if {
	c := rc("aws_vpclattice_resource_configuration.c", {"ip_address": fx.absent, "domain_name": fx.val("db.example.com"), "dns_ip_address_type": fx.val("DUALSTACK")})
	findings([c]) == {[c.id, "dns_ip_address_type", "error"]}
}

test_fires_on_non_rds_arn if {
	c := rc("aws_vpclattice_resource_configuration.c", {"type": fx.val("ARN"), "ip_address": fx.absent, "resource_arn": fx.val("arn:aws:s3:::bucket")})
	findings([c]) == {[c.id, "resource_arn", "error"]}
}

test_silent_on_rds_arn if {
	c := rc("aws_vpclattice_resource_configuration.c", {"type": fx.val("ARN"), "ip_address": fx.absent, "resource_arn": fx.val("arn:aws:rds:eu-west-1:111111111111:db:orders")})
	count(rule.deny) == 0 with input as fx.model([c])
}

test_fires_on_child_domain_outside_group_domain if {
	p := rc("aws_vpclattice_resource_configuration.p", {"type": fx.val("GROUP"), "ip_address": fx.absent, "group_domain": fx.val("db.example.com")})
	ok := rc("aws_vpclattice_resource_configuration.ok", {"type": fx.val("CHILD"), "resource_gateway": fx.absent, "group": fx.ref(p), "custom_domain_name": fx.val("a.db.example.com")})
	bad := rc("aws_vpclattice_resource_configuration.bad", {"type": fx.val("CHILD"), "resource_gateway": fx.absent, "group": fx.ref(p), "custom_domain_name": fx.val("a.example.org")})
	findings([p, ok, bad]) == {[bad.id, "custom_domain_name", "warning"]}
}

test_unknown_type if {
	c := rc("aws_vpclattice_resource_configuration.c", {"type": fx.unknown, "resource_gateway": fx.absent, "ip_address": fx.absent})
	count(rule.deny) == 0 with input as fx.model([c])
}

test_unknown_definition_and_ports if {
	c := rc("aws_vpclattice_resource_configuration.c", {"ip_address": fx.unknown, "port_ranges": fx.unknown_list})
	count(rule.deny) == 0 with input as fx.model([c])
}

test_unknown_gateway if {
	c := rc("aws_vpclattice_resource_configuration.c", {"resource_gateway": fx.unknown_ref("resource_gateway")})
	count(rule.deny) == 0 with input as fx.model([c])
}

test_unknown_parent_type if {
	p := rc("aws_vpclattice_resource_configuration.p", {"type": fx.unknown})
	c := rc("aws_vpclattice_resource_configuration.c", {"type": fx.val("CHILD"), "resource_gateway": fx.absent, "group": fx.ref(p)})
	count(rule.deny) == 0 with input as fx.model([p, c])
}
