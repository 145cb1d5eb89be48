# Routing helpers: where actions live, which listener and service they
# belong to, and the target-group protocol matrix (DOMAIN §1.6) as data.
package lattice.lib

# --- the protocol / target-type matrix --------------------------------------------

# target_group_profiles is the §1.6 matrix: for each kind of target group (its
# protocol version for HTTP/HTTPS groups, TCP, or a Lambda group without
# config), the listener protocols that may forward to it, the target types it
# accepts and whether health checks are on when the code does not say.
target_group_profiles := {
	"HTTP1": {"listeners": {"HTTP", "HTTPS"}, "types": {"INSTANCE", "IP", "ALB"}, "health_check_default": true},
	"HTTP2": {"listeners": {"HTTPS"}, "types": {"INSTANCE", "IP"}, "health_check_default": false},
	"GRPC": {"listeners": {"HTTPS"}, "types": {"INSTANCE", "IP"}, "health_check_default": false},
	"TCP": {"listeners": {"TLS_PASSTHROUGH"}, "types": {"INSTANCE", "IP", "ALB"}, "health_check_default": false},
	"LAMBDA": {"listeners": {"HTTP", "HTTPS"}, "types": {"LAMBDA"}, "health_check_default": false},
}

# profile is the matrix row of a target group, undefined while the deciding
# values are unknown. A Lambda group is a LAMBDA row unless it claims TCP (a
# combination the matrix refuses, so the TCP row reports it).
profile(tg) := "TCP" if is(tg.protocol, "TCP")

profile(tg) := "LAMBDA" if {
	is(tg.type, "LAMBDA")
	not is(tg.protocol, "TCP")
	not unknown_attr(tg.protocol)
}

profile(tg) := v if {
	tg.protocol.value in {"HTTP", "HTTPS"}
	known(tg.type)
	not is(tg.type, "LAMBDA")
	v := tg.protocol_version.value
	target_group_profiles[v]
}

# unknown_attr reports whether the code sets an attribute to a value static
# analysis cannot read (absent attributes are not unknown).
unknown_attr(attr) if attr.unknown == true

# --- actions -------------------------------------------------------------------

# action_sites lists every listener default action and rule action with the
# entity that holds it, the attribute path of the action, and the listener
# whose protocol applies (absent when the rule's listener is not in the model).
action_sites contains {"owner": l, "path": "default_action", "action": l.default_action, "listener": l} if {
	some l in input.listeners
}

action_sites contains site if {
	some r in input.listener_rules
	site := object.union(
		{"owner": r, "path": "action", "action": r.action},
		{"listener": l | in_model(r.listener); l := target(r.listener); l.kind == "listener"},
	)
}

# forward_targets lists the in-model target groups an action forwards to, with
# the index of the entry in the forward list.
forward_targets(a) := [[i, tg] |
	some i, w in items(a, "forward")
	in_model(w.target_group)
	tg := target(w.target_group)
	tg.kind == "target_group"
]

# service_of is the in-model service a listener or listener rule belongs to:
# its own service reference, or (for a rule) its listener's.
service_of(e) := s if {
	in_model(e.service)
	s := target(e.service)
	s.kind == "service"
}

service_of(e) := s if {
	e.kind == "listener_rule"
	not in_model(e.service)
	in_model(e.listener)
	l := target(e.listener)
	in_model(l.service)
	s := target(l.service)
	s.kind == "service"
}

# source_order sorts entities by position: [file, line, column, id].
position(e) := [e.range[0], e.range[1], e.range[2], e.id]
