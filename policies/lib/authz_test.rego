package lattice.lib_test

import data.lattice.fixtures as fx
import data.lattice.lib

svc_arn := "arn:aws:vpc-lattice:us-west-2:111111111111:service/svc-0123456789abcdef0"

req(fields) := object.union(lib.anonymous_request, fields)

allow_all := {"Statement": [stmt({})]}

decision(doc, fields) := lib.authz_decision(doc, req(fields)).decision

# --- callers -------------------------------------------------------------------------

test_caller_forms if {
	lib.caller(req({})).type == "Anonymous"
	lib.caller(req({"principal": "111111111111"})).type == "Account"
	lib.caller(req({"principal": "arn:aws:iam::111111111111:root"})).account == "111111111111"
	lib.caller(req({"principal": "arn:aws:iam::111111111111:user/ops/alice"})).name == "alice"
	c := lib.caller(req({"principal": "arn:aws:sts::111111111111:assumed-role/rates/s1"}))
	c.arn == "arn:aws:iam::111111111111:role/rates"
	c.role == "rates"
	lib.caller(req({"principal": "arn:aws:iam::111111111111:group/g"})).type == "Unparsed"
	lib.caller(req({"principal": "not-an-arn"})).type == "Unparsed"
}

test_unparsed_caller_is_unknown_unless_anyone if {
	decision(allow_all, {"principal": "bob"}) == "allow"
	decision({"Statement": [stmt({"Principal": {"AWS": "111111111111"}})]}, {"principal": "bob"}) == "unknown"
}

# --- operators ---------------------------------------------------------------------------

cond(op, key, v) := {"Statement": [stmt({"Condition": {op: {key: v}}})]}

role := "arn:aws:iam::111111111111:role/rates"

test_string_operators_and_case if {
	decision(cond("StringEquals", "vpc-lattice-svcs:SourceVpc", "vpc-1"), {"source_vpc": "vpc-1"}) == "allow"
	decision(cond("StringEquals", "vpc-lattice-svcs:SourceVpc", "vpc-1"), {"source_vpc": "VPC-1"}) == "implicit_deny"
	decision(cond("StringEqualsIgnoreCase", "vpc-lattice-svcs:SourceVpc", "vpc-1"), {"source_vpc": "VPC-1"}) == "allow"
	decision(cond("StringLike", "vpc-lattice-svcs:SourceVpc", "vpc-?"), {"source_vpc": "vpc-1"}) == "allow"
	decision(cond("StringLike", "vpc-lattice-svcs:SourceVpc", "vpc.*"), {"source_vpc": "vpc-1"}) == "implicit_deny"
	decision(cond("StringNotLike", "vpc-lattice-svcs:SourceVpc", ["vpc-2", "vpc-3*"]), {"source_vpc": "vpc-1"}) == "allow"
	decision(cond("stringequals", "VPC-Lattice-Svcs:SourceVpc", "vpc-1"), {"source_vpc": "vpc-1"}) == "allow"
}

test_numeric_and_bool_operators if {
	decision(cond("NumericEquals", "vpc-lattice-svcs:Port", 443), {"port": 443}) == "allow"
	decision(cond("NumericLessThan", "vpc-lattice-svcs:Port", "1024"), {"port": 8080}) == "implicit_deny"
	decision(cond("NumericGreaterThanEquals", "vpc-lattice-svcs:Port", "1024"), {"port": 8080}) == "allow"
	decision(cond("NumericEquals", "vpc-lattice-svcs:Port", "x"), {"port": 80}) == "implicit_deny"
	decision(cond("Bool", "aws:PrincipalIsAWSService", "false"), {"principal": role}) == "allow"
}

test_missing_keys if {
	# anonymous callers have no aws:PrincipalAccount
	decision(cond("StringEquals", "aws:PrincipalAccount", "111111111111"), {}) == "implicit_deny"
	decision(cond("StringNotEquals", "aws:PrincipalAccount", "111111111111"), {}) == "allow"
	decision(cond("StringEqualsIfExists", "aws:PrincipalAccount", "111111111111"), {}) == "allow"
	decision(cond("Null", "aws:PrincipalArn", "true"), {}) == "allow"
	decision(cond("Null", "aws:PrincipalArn", "false"), {}) == "implicit_deny"
	decision(cond("Null", "aws:PrincipalArn", "false"), {"principal": role}) == "allow"
	decision(cond("ForAllValues:StringEquals", "aws:PrincipalAccount", "1"), {}) == "allow"
	decision(cond("ForAnyValue:StringEquals", "aws:PrincipalAccount", "1"), {}) == "implicit_deny"
}

