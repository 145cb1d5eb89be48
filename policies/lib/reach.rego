# Reachability: can a client (a VPC, or a VPC endpoint of type ServiceNetwork)
# reach a VPC Lattice service, hop by hop? (A resource configuration as the
# target: reach_resource.rego.) The hop facts here are the ones the
# catalogue rules about reachability use (LAT-SEC-002 and LAT-SEC-003 call
# them; LAT-COR-004, LAT-XAC-002, LAT-SEC-006, LAT-COR-009 and LAT-SEC-001 are
# read through their own deny sets or the same library functions), so a
# `reach` answer and `lint` never disagree.
#
# A hop is {"step", "entity" (an entity id), "status" ("ok", "blocked",
# "unknown"), "why"} with "rule" (the catalogue rule describing a block) and
# "blame" (several entities share the block) when they apply.
package lattice.lib

# --- CIDR arithmetic (net.* builtins are not available to policies) -------------------

# ipv4 is the integer value of a dotted IPv4 address.
ipv4(s) := n if {
	parts := split(s, ".")
	count(parts) == 4
	ns := [to_number(p) | some p in parts; regex.match(`^[0-9]{1,3}$`, p)]
	count(ns) == 4
	every x in ns {
		x <= 255
	}
	n := (((((ns[0] * 256) + ns[1]) * 256) + ns[2]) * 256) + ns[3]
}

# cidr4 is [address, prefix length] of an IPv4 CIDR.
cidr4(c) := [ipv4(ip), l] if {
	[ip, len] := split(c, "/")
	regex.match(`^[0-9]{1,2}$`, len)
	l := to_number(len)
	l <= 32
}

# may_overlap reports whether two CIDRs may share an address: false only when
# both are IPv4 CIDRs that do not overlap, or they are of different families.
may_overlap(a, b) if {
	[na, la] := cidr4(a)
	[nb, lb] := cidr4(b)
	p := min([la, lb])
	bits.rsh(na, 32 - p) == bits.rsh(nb, 32 - p)
}

may_overlap(a, b) if {
	family(a) == family(b)
	not both_ipv4(a, b)
}

both_ipv4(a, b) if {
	cidr4(a)
	cidr4(b)
}

family(c) := "ipv6" if contains(c, ":")

family(c) := "ipv4" if not contains(c, ":")

# --- client sources and the association's security groups (LAT-SEC-002) ---------------

# vpc_cidrs lists a VPC's CIDRs; undefined when they are unknown.
vpc_cidrs(vpc) := [c.value | some c in items(vpc.cidr_blocks, "items")] if {
	vpc.cidr_blocks.known == true
	every c in items(vpc.cidr_blocks, "items") {
		known(c)
	}
}

# from_vpc reports whether an ingress rule's sources include, or may include,
# clients in vpc: a CIDR overlapping the VPC's, a security group in the VPC
# (or one the model cannot place), the group itself, or a prefix list that is
# not the VPC Lattice one.
from_vpc(r, _) if list_unknown(r.cidr_blocks)

from_vpc(r, vpc) if {
	some c in items(r.cidr_blocks, "items")
	cidr_from_vpc(c, vpc)
}

from_vpc(r, vpc) if {
	some ref in items(r.security_groups, "items")
	sg_in_vpc(ref, vpc)
}

from_vpc(r, _) if list_unknown(r.security_groups)

from_vpc(r, _) if r.self.value == true

from_vpc(r, _) if {
	some ref in items(r.prefix_lists, "items")
	not known_lattice_list(ref)
}

from_vpc(r, _) if list_unknown(r.prefix_lists)

cidr_from_vpc(c, _) if not known(c)

cidr_from_vpc(c, vpc) if {
	known(c)
	not vpc_cidrs(vpc)
}

cidr_from_vpc(c, vpc) if {
	some vc in vpc_cidrs(vpc)
	may_overlap(c.value, vc)
}

sg_in_vpc(ref, _) if not in_model(ref)

sg_in_vpc(ref, vpc) if {
	in_model(ref)
	sg := target(ref)
	not sg_placed_elsewhere(sg, vpc)
}

sg_placed_elsewhere(sg, vpc) if {
	in_model(sg.vpc)
	sg.vpc.target != vpc.id
}

known_lattice_list(ref) if {
	in_model(ref)
	is(target(ref).lattice, true)
}

# admits_clients reports whether a security group admits, or may admit, TCP
# from clients in vpc on port.
admits_clients(sg, _, _) if sg.rules_known == false

admits_clients(sg, _, _) if escaped(sg)

admits_clients(sg, vpc, port) if {
	some r in items(sg, "ingress")
	tcp_capable(r)
	covers_port(r, port)
	from_vpc(r, vpc)
}

