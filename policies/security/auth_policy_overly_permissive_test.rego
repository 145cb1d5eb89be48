package lattice.rules.auth_policy_overly_permissive_test

import data.lattice.fixtures as fx
import data.lattice.rules.auth_policy_overly_permissive as rule

svc := fx.service("aws_vpclattice_service.a", {"auth_type": fx.val("AWS_IAM")})

open_doc := {"Version": "2012-10-17", "Statement": [{
	"Effect": "Allow", "Principal": "*",
	"Action": "vpc-lattice-svcs:Invoke", "Resource": "*",
}]}

org_doc := {"Version": "2012-10-17", "Statement": [{
	"Effect": "Allow", "Principal": "*",
	"Action": "vpc-lattice-svcs:Invoke", "Resource": "*",
	"Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-abc"}},
}]}

policy(doc) := fx.auth_policy("aws_vpclattice_auth_policy.p", {
	"resource": fx.ref(svc),
	"policy": fx.val(doc),
	"size": fx.val(count(json.marshal(doc))),
})

test_fires_on_allow_all if {
	p := policy(open_doc)
	fs := rule.deny with input as fx.model([svc, p])
	[f] := [f | some f in fs]
	f.entity == p.id
	f.attribute == "policy"
	contains(f.message, "on service aws_vpclattice_service.a")
	contains(f.message, "anonymous")
	not f.severity
}

test_fires_on_wildcard_action_and_principal_object if {
	doc := {"Statement": {"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "*", "Resource": "*"}}
	count(rule.deny) == 1 with input as fx.model([svc, policy(doc)])
}

test_fires_on_request_only_condition if {
	doc := {"Statement": [object.union(open_doc.Statement[0], {"Condition": {"StringEquals": {"vpc-lattice-svcs:RequestMethod": "GET"}}})]}
	count(rule.deny) == 1 with input as fx.model([svc, policy(doc)])
}

test_fires_on_management_prefix if {
	doc := {"Statement": [object.union(org_doc.Statement[0], {"Action": "vpc-lattice:Invoke"})]}
	fs := rule.deny with input as fx.model([svc, policy(doc)])
	[f] := [f | some f in fs]
	contains(f.message, "vpc-lattice:Invoke")
}

test_fires_error_over_quota if {
	p := fx.merge(policy(org_doc), {"size": fx.val(10241)})
	fs := rule.deny with input as fx.model([svc, p])
	[f] := [f | some f in fs]
	f.severity == "error"
}

test_size_limit_comes_from_the_quota_table if {
	p := fx.merge(policy(org_doc), {"size": fx.val(10240)})
	count(rule.deny) == 0 with input as fx.model([svc, p])
	fs := rule.deny with input as fx.model([svc, p])
		with data.lattice.quotas.limits["auth-policy-size"].value as 10000
	[f] := [f | some f in fs]
	contains(f.message, "10000 bytes")
}

test_unknown_size_is_silent if {
	p := fx.merge(policy(org_doc), {"size": fx.unknown})
	count(rule.deny) == 0 with input as fx.model([svc, p])
}

test_silent_with_org_condition if {
	count(rule.deny) == 0 with input as fx.model([svc, policy(org_doc)])
}

test_silent_with_named_principal if {
	doc := {"Statement": [object.union(open_doc.Statement[0], {"Principal": {"AWS": "arn:aws:iam::111111111111:root"}})]}
	count(rule.deny) == 0 with input as fx.model([svc, policy(doc)])
}

test_silent_with_source_vpc_condition if {
	doc := {"Statement": [object.union(open_doc.Statement[0], {"Condition": {"StringEquals": {"vpc-lattice-svcs:SourceVpc": "vpc-1"}}})]}
	count(rule.deny) == 0 with input as fx.model([svc, policy(doc)])
}

test_silent_with_deny_outside_source_vpc if {
	deny := object.union(open_doc.Statement[0], {"Effect": "Deny", "Condition": {"StringNotEquals": {"vpc-lattice-svcs:SourceVpc": "vpc-1"}}})
	doc := {"Statement": [open_doc.Statement[0], deny]}
	count(rule.deny) == 0 with input as fx.model([svc, policy(doc)])
}

test_silent_with_deny_of_anonymous_callers if {
	deny := object.union(open_doc.Statement[0], {"Effect": "Deny", "Condition": {"StringEqualsIgnoreCase": {"aws:PrincipalType": "anonymous"}}})
	doc := {"Statement": [open_doc.Statement[0], deny]}
	count(rule.deny) == 0 with input as fx.model([svc, policy(doc)])
}

test_fires_with_request_only_deny if {
	deny := object.union(open_doc.Statement[0], {"Effect": "Deny", "Condition": {"StringEquals": {"vpc-lattice-svcs:RequestMethod": "DELETE"}}})
	doc := {"Statement": [open_doc.Statement[0], deny]}
	count(rule.deny) == 1 with input as fx.model([svc, policy(doc)])
}

test_silent_for_deny_statement if {
	doc := {"Statement": [object.union(open_doc.Statement[0], {"Effect": "Deny"})]}
	count(rule.deny) == 0 with input as fx.model([svc, policy(doc)])
}

test_silent_when_policy_inactive if {
	none := fx.merge(svc, {"auth_type": fx.val("NONE")})
	count(rule.deny) == 0 with input as fx.model([none, policy(open_doc)])
}

test_silent_for_tls_passthrough_service if {
	l := fx.listener("aws_vpclattice_listener.tls", {"protocol": fx.val("TLS_PASSTHROUGH"), "service": fx.ref(svc)})
	tls := fx.merge(svc, {"listeners": [l.id]})
	count(rule.deny) == 0 with input as fx.model([tls, l, policy(open_doc)])
}

test_silent_for_network_with_tls_passthrough_service if {
	sn := fx.service_network("aws_vpclattice_service_network.n", {
		"auth_type": fx.val("AWS_IAM"),
		"service_associations": [fx.id("aws_vpclattice_service_network_service_association.a")],
	})
	a := fx.service_association("aws_vpclattice_service_network_service_association.a", {
		"service": fx.ref(svc), "service_network": fx.ref(sn),
	})
	l := fx.listener("aws_vpclattice_listener.tls", {"protocol": fx.val("TLS_PASSTHROUGH"), "service": fx.ref(svc)})
	tls := fx.merge(svc, {"listeners": [l.id]})
	p := fx.merge(policy(open_doc), {"resource": fx.ref(sn)})
	count(rule.deny) == 0 with input as fx.model([sn, a, tls, l, p])
}

test_unknown_document_is_silent if {
	p := fx.merge(policy(open_doc), {"policy": fx.unknown, "size": fx.unknown})
	count(rule.deny) == 0 with input as fx.model([svc, p])
}

test_unknown_parent_still_reports_open_policy if {
	p := fx.merge(policy(open_doc), {"resource": fx.unknown_ref("service")})
	fs := rule.deny with input as fx.model([svc, p])
	[f] := [f | some f in fs]
	not contains(f.message, " on service")
}
