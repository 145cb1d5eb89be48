package lattice.rules.health_check_config_test

import data.lattice.fixtures as fx
import data.lattice.rules.health_check_config as rule

tg(hc, fields) := fx.target_group("aws_vpclattice_target_group.t", fx.merge({"health_check": fx.health_check(fx.merge({"set": true}, hc))}, fields))

findings(es) := {[f.severity, f.attribute] | some f in fs} if {
	fs := rule.deny with input as fx.model(es)
}

test_silent_on_defaults if {
	count(rule.deny) == 0 with input as fx.model([tg({}, {})])
}

test_fires_on_interval_out_of_range if {
	findings([tg({"interval_seconds": fx.val(400)}, {})]) == {["error", "health_check.interval_seconds"]}
}

test_fires_on_threshold_out_of_range if {
	findings([tg({"unhealthy_threshold": fx.val(1)}, {})]) == {["error", "health_check.unhealthy_threshold"]}
}

test_fires_on_grpc_protocol_version if {
	findings([tg({"protocol_version": fx.val("GRPC")}, {})]) == {["error", "health_check.protocol_version"]}
}

test_fires_on_relative_path if {
	findings([tg({"path": fx.val("healthz")}, {})]) == {["error", "health_check.path"]}
}

test_fires_on_matcher_out_of_range if {
	findings([tg({"matcher": fx.val("200-599")}, {})]) == {["error", "health_check.matcher"]}
}

test_fires_on_malformed_matcher if {
	findings([tg({"matcher": fx.val("2xx")}, {})]) == {["error", "health_check.matcher"]}
}

test_silent_on_matcher_list_and_range if {
	count(rule.deny) == 0 with input as fx.model([tg({"matcher": fx.val("200,202, 300-399")}, {})])
}

test_fires_on_tcp_without_protocol if {
	t := tg({"enabled": fx.val(true), "protocol": fx.absent, "protocol_version": fx.dflt("HTTP1")}, {"protocol": fx.val("TCP")})
	findings([t]) == {["error", "health_check.protocol"], ["error", "health_check.protocol_version"]}
}

test_silent_on_tcp_with_explicit_protocol if {
	t := tg({"enabled": fx.val(true), "protocol": fx.val("HTTP"), "protocol_version": fx.val("HTTP1")}, {"protocol": fx.val("TCP")})
	count(rule.deny) == 0 with input as fx.model([t])
}

test_fires_warning_when_disabled if {
	findings([tg({"enabled": fx.val(false)}, {})]) == {["warning", "health_check.enabled"]}
}

test_fires_warning_on_grpc_target_group_without_health_check if {
	t := fx.target_group("aws_vpclattice_target_group.t", {"protocol": fx.val("HTTPS"), "protocol_version": fx.val("GRPC"), "health_check": fx.health_check({"enabled": fx.dflt(false)})})
	findings([t]) == {["warning", "health_check.enabled"]}
}

test_silent_on_tcp_default_off if {
	t := fx.target_group("aws_vpclattice_target_group.t", {"protocol": fx.val("TCP"), "health_check": fx.health_check({"enabled": fx.dflt(false)})})
	count(rule.deny) == 0 with input as fx.model([t])
}

test_fires_warning_when_timeout_reaches_interval if {
	findings([tg({"interval_seconds": fx.val(10), "timeout_seconds": fx.val(10)}, {})]) == {["warning", "health_check.timeout_seconds"]}
}

test_silent_on_lambda_and_alb if {
	l := tg({"interval_seconds": fx.val(400)}, {"type": fx.val("LAMBDA")})
	a := fx.merge(tg({"enabled": fx.val(false)}, {"type": fx.val("ALB")}), {"id": fx.id("aws_vpclattice_target_group.alb")})
	count(rule.deny) == 0 with input as fx.model([l, a])
}

test_fires_when_escaped if {
	findings([fx.merge(tg({"enabled": fx.val(false)}, {}), {"escaped": true})]) == {["warning", "health_check.enabled"]}
}

test_unknown_values if {
	t := tg({"enabled": fx.unknown, "interval_seconds": fx.unknown, "matcher": fx.unknown, "path": fx.unknown}, {})
	count(rule.deny) == 0 with input as fx.model([t])
}

test_unknown_type if {
	count(rule.deny) == 0 with input as fx.model([tg({"enabled": fx.val(false)}, {"type": fx.unknown})])
}

test_unknown_tcp_protocol_version if {
	t := tg({"enabled": fx.val(true), "protocol": fx.val("HTTP"), "protocol_version": fx.unknown}, {"protocol": fx.val("TCP")})
	count(rule.deny) == 0 with input as fx.model([t])
}
