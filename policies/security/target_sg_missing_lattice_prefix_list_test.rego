package lattice.rules.target_sg_missing_lattice_prefix_list_test

import data.lattice.fixtures as fx
import data.lattice.rules.target_sg_missing_lattice_prefix_list as rule

lattice_pl := fx.prefix_list("data.aws_ec2_managed_prefix_list.lattice", {})

from_lattice(port) := fx.ingress({"from_port": fx.val(port), "to_port": fx.val(port), "prefix_lists": fx.ref_list([lattice_pl])})

from_client_cidr(port) := fx.ingress({
	"from_port": fx.val(port), "to_port": fx.val(port),
	"cidr_blocks": fx.strings(["10.0.0.0/16"]), "cidrs_cover_lattice": fx.val(false),
})

vpc := fx.vpc("aws_vpc.app", {"security_groups": [fx.id("aws_security_group.app")]})

sg(rules) := fx.security_group("aws_security_group.app", {"vpc": fx.ref(vpc), "ingress": rules})

instance := fx.instance("aws_instance.web", {"security_groups": fx.ref_list([sg([])])})

tg(fields) := fx.target_group("aws_vpclattice_target_group.app", fx.merge(
	{"vpc": fx.ref(vpc), "port": fx.val(8080), "targets": [fx.id("aws_vpclattice_target_group_attachment.web")]},
	fields,
))

attachment(fields) := fx.target("aws_vpclattice_target_group_attachment.web", fx.merge(
	{"target_group": fx.ref_to("target_group", "aws_vpclattice_target_group.app"), "target": fx.ref(instance)},
	fields,
))

findings(entities) := fs if {
	fs := rule.deny with input as fx.model(array.concat([lattice_pl, vpc], entities))
}

# --- instance targets ----------------------------------------------------------------

test_fires_when_only_client_cidr_is_admitted if {
	[f] := [f | some f in findings([sg([from_client_cidr(8080)]), instance, tg({}), attachment({})])]
	f.entity == fx.id("aws_vpclattice_target_group_attachment.web")
	f.attribute == "target"
	not f.severity
	contains(f.message, "aws_instance.web")
	contains(f.message, "port 8080")
	contains(f.message, "aws_security_group.app")
	fx.id("aws_security_group.app") in {r.entity | some r in f.related}
}

test_fires_on_the_health_check_port if {
	hc := fx.health_check({"set": true, "port": fx.val(9000)})
	[f] := [f | some f in findings([sg([from_lattice(8080)]), instance, tg({"health_check": hc}), attachment({})])]
	contains(f.message, "health-check port 9000")
	not contains(f.message, "port 8080")
}

test_silent_when_health_check_disabled if {
	hc := fx.health_check({"set": true, "enabled": fx.val(false), "port": fx.val(9000)})
	count(findings([sg([from_lattice(8080)]), instance, tg({"health_check": hc}), attachment({})])) == 0
}

test_unknown_health_check_enabled if {
	hc := fx.health_check({"set": true, "enabled": fx.unknown, "port": fx.val(9000)})
	count(findings([sg([from_lattice(8080)]), instance, tg({"health_check": hc}), attachment({})])) == 0
}

test_fires_on_the_attachment_port if {
	[f] := [f | some f in findings([sg([from_lattice(8080)]), instance, tg({}), attachment({"port": fx.val(8443)})])]
	contains(f.message, "port 8443")
}

test_silent_when_lattice_prefix_list_admitted if {
	count(findings([sg([from_lattice(8080)]), instance, tg({}), attachment({})])) == 0
}

test_silent_when_cidr_covers_lattice if {
	wide := fx.ingress({"from_port": fx.val(0), "to_port": fx.val(65535), "cidr_blocks": fx.strings(["0.0.0.0/0"]), "cidrs_cover_lattice": fx.val(true)})
	count(findings([sg([wide]), instance, tg({}), attachment({})])) == 0
}

test_client_security_group_source_does_not_count if {
	client := fx.security_group("aws_security_group.client", {})
	r := fx.ingress({"from_port": fx.val(8080), "to_port": fx.val(8080), "security_groups": fx.ref_list([client])})
	count(findings([client, sg([r]), instance, tg({}), attachment({})])) == 1
}

