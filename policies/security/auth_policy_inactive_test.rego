package lattice.rules.auth_policy_inactive_test

import data.lattice.fixtures as fx
import data.lattice.rules.auth_policy_inactive as rule

policy(e) := fx.auth_policy("aws_vpclattice_auth_policy.p", {"resource": fx.ref(e)})

test_fires_on_policy_of_none_service if {
	svc := fx.service("aws_vpclattice_service.a", {"auth_policies": [fx.id("aws_vpclattice_auth_policy.p")]})
	fs := rule.deny with input as fx.model([svc, policy(svc)])
	[f] := [f | some f in fs]
	f.entity == fx.id("aws_vpclattice_auth_policy.p")
	f.attribute == "resource"
	[r.entity | some r in f.related] == [svc.id]
	contains(f.message, "service aws_vpclattice_service.a")
}

test_fires_on_policy_of_none_network if {
	sn := fx.service_network("aws_vpclattice_service_network.n", {"auth_type": fx.val("NONE")})
	fs := rule.deny with input as fx.model([sn, policy(sn)])
	contains([f.message | some f in fs][0], "service network aws_vpclattice_service_network.n")
}

test_silent_for_iam if {
	svc := fx.service("aws_vpclattice_service.a", {"auth_type": fx.val("AWS_IAM")})
	count(rule.deny) == 0 with input as fx.model([svc, policy(svc)])
}

test_silent_for_external_target if {
	ext := fx.external("service", "arn:aws:vpc-lattice:eu-west-1:222222222222:service/svc-1", fx.absent)
	count(rule.deny) == 0 with input as fx.model([ext, policy(ext)])
}

test_unknown_auth_type_is_silent if {
	svc := fx.service("aws_vpclattice_service.a", {"auth_type": fx.unknown})
	count(rule.deny) == 0 with input as fx.model([svc, policy(svc)])
}
