package lattice.rules.plaintext_http_listener_test

import data.lattice.fixtures as fx
import data.lattice.rules.plaintext_http_listener as rule

svc := fx.service("aws_vpclattice_service.a", {})

listener(protocol) := fx.listener("aws_vpclattice_listener.l", {"protocol": protocol, "service": fx.ref(svc)})

test_fires_on_http if {
	l := listener(fx.val("HTTP"))
	fs := rule.deny with input as fx.model([svc, l])
	[f] := [f | some f in fs]
	f.entity == l.id
	f.attribute == "protocol"
	contains(f.message, "of service aws_vpclattice_service.a")
	not contains(f.message, "SigV4")
}

test_fires_with_sigv4_note_on_iam_service if {
	iam := fx.merge(svc, {"auth_type": fx.val("AWS_IAM")})
	fs := rule.deny with input as fx.model([iam, listener(fx.val("HTTP"))])
	[f] := [f | some f in fs]
	contains(f.message, "SigV4")
}

test_fires_without_known_service if {
	l := fx.listener("aws_vpclattice_listener.l", {"protocol": fx.val("HTTP"), "service": fx.unknown_ref("service")})
	count(rule.deny) == 1 with input as fx.model([l])
}

test_silent_on_https if {
	count(rule.deny) == 0 with input as fx.model([svc, listener(fx.val("HTTPS"))])
}

test_silent_on_tls_passthrough if {
	count(rule.deny) == 0 with input as fx.model([svc, listener(fx.val("TLS_PASSTHROUGH"))])
}

test_unknown_protocol_is_silent if {
	count(rule.deny) == 0 with input as fx.model([svc, listener(fx.unknown)])
}
