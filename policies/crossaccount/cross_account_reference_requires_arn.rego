# METADATA
# title: Cross-account reference given as an id
# description: |
#   VPC Lattice resolves a bare id (`sn-…`, `svc-…`, `rcfg-…`, `listener-…`)
#   only among the caller's own resources: "You must use an ARN if the
#   resources are in different accounts". An association, listener or rule
#   whose identifier names an entity of another account by its id fails at
#   deploy time with a not-found error, although the share and the permissions
#   are in place.
#
#   The rule fires when the reference resolves to an entity whose owner
#   account is known and differs from the referring entity's, and the code
#   reads its id: a Terraform data source looked up by another account's ARN
#   and then used as `data.aws_vpclattice_service_network.x.id`, or another
#   root's entity read through `.id`. It stays
#   silent when either account is unknown, when the reference is an ARN or of
#   unknown form, and on literal ids: a bare `sn-…` written in the code says
#   nothing about its owner, and which account owns it is something static
#   code never knows (AWS tells only at deploy time). A Terraform listener's
#   composite `.id` is LAT-HYG-002's concern.
#
#   CloudFormation cannot express the defect: it has no lookup of another
#   account's entities, and its exports do not cross accounts, so another
#   account's entity arrives as a parameter whose owner the template does not
#   say.
# related_resources:
#   - ref: https://docs.aws.amazon.com/vpc-lattice/latest/APIReference/API_CreateServiceNetworkVpcAssociation.html
#   - ref: https://docs.aws.amazon.com/vpc-lattice/latest/APIReference/API_CreateServiceNetworkServiceAssociation.html
#   - ref: https://docs.aws.amazon.com/vpc-lattice/latest/ug/sharing.html
# schemas:
#   - input: schema.input
# custom:
#   id: LAT-XAC-001
#   name: cross-account-reference-requires-arn
#   severity: error
#   formats: [terraform]
#   remediation: Pass the other account's entity by its ARN (`data.aws_vpclattice_service_network.x.arn`, `.arn` of the resource, or the ARN literal), not by its id.
package lattice.rules.cross_account_reference_requires_arn

import data.lattice.lib

# identifiers lists, per collection, the identifier arguments VPC Lattice
# resolves in the caller's account unless they are ARNs.
identifiers := [
	["service_network_vpc_associations", "service_network"],
	["service_network_service_associations", "service_network"],
	["service_network_service_associations", "service"],
	["service_network_resource_associations", "service_network"],
	["service_network_resource_associations", "resource_configuration"],
	["listeners", "service"],
	["listener_rules", "service"],
	["listener_rules", "listener"],
]

labels := {
	"service_network_vpc_association": "VPC association",
	"service_network_service_association": "service association",
	"service_network_resource_association": "resource association",
	"listener": "listener",
	"listener_rule": "listener rule",
	"service_network": "service network",
	"service": "service",
	"resource_configuration": "resource configuration",
}

deny contains f if {
	some [coll, field] in identifiers
	some e in input[coll]
	ref := e[field]
	ref.form == "id"
	lib.resolved(ref)
	end := lib.target(ref)
	account := lib.account(e)
	owner := lib.account(end)
	owner != account
	f := {
		"entity": e.id,
		"attribute": field,
		"message": sprintf(
			"%s %s in account %s names %s %s of account %s by its id: VPC Lattice looks ids up only in the caller's account, so the call fails at deploy time; pass the ARN",
			[labels[e.kind], lib.name(e), account, labels[ref.kind], lib.name(end), owner],
		),
		"related": [{"entity": end.id, "message": sprintf("owned by account %s", [owner])}],
	}
}
