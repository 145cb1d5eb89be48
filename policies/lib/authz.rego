# Auth policy evaluation, part of the helper library (lattice.rego holds the
# package metadata; auth.rego the statement analysis this file builds on).
#
# authz_decision evaluates one auth policy document for one request the way
# VPC Lattice does (IAM evaluation: an explicit Deny wins, else an Allow, else
# the implicit deny). Logic is three-valued: a fact the request does not give
# (the caller's organization, a header nobody described) makes the answer
# "unknown" and names the key; it is never guessed.
#
# A request is {"principal": ARN, account id or null (anonymous, unsigned),
# "method", "path" (query string included), "headers": {name: value} or null,
# "source_vpc", "service_network_arn", "service_arn", "target_arn"}; optional
# "port" and "source_vpc_owner_account". Any field may be null: unknown.
package lattice.lib

# --- three-valued results -------------------------------------------------------
# A result is {"r": "true"|"false"|"unknown"}, unknown ones with "keys": a list
# of {"key", "why"} naming what the request does not say.

tv_true := {"r": "true"}

tv_false := {"r": "false"}

tv_unknown(key, why) := {"r": "unknown", "keys": [{"key": key, "why": why}]}

tv_bool(true) := tv_true

tv_bool(false) := tv_false

tv_not(t) := tv_false if t.r == "true"

tv_not(t) := tv_true if t.r == "false"

tv_not(t) := t if t.r == "unknown"

# tv_all is the conjunction: false if any is false, else unknown if any is.
tv_all(ts) := tv_false if {
	some t in ts
	t.r == "false"
} else := {"r": "unknown", "keys": unknown_keys(ts)} if {
	some t in ts
	t.r == "unknown"
} else := tv_true

# tv_any is the disjunction: true if any is true, else unknown if any is.
tv_any(ts) := tv_true if {
	some t in ts
	t.r == "true"
} else := {"r": "unknown", "keys": unknown_keys(ts)} if {
	some t in ts
	t.r == "unknown"
} else := tv_false

unknown_keys(ts) := [k | some t in ts; t.r == "unknown"; some k in t.keys]

# --- the caller ----------------------------------------------------------------

# caller describes who makes a request: its aws:PrincipalType, account, the
# aws:PrincipalArn value, and names. A role ARN stands for a session of that
# role. For an assumed-role session ARN the role's path is not in the ARN:
# aws:PrincipalArn is taken as the path-free role ARN (role names are unique
# per account, so principal matching, which compares names, is exact).
caller(request) := {"type": "Anonymous"} if {
	is_null(object.get(request, "principal", null))
} else := {"type": "Account", "account": p, "arn": sprintf("arn:aws:iam::%s:root", [p]), "input": p} if {
	p := request.principal
	is_string(p)
	regex.match(`^[0-9]{12}$`, p)
} else := c if {
	p := request.principal
	is_string(p)
	[_, partition, svc, account, res] := regex.find_all_string_submatch_n(`^arn:([^:]+):(iam|sts)::([0-9]{12}):(.+)$`, p, 1)[0]
	c := object.union(
		{"account": account, "input": p},
		principal_resource(partition, svc, account, res, p),
	)
} else := {"type": "Unparsed", "input": sprintf("%v", [request.principal])}

principal_resource(_, "iam", _, "root", p) := {"type": "Account", "arn": p}

principal_resource(_, "iam", _, res, p) := {"type": "User", "arn": p, "name": last_segment(res)} if startswith(res, "user/")

principal_resource(_, "iam", _, res, p) := {"type": "AssumedRole", "arn": p, "role": last_segment(res)} if startswith(res, "role/")

principal_resource(partition, "sts", account, res, _) := {
	"type": "AssumedRole",
	"arn": sprintf("arn:%s:iam::%s:role/%s", [partition, account, parts[1]]),
	"role": parts[1],
	"session": parts[2],
} if {
	parts := split(res, "/")
	parts[0] == "assumed-role"
	count(parts) == 3
}

principal_resource(_, "sts", _, res, p) := {"type": "FederatedUser", "arn": p, "name": last_segment(res)} if startswith(res, "federated-user/")

last_segment(s) := parts[count(parts) - 1] if parts := split(s, "/")

# describe_caller is how answers name the caller.
describe_caller(c) := "an anonymous (unsigned) caller" if c.type == "Anonymous"

describe_caller(c) := sprintf("caller %s", [c.input]) if c.type != "Anonymous"

# --- principals -----------------------------------------------------------------

# principal_values lists what a Principal (or NotPrincipal) element names, as
# [type, value] pairs; "*" is ["AWS", "*"].
principal_values(p) := [["AWS", "*"]] if p == "*"

principal_values(p) := [["AWS", p]] if {
	is_string(p)
	p != "*"
}

