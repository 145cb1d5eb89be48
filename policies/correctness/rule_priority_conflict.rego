# METADATA
# title: Listener rule priority is duplicated or out of range
# description: |
#   Rules of a listener are evaluated by priority, lowest first, and no two
#   rules of one listener may share a priority: the second rule with the same
#   priority fails to create. Rules are grouped by their listener after
#   identifier normalisation, so rules in different files or stacks are
#   compared too.
#
#   Priorities run from 1 to 100 in the console, Terraform and CloudFormation
#   (warning outside that range) and 1 to 2000 in the API (error outside it).
#
#   Rules whose existence is conditional, whose priority is unknown or whose
#   listener the model cannot resolve are not compared.
# related_resources:
#   - ref: https://docs.aws.amazon.com/vpc-lattice/latest/ug/listener-rules.html
#   - ref: https://docs.aws.amazon.com/vpc-lattice/latest/APIReference/API_CreateRule.html
# schemas:
#   - input: schema.input
# custom:
#   id: LAT-COR-016
#   name: rule-priority-conflict
#   severity: error
#   remediation: Give every rule of a listener its own priority between 1 and 100.
package lattice.rules.rule_priority_conflict

import data.lattice.lib

# positions[[listener, priority]] holds the positions of the rules that certainly exist.
# The inner set is an indexed comprehension (OPA's comprehension index): a
# partial rule with a variable key compares each new key with every earlier
# one, quadratic in the number of rules.
positions := {key: ps |
	some key in {[r.listener.target, r.priority.value] | some r in certain_rules}
	ps := {lib.position(r) | some r in certain_rules; [r.listener.target, r.priority.value] == key}
}

certain_rules := [r |
	some r in input.listener_rules
	not lib.conditional(r)
	lib.resolved(r.listener)
	lib.known(r.priority)
]

deny contains f if {
	some key, ps in positions
	ordered := sort(ps)
	count(ordered) > 1
	first := input.listener_rules[ordered[0][3]]
	some i in numbers.range(1, count(ordered) - 1)
	r := input.listener_rules[ordered[i][3]]
	f := {
		"entity": r.id,
		"attribute": "priority",
		"message": sprintf(
			"listener rule %s has priority %d, like %s on the same listener, and a listener cannot have two rules with the same priority: creating %s fails",
			[lib.name(r), key[1], lib.name(first), lib.name(r)],
		),
		"related": [{"entity": first.id, "message": "rule with the same priority"}],
	}
}

deny contains f if {
	some r in input.listener_rules
	p := r.priority.value
	out_of_range(p)
	f := {
		"entity": r.id,
		"attribute": "priority",
		"severity": severity(p),
		"message": sprintf("listener rule %s has priority %d, %s", [lib.name(r), p, consequence(p)]),
	}
}

out_of_range(p) if p < 1

out_of_range(p) if p > 100

severity(p) := "warning" if {
	p >= 1
	p <= 2000
} else := "error"

consequence(p) := "outside 1-100, which Terraform, CloudFormation and the console refuse (the API accepts up to 2000)" if {
	p >= 1
	p <= 2000
} else := "outside the 1-2000 the API accepts: creating the rule fails"
