# METADATA
# title: Resource gateway or endpoint placed where VPC Lattice cannot use it
# description: |
#   A resource gateway is the way into the provider VPC: it takes addresses in
#   the subnets it names, in their Availability Zones, and a consumer's
#   resource endpoint reaches it only in a zone both have. Service-network and
#   resource VPC endpoints need a contiguous free /28 in each subnet.
#
#   The rule reports:
#
#   - (warning) a resource gateway whose subnets are all in one Availability
#     Zone: one zone outage cuts the resources off;
#   - (warning) a resource VPC endpoint none of whose zones is a zone of the
#     gateway of its resource configuration (compared by zone ID, or by zone
#     name when both are in the same known account, since zone names map to
#     different zones in different accounts);
#   - (warning) a gateway or endpoint subnet in an Availability Zone ID VPC
#     Lattice does not support;
#   - (error) a gateway whose address type does not fit a subnet: IPV4 or
#     DUALSTACK on an IPv6-only subnet, IPV6 on a subnet with an IPv4 block;
#   - (error) ipv4_addresses_per_eni outside 1-62, or set on an IPV6 gateway;
#   - (error) a gateway security group of another VPC;
#   - (error) an endpoint subnet smaller than /27, which cannot hold a free /28.
#
#   A DUALSTACK or IPV6 gateway on a subnet without an IPv6 block is not
#   reported: CloudFormation adds IPv6 blocks with separate resources and
#   Terraform may assign them at apply time, so the absence is not knowable.
#   Zones of subnets the model does not hold, or whose zone is computed, are
#   unknown and not compared. The AZ IDs VPC Lattice does not support are a
#   table below (unsupported_zone_ids), taken from the quotas page.
# related_resources:
#   - ref: https://docs.aws.amazon.com/vpc-lattice/latest/ug/resource-gateway.html
#   - ref: https://docs.aws.amazon.com/vpc-lattice/latest/ug/quotas.html
#   - ref: https://docs.aws.amazon.com/vpc/latest/privatelink/access-with-service-network-endpoint.html
# schemas:
#   - input: schema.input
# custom:
#   id: LAT-COR-021
#   name: resource-gateway-placement
#   severity: error
#   remediation: Spread the resource gateway over subnets of several supported Availability Zones shared with its consumers, match its address type to the subnets, use security groups of its own VPC, and give endpoints subnets of /27 or larger.
package lattice.rules.resource_gateway_placement

import data.lattice.lib

# unsupported_zone_ids are the Availability Zone IDs without VPC Lattice.
unsupported_zone_ids := {"use1-az3", "usw1-az2", "apne1-az3", "apne2-az2", "euc1-az2", "euw1-az4", "cac1-az3", "ilc1-az2"}

# subnets of a reference list, defined only when all are in the model.
subnets(list) := ss if {
	list.known == true
	refs := lib.items(list, "items")
	count(refs) > 0
	every ref in refs {
		lib.in_model(ref)
		ref.kind == "subnet"
	}
	ss := [lib.target(ref) | some ref in refs]
}

# zone of a subnet: by ID when known, else by name qualified with a known account.
zone(s) := ["id", s.availability_zone_id.value]

zone(s) := ["name", lib.account(s), s.availability_zone.value] if not lib.known(s.availability_zone_id)

# zones of subnets, defined only when every subnet's zone is known.
zones(ss) := {zone(s) | some s in ss} if {
	every s in ss {
		zone(s)
	}
}

# az names a subnet's zone within one account: its ID, else its name.
az(s) := s.availability_zone_id.value

az(s) := s.availability_zone.value if not lib.known(s.availability_zone_id)

deny contains f if {
	some g in input.resource_gateways
	ss := subnets(g.subnets)
	every s in ss {
		az(s)
	}
	zs := {az(s) | some s in ss}
	count(zs) == 1
	f := {
		"entity": g.id,
		"attribute": "subnets",
		"severity": "warning",
		"message": sprintf("resource gateway %s has all its subnets in one Availability Zone (%s): if that zone fails, every resource behind the gateway is unreachable", [lib.name(g), concat("", zs)]),
	}
}

# gateway of a resource configuration: its own, or its group's for a CHILD.
gateway(c) := lib.target(c.resource_gateway) if lib.in_model(c.resource_gateway)

gateway(c) := lib.target(g.resource_gateway) if {
	not lib.in_model(c.resource_gateway)
	lib.in_model(c.group)
	g := lib.target(c.group)
	lib.in_model(g.resource_gateway)
}

deny contains f if {
	some e in input.vpc_endpoints
	lib.is(e.endpoint_type, "Resource")
	lib.in_model(e.resource_configuration)
	g := gateway(lib.target(e.resource_configuration))
	g.kind == "resource_gateway"
	mine := zones(subnets(e.subnets))
	theirs := zones(subnets(g.subnets))
	count(mine & theirs) == 0
	not incomparable(mine, theirs)
	f := {
		"entity": e.id,
		"attribute": "subnets",
		"severity": "warning",
		"message": sprintf("resource endpoint %s has no Availability Zone in common with resource gateway %s, and at least one zone of the endpoint and the gateway must overlap: the endpoint cannot reach the resource", [lib.name(e), lib.name(g)]),
		"related": [{"entity": g.id, "message": "the resource gateway"}],
	}
}

