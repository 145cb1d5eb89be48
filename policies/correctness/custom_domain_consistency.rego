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
#   A custom domain also needs a DNS record mapping it to the service's
#   generated DNS name (a CNAME, or a Route 53 alias): "Without this mapping,
#   your custom domain name won't work". When the code manages the Route 53
#   hosted zone that holds the custom domain and has no record (CNAME, A or
#   AAAA) with that name in it, the rule warns on the service. It stays
#   silent when no zone holding the domain is in the model (the record lives
#   with the zone, usually in another unit such as a DNS account), when the
#   service or the zone leaves the unit (another unit may add the record),
#   and when a record's name is unknown (it may be the one) unless its zone
#   cannot hold the domain. A Terraform
#   record name relative to its zone counts with the zone's name appended.
#
#   A record of that name (CNAME, or an A or AAAA alias) that maps it
#   somewhere else is a warning on the record: when every record that may
#   have the name points elsewhere, and one surely has it. Elsewhere is a
#   reference to another service's DNS name (whose own custom domain is
#   known to differ: two services may share a domain in different service
#   networks), or a literal host name that is not the service's: a VPC
#   Lattice DNS name starts with the service's name and a hyphen, so a
#   literal one of another name is another service's. A reference to the
#   service (its dns_entry: `dns_entry[0].domain_name` in Terraform,
#   `!GetAtt Svc.DnsEntry.DomainName` in CloudFormation) maps it; an unknown
#   value (a variable, a module output, an attribute of a resource the model
#   does not hold) may, and so may a literal name that a record of the model
#   may map further (a CNAME chain). A reference to another kind of entity
#   (a load balancer's DNS name) is not judged either, nor are a literal
#   VPC endpoint name (a service network endpoint serves the service under
#   names of its own) and the literal addresses of a plain A or AAAA record:
#   the service's addresses are never known. Like the missing record, it is silent on a service that leaves
#   the unit. What static code cannot know: a record another unit keeps for the
#   same name in another hosted zone (a private zone of the client VPCs
#   beside a public one), and where a literal host name that no record of the
#   model holds resolves to; the rule assumes it is not the service.
#
#   Whether the custom domain was changed on a service that already exists
#   (which replaces the service) depends on what is deployed, which static
#   code never knows: that part of the catalogue's trigger is not checked.
# related_resources:
#   - ref: https://docs.aws.amazon.com/vpc-lattice/latest/ug/service-custom-domain-name.html
#   - ref: https://docs.aws.amazon.com/vpc-lattice/latest/ug/service-byoc.html
# schemas:
#   - input: schema.input
# custom:
#   id: LAT-COR-019
#   name: custom-domain-consistency
#   severity: error
#   remediation: Give each service of a service network its own custom domain name, or associate the services with different service networks; add a CNAME (or alias) record for the custom domain to the service's DNS name in the hosted zone, or point the existing record at it (the service's dns_entry).
#   missing_relation: true
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

# --- the DNS record that maps the custom domain (warning) --------------------------------

fqdn(name) := lower(trim_suffix(name, "."))

in_zone(domain, zone) if domain == zone

in_zone(domain, zone) if endswith(domain, concat("", [".", zone]))

# mapping_types are the record types that can map a name to the service's DNS name.
mapping_types := {"CNAME", "A", "AAAA"}

maps_names(r) if not lib.known(r.type)

maps_names(r) if upper(r.type.value) in mapping_types

# may_name reports whether a record may have the name domain: its name as
# written, with its zone's name appended (a Terraform relative name), or a
# prefix of the domain when the zone is not known; an unknown name may be any.
may_name(r, _) if not lib.known(r.name)

may_name(r, domain) if fqdn(r.name.value) == domain

may_name(r, domain) if startswith(domain, concat("", [fqdn(r.name.value), "."]))

deny contains f if {
	some svc in input.services
	lib.known(svc.custom_domain_name)
	not lib.escaped(svc)
	domain := fqdn(svc.custom_domain_name.value)
	some zone in input.dns_zones
	lib.known(zone.name)
	not lib.escaped(zone)
	in_zone(domain, fqdn(zone.name.value))
	not mapped(domain)
	f := {
		"entity": svc.id,
		"attribute": "custom_domain_name",
		"severity": "warning",
		"message": sprintf(
			"service %s has custom domain %s, but hosted zone %s has no CNAME or alias record for it: without a record mapping the name to the service's DNS name, clients cannot resolve the custom domain",
			[lib.name(svc), svc.custom_domain_name.value, lib.name(zone)],
		),
		"related": [{"entity": zone.id, "message": "the hosted zone that holds the custom domain"}],
	}
}