principal_values(p) := [[t, v] | some t, vs in p; some v in as_list(vs)] if is_object(p)

# names_caller reports whether one principal value covers the caller. Only
# "*" covers anonymous callers; an account (id or root ARN) covers every
# principal of that account; a role covers its sessions; other ARNs match
# exactly. Service, federated and canonical-user principals never name an
# IAM principal or anonymous caller.
names_caller(["AWS", "*"], _)

names_caller(["AWS", v], c) if {
	c.type != "Anonymous"
	v == c.account
}

names_caller(["AWS", v], c) if {
	c.type != "Anonymous"
	[_, account] := regex.find_all_string_submatch_n(`^arn:[^:]+:iam::([0-9]{12}):root$`, v, 1)[0]
	account == c.account
}

names_caller(["AWS", v], c) if {
	c.type == "AssumedRole"
	[_, account, name] := regex.find_all_string_submatch_n(`^arn:[^:]+:iam::([0-9]{12}):role/(?:.*/)?([^/]+)$`, v, 1)[0]
	account == c.account
	lower(name) == lower(c.role)
}

names_caller(["AWS", v], c) if {
	c.type != "Anonymous"
	v == c.input
}

# principal_tv says whether a statement's Principal or NotPrincipal covers
# the caller (a statement with neither applies to no one).
principal_tv(st, c) := tv_false if {
	not st.Principal
	not st.NotPrincipal
} else := tv_true if {
	principal_anyone_named(st)
} else := tv_unknown("Principal", sprintf("%s is not an account id or IAM principal ARN", [c.input])) if {
	c.type == "Unparsed"
} else := tv_bool(names(st.Principal, c)) if {
	st.Principal
} else := tv_not(tv_bool(names(st.NotPrincipal, c)))

principal_anyone_named(st) if "*" in [v | some [_, v] in principal_values(st.Principal)]

# names is true when some value of a principal element covers the caller.
names(p, c) if {
	some pv in principal_values(p)
	names_caller(pv, c)
} else := false

# --- request context -------------------------------------------------------------

# context_value is what a request says about a condition key (lower case):
# {"state": "present", "values": [...]}, {"state": "absent"} (the request has
# no such key), or {"state": "unknown", "why": ...}.
context_value(request, key) := v if {
	c := caller(request)
	v := caller_context(c, key)
} else := v if {
	v := request_context(request, key)
} else := {"state": "unknown", "why": "lattice-lint does not know this key's value for the request"}

ctx_present(values) := {"state": "present", "values": values}

key_absent := {"state": "absent"}

# identity keys an anonymous request lacks.
caller_context(c, key) := key_absent if {
	c.type == "Anonymous"
	key != "aws:principaltype"
	key_in(key, identity_key_prefixes)
}

caller_context(c, "aws:principaltype") := ctx_present([c.type]) if c.type != "Unparsed"

caller_context(c, "aws:principalarn") := ctx_present([c.arn]) if c.arn

caller_context(c, "aws:principalaccount") := ctx_present([c.account]) if c.account

caller_context(c, "aws:username") := ctx_present([c.name]) if c.type == "User"

caller_context(c, "aws:username") := key_absent if c.type in {"Account", "AssumedRole", "FederatedUser"}

caller_context(c, "aws:principalisawsservice") := ctx_present(["false"]) if c.type in {"Account", "User", "AssumedRole", "FederatedUser"}

caller_context(c, "aws:principalservicename") := key_absent if c.type in {"Account", "User", "AssumedRole", "FederatedUser"}

caller_context(c, key) := {"state": "unknown", "why": "the caller's organization is not known from its ARN"} if {
	c.type != "Anonymous"
	key in {"aws:principalorgid", "aws:principalorgpaths"}
}

caller_context(c, key) := {"state": "unknown", "why": "the caller's tags are not known from its ARN"} if {
	c.type != "Anonymous"
	startswith(key, "aws:principaltag/")
}

# request_fields maps the condition keys VPC Lattice sets from the request to
# the request field that gives them.
request_fields := {
	"vpc-lattice-svcs:sourcevpc": "source_vpc",
	"vpc-lattice-svcs:sourcevpcowneraccount": "source_vpc_owner_account",
	"vpc-lattice-svcs:servicenetworkarn": "service_network_arn",
	"vpc-lattice-svcs:servicearn": "service_arn",
	"vpc-lattice-svcs:requestmethod": "method",
	"vpc-lattice-svcs:port": "port",
}

request_context(request, key) := ctx_present([sprintf("%v", [v])]) if {
	v := object.get(request, request_fields[key], null)
	not is_null(v)
}

request_context(request, key) := {"state": "unknown", "why": sprintf("the request does not give its %s", [replace(request_fields[key], "_", " ")])} if {
	is_null(object.get(request, request_fields[key], null))
}

