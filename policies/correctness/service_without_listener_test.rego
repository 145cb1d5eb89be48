package lattice.rules.service_without_listener_test

import data.lattice.fixtures as fx
import data.lattice.rules.service_without_listener as rule

svc := fx.service("aws_vpclattice_service.a", {"listeners": [fx.id("aws_vpclattice_listener.l")]})

listener := fx.listener("aws_vpclattice_listener.l", {"service": fx.ref_to("service", "aws_vpclattice_service.a")})

bare := fx.service("aws_vpclattice_service.bare", {})

test_fires_on_service_without_listener if {
	fs := rule.deny with input as fx.model([svc, listener, bare])
	[f.entity | some f in fs] == [bare.id]
}

test_silent_with_listener if {
	count(rule.deny) == 0 with input as fx.model([svc, listener])
}

test_silent_when_escaped if {
	count(rule.deny) == 0 with input as fx.model([fx.merge(bare, {"escaped": true})])
}

test_unknown_listener_service_suppresses if {
	loose := fx.listener("aws_vpclattice_listener.loose", {"service": fx.unknown_ref("service")})
	count(rule.deny) == 0 with input as fx.model([bare, loose])
}
