# METADATA
# title: RAM share of VPC Lattice entities allows external principals
# description: |
#   A RAM share with `AllowExternalPrincipals` true can be extended to any AWS
#   account, not just accounts of your organization; each external account gets
#   an invitation and, once it accepts, the associate rights of the share's
#   permission on your service network, service or resource configuration
#   (associating its own VPCs, services and endpoints). AWS RAM and
#   CloudFormation default `AllowExternalPrincipals` to **true** when it is
#   omitted; Terraform's `aws_ram_resource_share` defaults to false.
#
#   The rule fires on a share holding a VPC Lattice service network, service or
#   resource configuration whose `allow_external_principals` is known to be true
#   (set, or the CloudFormation default). An unknown value, or a share whose
#   resources are unknown, gives no finding.
#
#   The catalogue raises this to an error when a principal is actually outside
#   the organization. Which accounts belong to the organization is not in the
#   code (it lives in AWS Organizations), so the rule stays a warning.
# related_resources:
#   - ref: https://docs.aws.amazon.com/vpc-lattice/latest/ug/sharing.html
#   - ref: https://docs.aws.amazon.com/ram/latest/APIReference/API_CreateResourceShare.html
# schemas:
#   - input: schema.input
# custom:
#   id: LAT-XAC-004
#   name: ram-share-external-principals
#   severity: warning
#   remediation: Set allow_external_principals = false (CloudFormation AllowExternalPrincipals false) and share with accounts, OUs or the organization inside your organization.
package lattice.rules.ram_share_external_principals

import data.lattice.lib

lattice_kinds := {"service_network", "service", "resource_configuration"}

labels := {"service_network": "service network", "service": "service", "resource_configuration": "resource configuration"}

# lattice_resources names the VPC Lattice entities a share holds.
lattice_resources(s) := [sprintf("%s %s", [labels[ref.kind], lib.name(lib.target(ref))]) |
	some ref in lib.items(s, "resources")
	ref.kind in lattice_kinds
	lib.resolved(ref)
]

by_default(s) := " (omitted: AWS RAM and CloudFormation default to true)" if lib.default_value(s.allow_external_principals)

by_default(s) := "" if not lib.default_value(s.allow_external_principals)

deny contains f if {
	some s in input.resource_shares
	lib.is(s.allow_external_principals, true)
	names := lattice_resources(s)
	count(names) > 0
	f := {
		"entity": s.id,
		"attribute": "allow_external_principals",
		"message": sprintf(
			"RAM share %s allows external principals%s: %s can be shared with any AWS account outside your organization, which can then associate its own VPCs and services",
			[lib.name(s), by_default(s), concat(", ", sort(names))],
		),
		"related": [{"entity": ref.target, "message": "shared VPC Lattice entity"} |
			some ref in lib.items(s, "resources")
			ref.kind in lattice_kinds
			lib.resolved(ref)
		],
	}
}
