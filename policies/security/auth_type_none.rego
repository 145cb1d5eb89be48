# METADATA
# title: Service or service network does not authenticate callers
# description: |
#   With auth type NONE (the default when the code omits it), any client in a
#   VPC connected to the service network can call the service without
#   authentication; only security groups stand in the way. AWS_IAM with an
#   auth policy adds the identity layer.
#
#   The finding on a service is an error instead of a warning when a service
#   network it is associated with is also NONE and is shared through RAM or
#   associated with three or more VPCs: many callers, possibly in other
#   accounts, then reach it unauthenticated.
# related_resources:
#   - ref: https://docs.aws.amazon.com/vpc-lattice/latest/ug/auth-policies.html
#   - ref: https://docs.aws.amazon.com/vpc-lattice/latest/ug/security.html
# schemas:
#   - input: schema.input
# custom:
#   id: LAT-SEC-005
#   name: auth-type-none
#   severity: warning
#   remediation: Set auth_type = "AWS_IAM" (CloudFormation AuthType AWS_IAM) and attach an auth policy that allows only the intended callers.
package lattice.rules.auth_type_none

import data.lattice.lib

none(e) := " (the default)" if {
	lib.is(e.auth_type, "NONE")
	lib.default_value(e.auth_type)
}

none(e) := "" if {
	lib.is(e.auth_type, "NONE")
	not lib.default_value(e.auth_type)
}

# exposure says why an unauthenticated service network has many callers.
exposure(sn) := "shared through RAM" if lib.shared(sn)

exposure(sn) := sprintf("associated with %d VPCs", [count(lib.items(sn, "vpc_associations"))]) if {
	not lib.shared(sn)
	count(lib.items(sn, "vpc_associations")) >= 3
}

# open_networks are the unauthenticated, widely reachable networks a service is in.
open_networks(svc) := [sn |
	some id in lib.items(svc, "service_associations")
	a := input.service_network_service_associations[id]
	lib.in_model(a.service_network)
	sn := lib.target(a.service_network)
	none(sn)
	exposure(sn)
]

deny contains f if {
	some svc in input.services
	suffix := none(svc)
	count(open_networks(svc)) == 0
	f := {
		"entity": svc.id,
		"attribute": "auth_type",
		"message": sprintf(
			"service %s has auth_type NONE%s: any client in a VPC connected to its service network can call it without authentication",
			[lib.name(svc), suffix],
		),
	}
}

deny contains f if {
	some svc in input.services
	suffix := none(svc)
	sns := open_networks(svc)
	count(sns) > 0
	f := {
		"entity": svc.id,
		"attribute": "auth_type",
		"severity": "error",
		"message": sprintf(
			"service %s has auth_type NONE%s and so does service network %s, which is %s: every caller it admits reaches the service without authentication",
			[lib.name(svc), suffix, concat(", ", sort([lib.name(sn) | some sn in sns])), concat("; ", sort({exposure(sn) | some sn in sns}))],
		),
		"related": [{"entity": sn.id, "message": "unauthenticated service network"} | some sn in sns],
	}
}

deny contains f if {
	some sn in input.service_networks
	suffix := none(sn)
	f := {
		"entity": sn.id,
		"attribute": "auth_type",
		"message": sprintf(
			"service network %s has auth_type NONE%s: it does not authenticate callers, so any client in a connected VPC reaches every service that does not check identity itself",
			[lib.name(sn), suffix],
		),
	}
}
