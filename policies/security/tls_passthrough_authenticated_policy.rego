# METADATA
# title: TLS passthrough service behind an auth policy that needs authentication
# description: |
#   A TLS passthrough listener never decrypts the connection, so VPC Lattice
#   cannot see SigV4 signatures or HTTP requests: every caller is anonymous
#   and only the TLS connection is known. An active auth policy (auth type
#   AWS_IAM) on the service, or on a service network it is associated with,
#   must therefore admit anonymous principals. A policy whose Allow statements
#   all require an authenticated caller (a named principal, or a condition on
#   `aws:PrincipalOrgID`, `aws:PrincipalAccount`, `aws:PrincipalArn`,
#   `aws:PrincipalType` other than Anonymous...) or test HTTP-level keys
#   (`vpc-lattice-svcs:RequestMethod`, `RequestPath`, `RequestHeader/*`,
#   `RequestQueryString/*`) denies every connection to the listener.
#
#   The rule reports such a policy, naming the TLS passthrough listener. It
#   stays silent when the document, the auth type or the listener protocol is
#   unknown, and when the policy is inactive (auth type NONE).
# related_resources:
#   - ref: https://docs.aws.amazon.com/vpc-lattice/latest/ug/tls-listeners.html
#   - ref: https://docs.aws.amazon.com/vpc-lattice/latest/ug/auth-policies.html
# schemas:
#   - input: schema.input
# custom:
#   id: LAT-SEC-011
#   name: tls-passthrough-authenticated-policy
#   severity: warning
#   remediation: Admit anonymous principals for the TLS passthrough service (Principal "*", narrowed by network conditions such as vpc-lattice-svcs:SourceVpc), or put the service in a service network whose auth type is NONE or whose policy admits anonymous callers.
package lattice.rules.tls_passthrough_authenticated_policy

import data.lattice.lib

tls_listeners(svc) := [l |
	some id in lib.items(svc, "listeners")
	l := input.listeners[id]
	lib.is(l.protocol, "TLS_PASSTHROUGH")
]

# guarded lists [entity, label] pairs whose active auth policies a TLS
# passthrough service's connections must pass: the service and its networks.
guarded(svc) := array.concat([[svc, "service"]], [[sn, "service network"] |
	some id in lib.items(svc, "service_associations")
	a := input.service_network_service_associations[id]
	lib.in_model(a.service)
	lib.in_model(a.service_network)
	sn := lib.target(a.service_network)
])

# admits_tls reports whether a statement can let a TLS passthrough
# connection through: it admits anonymous callers and tests no HTTP key.
admits_tls(st) if {
	lib.admits_anonymous(st)
	count(lib.http_conditions(st)) == 0
}

deny contains f if {
	some svc in input.services
	ls := tls_listeners(svc)
	count(ls) > 0
	some [e, label] in guarded(svc)
	lib.is(e.auth_type, "AWS_IAM")
	some pid in lib.items(e, "auth_policies")
	p := input.auth_policies[pid]
	doc := p.policy.value
	not admits(doc)
	f := {
		"entity": p.id,
		"attribute": "policy",
		"message": sprintf(
			"auth policy %s on %s %s admits no anonymous caller without HTTP-level conditions, but %s has TLS passthrough listener %s, whose callers are always anonymous and whose requests VPC Lattice never sees: every connection is denied",
			[lib.name(p), label, lib.name(e), lib.name(svc), concat(", ", sort([lib.name(l) | some l in ls]))],
		),
		"related": array.concat(
			[{"entity": svc.id, "message": "service with a TLS passthrough listener"}],
			[{"entity": l.id, "message": "TLS passthrough listener"} | some l in ls],
		),
	}
}

admits(doc) if {
	some st in lib.policy_statements(doc)
	admits_tls(st)
}
