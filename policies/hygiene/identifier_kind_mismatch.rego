# METADATA
# title: Identifier of the wrong kind or form
# description: |
#   Each VPC Lattice argument that names another resource takes identifiers
#   of given kinds, and the API model's pattern says in which form: a
#   resource policy's `resource_arn` (`ResourceArn`) takes an ARN only, a
#   `vpc_identifier` (`VpcIdentifier`) a VPC id only, most others an id or an
#   ARN. An argument given an id where only an ARN is taken, an ARN where only
#   an id is taken, or a resource of another kind (a service's id as
#   `vpc_identifier`, as an early provider example did) fails at deploy time
#   (error). The forms come from the API model (`data.lattice.identifiers`).
#
#   Info: in Terraform, one argument of one resource type naming the same
#   target by its id in one resource and by its ARN in another of the same
#   root (the provider may store one form, and a resource given the other
#   then shows a perpetual diff or "produced an unexpected new value",
#   hashicorp/terraform-provider-aws#44546; CloudFormation keeps no such
#   state); and a literal ARN whose Region or partition is not the
#   resource's.
#
#   Misspelt argument names (Terraform's `vpc_identifier` on a resource
#   gateway, which takes `vpc_id`; CloudFormation's
#   `ResourceConfigurationIdentifier` on a resource association, which takes
#   `ResourceConfigurationId`) are input errors with a did-you-mean (exit 2),
#   reported before any rule runs, so this rule does not repeat them.
#
#   It reads how the code names the target: a reference to another
#   resource's identity attribute (`.id`, `.arn`, `Ref`, `Fn::GetAtt …Arn`)
#   or a literal. A value read from a variable without a value, or from an
#   attribute that holds some other resource's identifier (a subnet's
#   `vpc_id`), raises nothing. The native format names entities, not
#   attributes, so the rule has no native case.
# related_resources:
#   - ref: https://docs.aws.amazon.com/vpc-lattice/latest/APIReference/API_PutResourcePolicy.html
#   - ref: https://docs.aws.amazon.com/vpc-lattice/latest/APIReference/API_CreateServiceNetworkVpcAssociation.html
#   - ref: https://github.com/hashicorp/terraform-provider-aws/issues/44546
# schemas:
#   - input: schema.input
# custom:
#   id: LAT-HYG-003
#   name: identifier-kind-mismatch
#   severity: error
#   remediation: Pass the identifier the argument takes — the ARN (`.arn`, `Ref` on a VPC Lattice resource, `Fn::GetAtt …Arn`) where only an ARN is taken, the id (`.id`, `Ref` on a VPC) where only an id is — of a resource of the kind it names, and name one target the same way throughout a unit.
package lattice.rules.identifier_kind_mismatch

import data.lattice.lib

# identity_attributes are the attributes that are the referenced resource's
# own identifier ("" for a literal). Any other attribute (a subnet's vpc_id)
# holds some other resource's identifier, which the model does not follow.
identity_attributes := {"", "id", "arn", "Id", "Arn", "Ref"}

label(kind) := data.lattice.labels[kind]

# arg is the argument's name as the code writes it.
arg(e, spec) := spec.args.awscc if {
	startswith(e.type, "awscc_")
} else := spec.args[e.format] if {
	spec.args[e.format] != ""
} else := spec.args.terraform

form_label := {"id": "id", "arn": "ARN"}

# naming lists each reference to a resource's own identifier, in a known form:
# [collection, entity, field, spec, reference].
naming contains [coll, e, field, spec, ref] if {
	some coll, fields in data.lattice.identifiers
	some e in input[coll]
	e.format != "native" # names entities, not identifiers
	some field, spec in fields
	ref := e[field]
	lib.resolved(ref)
	object.get(ref, "attribute", "") in identity_attributes
	ref.form in {"id", "arn"}
}

# --- errors ------------------------------------------------------------------------