# The request path (without its query string); VPC Lattice matches it
# through the Resource element, some policies test it as a key.
request_context(request, "vpc-lattice-svcs:requestpath") := ctx_present([request_path(request)]) if request_path(request)

request_context(request, "vpc-lattice-svcs:requestpath") := {"state": "unknown", "why": "the request does not give its path"} if {
	not request_path(request)
}

# Headers: the request described with headers has exactly those (names are
# case-insensitive); without headers, a header's value is unknown.
request_context(request, key) := v if {
	startswith(key, "vpc-lattice-svcs:requestheader/")
	headers := object.get(request, "headers", null)
	is_object(headers)
	name := trim_prefix(key, "vpc-lattice-svcs:requestheader/")
	values := [sprintf("%v", [x]) | some k, x in headers; lower(k) == name]
	v := present_or_absent(values)
}

request_context(request, key) := {"state": "unknown", "why": "the request does not give its headers"} if {
	startswith(key, "vpc-lattice-svcs:requestheader/")
	not is_object(object.get(request, "headers", null))
}

# Query string parameters come from the path; a path without "?" has none.
request_context(request, key) := present_or_absent(values) if {
	startswith(key, "vpc-lattice-svcs:requestquerystring/")
	p := request.path
	is_string(p)
	name := trim_prefix(key, "vpc-lattice-svcs:requestquerystring/")
	values := [kv[1] |
		some pair in split(query_string(p), "&")
		kv := array.concat(split(pair, "="), [""])
		kv[0] == name
	]
}

request_context(request, key) := {"state": "unknown", "why": "the request does not give its path and query string"} if {
	startswith(key, "vpc-lattice-svcs:requestquerystring/")
	not is_string(object.get(request, "path", null))
}

present_or_absent(values) := ctx_present(values) if count(values) > 0

present_or_absent(values) := key_absent if count(values) == 0

query_string(p) := substring(p, indexof(p, "?") + 1, -1) if contains(p, "?")

query_string(p) := "" if not contains(p, "?")

# request_path is the path of a request without its query string, with a
# leading slash.
request_path(request) := with_slash(split(p, "?")[0]) if {
	p := request.path
	is_string(p)
}

with_slash(p) := p if startswith(p, "/")

with_slash(p) := concat("", ["/", p]) if not startswith(p, "/")

# --- condition operators ---------------------------------------------------------

# operators maps an IAM condition operator (lower case, without set qualifier or
# IfExists) to [how values compare, negated]. Date, IP and binary operators
# compare keys VPC Lattice requests never give lattice-lint: "opaque".
operators := {
	"stringequals": ["string", false],
	"stringnotequals": ["string", true],
	"stringequalsignorecase": ["string_ci", false],
	"stringnotequalsignorecase": ["string_ci", true],
	"stringlike": ["like", false],
	"stringnotlike": ["like", true],
	"arnequals": ["arn", false],
	"arnlike": ["arn", false],
	"arnnotequals": ["arn", true],
	"arnnotlike": ["arn", true],
	"bool": ["bool", false],
	"numericequals": ["num_eq", false],
	"numericnotequals": ["num_eq", true],
	"numericlessthan": ["num_lt", false],
	"numericlessthanequals": ["num_le", false],
	"numericgreaterthan": ["num_gt", false],
	"numericgreaterthanequals": ["num_ge", false],
	"dateequals": ["opaque", false],
	"datenotequals": ["opaque", true],
	"datelessthan": ["opaque", false],
	"datelessthanequals": ["opaque", false],
	"dategreaterthan": ["opaque", false],
	"dategreaterthanequals": ["opaque", false],
	"ipaddress": ["opaque", false],
	"notipaddress": ["opaque", true],
	"binaryequals": ["opaque", false],
}

# parse_operator splits "ForAnyValue:StringLikeIfExists" into its set
# qualifier ("", "foranyvalue", "forallvalues"), base and IfExists flag.
parse_operator(op) := {"qual": qual, "base": base, "if_exists": if_exists} if {
	l := lower(op)
	qual := operator_set(l)
	rest := trim_prefix(l, concat("", [qual, ":"]))
	if_exists := endswith(rest, "ifexists")
	base := trim_suffix(rest, "ifexists")
}

operator_set(l) := s if {
	some s in {"foranyvalue", "forallvalues"}
	startswith(l, concat("", [s, ":"]))
} else := ""

# compare says whether one request value matches one policy value.
compare("string", cv, pv) := cv == pv

compare("string_ci", cv, pv) := lower(cv) == lower(pv)

compare("like", cv, pv) := wildcard_match(pv, cv)

compare("arn", cv, pv) := arn_match(pv, cv)

compare("bool", cv, pv) := lower(cv) == lower(pv)

compare("num_eq", cv, pv) := to_number(cv) == to_number(pv)