test_unknown_prefix_list_may_be_lattice if {
	r := fx.ingress({"from_port": fx.val(8080), "to_port": fx.val(8080), "prefix_lists": {"known": true, "items": [fx.unknown_ref("prefix_list")], "range": fx.at(3)}})
	count(findings([sg([r]), instance, tg({}), attachment({})])) == 0
}

test_unknown_ports_are_not_checked if {
	count(findings([sg([]), instance, tg({"port": fx.unknown}), attachment({})])) == 0
	count(findings([sg([]), instance, tg({}), attachment({"port": fx.unknown})])) == 0
}

test_unknown_rule_set_counts_as_admitting if {
	open_ended := fx.merge(sg([]), {"rules_known": false})
	count(findings([open_ended, instance, tg({}), attachment({})])) == 0
}

test_unknown_instance_security_groups_fall_back_to_vpc if {
	# The instance's groups are not all in the model: the rule looks at the VPC
	# instead, whose only group does not admit Lattice either (a warning).
	ext := fx.external("security_group", "sg-0123456789abcdef0", fx.absent)
	inst := fx.instance("aws_instance.web", {"security_groups": fx.ref_list([sg([]), ext])})
	[f] := [f | some f in findings([ext, sg([]), inst, tg({}), attachment({})])]
	f.entity == fx.id("aws_vpclattice_target_group.app")
	f.severity == "warning"
}

# --- ALB and ECS ----------------------------------------------------------------------

test_fires_for_alb_target if {
	alb := fx.load_balancer("aws_lb.internal", {"security_groups": fx.ref_list([sg([])])})
	[f] := [f | some f in findings([sg([]), alb, tg({"type": fx.val("ALB"), "port": fx.val(80)}), attachment({"target": fx.ref(alb)})])]
	contains(f.message, "aws_lb.internal")
	contains(f.message, "port 80")
}

ecs(sgs) := fx.ecs_service("aws_ecs_service.api", {
	"security_groups": fx.ref_list(sgs),
	"lattice_target_groups": [fx.ref_to("target_group", "aws_vpclattice_target_group.app")],
})

test_fires_for_ecs_service if {
	group := tg({"type": fx.val("IP"), "targets": null, "dynamic_sources": [fx.id("aws_ecs_service.api")]})
	[f] := [f | some f in findings([sg([from_client_cidr(8080)]), ecs([sg([])]), group])]
	f.entity == fx.id("aws_ecs_service.api")
	f.attribute == "security_groups"
}

test_silent_for_ecs_service_admitting_lattice if {
	group := tg({"type": fx.val("IP"), "targets": null, "dynamic_sources": [fx.id("aws_ecs_service.api")]})
	count(findings([sg([from_lattice(8080)]), ecs([sg([])]), group])) == 0
}

# --- IP targets: the VPC's security groups --------------------------------------------

ip_tg := tg({"type": fx.val("IP"), "targets": null})

test_fires_warning_on_target_group_when_no_vpc_group_admits if {
	[f] := [f | some f in findings([sg([from_client_cidr(8080)]), ip_tg])]
	f.entity == ip_tg.id
	f.attribute == "vpc"
	f.severity == "warning"
	contains(f.message, "aws_vpc.app")
}

test_silent_when_some_vpc_group_admits if {
	count(findings([sg([from_lattice(8080)]), ip_tg])) == 0
}

test_silent_when_vpc_is_outside_the_model if {
	ext := fx.external("vpc", "vpc-0123456789abcdef0", fx.absent)
	group := tg({"type": fx.val("IP"), "targets": null, "vpc": fx.ref(ext)})
	count(rule.deny) == 0 with input as fx.model([ext, group])
}

test_silent_when_vpc_has_no_security_groups if {
	bare := fx.vpc("aws_vpc.app", {})
	count(rule.deny) == 0 with input as fx.model([bare, ip_tg])
}

test_silent_when_a_group_of_unknown_vpc_admits if {
	floating := fx.security_group("aws_security_group.floating", {"vpc": fx.unknown_ref("vpc"), "ingress": [from_lattice(8080)]})
	count(findings([sg([]), floating, ip_tg])) == 0
}

test_unknown_target_group_port_is_not_checked if {
	count(findings([sg([]), tg({"type": fx.val("IP"), "targets": null, "port": fx.unknown})])) == 0
}

test_silent_for_lambda_target_group if {
	lambda := fx.target_group("aws_vpclattice_target_group.fn", {"type": fx.val("LAMBDA"), "port": fx.absent})
	count(findings([sg([]), lambda])) == 0
}
