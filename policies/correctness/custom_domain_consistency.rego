# METADATA
# title: Two services with the same custom domain in one service network
# description: |
#   A service's custom domain name must be unique within each service network
#   it is associated with ("custom domain name must be unique for a service
#   network"): requests are routed by that name. Associating a second service
#   with the same custom domain to the network fails at deploy time.
#
#   The rule compares the custom domain names (case-insensitively, as DNS
#   does) of the services associated with each service network of the model
#   and reports each association that brings a duplicate, naming the other
#   service. Unknown domain names, and associations whose service or network
#   is not resolved, give no finding.
#
#   Two parts of the catalogue's trigger are not checked here. Whether the
#   custom domain was changed on a service that already exists (which replaces
#   the service) depends on what is deployed, which static code never knows. A
#   service whose custom domain has no Route 53 alias or CNAME to its
#   generated DNS name needs the model to hold Route 53 records, which it does
#   not yet; the record usually lives in another unit (a DNS account) anyway.
# related_resources:
#   - ref: https://docs.aws.amazon.com/vpc-lattice/latest/ug/service-custom-domain-name.html
# schemas:
#   - input: schema.input
# custom:
#   id: LAT-COR-019
#   name: custom-domain-consistency
#   severity: error
#   remediation: Give each service of a service network its own custom domain name, or associate the services with different service networks.
package lattice.rules.custom_domain_consistency

import data.lattice.lib

# members lists [association, service, lower-case domain] for the services
# with a known custom domain associated with a service network.
members(sn) := [[a, svc, lower(svc.custom_domain_name.value)] |
	some id in lib.items(sn, "service_associations")
	a := input.service_network_service_associations[id]
	lib.in_model(a.service)
	svc := lib.target(a.service)
	svc.kind == "service"
	lib.known(svc.custom_domain_name)
]

deny contains f if {
	some sn in input.service_networks
	ms := members(sn)
	some [a, svc, domain] in ms
	others := [other |
		some [_, other, d] in ms
		d == domain
		other.id != svc.id
	]
	count(others) > 0
	f := {
		"entity": a.id,
		"attribute": "service",
		"message": sprintf(
			"service association %s adds service %s with custom domain %s to service network %s, where %s uses the same domain: custom domains must be unique in a service network, so the association fails at deploy time",
			[lib.name(a), lib.name(svc), svc.custom_domain_name.value, lib.name(sn), concat(", ", sort({lib.name(o) | some o in others}))],
		),
		"related": array.concat(
			[{"entity": sn.id, "message": "the service network"}],
			[{"entity": o.id, "message": "same custom domain"} | some o in others],
		),
	}
}
