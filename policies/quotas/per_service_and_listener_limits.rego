# METADATA
# title: Service, listener or target group over its VPC Lattice quota
# description: |
#   VPC Lattice limits what one service, listener and target group may hold:
#   listeners per service (2), rules per listener (10; 5 in il-central-1),
#   target groups one service's listeners and rules forward to (10; 5 in
#   il-central-1) and targets registered in one target group (1,000). The
#   create or register call beyond the quota fails, so the deployment stops
#   half way.
#
#   All four are adjustable quotas: the finding is a warning, since the
#   account may have an increase. Teams that have one say so in the
#   configuration file (`quotas:` in `.lattice-lint.yaml`, per account or for
#   all), and the rule compares with that value; a hard limit would be an
#   error.
#
#   The rule counts what the code surely creates. Entities whose count or
#   for_each is unknown, or whose CloudFormation condition is undecidable, may
#   not exist and count zero, so the count is a lower bound and the rule fires
#   only when that bound already exceeds the quota. Static code never sees
#   listeners, rules or targets that other stacks, the console or a
#   controller (ECS, the AWS Gateway API controller) add at run time: those
#   only add to the count, so the rule never fires because of them, and it
#   can miss a quota they exhaust.
# related_resources:
#   - ref: https://docs.aws.amazon.com/vpc-lattice/latest/ug/quotas.html
#   - ref: https://docs.aws.amazon.com/general/latest/gr/vpc-lattice-service.html
# schemas:
#   - input: schema.input
# custom:
#   id: LAT-QTA-001
#   name: per-service-and-listener-limits
#   severity: warning
#   remediation: Split the service, listener or target group, or request a quota increase and record it under `quotas:` in .lattice-lint.yaml.
package lattice.rules.per_service_and_listener_limits

import data.lattice.lib

deny contains f if {
	some svc in input.services
	f := over(svc, "listeners-per-service", lib.items(svc, "listeners"), "listeners")
}

deny contains f if {
	some l in input.listeners
	f := over(l, "rules-per-listener", lib.items(l, "rules"), "rules")
}

deny contains f if {
	some svc in input.services
	tgs := [id | some id in target_groups_by_service[svc.id]]
	f := over(svc, "target-groups-per-service", tgs, "target groups behind its listeners and rules")
}

# target_groups_by_service maps each service to the target groups its
# listeners and rules forward to, gathered once per run (scanning every target
# group for each service was quadratic: 700,000 evaluations at 10,000
# resources). The inner set is indexed by service (OPA's comprehension index);
# a partial rule (behind[sid] contains tg.id) would compare each new key with
# every earlier one, quadratic again.
target_groups_by_service := {sid: ids |
	some sid in {s | some tg in input.target_groups; some s in lib.items(tg, "services")}
	ids := {tg.id | some tg in input.target_groups; some s in lib.items(tg, "services"); s == sid}
}

deny contains f if {
	some tg in input.target_groups
	f := over(tg, "targets-per-target-group", lib.items(tg, "targets"), "registered targets")
}

# over is the finding for entity e when the entities ids it holds surely
# number more than quota q allows for its account and Region.
over(e, q, ids, what) := f if {
	n := lib.known_count(ids)
	limit := lib.quota_limit(q, e)
	n > limit
	f := {
		"entity": e.id,
		"severity": lib.quota_severity(q),
		"message": sprintf(
			"%s %s has %s%d %s, over the %s of %d (%s, quota %s): VPC Lattice refuses to create the ones beyond it",
			[kind_label(e), lib.name(e), lib.at_least(ids), n, what, lib.quota_kind(q), limit, lib.quota_title(q), q],
		),
	}
}

kind_label(e) := replace(e.kind, "_", " ")
