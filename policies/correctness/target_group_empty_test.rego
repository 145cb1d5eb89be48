package lattice.rules.target_group_empty_test

import data.lattice.fixtures as fx
import data.lattice.rules.target_group_empty as rule

tg := fx.target_group("aws_vpclattice_target_group.t", {})

findings(es) := {[f.entity, object.get(f, "severity", "warning")] | some f in fs} if {
	fs := rule.deny with input as fx.model(es)
}

test_fires_on_target_group_without_targets if {
	findings([tg]) == {[tg.id, "warning"]}
}

test_silent_with_a_target if {
	t := fx.target("aws_vpclattice_target_group_attachment.a", {"target_group": fx.ref(tg)})
	count(rule.deny) == 0 with input as fx.model([fx.merge(tg, {"targets": [t.id]}), t])
}

test_info_when_ecs_registers_targets if {
	s := fx.ecs_service("aws_ecs_service.s", {"lattice_target_groups": [fx.ref(tg)]})
	fs := rule.deny with input as fx.model([fx.merge(tg, {"dynamic_sources": [s.id]}), s])
	some f in fs
	f.severity == "info"
	contains(f.message, "aws_ecs_service.s registers them at run time")
}

test_info_when_an_auto_scaling_group_registers_targets if {
	g := fx.autoscaling_group("aws_autoscaling_group.g", {"lattice_target_groups": [fx.ref(tg)]})
	findings([fx.merge(tg, {"dynamic_sources": [g.id]}), g]) == {[tg.id, "info"]}
}

test_info_when_the_kubernetes_controller_tags_it if {
	findings([fx.merge(tg, {"tags": {"application-networking.k8s.aws/ManagedBy": "111111111111/cluster/vpc-1"}})]) == {[tg.id, "info"]}
}

test_warning_with_other_tags if {
	findings([fx.merge(tg, {"tags": {"team": "orders"}})]) == {[tg.id, "warning"]}
}

test_silent_when_the_target_group_leaves_the_unit if {
	count(rule.deny) == 0 with input as fx.model([fx.merge(tg, {"escaped": true})])
}

test_info_when_fed_and_leaving_the_unit if {
	s := fx.ecs_service("aws_ecs_service.s", {"lattice_target_groups": [fx.ref(tg)]})
	findings([fx.merge(tg, {"dynamic_sources": [s.id], "escaped": true}), s]) == {[tg.id, "info"]}
}

test_silent_when_passed_into_unread_code if {
	count(rule.deny) == 0 with input as fx.model([fx.merge(tg, {"escaped": true, "unread": true})])
}

test_unknown_attachment_target_group if {
	t := fx.target("aws_vpclattice_target_group_attachment.a", {"target_group": fx.unknown_ref("target_group")})
	count(rule.deny) == 0 with input as fx.model([tg, t])
}

test_unknown_ecs_target_group if {
	s := fx.ecs_service("aws_ecs_service.s", {"lattice_target_groups": [fx.unknown_ref("target_group")]})
	count(rule.deny) == 0 with input as fx.model([tg, s])
}

test_unknown_auto_scaling_traffic_source if {
	g := fx.autoscaling_group("aws_autoscaling_group.g", {"lattice_target_groups": [fx.unknown_ref("target_group")]})
	count(rule.deny) == 0 with input as fx.model([tg, g])
}
