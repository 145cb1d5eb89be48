# METADATA
# title: Target group or target in another account
# description: |
#   A listener or rule of a service can forward only to a target group of the
#   service's own account, and all parts of a service (listeners, rules,
#   target groups, targets) are created by one account: VPC Lattice rejects a
#   forward to a target group of another account, even one shared through
#   RAM, and a target group cannot register an ALB or an instance another
#   account owns.
#
#   The rule reports (error):
#
#   - a listener default action or rule action forwarding to a target group
#     whose known account (from its ARN, or the account its code deploys to)
#     differs from the known account of the service;
#   - a target whose known account differs from its target group's, for
#     every target kind but Lambda functions: a function in another account
#     or Region is reported by LAT-COR-011.
#
#   Accounts come from ARNs and from the account each root, provider alias or
#   stack deploys to (the configuration's account mapping). Where either
#   account is unknown (a target group named by id, a provider without a
#   known account) the rule stays silent: static code cannot know whose
#   target group an id names.
# related_resources:
#   - ref: https://docs.aws.amazon.com/vpc-lattice/latest/ug/target-groups.html
#   - ref: https://docs.aws.amazon.com/vpc-lattice/latest/ug/sharing.html
#   - ref: https://docs.aws.amazon.com/vpc-lattice/latest/ug/alb-target.html
# schemas:
#   - input: schema.input
# custom:
#   id: LAT-COR-007
#   name: target-group-account-mismatch
#   severity: error
#   remediation: Create the target group (and its targets) in the service's account, or move the service to the account that owns them.
package lattice.rules.target_group_account_mismatch

import data.lattice.lib

# service_account is the known account of the service a listener or rule belongs to.
service_account(owner) := [s, lib.account(s)] if {
	s := lib.service_of(owner)
}

service_account(owner) := [s, lib.account(s)] if {
	not lib.service_of(owner)
	owner.service.external
	s := lib.target(owner.service)
}

deny contains f if {
	some site in lib.action_sites
	[svc, mine] := service_account(site.owner)
	some i, w in lib.items(site.action, "forward")
	lib.resolved(w.target_group)
	tg := lib.target(w.target_group)
	theirs := lib.account(tg)
	mine != theirs
	f := {
		"entity": site.owner.id,
		"attribute": sprintf("%s.forward[%d].target_group", [site.path, i]),
		"message": sprintf(
			"%s %s forwards to target group %s of account %s, but its service %s is in account %s: a service can forward only to target groups of its own account, so creating the forward fails",
			[replace(site.owner.kind, "_", " "), lib.name(site.owner), lib.name(tg), theirs, lib.name(svc), mine],
		),
		"related": [{"entity": svc.id, "message": "the service"}],
	}
}

deny contains f if {
	some t in input.targets
	lib.in_model(t.target_group)
	tg := lib.target(t.target_group)
	lib.resolved(t.target)
	what := lib.target(t.target)
	not lambda(t.target)
	mine := lib.account(tg)
	theirs := lib.account(what)
	mine != theirs
	f := {
		"entity": t.id,
		"attribute": "target",
		"message": sprintf(
			"target %s of target group %s is %s of account %s, but the target group is in account %s: a target group registers only targets of its own account, so registering it fails",
			[lib.name(t), lib.name(tg), lib.name(what), theirs, mine],
		),
		"related": [{"entity": tg.id, "message": "the target group"}],
	}
}

lambda(ref) if ref.kind == "lambda_function"