# association_sg_hop is the "association security group" hop of a VPC
# association or ServiceNetwork endpoint on a listener port (null: unknown).
association_sg_hop(a, _) := hop(
	"association security group", a, "ok",
	"the association has no security groups: every workload in the VPC may connect",
) if {
	a.kind == "service_network_vpc_association"
	a.security_groups.known == true
	count(items(a.security_groups, "items")) == 0
}

association_sg_hop(a, _) := hop(
	"association security group", a, "unknown",
	"the endpoint sets no security groups, so it has the VPC's default group, whose rules the model does not hold",
) if {
	a.kind == "vpc_endpoint"
	a.security_groups.known == true
	count(items(a.security_groups, "items")) == 0
}

association_sg_hop(a, _) := hop(
	"association security group", a, "unknown",
	"the security groups of the association cannot be read statically",
) if {
	count(items(a.security_groups, "items")) > 0
	not precise_security_groups(a.security_groups)
} else := hop(
	"association security group", a, "unknown",
	"the security groups of the association cannot be read statically",
) if {
	a.security_groups.known == false
}

association_sg_hop(a, port) := hop(
	"association security group", a, "unknown",
	"the listener port is unknown",
) if {
	precise_security_groups(a.security_groups)
	not is_number(port)
}

association_sg_hop(a, port) := h if {
	is_number(port)
	sgs := precise_security_groups(a.security_groups)
	vpc := client_vpc_of(a)
	admitting := sort([name(sg) | some sg in sgs; admits_clients(sg, vpc, port)])
	h := sg_verdict(a, sgs, admitting, port)
}

association_sg_hop(a, port) := hop(
	"association security group", a, "unknown",
	"the VPC of the association is outside the model",
) if {
	is_number(port)
	precise_security_groups(a.security_groups)
	not client_vpc_of(a)
}

sg_verdict(a, _, admitting, port) := hop(
	"association security group", a, "ok",
	sprintf("security group %s admits port %d from the VPC", [concat(", ", admitting), port]),
) if count(admitting) > 0

sg_verdict(a, sgs, admitting, port) := with_rule(
	hop("association security group", a, "blocked", association_block_why(sgs, port)),
	"LAT-SEC-002",
) if {
	count(admitting) == 0
	network_ports(network_of(a))[port]
} else := hop("association security group", a, "blocked", association_block_why(sgs, port)) if {
	count(admitting) == 0
}

# network_ports are the known listener ports of the services associated with
# a service network: the ports LAT-SEC-002 and LAT-SEC-003 check.
network_ports(sn) := {l.port.value |
	some id in items(sn, "service_associations")
	sa := input.service_network_service_associations[id]
	in_model(sa.service)
	svc := target(sa.service)
	svc.kind == "service"
	some lid in items(svc, "listeners")
	l := input.listeners[lid]
	known(l.port)
}

# vpc_ports are the listener ports clients of a VPC call through its
# associations and endpoints.
vpc_ports(vpc) := {p |
	some a in entries(vpc)
	some p in network_ports(network_of(a))
}

association_block_why(sgs, port) := sprintf(
	"none of its security groups (%s) admits TCP port %d from the VPC's CIDRs or security groups",
	[concat(", ", sort([name(sg) | some sg in sgs])), port],
)

# association_blocks reports whether the security groups of a VPC association
# or endpoint certainly refuse clients of its VPC on port (LAT-SEC-002).
association_blocks(a, port) if association_sg_hop(a, port).status == "blocked"

# client_vpc_of is the in-model VPC of an association or endpoint.
client_vpc_of(a) := v if {
	in_model(a.vpc)
	v := target(a.vpc)
	v.kind == "vpc"
}

# --- client egress (LAT-SEC-003) ---------------------------------------------------------

# egress_lattice reports whether an egress rule lets TCP to VPC Lattice out on
# port: all destinations, a Lattice (or unknown) prefix list, CIDRs covering the range.
admits_egress(sg, _) if sg.rules_known == false

admits_egress(sg, _) if escaped(sg)

admits_egress(sg, port) if {
	some r in items(sg, "egress")
	tcp_capable(r)
	covers_port(r, port)
	source_lattice(r)
}

# lattice_side_sgs are the groups a VPC's associations and endpoints use: they
# guard the VPC Lattice side, not the clients.
lattice_side_sgs(vpc) := {ref.target |
	some id in array.concat(items(vpc, "service_network_associations"), items(vpc, "vpc_endpoints"))
	a := entity(id)
	some ref in items(a.security_groups, "items")
	ref.target
}

