package lattice.rules.ram_share_of_non_shareable_network_test

import data.lattice.fixtures as fx
import data.lattice.rules.ram_share_of_non_shareable_network as rule

sn(enabled) := fx.service_network("aws_vpclattice_service_network.n", {"sharing_enabled": enabled})

share(n) := fx.resource_share("aws_ram_resource_share.s", {"resources": [fx.ref(n)]})

test_fires_when_sharing_disabled if {
	n := sn(fx.val(false))
	s := share(n)
	fs := rule.deny with input as fx.model([n, s])
	[f] := [f | some f in fs]
	f.entity == s.id
	f.attribute == "resources[0]"
	f.related == [{"entity": n.id, "message": "service network with sharing disabled"}]
}

test_silent_when_sharing_enabled if {
	n := sn(fx.val(true))
	count(rule.deny) == 0 with input as fx.model([n, share(n)])
}

test_silent_when_sharing_not_set if {
	n := sn(fx.absent)
	count(rule.deny) == 0 with input as fx.model([n, share(n)])
}

test_silent_for_external_network if {
	ext := fx.external("service_network", "arn:aws:vpc-lattice:eu-west-1:111111111111:servicenetwork/sn-0123456789abcdef0", fx.val("111111111111"))
	count(rule.deny) == 0 with input as fx.model([ext, share(ext)])
}

test_unknown_sharing_is_silent if {
	n := sn(fx.unknown)
	count(rule.deny) == 0 with input as fx.model([n, share(n)])
}
