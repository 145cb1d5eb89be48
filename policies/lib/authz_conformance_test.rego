# Conformance table for authz_decision: auth policies in the shapes the VPC
# Lattice User Guide documents as examples (an organization's principals,
# authenticated callers only, callers from one VPC, one role calling one path
# with one method, header and query-string conditions, an explicit Deny), each
# with callers it must allow, deny, or leave undecided. Account ids, ARNs and
# names are this project's own.
package lattice.lib.authz_conformance_test

import data.lattice.lib

svc := "arn:aws:vpc-lattice:us-west-2:123456789012:service/svc-0123456789abcdef0"

app_role := "arn:aws:iam::123456789012:role/app"

app_session := "arn:aws:sts::123456789012:assumed-role/app/session-1"

other_role := "arn:aws:iam::123456789012:role/batch"

foreign_role := "arn:aws:iam::210987654321:role/app"

invoke(fields) := object.union({"Effect": "Allow", "Principal": "*", "Action": "vpc-lattice-svcs:Invoke", "Resource": "*"}, fields)

policy(statements) := {"Version": "2012-10-17", "Statement": statements}

# Callers in one organization (aws:PrincipalOrgID).
org_only := policy([invoke({"Condition": {"StringEquals": {"aws:PrincipalOrgID": ["o-abc123def4"]}}})])

# Authenticated callers only: anonymous principals are refused.
signed_only := policy([invoke({"Condition": {"StringNotEqualsIgnoreCase": {"aws:PrincipalType": "anonymous"}}})])

# Anyone, signed or not, from one VPC.
one_vpc := policy([invoke({"Condition": {"StringEquals": {"vpc-lattice-svcs:SourceVpc": "vpc-0a1b2c3d"}}})])

# Callers whose VPC belongs to one account.
vpc_owner := policy([invoke({"Condition": {"StringEquals": {"vpc-lattice-svcs:SourceVpcOwnerAccount": "123456789012"}}})])

# One role may GET one path prefix of one service.
role_get_path := policy([invoke({
	"Principal": {"AWS": [app_role]},
	"Resource": sprintf("%s/orders/*", [svc]),
	"Condition": {"StringEquals": {"vpc-lattice-svcs:RequestMethod": "GET"}},
})])

# Every principal of an account (its root), through any path.
account_root := policy([invoke({"Principal": {"AWS": "arn:aws:iam::123456789012:root"}})])

# A header must carry a value.
header := policy([invoke({"Condition": {"StringEquals": {"vpc-lattice-svcs:RequestHeader/x-tenant": "blue"}}})])

# A query-string parameter must carry a value.
query := policy([invoke({"Condition": {"StringEquals": {"vpc-lattice-svcs:RequestQueryString/version": "2"}}})])

# Signed callers of the account, except one role, which an explicit Deny refuses.
deny_one := policy([
	invoke({"Principal": {"AWS": "123456789012"}}),
	{"Effect": "Deny", "Principal": {"AWS": other_role}, "Action": "vpc-lattice-svcs:Invoke", "Resource": "*"},
])

# Only the listener port 443.
port_443 := policy([invoke({"Condition": {"NumericEquals": {"vpc-lattice-svcs:Port": 443}}})])

req(fields) := object.union(lib.anonymous_request, object.union({"service_arn": svc}, fields))

cases := [
	["organization: its member's organization is not in a role ARN", org_only, {"principal": app_role}, "unknown"],
	["organization: anonymous callers have no organization", org_only, {}, "implicit_deny"],
	["signed only: a role", signed_only, {"principal": app_role}, "allow"],
	["signed only: an assumed-role session", signed_only, {"principal": app_session}, "allow"],
	["signed only: anonymous", signed_only, {}, "implicit_deny"],
	["one VPC: anonymous from it", one_vpc, {"source_vpc": "vpc-0a1b2c3d"}, "allow"],
	["one VPC: a role from another", one_vpc, {"principal": app_role, "source_vpc": "vpc-99999999"}, "implicit_deny"],
	["one VPC: the VPC not known", one_vpc, {"principal": app_role}, "unknown"],
	["VPC owner: matching account", vpc_owner, {"source_vpc_owner_account": "123456789012"}, "allow"],
	["VPC owner: another account", vpc_owner, {"source_vpc_owner_account": "210987654321"}, "implicit_deny"],
	["role GET path: the role", role_get_path, {"principal": app_role, "method": "GET", "path": "/orders/42"}, "allow"],
	["role GET path: its session", role_get_path, {"principal": app_session, "method": "GET", "path": "/orders/42"}, "allow"],
	["role GET path: POST", role_get_path, {"principal": app_role, "method": "POST", "path": "/orders/42"}, "implicit_deny"],
	["role GET path: another path", role_get_path, {"principal": app_role, "method": "GET", "path": "/admin"}, "implicit_deny"],
	["role GET path: another role", role_get_path, {"principal": other_role, "method": "GET", "path": "/orders/42"}, "implicit_deny"],
	["role GET path: same role name, other account", role_get_path, {"principal": foreign_role, "method": "GET", "path": "/orders/42"}, "implicit_deny"],
	["role GET path: method not given", role_get_path, {"principal": app_role, "path": "/orders/42"}, "unknown"],
	["account root: a role of the account", account_root, {"principal": other_role}, "allow"],
	["account root: a role of another account", account_root, {"principal": foreign_role}, "implicit_deny"],
	["account root: anonymous", account_root, {}, "implicit_deny"],
	["header: carried", header, {"headers": {"x-tenant": "blue"}}, "allow"],
	["header: name case does not matter", header, {"headers": {"X-Tenant": "blue"}}, "allow"],
	["header: another value", header, {"headers": {"x-tenant": "red"}}, "implicit_deny"],
	["header: absent", header, {"headers": {}}, "implicit_deny"],
	["query: carried", query, {"path": "/orders?version=2"}, "allow"],
	["query: absent", query, {"path": "/orders"}, "implicit_deny"],
	["deny one: the account's other roles", deny_one, {"principal": app_role}, "allow"],
	["deny one: the denied role", deny_one, {"principal": other_role}, "deny"],
	["deny one: another account", deny_one, {"principal": foreign_role}, "implicit_deny"],
	["port: 443", port_443, {"port": 443}, "allow"],
	["port: 8443", port_443, {"port": 8443}, "implicit_deny"],
]

mismatches := [sprintf("%s: got %s, want %s", [name, got, want]) |
	some [name, doc, fields, want] in cases
	got := lib.authz_decision(doc, req(fields)).decision
	got != want
]

test_conformance if {
	count(cases) > 25
	mismatches == []
}

# Every case is decided (a case authz_decision has no answer for would be
# dropped by the comprehension above, not reported).
test_every_case_decided if {
	count([1 | some [_, doc, fields, _] in cases; lib.authz_decision(doc, req(fields))]) == count(cases)
}