# client_sgs are the groups of a VPC that restrict egress: their own egress
# rules (a group without any is not a client's, or takes the default that
# allows everything), outside the association and endpoint groups.
client_sgs(vpc) := [sg |
	some id in items(vpc, "security_groups")
	sg := input.security_groups[id]
	not lattice_side_sgs(vpc)[id]
	count(items(sg, "egress")) > 0
]

# egress_blockers lists the client groups of a VPC that keep TCP to VPC
# Lattice on port in (LAT-SEC-003 reports each).
egress_blockers(vpc, port) := [sg | some sg in client_sgs(vpc); not admits_egress(sg, port)]

client_egress_hop(vpc, port) := hop("client egress", vpc, "unknown", "the listener port is unknown") if not is_number(port)

client_egress_hop(vpc, port) := hop(
	"client egress", vpc, "ok",
	sprintf("no security group of VPC %s restricts egress", [name(vpc)]),
) if {
	is_number(port)
	count(client_sgs(vpc)) == 0
}

client_egress_hop(vpc, port) := hop("client egress", vpc, "ok", sprintf(
	"security group %s lets TCP port %d out to VPC Lattice",
	[concat(", ", sort([name(sg) | some sg in client_sgs(vpc); admits_egress(sg, port)])), port],
)) if {
	is_number(port)
	count(client_sgs(vpc)) > count(egress_blockers(vpc, port))
}

client_egress_hop(vpc, port) := {
	"step": "client egress", "entity": sgs[0].id, "status": "blocked", "rule": rule,
	"why": egress_why(sgs[0], port),
	"blame": [{"entity": sg.id, "rule": rule, "why": egress_why(sg, port)} | some sg in sgs],
} if {
	is_number(port)
	sgs := egress_blockers(vpc, port)
	count(sgs) > 0
	count(sgs) == count(client_sgs(vpc))
	rule := egress_rule(vpc, port)
}

# LAT-SEC-003 checks the ports of the services the VPC's networks hold.
egress_rule(vpc, port) := "LAT-SEC-003" if vpc_ports(vpc)[port]

egress_rule(vpc, port) := "" if not vpc_ports(vpc)[port]

egress_why(sg, port) := sprintf(
	"security group %s has egress rules, none of which lets TCP port %d out to the VPC Lattice prefix list",
	[name(sg), port],
)

# --- hops ----------------------------------------------------------------------------------

hop(step, e, status, why) := {"step": step, "entity": e.id, "status": status, "why": why}

with_rule(h, rule) := object.union(h, {"rule": rule})

# rule_fires reports whether a catalogue rule (by package) reports on an
# entity with a severity above info: the hop then blocks for the same reason.
rule_fires(pkg, id) if {
	some f in data.lattice.rules[pkg].deny
	f.entity == id
	not object.get(f, "severity", "") == "info"
}

rule_notes(pkg, id) if {
	some f in data.lattice.rules[pkg].deny
	f.entity == id
	object.get(f, "severity", "") == "info"
}

rule_message(pkg, id) := m if {
	ms := sort([f.message | some f in data.lattice.rules[pkg].deny; f.entity == id])
	m := ms[0]
}

# --- 1. vpc association / endpoint --------------------------------------------------------

# entries lists how a client connects to service networks.
entries(client) := [a |
	some id in array.concat(items(client, "service_network_associations"), items(client, "vpc_endpoints"))
	a := entity(id)
	enters_network(a)
] if client.kind == "vpc"

entries(client) := [client] if {
	client.kind == "vpc_endpoint"
	enters_network(client)
}

entries(client) := [] if {
	client.kind == "vpc_endpoint"
	not enters_network(client)
}

enters_network(a) if a.kind == "service_network_vpc_association"

enters_network(a) if {
	a.kind == "vpc_endpoint"
	not endpoint_of_other_type(a)
}

endpoint_of_other_type(a) if {
	known(a.endpoint_type)
	a.endpoint_type.value != "ServiceNetwork"
}

entry_hop(a) := with_rule(
	hop("vpc association", a, "blocked", rule_message("vpc_multiple_network_associations", a.id)),
	"LAT-COR-004",
) if {
	a.kind == "service_network_vpc_association"
	rule_fires("vpc_multiple_network_associations", a.id)
} else := hop("vpc association", a, "unknown", sprintf("%s may not exist (its count or condition is unknown)", [name(a)])) if {
	conditional(a)
} else := hop("vpc association", a, "unknown", "the endpoint's type is unknown") if {
	a.kind == "vpc_endpoint"
	not known(a.endpoint_type)
} else := hop("vpc association", a, "ok", sprintf("%s connects VPC %s to the service network", [name(a), vpc_label(a)]))

vpc_label(a) := name(target(a.vpc)) if resolved(a.vpc)

