# METADATA
# title: Hard-coded identifier where a reference or a lookup belongs
# description: |
#   Two kinds of literal identifiers make a stack fragile (info):
#
#   - A literal VPC Lattice id or ARN naming a resource the same unit
#     declares. The literal hides the dependency from Terraform and
#     CloudFormation, which then order creation and deletion without it (a
#     network deleted while a share or association still names it fails with
#     a conflict), and it breaks in any other account or Region. Reference the
#     resource instead (`.arn`, `.id`, `Ref`, `Fn::GetAtt`). The model matches a
#     literal to a declared resource only where it can be sure: a service
#     network's ARN in the account that owns exactly one network (declared
#     services, target groups and listeners get their ids at create time, so
#     no literal names them). A literal naming a resource another unit
#     declares stays silent: units are wired through variables, parameters
#     and outputs on purpose.
#   - In Terraform, a literal prefix-list id (`pl-…`) in an ingress rule of a
#     security group that guards VPC Lattice targets. VPC Lattice's managed
#     prefix list has a different id in every Region; look it up by name
#     (`data "aws_ec2_managed_prefix_list"` with
#     `com.amazonaws.<region>.vpc-lattice`). A variable's default or a map
#     lookup that evaluates to a `pl-…` id is hard-coded too; a variable
#     without a value is not. CloudFormation has no lookup, and the ways it
#     offers (a parameter, a per-Region mapping) evaluate to the same literal
#     in the model as an id written in place, so this part stays silent
#     there rather than flag the recommended mapping.
#
#   Literals of other accounts' resources (a network shared with this account)
#   are how cross-account wiring is written and raise nothing.
#   The native format names entities, not literals, so the rule has no native case.
# related_resources:
#   - ref: https://docs.aws.amazon.com/vpc-lattice/latest/ug/security-groups.html
#   - ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/data-sources/ec2_managed_prefix_list
# schemas:
#   - input: schema.input
# custom:
#   id: LAT-HYG-004
#   name: hardcoded-identifiers
#   severity: info
#   remediation: Reference the declared resource (`.arn`, `.id`, `Ref`, `Fn::GetAtt`) instead of writing its id or ARN, and look VPC Lattice's prefix list up by name with the `aws_ec2_managed_prefix_list` data source.
package lattice.rules.hardcoded_identifiers

import data.lattice.lib
import data.lattice.lib.guarded_targets

# scanned are the collections whose references may name a VPC Lattice
# resource: the Lattice kinds, endpoints and RAM.
scanned := {c |
	some c in lib.collections
	c in {
		"service_networks", "services", "listeners", "listener_rules", "target_groups", "targets",
		"service_network_vpc_associations", "service_network_service_associations",
		"service_network_resource_associations", "vpc_endpoints", "resource_gateways",
		"resource_configurations", "auth_policies", "resource_policies", "access_log_subscriptions",
		"resource_shares", "resource_share_associations",
	}
}

# literal_refs lists the literal references of an entity that point into the
# model: [attribute path, reference]. This looks at every attribute of every
# Lattice entity, so `ref.target`, written out rather than in a function
# call, first drops the plain values (most attributes) at a third of the
# cost; an entity's range is a position, never references.
literal_refs(e) := array.concat(
	[[field, ref] |
		some field, ref in e
		ref.target
		in_model_literal(ref)
	],
	array.concat(
		[[sprintf("%s[%d]", [field, i]), ref] |
			some field, list in e
			is_array(list.items) # a RefList
			some i, ref in list.items
			ref.target
			in_model_literal(ref)
		],
		[[sprintf("%s[%d]", [field, i]), ref] |
			some field, list in e
			field != "range"
			is_array(list)
			some i, ref in list
			ref.target
			in_model_literal(ref)
		],
	),
)

in_model_literal(ref) if {
	lib.in_model(ref)
	literal(ref)
}

# ref_items are the references of a list attribute: a RefList's items or a
# plain array of references.
ref_items(list) := list.items if {
	is_object(list)
	is_array(list.items)
} else := list if {
	is_array(list)
} else := []

# literal is a reference written as a string: a value and no attribute read.
literal(ref) if {
	is_string(ref.value)
	object.get(ref, "attribute", "") == ""
}

deny contains f if {
	some coll in scanned
	some e in input[coll]
	e.format != "native" # names entities, not identifiers
	some [path, ref] in literal_refs(e)
	not folded(coll, ref)
	end := lib.target(ref)
	end.source == e.source
	f := {
		"entity": e.id,
		"attribute": path,
		"severity": "info",
		"related": [{"entity": end.id, "message": "declared here"}],
		"message": sprintf(
			"%s %s writes %q, the identifier of %s %s that the same unit declares: reference it, so that the dependency is known and the code works in any account and Region",
			[data.lattice.labels[e.kind], lib.name(e), ref.value, data.lattice.labels[end.kind], lib.name(end)],
		),
	}
}

deny contains f if {
	sg := guarded_sgs[_]
	sg.format == "terraform"
	some i, r in sg.ingress
	some j, ref in ref_items(r.prefix_lists)
	literal(ref)
	startswith(ref.value, "pl-")
	not lib.in_model(ref)
	f := {
		"entity": sg.id,
		"attribute": sprintf("ingress[%d].prefix_lists[%d]", [i, j]),
		"severity": "info",
		"message": sprintf(
			"security group %s, which guards VPC Lattice targets, admits the hard-coded prefix list %s: VPC Lattice's prefix list has another id in every Region; look it up by name (data aws_ec2_managed_prefix_list, com.amazonaws.<region>.vpc-lattice)",
			[lib.name(sg), ref.value],
		),
	}
}

# folded is a share's resource that a Terraform share association adds
# (Link folds it into the share): it is reported once, on the association.
folded("resource_shares", ref) if {
	some a in input.resource_share_associations
	a.resource.range == ref.range
}

# guarded_sgs are the security groups that guard VPC Lattice targets, by id
# (a comprehension: a rule with a variable key costs OPA time quadratic in
# its keys).
guarded_sgs := {sg.id: sg |
	some [_, _, _, sgs] in guarded_targets
	some sg in sgs
}