compare("num_lt", cv, pv) := to_number(cv) < to_number(pv)

compare("num_le", cv, pv) := to_number(cv) <= to_number(pv)

compare("num_gt", cv, pv) := to_number(cv) > to_number(pv)

compare("num_ge", cv, pv) := to_number(cv) >= to_number(pv)

# matches reports whether a request value matches some policy value (an
# unparsable number matches nothing, as in IAM).
matches(family, cv, pvs) if {
	some pv in pvs
	compare(family, cv, pv) == true
}

# wildcard_match is IAM's string wildcard matching: * any run of characters,
# ? one character, everything else literal and case-sensitive.
wildcard_match(pattern, s) if regex.match(wildcard_regex(pattern), s)

wildcard_regex(pattern) := concat("", ["^", replace(replace(regex.replace(pattern, `[\\.+^$(){}|\[\]*?]`, `\${0}`), `\*`, ".*"), `\?`, "."), "$"])

# arn_match compares ARNs component by component (partition, service, region,
# account, resource), each with wildcards; "*" matches every ARN.
arn_match("*", _)

arn_match(pattern, arn) if {
	pattern != "*"
	ps := arn_parts(pattern)
	xs := arn_parts(arn)
	every i, p in ps {
		wildcard_match(p, xs[i])
	}
}

arn_tv(pattern, arn) := tv_true if arn_match(pattern, arn)

else := tv_false

arn_parts(s) := array.concat(array.slice(parts, 0, 5), [concat(":", array.slice(parts, 5, count(parts)))]) if {
	parts := split(s, ":")
	count(parts) >= 6
}

# condition_tv evaluates one condition (operator, key as written, policy
# values) for a request. IAM's rules for a key the request does not have:
# IfExists and ForAllValues are met, Null is met when it asks for absence,
# negated operators are met, every other operator is not.
condition_tv(op, key, values, request) := t if {
	o := parse_operator(op)
	o.base == "null"
	t := null_tv(key, values, context_value(request, lower(key)))
} else := tv_unknown(key, sprintf("condition operator %s is not one VPC Lattice auth policies use", [op])) if {
	o := parse_operator(op)
	not operators[o.base]
} else := tv_unknown(key, "the value uses a policy variable, which lattice-lint does not resolve") if {
	some v in values
	contains(sprintf("%v", [v]), "${")
} else := t if {
	o := parse_operator(op)
	t := operator_tv(o, operators[o.base], key, [sprintf("%v", [v]) | some v in values], context_value(request, lower(key)))
}

null_tv(key, _, ctx) := tv_unknown(key, ctx.why) if ctx.state == "unknown"

null_tv(_, values, ctx) := tv_bool(lower(sprintf("%v", [values[0]])) == "true") if ctx.state == "absent"

null_tv(_, values, ctx) := tv_bool(lower(sprintf("%v", [values[0]])) == "false") if ctx.state == "present"

operator_tv(_, _, key, _, ctx) := tv_unknown(key, ctx.why) if ctx.state == "unknown"

operator_tv(o, [_, negated], _, _, ctx) := missing_tv(o, negated) if ctx.state == "absent"

operator_tv(_, ["opaque", _], key, _, ctx) := tv_unknown(key, "lattice-lint does not compare this key's values") if ctx.state == "present"

operator_tv(o, [family, negated], _, pvs, ctx) := values_tv(o.qual, family, negated, ctx.values, pvs) if {
	ctx.state == "present"
	family != "opaque"
}

missing_tv(o, negated) := tv_true if missing_met(o, negated)

else := tv_false

values_tv(qual, family, negated, cvs, pvs) := tv_true if values_met(qual, family, negated, cvs, pvs)

else := tv_false

missing_met(o, _) if o.if_exists

missing_met(o, _) if o.qual == "forallvalues"

missing_met(o, negated) if {
	o.qual == ""
	negated
}

# values_met applies the set qualifier. Without one, a multi-valued key is
# met when some value matches (negated: none does).
values_met(qual, family, false, cvs, pvs) if {
	qual in {"", "foranyvalue"}
	some cv in cvs
	matches(family, cv, pvs)
}

values_met("", family, true, cvs, pvs) if {
	every cv in cvs {
		not matches(family, cv, pvs)
	}
}

values_met("foranyvalue", family, true, cvs, pvs) if {
	some cv in cvs
	not matches(family, cv, pvs)
}

values_met("forallvalues", family, false, cvs, pvs) if {
	every cv in cvs {
		matches(family, cv, pvs)
	}
}

values_met("forallvalues", family, true, cvs, pvs) if {
	every cv in cvs {
		not matches(family, cv, pvs)
	}
}

# conditions_tv is the conjunction of every condition of a statement.
conditions_tv(st, request) := tv_all([condition_tv(op, key, as_list(v), request) |
	some op, block in object.get(st, "Condition", {})
	is_object(block)
	some key, v in block
])

