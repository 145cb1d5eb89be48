# METADATA
# title: lattice-lint helper library
# description: |
#   Helpers every rule needs: entity lookup, known/unknown values, references,
#   "could something the model cannot see point here" checks, and the security
#   group logic that decides whether VPC Lattice traffic is admitted.
#   Input shape: every collection is an object keyed by entity id
#   (input.services[id]); an unknown attribute is {"unknown": true, "range": …}
#   with no "value" key, an absent one is null; a reference is {"target",
#   "kind", "external", "value", "form", "unknown", "range"}.
package lattice.lib

# --- entities ----------------------------------------------------------------

# collections maps each entity kind to the input key holding its entities
# (model.Kind.Collection; a Go test keeps the two in step).
collections := {
	"vpc": "vpcs",
	"subnet": "subnets",
	"security_group": "security_groups",
	"security_group_rule": "security_group_rules",
	"prefix_list": "prefix_lists",
	"service_network": "service_networks",
	"service": "services",
	"listener": "listeners",
	"listener_rule": "listener_rules",
	"target_group": "target_groups",
	"target": "targets",
	"service_network_vpc_association": "service_network_vpc_associations",
	"service_network_service_association": "service_network_service_associations",
	"service_network_resource_association": "service_network_resource_associations",
	"vpc_endpoint": "vpc_endpoints",
	"resource_gateway": "resource_gateways",
	"resource_configuration": "resource_configurations",
	"auth_policy": "auth_policies",
	"resource_policy": "resource_policies",
	"access_log_subscription": "access_log_subscriptions",
	"resource_share": "resource_shares",
	"resource_share_association": "resource_share_associations",
	"resource_share_accepter": "resource_share_accepters",
	"lambda_function": "lambda_functions",
	"lambda_permission": "lambda_permissions",
	"load_balancer": "load_balancers",
	"load_balancer_listener": "load_balancer_listeners",
	"instance": "instances",
	"ecs_service": "ecs_services",
	"autoscaling_group": "autoscaling_groups",
	"dns_zone": "dns_zones",
	"dns_record": "dns_records",
	"log_destination": "log_destinations",
	"domain_verification": "domain_verifications",
	"external": "externals",
}

# collection is the input key holding entities of a kind.
collection(kind) := collections[kind]

# entity looks an entity up by id in whatever collection holds it. (It never
# binds a whole collection to a variable: OPA would walk it on every call.)
entity(id) := input[collection_of[id]][id]

# collection_of maps every entity id to the collection holding it, built once
# per run: the quota rules look up thousands of ids, and probing every
# collection for each cost more than indexing them all.
collection_of := {id: c | some c in collections; some id, _ in input[c]}

# target is the entity a resolved reference points at (in the model or external).
target(ref) := input.externals[ref.target] if ref.external

target(ref) := e if {
	not ref.external
	c := collections[ref.kind]
	e := input[c][ref.target]
}

# name is how messages call an entity: its Terraform address or CloudFormation
# logical id, or its id when the front end gave no address.
name(e) := e.address if e.address != ""

name(e) := e.id if object.get(e, "address", "") == ""

# items is a list-valued attribute of e, [] when it is absent or null.
items(e, field) := x if {
	x := e[field]
	x != null
} else := []

# empty reports whether a list-valued attribute of e has no items.
empty(e, field) if count(items(e, field)) == 0

# escaped entities leave the unit (an output, an SSM parameter, a secret, a
# nested stack, a module the model does not read): other units may add the
# relations they lack. Only rules about a missing relation (an association, a
# consumer, a forward, a share) consult it — they declare custom.missing_relation
# and stay silent or drop to info; rules about an entity's own configuration
# never do (DOMAIN §4.G, docs/writing-policies.md).
escaped(e) if e.escaped == true

# unread entities (always escaped too) are passed into code the model does not
# read, which may configure them as well: rules about configuration an entity
# lacks (no auth policy, no access log subscription) stay silent on them.
unread(e) if e.unread == true

# conditional entities may not exist at all (unknown count, CFN condition).
conditional(e) if e.conditional == true

# --- values --------------------------------------------------------------------

# known reports whether an attribute has a value (false and 0 are values).
known(attr) if {
	_ = attr.value
}

# is reports whether an attribute is known and equal to v.
is(attr, v) if attr.value == v

# default reports whether a known value is the AWS default the code omits.
default_value(attr) if attr["default"] == true