vpc_label(a) := "(unknown)" if not resolved(a.vpc)

# no_entry_hop is the first hop of a client with no way into any network.
no_entry_hop(client) := hop(
	"vpc association", client, "blocked",
	sprintf("endpoint %s is of type %s: it enters no service network", [name(client), client.endpoint_type.value]),
) if {
	client.kind == "vpc_endpoint"
} else := hop(
	"vpc association", client, "unknown",
	"an association or endpoint whose VPC the model cannot resolve may connect it",
) if {
	hidden_entry
} else := hop(
	"vpc association", client, "unknown",
	"the VPC is used by code outside the model, which may associate it",
) if {
	escaped(client)
} else := hop(
	"vpc association", client, "blocked",
	sprintf("VPC %s is not associated with any service network and has no ServiceNetwork endpoint", [name(client)]),
)

hidden_entry if unresolved_in("service_network_vpc_associations", "vpc")

hidden_entry if unresolved_in("vpc_endpoints", "vpc")

# --- 2. service network ------------------------------------------------------------------------

network_hop(a) := hop("service network", a, "unknown", "the service network cannot be resolved") if {
	not resolved(a.service_network)
} else := hop("service network", target(a.service_network), "unknown", sprintf("service network %s is outside the model", [target(a.service_network).identifier.value])) if {
	a.service_network.external
} else := with_rule(
	hop("service network", a, "blocked", rule_message("cross_account_association_without_share", a.id)),
	"LAT-XAC-002",
) if {
	rule_fires("cross_account_association_without_share", a.id)
} else := hop("service network", target(a.service_network), "ok", network_why(a, target(a.service_network)))

network_why(a, sn) := sprintf("service network %s of account %s, shared with account %s by %s", [
	name(sn), account(sn), account(a),
	concat(", ", sort([name(s) | some id in items(sn, "resource_shares"); s := input.resource_shares[id]])),
]) if {
	account(sn) != account(a)
	shared(sn)
} else := sprintf("service network %s", [name(sn)])

# network_of is the in-model service network an entry connects to.
network_of(a) := sn if {
	in_model(a.service_network)
	sn := target(a.service_network)
	sn.kind == "service_network"
}

# --- 3. service association --------------------------------------------------------------------

service_association_hop(sn, svc) := hop("service association", sa, "ok", sprintf("%s associates service %s with %s", [name(sa), service_label(svc), name(sn)])) if {
	some sa in service_associations_of(svc)
	sa.service_network.target == sn.id
	not conditional(sa)
} else := hop("service association", sa, "unknown", sprintf("%s may not exist (its count or condition is unknown)", [name(sa)])) if {
	some sa in service_associations_of(svc)
	sa.service_network.target == sn.id
} else := hop(
	"service association", svc, "unknown",
	"an association the model cannot resolve may associate it",
) if {
	hidden_service_association
} else := hop("service association", svc, "unknown", sprintf("service %s is used by code outside the model, which may associate it", [name(svc)])) if {
	escaped(svc)
} else := hop("service association", svc, "unknown", sprintf(
	"service %s is outside the model: code of its account may associate it with %s",
	[svc.identifier.value, name(sn)],
)) if {
	svc.kind == "external"
} else := with_rule(
	hop("service association", svc, "blocked", rule_message("service_not_associated", svc.id)),
	"LAT-COR-001",
) if {
	rule_fires("service_not_associated", svc.id)
} else := hop("service association", svc, "blocked", sprintf("service %s is not associated with service network %s", [name(svc), name(sn)]))

# service_associations_of lists the associations of a service: those of its
# back-references, or, for a service outside the model named by its ARN,
# those naming that ARN.
service_associations_of(svc) := [input.service_network_service_associations[id] | some id in items(svc, "service_associations")] if {
	svc.kind != "external"
}

service_associations_of(svc) := [sa |
	some sa in input.service_network_service_associations
	sa.service.target == svc.id
] if {
	svc.kind == "external"
}

service_label(svc) := svc.identifier.value if svc.kind == "external"

service_label(svc) := name(svc) if svc.kind != "external"

hidden_service_association if unresolved_in("service_network_service_associations", "service")

hidden_service_association if unresolved_in("service_network_service_associations", "service_network")

# --- 6. listener -----------------------------------------------------------------------------

# listeners_of lists the in-model listeners of a service, on port when one is asked for.
listeners_of(svc, port) := [l |
	some id in items(svc, "listeners")
	l := input.listeners[id]
	port_matches(l, port)
]

port_matches(_, port) if is_null(port)

port_matches(l, port) if l.port.value == port

port_matches(l, port) if {
	is_number(port)
	not known(l.port)
}

