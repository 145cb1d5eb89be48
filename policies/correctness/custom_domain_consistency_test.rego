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
