# METADATA
# title: Lambda target group with settings or targets it cannot have
# description: |
#   A LAMBDA target group has no port, protocol, protocol version, VPC, IP
#   address type or health check: VPC Lattice invokes the function directly.
#   It holds exactly one target, which is a Lambda function (preferably an
#   alias ARN) in the target group's own account and Region.
#
#   The rule reports (error):
#
#   - any of port, protocol, protocol_version, vpc, ip_address_type or a
#     health check block written on a LAMBDA target group;
#   - more than one target registered (conditional targets are not counted);
#   - a target that is not a Lambda function (another kind of entity in the
#     model, or a literal that is not a Lambda ARN);
#   - a function whose known account or Region differs from the target group's.
#
#   Values the code does not write (AWS defaults) and unknown values are not
#   reported. Gateway API and console registrations happen at run time and
#   are not seen.
# related_resources:
#   - ref: https://docs.aws.amazon.com/vpc-lattice/latest/ug/lambda-functions.html
#   - ref: https://docs.aws.amazon.com/vpc-lattice/latest/APIReference/API_TargetGroupConfig.html
#   - ref: https://docs.aws.amazon.com/vpc-lattice/latest/APIReference/API_RegisterTargets.html
# schemas:
#   - input: schema.input
# custom:
#   id: LAT-COR-011
#   name: lambda-target-group-constraints
#   severity: error
#   remediation: Remove the config settings and health check from the LAMBDA target group and register exactly one Lambda function of the same account and Region.
package lattice.rules.lambda_target_group_constraints

import data.lattice.lib

lambda_groups contains tg if {
	some tg in input.target_groups
	lib.is(tg.type, "LAMBDA")
}

explicit(attr) if {
	lib.known(attr)
	not lib.default_value(attr)
}

deny contains f if {
	some tg in lambda_groups
	some field in ["port", "protocol", "protocol_version", "ip_address_type"]
	explicit(tg[field])
	f := {
		"entity": tg.id,
		"attribute": field,
		"message": sprintf("LAMBDA target group %s sets %s, which a Lambda target group does not support: creating it fails", [lib.name(tg), field]),
	}
}

deny contains f if {
	some tg in lambda_groups
	lib.present(tg.vpc)
	f := {
		"entity": tg.id,
		"attribute": "vpc",
		"message": sprintf("LAMBDA target group %s names a VPC, which a Lambda target group does not support: creating it fails", [lib.name(tg)]),
	}
}

deny contains f if {
	some tg in lambda_groups
	tg.health_check.set == true
	f := {
		"entity": tg.id,
		"attribute": "health_check",
		"message": sprintf("LAMBDA target group %s configures a health check, but VPC Lattice does not health-check Lambda targets: creating it fails", [lib.name(tg)]),
	}
}

certain_targets(tg) := [t |
	some id in lib.items(tg, "targets")
	t := input.targets[id]
	not lib.conditional(t)
]

deny contains f if {
	some tg in lambda_groups
	ts := sort([lib.position(t) | some t in certain_targets(tg)])
	count(ts) > 1
	some i in numbers.range(1, count(ts) - 1)
	t := input.targets[ts[i][3]]
	f := {
		"entity": t.id,
		"message": sprintf("LAMBDA target group %s already has a target, and a Lambda target group holds exactly one function: registering %s fails", [lib.name(tg), lib.name(t)]),
		"related": [{"entity": tg.id, "message": "the LAMBDA target group"}],
	}
}

# what a target is, when it is certainly not a Lambda function
not_lambda(t) := k if {
	lib.in_model(t.target)
	k := t.target.kind
	k != "lambda_function"
}

not_lambda(t) := sprintf("%q", [v]) if {
	not lib.in_model(t.target)
	v := t.target.value
	not regex.match(`^arn:[a-z-]+:lambda:`, v)
}

deny contains f if {
	some tg in lambda_groups
	some id in lib.items(tg, "targets")
	t := input.targets[id]
	what := not_lambda(t)
	f := {
		"entity": t.id,
		"attribute": "target",
		"message": sprintf("target %s of LAMBDA target group %s is %s, not a Lambda function: registering it fails", [lib.name(t), lib.name(tg), what]),
	}
}

deny contains f if {
	some tg in lambda_groups
	some id in lib.items(tg, "targets")
	t := input.targets[id]
	lib.resolved(t.target)
	fn := lib.target(t.target)
	some field in ["account", "region"]
	mine := tg[field].value
	theirs := fn[field].value
	mine != theirs
	f := {
		"entity": t.id,
		"attribute": "target",
		"message": sprintf("Lambda function %s is in %s %s but LAMBDA target group %s is in %s: a Lambda target must be in the target group's account and Region", [lib.name(fn), field, theirs, lib.name(tg), mine]),
		"related": [{"entity": tg.id, "message": "the LAMBDA target group"}],
	}
}
