package lattice.rules.iam_auth_without_policy_test

import data.lattice.fixtures as fx
import data.lattice.rules.iam_auth_without_policy as rule

svc := fx.service("aws_vpclattice_service.a", {"auth_type": fx.val("AWS_IAM")})

sn := fx.service_network("aws_vpclattice_service_network.n", {"auth_type": fx.val("AWS_IAM")})

policy(e) := fx.auth_policy("aws_vpclattice_auth_policy.p", {"resource": fx.ref(e)})

with_policy(e) := fx.merge(e, {"auth_policies": [fx.id("aws_vpclattice_auth_policy.p")]})

test_fires_on_service_without_policy if {
	fs := rule.deny with input as fx.model([svc])
	[f] := [f | some f in fs]
	f.entity == svc.id
	f.attribute == "auth_type"
	contains(f.message, "service aws_vpclattice_service.a")
}

test_fires_on_service_network_without_policy if {
	fs := rule.deny with input as fx.model([sn])
	[f.entity | some f in fs] == [sn.id]
}

test_silent_with_policy if {
	count(rule.deny) == 0 with input as fx.model([with_policy(svc), policy(svc)])
}

test_silent_for_auth_none if {
	count(rule.deny) == 0 with input as fx.model([fx.service("aws_vpclattice_service.a", {})])
}

# The auth type and its policy are the service's own configuration.
test_fires_when_escaped if {
	count(rule.deny) == 1 with input as fx.model([fx.merge(svc, {"escaped": true})])
}

# Code the model does not read (a module, a nested stack) may attach the policy.
test_silent_when_unread if {
	count(rule.deny) == 0 with input as fx.model([fx.merge(svc, {"escaped": true, "unread": true})])
}

test_unknown_policy_resource_suppresses if {
	loose := fx.auth_policy("aws_vpclattice_auth_policy.loose", {"resource": fx.unknown_ref("service")})
	count(rule.deny) == 0 with input as fx.model([svc, loose])
}

test_unknown_auth_type_is_silent if {
	count(rule.deny) == 0 with input as fx.model([fx.merge(svc, {"auth_type": fx.unknown})])
}
