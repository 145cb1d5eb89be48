# METADATA
# title: Service is not associated with any service network
# description: |
#   A VPC Lattice service receives traffic only through a service network it is
#   associated with. A service with no service network service association is
#   unreachable: no client in any VPC can resolve or call it.
#
#   The finding is info instead of error when the service is in a RAM share,
#   because the account it is shared with may associate it with its own
#   service network. The rule stays silent when the service is used by
#   something outside the model (escaped) or when some association's service
#   reference is unknown (it may be this service).
# related_resources:
#   - ref: https://docs.aws.amazon.com/vpc-lattice/latest/ug/service-network-associations.html
#   - ref: https://docs.aws.amazon.com/vpc-lattice/latest/ug/services.html
# schemas:
#   - input: schema.input
# custom:
#   id: LAT-COR-001
#   name: service-not-associated
#   severity: error
#   missing_relation: true
#   remediation: Associate the service with a service network (aws_vpclattice_service_network_service_association / AWS::VpcLattice::ServiceNetworkServiceAssociation).
package lattice.rules.service_not_associated

import data.lattice.lib

deny contains f if {
	some svc in input.services
	lib.empty(svc, "service_associations")
	not lib.escaped(svc)
	not hidden_association
	f := finding(svc)
}

# An association whose service is unknown may associate this one.
hidden_association if lib.unresolved_in("service_network_service_associations", "service")

finding(svc) := {
	"entity": svc.id,
	"message": sprintf("service %s is not associated with any service network: no client can reach it", [lib.name(svc)]),
} if not lib.shared(svc)

finding(svc) := {
	"entity": svc.id,
	"severity": "info",
	"message": sprintf(
		"service %s is not associated with any service network in this model; it is shared through RAM, so the consumer account must associate it before any client can reach it",
		[lib.name(svc)],
	),
} if lib.shared(svc)
