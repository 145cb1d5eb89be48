# METADATA
# title: Resource configuration is not built the way its type requires
# description: |
#   A resource configuration's type decides what it must name. SINGLE, GROUP
#   and ARN configurations sit on a resource gateway; a CHILD takes its group's
#   gateway and names a parent of type GROUP instead. SINGLE, CHILD and ARN
#   configurations define one resource: a private IP address, a DNS name, or
#   the ARN of an Amazon RDS database. VPC Lattice refuses to create a
#   configuration that breaks these rules.
#
#   The rule reports:
#
#   - (error) a SINGLE, GROUP or ARN configuration without a resource gateway;
#     a CHILD without a group, with a gateway of its own, or whose group is
#     not of type GROUP;
#   - (warning) a SINGLE, CHILD or ARN configuration without a definition;
#   - (error) a port range that is not `N` or `N-M` with 1 <= N <= M <= 65535;
#   - (error) an IP definition with a public IPv4 address (outside 10/8,
#     100.64/10, 172.16/12 and 192.168/16);
#   - (error) a DNS definition whose address type is DUALSTACK, which VPC
#     Lattice does not support yet;
#   - (error) an ARN definition that is not an Amazon RDS ARN;
#   - (warning) a CHILD whose custom domain is not under its group's group
#     domain: no private hosted zone is provisioned for it.
#
#   A protocol other than TCP is refused by every front end as an input error
#   (the API allows only TCP), so it needs no rule. More than 60 children in a
#   group is a quota (adjustable per account) and is LAT-QTA-003's. Whether an
#   IPv6 address belongs to the gateway's VPC and whether a DNS name resolves
#   publicly cannot be known from code: neither is checked. Unknown types,
#   references and values are not reported.
# related_resources:
#   - ref: https://docs.aws.amazon.com/vpc-lattice/latest/ug/resource-configuration.html
#   - ref: https://docs.aws.amazon.com/vpc-lattice/latest/APIReference/API_CreateResourceConfiguration.html
#   - ref: https://docs.aws.amazon.com/vpc-lattice/latest/APIReference/API_DnsResource.html
# schemas:
#   - input: schema.input
# custom:
#   id: LAT-COR-020
#   name: resource-configuration-structure
#   severity: error
#   remediation: Give SINGLE, GROUP and ARN configurations a resource gateway and CHILD ones a GROUP parent, define one private IP, DNS name (IPV4 or IPV6) or RDS ARN, and write port ranges as N or N-M.
package lattice.rules.resource_configuration_structure

import data.lattice.lib

on_gateway := {"SINGLE", "GROUP", "ARN"}

defined := {"SINGLE", "CHILD", "ARN"}

deny contains f if {
	some c in input.resource_configurations
	c.type.value in on_gateway
	not lib.present(c.resource_gateway)
	f := {
		"entity": c.id,
		"attribute": "type",
		"message": sprintf("resource configuration %s is of type %s but names no resource gateway: creating it fails", [lib.name(c), c.type.value]),
	}
}

deny contains f if {
	some c in input.resource_configurations
	c.type.value == "CHILD"
	not lib.present(c.group)
	f := {
		"entity": c.id,
		"attribute": "type",
		"message": sprintf("resource configuration %s is of type CHILD but names no group configuration: creating it fails", [lib.name(c)]),
	}
}

deny contains f if {
	some c in input.resource_configurations
	c.type.value == "CHILD"
	lib.present(c.resource_gateway)
	f := {
		"entity": c.id,
		"attribute": "resource_gateway",
		"message": sprintf("resource configuration %s is of type CHILD and names a resource gateway: a child takes its group's gateway, so creating it fails", [lib.name(c)]),
	}
}

deny contains f if {
	some c in input.resource_configurations
	c.type.value == "CHILD"
	lib.in_model(c.group)
	g := lib.target(c.group)
	g.kind == "resource_configuration"
	lib.known(g.type)
	g.type.value != "GROUP"
	f := {
		"entity": c.id,
		"attribute": "group",
		"message": sprintf("resource configuration %s is a CHILD of %s, which is of type %s, not GROUP: creating it fails", [lib.name(c), lib.name(g), g.type.value]),
		"related": [{"entity": g.id, "message": "the parent configuration"}],
	}
}

