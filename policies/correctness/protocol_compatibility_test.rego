package lattice.rules.protocol_compatibility_test

import data.lattice.fixtures as fx
import data.lattice.rules.protocol_compatibility as rule

grpc := fx.target_group("aws_vpclattice_target_group.grpc", {"protocol": fx.val("HTTPS"), "protocol_version": fx.val("GRPC")})

tcp := fx.target_group("aws_vpclattice_target_group.tcp", {"protocol": fx.val("TCP"), "protocol_version": fx.absent})

http := fx.target_group("aws_vpclattice_target_group.http", {})

lambda := fx.target_group("aws_vpclattice_target_group.fn", {"type": fx.val("LAMBDA"), "port": fx.absent, "protocol": fx.absent, "protocol_version": fx.absent})

listener(proto, tg) := fx.listener("aws_vpclattice_listener.l", {"protocol": fx.val(proto), "default_action": fx.forward([tg])})

entities(fs) := sort([f.entity | some f in fs])

test_fires_on_grpc_behind_http if {
	l := listener("HTTP", grpc)
	fs := rule.deny with input as fx.model([grpc, l])
	entities(fs) == [l.id]
}

test_silent_on_grpc_behind_https if {
	count(rule.deny) == 0 with input as fx.model([grpc, listener("HTTPS", grpc)])
}

test_fires_on_tcp_behind_https if {
	l := listener("HTTPS", tcp)
	entities(rule.deny) == [l.id] with input as fx.model([tcp, l])
}

test_fires_on_http_target_group_behind_tls_passthrough if {
	l := listener("TLS_PASSTHROUGH", http)
	entities(rule.deny) == [l.id] with input as fx.model([http, l])
}

test_silent_on_tcp_behind_tls_passthrough if {
	count(rule.deny) == 0 with input as fx.model([tcp, listener("TLS_PASSTHROUGH", tcp)])
}

test_fires_on_lambda_behind_tls_passthrough if {
	l := listener("TLS_PASSTHROUGH", lambda)
	entities(rule.deny) == [l.id] with input as fx.model([lambda, l])
}

test_silent_on_lambda_behind_http if {
	count(rule.deny) == 0 with input as fx.model([lambda, listener("HTTP", lambda)])
}

test_silent_on_https_listener_to_http_target_group if {
	count(rule.deny) == 0 with input as fx.model([http, listener("HTTPS", http)])
}

test_fires_on_rule_of_http_listener if {
	l := fx.listener("aws_vpclattice_listener.l", {"protocol": fx.val("HTTP")})
	r := fx.listener_rule("aws_vpclattice_listener_rule.r", {"listener": fx.ref(l), "action": fx.forward([grpc])})
	entities(rule.deny) == [r.id] with input as fx.model([grpc, l, r])
}

test_fires_on_grpc_alb_target_group if {
	alb := fx.merge(grpc, {"type": fx.val("ALB")})
	entities(rule.deny) == [alb.id] with input as fx.model([alb])
}

test_fires_on_tcp_lambda_target_group if {
	tl := fx.merge(lambda, {"protocol": fx.val("TCP")})
	entities(rule.deny) == [tl.id] with input as fx.model([tl])
}

test_unknown_listener_protocol if {
	l := fx.listener("aws_vpclattice_listener.l", {"protocol": fx.unknown, "default_action": fx.forward([grpc])})
	count(rule.deny) == 0 with input as fx.model([grpc, l])
}

test_unknown_protocol_version if {
	g := fx.merge(grpc, {"protocol_version": fx.unknown})
	count(rule.deny) == 0 with input as fx.model([g, listener("HTTP", g)])
}

test_unknown_rule_listener if {
	r := fx.listener_rule("aws_vpclattice_listener_rule.r", {"listener": fx.unknown_ref("listener"), "action": fx.forward([grpc])})
	count(rule.deny) == 0 with input as fx.model([grpc, r])
}

test_unknown_lambda_protocol if {
	tl := fx.merge(lambda, {"protocol": fx.unknown})
	count(rule.deny) == 0 with input as fx.model([tl, listener("TLS_PASSTHROUGH", tl)])
}
