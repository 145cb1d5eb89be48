# METADATA
# title: Lambda target without a permission for VPC Lattice to invoke it
# description: |
#   VPC Lattice invokes a Lambda target as the service principal
#   vpc-lattice.amazonaws.com. The console and CLI add that resource-based
#   permission when they register the function; infrastructure code must
#   declare it (aws_lambda_permission, AWS::Lambda::Permission) with action
#   lambda:InvokeFunction, principal vpc-lattice.amazonaws.com and,
#   preferably, the target group's ARN as source ARN. Without it every
#   request to the target group fails.
#
#   A permission counts when it names the function, its action is
#   lambda:InvokeFunction (or a wildcard) and its principal is VPC Lattice,
#   and its source ARN is absent, unknown or the target group; an unknown
#   action or principal counts too. The rule stays silent when the function
#   is not declared in the model (its permissions live elsewhere), when it is
#   used outside the model (escaped), and when any permission in the model
#   names a function the model cannot resolve.
# related_resources:
#   - ref: https://docs.aws.amazon.com/vpc-lattice/latest/ug/lambda-functions.html
#   - ref: https://docs.aws.amazon.com/lambda/latest/dg/access-control-resource-based.html
# schemas:
#   - input: schema.input
# custom:
#   id: LAT-COR-012
#   name: lambda-invoke-permission-missing
#   severity: warning
#   missing_relation: true
#   remediation: Add a Lambda permission for the function with action lambda:InvokeFunction, principal vpc-lattice.amazonaws.com and the target group's ARN as source ARN.
package lattice.rules.lambda_invoke_permission_missing

import data.lattice.lib

# a permission whose function the model cannot name may be for any function
hidden_permission if lib.unresolved_in("lambda_permissions", "function")

may_invoke(p, _) if {
	admits_action(p.action)
	admits_principal(p.principal)
	not lib.present(p.source_arn)
}

may_invoke(p, _) if {
	admits_action(p.action)
	admits_principal(p.principal)
	lib.unresolved(p.source_arn)
}

may_invoke(p, tg) if {
	admits_action(p.action)
	admits_principal(p.principal)
	p.source_arn.target == tg.id
}

admits_action(a) if not lib.known(a)

admits_action(a) if lower(a.value) in {"lambda:invokefunction", "lambda:*", "*"}

admits_principal(pr) if not lib.known(pr)

admits_principal(pr) if pr.value == "vpc-lattice.amazonaws.com"

deny contains f if {
	not hidden_permission
	some tg in input.target_groups
	lib.is(tg.type, "LAMBDA")
	some id in lib.items(tg, "targets")
	t := input.targets[id]
	lib.in_model(t.target)
	fn := lib.target(t.target)
	fn.kind == "lambda_function"
	not lib.escaped(fn)
	not any_permission(fn, tg)
	f := {
		"entity": t.id,
		"attribute": "target",
		"message": sprintf(
			"Lambda function %s is a target of %s but no Lambda permission lets vpc-lattice.amazonaws.com invoke it (lambda:InvokeFunction): every request to the target group fails",
			[lib.name(fn), lib.name(tg)],
		),
		"related": [{"entity": fn.id, "message": "the Lambda function"}],
	}
}

any_permission(fn, tg) if {
	some pid in lib.items(fn, "permissions")
	may_invoke(input.lambda_permissions[pid], tg)
}
