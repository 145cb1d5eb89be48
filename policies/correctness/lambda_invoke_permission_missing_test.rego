package lattice.rules.lambda_invoke_permission_missing_test

import data.lattice.fixtures as fx
import data.lattice.rules.lambda_invoke_permission_missing as rule

tg := fx.target_group("aws_vpclattice_target_group.fn", {
	"type": fx.val("LAMBDA"), "port": fx.absent, "protocol": fx.absent, "protocol_version": fx.absent,
	"targets": [fx.id("aws_vpclattice_target_group_attachment.a")],
})

other := fx.target_group("aws_vpclattice_target_group.other", {"type": fx.val("LAMBDA")})

fn(perms) := fx.lambda_function("aws_lambda_function.f", {"permissions": [p.id | some p in perms]})

att := fx.target("aws_vpclattice_target_group_attachment.a", {"target_group": fx.ref(tg), "target": fx.ref_to("lambda_function", "aws_lambda_function.f")})

perm(fields) := fx.lambda_permission("aws_lambda_permission.p", fx.merge({"function": fx.ref_to("lambda_function", "aws_lambda_function.f")}, fields))

test_fires_without_permission if {
	fs := rule.deny with input as fx.model([tg, fn([]), att])
	[f.entity | some f in fs] == [att.id]
}

test_silent_with_permission_for_the_target_group if {
	p := perm({"source_arn": fx.ref(tg)})
	count(rule.deny) == 0 with input as fx.model([tg, fn([p]), att, p])
}

test_silent_with_permission_without_source_arn if {
	p := perm({})
	count(rule.deny) == 0 with input as fx.model([tg, fn([p]), att, p])
}

test_fires_when_permission_is_for_another_principal if {
	p := perm({"principal": fx.val("elasticloadbalancing.amazonaws.com")})
	fs := rule.deny with input as fx.model([tg, fn([p]), att, p])
	[f.entity | some f in fs] == [att.id]
}

test_fires_when_permission_is_for_another_target_group if {
	p := perm({"source_arn": fx.ref(other)})
	fs := rule.deny with input as fx.model([tg, other, fn([p]), att, p])
	[f.entity | some f in fs] == [att.id]
}

test_silent_when_function_escaped if {
	count(rule.deny) == 0 with input as fx.model([tg, fx.merge(fn([]), {"escaped": true}), att])
}

test_unknown_permission_function_suppresses if {
	p := perm({"function": fx.unknown_ref("lambda_function")})
	count(rule.deny) == 0 with input as fx.model([tg, fn([]), att, p])
}

test_unknown_principal_counts if {
	p := perm({"principal": fx.unknown})
	count(rule.deny) == 0 with input as fx.model([tg, fn([p]), att, p])
}

test_silent_on_external_function if {
	ext := fx.external("lambda_function", "arn:aws:lambda:eu-west-1:111111111111:function:f", fx.val("111111111111"))
	a := fx.merge(att, {"target": fx.ref(ext)})
	count(rule.deny) == 0 with input as fx.model([tg, ext, a])
}
