package lattice.rules.target_sg_lattice_source_too_broad_test

import data.lattice.fixtures as fx
import data.lattice.rules.target_sg_lattice_source_too_broad as rule

lattice_pl := fx.prefix_list("data.aws_ec2_managed_prefix_list.lattice", {})

from_lattice(port) := fx.ingress({"from_port": fx.val(port), "to_port": fx.val(port), "prefix_lists": fx.ref_list([lattice_pl])})

from_cidr(port, cidr, covers, broader) := fx.ingress({
	"from_port": fx.val(port), "to_port": fx.val(port), "cidr_blocks": fx.strings([cidr]),
	"cidrs_cover_lattice": covers, "cidrs_broader_than_lattice": broader,
})

anywhere(port) := from_cidr(port, "0.0.0.0/0", fx.val(true), fx.val(true))

exact_range(port) := from_cidr(port, "169.254.171.0/24", fx.val(true), fx.val(false))

sg(rules) := fx.security_group("aws_security_group.app", {"ingress": rules})

instance := fx.instance("aws_instance.web", {"security_groups": fx.ref_list([sg([])])})

tg(fields) := fx.target_group("aws_vpclattice_target_group.app", fx.merge(
	{"port": fx.val(8080), "targets": [fx.id("aws_vpclattice_target_group_attachment.web")]},
	fields,
))

attachment := fx.target("aws_vpclattice_target_group_attachment.web", {
	"target_group": fx.ref_to("target_group", "aws_vpclattice_target_group.app"), "target": fx.ref(instance),
})

findings(group, t) := fs if {
	fs := rule.deny with input as fx.model([lattice_pl, group, instance, t, attachment])
}

test_fires_on_anywhere_cidr if {
	[f] := [f | some f in findings(sg([anywhere(8080)]), tg({}))]
	f.entity == fx.id("aws_security_group.app")
	f.attribute == "ingress[0].cidr_blocks[0]"
	f.severity == "warning"
	contains(f.message, "0.0.0.0/0")
	contains(f.message, "aws_vpclattice_target_group.app")
}

test_fires_info_on_hard_coded_range if {
	[f] := [f | some f in findings(sg([exact_range(8080)]), tg({}))]
	f.severity == "info"
}

test_fires_on_standalone_rule if {
	r := fx.merge(anywhere(8080), {"rule": fx.id("aws_vpc_security_group_ingress_rule.any")})
	rule_entity := {
		"id": fx.id("aws_vpc_security_group_ingress_rule.any"), "kind": "security_group_rule",
		"type": "aws_vpc_security_group_ingress_rule", "address": "aws_vpc_security_group_ingress_rule.any",
		"format": "terraform", "source": "root", "range": fx.at(30), "account": fx.absent, "region": fx.absent,
		"security_group": fx.ref_to("security_group", "aws_security_group.app"), "rule": anywhere(8080),
	}
	fs := rule.deny with input as fx.model([lattice_pl, sg([r]), instance, tg({}), attachment, rule_entity])
	[f.attribute | some f in fs] == ["rule.cidr_blocks[0]"]
}

test_fires_on_health_check_port_only if {
	hc := fx.health_check({"set": true, "port": fx.val(9000)})
	[f] := [f | some f in findings(sg([from_lattice(8080), anywhere(9000)]), tg({"health_check": hc}))]
	contains(f.message, "health-check port 9000")
}

test_silent_when_prefix_list_also_admits if {
	count(findings(sg([anywhere(8080), from_lattice(8080)]), tg({}))) == 0
}

test_silent_on_client_cidr if {
	# 10.0.0.0/8 admits nothing from VPC Lattice: LAT-SEC-001, not this rule.
	count(findings(sg([from_cidr(8080, "10.0.0.0/8", fx.val(false), fx.val(false))]), tg({}))) == 0
}

test_silent_on_other_port if {
	count(findings(sg([anywhere(22)]), tg({}))) == 0
}

test_unknown_cidr_is_silent if {
	count(findings(sg([anywhere(8080), from_cidr(8080, "?", fx.unknown, fx.unknown)]), tg({}))) == 0
}

test_unknown_rules_are_silent if {
	group := fx.merge(sg([anywhere(8080)]), {"rules_known": false})
	count(findings(group, tg({}))) == 0
}

test_unknown_prefix_list_is_silent if {
	r := fx.ingress({"from_port": fx.val(8080), "to_port": fx.val(8080), "prefix_lists": fx.ref_list([fx.external("prefix_list", "pl-0123456789abcdef0", fx.absent)])})
	count(findings(sg([anywhere(8080), r]), tg({}))) == 0
}
