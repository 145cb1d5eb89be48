# METADATA
# title: Listener protocol, target group protocol and target type do not fit together
# description: |
#   VPC Lattice converts between HTTP/1.1 and HTTP/2 freely, but some
#   combinations of listener protocol, target group protocol and version, and
#   target type are refused or never carry traffic (the matrix of DOMAIN §1.6,
#   kept as data in policies/lib/routing.rego):
#
#   - a target group with protocol version HTTP2 or GRPC is reachable only from HTTPS listeners;
#   - a TCP target group is reachable only from TLS_PASSTHROUGH listeners, and a
#     TLS_PASSTHROUGH listener can forward only to TCP target groups;
#   - HTTP2 and GRPC target groups accept only INSTANCE and IP targets;
#   - a LAMBDA target group cannot be TCP, and cannot sit behind a TLS_PASSTHROUGH listener.
#
#   A listener rule is checked against the protocol of its listener. The rule
#   stays silent when the listener protocol, the target group's protocol,
#   version or type is unknown, or the forward target is not in the model.
# related_resources:
#   - ref: https://docs.aws.amazon.com/vpc-lattice/latest/ug/target-groups.html
#   - ref: https://docs.aws.amazon.com/vpc-lattice/latest/ug/tls-listeners.html
#   - ref: https://docs.aws.amazon.com/vpc-lattice/latest/ug/listeners.html
# schemas:
#   - input: schema.input
# custom:
#   id: LAT-COR-009
#   name: protocol-compatibility
#   severity: error
#   remediation: Pair HTTP2/GRPC target groups with HTTPS listeners, TCP target groups with TLS_PASSTHROUGH listeners, and use INSTANCE or IP targets for HTTP2/GRPC.
package lattice.rules.protocol_compatibility

import data.lattice.lib

describe(tg) := sprintf("%s target group", [tg.type.value]) if lib.profile(tg) == "LAMBDA"

describe(tg) := "TCP target group" if lib.profile(tg) == "TCP"

describe(tg) := sprintf("%s target group with protocol version %s", [tg.protocol.value, tg.protocol_version.value]) if {
	not lib.profile(tg) in {"LAMBDA", "TCP"}
}

# a listener or rule forwards to a target group its listener protocol cannot reach
deny contains f if {
	some site in lib.action_sites
	l := site.listener
	proto := l.protocol.value
	some [i, tg] in lib.forward_targets(site.action)
	p := lib.profile(tg)
	allowed := lib.target_group_profiles[p].listeners
	not proto in allowed
	f := {
		"entity": site.owner.id,
		"attribute": sprintf("%s.forward[%d].target_group", [site.path, i]),
		"message": sprintf(
			"%s forwards %s traffic to %s, a %s, which accepts only %s listeners: the forward is refused",
			[lib.name(site.owner), proto, lib.name(tg), describe(tg), concat(" or ", sort([x | some x in allowed]))],
		),
		"related": [{"entity": tg.id, "message": "the target group"}],
	}
}

# the target group's own type does not fit its protocol
deny contains f if {
	some tg in input.target_groups
	p := lib.profile(tg)
	types := lib.target_group_profiles[p].types
	t := tg.type.value
	not t in types
	f := {
		"entity": tg.id,
		"attribute": "type",
		"message": sprintf(
			"target group %s is a %s of type %s, but that protocol accepts only %s targets: creating it fails",
			[lib.name(tg), describe(tg), t, concat(", ", sort([x | some x in types]))],
		),
	}
}
