package lattice.rules.lambda_target_group_constraints_test

import data.lattice.fixtures as fx
import data.lattice.rules.lambda_target_group_constraints as rule

tg(fields) := fx.target_group("aws_vpclattice_target_group.fn", fx.merge(
	{
		"type": fx.val("LAMBDA"), "port": fx.absent, "protocol": fx.absent, "protocol_version": fx.absent,
		"ip_address_type": fx.absent, "lambda_event_structure_version": fx.dflt("V1"), "health_check": fx.health_check({"enabled": fx.absent}),
	},
	fields,
))

fn := fx.lambda_function("aws_lambda_function.f", {})

target(addr, line, to) := fx.merge(
	fx.target(addr, {"target_group": fx.ref_to("target_group", "aws_vpclattice_target_group.fn"), "target": to}),
	{"range": fx.at(line)},
)

one := target("aws_vpclattice_target_group_attachment.a", 30, fx.ref(fn))

findings(es) := {[f.entity, object.get(f, "attribute", "")] | some f in fs} if {
	fs := rule.deny with input as fx.model(es)
}

test_silent_on_plain_lambda_group if {
	count(rule.deny) == 0 with input as fx.model([tg({"targets": [one.id]}), fn, one])
}

test_fires_on_port if {
	t := tg({"port": fx.val(80)})
	findings([t]) == {[t.id, "port"]}
}

test_fires_on_vpc if {
	v := fx.vpc("aws_vpc.v", {})
	t := tg({"vpc": fx.ref(v)})
	findings([t, v]) == {[t.id, "vpc"]}
}

test_fires_on_health_check_block if {
	t := tg({"health_check": fx.health_check({"set": true})})
	findings([t]) == {[t.id, "health_check"]}
}

test_fires_on_second_target if {
	two := target("aws_vpclattice_target_group_attachment.b", 40, fx.ref(fn))
	findings([tg({"targets": [one.id, two.id]}), fn, one, two]) == {[two.id, ""]}
}

test_silent_on_conditional_second_target if {
	two := fx.merge(target("aws_vpclattice_target_group_attachment.b", 40, fx.ref(fn)), {"conditional": true})
	count(rule.deny) == 0 with input as fx.model([tg({"targets": [one.id, two.id]}), fn, one, two])
}

test_fires_on_instance_target if {
	i := fx.instance("aws_instance.i", {})
	t := target("aws_vpclattice_target_group_attachment.a", 30, fx.ref(i))
	findings([tg({"targets": [t.id]}), i, t]) == {[t.id, "target"]}
}

test_fires_on_literal_ip_target if {
	t := target("aws_vpclattice_target_group_attachment.a", 30, {"value": "10.0.0.5", "range": fx.at(3)})
	findings([tg({"targets": [t.id]}), t]) == {[t.id, "target"]}
}

test_silent_on_literal_lambda_arn if {
	ext := fx.external("lambda_function", "arn:aws:lambda:eu-west-1:111111111111:function:f:live", fx.val("111111111111"))
	t := target("aws_vpclattice_target_group_attachment.a", 30, fx.ref(ext))
	count(rule.deny) == 0 with input as fx.model([tg({"targets": [t.id], "account": fx.val("111111111111")}), ext, t])
}

test_fires_on_function_of_another_account if {
	ext := fx.external("lambda_function", "arn:aws:lambda:eu-west-1:222222222222:function:f", fx.val("222222222222"))
	t := target("aws_vpclattice_target_group_attachment.a", 30, fx.ref(ext))
	findings([tg({"targets": [t.id], "account": fx.val("111111111111")}), ext, t]) == {[t.id, "target"]}
}

test_unknown_target if {
	t := target("aws_vpclattice_target_group_attachment.a", 30, fx.unknown_ref(""))
	count(rule.deny) == 0 with input as fx.model([tg({"targets": [t.id]}), t])
}

test_unknown_port if {
	count(rule.deny) == 0 with input as fx.model([tg({"port": fx.unknown})])
}

test_unknown_type if {
	count(rule.deny) == 0 with input as fx.model([tg({"type": fx.unknown, "port": fx.val(80)})])
}
