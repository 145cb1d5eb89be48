# Reachability of a resource configuration (reach.rego answers for services):
# a client reaches a resource through a service network that holds a resource
# association of the configuration; the hops end at the resource gateway and
# its security groups, which control the gateway's traffic out to the resource
# (DOMAIN §1.11). Service network auth policies do not apply to resource
# configurations (DOMAIN §1.12), so there is no auth hop. The shared hops (the
# client's way in, the network, the association's security groups, the
# client's egress) are reach.rego's, so a resource answer and a service answer
# read the same facts.
package lattice.lib

# --- ports --------------------------------------------------------------------------------

# port_range is [low, high] of one port_ranges item ("5432", "1024-2048").
port_range(s) := [to_number(s), to_number(s)] if regex.match(`^[0-9]{1,5}$`, s)

port_range(s) := [to_number(lo), to_number(hi)] if {
	[lo, hi] := split(s, "-")
	regex.match(`^[0-9]{1,5}$`, lo)
	regex.match(`^[0-9]{1,5}$`, hi)
}

# port_ranges_of is the readable port ranges of a configuration (a CHILD's
# are its group's); undefined when they are unknown or cannot be read.
port_ranges_of(c) := own_port_ranges(c) if {
	not is(c.type, "CHILD")
} else := own_port_ranges(c) if {
	own_port_ranges(c)
} else := own_port_ranges(group_of(c))

own_port_ranges(c) := rs if {
	c.port_ranges.known == true
	count(items(c.port_ranges, "items")) > 0
	rs := [port_range(it.value) | some it in items(c.port_ranges, "items")]
	count(rs) == count(items(c.port_ranges, "items"))
}

group_of(c) := g if {
	in_model(c.group)
	g := target(c.group)
	g.kind == "resource_configuration"
}

ranges_label(rs) := concat(", ", [range_label(r) | some r in rs])

range_label([lo, hi]) := sprintf("%d", [lo]) if lo == hi

range_label([lo, hi]) := sprintf("%d-%d", [lo, hi]) if lo != hi

# resource_ports lists the ports a question about c checks: the one asked
# for, else each single-port range; null stands for a range of several
# ports (or ranges the model cannot read) when no port is asked for.
resource_ports(_, port) := [port] if is_number(port)

resource_ports(c, port) := ps if {
	is_null(port)
	rs := port_ranges_of(c)
	singles := [lo | some [lo, hi] in rs; lo == hi]
	wide := [1 | some [lo, hi] in rs; lo != hi]
	ps := array.concat(singles, [null | count(wide) > 0])
}

resource_ports(c, port) := [null] if {
	is_null(port)
	not port_ranges_of(c)
}

# no_port_why says why a hop that needs a port cannot be decided without one.
no_port_why(c) := sprintf(
	"resource configuration %s accepts ports %s: give --port to check one",
	[name(c), ranges_label(port_ranges_of(c))],
) if port_ranges_of(c)

no_port_why(c) := sprintf("the ports of resource configuration %s are unknown", [name(c)]) if not port_ranges_of(c)

# --- 3. resource association -------------------------------------------------------------

# resource_associations lists the associations of a configuration (or of its
# group, which a CHILD is reached through) with a service network.
resource_associations(c, sn) := [a |
	some x in array.concat([c], [g | g := group_of(c)])
	some a in input.service_network_resource_associations
	names_configuration(a.resource_configuration, x)
	a.service_network.target == sn.id
]

names_configuration(ref, c) if ref.target == c.id

# A literal ARN of a configuration in another root stays outside the model
# (the linker matches only service networks that way): it may name any
# configuration of its account (and Region) the model declares.
names_configuration(ref, c) if {
	ref.external
	c.kind == "resource_configuration"
	x := target(ref)
	x.kind == "external"
	account(x) == account(c)
	same_region(x, c)
}

same_region(x, c) if not known(x.region)

same_region(x, c) if not known(c.region)

same_region(x, c) if x.region.value == c.region.value

# namesakes lists the configurations of the model an outside ARN may name.
namesakes(x) := [c |
	some c in input.resource_configurations
	account(x) == account(c)
	same_region(x, c)
]

resource_association_hop(sn, c) := h if {
	snras := resource_associations(c, sn)
	count(snras) > 0
	hs := [association_of_resource_hop(a, sn, c) | some a in snras]
	h := best_hop(hs)
} else := hop(
	"resource association", c, "unknown",
	"a resource association the model cannot resolve may associate it",
) if {
	hidden_resource_association
} else := hop(
	"resource association", c, "unknown",
	sprintf("resource configuration %s is used by code outside the model, which may associate it", [name(c)]),
) if {
	escaped(c)
} else := hop(
	"resource association", c, "blocked",
	sprintf("resource configuration %s is not associated with service network %s", [name(c), name(sn)]),
)

