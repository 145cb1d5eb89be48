# METADATA
# title: AWS_IAM auth without an auth policy denies every request
# description: |
#   When a service or service network has auth type AWS_IAM, every request is
#   implicitly denied until an auth policy allows it. Without an auth policy
#   resource targeting it, all traffic gets an access denied error.
#
#   The auth type and its policy are the entity's own configuration, so the
#   rule fires even when the entity leaves the unit (escaped). It stays silent
#   when the entity is passed into code the model does not read (an unexpanded
#   module, a nested stack: it may attach the policy) and when some auth
#   policy's resource reference is unknown (it may target this entity).
# related_resources:
#   - ref: https://docs.aws.amazon.com/vpc-lattice/latest/ug/auth-policies.html
# schemas:
#   - input: schema.input
# custom:
#   id: LAT-SEC-006
#   name: iam-auth-without-policy
#   severity: error
#   remediation: Attach an auth policy (aws_vpclattice_auth_policy / AWS::VpcLattice::AuthPolicy) that allows the intended callers, or switch auth_type back to NONE on purpose.
package lattice.rules.iam_auth_without_policy

import data.lattice.lib

subjects contains ["service", svc] if some svc in input.services

subjects contains ["service network", sn] if some sn in input.service_networks

deny contains f if {
	some [what, e] in subjects
	lib.is(e.auth_type, "AWS_IAM")
	lib.empty(e, "auth_policies")
	not lib.unread(e)
	not hidden_policy
	f := {
		"entity": e.id,
		"attribute": "auth_type",
		"message": sprintf(
			"%s %s has auth_type AWS_IAM but no auth policy: every request to it is denied (HTTP 403 access denied)",
			[what, lib.name(e)],
		),
	}
}

# An auth policy whose resource is unknown may target this entity.
hidden_policy if lib.unresolved_in("auth_policies", "resource")
