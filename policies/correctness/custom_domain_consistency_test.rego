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

# --- a record of the custom domain that points elsewhere ---

pointing(name, items) := record({"name": fx.val(name), "points_to": {"known": true, "items": items, "range": fx.at(3)}})

literal(host) := {"form": "id", "value": host, "range": fx.at(3)}

payments := fx.service("aws_vpclattice_service.payments", {"name": fx.val("payments"), "custom_domain_name": fx.val("payments.example.org")})

named_orders := fx.merge(orders, {"name": fx.val("orders")})

elsewhere_findings(es) := fs if {
	fs := rule.deny with input as fx.model(array.concat([named_orders, payments, zone], es))
}

test_fires_when_the_record_points_at_another_service if {
	r := pointing("orders.example.com", [fx.ref(payments)])
	[f] := [f | some f in elsewhere_findings([r])]
	f.entity == r.id
	f.attribute == "points_to"
	f.severity == "warning"
	contains(f.message, "to service aws_vpclattice_service.payments's DNS name")
	f.related == [{"entity": named_orders.id, "message": "the service whose custom domain it is"}]
}

test_fires_when_a_relative_name_points_at_a_literal_host if {
	r := pointing("orders", [literal("orders-alb-123456.us-east-1.elb.amazonaws.com")])
	fs := elsewhere_findings([fx.merge(r, {"zone": fx.ref(zone)})])
	[f.entity | some f in fs] == [r.id]
}

test_fires_on_another_services_literal_lattice_name if {
	r := pointing("orders.example.com", [literal("payments-0123456789abcdef0.7d67968.vpc-lattice-svcs.us-east-1.on.aws")])
	count(elsewhere_findings([r])) == 1
}

test_silent_when_the_record_points_at_the_service if {
	count(elsewhere_findings([pointing("orders.example.com", [fx.ref(named_orders)])])) == 0
}

test_silent_on_the_services_literal_lattice_name if {
	r := pointing("orders.example.com", [literal("orders-0123456789abcdef0.7d67968.vpc-lattice-svcs.us-east-1.on.aws.")])
	count(elsewhere_findings([r])) == 0
}

test_silent_when_one_of_two_records_points_at_the_service if {
	ok := fx.dns_record("aws_route53_record.weighted", {
		"type": fx.val("CNAME"), "name": fx.val("orders.example.com"),
		"points_to": {"known": true, "items": [fx.ref(named_orders)], "range": fx.at(3)},
	})
	count(elsewhere_findings([pointing("orders.example.com", [fx.ref(payments)]), ok])) == 0
}

test_silent_when_the_other_service_shares_the_domain if {
	green := fx.service("aws_vpclattice_service.green", {"name": fx.val("green"), "custom_domain_name": fx.val("orders.example.com")})
	count(elsewhere_findings([green, pointing("orders.example.com", [fx.ref(green)])])) == 0
}

test_silent_on_a_cname_chain_in_the_model if {
	first := pointing("orders.example.com", [literal("orders.internal.example.com")])
	next := fx.dns_record("aws_route53_record.internal", {
		"type": fx.val("CNAME"), "name": fx.val("orders.internal.example.com"),
		"points_to": {"known": true, "items": [fx.ref(named_orders)], "range": fx.at(3)},
	})
	count(elsewhere_findings([first, next])) == 0
}

test_silent_on_literal_addresses if {
	r := fx.merge(pointing("orders.example.com", [literal("10.0.0.5")]), {"type": fx.val("A")})
	count(elsewhere_findings([r])) == 0
}

test_silent_when_the_service_leaves_the_unit_and_the_record_points_elsewhere if {
	fs := rule.deny with input as fx.model([object.union(named_orders, {"escaped": true}), payments, zone, pointing("orders.example.com", [fx.ref(payments)])])
	count(fs) == 0
}

test_unknown_record_value_is_silent if {
	r := pointing("orders.example.com", [{"kind": "", "unknown": true, "range": fx.at(3)}])
	count(elsewhere_findings([r])) == 0
}

test_unknown_record_value_list_is_silent if {
	r := record({"name": fx.val("orders.example.com"), "points_to": fx.unknown_list})
	count(elsewhere_findings([r])) == 0
}

test_unknown_name_of_the_other_service_is_silent if {
	r := pointing("orders.example.com", [literal("payments-0123456789abcdef0.7d67968.vpc-lattice-svcs.us-east-1.on.aws")])
	fs := rule.deny with input as fx.model([fx.merge(named_orders, {"name": fx.unknown}), zone, r])
	count(fs) == 0
}

test_unknown_domain_of_the_other_service_is_silent if {
	other := fx.merge(payments, {"custom_domain_name": fx.unknown})
	fs := rule.deny with input as fx.model([named_orders, other, zone, pointing("orders.example.com", [fx.ref(other)])])
	count(fs) == 0
}

test_unknown_name_of_a_record_pointing_at_the_service_is_silent if {
	maybe := fx.dns_record("aws_route53_record.maybe", {
		"type": fx.val("CNAME"), "name": fx.unknown,
		"points_to": {"known": true, "items": [fx.ref(named_orders)], "range": fx.at(3)},
	})
	count(elsewhere_findings([pointing("orders.example.com", [fx.ref(payments)]), maybe])) == 0
}

test_silent_on_a_vpc_endpoint_name if {
	r := pointing("orders.example.com", [literal("vpce-0123456789abcdef0-abcdefgh.vpce-svc-0123456789abcdef0.us-east-1.vpce.amazonaws.com")])
	count(elsewhere_findings([r])) == 0
}
