# Auth policy analysis, part of the helper library (lattice.rego holds the
# package metadata). It reads VPC Lattice auth policy documents (IAM resource
# policies granting vpc-lattice-svcs:Invoke): who a statement admits (anyone,
# anonymous callers, only authenticated principals), whether its conditions
# narrow the callers, and which condition keys need HTTP-level request data.
# Rules and the reachability analysis share these answers. The functions take
# a parsed document or statement: callers first check the policy is known.
package lattice.lib

# as_list turns an IAM "one value or a list" field into a list ([] when absent).
as_list(x) := x if is_array(x)

as_list(x) := [] if is_null(x)

as_list(x) := [x] if {
	not is_array(x)
	not is_null(x)
}

# policy_statements lists the statement objects of a policy document.
policy_statements(doc) := [st | some st in as_list(object.get(doc, "Statement", null)); is_object(st)]

# allows reports whether a statement is an Allow statement.
allows(st) if st.Effect == "Allow"

# --- who ------------------------------------------------------------------------

# principal_anyone reports whether a statement names every principal: "*",
# {"AWS": "*"}, or a NotPrincipal (everyone but the listed ones).
principal_anyone(st) if st.Principal == "*"

principal_anyone(st) if "*" in as_list(st.Principal.AWS)

principal_anyone(st) if st.NotPrincipal

# --- what -----------------------------------------------------------------------

# grants_invoke reports whether a statement's actions include
# vpc-lattice-svcs:Invoke (wildcards included; NotAction that does not exclude it).
grants_invoke(st) if {
	some a in as_list(st.Action)
	is_string(a)
	glob.match(lower(a), [], "vpc-lattice-svcs:invoke")
}

grants_invoke(st) if {
	st.NotAction
	not excludes_invoke(st)
}

excludes_invoke(st) if {
	some a in as_list(st.NotAction)
	is_string(a)
	glob.match(lower(a), [], "vpc-lattice-svcs:invoke")
}

# management_actions lists a statement's actions that use the VPC Lattice
# management prefix (vpc-lattice:), which an auth policy never evaluates:
# callers invoke with vpc-lattice-svcs:Invoke.
management_actions(st) := [a |
	some a in as_list(st.Action)
	is_string(a)
	startswith(lower(a), "vpc-lattice:")
]

# whole_resource matches resources that cover every request path: "*", every
# service, or one service's "<arn>/*".
whole_resource_patterns := [
	`^\*$`,
	`^arn:[^:]*:vpc-lattice:[^:]*:[^:]*:\*$`,
	`^arn:[^:]*:vpc-lattice:[^:]*:[^:]*:service/\*$`,
	`^arn:[^:]*:vpc-lattice:[^:]*:[^:]*:service/[^/]+/\*$`,
]

# all_resources reports whether a statement applies to every request of the
# resource it is attached to.
all_resources(st) if {
	some r in as_list(st.Resource)
	is_string(r)
	some p in whole_resource_patterns
	regex.match(p, r)
}

all_resources(st) if st.NotResource

# --- conditions ---------------------------------------------------------------------

# request_key_prefixes are condition keys about the request (which path,
# method, port, tag...), not about who calls or from where: they never narrow
# the set of callers.
request_key_prefixes := [
	"vpc-lattice-svcs:port",
	"vpc-lattice-svcs:requestmethod",
	"vpc-lattice-svcs:requestpath",
	"vpc-lattice-svcs:requestheader/",
	"vpc-lattice-svcs:requestquerystring/",
	"vpc-lattice-svcs:servicearn",
	"aws:resourcetag/",
	"aws:requestedregion",
	"aws:currenttime",
	"aws:epochtime",
	"aws:securetransport",
]

# http_key_prefixes are the condition keys VPC Lattice reads from the HTTP
# request, which a TLS passthrough listener never decrypts.
http_key_prefixes := [
	"vpc-lattice-svcs:requestmethod",
	"vpc-lattice-svcs:requestpath",
	"vpc-lattice-svcs:requestheader/",
	"vpc-lattice-svcs:requestquerystring/",
]

