package lattice.rules.access_logs_missing_test

import data.lattice.fixtures as fx
import data.lattice.rules.access_logs_missing as rule

sub_addr := "aws_vpclattice_access_log_subscription.sn"

sn(fields) := fx.service_network("aws_vpclattice_service_network.n", fields)

sub(fields) := fx.access_log_subscription(sub_addr, fx.merge({"resource": fx.ref_to("service_network", "aws_vpclattice_service_network.n")}, fields))

logged := {"access_log_subscriptions": [fx.id(sub_addr)]}

findings(entities) := fs if {
	fs := rule.deny with input as fx.model(entities)
}

test_fires_on_network_without_logs if {
	[f] := [f | some f in findings([sn({})])]
	not f.severity
	contains(f.message, "service network aws_vpclattice_service_network.n")
}

test_fires_as_info_on_service_without_logs if {
	svc := fx.service("aws_vpclattice_service.a", {})
	[f] := [f | some f in findings([svc])]
	f.severity == "info"
	f.entity == svc.id
}

test_fires_as_info_without_resource_logs if {
	n := sn(fx.merge(logged, {"resource_associations": [fx.id("aws_vpclattice_service_network_resource_association.r")]}))
	[f] := [f | some f in findings([n, sub({})])]
	f.severity == "info"
	contains(f.message, "RESOURCE")
}

test_silent_with_logs if {
	count(findings([sn(logged), sub({})])) == 0
}

test_silent_with_resource_logs if {
	n := sn(fx.merge(logged, {"resource_associations": [fx.id("aws_vpclattice_service_network_resource_association.r")]}))
	count(findings([n, sub({"service_network_log_type": fx.val("RESOURCE")})])) == 0
}

# Logging is the network's own configuration: leaving the unit (an SSM
# parameter, an output) does not let another unit turn it on.
test_fires_when_escaped if {
	[f] := [f | some f in findings([sn({"escaped": true})])]
	not f.severity
}

# Code the model does not read (a module, a nested stack) may subscribe it.
test_silent_when_unread if {
	count(findings([sn({"escaped": true, "unread": true})])) == 0
}

test_unknown_subscription_resource_suppresses if {
	loose := fx.access_log_subscription("aws_vpclattice_access_log_subscription.loose", {"resource": fx.unknown_ref("service_network")})
	count(findings([sn({}), loose])) == 0
}

test_unknown_log_type_is_silent if {
	n := sn(fx.merge(logged, {"resource_associations": [fx.id("aws_vpclattice_service_network_resource_association.r")]}))
	count(findings([n, sub({"service_network_log_type": fx.unknown})])) == 0
}

test_fires_as_info_with_explicit_service_log_type if {
	n := sn(fx.merge(logged, {"resource_associations": [fx.id("aws_vpclattice_service_network_resource_association.r")]}))
	[f] := [f | some f in findings([n, sub({"service_network_log_type": fx.val("SERVICE")})])]
	f.severity == "info"
}

# The model writes null when the code omits the log type (AWS default SERVICE).
test_fires_as_info_with_absent_log_type if {
	n := sn(fx.merge(logged, {"resource_associations": [fx.id("aws_vpclattice_service_network_resource_association.r")]}))
	[f] := [f | some f in findings([n, sub({"service_network_log_type": fx.absent})])]
	f.severity == "info"
}