# --- resources -------------------------------------------------------------------

# resource_tv says whether a Resource pattern covers the request's resource:
# the service ARN followed by the request path. Without a path, a pattern
# that covers every path of the service matches and one naming another
# service does not; any other depends on the path.
resource_tv(pattern, _) := tv_true if pattern == "*"

resource_tv(pattern, request) := tv_unknown("Resource", "the request does not give the service ARN") if {
	pattern != "*"
	not is_string(object.get(request, "service_arn", null))
}

resource_tv(pattern, request) := arn_tv(pattern, concat("", [svc, request_path(request)])) if {
	pattern != "*"
	svc := request.service_arn
	is_string(svc)
	request_path(request)
}

resource_tv(pattern, request) := t if {
	pattern != "*"
	svc := request.service_arn
	is_string(svc)
	not request_path(request)
	t := pathless_resource_tv(pattern, svc)
}

# "\u0001" stands for any path: only a wildcard consumes it.
pathless_resource_tv(pattern, svc) := tv_true if {
	arn_match(pattern, concat("", [svc, "/\u0001"]))
	arn_match(pattern, concat("", [svc, "/\u0001/\u0001"]))
} else := tv_false if {
	not arn_match(pattern, concat("", [svc, "/\u0001"]))
	not pattern_names_service(pattern, svc)
} else := tv_unknown("Resource", sprintf("%s covers some request paths only, and the request does not give its path", [pattern]))

# pattern_names_service reports whether a resource pattern may name the
# service, whatever path follows.
pattern_names_service(pattern, svc) if {
	ps := arn_parts(pattern)
	ss := arn_parts(svc)
	every i in numbers.range(0, 4) {
		wildcard_match(ps[i], ss[i])
	}
	p_res := split(ps[5], "/")
	s_res := split(ss[5], "/")
	count(p_res) >= 2
	wildcard_match(concat("/", array.slice(p_res, 0, 2)), concat("/", array.slice(s_res, 0, 2)))
}

statement_resource_tv(st, request) := tv_any([resource_tv(p, request) | some p in as_list(st.Resource)]) if st.Resource

statement_resource_tv(st, request) := tv_not(tv_any([resource_tv(p, request) | some p in as_list(st.NotResource)])) if {
	not st.Resource
	st.NotResource
}

statement_resource_tv(st, _) := tv_false if {
	not st.Resource
	not st.NotResource
}

# --- statements and decisions ----------------------------------------------------

# statement_tv says whether a statement applies to a request: it covers the
# caller, the vpc-lattice-svcs:Invoke action, the resource and every condition.
statement_tv(st, request) := tv_all([
	principal_tv(st, caller(request)),
	invoke_tv(st),
	statement_resource_tv(st, request),
	conditions_tv(st, request),
])

invoke_tv(st) := tv_true if grants_invoke(st)

else := tv_false

# authz_decision evaluates a policy document for a request:
# {"decision": "allow"|"deny"|"implicit_deny"|"unknown", "why", "statement"
# (1-based, the statement that decides, absent for an implicit deny),
# "unknown" (for "unknown": the keys {key, why} the answer depends on)}.
authz_decision(doc, request) := d if {
	c := caller(request)
	results := [[i + 1, st.Effect, statement_tv(st, request)] | some i, st in policy_statements(doc)]
	d := decide(results, describe_caller(c))
}

decide(results, who) := {"decision": "deny", "statement": n, "why": sprintf("statement %d denies %s", [n, who])} if {
	n := first(results, "Deny", "true")
} else := unknown_decision(n, t, "Deny", who) if {
	n := first(results, "Deny", "unknown")
	t := [r[2] | some r in results; r[0] == n][0]
} else := {"decision": "allow", "statement": n, "why": sprintf("statement %d allows %s", [n, who])} if {
	n := first(results, "Allow", "true")
} else := unknown_decision(n, t, "Allow", who) if {
	n := first(results, "Allow", "unknown")
	t := [r[2] | some r in results; r[0] == n][0]
} else := {"decision": "implicit_deny", "why": sprintf("no statement allows %s: denied by default", [who])}

# first is the number of the first statement with an effect and a result.
first(results, effect, r) := min(ns) if {
	ns := {x[0] | some x in results; x[1] == effect; x[2].r == r}
	count(ns) > 0
}

unknown_decision(n, t, effect, who) := {
	"decision": "unknown",
	"statement": n,
	"unknown": t.keys,
	"why": sprintf("whether %s statement %d applies to %s depends on %s", [
		lower(effect), n, who,
		concat("; ", [sprintf("%s (%s)", [k.key, k.why]) | some k in t.keys]),
	]),
}

# --- who a policy admits, with no caller given --------------------------------------

