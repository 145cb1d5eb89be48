# METADATA
# title: Target group is used by more than one service
# description: |
#   A target group belongs to the service whose listener first forwards to it:
#   several listeners and rules of the same service may share it, but a
#   listener or rule of a second service cannot. Creating the second forward
#   fails, so the second service never receives its listener or rule.
#
#   Forwards are compared after identifier normalisation (a target group named
#   by id in one place and by ARN in another is the same group). Listeners and
#   rules whose existence is conditional, or whose service the model cannot
#   resolve, are not counted.
# related_resources:
#   - ref: https://docs.aws.amazon.com/vpc-lattice/latest/ug/target-groups.html
#   - ref: https://docs.aws.amazon.com/vpc-lattice/latest/ug/listeners.html
#   - ref: https://docs.aws.amazon.com/vpc-lattice/latest/APIReference/API_CreateTargetGroup.html
# schemas:
#   - input: schema.input
# custom:
#   id: LAT-COR-006
#   name: target-group-multiple-services
#   severity: error
#   remediation: Give each service its own target group (a copy with the same targets), or route both through one service.
package lattice.rules.target_group_multiple_services

import data.lattice.lib

# users[tg][svc] holds the positions of the listeners and rules of svc that forward to tg.
users := {tg: {svc: positions_of[[tg, svc]] | some svc in svcs} | some tg, svcs in services_of}

# forwards lists [target group, service, position] for every forward of a
# listener or rule of a service.
forwards := [[tg.id, svc.id, lib.position(site.owner)] |
	some site in lib.action_sites
	not lib.conditional(site.owner)
	svc := lib.service_of(site.owner)
	some [_, tg] in lib.forward_targets(site.action)
]

# services_of[tg] holds the services forwarding to tg, positions_of[[tg, svc]]
# the positions of their forwards. The inner sets are indexed comprehensions
# (OPA's comprehension index): a partial rule with variable keys compares each
# new key with every earlier one, quadratic in the number of forwards.
services_of := {tg: svcs |
	some tg in {f[0] | some f in forwards}
	svcs := {f[1] | some f in forwards; f[0] == tg}
}

positions_of := {key: ps |
	some key in {[f[0], f[1]] | some f in forwards}
	ps := {f[2] | some f in forwards; [f[0], f[1]] == key}
}

deny contains f if {
	some tg_id, by_service in users
	count(by_service) > 1
	tg := input.target_groups[tg_id]

	# the service whose forward comes first in source order keeps the group
	firsts := sort([[min(ps), svc] | some svc, ps in by_service])
	owner := input.services[firsts[0][1]]
	others := [input.services[s[1]] | some s in array.slice(firsts, 1, count(firsts))]
	f := {
		"entity": tg.id,
		"message": sprintf(
			"target group %s is forwarded to by listeners of %d services (%s), but a target group can serve only one service: the forward from %s fails to create",
			[lib.name(tg), count(by_service), concat(", ", [lib.name(s) | some s in array.concat([owner], others)]), concat(", ", [lib.name(s) | some s in others])],
		),
		"related": [{"entity": s.id, "message": "service that also forwards to the target group"} | some s in array.concat([owner], others)],
	}
}