deny contains f if {
	some c in input.resource_configurations
	c.type.value in defined
	every field in ["ip_address", "domain_name", "resource_arn"] {
		lib.absent(c[field])
	}
	f := {
		"entity": c.id,
		"attribute": "type",
		"severity": "warning",
		"message": sprintf("resource configuration %s is of type %s but defines no resource (an IP address, a DNS name or an ARN): it gives access to nothing", [lib.name(c), c.type.value]),
	}
}

# --- port ranges ---

deny contains f if {
	some c in input.resource_configurations
	some i, item in lib.items(c.port_ranges, "items")
	v := item.value
	not valid_range(v)
	f := {
		"entity": c.id,
		"attribute": sprintf("port_ranges[%d]", [i]),
		"message": sprintf("resource configuration %s has port range %q, which is not N or N-M with 1 <= N <= M <= 65535: creating it fails", [lib.name(c), v]),
	}
}

valid_range(v) if {
	regex.match(`^[0-9]{1,5}$`, v)
	port(to_number(v))
}

valid_range(v) if {
	regex.match(`^[0-9]{1,5}-[0-9]{1,5}$`, v)
	[a, b] := [to_number(x) | some x in split(v, "-")]
	port(a)
	port(b)
	a <= b
}

port(n) if {
	n >= 1
	n <= 65535
}

# --- the definition ---

deny contains f if {
	some c in input.resource_configurations
	ip := c.ip_address.value
	public_ipv4(ip)
	f := {
		"entity": c.id,
		"attribute": "ip_address",
		"message": sprintf("resource configuration %s defines the public IPv4 address %s: a resource must have a private address (10/8, 100.64/10, 172.16/12, 192.168/16), so creating it fails", [lib.name(c), ip]),
	}
}

# octets of a dotted IPv4 address, undefined for anything else
octets(ip) := os if {
	regex.match(`^[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}$`, ip)
	os := [to_number(x) | some x in split(ip, ".")]
	every o in os {
		o <= 255
	}
}

public_ipv4(ip) if {
	os := octets(ip)
	not private_ipv4(os)
}

private_ipv4(os) if os[0] == 10

private_ipv4(os) if {
	os[0] == 100
	os[1] >= 64
	os[1] <= 127
}

private_ipv4(os) if {
	os[0] == 172
	os[1] >= 16
	os[1] <= 31
}

private_ipv4(os) if {
	os[0] == 192
	os[1] == 168
}

deny contains f if {
	some c in input.resource_configurations
	lib.is(c.dns_ip_address_type, "DUALSTACK")
	f := {
		"entity": c.id,
		"attribute": "dns_ip_address_type",
		"message": sprintf("resource configuration %s defines a DNS resource of address type DUALSTACK, which VPC Lattice does not support: creating it fails (use IPV4 or IPV6)", [lib.name(c)]),
	}
}

deny contains f if {
	some c in input.resource_configurations
	arn := c.resource_arn.value
	not regex.match(`^arn:aws[a-z-]*:rds:`, arn)
	f := {
		"entity": c.id,
		"attribute": "resource_arn",
		"message": sprintf("resource configuration %s defines the ARN %s, but an ARN resource must be an Amazon RDS database: creating it fails", [lib.name(c), arn]),
	}
}

deny contains f if {
	some c in input.resource_configurations
	c.type.value == "CHILD"
	domain := c.custom_domain_name.value
	lib.in_model(c.group)
	g := lib.target(c.group)
	g.kind == "resource_configuration"
	parent := g.group_domain.value
	not under(lower(domain), lower(parent))
	f := {
		"entity": c.id,
		"attribute": "custom_domain_name",
		"severity": "warning",
		"message": sprintf("resource configuration %s has custom domain %s, which is not under %s, the group domain of %s: no private hosted zone is provisioned for it, so consumers cannot resolve the name", [lib.name(c), domain, parent, lib.name(g)]),
		"related": [{"entity": g.id, "message": "the group configuration"}],
	}
}

under(domain, parent) if endswith(domain, concat("", [".", trim_prefix(parent, "*.")]))

under(domain, parent) if domain == parent