# anonymous_request is an unsigned caller about whose request nothing is known.
anonymous_request := {
	"principal": null, "method": null, "path": null, "headers": null, "source_vpc": null,
	"service_network_arn": null, "service_arn": null, "target_arn": null,
}

# denies_anonymous reports whether a Deny statement certainly refuses an
# unsigned caller, whatever its request.
denies_anonymous(doc) if authz_decision(doc, anonymous_request).decision == "deny"

# deny_narrows reports whether a Deny statement about invoking refuses some
# callers: it names or excludes principals, or tests who calls or from where.
deny_narrows(doc) if {
	some st in policy_statements(doc)
	st.Effect == "Deny"
	grants_invoke(st)
	deny_targets_callers(st)
}

deny_targets_callers(st) if not principal_anyone(st)

deny_targets_callers(st) if st.NotPrincipal

deny_targets_callers(st) if narrowed(st)

# open_to_everyone reports whether statement st of doc lets every caller,
# anonymous included, invoke every path: an open statement (auth.rego) that no
# Deny statement narrows to some callers or takes from anonymous ones. It is
# the fact LAT-SEC-008 reports.
open_to_everyone(doc, st) if {
	open_statement(st)
	not deny_narrows(doc)
	not denies_anonymous(doc)
}

# policy_open reports whether a policy lets any caller, anonymous included,
# invoke every path with no condition at all and no Deny statement.
policy_open(doc) if {
	some st in policy_statements(doc)
	open_statement(st)
	not st.Condition
	not policy_has_deny(doc)
}

# denies_all reports whether no statement allows vpc-lattice-svcs:Invoke.
denies_all(doc) if {
	not some_allow_invoke(doc)
}

some_allow_invoke(doc) if {
	some st in policy_statements(doc)
	allows(st)
	grants_invoke(st)
}

# auth_condition summarises who a policy admits when no caller is given:
# "" when it admits anyone, else the conditions of each Allow statement
# ("callers must sign requests and be principals of account 222222222222"),
# joined by "; or ", then the Deny statements that carve callers out. Keys
# lattice-lint cannot read from code are named as written.
auth_condition(doc) := "" if policy_open(doc)

auth_condition(doc) := "no caller: no statement allows vpc-lattice-svcs:Invoke" if denies_all(doc)

auth_condition(doc) := concat("; ", array.concat(
	[concat("; or ", [allow_summary(st) | some st in policy_statements(doc); allows(st); grants_invoke(st)])],
	[sprintf("except callers that match Deny statement %d (%s)", [i + 1, concat(", ", statement_phrases(st))]) |
		some i, st in policy_statements(doc)
		st.Effect == "Deny"
		grants_invoke(st)
	],
)) if {
	not policy_open(doc)
	not denies_all(doc)
}

allow_summary(st) := "any caller, anonymous included" if {
	admits_anonymous(st)
	count(statement_phrases(st)) == 0
} else := sprintf("callers, anonymous included, must %s", [concat(" and ", statement_phrases(st))]) if {
	admits_anonymous(st)
} else := sprintf("callers must %s", [concat(" and ", array.concat(["sign requests"], statement_phrases(st)))])

# statement_phrases lists what a statement asks of its callers besides
# signing: who they are, the conditions, the resources.
statement_phrases(st) := array.concat(array.concat(principal_phrases(st), condition_phrases(st)), resource_phrases(st))

principal_phrases(st) := [] if principal_anyone(st)

principal_phrases(st) := [concat(" or ", [principal_phrase(pv) | some pv in principal_values(st.Principal)])] if {
	not principal_anyone(st)
	st.Principal
}

principal_phrases(st) := [sprintf("not %s", [concat(" or ", [principal_phrase(pv) | some pv in principal_values(st.NotPrincipal)])])] if {
	st.NotPrincipal
	not st.Principal
}

principal_phrases(st) := [] if {
	not st.Principal
	not st.NotPrincipal
}

principal_phrase(["AWS", v]) := sprintf("be principals of account %s", [account]) if {
	account := principal_account(v)
} else := sprintf("be sessions of role %s", [v]) if {
	regex.match(`^arn:[^:]+:iam::[0-9]{12}:role/`, v)
} else := sprintf("be %s", [v])

principal_phrase([t, v]) := sprintf("be %s principal %s", [t, v]) if t != "AWS"

principal_account(v) := v if regex.match(`^[0-9]{12}$`, v)

principal_account(v) := account if {
	[_, account] := regex.find_all_string_submatch_n(`^arn:[^:]+:iam::([0-9]{12}):root$`, v, 1)[0]
}

