package lattice.rules.custom_domain_consistency_test

import data.lattice.fixtures as fx
import data.lattice.rules.custom_domain_consistency as rule

svc(name, domain) := fx.service(sprintf("aws_vpclattice_service.%s", [name]), {"custom_domain_name": domain})

assoc(name) := fx.service_association(sprintf("aws_vpclattice_service_network_service_association.%s", [name]), {
	"service_network": fx.ref_to("service_network", "aws_vpclattice_service_network.n"),
	"service": fx.ref_to("service", sprintf("aws_vpclattice_service.%s", [name])),
})

sn := fx.service_network("aws_vpclattice_service_network.n", {"service_associations": [
	fx.id("aws_vpclattice_service_network_service_association.a"),
	fx.id("aws_vpclattice_service_network_service_association.b"),
]})

findings(da, db) := fs if {
	fs := rule.deny with input as fx.model([sn, svc("a", da), svc("b", db), assoc("a"), assoc("b")])
}

test_fires_on_duplicate_domain if {
	fs := findings(fx.val("orders.example.com"), fx.val("Orders.Example.com"))
	{f.entity | some f in fs} == {
		fx.id("aws_vpclattice_service_network_service_association.a"),
		fx.id("aws_vpclattice_service_network_service_association.b"),
	}
	every f in fs {
		f.attribute == "service"
		count(f.related) == 2
	}
}

test_silent_on_distinct_domains if {
	count(findings(fx.val("orders.example.com"), fx.val("payments.example.com"))) == 0
}

test_silent_without_custom_domain if {
	count(findings(fx.absent, fx.absent)) == 0
}

test_unknown_domain_is_silent if {
	count(findings(fx.val("orders.example.com"), fx.unknown)) == 0
}

# --- the DNS record ---

orders := svc("a", fx.val("orders.example.com"))

zone := fx.dns_zone("aws_route53_zone.internal", {"name": fx.val("example.com")})

record(fields) := fx.dns_record("aws_route53_record.orders", object.union({"type": fx.val("CNAME")}, fields))

record_findings(es) := fs if {
	fs := rule.deny with input as fx.model(array.concat([orders], es))
}

test_fires_when_the_managed_zone_has_no_record if {
	other := record({"name": fx.val("payments.example.com")})
	[f] := [f | some f in record_findings([zone, other])]
	f.entity == orders.id
	f.attribute == "custom_domain_name"
	f.severity == "warning"
	f.related == [{"entity": zone.id, "message": "the hosted zone that holds the custom domain"}]
}

test_fires_when_only_a_txt_record_has_the_name if {
	txt := record({"name": fx.val("orders.example.com"), "type": fx.val("TXT")})
	count(record_findings([zone, txt])) == 1
}

test_silent_with_a_cname_record if {
	count(record_findings([zone, record({"name": fx.val("Orders.Example.com.")})])) == 0
}

test_silent_with_a_relative_terraform_name if {
	count(record_findings([zone, record({"name": fx.val("orders"), "type": fx.val("A")})])) == 0
}

test_silent_without_a_zone_in_the_model if {
	count(record_findings([record({"name": fx.val("payments.example.com")})])) == 0
}

test_silent_on_a_zone_that_does_not_hold_the_domain if {
	count(record_findings([fx.dns_zone("aws_route53_zone.other", {"name": fx.val("example.org")})])) == 0
}

test_silent_when_the_service_leaves_the_unit if {
	escaped := object.union(orders, {"escaped": true})
	fs := rule.deny with input as fx.model([escaped, zone])
	count(fs) == 0
}

test_unknown_record_name_is_silent if {
	count(record_findings([zone, record({"name": fx.unknown})])) == 0
}

test_unknown_record_type_is_silent if {
	count(record_findings([zone, record({"name": fx.val("orders.example.com"), "type": fx.unknown})])) == 0
}

test_unknown_zone_name_is_silent if {
	count(record_findings([fx.dns_zone("aws_route53_zone.internal", {"name": fx.unknown})])) == 0
}

test_unknown_record_name_in_another_zone_still_fires if {
	other_zone := fx.dns_zone("aws_route53_zone.other", {"name": fx.val("example.org")})
	r := record({"name": fx.unknown, "zone": fx.ref(other_zone)})
	count(record_findings([zone, other_zone, r])) == 1
}
