# METADATA
# title: RAM share holds a service network created as not shareable
# description: |
#   Whether a service network can be shared is decided when it is created
#   (`SharingConfig.enabled`, awscc `sharing_config`) and cannot be changed
#   afterwards. Only a shareable service network can be shared through AWS RAM:
#   adding one created with sharing disabled to a resource share fails.
#
#   The rule reports each RAM share entry that adds a service network of the
#   model whose sharing is known to be disabled. A network without the setting
#   is shareable (the default), and an unknown setting gives no finding.
# related_resources:
#   - ref: https://docs.aws.amazon.com/vpc-lattice/latest/ug/service-networks.html
#   - ref: https://docs.aws.amazon.com/vpc-lattice/latest/APIReference/API_SharingConfig.html
# schemas:
#   - input: schema.input
# custom:
#   id: LAT-XAC-005
#   name: ram-share-of-non-shareable-network
#   severity: error
#   remediation: Remove the service network from the share, or recreate it with sharing enabled (SharingConfig enabled true / sharing_config { enabled = true }); the setting cannot be changed in place.
package lattice.rules.ram_share_of_non_shareable_network

import data.lattice.lib

deny contains f if {
	some s in input.resource_shares
	some i, ref in lib.items(s, "resources")
	ref.kind == "service_network"
	lib.in_model(ref)
	sn := lib.target(ref)
	lib.is(sn.sharing_enabled, false)
	f := {
		"entity": s.id,
		"attribute": sprintf("resources[%d]", [i]),
		"message": sprintf(
			"RAM share %s shares service network %s, which was created with sharing disabled: AWS RAM refuses to share it, and the setting cannot be changed without recreating the network",
			[lib.name(s), lib.name(sn)],
		),
		"related": [{"entity": sn.id, "message": "service network with sharing disabled"}],
	}
}
