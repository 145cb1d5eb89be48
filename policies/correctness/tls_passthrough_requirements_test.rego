package lattice.rules.tls_passthrough_requirements_test

import data.lattice.fixtures as fx
import data.lattice.rules.tls_passthrough_requirements as rule

tcp := fx.target_group("aws_vpclattice_target_group.tcp", {"protocol": fx.val("TCP")})

svc := fx.service("aws_vpclattice_service.s", {"custom_domain_name": fx.val("db.example.com")})

bare := fx.service("aws_vpclattice_service.s", {})

tls(s, fields) := fx.listener("aws_vpclattice_listener.tls", fx.merge(
	{
		"protocol": fx.val("TLS_PASSTHROUGH"), "service": fx.ref(s),
		"default_action": fx.forward([tcp]),
	},
	fields,
))

entities(fs) := sort([f.entity | some f in fs])

test_fires_without_custom_domain if {
	entities(rule.deny) == [bare.id] with input as fx.model([bare, tls(bare, {}), tcp])
}

test_silent_with_custom_domain if {
	count(rule.deny) == 0 with input as fx.model([svc, tls(svc, {}), tcp])
}

test_silent_on_https_listener_without_custom_domain if {
	l := tls(bare, {"protocol": fx.val("HTTPS")})
	count(rule.deny) == 0 with input as fx.model([bare, l, tcp])
}

test_fires_on_rule_of_tls_listener if {
	r := fx.listener_rule("aws_vpclattice_listener_rule.r", {"listener": fx.ref_to("listener", "aws_vpclattice_listener.tls")})
	l := tls(svc, {"rules": [r.id]})
	entities(rule.deny) == [r.id] with input as fx.model([svc, l, r, tcp])
}

test_fires_on_fixed_response_default if {
	l := tls(svc, {"default_action": fx.action({"type": fx.val("fixed_response"), "status_code": fx.val(404)})})
	entities(rule.deny) == [l.id] with input as fx.model([svc, l])
}

test_unknown_custom_domain if {
	s := fx.merge(bare, {"custom_domain_name": fx.unknown})
	count(rule.deny) == 0 with input as fx.model([s, tls(s, {}), tcp])
}

test_unknown_protocol if {
	l := tls(bare, {"protocol": fx.unknown, "default_action": fx.action({"type": fx.val("fixed_response"), "status_code": fx.val(404)})})
	count(rule.deny) == 0 with input as fx.model([bare, l])
}

test_unknown_service if {
	l := tls(bare, {"service": fx.unknown_ref("service")})
	count(rule.deny) == 0 with input as fx.model([bare, l, tcp])
}
