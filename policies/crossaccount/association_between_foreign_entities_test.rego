package lattice.rules.association_between_foreign_entities_test

import data.lattice.fixtures as fx
import data.lattice.rules.association_between_foreign_entities as rule

sn := fx.external("service_network", "arn:aws:vpc-lattice:us-east-1:111111111111:servicenetwork/sn-0123456789abcdef0", fx.val("111111111111"))

svc := fx.external("service", "arn:aws:vpc-lattice:us-east-1:222222222222:service/svc-0123456789abcdef0", fx.val("222222222222"))

assoc(account, service) := fx.service_association("aws_vpclattice_service_network_service_association.a", {
	"account": account, "service_network": fx.ref(sn), "service": service,
})

test_fires_when_neither_end_is_owned if {
	a := assoc(fx.val("333333333333"), fx.ref(svc))
	fs := rule.deny with input as fx.model([sn, svc, a])
	[f] := [f | some f in fs]
	f.entity == a.id
	count(f.related) == 2
}

test_fires_on_share_of_foreign_entity if {
	s := fx.resource_share("aws_ram_resource_share.s", {"account": fx.val("333333333333"), "resources": [fx.ref(sn)]})
	fs := rule.deny with input as fx.model([sn, s])
	[f.attribute | some f in fs] == ["resources[0]"]
}

test_silent_when_service_is_owned if {
	a := assoc(fx.val("222222222222"), fx.ref(svc))
	count(rule.deny) == 0 with input as fx.model([sn, svc, a])
}

test_silent_on_share_of_own_entity if {
	s := fx.resource_share("aws_ram_resource_share.s", {"account": fx.val("111111111111"), "resources": [fx.ref(sn)]})
	count(rule.deny) == 0 with input as fx.model([sn, s])
}

test_unknown_end_is_silent if {
	a := assoc(fx.val("333333333333"), fx.unknown_ref("service"))
	count(rule.deny) == 0 with input as fx.model([sn, a])
}

test_unknown_owner_is_silent if {
	lit := fx.external("service", "svc-0123456789abcdef0", fx.absent)
	a := assoc(fx.val("333333333333"), fx.ref(lit))
	count(rule.deny) == 0 with input as fx.model([sn, lit, a])
}

test_unknown_account_is_silent if {
	a := assoc(fx.unknown, fx.ref(svc))
	count(rule.deny) == 0 with input as fx.model([sn, svc, a])
}
