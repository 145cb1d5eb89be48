# METADATA
# title: No access logs
# description: |
#   VPC Lattice access logs are off by default. Without a subscription on the
#   service network there is no central record of who called what through it;
#   without one on a service, its owner sees none of its requests. Traffic to
#   resource configurations is logged separately, only by a service network
#   subscription with log type RESOURCE.
#
#   - a service network with no access log subscription: warning;
#   - a service with none: info;
#   - a service network with resource associations and subscriptions, none of
#     type RESOURCE (an omitted log type is SERVICE): info.
#
#   Logging is the entity's own configuration, so the rule fires even when the
#   entity leaves the unit (its ARN written to an SSM parameter or an output):
#   the units that use it cannot turn its logs on. It stays silent when the
#   entity is passed into code the model does not read (an unexpanded module,
#   a nested stack: it may subscribe it) and when some subscription's resource
#   reference is unknown (it may be this entity's).
# related_resources:
#   - ref: https://docs.aws.amazon.com/vpc-lattice/latest/ug/monitoring-access-logs.html
# schemas:
#   - input: schema.input
# custom:
#   id: LAT-OBS-001
#   name: access-logs-missing
#   severity: warning
#   remediation: Add an access log subscription (aws_vpclattice_access_log_subscription / AWS::VpcLattice::AccessLogSubscription) to a CloudWatch Logs group, S3 bucket or Firehose stream; for resource traffic set service_network_log_type = "RESOURCE".
package lattice.rules.access_logs_missing

import data.lattice.lib

hidden_subscription if lib.unresolved_in("access_log_subscriptions", "resource")

# service_log_type reports whether a subscription logs only service traffic:
# log type SERVICE, or absent (null), which AWS treats as SERVICE. An unknown
# log type might be RESOURCE, so it never matches.
service_log_type(t) if lib.absent(t)

service_log_type(t) if {
	lib.known(t)
	not lib.is(t, "RESOURCE")
}

deny contains f if {
	some sn in input.service_networks
	lib.empty(sn, "access_log_subscriptions")
	not lib.unread(sn)
	not hidden_subscription
	f := {
		"entity": sn.id,
		"message": sprintf(
			"service network %s has no access log subscription: requests through it are not recorded anywhere",
			[lib.name(sn)],
		),
	}
}

deny contains f if {
	some svc in input.services
	lib.empty(svc, "access_log_subscriptions")
	not lib.unread(svc)
	not hidden_subscription
	f := {
		"entity": svc.id,
		"severity": "info",
		"message": sprintf(
			"service %s has no access log subscription: its owner has no record of the requests it serves",
			[lib.name(svc)],
		),
	}
}

deny contains f if {
	some sn in input.service_networks
	not lib.empty(sn, "resource_associations")
	subs := [input.access_log_subscriptions[id] | some id in lib.items(sn, "access_log_subscriptions")]
	count(subs) > 0
	every s in subs {
		service_log_type(s.service_network_log_type)
	}
	not lib.unread(sn)
	not hidden_subscription
	f := {
		"entity": sn.id,
		"severity": "info",
		"message": sprintf(
			"service network %s has resource configurations but no access log subscription with service_network_log_type RESOURCE: traffic to those resources is not logged",
			[lib.name(sn)],
		),
	}
}
