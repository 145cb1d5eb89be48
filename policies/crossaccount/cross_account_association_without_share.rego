# METADATA
# title: Cross-account association without a RAM share
# description: |
#   An account can associate its VPC, service or resource configuration with a
#   service network of another account (or associate another account's service
#   or resource configuration with its own network, or connect a VPC endpoint
#   to it) only when the other account shares that entity with it through AWS
#   RAM. Without the share the association fails at deploy time: the other
#   account's entity is not visible to the caller.
#
#   For each end of an association (service network, service, resource
#   configuration; not the VPC) owned by a known account other than the
#   association's, the rule looks for a RAM share in the model owned by that
#   account (or of unknown owner) that contains the entity (or an unknown
#   resource, or is incomplete) and names the associating account, an
#   organization or OU (membership is not known, so it counts), or an unknown
#   principal. An end that is outside the model but whose account is in it is
#   covered by any such share holding a resource of the same kind. A share
#   association whose share the model cannot see counts too.
#
#   The finding is info instead of error when the other account is not part of
#   the model, since its share may simply live in code not being linted.
# related_resources:
#   - ref: https://docs.aws.amazon.com/vpc-lattice/latest/ug/sharing.html
#   - ref: https://docs.aws.amazon.com/ram/latest/userguide/working-with-sharing.html
# schemas:
#   - input: schema.input
# custom:
#   id: LAT-XAC-002
#   name: cross-account-association-without-share
#   severity: error
#   missing_relation: true
#   remediation: Share the other account's service network, service or resource configuration with the associating account (aws_ram_resource_share + aws_ram_resource_association + aws_ram_principal_association), or create the association in the owning account.
package lattice.rules.cross_account_association_without_share

import data.lattice.lib

# ends lists, per association collection, the references to entities whose
# owner must share them with the associating account.
ends := [
	["service_network_vpc_associations", "service_network"],
	["service_network_service_associations", "service_network"],
	["service_network_service_associations", "service"],
	["service_network_resource_associations", "service_network"],
	["service_network_resource_associations", "resource_configuration"],
	["vpc_endpoints", "service_network"],
	["vpc_endpoints", "resource_configuration"],
]

labels := {
	"service_network_vpc_association": "VPC association",
	"service_network_service_association": "service association",
	"service_network_resource_association": "resource association",
	"vpc_endpoint": "VPC endpoint",
	"service_network": "service network",
	"service": "service",
	"resource_configuration": "resource configuration",
}

deny contains f if {
	some [coll, field] in ends
	some a in input[coll]
	account := lib.account(a)
	ref := a[field]
	lib.resolved(ref)
	end := lib.target(ref)
	owner := lib.account(end)
	owner != account
	not lib.escaped(end)
	not covered(ref, end, account, owner)
	f := object.union(
		{
			"entity": a.id,
			"attribute": field,
			"related": [{"entity": end.id, "message": sprintf("owned by account %s", [owner])}],
		},
		message(a, ref, end, account, owner),
	)
}

message(a, ref, end, account, owner) := {"message": sprintf(
	"%s %s in account %s uses %s %s of account %s, but no RAM share in the model shares it with %s: the association fails at deploy time because account %s cannot see it",
	[labels[a.kind], lib.name(a), account, labels[ref.kind], lib.name(end), owner, account, account],
)} if input.accounts[owner]

message(a, ref, end, account, owner) := {
	"severity": "info",
	"message": sprintf(
		"%s %s in account %s uses %s %s of account %s, which is outside the model: unless account %s shares it with %s through AWS RAM, the association fails at deploy time",
		[labels[a.kind], lib.name(a), account, labels[ref.kind], lib.name(end), owner, owner, account],
	),
} if not input.accounts[owner]

# --- coverage -------------------------------------------------------------------------------

covered(ref, end, account, owner) if {
	some s in input.resource_shares
	owned_by(s, owner)
	shares_resource(s, ref, end, owner)
	shares_with(s, account)
}

# A share the model cannot see (its association names an unknown or external
# share) may share the entity with anyone. The resources of such associations
# are collected once per run, not scanned per association end.
covered(ref, _, _, _) if hidden_share_targets[ref.target]

covered(_, end, _, _) if {
	end.kind == "external"
	hidden_share_values[end.identifier.value]
}

covered(_, _, _, _) if hidden_share_of_unresolved

# Complete (:=) sets: OPA evaluates them once, whereas looking a key up in a
# partial set (contains) re-runs its body for each key.
hidden_share_resources := [x.resource |
	some x in input.resource_share_associations
	lib.present(x.share)
	not lib.in_model(x.share)
]

hidden_share_targets := {r.target | some r in hidden_share_resources; r.target}

hidden_share_values := {r.value | some r in hidden_share_resources; r.value}

hidden_share_of_unresolved if {
	some r in hidden_share_resources
	lib.unresolved(r)
}

owned_by(s, _) if not lib.known(s.account)

owned_by(s, owner) if lib.is(s.account, owner)

shares_resource(s, _, _, _) if s.complete == false

shares_resource(s, ref, end, _) if {
	some r in lib.items(s, "resources")
	may_be(r, ref, end)
}

# An end outside the model whose account is in it may be any entity of its kind there.
shares_resource(s, ref, end, owner) if {
	end.kind == "external"
	input.accounts[owner]
	some r in lib.items(s, "resources")
	r.kind == ref.kind
}

# may_be reports whether a share's resource reference may name the end.
may_be(r, ref, _) if r.target == ref.target

may_be(r, _, end) if {
	end.kind == "external"
	r.value == end.identifier.value
}

may_be(r, _, _) if lib.unresolved(r)

shares_with(s, _) if s.complete == false

shares_with(s, account) if {
	some p in lib.items(s, "principals")
	principal_covers(p, account)
}

principal_covers(p, _) if not lib.known(p)

principal_covers(p, account) if p.value == account

# Organization and OU principals: membership is unknown to the model.
principal_covers(p, _) if regex.match(`^arn:[^:]+:organizations::`, p.value)