# key_phrases words a positive string/ARN condition on a key; other
# operators and keys are shown as written.
key_phrases := {
	"aws:principalorgid": "be in organization %s",
	"aws:principalorgpaths": "be in organization path %s",
	"aws:principalaccount": "be principals of account %s",
	"aws:principalarn": "be principal %s",
	"aws:principaltype": "be of principal type %s",
	"vpc-lattice-svcs:sourcevpc": "call from VPC %s",
	"vpc-lattice-svcs:sourcevpcowneraccount": "call from a VPC of account %s",
	"vpc-lattice-svcs:servicenetworkarn": "come through service network %s",
	"vpc-lattice-svcs:servicearn": "call service %s",
	"vpc-lattice-svcs:requestmethod": "use method %s",
	"vpc-lattice-svcs:requestpath": "request path %s",
	"vpc-lattice-svcs:port": "use port %s",
}

key_prefix_phrases := {
	"vpc-lattice-svcs:requestheader/": "send header %s: %s",
	"vpc-lattice-svcs:requestquerystring/": "send query parameter %s=%s",
	"aws:principaltag/": "have tag %s = %s",
}

condition_phrases(st) := [condition_phrase(op, key, as_list(v)) |
	some op, block in object.get(st, "Condition", {})
	is_object(block)
	some key, v in block
	not signing_condition(op, key, as_list(v))
]

# signing_condition is a condition "sign requests" already says.
signing_condition(op, key, values) if {
	lower(key) == "aws:principaltype"
	requires_authentication([op, lower(key), values])
}

condition_phrase(op, key, values) := p if {
	o := parse_operator(op)
	o.qual == ""
	[family, negated] := operators[o.base]
	family in {"string", "string_ci", "like", "arn"}
	positive := sprintf(key_template(lower(key)), array.concat(key_suffix_args(lower(key)), [concat(" or ", [sprintf("%v", [v]) | some v in values])]))
	p := negate_phrase(positive, negated, o.if_exists)
} else := sprintf("satisfy %s %s %s", [op, key, json.marshal(values)])

key_template(k) := key_phrases[k]

key_template(k) := t if {
	some prefix, t in key_prefix_phrases
	startswith(k, prefix)
}

key_suffix_args(k) := [] if key_phrases[k]

key_suffix_args(k) := [substring(k, count(prefix), -1)] if {
	some prefix, _ in key_prefix_phrases
	startswith(k, prefix)
}

negate_phrase(p, false, false) := p

negate_phrase(p, true, false) := sprintf("not %s", [p])

negate_phrase(p, false, true) := sprintf("%s (if the key is present)", [p])

negate_phrase(p, true, true) := sprintf("not %s (if the key is present)", [p])

resource_phrases(st) := [] if all_resources(st)

resource_phrases(st) := [sprintf("call resources matching %s", [concat(" or ", [sprintf("%v", [r]) | some r in as_list(st.Resource)])])] if {
	not all_resources(st)
	st.Resource
}

resource_phrases(st) := [] if {
	not all_resources(st)
	not st.Resource
}

# --- listener rules ------------------------------------------------------------------

# rule_match says which rule of a listener a request (method, path,
# headers) takes: rules in priority order, lowest first, the first that
# matches wins, else the default action. {"matched": "rule", "rule": id,
# "priority", "action", "why"}, {"matched": "default", "action", "why"}, or
# {"matched": "unknown", "rule": id, "unknown": [{key, why}], "why"} when a
# rule that comes first may or may not match.
rule_match(listener, request) := m if {
	rules := sort_rules([r | some id in items(listener, "rules"); r := input.listener_rules[id]])
	m := first_rule(rules, [rule_match_tv(r, request) | some r in rules], listener)
}

# sort_rules orders rules by priority; rules whose priority is unknown go
# last (first_rule reports them as unknown before the default).
sort_rules(rules) := [r |
	some key in sort([[rule_order(r), r.id] | some r in rules])
	some r in rules
	r.id == key[1]
]

rule_order(r) := r.priority.value if known(r.priority)

rule_order(r) := 1000000 if not known(r.priority)

first_rule(rules, tvs, listener) := {
	"matched": "rule", "rule": rules[i].id, "priority": rules[i].priority.value, "action": rules[i].action,
	"why": sprintf("rule %s (priority %d) is the first that matches the request", [name(rules[i]), rules[i].priority.value]),
} if {
	not unordered(rules, tvs)
	i := first_index(tvs)
	tvs[i].r == "true"
} else := {
	"matched": "unknown", "rule": rules[i].id, "unknown": tvs[i].keys,
	"why": sprintf("whether rule %s matches depends on %s", [name(rules[i]), concat("; ", [sprintf("%s (%s)", [k.key, k.why]) | some k in tvs[i].keys])]),
} if {
	not unordered(rules, tvs)
	i := first_index(tvs)
	tvs[i].r == "unknown"
} else := {
	"matched": "unknown", "rule": rules[i].id, "unknown": [{"key": "priority", "why": "the rule's priority is unknown"}],
	"why": sprintf("rule %s may match the request, but its priority is unknown", [name(rules[i])]),
} if {
	i := min({j | some j, r in rules; not known(r.priority); tvs[j].r != "false"})
} else := {
	"matched": "default", "action": listener.default_action,
	"why": default_why(count(rules)),
}

