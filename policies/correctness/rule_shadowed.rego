# METADATA
# title: Listener rule can never match
# description: |
#   VPC Lattice evaluates the rules of a listener by priority, lowest number
#   first, and the first rule that matches a request wins. A rule whose match
#   is contained in the match of a rule with a lower priority number never
#   sees a request: every request it would take has already been taken.
#
#   The rule reports (warning, a heuristic over the match conditions):
#
#   - a rule whose method, path and header conditions are all implied by those
#     of an earlier rule on the same listener: an earlier `prefix: "/"` with no
#     method or header condition, an identical match, an earlier path prefix
#     that the later path extends, or an earlier header condition the later
#     one narrows;
#   - the last rule of a listener whose action is the listener's default
#     action (the same fixed response, or a forward to the same target groups
#     with the same weights): removing it changes nothing.
#
#   Case matters: an earlier case-sensitive path or header condition does not
#   contain a later one that may be case-insensitive, and an omitted
#   case_sensitive is compared only with another omitted one. Header names
#   compare case-insensitively, as VPC Lattice does.
#
#   Rules whose existence is conditional (as the earlier rule), whose priority,
#   listener or deciding match values are unknown, or that share a priority
#   (LAT-COR-016) are not compared. A rule is reported as the listener's last
#   only when every rule the model holds for that listener has a known
#   priority and no rule anywhere has a listener the model cannot resolve.
# related_resources:
#   - ref: https://docs.aws.amazon.com/vpc-lattice/latest/ug/listener-rules.html
#   - ref: https://docs.aws.amazon.com/vpc-lattice/latest/APIReference/API_HttpMatch.html
# schemas:
#   - input: schema.input
# custom:
#   id: LAT-COR-017
#   name: rule-shadowed
#   severity: warning
#   remediation: Give the narrower rule a lower priority number than the broader one, narrow the earlier match, or delete the rule that can never match.
package lattice.rules.rule_shadowed

import data.lattice.lib

# rules[listener] holds the rules that certainly exist with a known priority.
# Grouped by an object comprehension whose inner set OPA indexes by listener:
# a partial rule (rules[l] contains r) compares each new key with every
# earlier one, quadratic in the number of rules (a third of the evaluation at
# 100,000 resources).
rules := {l: rs |
	some l in {r.listener.target | some r in certain_rules}
	rs := {r | some r in certain_rules; r.listener.target == l}
}

certain_rules := [r |
	some r in input.listener_rules
	not lib.conditional(r)
	lib.resolved(r.listener)
	lib.known(r.priority)
]

# --- match containment: covers(a, b) when every request b matches, a matches ---

covers(a, b) if {
	method_covers(a.method, b.method)
	path_covers(a, b)
	every h in lib.items(a, "headers") {
		some g in lib.items(b, "headers")
		header_covers(h, g)
	}
}

method_covers(a, _) if lib.absent(a)

method_covers(a, b) if {
	lib.known(b)
	a.value == b.value
}

path_covers(a, _) if {
	lib.absent(a.path)
	lib.absent(a.path_match_type)
}

path_covers(a, b) if {
	a.path_match_type.value == "prefix"
	b.path_match_type.value in {"prefix", "exact"}
	startswith(b.path.value, a.path.value)
	case_covers(a.path_case_sensitive, b.path_case_sensitive)
}

path_covers(a, b) if {
	a.path_match_type.value == "exact"
	b.path_match_type.value == "exact"
	b.path.value == a.path.value
	case_covers(a.path_case_sensitive, b.path_case_sensitive)
}

header_covers(h, g) if {
	lower(h.name.value) == lower(g.name.value)
	value_covers(h.match_type.value, h.value.value, g.match_type.value, g.value.value)
	case_covers(h.case_sensitive, g.case_sensitive)
}

value_covers("exact", v, "exact", v)

value_covers("prefix", p, t, v) if {
	t in {"exact", "prefix"}
	startswith(v, p)
}

value_covers("contains", c, t, v) if {
	t in {"exact", "prefix", "contains"}
	contains(v, c)
}

