package lattice.rules.cross_account_reference_requires_arn_test

import data.lattice.fixtures as fx
import data.lattice.rules.cross_account_reference_requires_arn as rule

# shared is the other account's service network, looked up by a data source.
shared := fx.external("service_network", "arn:aws:vpc-lattice:us-east-1:111111111111:servicenetwork/sn-0123456789abcdef0", fx.val("111111111111"))

vpc := fx.vpc("aws_vpc.client", {"account": fx.val("222222222222")})

assoc(sn_ref, account) := fx.vpc_association("aws_vpclattice_service_network_vpc_association.a", {
	"account": account, "service_network": sn_ref, "vpc": fx.ref(vpc),
})

# by_id reads the data source's id attribute (data.x.id).
by_id(e) := fx.merge(fx.ref(e), {"form": "id", "attribute": "id"})

test_fires_on_foreign_network_by_id if {
	a := assoc(by_id(shared), fx.val("222222222222"))
	fs := rule.deny with input as fx.model([shared, vpc, a])
	[f] := [f | some f in fs]
	f.entity == a.id
	f.attribute == "service_network"
	f.related == [{"entity": shared.id, "message": "owned by account 111111111111"}]
}

test_fires_on_foreign_service_in_model if {
	svc := fx.service("aws_vpclattice_service.s", {"account": fx.val("333333333333")})
	sn := fx.service_network("aws_vpclattice_service_network.n", {"account": fx.val("111111111111")})
	sa := fx.service_association("aws_vpclattice_service_network_service_association.a", {
		"account": fx.val("111111111111"), "service_network": fx.ref(sn), "service": fx.ref(svc),
	})
	fs := rule.deny with input as fx.model([svc, sn, sa])
	[f.attribute | some f in fs] == ["service"]
}

test_silent_on_arn if {
	a := assoc(fx.ref(shared), fx.val("222222222222"))
	count(rule.deny) == 0 with input as fx.model([shared, vpc, a])
}

test_silent_in_same_account if {
	a := assoc(by_id(shared), fx.val("111111111111"))
	count(rule.deny) == 0 with input as fx.model([shared, vpc, a])
}

test_unknown_account_is_silent if {
	a := assoc(by_id(shared), fx.unknown)
	count(rule.deny) == 0 with input as fx.model([shared, vpc, a])
}

test_unknown_owner_is_silent if {
	lit := fx.external("service_network", "sn-0123456789abcdef0", fx.absent)
	a := assoc(fx.ref(lit), fx.val("222222222222"))
	count(rule.deny) == 0 with input as fx.model([lit, vpc, a])
}

test_unknown_reference_is_silent if {
	a := assoc(fx.unknown_ref("service_network"), fx.val("222222222222"))
	count(rule.deny) == 0 with input as fx.model([vpc, a])
}