listener_hop(l, port) := hop("listener", l, "unknown", "the listener's port is unknown") if {
	is_number(port)
	not known(l.port)
} else := hop("listener", l, "unknown", "the listener's protocol is unknown") if {
	not known(l.protocol)
} else := hop("listener", l, "ok", sprintf("%s listener %s on port %d", [l.protocol.value, name(l), l.port.value])) if {
	known(l.port)
} else := hop("listener", l, "unknown", "the listener's port is unknown")

no_listener_hop(svc, port) := hop(
	"listener", svc, "unknown",
	sprintf("service %s is used by code outside the model, which may add listeners", [name(svc)]),
) if {
	escaped(svc)
} else := with_rule(hop("listener", svc, "blocked", rule_message("service_without_listener", svc.id)), "LAT-COR-002") if {
	rule_fires("service_without_listener", svc.id)
} else := hop("listener", svc, "unknown", "a listener the model cannot resolve may belong to it") if {
	unresolved_in("listeners", "service")
} else := hop("listener", svc, "blocked", sprintf("service %s has no listener on port %d (it listens on %s)", [
	name(svc), port,
	concat(", ", sort([sprintf("%d", [l.port.value]) | some id in items(svc, "listeners"); l := input.listeners[id]; known(l.port)])),
])) if {
	is_number(port)
} else := hop("listener", svc, "blocked", sprintf("service %s has no listener", [name(svc)]))

# --- 7. auth -----------------------------------------------------------------------------------

# auth_hop is the auth hop of a service network or service for a request
# (null: no caller given; the answer states the policy's condition).
auth_hop(e, request) := hop("auth", e, "unknown", sprintf("the auth type of %s is unknown", [name(e)])) if {
	not known(e.auth_type)
} else := hop("auth", e, "ok", sprintf("%s has auth type NONE: any caller in a connected VPC may call", [name(e)])) if {
	is(e.auth_type, "NONE")
} else := with_rule(
	hop("auth", e, "blocked", rule_message("iam_auth_without_policy", e.id)),
	"LAT-SEC-006",
) if {
	rule_fires("iam_auth_without_policy", e.id)
} else := hop("auth", e, "unknown", sprintf("%s has auth type AWS_IAM and its auth policy is outside the model", [name(e)])) if {
	count(policies_of(e)) == 0
} else := hop("auth", policies_of(e)[0], "unknown", sprintf("the auth policy of %s cannot be read statically", [name(e)])) if {
	not known(policies_of(e)[0].policy)
} else := auth_policy_hop(e, policies_of(e)[0], request)

policies_of(e) := [p |
	some id in sort(items(e, "auth_policies"))
	p := input.auth_policies[id]
]

auth_policy_hop(e, p, request) := hop("auth", p, "blocked", sprintf("the auth policy of %s allows no call (no Allow statement grants vpc-lattice-svcs:Invoke): every request is denied", [name(e)])) if {
	not caller_given(request)
	denies_all(p.policy.value)
} else := hop("auth", p, "ok", sprintf("the auth policy of %s admits any caller", [name(e)])) if {
	not caller_given(request)
	auth_condition(p.policy.value) == ""
} else := hop("auth", p, "ok", sprintf("condition: %s (auth policy of %s)", [auth_condition(p.policy.value), name(e)])) if {
	not caller_given(request)
} else := caller_auth_hop(e, p, request)

# --- 8. rule / forward ------------------------------------------------------------------------

# routes lists, for a listener, the ways a request may take: the default
# action, and (without a caller) every rule that forwards, in priority order.
# A rule's fixed response is an answer the owner chose for some requests,
# not a way to the targets; with a caller, the rule it matches decides.
# Each route is {"owner", "action", "what"}.
routes(l, request) := [matched_route(l, rule_match(l, request))] if {
	described(request)
} else := array.concat(
	[{"owner": r, "action": r.action, "what": sprintf("requests matching rule %s (priority %v)", [name(r), priority_label(r)])} |
		some [_, _, r] in sort([[priority_key(r), r.id, r] | some id in items(l, "rules"); r := input.listener_rules[id]])
		not is(r.action.type, "fixed_response")
	],
	[{"owner": l, "action": l.default_action, "what": default_what(l)}],
)

priority_key(r) := r.priority.value if known(r.priority)

priority_key(r) := 100000 if not known(r.priority)

priority_label(r) := r.priority.value if known(r.priority)

priority_label(r) := "unknown" if not known(r.priority)

default_what(l) := "requests no rule matches (default action)" if count(items(l, "rules")) > 0

default_what(l) := "every request (default action)" if count(items(l, "rules")) == 0