test_unknown_names_the_key if {
	d := lib.authz_decision(cond("StringEquals", "aws:PrincipalOrgID", "o-1"), req({"principal": role}))
	d.decision == "unknown"
	d.statement == 1
	[k.key | some k in d.unknown] == ["aws:PrincipalOrgID"]
	decision(cond("StringEquals", "vpc-lattice-svcs:SourceVpc", "vpc-1"), {}) == "unknown"
	decision(cond("DateLessThan", "aws:CurrentTime", "2030-01-01T00:00:00Z"), {}) == "unknown"
	decision(cond("StringEquals", "aws:PrincipalArn", "${aws:username}"), {"principal": role}) == "unknown"
	decision(cond("StringFancy", "vpc-lattice-svcs:SourceVpc", "x"), {"source_vpc": "x"}) == "unknown"
}

test_headers_and_query_strings if {
	doc := cond("StringEquals", "vpc-lattice-svcs:RequestHeader/x-team", "blue")
	decision(doc, {"headers": {"X-Team": "blue"}}) == "allow"
	decision(doc, {"headers": {}}) == "implicit_deny"
	decision(doc, {}) == "unknown"
	q := cond("ForAnyValue:StringEquals", "vpc-lattice-svcs:RequestQueryString/v", "2")
	decision(q, {"path": "/a?v=1&v=2"}) == "allow"
	decision(q, {"path": "/a"}) == "implicit_deny"
	decision(cond("ForAllValues:StringEquals", "vpc-lattice-svcs:RequestQueryString/v", "2"), {"path": "/a?v=1&v=2"}) == "implicit_deny"
}

# --- resources ---------------------------------------------------------------------------

test_resource_paths if {
	doc := {"Statement": [stmt({"Resource": concat("", [svc_arn, "/api/*"])})]}
	decision(doc, {"service_arn": svc_arn, "path": "/api/v1"}) == "allow"
	decision(doc, {"service_arn": svc_arn, "path": "/admin"}) == "implicit_deny"
	decision(doc, {"service_arn": svc_arn}) == "unknown"
	decision(doc, {"service_arn": "arn:aws:vpc-lattice:us-west-2:111111111111:service/svc-other"}) == "implicit_deny"
	decision({"Statement": [stmt({"Resource": concat("", [svc_arn, "/*"])})]}, {"service_arn": svc_arn}) == "allow"
	decision({"Statement": [stmt({"Resource": "arn:aws:vpc-lattice:us-west-2:111111111111:service/*"})]}, {"service_arn": svc_arn}) == "allow"
}

test_not_resource if {
	doc := {"Statement": [object.union(object.remove(stmt({}), ["Resource"]), {"NotResource": concat("", [svc_arn, "/admin*"])})]}
	decision(doc, {"service_arn": svc_arn, "path": "/api"}) == "allow"
	decision(doc, {"service_arn": svc_arn, "path": "/admin/x"}) == "implicit_deny"
}

# --- summaries ---------------------------------------------------------------------------

test_auth_condition if {
	lib.auth_condition(allow_all) == ""
	lib.auth_condition({"Statement": [stmt({"Principal": {"AWS": "222222222222"}})]}) == "callers must sign requests and be principals of account 222222222222"
	lib.auth_condition(cond("StringEquals", "aws:PrincipalOrgID", "o-abc")) == "callers must sign requests and be in organization o-abc"
	lib.auth_condition(cond("StringNotEqualsIgnoreCase", "aws:PrincipalType", "anonymous")) == "callers must sign requests"
	lib.auth_condition(cond("StringEquals", "vpc-lattice-svcs:SourceVpc", "vpc-1")) == "callers, anonymous included, must call from VPC vpc-1"
	lib.auth_condition({"Statement": [stmt({"Action": "vpc-lattice:GetService"})]}) == "no caller: no statement allows vpc-lattice-svcs:Invoke"
	lib.auth_condition({"Statement": [stmt({}), stmt({"Effect": "Deny", "Condition": {"StringNotEquals": {"vpc-lattice-svcs:SourceVpc": "vpc-1"}}})]}) == "any caller, anonymous included; except callers that match Deny statement 2 (not call from VPC vpc-1)"
	lib.auth_condition(cond("StringEquals", "aws:PrincipalTag/team", "blue")) == "callers must sign requests and have tag team = blue"
}

