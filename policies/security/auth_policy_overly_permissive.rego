# METADATA
# title: Auth policy lets anyone invoke
# description: |
#   An auth policy is the identity layer of VPC Lattice. A statement that
#   allows `Principal: "*"` (or `{"AWS": "*"}`, or a `NotPrincipal`) to invoke
#   (`vpc-lattice-svcs:Invoke`, `vpc-lattice-svcs:*` or `*`) every path of the
#   resource (`Resource: "*"`, or the service's `<arn>/*`) with no condition
#   that narrows the callers admits every workload of every connected VPC,
#   unsigned anonymous requests included: the policy authenticates nothing.
#   Conditions narrow the callers when they test who calls or from where
#   (`aws:PrincipalOrgID`, `aws:PrincipalAccount`, `aws:PrincipalArn`,
#   `aws:PrincipalType`, `vpc-lattice-svcs:SourceVpc`,
#   `vpc-lattice-svcs:SourceVpcOwnerAccount`, ...); conditions about the request
#   alone (method, path, headers, port, resource tags) do not, and any key the
#   rule does not know counts as narrowing. A Deny statement that refuses some
#   callers (names principals, tests who calls or from where, or refuses
#   anonymous callers outright) narrows the policy too.
#
#   The rule also reports actions with the management prefix `vpc-lattice:`,
#   which an auth policy never matches (callers need `vpc-lattice-svcs:Invoke`),
#   and, as an error, a document over the hard auth policy size limit (10 KB,
#   `auth-policy-size` in the quota table, docs/quotas.md).
#
#   It stays silent on a policy whose document is unknown (a variable, a
#   policy built by a data source), on a policy of a service or service network
#   whose auth type is NONE (the policy is inactive: LAT-SEC-007), and on a
#   service with a TLS passthrough listener or a network holding one, where
#   auth policies can only admit anonymous callers (LAT-SEC-011). Whether a
#   service is meant to be public cannot be known from code, so a policy that
#   admits anonymous callers only under a narrowing condition is not reported.
# related_resources:
#   - ref: https://docs.aws.amazon.com/vpc-lattice/latest/ug/auth-policies.html
#   - ref: https://docs.aws.amazon.com/vpc-lattice/latest/ug/quotas.html
# schemas:
#   - input: schema.input
# custom:
#   id: LAT-SEC-008
#   name: auth-policy-overly-permissive
#   severity: warning
#   remediation: Narrow the Allow statement with a condition on who calls (for example `aws:PrincipalOrgID`, `aws:PrincipalAccount` or `vpc-lattice-svcs:SourceVpcOwnerAccount`) or name the principals, and use the `vpc-lattice-svcs:` action prefix.
package lattice.rules.auth_policy_overly_permissive

import data.lattice.lib

# size_quota names the hard auth policy size limit in the quota table (pkg/quota).
size_quota := "auth-policy-size"

labels := {"service": "service", "service_network": "service network"}

# parent is the service or service network a policy is attached to.
parent(p) := e if {
	lib.in_model(p.resource)
	e := lib.target(p.resource)
	e.kind in {"service", "service_network"}
}

# inactive policies belong to LAT-SEC-007.
inactive(p) if lib.is(parent(p).auth_type, "NONE")

# tls_passthrough reports whether a service has a TLS passthrough listener.
tls_passthrough(svc) if {
	some id in lib.items(svc, "listeners")
	lib.is(input.listeners[id].protocol, "TLS_PASSTHROUGH")
}

# anonymous_only parents host TLS passthrough traffic, where only anonymous
# principals can be admitted.
anonymous_only(e) if {
	e.kind == "service"
	tls_passthrough(e)
}

anonymous_only(e) if {
	e.kind == "service_network"
	some id in lib.items(e, "service_associations")
	a := input.service_network_service_associations[id]
	lib.in_model(a.service)
	tls_passthrough(lib.target(a.service))
}

for_anonymous(p) if anonymous_only(parent(p))

where(p) := sprintf(" on %s %s", [labels[e.kind], lib.name(e)]) if e := parent(p)

where(p) := "" if not parent(p)

deny contains f if {
	some p in input.auth_policies
	doc := p.policy.value
	not inactive(p)
	not for_anonymous(p)
	some i, st in lib.policy_statements(doc)
	lib.open_to_everyone(doc, st)
	f := {
		"entity": p.id,
		"attribute": "policy",
		"message": sprintf(
			"auth policy %s%s: statement %d allows every principal to invoke every path with no condition on who calls, so any workload in a connected VPC, unsigned anonymous requests included, gets through",
			[lib.name(p), where(p), i + 1],
		),
	}
}

deny contains f if {
	some p in input.auth_policies
	some i, st in lib.policy_statements(p.policy.value)
	actions := lib.management_actions(st)
	count(actions) > 0
	f := {
		"entity": p.id,
		"attribute": "policy",
		"message": sprintf(
			"auth policy %s%s: statement %d names %s, a VPC Lattice management action that auth policies never evaluate; callers are authorized by vpc-lattice-svcs:Invoke",
			[lib.name(p), where(p), i + 1, concat(", ", actions)],
		),
	}
}

deny contains f if {
	some p in input.auth_policies
	limit := lib.quota_limit(size_quota, p)
	p.size.value > limit
	f := {
		"entity": p.id,
		"attribute": "policy",
		"severity": "error",
		"message": sprintf(
			"auth policy %s%s is %d bytes, over the %s of %d bytes (%s): VPC Lattice rejects it at deploy time",
			[lib.name(p), where(p), p.size.value, lib.quota_kind(size_quota), limit, lib.quota_title(size_quota)],
		),
	}
}