# route_hops lists, for one route, [forward hop, target group or null].
route_hops(rt) := [[hop("rule / forward", rt.owner, "unknown", sprintf("%s: the action cannot be read statically", [rt.what])), null]] if {
	not rt.unknown
	not known(rt.action.type)
}

route_hops(rt) := [[
	hop("rule / forward", rt.owner, "blocked", sprintf("%s: a fixed response %v, never forwarded", [rt.what, status_label(rt.action)])),
	null,
]] if {
	is(rt.action.type, "fixed_response")
}

route_hops(rt) := [x |
	some w in items(rt.action, "forward")
	x := forward_hop(rt, w)
] if {
	is(rt.action.type, "forward")
}

status_label(a) := a.status_code.value if known(a.status_code)

status_label(a) := "(unknown status)" if not known(a.status_code)

forward_hop(rt, w) := [
	hop("rule / forward", rt.owner, "blocked", sprintf("%s: forward to %s with weight 0 sends it nothing", [rt.what, name(target(w.target_group))])),
	null,
] if {
	is(w.weight, 0)
	resolved(w.target_group)
} else := [hop("rule / forward", rt.owner, "ok", sprintf("%s forward to target group %s", [rt.what, name(tg)])), tg] if {
	in_model(w.target_group)
	tg := target(w.target_group)
	tg.kind == "target_group"
} else := [hop("rule / forward", rt.owner, "unknown", sprintf("%s forward to a target group outside the model", [rt.what])), null]

# --- 9. target group -------------------------------------------------------------------------

target_group_hop(rt, tg) := with_rule(hop("target group", rt.owner, "blocked", rule_message("protocol_compatibility", rt.owner.id)), "LAT-COR-009") if {
	protocol_refused(rt, tg)
} else := with_rule(hop("target group", tg, "blocked", rule_message("protocol_compatibility", tg.id)), "LAT-COR-009") if {
	rule_fires("protocol_compatibility", tg.id)
} else := hop("target group", tg, "ok", sprintf(
	"%d target(s) registered; health checks never block (if all targets are unhealthy VPC Lattice fails open)",
	[count(items(tg, "targets"))],
)) if {
	count(items(tg, "targets")) > 0
} else := hop("target group", tg, "ok", sprintf("targets are registered at run time by %s", [concat(", ", sort([name(input.ecs_services[id]) | some id in items(tg, "dynamic_sources")]))])) if {
	count(items(tg, "dynamic_sources")) > 0
} else := hop("target group", tg, "unknown", sprintf("target group %s is used by code outside the model, which may register targets", [name(tg)])) if {
	escaped(tg)
} else := hop("target group", tg, "unknown", "a target the model cannot resolve may be registered in it") if {
	unresolved_in("targets", "target_group")
} else := hop("target group", tg, "blocked", sprintf("target group %s has no registered targets", [name(tg)]))

protocol_refused(rt, tg) if {
	some f in data.lattice.rules.protocol_compatibility.deny
	f.entity == rt.owner.id
	some rel in f.related
	rel.entity == tg.id
}

# --- 10. targets' security groups (LAT-SEC-001 on the traffic port) ----------------------------

# target_port is the port VPC Lattice sends requests to for an attachment.
target_port(t, _) := t.port.value

target_port(t, tg) := tg.port.value if absent(t.port)

host_of(t) := h if {
	in_model(t.target)
	h := target(t.target)
	h.kind in {"instance", "load_balancer"}
}

# admitting_sgs lists the names of groups admitting VPC Lattice on port, each
# with the assumption it rests on.
admitting(sgs, port) := sort([admit_label(sg, port) | some sg in sgs; admits_lattice(sg, port)])

admit_label(sg, port) := name(sg) if {
	some r in lattice_ingress(sg)
	covers_port(r, port)
	certain_lattice(r)
} else := sprintf("%s (assuming its prefix list is the VPC Lattice one)", [name(sg)]) if {
	some r in lattice_ingress(sg)
	covers_port(r, port)
	some ref in items(r.prefix_lists, "items")
	not known_lattice_list(ref)
} else := sprintf("%s (its rules cannot all be read statically)", [name(sg)])

certain_lattice(r) if r.cidrs_cover_lattice.value == true

certain_lattice(r) if {
	some ref in items(r.prefix_lists, "items")
	known_lattice_list(ref)
}

# precise_targets lists [target, host security groups] for targets whose groups are known.
precise_targets(tg) := [[t, sgs] |
	some id in items(tg, "targets")
	t := input.targets[id]
	sgs := precise_security_groups(host_of(t).security_groups)
]

precise_sources(tg) := [[svc, sgs] |
	some id in items(tg, "dynamic_sources")
	svc := input.ecs_services[id]
	sgs := precise_security_groups(svc.security_groups)
]

