package lattice.rules.target_group_account_mismatch_test

import data.lattice.fixtures as fx
import data.lattice.rules.target_group_account_mismatch as rule

a1 := fx.val("111111111111")

svc := fx.service("aws_vpclattice_service.s", {"account": a1})

tg := fx.target_group("aws_vpclattice_target_group.t", {"account": a1})

foreign_tg := fx.external("target_group", "arn:aws:vpc-lattice:eu-west-1:222222222222:targetgroup/tg-0123456789abcdef0", fx.val("222222222222"))

listener(to) := fx.listener("aws_vpclattice_listener.l", {"account": a1, "service": fx.ref(svc), "default_action": fx.forward([to])})

findings(es) := {[f.entity, f.attribute] | some f in fs} if {
	fs := rule.deny with input as fx.model(es)
}

test_fires_on_forward_to_target_group_of_another_account if {
	l := listener(foreign_tg)
	findings([svc, l, foreign_tg]) == {[l.id, "default_action.forward[0].target_group"]}
}

test_fires_on_rule_forward_through_its_listener if {
	l := fx.listener("aws_vpclattice_listener.l", {"account": a1, "service": fx.ref(svc)})
	r := fx.listener_rule("aws_vpclattice_listener_rule.r", {"account": a1, "listener": fx.ref(l), "action": fx.forward([foreign_tg])})
	findings([svc, l, r, foreign_tg]) == {[r.id, "action.forward[0].target_group"]}
}

test_silent_on_same_account if {
	l := listener(tg)
	count(rule.deny) == 0 with input as fx.model([svc, l, tg])
}

test_fires_on_alb_of_another_account if {
	alb := fx.external("load_balancer", "arn:aws:elasticloadbalancing:eu-west-1:222222222222:loadbalancer/app/a/0123456789abcdef", fx.val("222222222222"))
	t := fx.target("aws_vpclattice_target_group_attachment.a", {"target_group": fx.ref(tg), "target": fx.ref(alb)})
	findings([tg, alb, t]) == {[t.id, "target"]}
}

test_silent_on_lambda_of_another_account if {
	fn := fx.external("lambda_function", "arn:aws:lambda:eu-west-1:222222222222:function:f", fx.val("222222222222"))
	t := fx.target("aws_vpclattice_target_group_attachment.a", {"target_group": fx.ref(tg), "target": fx.ref(fn)})
	count(rule.deny) == 0 with input as fx.model([tg, fn, t])
}

test_unknown_service_account if {
	s := fx.service("aws_vpclattice_service.s", {"account": fx.unknown})
	l := fx.listener("aws_vpclattice_listener.l", {"service": fx.ref(s), "default_action": fx.forward([foreign_tg])})
	count(rule.deny) == 0 with input as fx.model([s, l, foreign_tg])
}

test_unknown_target_group if {
	l := fx.listener("aws_vpclattice_listener.l", {"account": a1, "service": fx.ref(svc), "default_action": fx.action({"forward": [{"target_group": fx.unknown_ref("target_group"), "weight": fx.absent}]})})
	count(rule.deny) == 0 with input as fx.model([svc, l])
}

test_unknown_target_group_account if {
	other := fx.target_group("aws_vpclattice_target_group.o", {"account": fx.absent})
	l := listener(other)
	count(rule.deny) == 0 with input as fx.model([svc, l, other])
}
