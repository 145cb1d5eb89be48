package lattice.rules.tls_passthrough_authenticated_policy_test

import data.lattice.fixtures as fx
import data.lattice.rules.tls_passthrough_authenticated_policy as rule

tls := fx.listener("aws_vpclattice_listener.tls", {
	"protocol": fx.val("TLS_PASSTHROUGH"), "port": fx.val(443),
	"service": fx.ref_to("service", "aws_vpclattice_service.a"),
})

svc := fx.service("aws_vpclattice_service.a", {
	"auth_type": fx.val("AWS_IAM"),
	"listeners": [tls.id],
	"auth_policies": [fx.id("aws_vpclattice_auth_policy.p")],
})

stmt(fields) := object.union({"Effect": "Allow", "Principal": "*", "Action": "vpc-lattice-svcs:Invoke", "Resource": "*"}, fields)

policy(e, st) := fx.auth_policy("aws_vpclattice_auth_policy.p", {"resource": fx.ref(e), "policy": fx.val({"Statement": [st]})})

test_fires_on_org_condition if {
	p := policy(svc, stmt({"Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-1"}}}))
	fs := rule.deny with input as fx.model([svc, tls, p])
	[f] := [f | some f in fs]
	f.entity == p.id
	contains(f.message, "aws_vpclattice_listener.tls")
}

test_fires_on_named_principal if {
	p := policy(svc, stmt({"Principal": {"AWS": "arn:aws:iam::111111111111:root"}}))
	count(rule.deny) == 1 with input as fx.model([svc, tls, p])
}

test_fires_on_http_condition if {
	p := policy(svc, stmt({"Condition": {"StringEquals": {"vpc-lattice-svcs:RequestMethod": "GET"}}}))
	count(rule.deny) == 1 with input as fx.model([svc, tls, p])
}

test_fires_on_network_policy if {
	sn := fx.service_network("aws_vpclattice_service_network.n", {
		"auth_type": fx.val("AWS_IAM"),
		"auth_policies": [fx.id("aws_vpclattice_auth_policy.p")],
	})
	a := fx.service_association("aws_vpclattice_service_network_service_association.a", {
		"service": fx.ref(svc), "service_network": fx.ref(sn),
	})
	plain := fx.merge(svc, {"auth_type": fx.val("NONE"), "auth_policies": null, "service_associations": [a.id]})
	p := policy(sn, stmt({"Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-1"}}}))
	fs := rule.deny with input as fx.model([plain, tls, sn, a, p])
	[f] := [f | some f in fs]
	contains(f.message, "service network aws_vpclattice_service_network.n")
}

test_silent_when_anonymous_admitted if {
	p := policy(svc, stmt({"Condition": {"StringEquals": {"vpc-lattice-svcs:SourceVpc": "vpc-1"}}}))
	count(rule.deny) == 0 with input as fx.model([svc, tls, p])
}

test_silent_for_https_listener if {
	https := fx.merge(tls, {"protocol": fx.val("HTTPS")})
	p := policy(svc, stmt({"Principal": {"AWS": "111111111111"}}))
	count(rule.deny) == 0 with input as fx.model([svc, https, p])
}

test_silent_when_policy_inactive if {
	none := fx.merge(svc, {"auth_type": fx.val("NONE")})
	p := policy(none, stmt({"Principal": {"AWS": "111111111111"}}))
	count(rule.deny) == 0 with input as fx.model([none, tls, p])
}

test_unknown_document_is_silent if {
	p := fx.merge(policy(svc, stmt({})), {"policy": fx.unknown})
	count(rule.deny) == 0 with input as fx.model([svc, tls, p])
}

test_unknown_auth_type_is_silent if {
	u := fx.merge(svc, {"auth_type": fx.unknown})
	p := policy(u, stmt({"Principal": {"AWS": "111111111111"}}))
	count(rule.deny) == 0 with input as fx.model([u, tls, p])
}
