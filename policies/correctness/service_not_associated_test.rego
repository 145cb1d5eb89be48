package lattice.rules.service_not_associated_test

import data.lattice.fixtures as fx
import data.lattice.rules.service_not_associated as rule

assoc_addr := "aws_vpclattice_service_network_service_association.a"

sn := fx.service_network("aws_vpclattice_service_network.n", {"service_associations": [fx.id(assoc_addr)]})

svc := fx.service("aws_vpclattice_service.a", {"service_associations": [fx.id(assoc_addr)]})

assoc := fx.service_association(assoc_addr, {"service_network": fx.ref(sn), "service": fx.ref(svc)})

lonely := fx.service("aws_vpclattice_service.lonely", {})

test_fires_on_service_without_association if {
	fs := rule.deny with input as fx.model([sn, svc, assoc, lonely])
	count(fs) == 1
	some f in fs
	f.entity == lonely.id
	not f.severity
	contains(f.message, "aws_vpclattice_service.lonely")
}

test_fires_as_info_when_shared if {
	shared := fx.merge(lonely, {"resource_shares": [fx.id("aws_ram_resource_share.s")]})
	fs := rule.deny with input as fx.model([shared])
	[f.severity | some f in fs] == ["info"]
}

test_silent_when_associated if {
	count(rule.deny) == 0 with input as fx.model([sn, svc, assoc])
}

test_silent_when_escaped if {
	count(rule.deny) == 0 with input as fx.model([fx.merge(lonely, {"escaped": true})])
}

test_unknown_association_target_suppresses if {
	other := fx.service_association("aws_vpclattice_service_network_service_association.b", {
		"service_network": fx.ref(sn), "service": fx.unknown_ref("service"),
	})
	count(rule.deny) == 0 with input as fx.model([sn, lonely, other])
}

test_fires_when_association_targets_external_service if {
	# A literal ARN of a service elsewhere says nothing about this one.
	ext := fx.external("service", "arn:aws:vpc-lattice:eu-west-1:222222222222:service/svc-1", fx.absent)
	other := fx.service_association("aws_vpclattice_service_network_service_association.b", {
		"service_network": fx.ref(sn), "service": fx.ref(ext),
	})
	fs := rule.deny with input as fx.model([sn, lonely, other, ext])
	[f.entity | some f in fs] == [lonely.id]
}
