package lattice.lib_test

import data.lattice.lib

stmt(fields) := object.union(
	{"Effect": "Allow", "Principal": "*", "Action": "vpc-lattice-svcs:Invoke", "Resource": "*"},
	fields,
)

test_statements_accept_object_and_list if {
	lib.policy_statements({"Statement": stmt({})}) == [stmt({})]
	lib.policy_statements({"Statement": [stmt({}), "junk"]}) == [stmt({})]
	lib.policy_statements({}) == []
}

test_principal_anyone if {
	lib.principal_anyone(stmt({}))
	lib.principal_anyone(stmt({"Principal": {"AWS": "*"}}))
	lib.principal_anyone(stmt({"Principal": {"AWS": ["arn:aws:iam::111111111111:root", "*"]}}))
	not lib.principal_anyone(stmt({"Principal": {"AWS": "arn:aws:iam::111111111111:root"}}))
	lib.principal_anyone(object.union(object.remove(stmt({}), ["Principal"]), {"NotPrincipal": {"AWS": "x"}}))
}

test_grants_invoke_with_wildcards if {
	lib.grants_invoke(stmt({"Action": "*"}))
	lib.grants_invoke(stmt({"Action": ["vpc-lattice-svcs:*"]}))
	lib.grants_invoke(stmt({"Action": "VPC-Lattice-Svcs:Invoke"}))
	not lib.grants_invoke(stmt({"Action": "vpc-lattice:GetService"}))
	lib.grants_invoke(object.union(object.remove(stmt({}), ["Action"]), {"NotAction": "s3:*"}))
	not lib.grants_invoke(object.union(object.remove(stmt({}), ["Action"]), {"NotAction": "vpc-lattice-svcs:*"}))
}

test_management_actions if {
	lib.management_actions(stmt({"Action": ["vpc-lattice:Invoke", "vpc-lattice-svcs:Invoke"]})) == ["vpc-lattice:Invoke"]
}

test_all_resources if {
	lib.all_resources(stmt({}))
	lib.all_resources(stmt({"Resource": "arn:aws:vpc-lattice:eu-west-1:111111111111:service/svc-0123/*"}))
	not lib.all_resources(stmt({"Resource": "arn:aws:vpc-lattice:eu-west-1:111111111111:service/svc-0123/admin/*"}))
}

test_narrowing_conditions if {
	lib.narrowed(stmt({"Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-1"}}}))
	lib.narrowed(stmt({"Condition": {"StringEquals": {"vpc-lattice-svcs:SourceVpc": "vpc-1"}}}))
	lib.narrowed(stmt({"Condition": {"StringEquals": {"acme:unknown": "x"}}}))
	not lib.narrowed(stmt({"Condition": {"StringEquals": {"vpc-lattice-svcs:RequestMethod": "GET"}}}))
	not lib.narrowed(stmt({}))
}

test_open_statement if {
	lib.open_statement(stmt({}))
	not lib.open_statement(stmt({"Effect": "Deny"}))
	not lib.open_statement(stmt({"Principal": {"AWS": "111111111111"}}))
	not lib.open_statement(stmt({"Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-1"}}}))
}

test_admits_anonymous if {
	lib.admits_anonymous(stmt({}))
	lib.admits_anonymous(stmt({"Condition": {"StringEquals": {"vpc-lattice-svcs:SourceVpc": "vpc-1"}}}))
	lib.admits_anonymous(stmt({"Condition": {"StringEqualsIfExists": {"aws:PrincipalOrgID": "o-1"}}}))
	lib.admits_anonymous(stmt({"Condition": {"StringNotEquals": {"aws:PrincipalOrgID": "o-1"}}}))
	lib.admits_anonymous(stmt({"Condition": {"StringEquals": {"aws:PrincipalType": "Anonymous"}}}))
	not lib.admits_anonymous(stmt({"Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-1"}}}))
	not lib.admits_anonymous(stmt({"Condition": {"StringNotEquals": {"aws:PrincipalType": "Anonymous"}}}))
	not lib.admits_anonymous(stmt({"Condition": {"Null": {"aws:PrincipalArn": "false"}}}))
	lib.admits_anonymous(stmt({"Condition": {"Null": {"aws:PrincipalArn": "true"}}}))
	not lib.admits_anonymous(stmt({"Principal": {"AWS": "arn:aws:iam::111111111111:root"}}))
}

test_explicitly_anonymous if {
	lib.explicitly_anonymous(stmt({"Condition": {"StringEquals": {"aws:PrincipalType": ["Anonymous"]}}}))
	not lib.explicitly_anonymous(stmt({"Condition": {"StringNotEquals": {"aws:PrincipalType": "Anonymous"}}}))
}

test_http_conditions if {
	lib.http_conditions(stmt({"Condition": {"StringLike": {
		"vpc-lattice-svcs:RequestPath": "/a/*",
		"vpc-lattice-svcs:SourceVpc": "vpc-1",
	}}})) == ["vpc-lattice-svcs:requestpath"]
}

test_policy_level_answers if {
	lib.policy_admits_anonymous({"Statement": [stmt({"Principal": {"AWS": "111111111111"}}), stmt({})]})
	not lib.policy_admits_anonymous({"Statement": [stmt({"Principal": {"AWS": "111111111111"}})]})
	lib.policy_has_deny({"Statement": [stmt({"Effect": "Deny"})]})
}