hidden_resource_association if unresolved_in("service_network_resource_associations", "resource_configuration")

hidden_resource_association if unresolved_in("service_network_resource_associations", "service_network")

# best_hop is the hop of the association that deploys best: ok, else unknown, else blocked.
best_hop(hs) := h if {
	some h in hs
	h.status == "ok"
} else := h if {
	some h in hs
	h.status == "unknown"
} else := hs[0]

association_of_resource_hop(a, _, c) := with_rule(
	hop("resource association", a, "blocked", rule_message("cross_account_association_without_share", a.id)),
	"LAT-XAC-002",
) if {
	rule_fires("cross_account_association_without_share", a.id)
} else := with_rule(
	hop("resource association", a, "blocked", rule_message("resource_configuration_transitive_sharing", a.id)),
	"LAT-XAC-006",
) if {
	rule_fires("resource_configuration_transitive_sharing", a.id)
} else := hop("resource association", a, "unknown", sprintf("%s may not exist (its count or condition is unknown)", [name(a)])) if {
	conditional(a)
} else := hop("resource association", a, "unknown", sprintf(
	"%s names %s, which may be any of the %d resource configurations of account %s in the model",
	[name(a), target(a.resource_configuration).identifier.value, count(namesakes(target(a.resource_configuration))), account(c)],
)) if {
	a.resource_configuration.external
	count(namesakes(target(a.resource_configuration))) > 1
} else := hop("resource association", a, "ok", sprintf("%s (assuming %s names it: the only resource configuration of account %s in the model)", [
	resource_association_why(a, sn, c), target(a.resource_configuration).identifier.value, account(c),
])) if {
	a.resource_configuration.external
	c.kind == "resource_configuration"
	sn := target(a.service_network)
} else := hop("resource association", a, "ok", resource_association_why(a, sn, c)) if {
	sn := target(a.service_network)
}

resource_association_why(a, sn, c) := sprintf("%s associates resource configuration %s of account %s with %s, shared with account %s by %s", [
	name(a), name(c), account(c), name(sn), account(a),
	concat(", ", sort([name(s) | some id in items(c, "resource_shares"); s := input.resource_shares[id]])),
]) if {
	account(c) != account(a)
	shared(c)
} else := sprintf("%s associates resource configuration %s with %s", [name(a), name(c), name(sn)])

# --- 4, 5. the association's security groups and the client's egress on the resource port ---

resource_association_sg_hop(a, c, port) := hop("association security group", a, "unknown", no_port_why(c)) if {
	is_null(port)
	count(items(a.security_groups, "items")) > 0
} else := association_sg_hop(a, port)

resource_egress_hop(a, c, port) := hop("client egress", a, "unknown", no_port_why(c)) if {
	is_null(port)
} else := client_egress_of(a, port)

# --- 6. resource configuration ---------------------------------------------------------------

resource_configuration_hop(c, port) := hop(
	"resource configuration", c, "unknown",
	sprintf("resource configuration %s is outside the model: its ports, gateway and the gateway's security groups cannot be checked", [c.identifier.value]),
) if {
	c.kind == "external"
} else := with_rule(
	hop("resource configuration", c, "blocked", rule_message("resource_configuration_structure", c.id)),
	"LAT-COR-020",
) if {
	defines_nothing(c)
	rule_fires("resource_configuration_structure", c.id)
} else := hop(
	"resource configuration", c, "blocked",
	sprintf("resource configuration %s accepts ports %s: TCP port %d is refused", [name(c), ranges_label(port_ranges_of(c)), port]),
) if {
	is_number(port)
	rs := port_ranges_of(c)
	not in_ranges(rs, port)
} else := hop("resource configuration", c, "unknown", no_port_why(c)) if {
	not port_ranges_of(c)
} else := hop("resource configuration", c, "ok", sprintf(
	"%s configuration %s for %s on TCP port%s %s (service network auth policies do not apply to resource configurations)",
	[type_label(c), name(c), definition_label(c), plural(port), port_label(c, port)],
))

defines_nothing(c) if {
	c.type.value in {"SINGLE", "CHILD", "ARN"}
	every field in ["ip_address", "domain_name", "resource_arn"] {
		absent(c[field])
	}
}

in_ranges(rs, port) if {
	some [lo, hi] in rs
	lo <= port
	port <= hi
}

type_label(c) := c.type.value if known(c.type)

