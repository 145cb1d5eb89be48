# A minimal summary of who an auth policy admits, for the reachability
# answer when no caller is given: "" when it admits any caller, else the
# condition a caller must meet. The caller evaluation (authz.rego) replaces
# this file with a fuller one of the same name.
package lattice.lib

# auth_condition is "" when some statement lets any caller invoke every path,
# else a sentence saying what callers must be.
auth_condition(doc) := "" if {
	some st in policy_statements(doc)
	open_statement(st)
} else := sprintf("callers must %s", [concat(" or ", sort(admitted_callers(doc)))]) if {
	count(admitted_callers(doc)) > 0
} else := "callers must match the policy's conditions"

# admitted_callers describes each Allow statement that grants invoke.
admitted_callers(doc) := {who |
	some st in policy_statements(doc)
	allows(st)
	grants_invoke(st)
	who := statement_callers(st)
}

statement_callers(st) := "be anonymous or signed callers meeting the policy's conditions" if {
	principal_anyone(st)
	not authenticated_only(st)
} else := sprintf("sign requests and be %s", [concat(" and ", sort(identity_conditions(st)))]) if {
	principal_anyone(st)
	count(identity_conditions(st)) > 0
} else := "sign requests and meet the policy's conditions" if {
	principal_anyone(st)
} else := sprintf("sign requests and be principals of %s", [concat(", ", sort(principal_owners(st)))])

# identity_conditions describes the conditions of a statement that name who
# calls (organization, account, principal ARN) with a positive string test.
identity_conditions(st) := {sprintf("%s %s", [identity_labels[key], concat(" or ", sort([sprintf("%v", [v]) | some v in values]))]) |
	some [op, key, values] in conditions(st)
	identity_labels[key]
	startswith(lower(op), "string")
	not negated(op)
}

identity_labels := {
	"aws:principalorgid": "principals of organization",
	"aws:principalaccount": "principals of account",
	"aws:principalarn": "principal",
}

# principal_owners names the accounts (or principals) a statement lists.
principal_owners(st) := {owner |
	some p in as_list(object.get(object.get(st, "Principal", {}), "AWS", []))
	owner := principal_owner(p)
}

principal_owner(p) := sprintf("account %s", [p]) if regex.match(`^[0-9]{12}$`, p)

principal_owner(p) := sprintf("account %s", [parts[4]]) if {
	parts := split(p, ":")
	count(parts) >= 6
	regex.match(`^[0-9]{12}$`, parts[4])
	endswith(p, ":root")
}

principal_owner(p) := p if {
	not regex.match(`^[0-9]{12}$`, p)
	not endswith(p, ":root")
}

# denies_all reports whether no statement of the document allows invoking:
# under AWS_IAM such a policy denies every request, like no policy at all.
denies_all(doc) if {
	not some_allow_invoke(doc)
}

some_allow_invoke(doc) if {
	some st in policy_statements(doc)
	allows(st)
	grants_invoke(st)
}