targets_sg_hop(tg) := hop("targets' security groups", tg, "ok", "Lambda targets have no security groups") if {
	is(tg.type, "LAMBDA")
} else := targets_precise_hop(tg) if {
	count(precise_targets(tg)) + count(precise_sources(tg)) > 0
} else := targets_vpc_hop(tg)

targets_precise_hop(tg) := hop("targets' security groups", tg, "ok", concat("; ", oks)) if {
	oks := array.concat(
		[sprintf("target %s: %s admits the VPC Lattice prefix list on port %d", [name(t), concat(", ", a), p]) |
			some [t, sgs] in precise_targets(tg)
			p := target_port(t, tg)
			a := admitting(sgs, p)
			count(a) > 0
		],
		[sprintf("ECS service %s: %s admits the VPC Lattice prefix list on port %d", [name(svc), concat(", ", a), tg.port.value]) |
			some [svc, sgs] in precise_sources(tg)
			a := admitting(sgs, tg.port.value)
			count(a) > 0
		],
	)
	count(oks) > 0
} else := {
	"step": "targets' security groups", "entity": blame[0].entity, "status": "blocked", "rule": "LAT-SEC-001",
	"why": blame[0].why, "blame": blame,
} if {
	blame := array.concat(
		[{"entity": t.id, "rule": "LAT-SEC-001", "why": sprintf(
			"none of the security groups of target %s (%s) admits the VPC Lattice managed prefix list on port %d",
			[name(t), concat(", ", sort([name(sg) | some sg in sgs])), target_port(t, tg)],
		)} |
			some [t, sgs] in precise_targets(tg)
		],
		[{"entity": svc.id, "rule": "LAT-SEC-001", "why": sprintf(
			"none of the security groups of ECS service %s (%s) admits the VPC Lattice managed prefix list on port %d",
			[name(svc), concat(", ", sort([name(sg) | some sg in sgs])), tg.port.value],
		)} |
			some [svc, sgs] in precise_sources(tg)
		],
	)
	count(blame) > 0
}

# IP targets (and targets whose hosts are outside the model): the groups of the
# target group's VPC stand for theirs.
targets_vpc_hop(tg) := hop("targets' security groups", tg, "unknown", "the target group's VPC is outside the model") if {
	not in_model(tg.vpc)
} else := hop("targets' security groups", tg, "unknown", sprintf("the port of target group %s is unknown", [name(tg)])) if {
	not known(tg.port)
} else := hop("targets' security groups", tg, "unknown", sprintf("VPC %s is used by code outside the model, which may hold the targets' groups", [name(target(tg.vpc))])) if {
	escaped(target(tg.vpc))
} else := hop("targets' security groups", tg, "unknown", sprintf("VPC %s has no security group in the model", [name(target(tg.vpc))])) if {
	count(vpc_groups(target(tg.vpc))) == 0
} else := hop("targets' security groups", tg, "ok", sprintf(
	"assuming the targets use a security group of VPC %s: %s admits the VPC Lattice prefix list on port %d",
	[name(target(tg.vpc)), concat(", ", a), tg.port.value],
)) if {
	a := admitting(array.concat(vpc_groups(target(tg.vpc)), floating_groups), tg.port.value)
	count(a) > 0
} else := with_rule(
	hop("targets' security groups", tg, "blocked", sprintf(
		"no security group of VPC %s admits the VPC Lattice managed prefix list on port %d",
		[name(target(tg.vpc)), tg.port.value],
	)),
	"LAT-SEC-001",
)

vpc_groups(vpc) := [input.security_groups[id] | some id in items(vpc, "security_groups")]

floating_groups := [sg | some sg in input.security_groups; unresolved(sg.vpc)]

# --- paths and the answer ---------------------------------------------------------------------

# reach_paths lists every path from a client to a service; each is a list of hops.
reach_paths(client, _, _, _) := [[no_entry_hop(client)]] if {
	count(entries(client)) == 0
}

reach_paths(client, svc, port, request) := [p |
	some a in entries(client)
	some p in entry_paths(a, svc, port, request)
] if {
	count(entries(client)) > 0
}

entry_paths(a, _, _, _) := [[entry_hop(a), network_hop(a)]] if not network_of(a)

entry_paths(a, svc, port, request) := ps if {
	sn := network_of(a)
	head := [entry_hop(a), network_hop(a), service_association_hop(sn, svc)]
	ps := service_paths(a, sn, svc, head, port, request)
}

