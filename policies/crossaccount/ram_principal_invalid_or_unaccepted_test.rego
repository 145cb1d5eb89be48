package lattice.rules.ram_principal_invalid_or_unaccepted_test

import data.lattice.fixtures as fx
import data.lattice.rules.ram_principal_invalid_or_unaccepted as rule

sn := fx.service_network("aws_vpclattice_service_network.n", {})

share(resources, principals) := fx.resource_share("aws_ram_resource_share.s", {
	"resources": resources, "principals": [fx.val(p) | some p in principals],
})

findings(es) := fs if {
	fs := rule.deny with input as fx.model(es)
}

test_fires_on_iam_role if {
	s := share([fx.ref(sn)], ["222222222222", "arn:aws:iam::222222222222:role/consumer"])
	[f] := [f | some f in findings([sn, s])]
	f.entity == s.id
	f.attribute == "principals[1]"
	contains(f.message, "an IAM role")
}

test_fires_on_iam_user_and_service_principal if {
	s := share([fx.ref(sn)], ["arn:aws:iam::222222222222:user/alice", "ec2.amazonaws.com"])
	count(findings([sn, s])) == 2
}

test_silent_on_accounts_and_organizations if {
	s := share([fx.ref(sn)], [
		"222222222222",
		"arn:aws:organizations::111111111111:organization/o-example1234",
		"arn:aws:organizations::111111111111:ou/o-example1234/ou-ab12-cdef3456",
	])
	count(findings([sn, s])) == 0
}

test_silent_on_share_without_lattice_entities if {
	subnet := fx.subnet("aws_subnet.shared", {})
	s := share([fx.ref(subnet)], ["arn:aws:iam::222222222222:role/consumer"])
	count(findings([subnet, s])) == 0
}

test_unknown_principal_is_silent if {
	s := fx.resource_share("aws_ram_resource_share.s", {"resources": [fx.ref(sn)], "principals": [fx.unknown]})
	count(findings([sn, s])) == 0
}

test_unknown_resource_is_silent if {
	s := share([fx.unknown_ref("")], ["arn:aws:iam::222222222222:role/consumer"])
	count(findings([s])) == 0
}
