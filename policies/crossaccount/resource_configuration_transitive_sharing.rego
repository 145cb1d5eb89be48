# METADATA
# title: Resource configuration can be passed on through a shared network
# description: |
#   `allowAssociationToShareableServiceNetwork` guards a resource configuration
#   against transitive sharing: when true, an account it is shared with may
#   associate it with one of its own service networks that is (or may become)
#   shared, exposing your resource to accounts you never shared it with. When
#   false (the API default), associating it with a shareable service network
#   is refused.
#
#   The rule warns on a resource configuration that is in a RAM share of the
#   model and allows association to shareable networks, and reports as an error
#   a consumer's service network resource association (declared in another
#   account than the configuration's) that puts a configuration whose flag is
#   false (set or by default) into a service network of the model whose sharing
#   is known to be enabled (set, or the default of a network that omits it).
#   The owner's own associations are not guarded. Unknown values or accounts
#   give no finding. Whether a
#   consumer account actually re-shares is decided in that account; the warning
#   says the door is open, not that it is used.
# related_resources:
#   - ref: https://docs.aws.amazon.com/vpc-lattice/latest/ug/resource-configuration.html
#   - ref: https://docs.aws.amazon.com/vpc-lattice/latest/APIReference/API_CreateResourceConfiguration.html
# schemas:
#   - input: schema.input
# custom:
#   id: LAT-XAC-006
#   name: resource-configuration-transitive-sharing
#   severity: warning
#   remediation: Set allow_association_to_shareable_service_network = false (CloudFormation AllowAssociationToSharableServiceNetwork false) on shared resource configurations; associate configurations that keep it false only with service networks created with sharing disabled.
package lattice.rules.resource_configuration_transitive_sharing

import data.lattice.lib

deny contains f if {
	some c in input.resource_configurations
	lib.is(c.allow_association_to_shareable_service_network, true)
	lib.shared(c)
	f := {
		"entity": c.id,
		"attribute": "allow_association_to_shareable_service_network",
		"message": sprintf(
			"resource configuration %s is shared through RAM and allows association to shareable service networks: an account it is shared with can add it to a network it shares in turn, exposing the resource to accounts you did not share it with",
			[lib.name(c)],
		),
		"related": [{"entity": id, "message": "RAM share"} | some id in lib.items(c, "resource_shares")],
	}
}

deny contains f if {
	some a in input.service_network_resource_associations
	lib.in_model(a.resource_configuration)
	c := lib.target(a.resource_configuration)
	lib.is(c.allow_association_to_shareable_service_network, false)
	lib.account(a) != lib.account(c)
	lib.in_model(a.service_network)
	sn := lib.target(a.service_network)
	lib.is(sn.sharing_enabled, true)
	f := {
		"entity": a.id,
		"attribute": "service_network",
		"severity": "error",
		"message": sprintf(
			"resource association %s in account %s puts resource configuration %s of account %s, which does not allow association to shareable service networks%s, into service network %s, which is shareable: the association is refused",
			[lib.name(a), lib.account(a), lib.name(c), lib.account(c), by_default(c), lib.name(sn)],
		),
		"related": [
			{"entity": c.id, "message": "resource configuration"},
			{"entity": sn.id, "message": "shareable service network"},
		],
	}
}

by_default(c) := " (the default)" if lib.default_value(c.allow_association_to_shareable_service_network)

by_default(c) := "" if not lib.default_value(c.allow_association_to_shareable_service_network)
