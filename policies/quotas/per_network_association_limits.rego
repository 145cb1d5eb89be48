# METADATA
# title: Service network near or over its association quotas
# description: |
#   One service network accepts at most 500 VPC associations, 500 service
#   associations, 500 resource-configuration associations and 200 VPC
#   endpoints of type service network (adjustable quotas, Service Quotas
#   L-EF6E2D62, L-75D4A19E, L-6095700C, L-89DEA27F). The association beyond
#   the quota fails to create, and it is usually another team's deployment
#   that fails, in another account, long after the network was built.
#
#   The rule warns from 80 % of the quota (`quotas.warn_at_percent` in
#   `.lattice-lint.yaml`), the point where practice asks for the increase, and
#   says when the code is over it. It compares with the quota the
#   configuration records for the network's account (`quotas:`), else AWS's.
#
#   Associations usually come from many units and accounts: the rule counts
#   those the model sees, so it fires when all units are linted together or
#   when one unit alone creates many. Associations whose count or for_each is
#   unknown, or whose CloudFormation condition is undecidable, count zero:
#   the count is a lower bound. Associations other stacks, accounts or
#   controllers create are never seen by static code; they only add to the
#   count, so the rule can miss a quota they exhaust but never fires because
#   of them.
# related_resources:
#   - ref: https://docs.aws.amazon.com/vpc-lattice/latest/ug/quotas.html
#   - ref: https://docs.aws.amazon.com/general/latest/gr/vpc-lattice-service.html
# schemas:
#   - input: schema.input
# custom:
#   id: LAT-QTA-002
#   name: per-network-association-limits
#   severity: warning
#   remediation: Request a quota increase (and record it under `quotas:` in .lattice-lint.yaml), or spread the associations over more service networks.
package lattice.rules.per_network_association_limits

import data.lattice.lib

# counted lists, per quota, the back-reference of a service network it counts.
counted := {
	"vpc-associations-per-service-network": ["vpc_associations", "VPC associations"],
	"service-associations-per-service-network": ["service_associations", "service associations"],
	"resource-configurations-per-service-network": ["resource_associations", "resource-configuration associations"],
	"service-network-endpoints-per-service-network": ["vpc_endpoints", "service-network VPC endpoints"],
}

deny contains f if {
	some sn in input.service_networks
	some q, c in counted
	ids := lib.items(sn, c[0])
	n := lib.known_count(ids)
	limit := lib.quota_limit(q, sn)
	n * 100 >= limit * lib.quota_warn_percent
	f := {
		"entity": sn.id,
		"severity": lib.quota_severity(q),
		"message": sprintf(
			"service network %s has %s%d %s, %s the %s of %d (%s, quota %s): %s",
			[lib.name(sn), lib.at_least(ids), n, c[1], relation(n, limit), lib.quota_kind(q), limit, lib.quota_title(q), q, consequence(n, limit)],
		),
	}
}

relation(n, limit) := "over" if n > limit

else := sprintf("%d %% of", [floor((n * 100) / limit)])

consequence(n, limit) := "the associations beyond it fail to create" if n > limit

else := "request the increase before the next association fails"
