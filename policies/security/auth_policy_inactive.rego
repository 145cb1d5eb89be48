# METADATA
# title: Auth policy is inactive because auth type is NONE
# description: |
#   An auth policy is enforced only when the service or service network it is
#   attached to has auth type AWS_IAM. With auth type NONE the policy is
#   accepted but stays inactive: it restricts nothing, which is rarely what its
#   author meant.
# related_resources:
#   - ref: https://docs.aws.amazon.com/vpc-lattice/latest/ug/auth-policies.html
#   - ref: https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-vpclattice-authpolicy.html
# schemas:
#   - input: schema.input
# custom:
#   id: LAT-SEC-007
#   name: auth-policy-inactive
#   severity: warning
#   remediation: Set auth_type = "AWS_IAM" on the service or service network the policy is attached to, or remove the policy.
package lattice.rules.auth_policy_inactive

import data.lattice.lib

deny contains f if {
	some p in input.auth_policies
	lib.in_model(p.resource)
	e := lib.target(p.resource)
	e.kind in {"service", "service_network"}
	lib.is(e.auth_type, "NONE")
	f := {
		"entity": p.id,
		"attribute": "resource",
		"message": sprintf(
			"auth policy %s is attached to %s %s, whose auth_type is NONE: the policy is inactive and restricts no caller",
			[lib.name(p), replace(e.kind, "_", " "), lib.name(e)],
		),
		"related": [{"entity": e.id, "message": "auth_type NONE"}],
	}
}