# identity_key_prefixes are keys only a signed (authenticated) request has.
identity_key_prefixes := [
	"aws:principalorgid",
	"aws:principalorgpaths",
	"aws:principalaccount",
	"aws:principalarn",
	"aws:principaltag/",
	"aws:principalisawsservice",
	"aws:principalservicename",
	"aws:userid",
	"aws:username",
]

# conditions lists a statement's conditions as [operator, key, values], keys lower case.
conditions(st) := [[op, lower(k), as_list(v)] |
	some op, block in object.get(st, "Condition", {})
	is_object(block)
	some k, v in block
]

key_in(key, prefixes) if {
	some p in prefixes
	startswith(key, p)
}

# narrowing_condition reports whether a condition may restrict who can call:
# any key that is not purely about the request.
narrowing_condition([_, key, _]) if not key_in(key, request_key_prefixes)

# narrowed reports whether some condition of the statement may restrict callers.
narrowed(st) if {
	some c in conditions(st)
	narrowing_condition(c)
}

# http_conditions lists the HTTP-level condition keys of a statement.
http_conditions(st) := [key | some [_, key, _] in conditions(st); key_in(key, http_key_prefixes)]

# requires_authentication reports whether a condition is never met by an
# anonymous (unsigned) request: an identity key tested by a positive,
# non-IfExists operator (the key is missing on anonymous requests), a Null
# test saying the key must exist, or aws:PrincipalType compared with a value
# other than Anonymous.
requires_authentication([op, key, _]) if {
	key_in(key, identity_key_prefixes)
	not endswith(lower(op), "ifexists")
	not startswith(lower(op), "null")
	not startswith(lower(op), "forallvalues:") # true when the key is missing
	not negated(op)
}

requires_authentication([op, key, values]) if {
	key_in(key, identity_key_prefixes)
	lower(op) == "null"
	every v in values {
		lower(sprintf("%v", [v])) == "false"
	}
}

requires_authentication([op, "aws:principaltype", values]) if {
	not negated(op)
	not startswith(lower(op), "null")
	every v in values {
		lower(sprintf("%v", [v])) != "anonymous"
	}
}

requires_authentication([op, "aws:principaltype", values]) if {
	negated(op)
	some v in values
	lower(sprintf("%v", [v])) == "anonymous"
}

negated(op) if contains(lower(op), "not")

# --- answers --------------------------------------------------------------------------

# open_statement reports whether an Allow statement lets any caller invoke
# every path of the resource with no condition that could restrict who calls.
open_statement(st) if {
	allows(st)
	principal_anyone(st)
	grants_invoke(st)
	all_resources(st)
	not narrowed(st)
}

# admits_anonymous reports whether an Allow statement lets unsigned callers
# invoke: it names every principal and no condition requires authentication.
admits_anonymous(st) if {
	allows(st)
	principal_anyone(st)
	grants_invoke(st)
	not authenticated_only(st)
}

authenticated_only(st) if {
	some c in conditions(st)
	requires_authentication(c)
}

# explicitly_anonymous reports whether a statement's conditions name
# anonymous callers (aws:PrincipalType equal to Anonymous).
explicitly_anonymous(st) if {
	some [op, "aws:principaltype", values] in conditions(st)
	not negated(op)
	some v in values
	lower(sprintf("%v", [v])) == "anonymous"
}

# policy_admits_anonymous reports whether some statement of the document lets
# anonymous callers invoke (explicit denies aside).
policy_admits_anonymous(doc) if {
	some st in policy_statements(doc)
	admits_anonymous(st)
}

# policy_has_deny reports whether the document holds a Deny statement.
policy_has_deny(doc) if {
	some st in policy_statements(doc)
	st.Effect == "Deny"
}
