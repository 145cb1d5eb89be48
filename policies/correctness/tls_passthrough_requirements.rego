# METADATA
# title: TLS passthrough listener without what it requires
# description: |
#   A TLS_PASSTHROUGH listener hands the encrypted stream to the targets and
#   routes it by the TLS server name (SNI), so:
#
#   - its service must have a custom domain name (the SNI it matches);
#   - it can have only its default rule: listener rules on it are refused;
#   - its default action must forward (to TCP target groups, see
#     LAT-COR-009); a fixed-response default action is refused.
#
#   The rule stays silent while the listener protocol, the service's custom
#   domain name or the default action type is unknown, and when the
#   listener's service is not in the model.
# related_resources:
#   - ref: https://docs.aws.amazon.com/vpc-lattice/latest/ug/tls-listeners.html
#   - ref: https://docs.aws.amazon.com/vpc-lattice/latest/ug/service-custom-domain-name.html
# schemas:
#   - input: schema.input
# custom:
#   id: LAT-COR-010
#   name: tls-passthrough-requirements
#   severity: error
#   remediation: Give the service a custom domain name, remove the listener's rules and make its default action forward to TCP target groups.
package lattice.rules.tls_passthrough_requirements

import data.lattice.lib

tls_listeners contains l if {
	some l in input.listeners
	lib.is(l.protocol, "TLS_PASSTHROUGH")
}

deny contains f if {
	some l in tls_listeners
	svc := lib.service_of(l)
	lib.absent(svc.custom_domain_name)
	f := {
		"entity": svc.id,
		"message": sprintf(
			"service %s has the TLS_PASSTHROUGH listener %s but no custom domain name: VPC Lattice routes passthrough traffic by the TLS server name, so creating the listener fails",
			[lib.name(svc), lib.name(l)],
		),
		"related": [{"entity": l.id, "message": "the TLS_PASSTHROUGH listener"}],
	}
}

deny contains f if {
	some l in tls_listeners
	some rid in lib.items(l, "rules")
	r := input.listener_rules[rid]
	f := {
		"entity": r.id,
		"message": sprintf(
			"listener rule %s is on the TLS_PASSTHROUGH listener %s, which can have only its default rule: creating the rule fails",
			[lib.name(r), lib.name(l)],
		),
		"related": [{"entity": l.id, "message": "the TLS_PASSTHROUGH listener"}],
	}
}

deny contains f if {
	some l in tls_listeners
	lib.is(l.default_action.type, "fixed_response")
	f := {
		"entity": l.id,
		"attribute": "default_action",
		"message": sprintf(
			"TLS_PASSTHROUGH listener %s has a fixed-response default action, but a TLS listener's default action must forward to TCP target groups: creating it fails",
			[lib.name(l)],
		),
	}
}
