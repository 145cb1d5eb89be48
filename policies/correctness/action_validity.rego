# METADATA
# title: Listener or rule action is invalid or hides its intent
# description: |
#   Errors (the action is refused when created):
#
#   - a fixed response with a status code other than 404 or 500;
#   - a forward to no target group, to more than 10, or to the same target group twice;
#   - a forward weight outside 0-999.
#
#   Warnings:
#
#   - a forward to several target groups where some weight is omitted (the
#     default of 100 applies silently, so the split is not what it reads), or
#     where every weight is 0 (no target group receives traffic);
#   - a listener whose default action is a fixed response and which has no
#     rules: every request gets the same error response.
#
#   The rule stays silent on unknown values: an unknown action type, status
#   code or weight, a forward list the model cannot read, a target group
#   reference it cannot resolve (for the duplicate check), and, for the last
#   warning, a listener used outside the model (escaped) or any rule whose
#   listener is unknown.
# related_resources:
#   - ref: https://docs.aws.amazon.com/vpc-lattice/latest/ug/listener-rules.html
#   - ref: https://docs.aws.amazon.com/vpc-lattice/latest/APIReference/API_FixedResponseAction.html
#   - ref: https://docs.aws.amazon.com/vpc-lattice/latest/APIReference/API_WeightedTargetGroup.html
# schemas:
#   - input: schema.input
# custom:
#   id: LAT-COR-018
#   name: action-validity
#   severity: error
#   missing_relation: true
#   remediation: Use status code 404 or 500 for fixed responses, forward to 1-10 distinct target groups with weights 0-999, and give every target group of a split an explicit weight.
package lattice.rules.action_validity

import data.lattice.lib

finding(site, suffix, severity, msg) := {
	"entity": site.owner.id,
	"attribute": concat("", [site.path, suffix]),
	"severity": severity,
	"message": sprintf("%s: %s", [lib.name(site.owner), msg]),
}

forwarding(site) if lib.is(site.action.type, "forward")

deny contains finding(site, ".status_code", "error", msg) if {
	some site in lib.action_sites
	lib.is(site.action.type, "fixed_response")
	code := site.action.status_code.value
	not code in {404, 500}
	msg := sprintf("the fixed response has status code %d, but only 404 and 500 are supported: creating the action fails", [code])
}

deny contains finding(site, "", "error", "the forward action names no target group: creating the action fails") if {
	some site in lib.action_sites
	forwarding(site)
	lib.empty(site.action, "forward")
}

deny contains finding(site, "", "error", msg) if {
	some site in lib.action_sites
	forwarding(site)
	n := count(lib.items(site.action, "forward"))
	n > 10
	msg := sprintf("the forward action names %d target groups, more than the 10 allowed: creating the action fails", [n])
}

deny contains finding(site, sprintf(".forward[%d].target_group", [j]), "error", msg) if {
	some site in lib.action_sites
	forwarding(site)
	ws := lib.items(site.action, "forward")
	some j, w in ws
	lib.resolved(w.target_group)
	some i, earlier in ws
	i < j
	earlier.target_group.target == w.target_group.target
	msg := sprintf("the forward action names target group %s twice (entries %d and %d): creating the action fails", [lib.name(lib.target(w.target_group)), i, j])
}

deny contains finding(site, sprintf(".forward[%d].weight", [i]), "error", msg) if {
	some site in lib.action_sites
	forwarding(site)
	some i, w in lib.items(site.action, "forward")
	weight := w.weight.value
	not weight_in_range(weight)
	msg := sprintf("forward weight %d is outside 0-999: creating the action fails", [weight])
}

weight_in_range(w) if {
	w >= 0
	w <= 999
}

deny contains finding(site, sprintf(".forward[%d].weight", [i]), "warning", msg) if {
	some site in lib.action_sites
	forwarding(site)
	ws := lib.items(site.action, "forward")
	count(ws) > 1
	some i, w in ws
	lib.default_value(w.weight)
	msg := sprintf("the forward action splits traffic across %d target groups but entry %d has no weight, so the default of 100 applies: give every target group an explicit weight", [count(ws), i])
}

deny contains finding(site, "", "warning", "every forward weight is 0, so no target group receives traffic") if {
	some site in lib.action_sites
	forwarding(site)
	ws := lib.items(site.action, "forward")
	count(ws) > 0
	every w in ws {
		w.weight.value == 0
	}
}

# a rule whose listener the model cannot name may belong to any listener
hidden_rule if lib.unresolved_in("listener_rules", "listener")

deny contains f if {
	some l in input.listeners
	lib.is(l.default_action.type, "fixed_response")
	lib.empty(l, "rules")
	not lib.escaped(l)
	not hidden_rule
	f := {
		"entity": l.id,
		"attribute": "default_action",
		"severity": "warning",
		"message": sprintf(
			"listener %s answers every request with its fixed-response default action and has no rules: nothing is ever forwarded to a target",
			[lib.name(l)],
		),
	}
}