# account is the known owner account of an entity (externals: from their ARN).
account(e) := e.account.value

# absent reports whether the code does not set an attribute at all (the model
# writes null), as opposed to setting it to an unknown value.
absent(attr) if is_null(attr)

# --- references ------------------------------------------------------------------

# present reports whether the code sets a reference at all (the model writes
# an absent optional reference as null).
present(ref) if ref.target

present(ref) if ref.value

present(ref) if ref.unknown == true

# resolved reports whether a reference points at a known entity (in the model or external).
resolved(ref) if ref.target

# in_model reports whether a reference points at an entity the model declares.
in_model(ref) if {
	ref.target
	not ref.external
}

# unresolved reports whether a reference is set but points nowhere the model
# knows: an unknown value, or a literal no entity matches. It may point at anything.
unresolved(ref) if {
	not ref.target
	present(ref)
}

# unresolved_in reports whether some entity of a collection has an unresolved
# reference in field: a relation the model cannot see may exist. It scans the
# whole collection: call it from a rule without arguments (evaluated once per
# run), not inside a loop over entities.
unresolved_in(coll, field) if {
	some e in input[coll]
	unresolved(e[field])
}

# list_unknown reports whether a list attribute (RefList, StringList) is set to a
# value the model cannot read. An absent list is not unknown.
list_unknown(list) if {
	list.known == false
	list.range[0] != ""
}

# --- security groups ----------------------------------------------------------------

# all_protocols reports whether a rule's protocol is "all" or unknown.
all_protocols(r) if not known(r.protocol)

all_protocols(r) if lower(r.protocol.value) in {"-1", "all"}

# tcp_capable reports whether a rule's protocol carries TCP (Lattice traffic).
tcp_capable(r) if all_protocols(r)

tcp_capable(r) if lower(r.protocol.value) in {"tcp", "6"}

# covers_port reports whether a rule's port range includes port (unknown ports
# and all-protocol rules cover every port).
covers_port(r, _) if all_protocols(r)

covers_port(r, _) if not known(r.from_port)

covers_port(r, _) if not known(r.to_port)

covers_port(r, port) if {
	r.from_port.value <= port
	port <= r.to_port.value
}

# maybe_lattice_prefix_list reports whether a prefix-list reference is, or may
# be, the VPC Lattice managed prefix list.
maybe_lattice_prefix_list(ref) if unresolved(ref)

maybe_lattice_prefix_list(ref) if ref.external

maybe_lattice_prefix_list(ref) if {
	in_model(ref)
	pl := target(ref)
	pl.kind == "prefix_list"
	not is(pl.lattice, false)
}

# source_lattice reports whether a rule's sources include, or may include, the
# VPC Lattice range. Client security groups and client CIDRs do not count.
source_lattice(r) if r.cidrs_cover_lattice.value == true

source_lattice(r) if {
	not known(r.cidrs_cover_lattice)
	r.cidrs_cover_lattice.range[0] != ""
}

source_lattice(r) if {
	some ref in items(r.prefix_lists, "items")
	maybe_lattice_prefix_list(ref)
}

source_lattice(r) if list_unknown(r.prefix_lists)

# lattice_ingress lists the ingress rules of a security group that carry TCP
# from a source that is, or may be, VPC Lattice, whatever the port. OPA caches
# function results per argument, so each group is examined once per run
# however many ports are checked against it.
lattice_ingress(sg) := [r |
	some r in items(sg, "ingress")
	tcp_capable(r)
	source_lattice(r)
]

# admits_lattice reports whether a security group admits, or may admit, VPC
# Lattice traffic on port. A group whose rule set is incomplete may, and so
# may an escaped group (code outside the model can add rules to it).
admits_lattice(sg, _) if sg.rules_known == false

admits_lattice(sg, _) if escaped(sg)

admits_lattice(sg, port) if {
	some r in lattice_ingress(sg)
	covers_port(r, port)
}

# precise_security_groups is the list of in-model security group entities a
# RefList names, defined only when the list is known, non-empty and every item
# resolves to a group the model declares (whose rules it can read).
precise_security_groups(list) := sgs if {
	list.known == true
	refs := items(list, "items")
	count(refs) > 0
	every ref in refs {
		in_model(ref)
		ref.kind == "security_group"
	}
	sgs := [target(ref) | some ref in refs]
}

# --- sharing ---------------------------------------------------------------------

# shared reports whether an entity is in some RAM share of the model.
shared(e) if not empty(e, "resource_shares")
