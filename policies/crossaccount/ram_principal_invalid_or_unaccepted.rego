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
#   The catalogue's info cases need facts static code never has, and the rule
#   does not guess them: whether an account principal is outside the
#   organization (and so gets an invitation that someone must accept) depends
#   on the organization's membership, and whether RAM sharing with the
#   organization is enabled is an account-level setting made outside the
#   linted code. Unknown principals, and shares whose resources are unknown or
#   not VPC Lattice entities, give no finding.
# related_resources:
#   - ref: https://docs.aws.amazon.com/vpc-lattice/latest/ug/sharing.html
#   - ref: https://docs.aws.amazon.com/ram/latest/userguide/getting-started-sharing.html
# schemas:
#   - input: schema.input
# custom:
#   id: LAT-XAC-007
#   name: ram-principal-invalid-or-unaccepted
#   severity: error
#   remediation: Share VPC Lattice entities with the 12-digit account id (or an organization / OU ARN), not with an IAM user, role or service principal; grant the users and roles access in that account instead.
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