first_index(tvs) := min(is) if {
	is := {i | some i, t in tvs; t.r != "false"}
	count(is) > 0
}

# unordered reports whether a rule whose priority is unknown may match: it
# may come before any rule that does.
unordered(rules, tvs) if {
	some i, r in rules
	not known(r.priority)
	tvs[i].r != "false"
}

default_why(0) := "the listener has no rules: its default action applies"

default_why(n) := sprintf("none of the listener's %d rules matches: its default action applies", [n]) if n > 0

# rule_match_tv says whether a rule's HTTP match covers a request: method,
# path and every header match.
rule_match_tv(r, request) := tv_all(array.concat(
	[method_tv(r.match, request), path_tv(r.match, request)],
	[header_tv(h, request) | some h in items(r.match, "headers")],
))

method_tv(m, _) := tv_true if absent(m.method)

method_tv(m, _) := tv_unknown("rule method", "the rule's method is unknown") if unknown_attr(m.method)

method_tv(m, request) := tv_unknown("method", "the request does not give its method") if {
	known(m.method)
	not is_string(object.get(request, "method", null))
}

method_tv(m, request) := tv_bool(request.method == m.method.value) if {
	known(m.method)
	is_string(request.method)
}

path_tv(m, _) := tv_true if absent(m.path)

path_tv(m, _) := tv_unknown("rule path", "the rule's path is unknown") if unknown_attr(m.path)

path_tv(m, _) := tv_unknown("rule path match", "whether the rule's path match is exact or prefix is unknown") if {
	known(m.path)
	not known(m.path_match_type)
}

path_tv(m, request) := tv_unknown("path", "the request does not give its path") if {
	known(m.path)
	known(m.path_match_type)
	not request_path(request)
}

# Case sensitivity the code does not set matters only when the answers differ.
path_tv(m, request) := tv_bool(path_matches(m.path_match_type.value, m.path.value, request_path(request), m.path_case_sensitive.value)) if {
	known(m.path)
	known(m.path_match_type)
	request_path(request)
	known(m.path_case_sensitive)
}

path_tv(m, request) := t if {
	known(m.path)
	known(m.path_match_type)
	p := request_path(request)
	not known(m.path_case_sensitive)
	a := path_matches(m.path_match_type.value, m.path.value, p, true)
	b := path_matches(m.path_match_type.value, m.path.value, p, false)
	t := case_tv(a, b, "rule path case sensitivity", "the rule does not say whether its path match is case sensitive")
}

case_tv(a, a, _, _) := tv_bool(a)

case_tv(a, b, key, why) := tv_unknown(key, why) if a != b

path_matches(kind, want, got, sensitive) := text_matches(kind, want, got, sensitive)

text_matches("exact", want, got, true) := want == got

text_matches("exact", want, got, false) := lower(want) == lower(got)

text_matches("prefix", want, got, true) := startswith(got, want)

text_matches("prefix", want, got, false) := startswith(lower(got), lower(want))

text_matches("contains", want, got, true) := contains(got, want)

text_matches("contains", want, got, false) := contains(lower(got), lower(want))

# Header names compare without case; a request described without headers
# leaves every header match unknown.
header_tv(h, request) := tv_unknown("rule header", "the rule's header match is unknown") if {
	not known(h.name)
} else := tv_unknown("rule header", sprintf("the rule's match on header %s is unknown", [h.name.value])) if {
	not known(h.value)
} else := tv_unknown("rule header", sprintf("the rule's match type on header %s is unknown", [h.name.value])) if {
	not known(h.match_type)
} else := tv_unknown(sprintf("header %s", [h.name.value]), "the request does not give its headers") if {
	not is_object(object.get(request, "headers", null))
} else := tv_false if {
	count(header_values(h.name.value, request)) == 0
} else := tv_bool(header_value_matches(h, request)) if {
	known(h.case_sensitive)
} else := case_tv(
	header_matches_with(h, request, true),
	header_matches_with(h, request, false),
	sprintf("rule header %s case sensitivity", [h.name.value]),
	"the rule does not say whether its header match is case sensitive",
)

header_values(name, request) := [sprintf("%v", [v]) | some k, v in request.headers; lower(k) == lower(name)]

header_value_matches(h, request) := header_matches_with(h, request, h.case_sensitive.value)

header_matches_with(h, request, sensitive) if {
	some v in header_values(h.name.value, request)
	text_matches(h.match_type.value, h.value.value, v, sensitive)
} else := false
