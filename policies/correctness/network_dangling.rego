# METADATA
# title: Service network has no consumers or nothing to call
# description: |
#   A service network is useful only when both sides exist: clients reach it
#   through a VPC association or a service-network VPC endpoint, and it offers
#   services or resource configurations through their associations.
#
#   - services or resources but no VPC association and no VPC endpoint: no VPC can call it;
#   - VPC associations or endpoints but no service or resource association: there is nothing to call;
#   - none of them: the network is empty (info: nothing is broken yet, and
#     the network is often created ahead of its users).
#
#   The finding is info instead of warning when the service network is in a
#   RAM share, because the accounts it is shared with add their own VPCs and
#   services. The rule stays silent when the network is used by something
#   outside the model (escaped) or when an association or endpoint of the
#   missing side has an unknown service network reference.
# related_resources:
#   - ref: https://docs.aws.amazon.com/vpc-lattice/latest/ug/service-networks.html
#   - ref: https://docs.aws.amazon.com/vpc-lattice/latest/ug/service-network-associations.html
# schemas:
#   - input: schema.input
# custom:
#   id: LAT-COR-003
#   name: network-dangling
#   severity: warning
#   missing_relation: true
#   remediation: Associate at least one client VPC (or a ServiceNetwork VPC endpoint) and at least one service or resource configuration with the service network, or remove it.
package lattice.rules.network_dangling

import data.lattice.lib

consumer_fields := ["vpc_associations", "vpc_endpoints"]

provider_fields := ["service_associations", "resource_associations"]

has_any(sn, fields) if {
	some field in fields
	not lib.empty(sn, field)
}

# A consumer or provider the model cannot tie to a network may belong to this one.
hidden_consumer if lib.unresolved_in("service_network_vpc_associations", "service_network")

hidden_consumer if lib.unresolved_in("vpc_endpoints", "service_network")

hidden_provider if lib.unresolved_in("service_network_service_associations", "service_network")

hidden_provider if lib.unresolved_in("service_network_resource_associations", "service_network")

problem(sn) := "no VPC is associated with it and no VPC endpoint connects to it, so no client can call its services" if {
	has_any(sn, provider_fields)
	not has_any(sn, consumer_fields)
	not hidden_consumer
}

problem(sn) := "VPCs connect to it but no service or resource configuration is associated, so there is nothing to call" if {
	has_any(sn, consumer_fields)
	not has_any(sn, provider_fields)
	not hidden_provider
}

problem(sn) := "it has no VPC association, VPC endpoint, service or resource association: it is empty" if {
	not has_any(sn, consumer_fields)
	not has_any(sn, provider_fields)
	not hidden_consumer
	not hidden_provider
}

deny contains f if {
	some sn in input.service_networks
	not lib.escaped(sn)
	p := problem(sn)
	f := object.union(
		{"entity": sn.id, "message": sprintf("service network %s: %s", [lib.name(sn), p])},
		downgrade(sn),
	)
}

# Info when the accounts it is shared with may add the missing side, and for
# an empty network, which breaks nothing yet.
downgrade(sn) := {"severity": "info"} if {
	lib.shared(sn)
} else := {"severity": "info"} if {
	not has_any(sn, consumer_fields)
	not has_any(sn, provider_fields)
} else := {}