# incomparable: zone names of different (or unknown) accounts, or names on
# one side and IDs on the other, say nothing about overlap.
incomparable(a, b) if {
	some x in a
	some y in b
	x[0] != y[0]
}

incomparable(a, b) if {
	some x in a
	some y in b
	x[0] == "name"
	y[0] == "name"
	x[1] != y[1]
}

# --- unsupported zones ---

placed contains [owner, s] if {
	some g in input.resource_gateways
	some ref in lib.items(g.subnets, "items")
	lib.in_model(ref)
	owner := g
	s := lib.target(ref)
}

placed contains [owner, s] if {
	some e in input.vpc_endpoints
	some ref in lib.items(e.subnets, "items")
	lib.in_model(ref)
	owner := e
	s := lib.target(ref)
}

deny contains f if {
	some [owner, s] in placed
	s.kind == "subnet"
	s.availability_zone_id.value in unsupported_zone_ids
	f := {
		"entity": owner.id,
		"attribute": "subnets",
		"severity": "warning",
		"message": sprintf("%s %s uses subnet %s in Availability Zone %s, where VPC Lattice is not available: nothing is placed there", [replace(owner.kind, "_", " "), lib.name(owner), lib.name(s), s.availability_zone_id.value]),
		"related": [{"entity": s.id, "message": "the subnet"}],
	}
}

# --- address types ---

misfit("IPV4", s) := "IPv6-only" if lib.is(s.ipv6_native, true)

misfit("DUALSTACK", s) := "IPv6-only" if lib.is(s.ipv6_native, true)

misfit("IPV6", s) := "with an IPv4 block" if {
	lib.known(s.cidr_block)
	not lib.is(s.ipv6_native, true)
}

deny contains f if {
	some [g, s] in placed
	g.kind == "resource_gateway"
	s.kind == "subnet"
	t := g.ip_address_type.value
	what := misfit(t, s)
	f := {
		"entity": g.id,
		"attribute": "ip_address_type",
		"message": sprintf("resource gateway %s has address type %s but subnet %s is %s: creating the gateway fails", [lib.name(g), t, lib.name(s), what]),
		"related": [{"entity": s.id, "message": "the subnet"}],
	}
}

deny contains f if {
	some g in input.resource_gateways
	n := g.ipv4_addresses_per_eni.value
	not lib.default_value(g.ipv4_addresses_per_eni)
	problem := eni_problem(g, n)
	f := {
		"entity": g.id,
		"attribute": "ipv4_addresses_per_eni",
		"message": sprintf("resource gateway %s sets ipv4_addresses_per_eni to %d, %s: creating it fails", [lib.name(g), n, problem]),
	}
}

# eni_max is the hard limit of IPv4 addresses per gateway interface, from the
# quota table (pkg/quota, docs/quotas.md).
eni_max := data.lattice.quotas.limits["ipv4-addresses-per-eni"].value

eni_problem(_, n) := sprintf("outside 1-%d", [eni_max]) if n < 1

eni_problem(_, n) := sprintf("outside 1-%d", [eni_max]) if n > eni_max

eni_problem(g, n) := "but the gateway is IPV6 and has no IPv4 addresses" if {
	n >= 1
	n <= eni_max
	lib.is(g.ip_address_type, "IPV6")
}

# --- security groups ---

deny contains f if {
	some g in input.resource_gateways
	lib.resolved(g.vpc)
	some i, ref in lib.items(g.security_groups, "items")
	lib.in_model(ref)
	sg := lib.target(ref)
	sg.kind == "security_group"
	lib.resolved(sg.vpc)
	sg.vpc.target != g.vpc.target
	f := {
		"entity": g.id,
		"attribute": sprintf("security_groups[%d]", [i]),
		"message": sprintf("resource gateway %s uses security group %s of another VPC: a gateway's security groups must be in its own VPC, so creating it fails", [lib.name(g), lib.name(sg)]),
		"related": [{"entity": sg.id, "message": "the security group"}],
	}
}

# --- endpoint subnet size ---

deny contains f if {
	some [e, s] in placed
	e.kind == "vpc_endpoint"
	s.kind == "subnet"
	cidr := s.cidr_block.value
	parts := split(cidr, "/")
	count(parts) == 2
	regex.match(`^[0-9]{1,2}$`, parts[1])
	to_number(parts[1]) > 27
	f := {
		"entity": e.id,
		"attribute": "subnets",
		"message": sprintf("%s endpoint %s uses subnet %s (%s), which is smaller than /27 and cannot hold the contiguous free /28 the endpoint needs in each subnet: creating it fails", [e.endpoint_type.value, lib.name(e), lib.name(s), cidr]),
		"related": [{"entity": s.id, "message": "the subnet"}],
	}
}
