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

# --- an account outside the organization ---

accounts := {
	"111111111111": {"id": "111111111111", "organization": "o-owner", "sources": ["owner"]},
	"333333333333": {"id": "333333333333", "organization": "o-partner", "sources": ["consumer"]},
}

owned_share := object.union(share([fx.ref(sn)], ["333333333333"]), {"account": fx.val("111111111111")})

org_findings(accts, es) := fs if {
	fs := rule.deny with input as object.union(fx.model(es), {"accounts": accts})
}

test_fires_info_on_external_account_without_accepter if {
	[f] := [f | some f in org_findings(accounts, [sn, owned_share])]
	f.severity == "info"
	f.attribute == "principals[0]"
	contains(f.message, "o-partner")
}

test_silent_with_an_accepter_for_the_share if {
	a := fx.share_accepter("aws_ram_resource_share_accepter.a", {"account": fx.val("333333333333"), "share": fx.ref(owned_share)})
	count(org_findings(accounts, [sn, owned_share, a])) == 0
}

test_silent_with_an_accepter_of_unknown_share if {
	a := fx.share_accepter("aws_ram_resource_share_accepter.a", {"account": fx.val("333333333333"), "share": fx.unknown})
	count(org_findings(accounts, [sn, owned_share, a])) == 0
}

test_silent_in_the_same_organization if {
	same := object.union(accounts, {"333333333333": {"id": "333333333333", "organization": "o-owner", "sources": ["consumer"]}})
	count(org_findings(same, [sn, owned_share])) == 0
}

test_silent_when_the_consumer_code_is_not_in_the_model if {
	away := object.union(accounts, {"333333333333": {"id": "333333333333", "organization": "o-partner", "sources": []}})
	count(org_findings(away, [sn, owned_share])) == 0
}

test_unknown_organization_is_silent if {
	unknown := {
		"111111111111": accounts["111111111111"],
		"333333333333": {"id": "333333333333", "sources": ["consumer"]},
	}
	count(org_findings(unknown, [sn, owned_share])) == 0
}
