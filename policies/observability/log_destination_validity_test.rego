package lattice.rules.log_destination_validity_test

import data.lattice.fixtures as fx
import data.lattice.rules.log_destination_validity as rule

sn := fx.service_network("aws_vpclattice_service_network.n", {})

sub(name, dest) := fx.access_log_subscription(sprintf("aws_vpclattice_access_log_subscription.%s", [name]), {
	"resource": fx.ref(sn), "destination_arn": dest, "region": fx.val("eu-west-1"),
})

findings(es) := fs if {
	fs := rule.deny with input as fx.model(array.concat([sn], es))
}

test_fires_on_sqs_destination if {
	s := sub("a", fx.literal_ref("arn:aws:sqs:eu-west-1:111111111111:lattice-logs"))
	[f] := [f | some f in findings([s])]
	f.attribute == "destination_arn"
	not f.severity
}

test_fires_on_other_region if {
	s := sub("a", fx.literal_ref("arn:aws:logs:us-east-1:111111111111:log-group:lattice"))
	[f] := [f | some f in findings([s])]
	contains(f.message, "us-east-1")
}

test_fires_on_wrong_resource if {
	tg := fx.target_group("aws_vpclattice_target_group.t", {})
	s := fx.access_log_subscription("aws_vpclattice_access_log_subscription.a", {"resource": fx.ref(tg)})
	fs := rule.deny with input as fx.model([tg, s])
	[f.attribute | some f in fs] == ["resource"]
}

test_fires_info_on_duplicate if {
	d := fx.literal_ref("arn:aws:s3:::lattice-logs")
	[f] := [f | some f in findings([sub("a", d), sub("b", d)])]
	f.severity == "info"
}

test_silent_on_valid_destinations if {
	count(findings([
		sub("a", fx.literal_ref("arn:aws:logs:eu-west-1:111111111111:log-group:lattice")),
		sub("b", fx.literal_ref("arn:aws:s3:::lattice-logs")),
		sub("d", fx.literal_ref("arn:aws:s3:::lattice-logs/vpc-lattice/")),
		sub("c", fx.literal_ref("arn:aws:firehose:eu-west-1:111111111111:deliverystream/lattice")),
	])) == 0
}

test_unknown_destination_is_silent if {
	count(findings([sub("a", fx.unknown), sub("b", fx.unknown)])) == 0
}

test_unknown_region_is_silent if {
	s := fx.access_log_subscription("aws_vpclattice_access_log_subscription.a", {
		"resource": fx.ref(sn), "destination_arn": fx.literal_ref("arn:aws:logs:us-east-1:111111111111:log-group:lattice"),
	})
	count(findings([s])) == 0
}

test_fires_on_a_log_group_name if {
	# aws_cloudwatch_log_group.x.name: the name, not the ARN
	[f] := [f | some f in findings([sub("a", fx.literal_ref("/lattice"))])]
	contains(f.message, "/lattice")
}

# --- destinations the code declares --------------------------------------------

group := fx.log_destination("aws_cloudwatch_log_group.g", {"region": fx.val("eu-west-1")})

bucket := fx.log_destination("aws_s3_bucket.b", {
	"type": "aws_s3_bucket", "destination_type": "s3_bucket",
	"region": fx.val("us-east-1"),
})

stream := fx.log_destination("aws_kinesis_firehose_delivery_stream.s", {
	"type": "aws_kinesis_firehose_delivery_stream", "destination_type": "firehose_stream",
	"region": fx.val("eu-west-1"),
})

# to is a reference to a declared destination reading attribute attr.
to(d, attr, form) := object.union(fx.ref(d), {"attribute": attr, "form": form})

test_silent_on_declared_destinations_by_arn if {
	count(findings([
		group, bucket, stream,
		sub("a", to(group, "arn", "arn")),
		sub("b", to(bucket, "arn", "arn")),
		sub("c", to(stream, "arn", "arn")),
	])) == 0
}

test_fires_on_a_bucket_name_by_reference if {
	# aws_s3_bucket.b.id is the bucket's name
	[f] := [f | some f in findings([bucket, sub("a", to(bucket, "id", "id"))])]
	f.attribute == "destination_arn"
	not f.severity
	contains(f.message, "`id` attribute")
	f.related[0].entity == bucket.id
}

test_fires_on_a_cloudformation_ref if {
	# !Ref LogGroup returns the group's name
	g := object.union(group, {"format": "cloudformation"})
	[f] := [f | some f in findings([g, sub("a", to(g, "Ref", "id"))])]
	contains(f.message, "!GetAtt")
}

test_fires_on_a_destination_in_another_region if {
	west := fx.log_destination("aws_cloudwatch_log_group.west", {"region": fx.val("us-west-2")})
	[f] := [f | some f in findings([west, sub("a", to(west, "arn", "arn"))])]
	contains(f.message, "us-west-2")
	f.related[0].entity == west.id
}

test_bucket_region_is_not_checked if {
	# bucket ARNs name no Region (the bucket is in us-east-1, the subscription in eu-west-1)
	count(findings([bucket, sub("a", to(bucket, "arn", "arn"))])) == 0
}

test_fires_on_a_reference_to_something_else if {
	svc := fx.service("aws_vpclattice_service.s", {})
	[f] := [f | some f in findings([svc, sub("a", to(svc, "arn", "arn"))])]
	contains(f.message, "aws_vpclattice_service.s")
}

test_fires_info_on_duplicate_declared_destination if {
	[f] := [f | some f in findings([stream, sub("a", to(stream, "arn", "arn")), sub("b", to(stream, "id", "arn"))])]
	f.severity == "info"
	contains(f.message, stream.address)
}

test_silent_on_one_destination_of_two_resources if {
	svc := fx.service("aws_vpclattice_service.s", {})
	other := fx.access_log_subscription("aws_vpclattice_access_log_subscription.o", {
		"resource": fx.ref(svc), "destination_arn": to(stream, "arn", "arn"), "region": fx.val("eu-west-1"),
	})
	count(findings([svc, stream, sub("a", to(stream, "arn", "arn")), other])) == 0
}

test_unknown_region_of_declared_destination_is_silent if {
	g := object.union(group, {"region": fx.unknown})
	count(findings([g, sub("a", to(g, "arn", "arn"))])) == 0
}

test_unknown_attribute_is_silent if {
	# "arn:aws:s3:::${aws_s3_bucket.b.id}": the entity is known, the attribute read is not the value
	ref := object.remove(fx.ref(bucket), ["attribute", "form"])
	count(findings([bucket, sub("a", ref)])) == 0
}

test_unknown_reference_is_silent if {
	# a resource type or data source the model does not hold
	count(findings([sub("a", fx.unknown_ref("")), sub("b", fx.unknown_ref(""))])) == 0
}
