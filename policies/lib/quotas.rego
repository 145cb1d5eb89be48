# Quota helpers: the VPC Lattice quota table (pkg/quota), read as data.lattice.quotas with
# the configuration's overrides applied: the limit that holds for an entity's
# account and Region, and whether exceeding it is an error (a hard limit) or a
# warning (an adjustable quota the account may have raised).
package lattice.lib

# quota_limit is the value of quota name for entity e: the configuration's
# value for e's account, else AWS's default in e's Region, else AWS's default.
quota_limit(name, e) := v if {
	v := data.lattice.quotas.accounts[e.account.value][name]
} else := v if {
	v := data.lattice.quotas.limits[name].regions[e.region.value]
} else := data.lattice.quotas.limits[name].value

# quota_severity is the severity of exceeding quota name: warning when AWS
# raises it on request, error when it is a hard limit.
quota_severity(name) := "warning" if {
	data.lattice.quotas.limits[name].adjustable
} else := "error"

# quota_kind says in messages what kind of limit quota name is.
quota_kind(name) := "adjustable quota" if {
	data.lattice.quotas.limits[name].adjustable
} else := "hard limit"

# quota_title is AWS's name for quota name.
quota_title(name) := data.lattice.quotas.limits[name].title

# quota_warn_percent is the share of a per-network quota from which LAT-QTA-002 warns.
quota_warn_percent := data.lattice.quotas.warn_percent

# known_count is the number of entities among ids that surely exist: entities
# that may not (an unknown count or for_each, a CloudFormation condition) are
# left out, so a quota rule compares a lower bound with the limit.
known_count(ids) := count([id |
	some id in ids
	e := entity(id)
	not conditional(e)
])

# some_conditional reports whether some of the entities ids may not exist (or
# may exist many times over: an unknown count or for_each).
some_conditional(ids) if {
	some id in ids
	conditional(entity(id))
}

# at_least is "at least " when some of the entities ids may not exist, for
# messages that give a lower bound.
at_least(ids) := "at least " if some_conditional(ids)

else := ""
