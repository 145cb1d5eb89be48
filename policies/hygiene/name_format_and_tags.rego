# METADATA
# title: Name or tags that VPC Lattice rejects
# description: |
#   VPC Lattice checks a resource's name when it creates it. The API model
#   gives each kind a length range and a pattern: lowercase letters, digits
#   and hyphens, no leading, trailing or double hyphen, and not the prefix AWS
#   keeps for the kind's ids (`svc-`, `listener-`, `rule-`, `tg-`, `rgw-`,
#   `rcfg-`; the API model reserves none for service networks). A name outside
#   them fails to create (error). The lengths and patterns are read from the
#   API model (`data.lattice.names`), not restated here.
#
#   Names must also be unique: service networks, services, target groups,
#   resource gateways and resource configurations per account and Region,
#   listeners per service, rules per listener. A second one with the same name
#   fails to create (error), reported only when both surely exist and their
#   account and Region, or their parent, are known to be the same.
#
#   Tags (info): more than 50 on a resource (the limit the user guide and
#   CloudFormation set), or a key starting with `aws:`, which AWS reserves;
#   and a key the configuration's `required_tags` lists (none by default)
#   that a resource surely lacks. Surely: its tags, and its provider's
#   `default_tags`, are known. CloudFormation resources are never reported for
#   a missing key, since stack tags given at deploy time reach them too.
#
#   A name built from a variable, a resource attribute or anything else static
#   code cannot evaluate raises nothing; neither does a name the code omits
#   (CloudFormation then generates one).
# related_resources:
#   - ref: https://docs.aws.amazon.com/vpc-lattice/latest/APIReference/API_CreateService.html
#   - ref: https://docs.aws.amazon.com/vpc-lattice/latest/ug/services.html
#   - ref: https://docs.aws.amazon.com/vpc-lattice/latest/ug/tagging.html
# schemas:
#   - input: schema.input
# custom:
#   id: LAT-HYG-001
#   name: name-format-and-tags
#   severity: error
#   remediation: Use 3 up to the kind's maximum lowercase letters, digits and single inner hyphens, without the kind's reserved id prefix, and a name no other resource of the same scope uses.
package lattice.rules.name_format_and_tags

import data.lattice.lib

# max_tags is the number of tags a VPC Lattice resource may carry (user guide,
# CloudFormation maxItems; the API's TagMap alone would allow 200).
max_tags := 50

label(e) := data.lattice.labels[e.kind]

# problems lists what is wrong with a known name n under the API's name rule r.
problems(n, r) := {p |
	some p in array.concat(
		array.concat(
			[sprintf("it may hold %s", [r.allows]) | not regex.match(r.pattern, n)],
			[sprintf("it must not %s", [f.says]) | some f in r.forbidden; regex.match(f.pattern, n)],
		),
		array.concat(
			[sprintf("it must not start with %q, which AWS reserves for ids", [r.reserved]) |
				r.reserved != ""
				startswith(n, r.reserved)
			],
			[sprintf("it has %d characters, and the API takes %d to %d", [count(n), r.min, r.max]) |
				not between(count(n), r.min, r.max)
			],
		),
	)
}

between(x, lo, hi) if {
	x >= lo
	x <= hi
}

deny contains f if {
	some coll, r in data.lattice.names
	some e in input[coll]
	n := e.name.value
	ps := problems(n, r)
	count(ps) > 0
	f := {
		"entity": e.id,
		"attribute": "name",
		"message": sprintf(
			"%s %s has the name %q, which VPC Lattice rejects at creation: %s",
			[label(e), lib.name(e), n, concat("; ", sort(ps))],
		),
	}
}

# --- uniqueness ------------------------------------------------------------------

# scope is where a name must be unique, when it is known: the account and
# Region for top-level kinds, the parent for listeners and rules.
scope(coll, e) := ["account", lib.account(e), e.region.value] if {
	not coll in {"listeners", "listener_rules"}
}

scope("listeners", e) := ["service", e.service.target] if lib.in_model(e.service)

scope("listener_rules", e) := ["listener", e.listener.target] if lib.in_model(e.listener)

# named_entities lists [collection, scope, known name] and id of each entity that
# surely exists.
named_entities := [[[coll, scope(coll, e), e.name.value], e.id] |
	some coll, _ in data.lattice.names
	some e in input[coll]
	not lib.conditional(e)
]

# named groups them by collection, scope and name, through OPA's
# comprehension index: a rule with a variable key (named[key] contains id)
# costs OPA time quadratic in its keys, 1 s for 5,000.
named := {key: ids |
	some key in {k | some [k, _] in named_entities}
	ids := {id | some [k, id] in named_entities; k == key}
}

# first_named is the first entity (by id) of each group sharing a name.
first_named := {key: sort(ids)[0] |
	some key, ids in named
	count(ids) > 1
}

deny contains f if {
	groups := named # the whole object, built once (see first_named)
	some [coll, s, n], first in first_named
	some id in groups[[coll, s, n]]
	id != first
	e := input[coll][id]
	f := {
		"entity": id,
		"attribute": "name",
		"related": [{"entity": first, "message": "uses the same name"}],
		"message": sprintf(
			"%s %s has the name %q, which %s %s in the same %s already uses: the second one fails to create",
			[label(e), lib.name(e), n, label(e), lib.name(input[coll][first]), scope_label(s[0])],
		),
	}
}

scope_label("account") := "account and Region"

scope_label(parent) := parent if parent != "account"

# --- tags ---------------------------------------------------------------------------

# tagged are the Lattice collections whose resources take tags.
tagged := {c | some c, _ in data.lattice.names} | {
	"service_network_vpc_associations", "service_network_service_associations",
	"service_network_resource_associations", "access_log_subscriptions",
}

deny contains f if {
	some coll in tagged
	some e in input[coll]
	n := count(object.keys(object.get(e, "tags", {})))
	n > max_tags
	f := {
		"entity": e.id,
		"severity": "info",
		"message": sprintf("%s %s has %d tags; AWS accepts at most %d per resource", [label(e), lib.name(e), n, max_tags]),
	}
}

deny contains f if {
	some coll in tagged
	some e in input[coll]
	some k, _ in object.get(e, "tags", {})
	startswith(lower(k), "aws:")
	f := {
		"entity": e.id,
		"severity": "info",
		"message": sprintf("%s %s has the tag key %q; keys starting with aws: are reserved for AWS and refused", [label(e), lib.name(e), k]),
	}
}

# --- tags the organisation requires -------------------------------------------------

deny contains f if {
	count(data.lattice.required_tags) > 0
	some coll in tagged
	some e in input[coll]
	tags_known(e)
	tags := object.get(e, "tags", {})
	missing := sort([k | some k in data.lattice.required_tags; not k in object.keys(tags)])
	count(missing) > 0
	f := {
		"entity": e.id,
		"severity": "info",
		"message": sprintf("%s %s lacks the %s your configuration requires (required_tags): %s", [
			label(e), lib.name(e), plural(count(missing), "tag"), concat(", ", missing),
		]),
	}
}

# tags_known holds when every tag a resource gets is in the model: not for
# an unknown tags value or provider default_tags (tags_open), nor for a
# CloudFormation resource, which also gets the stack's tags at deploy time.
tags_known(e) if {
	not e.tags_open
	e.format != "cloudformation"
}

plural(1, word) := word

plural(n, word) := concat("", [word, "s"]) if n != 1
