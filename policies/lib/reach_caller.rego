# The caller's request in the reachability answer (reach.rego): with
# --principal the auth hops evaluate each auth policy for that caller
# (authz_decision); with --method, --path or --header the listener hop takes
# the rule the request matches (rule_match) instead of trying every route.
package lattice.lib

# caller_given reports whether the request names its caller (null: anonymous).
caller_given(request) if {
	is_object(request)
	"principal" in object.keys(request)
}

# described reports whether the request says anything about its HTTP part.
described(request) if {
	is_object(request)
	some k in ["method", "path", "headers"]
	not is_null(object.get(request, k, null))
}

# path_request completes a request with what one path tells: the client
# VPC, the network and service ARNs when the model knows them, the port.
path_request(request, a, sn, svc, port) := object.union(
	{
		"source_vpc": vpc_identifier(a), "service_network_arn": known_arn(sn), "service_arn": known_arn(svc),
		"target_arn": null, "port": port,
	},
	request,
) if is_object(request)

path_request(null, _, _, _, _) := null

vpc_identifier(a) := v.identifier.value if {
	v := client_vpc_of(a)
	known(v.identifier)
} else := null

# known_arn is an entity's ARN when the code names it literally (an
# external service network or service); null for what the code creates.
known_arn(e) := e.identifier.value if {
	startswith(e.identifier.value, "arn:")
} else := null

auth_statuses := {"allow": "ok", "deny": "blocked", "implicit_deny": "blocked", "unknown": "unknown"}

# caller_auth_hop is the auth hop of a policy for the request's caller.
caller_auth_hop(e, p, request) := hop("auth", p, auth_statuses[d.decision], sprintf("%s (auth policy of %s)", [d.why, name(e)])) if {
	d := authz_decision(p.policy.value, request)
}

# matched_route is the one route a described request takes through a listener.
matched_route(_, m) := {"owner": r, "action": r.action, "what": m.why} if {
	m.matched == "rule"
	r := input.listener_rules[m.rule]
}

matched_route(l, m) := {"owner": l, "action": l.default_action, "what": m.why} if m.matched == "default"

matched_route(_, m) := {"owner": input.listener_rules[m.rule], "action": null, "what": m.why, "unknown": true} if {
	m.matched == "unknown"
}

# A route the request may or may not take is an unknown hop.
route_hops(rt) := [[hop("rule / forward", rt.owner, "unknown", rt.what), null]] if rt.unknown