# case_covers: an earlier condition contains a later one only if the later one
# is at least as strict about case (an omitted setting equals only itself).
case_covers(a, _) if lib.is(a, false)

case_covers(_, b) if lib.is(b, true)

case_covers(a, b) if {
	lib.absent(a)
	lib.absent(b)
}

case_covers(a, b) if {
	lib.known(a)
	lib.known(b)
	a.value == b.value
}

# shadowing lists [b's id, [priority, position, id] of a] for each rule a
# earlier than a rule b of the same listener whose match contains b's.
shadowing := [[b.id, [a.priority.value, lib.position(a), a.id]] |
	some _, rs in rules
	some a in rs
	some b in rs
	a.priority.value < b.priority.value
	covers(a.match, b.match)
]

# shadows holds, per rule id, the earlier rules that contain it, grouped once
# through OPA's comprehension index: a rule with a variable key
# (shadows[id] contains …) costs OPA time quadratic in its keys, and
# `not shadows[r.id]` below would evaluate it again for every rule.
shadows := {id: by |
	some id in {i | some [i, _] in shadowing}
	by := {s | some [i, s] in shadowing; i == id}
}

deny contains f if {
	some id, by in shadows
	b := input.listener_rules[id]
	first := sort(by)[0]
	a := input.listener_rules[first[2]]
	f := {
		"entity": b.id,
		"attribute": "match",
		"message": sprintf(
			"listener rule %s (priority %d) can never match: every request it matches is matched first by %s (priority %d), and the first matching rule wins",
			[lib.name(b), b.priority.value, lib.name(a), a.priority.value],
		),
		"related": [{"entity": a.id, "message": "earlier rule whose match contains it"}],
	}
}

# --- a last rule that repeats the default action ----------------------------------

# hidden_rule: some rule may belong to a listener the model cannot name.
hidden_rule if lib.unresolved_in("listener_rules", "listener")

same_action(a, b) if {
	a.type.value == "fixed_response"
	b.type.value == "fixed_response"
	a.status_code.value == b.status_code.value
}

same_action(a, b) if {
	a.type.value == "forward"
	b.type.value == "forward"
	forwards(a) == forwards(b)
	count(forwards(a)) == count(lib.items(a, "forward"))
	count(forwards(b)) == count(lib.items(b, "forward"))
	count(forwards(a)) > 0
}

# forwards is the set of [target group, weight] of a forward action, each known.
forwards(a) := {[w.target_group.target, w.weight.value] |
	some w in lib.items(a, "forward")
	lib.resolved(w.target_group)
	lib.known(w.weight)
}

last(r) if {
	every id in rules_by_listener[r.listener.target] {
		not later_on_same_listener(input.listener_rules[id], r)
	}
}

# rules_by_listener holds the ids of each listener's rules, gathered once per
# run (comparing every rule with every other was quadratic: 1.4 million
# evaluations at 10,000 resources), by an indexed comprehension as rules is.
rules_by_listener := {l: ids |
	some l in {r.listener.target | some r in input.listener_rules}
	ids := {r.id | some r in input.listener_rules; r.listener.target == l}
}

later_on_same_listener(other, r) if {
	other.id != r.id
	other.listener.target == r.listener.target
	not lib.known(other.priority)
}

later_on_same_listener(other, r) if {
	other.id != r.id
	other.listener.target == r.listener.target
	other.priority.value >= r.priority.value
}

deny contains f if {
	not hidden_rule
	some r in input.listener_rules
	not lib.conditional(r)
	lib.in_model(r.listener)
	l := lib.target(r.listener)
	l.kind == "listener"
	not lib.unread(l)
	lib.known(r.priority)
	last(r)
	same_action(r.action, l.default_action)
	not shadows[r.id]
	f := {
		"entity": r.id,
		"attribute": "action",
		"message": sprintf(
			"listener rule %s is the last rule of %s and does what the listener's default action does: requests it matches would get the same answer without it",
			[lib.name(r), lib.name(l)],
		),
		"related": [{"entity": l.id, "message": "listener whose default action it repeats"}],
	}
}