# --- listener rules ------------------------------------------------------------------------

rule(addr, prio, match) := fx.listener_rule(addr, {
	"priority": prio,
	"match": object.union(
		{"method": null, "path_match_type": null, "path": null, "path_case_sensitive": null, "headers": null, "range": fx.at(21)},
		match,
	),
})

routed(rules, request) := m if {
	l := fx.listener("aws_vpclattice_listener.l", {"rules": [r.id | some r in rules]})
	m := lib.rule_match(l, req(request)) with input as fx.model(array.concat([l], rules))
}

test_rule_match_priority_and_default if {
	api := rule("aws_vpclattice_listener_rule.api", fx.val(20), {"path_match_type": fx.val("prefix"), "path": fx.val("/api")})
	get := rule("aws_vpclattice_listener_rule.get", fx.val(10), {"method": fx.val("GET"), "path_match_type": fx.val("exact"), "path": fx.val("/api/health"), "path_case_sensitive": fx.val(true)})
	routed([api, get], {"method": "GET", "path": "/api/health"}).rule == get.id
	routed([api, get], {"method": "POST", "path": "/api/health"}).rule == api.id
	routed([api, get], {"method": "POST", "path": "/other"}).matched == "default"
	routed([api, get], {"method": "GET", "path": "/API/HEALTH"}).matched == "unknown" # /api prefix case unset
	routed([api, get], {"method": "POST"}).matched == "unknown"
	routed([], {}).matched == "default"
}

test_rule_match_headers if {
	h := rule("aws_vpclattice_listener_rule.h", fx.val(1), {"headers": [{
		"name": fx.val("X-Version"), "match_type": fx.val("prefix"), "value": fx.val("v2"), "case_sensitive": fx.val(false),
	}]})
	routed([h], {"headers": {"x-version": "V2.1"}}).rule == h.id
	routed([h], {"headers": {"x-version": "v1"}}).matched == "default"
	routed([h], {"headers": {}}).matched == "default"
	routed([h], {}).matched == "unknown"
}

test_rule_match_unknown_priority if {
	a := rule("aws_vpclattice_listener_rule.a", fx.val(10), {"path_match_type": fx.val("prefix"), "path": fx.val("/")})
	b := rule("aws_vpclattice_listener_rule.b", fx.unknown, {"path_match_type": fx.val("prefix"), "path": fx.val("/")})
	routed([a, b], {"path": "/x"}).matched == "unknown"
	c := rule("aws_vpclattice_listener_rule.c", fx.unknown, {"path_match_type": fx.val("exact"), "path": fx.val("/only"), "path_case_sensitive": fx.val(true)})
	routed([a, c], {"path": "/x"}).rule == a.id
}

# auth_condition says "anyone" only where LAT-SEC-008's fact holds, and an
# anonymous caller gets in wherever LAT-SEC-008 says it does.
test_one_reasoning_with_lat_sec_008 if {
	docs := [
		allow_all,
		{"Statement": [stmt({"Principal": {"AWS": "*"}, "Action": "*"})]},
		cond("StringEquals", "vpc-lattice-svcs:RequestMethod", "GET"),
		cond("StringEquals", "aws:PrincipalOrgID", "o-1"),
		{"Statement": [stmt({}), stmt({"Effect": "Deny", "Condition": {"StringEquals": {"aws:PrincipalType": "Anonymous"}}})]},
		{"Statement": [stmt({}), stmt({"Effect": "Deny", "Condition": {"StringNotEquals": {"vpc-lattice-svcs:SourceVpc": "vpc-1"}}})]},
	]
	every doc in docs {
		implies_open(doc)
		anonymous_admitted_if_open(doc)
	}
}

implies_open(doc) if lib.auth_condition(doc) != ""

implies_open(doc) if {
	some st in lib.policy_statements(doc)
	lib.open_to_everyone(doc, st)
}

anonymous_admitted_if_open(doc) if {
	not some_open(doc)
}

anonymous_admitted_if_open(doc) if {
	some_open(doc)
	lib.authz_decision(doc, lib.anonymous_request).decision in {"allow", "unknown"}
}

some_open(doc) if {
	some st in lib.policy_statements(doc)
	lib.open_to_everyone(doc, st)
}