# A service outside the model, named by its ARN: the hops of this side are
# checked on the port asked for; its listeners, auth policy and targets are
# another account's code.
service_paths(a, sn, svc, head, port, request) := [array.concat(head, [
	association_sg_hop(a, port),
	client_egress_of(a, port),
	hop(
		"listener", svc, "unknown",
		sprintf("service %s is outside the model: its listeners, auth policy and targets cannot be checked", [svc.identifier.value]),
	),
	auth_hop(sn, path_request(request, a, sn, svc, port)),
])] if {
	svc.kind == "external"
}

# Without a listener there is no port for the security group hops to check.
service_paths(_, _, svc, head, port, _) := [array.concat(head, [no_listener_hop(svc, port)])] if {
	svc.kind != "external"
	count(listeners_of(svc, port)) == 0
}

service_paths(a, sn, svc, head, port, request) := [p |
	some l in listeners_of(svc, port)
	lport := listener_port(l)
	front := array.concat(head, [
		association_sg_hop(a, lport),
		client_egress_of(a, lport),
		listener_hop(l, port),
		auth_hop(sn, path_request(request, a, sn, svc, lport)),
		auth_hop(svc, path_request(request, a, sn, svc, lport)),
	])
	some rt in routes(l, request)
	some [fh, tg] in route_hops(rt)
	p := array.concat(front, tail(fh, rt, tg))
] if {
	svc.kind != "external"
	count(listeners_of(svc, port)) > 0
}

listener_port(l) := l.port.value if known(l.port)

listener_port(l) := null if not known(l.port)

tail(fh, _, null) := [fh]

tail(fh, rt, tg) := [fh, target_group_hop(rt, tg), targets_sg_hop(tg)] if tg != null

client_egress_of(a, port) := client_egress_hop(client_vpc_of(a), port)

client_egress_of(a, _) := hop("client egress", a, "unknown", "the client VPC is outside the model") if not client_vpc_of(a)

# path_status: blocked outranks unknown, unknown outranks ok.
path_status(p) := "blocked" if {
	some h in p
	h.status == "blocked"
} else := "unknown" if {
	some h in p
	h.status == "unknown"
} else := "ok"

# verdict: reachable when some path is open, unknown when some path may be,
# blocked otherwise.
verdict(paths) := "reachable" if {
	some p in paths
	path_status(p) == "ok"
} else := "unknown" if {
	some p in paths
	path_status(p) == "unknown"
} else := "blocked"

# blockers lists each entity that blocks some path, with its rule.
blockers(paths) := {b |
	some p in paths
	some h in p
	h.status == "blocked"
	some b in blame_of(h)
}

blame_of(h) := h.blame if h.blame

blame_of(h) := [{"entity": h.entity, "rule": object.get(h, "rule", ""), "why": h.why}] if not h.blame

# reach answers one question: {"verdict", "paths", "blocked_by"}.
reach(client_id, target_id, port, request) := {
	"verdict": v,
	"paths": paths,
	"blocked_by": blocked,
} if {
	client := entity(client_id)
	paths := paths_to(client, target_id, port, request)
	v := verdict(paths)
	blocked := [{"entity": x[0], "rule": x[1], "why": x[2]} |
		v == "blocked"
		some x in sort([[b.entity, b.rule, b.why] | some b in blockers(paths)])
	]
}

# paths_to lists the paths to a target: a service or a resource
# configuration, in the model or outside it and named by its ARN or id.
paths_to(client, target_id, port, request) := reach_paths(client, input.services[target_id], port, request)

paths_to(client, target_id, port, _) := resource_paths(client, input.resource_configurations[target_id], port)

paths_to(client, target_id, port, request) := reach_paths(client, x, port, request) if {
	x := input.externals[target_id]
	x.for == "service"
}

paths_to(client, target_id, port, _) := resource_paths(client, c, port) if {
	c := input.externals[target_id]
	c.for == "resource_configuration"
}

# reach_answer is the query the reach command evaluates: input.reach names
# the client, the target and the port; input.request the caller, when given.
reach_answer := reach(input.reach.from, input.reach.to, object.get(input.reach, "port", null), object.get(input, "request", null))

# reach_clients lists the clients of the matrix: every VPC of the model with
# a service network association or a VPC endpoint of type ServiceNetwork or Resource.
reach_clients := sort([v.id | some v in input.vpcs; has_way_in(v)])

has_way_in(v) if count(entries(v)) > 0

has_way_in(v) if {
	some id in items(v, "vpc_endpoints")
	is(input.vpc_endpoints[id].endpoint_type, "Resource")
}

# reach_matrix answers every client VPC × target (every service, then every
# resource configuration of the model), without a caller.
reach_matrix := [{"from": c, "to": s, "verdict": verdict(paths_to(entity(c), s, null, null))} |
	some c in reach_clients
	some s in array.concat(sort(object.keys(input.services)), sort(object.keys(input.resource_configurations)))
]
