# METADATA
# title: Listener rule uses the Terraform listener id
# description: |
#   In Terraform, `aws_vpclattice_listener.<name>.id` is
#   `<service id>/<listener id>`, not a listener identifier. A listener rule
#   whose `listener_identifier` is bound to it fails at apply time, because the
#   API expects a listener id (`listener-…`) or a listener ARN.
# related_resources:
#   - ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/vpclattice_listener#attribute-reference
#   - ref: https://docs.aws.amazon.com/vpc-lattice/latest/APIReference/API_CreateRule.html
# schemas:
#   - input: schema.input
# custom:
#   id: LAT-HYG-002
#   name: tf-listener-composite-id
#   severity: error
#   formats: [terraform]
#   remediation: Use `aws_vpclattice_listener.<name>.listener_id` (or `.arn`) for `listener_identifier`.
package lattice.rules.tf_listener_composite_id

import data.lattice.lib

deny contains f if {
	some r in input.listener_rules
	r.listener.form == "composite_id"
	f := {
		"entity": r.id,
		"attribute": "listener",
		"message": sprintf(
			"listener rule %s sets listener_identifier from the listener's id, which Terraform builds as \"<service id>/<listener id>\": the API rejects it at apply time; use .listener_id or .arn",
			[lib.name(r)],
		),
	}
}