type_label(c) := "a" if not known(c.type)

definition_label(c) := "its child configurations' resources" if is(c.type, "GROUP")

definition_label(c) := sprintf("IP address %s", [c.ip_address.value]) if {
	not is(c.type, "GROUP")
	known(c.ip_address)
}

definition_label(c) := sprintf("DNS name %s", [c.domain_name.value]) if {
	not is(c.type, "GROUP")
	not known(c.ip_address)
	known(c.domain_name)
}

definition_label(c) := sprintf("resource %s", [c.resource_arn.value]) if {
	not is(c.type, "GROUP")
	not known(c.ip_address)
	not known(c.domain_name)
	known(c.resource_arn)
}

definition_label(c) := "a resource the model cannot read" if {
	not is(c.type, "GROUP")
	not known(c.ip_address)
	not known(c.domain_name)
	not known(c.resource_arn)
}

plural(port) := "" if is_number(port)

plural(port) := "s" if is_null(port)

port_label(_, port) := sprintf("%d", [port]) if is_number(port)

port_label(c, port) := ranges_label(port_ranges_of(c)) if is_null(port)

# --- 7. resource gateway --------------------------------------------------------------------

# gateway_ref is the reference to a configuration's gateway (a CHILD's is its group's).
gateway_ref(c) := c.resource_gateway if not is(c.type, "CHILD")

gateway_ref(c) := group_of(c).resource_gateway if is(c.type, "CHILD")

gateway_of(c) := g if {
	in_model(gateway_ref(c))
	g := target(gateway_ref(c))
	g.kind == "resource_gateway"
}

resource_gateway_hop(c) := with_rule(
	hop("resource gateway", c, "blocked", rule_message("resource_configuration_structure", c.id)),
	"LAT-COR-020",
) if {
	no_gateway(c)
	rule_fires("resource_configuration_structure", c.id)
} else := hop("resource gateway", c, "blocked", no_gateway_why(c)) if {
	no_gateway(c)
} else := hop("resource gateway", c, "unknown", "the resource gateway cannot be resolved") if {
	not gateway_of(c)
	not gateway_ref(c).external
} else := hop("resource gateway", target(gateway_ref(c)), "unknown", sprintf("resource gateway %s is outside the model", [target(gateway_ref(c)).identifier.value])) if {
	not gateway_of(c)
} else := hop("resource gateway", g, "ok", sprintf("resource gateway %s in VPC %s carries the traffic into the resource's VPC", [name(g), vpc_label(g)])) if {
	g := gateway_of(c)
}

no_gateway_why(c) := sprintf("resource configuration %s is of type CHILD but names no group configuration, whose gateway it would take", [name(c)]) if {
	is(c.type, "CHILD")
} else := sprintf("resource configuration %s names no resource gateway", [name(c)])

# no_gateway: a configuration that must name a gateway (or a CHILD that must
# name its group) and does not: creating it fails (LAT-COR-020).
no_gateway(c) if {
	c.type.value in {"SINGLE", "GROUP", "ARN"}
	not present(c.resource_gateway)
}

no_gateway(c) if {
	is(c.type, "CHILD")
	not present(c.group)
}

# --- 8. the gateway's security groups (its traffic out to the resource) ---------------------

# An omitted list the AWS default fills at create time is unknown, with the
# range of the resource itself.
gateway_sg_hop(g, c, port) := hop(
	"gateway security groups", g, "unknown",
	"the gateway sets no security groups, so it has its VPC's default group, whose rules the model does not hold",
) if {
	g.security_groups.known == false
	g.security_groups.range == g.range
} else := hop(
	"gateway security groups", g, "unknown",
	"the security groups of the gateway cannot be read statically",
) if {
	not precise_security_groups(g.security_groups)
} else := hop("gateway security groups", g, "unknown", no_port_why(c)) if {
	is_null(port)
} else := hop("gateway security groups", g, "ok", sprintf(
	"security group %s lets TCP port %d out to the resource",
	[concat(", ", ok), port],
)) if {
	sgs := precise_security_groups(g.security_groups)
	ok := sort([name(sg) | some sg in sgs; admits_to_resource(sg, c, port)])
	count(ok) > 0
} else := hop("gateway security groups", g, "blocked", sprintf(
	"none of the gateway's security groups (%s) lets TCP port %d out to %s (a resource gateway's security groups control its traffic to the resources)",
	[concat(", ", sort([name(sg) | some sg in precise_security_groups(g.security_groups)])), port, definition_label(c)],
))

