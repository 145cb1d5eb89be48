# METADATA
# title: Private DNS options that contradict each other
# description: |
#   The DNS options of a service network VPC association or a service network
#   or resource VPC endpoint (`dnsOptions`: the private DNS preference and the
#   specified domains) are "only supported when private DNS is enabled", and the specified domains only with the preferences
#   `VERIFIED_DOMAINS_AND_SPECIFIED_DOMAINS` and `SPECIFIED_DOMAINS_ONLY`, at
#   most 10 of them. Anything else is rejected at deploy time: an error.
#
#   Two combinations deploy but do not do what they suggest (info):
#   - a resource configuration with a custom domain name, associated with a
#     service network whose VPC associations or endpoints turn private DNS on,
#     through a resource association with private DNS off: the association's
#     flag wins, so no private hosted zone is created for that domain in any
#     connected VPC;
#   - a VPC with both a resource endpoint for a resource configuration and a
#     service network endpoint to a network holding it, both with private DNS:
#     AWS does not allow the two for the same resource configuration in one
#     VPC with private DNS.
#
#   Private DNS left unset gives no error finding: the API model does not say
#   what AWS does then. Unknown values give no finding.
# related_resources:
#   - ref: https://docs.aws.amazon.com/vpc-lattice/latest/APIReference/API_DnsOptions.html
#   - ref: https://docs.aws.amazon.com/vpc-lattice/latest/ug/service-network-associations.html
#   - ref: https://docs.aws.amazon.com/vpc-lattice/latest/ug/resource-configuration.html
# schemas:
#   - input: schema.input
# custom:
#   id: LAT-COR-022
#   name: private-dns-consistency
#   severity: error
#   remediation: Turn private DNS on where DNS options are set, list specified domains (at most 10) only with a SPECIFIED_DOMAINS preference, and enable private DNS on resource associations whose custom domain consumers should resolve.
package lattice.rules.private_dns_consistency

import data.lattice.lib

specified_preferences := {"SPECIFIED_DOMAINS_ONLY", "VERIFIED_DOMAINS_AND_SPECIFIED_DOMAINS"}

# consumers are the collections whose entities carry private DNS options.
consumers := {
	"service_network_vpc_associations": "VPC association",
	"vpc_endpoints": "VPC endpoint",
}

domains(a) := lib.items(a.private_dns_specified_domains, "items")

# --- VPC associations: options AWS rejects ------------------------------------------------

deny contains f if {
	some coll, label in consumers
	some a in input[coll]
	lib.is(a.private_dns_enabled, false)
	some field in ["private_dns_preference", "private_dns_specified_domains"]
	options_set(a, field)
	f := {
		"entity": a.id,
		"attribute": field,
		"message": sprintf(
			"%s %s sets DNS options (%s) with private DNS disabled: AWS accepts DNS options only with private DNS enabled, so the association fails at deploy time",
			[label, lib.name(a), field],
		),
	}
}

options_set(a, "private_dns_preference") if not lib.absent(a.private_dns_preference)

# An unknown list may be empty, which AWS takes as no option: no finding.
options_set(a, "private_dns_specified_domains") if count(domains(a)) > 0

# preference is the known private DNS preference, VERIFIED_DOMAINS_ONLY when omitted.
preference(a) := a.private_dns_preference.value

preference(a) := "VERIFIED_DOMAINS_ONLY" if lib.absent(a.private_dns_preference)

deny contains f if {
	some coll, label in consumers
	some a in input[coll]
	count(domains(a)) > 0
	p := preference(a)
	not p in specified_preferences
	f := {
		"entity": a.id,
		"attribute": "private_dns_specified_domains",
		"message": sprintf(
			"%s %s lists private DNS specified domains with preference %s: AWS accepts them only with VERIFIED_DOMAINS_AND_SPECIFIED_DOMAINS or SPECIFIED_DOMAINS_ONLY, so the association fails at deploy time",
			[label, lib.name(a), p],
		),
	}
}

deny contains f if {
	some coll, label in consumers
	some a in input[coll]
	limit := lib.quota_limit("private-dns-specified-domains", a)
	count(domains(a)) > limit
	f := {
		"entity": a.id,
		"attribute": "private_dns_specified_domains",
		"message": sprintf(
			"%s %s lists %d private DNS specified domains: AWS accepts at most %d, so the association fails at deploy time",
			[label, lib.name(a), count(domains(a)), limit],
		),
	}
}

# --- resource associations: private DNS off where consumers have it on -----------------------

# consumers_with_private_dns lists the VPC associations and endpoints of a
# service network that turn private DNS on.
consumers_with_private_dns(sn) := array.concat(
	[id | some id in lib.items(sn, "vpc_associations"); lib.is(input.service_network_vpc_associations[id].private_dns_enabled, true)],
	[id | some id in lib.items(sn, "vpc_endpoints"); lib.is(input.vpc_endpoints[id].private_dns_enabled, true)],
)

deny contains f if {
	some ra in input.service_network_resource_associations
	lib.is(ra.private_dns_enabled, false)
	lib.in_model(ra.resource_configuration)
	rc := lib.target(ra.resource_configuration)
	lib.known(rc.custom_domain_name)
	lib.in_model(ra.service_network)
	sn := lib.target(ra.service_network)
	on := consumers_with_private_dns(sn)
	count(on) > 0
	f := {
		"entity": ra.id,
		"attribute": "private_dns_enabled",
		"severity": "info",
		"message": sprintf(
			"resource association %s turns private DNS off for %s (custom domain %s) while consumers of %s turn it on: the association's setting wins, so no private hosted zone for %s is created in any connected VPC",
			[lib.name(ra), lib.name(rc), rc.custom_domain_name.value, lib.name(sn), rc.custom_domain_name.value],
		),
		"related": [{"entity": id, "message": "private DNS enabled here"} | some id in on],
	}
}

# --- resource endpoint beside a service network endpoint ---------------------------------------

deny contains f if {
	some re in input.vpc_endpoints
	lib.is(re.endpoint_type, "Resource")
	lib.is(re.private_dns_enabled, true)
	lib.in_model(re.resource_configuration)
	lib.in_model(re.vpc)
	some se in input.vpc_endpoints
	lib.is(se.endpoint_type, "ServiceNetwork")
	lib.is(se.private_dns_enabled, true)
	se.vpc.target == re.vpc.target
	lib.in_model(se.service_network)
	sn := lib.target(se.service_network)
	some id in lib.items(sn, "resource_associations")
	ra := input.service_network_resource_associations[id]
	ra.resource_configuration.target == re.resource_configuration.target
	f := {
		"entity": re.id,
		"attribute": "resource_configuration",
		"severity": "info",
		"message": sprintf(
			"resource endpoint %s and service network endpoint %s both reach %s from VPC %s with private DNS: AWS does not allow both for the same resource configuration in one VPC",
			[lib.name(re), lib.name(se), lib.name(lib.target(re.resource_configuration)), lib.name(lib.target(re.vpc))],
		),
		"related": [{"entity": se.id, "message": "service network endpoint in the same VPC"}],
	}
}