deny contains f if {
	some [_, e, field, spec, ref] in naming
	accepts := spec.forms[ref.kind]
	accepts[ref.form] == false
	other := {"id": "arn", "arn": "id"}[ref.form]
	accepts[other] == true
	f := {
		"entity": e.id,
		"attribute": field,
		"message": sprintf(
			"%s %s gives %s the %s of %s %s, and the API takes only an %s there: the call fails at deploy time",
			[label(e.kind), lib.name(e), arg(e, spec), form_label[ref.form], label(ref.kind), lib.name(lib.target(ref)), form_label[other]],
		),
	}
}

deny contains f if {
	some [_, e, field, spec, ref] in naming
	spec.kind != ""
	ref.kind != spec.kind
	f := {
		"entity": e.id,
		"attribute": field,
		"message": sprintf(
			"%s %s gives %s the %s of %s %s, which is not a %s: the call fails at deploy time",
			[label(e.kind), lib.name(e), arg(e, spec), form_label[ref.form], label(ref.kind), lib.name(lib.target(ref)), label(spec.kind)],
		),
	}
}

# --- info --------------------------------------------------------------------------

# Mixed forms, in Terraform: the first entity (by id) naming a target through
# an argument sets the form; entities of the same root naming it the other way
# are reported. Forms the API refuses are errors above and left out here.
accepted contains [coll, e, field, spec, ref] if {
	some [coll, e, field, spec, ref] in naming
	e.format == "terraform"
	spec.forms[ref.kind][ref.form] == true
}

# namings lists, per accepted reference, its argument, target and unit, and
# the [entity id, form] pair.
namings := [[[coll, field, ref.target, e.source], [e.id, ref.form]] |
	some [coll, e, field, _, ref] in accepted
]

# namers groups the pairs by argument, target and unit, once, through OPA's
# comprehension index (a rule with a variable key, namers[key] contains
# pair, costs OPA time quadratic in its keys).
namers := {key: pairs |
	some key in {k | some [k, _] in namings}
	pairs := {p | some [k, p] in namings; k == key}
}

# first_namer is the first entity (by id) of each group with both forms.
first_namer := {key: sort(pairs)[0] |
	some key, pairs in namers
	count({form | some [_, form] in pairs}) > 1
}

deny contains f if {
	# The whole object, built once: a lookup with the key bound would
	# evaluate the rules above again for every reference.
	firsts := first_namer
	some [coll, e, field, spec, ref] in accepted
	[first_id, first_form] := firsts[[coll, field, ref.target, e.source]]
	ref.form != first_form
	f := {
		"entity": e.id,
		"attribute": field,
		"severity": "info",
		"related": [{"entity": first_id, "message": sprintf("names it by its %s", [form_label[first_form]])}],
		"message": sprintf(
			"%s %s names %s %s in %s by its %s, where %s names it by its %s: the provider may store one form, and a resource given the other then shows a perpetual diff or \"produced an unexpected new value\" (hashicorp/terraform-provider-aws#44546); use one form",
			[label(e.kind), lib.name(e), label(ref.kind), lib.name(lib.target(ref)), arg(e, spec), form_label[ref.form], lib.name(lib.entity(first_id)), form_label[first_form]],
		),
	}
}

# partition is the partition of a Region.
partition(region) := "aws-cn" if {
	startswith(region, "cn-")
} else := "aws-us-gov" if {
	startswith(region, "us-gov-")
} else := "aws"

# what_differs says how a literal ARN's Region and partition differ from the
# resource's Region.
what_differs(parts, region) := [d |
	some d in array.concat(
		[sprintf("Region %s", [parts[3]]) | parts[3] != ""; parts[3] != region],
		[sprintf("partition %s", [parts[1]]) | parts[1] != partition(region)],
	)
]

deny contains f if {
	some [_, e, field, spec, ref] in naming
	parts := split(ref.value, ":")
	count(parts) >= 6
	parts[0] == "arn"
	region := e.region.value
	diffs := what_differs(parts, region)
	count(diffs) > 0
	f := {
		"entity": e.id,
		"attribute": field,
		"severity": "info",
		"message": sprintf(
			"%s %s in %s gives %s an ARN of %s: VPC Lattice resources and their references live in one Region and partition; check the ARN",
			[label(e.kind), lib.name(e), region, arg(e, spec), concat(" and ", diffs)],
		),
	}
}
