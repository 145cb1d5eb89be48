# METADATA
# title: Service has no listener
# description: |
#   A VPC Lattice service accepts connections only on its listeners. A service
#   with no listener resolves in DNS but refuses every request, so its clients
#   fail even when the service is associated and its targets are healthy.
#
#   The rule stays silent when the service is used by something outside the
#   model (escaped) or when some listener's service reference is unknown (it
#   may belong to this service).
# related_resources:
#   - ref: https://docs.aws.amazon.com/vpc-lattice/latest/ug/listeners.html
# schemas:
#   - input: schema.input
# custom:
#   id: LAT-COR-002
#   name: service-without-listener
#   severity: error
#   missing_relation: true
#   remediation: Add a listener to the service (aws_vpclattice_listener / AWS::VpcLattice::Listener) with a default action.
package lattice.rules.service_without_listener

import data.lattice.lib

deny contains f if {
	some svc in input.services
	lib.empty(svc, "listeners")
	not lib.escaped(svc)
	not hidden_listener
	f := {
		"entity": svc.id,
		"message": sprintf("service %s has no listener: clients that reach it get no response on any port", [lib.name(svc)]),
	}
}

# A listener whose service is unknown may belong to this one.
hidden_listener if lib.unresolved_in("listeners", "service")
