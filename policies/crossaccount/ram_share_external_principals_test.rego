package lattice.rules.ram_share_external_principals_test

import data.lattice.fixtures as fx
import data.lattice.rules.ram_share_external_principals as rule

sn := fx.service_network("aws_vpclattice_service_network.n", {})

share(fields) := fx.resource_share("aws_ram_resource_share.s", fx.merge({"resources": [fx.ref(sn)]}, fields))

test_fires_when_set_true if {
	s := share({"allow_external_principals": fx.val(true)})
	fs := rule.deny with input as fx.model([sn, s])
	[f] := [f | some f in fs]
	f.entity == s.id
	f.attribute == "allow_external_principals"
	contains(f.message, "service network aws_vpclattice_service_network.n")
	not contains(f.message, "omitted")
	f.related == [{"entity": sn.id, "message": "shared VPC Lattice entity"}]
}

test_fires_on_cloudformation_default if {
	s := share({"allow_external_principals": fx.dflt(true)})
	fs := rule.deny with input as fx.model([sn, s])
	[f] := [f | some f in fs]
	contains(f.message, "omitted")
}

test_fires_on_external_service if {
	ext := fx.external("service", "arn:aws:vpc-lattice:eu-west-1:111111111111:service/svc-0123456789abcdef0", fx.val("111111111111"))
	s := share({"allow_external_principals": fx.val(true), "resources": [fx.ref(ext)]})
	count(rule.deny) == 1 with input as fx.model([ext, s])
}

test_silent_when_false if {
	count(rule.deny) == 0 with input as fx.model([sn, share({})])
}

test_silent_for_non_lattice_resources if {
	subnet_share := share({"allow_external_principals": fx.val(true), "resources": [fx.unknown_ref("subnet")]})
	count(rule.deny) == 0 with input as fx.model([subnet_share])
}

test_unknown_flag_is_silent if {
	count(rule.deny) == 0 with input as fx.model([sn, share({"allow_external_principals": fx.unknown})])
}
