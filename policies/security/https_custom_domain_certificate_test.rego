package lattice.rules.https_custom_domain_certificate_test

import data.lattice.fixtures as fx
import data.lattice.rules.https_custom_domain_certificate as rule

https := fx.listener("aws_vpclattice_listener.https", {
	"protocol": fx.val("HTTPS"), "port": fx.dflt(443),
	"service": fx.ref_to("service", "aws_vpclattice_service.a"),
})

svc(fields) := fx.service("aws_vpclattice_service.a", fx.merge(
	{"custom_domain_name": fx.val("orders.example.com"), "listeners": [https.id], "region": fx.val("eu-west-1")},
	fields,
))

cert(region) := sprintf("arn:aws:acm:%s:111111111111:certificate/0123", [region])

test_fires_without_certificate if {
	s := svc({})
	fs := rule.deny with input as fx.model([s, https])
	[f] := [f | some f in fs]
	f.entity == s.id
	f.attribute == "custom_domain_name"
	contains(f.message, "orders.example.com")
}

test_fires_on_certificate_of_other_region if {
	s := svc({"certificate_arn": fx.val(cert("us-east-1"))})
	fs := rule.deny with input as fx.model([s, https])
	[f] := [f | some f in fs]
	f.attribute == "certificate_arn"
	contains(f.message, "us-east-1")
}

test_silent_with_certificate if {
	count(rule.deny) == 0 with input as fx.model([svc({"certificate_arn": fx.val(cert("eu-west-1"))}), https])
}

test_silent_without_custom_domain if {
	count(rule.deny) == 0 with input as fx.model([svc({"custom_domain_name": fx.absent}), https])
}

test_silent_for_tls_passthrough if {
	tls := fx.merge(https, {"protocol": fx.val("TLS_PASSTHROUGH")})
	count(rule.deny) == 0 with input as fx.model([svc({}), tls])
}

test_unknown_certificate_is_silent if {
	count(rule.deny) == 0 with input as fx.model([svc({"certificate_arn": fx.unknown}), https])
}

test_unknown_region_is_silent if {
	s := svc({"certificate_arn": fx.val(cert("us-east-1")), "region": fx.unknown})
	count(rule.deny) == 0 with input as fx.model([s, https])
}

test_unknown_protocol_is_silent if {
	count(rule.deny) == 0 with input as fx.model([svc({}), fx.merge(https, {"protocol": fx.unknown})])
}
