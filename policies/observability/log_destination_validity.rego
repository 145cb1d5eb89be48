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
#   error), and when it refers to a log group, bucket or delivery stream the
#   code declares (`aws_cloudwatch_log_group`, `aws_s3_bucket`,
#   `aws_kinesis_firehose_delivery_stream`, their awscc twins,
#   `AWS::Logs::LogGroup`, `AWS::S3::Bucket`,
#   `AWS::KinesisFirehose::DeliveryStream`): an attribute that is not the
#   ARN (`aws_s3_bucket.b.id` and `.bucket` are the bucket's name; `!Ref` of
#   all three returns the name) is an error, and so is a log group or stream
#   in another Region than the subscription (a Terraform provider alias). A
#   reference to anything else the model holds (a service, a VPC) is not a
#   destination: an error. Two subscriptions of one resource to the same
#   declared destination are info.
#
#   What the code does not declare stays unknown and gives no finding: a
#   reference to a resource type the model does not hold (`aws_sqs_queue.q.arn`),
#   a data source, a string the code builds around a reference
#   (`"arn:aws:s3:::${aws_s3_bucket.b.id}"`), the Region of a destination whose
#   provider Region is unknown. An S3 bucket ARN names no Region, so a bucket
#   is never reported for its Region.
#
#   A Firehose delivery stream receives the logs only through the
#   service-linked role `AWSServiceRoleForDeliveryLogs`, which AWS creates
#   at the first delivery when the caller may call
#   `iam:CreateServiceLinkedRole`. Whether the role exists or the deploying
#   principal has that permission is account state, not code: static code
#   can never tell, so the rule does not report it (the catalogue's info
#   case for a Firehose destination without that permission path).
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

# --- a destination the code declares ------------------------------------------

destination_types := {
	"log_group": "CloudWatch Logs log group",
	"s3_bucket": "S3 bucket",
	"firehose_stream": "Firehose delivery stream",
}

# how_to_write says which attribute gives a destination's ARN.
how_to_write(d) := sprintf("`!GetAtt %s.Arn`", [d.address]) if d.format == "cloudformation"

how_to_write(d) := "its `arn` attribute" if d.format != "cloudformation"

# declared is the log destination a subscription refers to (not by a literal).
declared(s) := d if {
	ref := s.destination_arn
	not ref.value
	lib.in_model(ref)
	ref.kind == "log_destination"
	d := lib.target(ref)
}

deny contains f if {
	some s in input.access_log_subscriptions
	ref := s.destination_arn
	not ref.value
	lib.in_model(ref)
	ref.kind != "log_destination"
	other := lib.target(ref)
	f := {
		"entity": s.id,
		"attribute": "destination_arn",
		"message": sprintf(
			"access log subscription %s delivers to %s %s, which is not a CloudWatch Logs log group, S3 bucket or Firehose delivery stream: VPC Lattice rejects the subscription at deploy time",
			[lib.name(s), data.lattice.labels[other.kind], lib.name(other)],
		),
		"related": [{"entity": other.id, "message": "declared here"}],
	}
}

deny contains f if {
	some s in input.access_log_subscriptions
	d := declared(s)
	s.destination_arn.form == "id"
	f := {
		"entity": s.id,
		"attribute": "destination_arn",
		"message": sprintf(
			"access log subscription %s passes %s of %s %s, its name, where VPC Lattice takes an ARN: the subscription fails at deploy time; pass %s",
			[lib.name(s), attribute_label(s.destination_arn), destination_types[d.destination_type], lib.name(d), how_to_write(d)],
		),
		"related": [{"entity": d.id, "message": "declared here"}],
	}
}

attribute_label(ref) := "`!Ref`" if ref.attribute == "Ref"

attribute_label(ref) := sprintf("the `%s` attribute", [ref.attribute]) if ref.attribute != "Ref"

deny contains f if {
	some s in input.access_log_subscriptions
	d := declared(s)
	d.destination_type != "s3_bucket" # bucket ARNs name no Region
	dest := d.region.value
	own := s.region.value
	dest != own
	f := {
		"entity": s.id,
		"attribute": "destination_arn",
		"message": sprintf(
			"access log subscription %s in %s delivers to %s %s in %s: the destination must be in the Region of the logged resource, so the subscription fails at deploy time",
			[lib.name(s), own, destination_types[d.destination_type], lib.name(d), dest],
		),
		"related": [{"entity": d.id, "message": "declared here"}],
	}
}

# --- duplicates ---------------------------------------------------------------

deny contains f if {
	some s in input.access_log_subscriptions
	lib.resolved(s.resource)
	some id in same_destination[[s.resource.target, destination_key(s.destination_arn)]]
	id < s.id
	other := input.access_log_subscriptions[id]
	f := {
		"entity": s.id,
		"attribute": "destination_arn",
		"severity": "info",
		"message": sprintf(
			"access log subscriptions %s and %s send the logs of %s to the same destination %s: every record is delivered twice",
			[lib.name(other), lib.name(s), lib.name(lib.target(s.resource)), destination_label(s.destination_arn)],
		),
		"related": [{"entity": other.id, "message": "the other subscription"}],
	}
}

# destination_key identifies a destination: the entity a reference resolves
# to, else the literal as written.
destination_key(ref) := ref.target if ref.target

destination_key(ref) := ref.value if {
	not ref.target
	ref.value
}

destination_label(ref) := ref.value if ref.value

destination_label(ref) := lib.name(lib.target(ref)) if {
	not ref.value
	ref.target
}

# same_destination holds the ids of the subscriptions of each [resource,
# destination], gathered once per run by a comprehension OPA indexes by that
# pair: comparing every subscription with every other is quadratic (670,000
# pairs at 10,000 resources, 2.8 s of the 4 s of policy evaluation).
same_destination := {key: ids |
	some key in {[s.resource.target, destination_key(s.destination_arn)] | some s in input.access_log_subscriptions}
	ids := {s.id | some s in input.access_log_subscriptions; [s.resource.target, destination_key(s.destination_arn)] == key}
}
