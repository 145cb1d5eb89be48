# METADATA
# title: Target group is not used by any listener or rule
# description: |
#   Traffic reaches a target group only through a forward action of a
#   listener default action or a listener rule, and VPC Lattice runs health
#   checks only for target groups in use. A target group no action forwards to
#   receives nothing: its targets sit idle and its health is never checked.
#
#   The rule stays silent when the target group is used by something outside
#   the model (escaped), or when any listener or rule action in the model has
#   an unknown type or forwards to a target group the model cannot resolve.
# related_resources:
#   - ref: https://docs.aws.amazon.com/vpc-lattice/latest/ug/target-groups.html
#   - ref: https://docs.aws.amazon.com/vpc-lattice/latest/ug/listener-rules.html
# schemas:
#   - input: schema.input
# custom:
#   id: LAT-COR-005
#   name: target-group-unreferenced
#   severity: warning
#   missing_relation: true
#   remediation: Forward to the target group from a listener default action or a listener rule, or remove it.
package lattice.rules.target_group_unreferenced

import data.lattice.lib

actions contains l.default_action if some l in input.listeners

actions contains r.action if some r in input.listener_rules

# hidden_forward: some action may forward to a target group the model cannot name.
hidden_forward if {
	some a in actions
	not lib.known(a.type)
}

hidden_forward if {
	some a in actions
	some w in lib.items(a, "forward")
	lib.unresolved(w.target_group)
}

deny contains f if {
	some tg in input.target_groups
	lib.empty(tg, "forwarded_by")
	not lib.escaped(tg)
	not hidden_forward
	f := {
		"entity": tg.id,
		"message": sprintf(
			"target group %s is not forwarded to by any listener or listener rule: it receives no traffic and its targets are never health-checked",
			[lib.name(tg)],
		),
	}
}
