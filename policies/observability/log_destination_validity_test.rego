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
	s := sub("a", fx.val("arn:aws:sqs:eu-west-1:111111111111:lattice-logs"))
	[f] := [f | some f in findings([s])]
	f.attribute == "destination_arn"
	not f.severity
}

test_fires_on_other_region if {
	s := sub("a", fx.val("arn:aws:logs:us-east-1:111111111111:log-group:lattice"))
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
	d := fx.val("arn:aws:s3:::lattice-logs")
	[f] := [f | some f in findings([sub("a", d), sub("b", d)])]
	f.severity == "info"
}

test_silent_on_valid_destinations if {
	count(findings([
		sub("a", fx.val("arn:aws:logs:eu-west-1:111111111111:log-group:lattice")),
		sub("b", fx.val("arn:aws:s3:::lattice-logs")),
		sub("d", fx.val("arn:aws:s3:::lattice-logs/vpc-lattice/")),
		sub("c", fx.val("arn:aws:firehose:eu-west-1:111111111111:deliverystream/lattice")),
	])) == 0
}

test_unknown_destination_is_silent if {
	count(findings([sub("a", fx.unknown), sub("b", fx.unknown)])) == 0
}

test_unknown_region_is_silent if {
	s := fx.access_log_subscription("aws_vpclattice_access_log_subscription.a", {
		"resource": fx.ref(sn), "destination_arn": fx.val("arn:aws:logs:us-east-1:111111111111:log-group:lattice"),
	})
	count(findings([s])) == 0
}

test_fires_on_a_log_group_name if {
	# aws_cloudwatch_log_group.x.name: the name, not the ARN
	[f] := [f | some f in findings([sub("a", fx.val("/lattice"))])]
	contains(f.message, "/lattice")
}