mapped(domain) if {
	some r in input.dns_records
	maps_names(r)
	zone_may_hold(r, domain)
	may_name(r, domain)
}

# zone_may_hold reports whether a record's zone may hold the domain: Route 53
# takes only names inside the record's zone.
zone_may_hold(r, _) if not lib.in_model(r.zone)

zone_may_hold(r, _) if {
	lib.in_model(r.zone)
	not lib.known(lib.target(r.zone).name)
}

zone_may_hold(r, domain) if {
	lib.in_model(r.zone)
	in_zone(domain, fqdn(lib.target(r.zone).name.value))
}

# --- a record of the custom domain that points elsewhere (warning) -------------------------

deny contains f if {
	some svc in input.services
	lib.known(svc.custom_domain_name)
	not lib.escaped(svc)
	domain := fqdn(svc.custom_domain_name.value)
	candidates := [r |
		some r in input.dns_records
		maps_names(r)
		zone_may_hold(r, domain)
		may_name(r, domain)
	]
	every r in candidates {
		points_elsewhere(r, svc)
	}
	some r in candidates
	surely_named(r, domain)
	f := {
		"entity": r.id,
		"attribute": "points_to",
		"severity": "warning",
		"message": sprintf(
			"record %s maps custom domain %s of service %s to %s, not to the service's VPC Lattice DNS name: clients that resolve the custom domain reach something else, and no record of that name maps it to the service",
			[lib.name(r), svc.custom_domain_name.value, lib.name(svc), concat(", ", [describe(p) | some p in r.points_to.items])],
		),
		"related": [{"entity": svc.id, "message": "the service whose custom domain it is"}],
	}
}

# surely_named reports whether a record of a known mapping type surely has
# the name domain: as written, or (a Terraform name relative to its zone)
# with its known, managed zone's name appended.
surely_named(r, domain) if {
	upper(r.type.value) in mapping_types
	fqdn(r.name.value) == domain
}

surely_named(r, domain) if {
	upper(r.type.value) in mapping_types
	zone := lib.target(r.zone)
	not lib.escaped(zone)
	concat(".", [fqdn(r.name.value), fqdn(zone.name.value)]) == domain
}

# points_elsewhere reports whether every value of a record surely is not
# the service's DNS name.
points_elsewhere(r, svc) if {
	r.points_to.known == true
	count(lib.items(r.points_to, "items")) > 0
	every p in r.points_to.items {
		elsewhere(p, svc)
	}
}

# elsewhere: a reference to another service of the model, whose own custom
# domain cannot be this one (two services may share a domain in different
# service networks, and the record then picks one on purpose).
elsewhere(p, svc) if {
	lib.in_model(p)
	p.kind == "service"
	p.target != svc.id
	other := lib.target(p)
	not may_share_domain(other, svc)
}

# elsewhere: a literal host name that is not the service's DNS name and that
# no record of the model may map further (a CNAME chain).
elsewhere(p, svc) if {
	not p.target
	is_string(p.value)
	host := fqdn(p.value)
	not address(host)
	not endpoint_name(host)
	not may_be_dns_name_of(host, svc)
	not chained(host)
}

may_share_domain(other, _) if not lib.known(other.custom_domain_name)

may_share_domain(other, svc) if fqdn(other.custom_domain_name.value) == fqdn(svc.custom_domain_name.value)

# A literal address (an A record's value) is compared with nothing: the
# service's addresses are not known.
address(host) if regex.match(`^[0-9.]+$`, host)

address(host) if contains(host, ":")

# endpoint_name: a VPC endpoint's DNS name (vpce-…, ….vpce.amazonaws.com)
# is not judged: a service network endpoint serves the network's services
# under names of its own.
endpoint_name(host) if startswith(host, "vpce-")

endpoint_name(host) if contains(host, ".vpce.")

endpoint_name(host) if contains(host, ".vpce-svc-")

# may_be_dns_name_of: a service's generated DNS name starts with its name and a
# hyphen (orders-0123456789abcdef0.7d67968.vpc-lattice-svcs.us-east-1.on.aws);
# any VPC Lattice name may be it when the service's name is unknown.
may_be_dns_name_of(host, svc) if {
	contains(host, ".vpc-lattice-svcs.")
	not lib.known(svc.name)
}

may_be_dns_name_of(host, svc) if {
	contains(host, ".vpc-lattice-svcs.")
	startswith(host, concat("", [lower(svc.name.value), "-"]))
}

chained(host) if {
	some r in input.dns_records
	maps_names(r)
	zone_may_hold(r, host)
	may_name(r, host)
}

# describe is how a message names what a record points at.
describe(p) := sprintf("service %s's DNS name", [lib.name(lib.target(p))]) if lib.in_model(p)

describe(p) := p.value if not p.target
