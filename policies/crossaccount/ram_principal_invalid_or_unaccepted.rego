# METADATA
# title: RAM share of VPC Lattice entities with a principal that cannot receive it
# description: |
#   VPC Lattice entities (service networks, services, resource configurations)
#   can be shared only with AWS accounts, organizational units or a whole
#   organization: "You can't share your VPC Lattice entities with individual
#   IAM users and roles". A RAM share holding a Lattice entity whose principal
#   is an IAM user or role ARN, or a service principal
#   (`something.amazonaws.com`), fails at deploy time: an error on the
#   principal.
#
#   A share also reaches an account outside the organization only through
#   an invitation the account must accept (`aws_ram_resource_share_accepter`
#   in Terraform). When the model knows both organizations — the native
#   format's `accounts` say which organization each account belongs to —
#   and the principal account's own code is in the model but holds no
#   accepter that is, or may be, for this share, the rule reports info: the
#   share stays pending and the consumer cannot associate anything. An
#   accepter whose share is unknown counts as this share's. Terraform and
#   CloudFormation code never say which organization an account belongs to,
#   so on them alone this part stays silent: declare the accounts in a
#   native file of the run (the `positive-organization` fixture shows one).
#   CloudFormation has no resource that accepts an invitation, so a consumer
#   written in CloudFormation alone is reported.
#
#   Whether RAM sharing with the organization is enabled (needed for an
#   organization or OU principal) is an account setting; Terraform's
#   `aws_ram_sharing_with_organization` can turn it on, but its absence from
#   the code does not mean it is off, so static code can never report it
#   missing and the rule does not. Unknown principals, and shares whose
#   resources are unknown or not VPC Lattice entities, give no finding.
# related_resources:
#   - ref: https://docs.aws.amazon.com/vpc-lattice/latest/ug/sharing.html
#   - ref: https://docs.aws.amazon.com/ram/latest/userguide/getting-started-sharing.html
# schemas:
#   - input: schema.input
# custom:
#   id: LAT-XAC-007
#   name: ram-principal-invalid-or-unaccepted
#   severity: error
#   remediation: Share VPC Lattice entities with the 12-digit account id (or an organization / OU ARN), not with an IAM user, role or service principal; grant the users and roles access in that account instead. An account outside the organization accepts the invitation in its own code (aws_ram_resource_share_accepter).
package lattice.rules.ram_principal_invalid_or_unaccepted

import data.lattice.lib

lattice_kinds := {"service_network", "service", "resource_configuration"}

# lattice_entities names the VPC Lattice entities a share holds.
lattice_entities(s) := [lib.name(lib.target(ref)) |
	some ref in lib.items(s, "resources")
	ref.kind in lattice_kinds
	lib.resolved(ref)
]

# invalid tells why a principal cannot receive VPC Lattice entities.
invalid(p) := "an IAM user" if regex.match(`^arn:[^:]+:iam::[0-9]*:user/`, p)

invalid(p) := "an IAM role" if regex.match(`^arn:[^:]+:iam::[0-9]*:role/`, p)

invalid(p) := "a service principal" if regex.match(`^[a-z0-9.-]+\.amazonaws\.com(\.cn)?$`, p)

deny contains f if {
	some s in input.resource_shares
	names := lattice_entities(s)
	count(names) > 0
	some i, p in lib.items(s, "principals")
	why := invalid(p.value)
	f := {
		"entity": s.id,
		"attribute": sprintf("principals[%d]", [i]),
		"message": sprintf(
			"RAM share %s shares %s with %s, %s: VPC Lattice entities can be shared only with accounts, OUs or an organization, so the share fails at deploy time",
			[lib.name(s), concat(", ", sort(names)), p.value, why],
		),
	}
}

# --- an account outside the organization that never accepts -------------------------------

# organization is the known organization of an account of the model.
organization(id) := o if {
	o := input.accounts[id].organization
	o != ""
}

# accepts reports whether an account's code holds an accepter that is, or may
# be, for the share.
accepts(id, s) if {
	some a in input.resource_share_accepters
	lib.is(a.account, id)
	not lib.in_model(a.share)
}

accepts(id, s) if {
	some a in input.resource_share_accepters
	lib.is(a.account, id)
	a.share.target == s.id
}

# An accepter whose account is unknown may be the principal's.
accepts(_, s) if {
	some a in input.resource_share_accepters
	not lib.known(a.account)
	not lib.in_model(a.share)
}

accepts(_, s) if {
	some a in input.resource_share_accepters
	not lib.known(a.account)
	a.share.target == s.id
}

deny contains f if {
	some s in input.resource_shares
	names := lattice_entities(s)
	count(names) > 0
	owner := organization(s.account.value)
	some i, p in lib.items(s, "principals")
	regex.match(`^[0-9]{12}$`, p.value)
	theirs := organization(p.value)
	theirs != owner
	count(lib.items(input.accounts[p.value], "sources")) > 0
	not accepts(p.value, s)
	f := {
		"entity": s.id,
		"attribute": sprintf("principals[%d]", [i]),
		"severity": "info",
		"message": sprintf(
			"RAM share %s shares %s with account %s of organization %s, outside the share owner's organization %s, and that account's code accepts no invitation (aws_ram_resource_share_accepter): the share stays pending and the account cannot use %s",
			[lib.name(s), concat(", ", sort(names)), p.value, theirs, owner, concat(", ", sort(names))],
		),
	}
}
