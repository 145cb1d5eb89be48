# METADATA
# title: Association or share of entities the account does not own
# description: |
#   An account may associate a service network with a VPC, service or resource
#   configuration only when it owns at least one of the two: "The caller must
#   own either the service or the service network", and a consumer cannot
#   associate two entities that are both shared with it. Likewise an account
#   cannot put into a RAM share an entity that was shared with it ("You can't
#   share an entity that has been shared with you"). Either call fails at
#   deploy time with an access-denied error.
#
#   The rule fires on an association whose two ends both have a known owner
#   account and neither is the association's account, and on a RAM share that
#   lists an entity whose known owner differs from the share's account. It
#   stays silent whenever one of these accounts is unknown (a literal id, a
#   variable, a CloudFormation template without an account in the
#   configuration).
# related_resources:
#   - ref: https://docs.aws.amazon.com/vpc-lattice/latest/ug/sharing.html
#   - ref: https://docs.aws.amazon.com/vpc-lattice/latest/APIReference/API_CreateServiceNetworkServiceAssociation.html
# schemas:
#   - input: schema.input
# custom:
#   id: LAT-XAC-003
#   name: association-between-foreign-entities
#   severity: error
#   remediation: Create the association in the account that owns the service network or the VPC, service or resource configuration, and share only entities the sharing account owns.
package lattice.rules.association_between_foreign_entities

import data.lattice.lib

# pairs lists, per association collection, its two ends.
pairs := [
	["service_network_vpc_associations", "service_network", "vpc"],
	["service_network_service_associations", "service_network", "service"],
	["service_network_resource_associations", "service_network", "resource_configuration"],
]

labels := {
	"service_network_vpc_association": "VPC association",
	"service_network_service_association": "service association",
	"service_network_resource_association": "resource association",
	"service_network": "service network",
	"service": "service",
	"resource_configuration": "resource configuration",
	"vpc": "VPC",
}

# owner is the known account of the entity a resolved reference points at.
owner(ref) := lib.account(lib.target(ref)) if lib.resolved(ref)

deny contains f if {
	some [coll, left, right] in pairs
	some a in input[coll]
	account := lib.account(a)
	l := owner(a[left])
	r := owner(a[right])
	l != account
	r != account
	le := lib.target(a[left])
	re := lib.target(a[right])
	f := {
		"entity": a.id,
		"message": sprintf(
			"%s %s in account %s joins %s %s (account %s) and %s %s (account %s): the caller must own one of them, so the association fails at deploy time",
			[labels[a.kind], lib.name(a), account, labels[a[left].kind], lib.name(le), l, labels[a[right].kind], lib.name(re), r],
		),
		"related": [
			{"entity": le.id, "message": sprintf("owned by account %s", [l])},
			{"entity": re.id, "message": sprintf("owned by account %s", [r])},
		],
	}
}

deny contains f if {
	some s in input.resource_shares
	account := lib.account(s)
	some i, ref in lib.items(s, "resources")
	o := owner(ref)
	o != account
	e := lib.target(ref)
	f := {
		"entity": s.id,
		"attribute": sprintf("resources[%d]", [i]),
		"message": sprintf(
			"RAM share %s of account %s lists %s, owned by account %s: an account cannot share an entity shared with it, so the share fails at deploy time",
			[lib.name(s), account, lib.name(e), o],
		),
		"related": [{"entity": e.id, "message": sprintf("owned by account %s", [o])}],
	}
}
