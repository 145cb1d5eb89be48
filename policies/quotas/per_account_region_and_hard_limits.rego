# METADATA
# title: Hard limit, or account and Region quota, exceeded
# description: |
#   Hard limits never change, whatever the account asks for: at most 5
#   security groups on a service network VPC association and on a resource
#   gateway, and 5 header matches in one listener rule (the API model's
#   bounds). A resource over one fails to create: an error.
#
#   Adjustable quotas per account and Region: 50 service networks (10 in
#   il-central-1), 2,000 services (500 in il-central-1), 500 target groups,
#   2,000 resource configurations, 5 domain verifications, 500 resource
#   gateways per VPC and 60 child resource configurations per group. The
#   rule warns when the code alone creates more than the quota the
#   configuration records for the account (`quotas:` in
#   `.lattice-lint.yaml`), else AWS's.
#
#   What static code cannot know: resources already deployed in the account
#   and Region, and those other repositories create, count toward the
#   per-account quotas too, and no template or root shows them; the rule counts
#   only the linted code, so it can miss a quota they exhaust but never fires
#   because of them. It groups entities by their known account and Region
#   (provider `allowed_account_ids` and `region`, or the configuration's
#   `accounts:`); entities whose account or Region is unknown, and those whose
#   count, for_each or condition is unknown, are not counted. A list of
#   security groups whose value is unknown is not counted either.
#
#   Three hard limits of the catalogue's list are reported by the rule about the
#   resource's own configuration: the auth policy size (10 KB) by LAT-SEC-008,
#   a resource gateway's IPv4 addresses per network interface (62) by
#   LAT-COR-021, and the private DNS specified domains of an association or
#   endpoint (10) by LAT-COR-022.
# related_resources:
#   - ref: https://docs.aws.amazon.com/vpc-lattice/latest/ug/quotas.html
#   - ref: https://docs.aws.amazon.com/vpc-lattice/latest/APIReference/API_CreateServiceNetworkVpcAssociation.html
#   - ref: https://docs.aws.amazon.com/vpc-lattice/latest/APIReference/API_HeaderMatch.html
# schemas:
#   - input: schema.input
# custom:
#   id: LAT-QTA-003
#   name: per-account-region-and-hard-limits
#   severity: error
#   remediation: Stay within the hard limit (fewer security groups or header matches); for an account or Region quota, request an increase and record it under `quotas:` in .lattice-lint.yaml, or spread the resources over accounts or Regions.
package lattice.rules.per_account_region_and_hard_limits

import data.lattice.lib

deny contains f if {
	some a in input.service_network_vpc_associations
	f := list_over(a, "security_groups", "security-groups-per-vpc-association", "security groups")
}

deny contains f if {
	some g in input.resource_gateways
	f := list_over(g, "security_groups", "security-groups-per-resource-gateway", "security groups")
}

# list_over is the finding for entity e whose known list field holds more
# items than quota q allows.
list_over(e, field, q, what) := f if {
	e[field].known == true
	n := count(lib.items(e[field], "items"))
	limit := lib.quota_limit(q, e)
	n > limit
	f := {
		"entity": e.id,
		"attribute": field,
		"severity": lib.quota_severity(q),
		"message": sprintf(
			"%s %s lists %d %s, over the %s of %d (%s, quota %s): VPC Lattice refuses to create it",
			[replace(e.kind, "_", " "), lib.name(e), n, what, lib.quota_kind(q), limit, lib.quota_title(q), q],
		),
	}
}

deny contains f if {
	some r in input.listener_rules
	q := "header-matches-per-rule"
	n := count(lib.items(r.match, "headers"))
	limit := lib.quota_limit(q, r)
	n > limit
	f := {
		"entity": r.id,
		"attribute": "match",
		"severity": lib.quota_severity(q),
		"message": sprintf(
			"listener rule %s matches %d headers, over the %s of %d (%s, quota %s): VPC Lattice refuses to create it",
			[lib.name(r), n, lib.quota_kind(q), limit, lib.quota_title(q), q],
		),
	}
}

# per_region lists, per account-and-Region quota, the collection it counts.
per_region := {
	"service-networks-per-region": ["service_networks", "service networks"],
	"services-per-region": ["services", "services"],
	"target-groups-per-region": ["target_groups", "target groups"],
	"resource-configurations-per-region": ["resource_configurations", "resource configurations"],
	"domain-verifications-per-region": ["domain_verifications", "domain verifications"],
}

deny contains f if {
	some [q, account, region], ids in placed
	f := grouped_over(q, ids, sprintf("account %s in %s", [account, region]), per_region[q][1])
}

# counted holds, for each account-and-Region quota, the entities of its
# collection that surely exist.
counted := [[q, x] |
	some q, c in per_region
	some x in input[c[0]]
	not lib.conditional(x)
]

# placed groups the counted entities by quota and known [account, Region].
# The groups are gathered first and the inner comprehension is indexed by
# them (OPA's comprehension index): grouping once per entity would compare
# every entity with every other.
placed := {key: sort(ids) |
	some key in {[q, x.account.value, x.region.value] | some [q, x] in counted}
	ids := [x.id | some [q, x] in counted; [q, x.account.value, x.region.value] == key]
}

deny contains f if {
	some vpc, ids in referenced.vpc
	f := grouped_over("resource-gateways-per-vpc", ids, sprintf("VPC %s", [lib.name(lib.entity(vpc))]), "resource gateways")
}

deny contains f if {
	some group, ids in referenced.group
	f := grouped_over("child-resource-configurations-per-group", ids, sprintf("group resource configuration %s", [lib.name(lib.entity(group))]), "child resource configurations")
}

# by_reference names the collection and reference field each per-entity
# quota counts by.
by_reference := {"vpc": "resource_gateways", "group": "resource_configurations"}

# pointing lists [field, entity] for every entity that surely exists and
# whose field is resolved.
pointing := [[field, x] |
	some field, coll in by_reference
	some x in input[coll]
	not lib.conditional(x)
	lib.resolved(x[field])
]

# referenced groups, per field, the entities pointing at the same entity (in
# the model or external), indexed as placed is.
referenced := {field: groups |
	some field, _ in by_reference
	groups := {target: sort(ids) |
		some target in {x[f].target | some [f, x] in pointing; f == field}
		ids := [x.id | some [f, x] in pointing; [f, x[f].target] == [field, target]]
	}
}

# grouped_over reports the first entity beyond quota q among ids (sorted),
# when there are more than the quota allows for it.
grouped_over(q, ids, where, what) := f if {
	n := count(ids)
	n > 0
	limit := lib.quota_limit(q, lib.entity(ids[0]))
	n > limit
	f := {
		"entity": ids[limit],
		"severity": lib.quota_severity(q),
		"message": sprintf(
			"%s has %d %s in the linted code alone, over the %s of %d (%s, quota %s): the ones beyond it fail to create",
			[where, n, what, lib.quota_kind(q), limit, lib.quota_title(q), q],
		),
	}
}