# admits_to_resource reports whether a group lets TCP on port out to the
# resource, or may: every destination counts unless the resource is an IP
# address and the rule names only CIDRs, none of which holds it.
admits_to_resource(sg, _, _) if sg.rules_known == false

admits_to_resource(sg, _, _) if escaped(sg)

admits_to_resource(sg, c, port) if {
	some r in items(sg, "egress")
	tcp_capable(r)
	covers_port(r, port)
	not misses_address(r, c)
}

misses_address(r, c) if {
	known(c.ip_address)
	ip := sprintf("%s/%d", [c.ip_address.value, address_bits(c.ip_address.value)])
	r.cidr_blocks.known == true
	every x in items(r.cidr_blocks, "items") {
		known(x)
		not may_overlap(x.value, ip)
	}
	count(items(r.security_groups, "items")) == 0
	not list_unknown(r.security_groups)
	count(items(r.prefix_lists, "items")) == 0
	not list_unknown(r.prefix_lists)
	not r.self.value == true
}

address_bits(ip) := 128 if contains(ip, ":")

address_bits(ip) := 32 if not contains(ip, ":")

# --- paths ----------------------------------------------------------------------------------

# resource_paths lists every path from a client to a resource configuration:
# through each service network the client enters, and through each VPC
# endpoint of type Resource it has for the configuration.
resource_paths(client, c, _) := [[no_entry_hop(client)]] if {
	count(entries(client)) == 0
	count(resource_endpoints(client, c)) == 0
}

resource_paths(client, c, port) := array.concat(
	[p |
		some a in entries(client)
		some p in resource_entry_paths(a, c, port)
	],
	[p |
		some e in resource_endpoints(client, c)
		some rport in resource_ports_or_unknown(c, port)
		p := array.concat([resource_endpoint_hop(e, c)], resource_tail(e, c, rport))
	],
) if {
	count(entries(client)) + count(resource_endpoints(client, c)) > 0
}

# resource_endpoints lists a client's VPC endpoints of type Resource for c
# (DOMAIN §1.12: a resource is reached through a network or such an endpoint).
resource_endpoints(client, c) := [e |
	some id in items(client, "vpc_endpoints")
	e := input.vpc_endpoints[id]
	resource_endpoint_for(e, c)
] if client.kind == "vpc"

resource_endpoints(client, c) := [client] if {
	client.kind == "vpc_endpoint"
	resource_endpoint_for(client, c)
}

resource_endpoints(client, c) := [] if {
	client.kind == "vpc_endpoint"
	not resource_endpoint_for(client, c)
}

resource_endpoint_for(e, c) if {
	is(e.endpoint_type, "Resource")
	names_configuration(e.resource_configuration, c)
}

resource_endpoint_hop(e, _) := with_rule(
	hop("vpc association", e, "blocked", rule_message("cross_account_association_without_share", e.id)),
	"LAT-XAC-002",
) if {
	rule_fires("cross_account_association_without_share", e.id)
} else := hop("vpc association", e, "unknown", sprintf("%s may not exist (its count or condition is unknown)", [name(e)])) if {
	conditional(e)
} else := hop("vpc association", e, "ok", sprintf(
	"%s, a VPC endpoint of type Resource, connects VPC %s to resource configuration %s",
	[name(e), vpc_label(e), configuration_label(c)],
)) if {
	c := target(e.resource_configuration)
}

configuration_label(c) := c.identifier.value if c.kind == "external"

configuration_label(c) := name(c) if c.kind != "external"

resource_entry_paths(a, _, _) := [[entry_hop(a), network_hop(a)]] if not network_of(a)

resource_entry_paths(a, c, port) := [p |
	sn := network_of(a)
	head := [entry_hop(a), network_hop(a), resource_association_hop(sn, c)]
	some rport in resource_ports_or_unknown(c, port)
	p := array.concat(head, resource_tail(a, c, rport))
] if {
	network_of(a)
}

resource_ports_or_unknown(c, port) := resource_ports(c, port) if c.kind == "resource_configuration"

resource_ports_or_unknown(c, port) := [port] if c.kind == "external"

resource_tail(a, c, port) := [
	resource_association_sg_hop(a, c, port),
	resource_egress_hop(a, c, port),
	resource_configuration_hop(c, port),
] if {
	c.kind == "external"
}

resource_tail(a, c, port) := array.concat(
	[
		resource_association_sg_hop(a, c, port),
		resource_egress_hop(a, c, port),
		resource_configuration_hop(c, port),
		resource_gateway_hop(c),
	],
	[gateway_sg_hop(g, c, port) | g := gateway_of(c)],
) if {
	c.kind == "resource_configuration"
}
