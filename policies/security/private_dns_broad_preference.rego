# METADATA
# title: Private DNS takes over domains the provider has not verified
# description: |
#   With private DNS on, a VPC connected to a service network gets private
#   hosted zones for the custom domain names of the resources it reaches. The
#   preference `ALL_DOMAINS` creates them for every custom domain, verified or
#   not: a provider can publish a resource configuration under any name —
#   a bank's, a package registry's — and "all traffic to that domain from your
#   VPC is routed through VPC Lattice". `SPECIFIED_DOMAINS_ONLY` and
#   `VERIFIED_DOMAINS_AND_SPECIFIED_DOMAINS` do the same for the domains you
#   list, so a wildcard over a whole top-level domain (`*.com`) or a bare
#   top-level domain is just as broad. AWS recommends `VERIFIED_DOMAINS_ONLY`,
#   the default.
#
#   The rule fires on a service network VPC association or a service network
#   or resource VPC endpoint with private DNS enabled whose preference is
#   `ALL_DOMAINS`, or whose specified domains hold such an entry. With private
#   DNS off the options do nothing (LAT-COR-022 reports them); left unset, its
#   default is not one the API model states, so the rule stays silent, as it
#   does on an unknown preference, domain or private DNS flag. Whether a provider's domain is verified is known
#   only to AWS at run time: the rule judges the preference, not the domains
#   that will actually appear.
# related_resources:
#   - ref: https://docs.aws.amazon.com/vpc-lattice/latest/ug/resource-configuration.html#custom-domain-name-resource-consumers
#   - ref: https://docs.aws.amazon.com/vpc-lattice/latest/APIReference/API_DnsOptions.html
# schemas:
#   - input: schema.input
# custom:
#   id: LAT-SEC-012
#   name: private-dns-broad-preference
#   severity: warning
#   remediation: Set the private DNS preference to VERIFIED_DOMAINS_ONLY (the default), or list only the specific domains you consume (`*.example.com`, not `*.com`).
package lattice.rules.private_dns_broad_preference

import data.lattice.lib

# consumers are the collections whose entities carry private DNS options.
consumers := {
	"service_network_vpc_associations": "VPC association",
	"vpc_endpoints": "VPC endpoint",
}

specified_preferences := {"SPECIFIED_DOMAINS_ONLY", "VERIFIED_DOMAINS_AND_SPECIFIED_DOMAINS"}

# too_broad reports whether a specified domain covers a whole top-level
# domain: `*`, `com`, `*.com`.
too_broad(domain) if {
	name := trim_prefix(trim_suffix(lower(domain), "."), "*.")
	not contains(name, ".")
}

deny contains f if {
	some coll, label in consumers
	some a in input[coll]
	lib.is(a.private_dns_enabled, true)
	lib.is(a.private_dns_preference, "ALL_DOMAINS")
	f := {
		"entity": a.id,
		"attribute": "private_dns_preference",
		"message": sprintf(
			"%s %s resolves every custom domain it reaches privately (ALL_DOMAINS): a resource published under a domain its provider has not verified takes over that name for the whole VPC",
			[label, lib.name(a)],
		),
	}
}

deny contains f if {
	some coll, label in consumers
	some a in input[coll]
	lib.is(a.private_dns_enabled, true)
	a.private_dns_preference.value in specified_preferences
	some i, d in lib.items(a.private_dns_specified_domains, "items")
	too_broad(d.value)
	f := {
		"entity": a.id,
		"attribute": sprintf("private_dns_specified_domains[%d]", [i]),
		"message": sprintf(
			"%s %s resolves %s privately (%s): that covers a whole top-level domain, so any resource it reaches published under it takes over the name for the whole VPC",
			[label, lib.name(a), d.value, a.private_dns_preference.value],
		),
	}
}
