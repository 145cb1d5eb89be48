# METADATA
# title: Access log destination VPC Lattice cannot deliver to
# description: |
#   An access log subscription delivers to a CloudWatch Logs log group, an S3
#   bucket or a Kinesis Data Firehose delivery stream, in the Region of the
#   service network, service or resource configuration it logs. Any other
#   destination ARN (an SQS queue, a log stream, an IAM role), a destination in
#   another Region, or a subscription on anything but a service network,
#   service or resource configuration is rejected at deploy time: an error.
#   Two subscriptions of one resource to the same destination only duplicate
#   the records: info.
#
#   The rule reads the destination when the code writes its ARN (a literal, a
#   variable's value, a parameter default) or a known argument of another
#   resource (`aws_cloudwatch_log_group.x.name` is a name, not an ARN: an
#   error). The model holds no log groups, buckets, delivery streams or
#   other destinations, so a reference to an attribute AWS computes
#   (`aws_sqs_queue.q.arn`, `!GetAtt Queue.Arn`, `!Ref LogGroup`, which is
#   the group's name) is an unknown value to the rule, and an unknown value
#   gives no finding; nor does the Region of such a declared destination.
#   Whether a Firehose stream can be written needs the service-linked role
#   `AWSServiceRoleForDeliveryLogs`, created outside the code at the first
#   delivery: static code cannot tell, so the rule does not report it.
# related_resources:
#   - ref: https://docs.aws.amazon.com/vpc-lattice/latest/ug/access-logs.html
#   - ref: https://docs.aws.amazon.com/vpc-lattice/latest/APIReference/API_CreateAccessLogSubscription.html
# schemas:
#   - input: schema.input
# custom:
#   id: LAT-OBS-002
#   name: log-destination-validity
#   severity: error
#   remediation: Point destination_arn (DestinationArn) at a CloudWatch Logs log group, an S3 bucket or a Firehose delivery stream in the same Region, on a service network, service or resource configuration, and keep one subscription per destination.
package lattice.rules.log_destination_validity

import data.lattice.lib

# destination_kind names what a destination ARN is, when VPC Lattice accepts it.
destination_kind(arn) := "CloudWatch Logs log group" if regex.match(`^arn:[^:]+:logs:[^:]*:[^:]*:log-group:[^:]+(:\*)?$`, arn)

# A bucket ARN may carry a key prefix (bucket/prefix); only the bucket part decides.
destination_kind(arn) := "S3 bucket" if regex.match(`^arn:[^:]+:s3:::[^/]+(/.*)?$`, arn)

destination_kind(arn) := "Firehose delivery stream" if regex.match(`^arn:[^:]+:firehose:[^:]*:[^:]*:deliverystream/.+$`, arn)

# region is the Region an ARN names ("" for S3, whose bucket ARNs have none).
region(arn) := split(arn, ":")[3]

loggable := {"service_network", "service", "resource_configuration"}

deny contains f if {
	some s in input.access_log_subscriptions
	arn := s.destination_arn.value
	not destination_kind(arn)
	f := {
		"entity": s.id,
		"attribute": "destination_arn",
		"message": sprintf(
			"access log subscription %s delivers to %s, which is not a CloudWatch Logs log group, S3 bucket or Firehose delivery stream ARN: VPC Lattice rejects the subscription at deploy time",
			[lib.name(s), arn],
		),
	}
}

deny contains f if {
	some s in input.access_log_subscriptions
	arn := s.destination_arn.value
	destination_kind(arn)
	dest := region(arn)
	dest != ""
	own := s.region.value
	dest != own
	f := {
		"entity": s.id,
		"attribute": "destination_arn",
		"message": sprintf(
			"access log subscription %s in %s delivers to %s in %s: the destination must be in the Region of the logged resource, so the subscription fails at deploy time",
			[lib.name(s), own, destination_kind(arn), dest],
		),
	}
}

deny contains f if {
	some s in input.access_log_subscriptions
	lib.resolved(s.resource)
	kind := s.resource.kind
	not kind in loggable
	f := {
		"entity": s.id,
		"attribute": "resource",
		"message": sprintf(
			"access log subscription %s is attached to %s, which is not a service network, service or resource configuration: VPC Lattice rejects the subscription at deploy time",
			[lib.name(s), lib.name(lib.target(s.resource))],
		),
	}
}

deny contains f if {
	some s in input.access_log_subscriptions
	lib.resolved(s.resource)
	some id in same_destination[[s.resource.target, s.destination_arn.value]]
	id < s.id
	other := input.access_log_subscriptions[id]
	f := {
		"entity": s.id,
		"attribute": "destination_arn",
		"severity": "info",
		"message": sprintf(
			"access log subscriptions %s and %s send the logs of %s to the same destination %s: every record is delivered twice",
			[lib.name(other), lib.name(s), lib.name(lib.target(s.resource)), s.destination_arn.value],
		),
		"related": [{"entity": other.id, "message": "the other subscription"}],
	}
}

# same_destination holds the ids of the subscriptions of each [resource,
# destination], gathered once per run by a comprehension OPA indexes by that
# pair: comparing every subscription with every other is quadratic (670,000
# pairs at 10,000 resources, 2.8 s of the 4 s of policy evaluation).
same_destination := {key: ids |
	some key in {[s.resource.target, s.destination_arn.value] | some s in input.access_log_subscriptions}
	ids := {s.id | some s in input.access_log_subscriptions; [s.resource.target, s.destination_arn.value] == key}
}
