# Builders for Rego test inputs, shaped exactly like the JSON of a linked
# model.Model (pkg/rules checks every builder against the Go types). Each
# builder takes the entity's address and an object of fields that override the
# defaults; back-references (service.listeners …) are set by the test, as Link
# would set them.
package lattice.fixtures

import data.lattice.lib

# --- ranges and values -----------------------------------------------------------

zero := ["", 0, 0, 0, 0]

at(line) := ["main.tf", line, 1, line + 2, 2]

val(v) := {"value": v, "range": at(1)}

dflt(v) := {"value": v, "default": true, "range": at(1)}

# unknown is an attribute the code sets to something static analysis cannot read.
unknown := {"unknown": true, "range": at(1)}

# absent is an attribute (or optional reference) the code does not set.
absent := null

# --- references --------------------------------------------------------------------

# ref is a resolved reference to an entity built here (in the model or external).
ref(e) := {"target": e.id, "kind": e.kind, "attribute": "id", "form": "id", "range": at(1)} if e.kind != "external"

ref(e) := {
	"target": e.id, "kind": e.for, "external": true,
	"form": form(e.identifier.value), "value": e.identifier.value, "range": at(1),
} if e.kind == "external"

form(identifier) := "arn" if startswith(identifier, "arn:")

form(identifier) := "id" if not startswith(identifier, "arn:")

# id is the entity id builders give the entity at a Terraform address.
id(addr) := concat("//", ["root", addr])

# ref_to is a resolved reference by kind and address, for entities that refer
# to each other (Rego rules may not be mutually recursive).
ref_to(kind, addr) := {"target": id(addr), "kind": kind, "attribute": "id", "form": "id", "range": at(1)}

# literal_ref is a reference written as a literal (an ARN, a name), resolved to nothing.
literal_ref(v) := {"form": form(v), "value": v, "range": at(1)}

# unknown_ref is a reference set to an unknown value (a variable without value).
unknown_ref(kind) := {"kind": kind, "unknown": true, "range": at(1)}

ref_list(es) := {"known": true, "items": [ref(e) | some e in es], "range": at(1)}

no_list := {"known": true, "items": null, "range": zero}

# absent_list is a list attribute the code does not set (and AWS gives no default).
absent_list := {"known": false, "items": null, "range": zero}

unknown_list := {"known": false, "items": null, "range": at(1)}

strings(vs) := {"known": true, "items": [val(v) | some v in vs], "range": at(1)}

# --- model -----------------------------------------------------------------------------

# model is the input document holding the given entities.
model(es) := model_in({}, es)

# model_in is model with the accounts map set (keys are 12-digit account ids).
model_in(accounts, es) := object.union(
	{"schema_version": "1", "accounts": {a: {"id": a, "sources": ["root"]} | some a in accounts}},
	{c: {e.id: e | some e in es; lib.collection(e.kind) == c} | some c in {lib.collection(e.kind) | some e in es}},
)

# --- entities ----------------------------------------------------------------------------

meta(kind, type, addr) := {
	"id": id(addr), "kind": kind, "type": type, "address": addr,
	"format": "terraform", "source": "root", "range": at(10),
	"account": absent, "region": absent,
}

build(kind, type, addr, defaults, fields) := merge(merge(meta(kind, type, addr), defaults), fields)

# merge is a shallow object.union: a field in over replaces the one in base whole.
merge(base, over) := object.union(object.remove(base, object.keys(over)), over)

vpc(addr, fields) := build(
	"vpc", "aws_vpc", addr, {
		"cidr_blocks": strings(["10.0.0.0/16"]), "identifier": absent,
		"security_groups": null, "service_network_associations": null, "target_groups": null, "vpc_endpoints": null,
	},
	fields,
)

# ingress is one security group rule; tcp 443 from nothing unless fields say so.
ingress(fields) := merge(
	{
		"direction": "ingress", "protocol": val("tcp"), "from_port": val(443), "to_port": val(443),
		"cidr_blocks": no_list, "cidrs_cover_lattice": {"value": false, "range": zero},
		"cidrs_broader_than_lattice": {"value": false, "range": zero},
		"prefix_lists": no_list, "security_groups": no_list, "self": absent, "range": at(12),
	},
	fields,
)

security_group(addr, fields) := build(
	"security_group", "aws_security_group", addr, {
		"name": absent, "vpc": absent, "ingress": null, "egress": null, "rules_known": true,
	},
	fields,
)

prefix_list(addr, fields) := build(
	"prefix_list", "aws_ec2_managed_prefix_list", addr, {
		"name": val("com.amazonaws.eu-west-1.vpc-lattice"), "lattice": val(true),
	},
	fields,
)

service_network(addr, fields) := build(
	"service_network", "aws_vpclattice_service_network", addr, {
		"name": val("net"), "auth_type": dflt("NONE"), "sharing_enabled": absent,
		"vpc_associations": null, "service_associations": null, "resource_associations": null,
		"vpc_endpoints": null, "auth_policies": null, "resource_policies": null,
		"access_log_subscriptions": null, "resource_shares": null,
	},
	fields,
)

service(addr, fields) := build(
	"service", "aws_vpclattice_service", addr, {
		"name": val("svc"), "auth_type": dflt("NONE"), "custom_domain_name": absent, "certificate_arn": absent,
		"listeners": null, "service_associations": null, "auth_policies": null, "resource_policies": null,
		"access_log_subscriptions": null, "resource_shares": null,
	},
	fields,
)

action(fields) := merge({"type": val("forward"), "status_code": absent, "forward": null, "range": at(20)}, fields)

forward(tgs) := action({"forward": [{"target_group": ref(tg), "weight": absent} | some tg in tgs]})

listener(addr, fields) := build(
	"listener", "aws_vpclattice_listener", addr, {
		"name": val("http"), "protocol": val("HTTP"), "port": dflt(80), "service": absent,
		"default_action": action({"type": val("fixed_response"), "status_code": val(404)}), "rules": null,
	},
	fields,
)

listener_rule(addr, fields) := build(
	"listener_rule", "aws_vpclattice_listener_rule", addr, {
		"name": val("rule"), "priority": val(10), "service": absent, "listener": absent,
		"match": {
			"method": absent, "path_match_type": val("prefix"), "path": val("/"),
			"path_case_sensitive": absent, "headers": null, "range": at(21),
		},
		"action": action({"type": val("fixed_response"), "status_code": val(404)}),
	},
	fields,
)

health_check(fields) := merge(
	{
		"set": false, "enabled": dflt(true), "protocol": absent, "protocol_version": absent, "port": absent,
		"path": dflt("/"), "interval_seconds": dflt(30), "timeout_seconds": dflt(5), "healthy_threshold": dflt(5),
		"unhealthy_threshold": dflt(2), "matcher": dflt("200"), "range": zero,
	},
	fields,
)

target_group(addr, fields) := build(
	"target_group", "aws_vpclattice_target_group", addr, {
		"name": val("tg"), "type": val("INSTANCE"), "port": val(8080), "protocol": val("HTTP"),
		"protocol_version": dflt("HTTP1"), "ip_address_type": dflt("IPV4"), "lambda_event_structure_version": absent,
		"vpc": absent, "health_check": health_check({}),
		"targets": null, "forwarded_by": null, "services": null, "dynamic_sources": null,
	},
	fields,
)

target(addr, fields) := build(
	"target", "aws_vpclattice_target_group_attachment", addr, {
		"target_group": absent, "target": absent, "port": absent,
	},
	fields,
)

vpc_association(addr, fields) := build(
	"service_network_vpc_association", "aws_vpclattice_service_network_vpc_association", addr,
	{
		"service_network": absent, "vpc": absent, "security_groups": no_list, "private_dns_enabled": absent,
		"private_dns_preference": absent, "private_dns_specified_domains": absent_list,
	},
	fields,
)

service_association(addr, fields) := build(
	"service_network_service_association", "aws_vpclattice_service_network_service_association", addr,
	{"service_network": absent, "service": absent},
	fields,
)

resource_association(addr, fields) := build(
	"service_network_resource_association", "aws_vpclattice_service_network_resource_association", addr,
	{"service_network": absent, "resource_configuration": absent, "private_dns_enabled": absent},
	fields,
)

vpc_endpoint(addr, fields) := build(
	"vpc_endpoint", "aws_vpc_endpoint", addr, {
		"endpoint_type": val("ServiceNetwork"), "vpc": absent, "service_network": absent,
		"resource_configuration": absent, "security_groups": no_list, "subnets": no_list,
		"private_dns_enabled": absent, "private_dns_preference": absent, "private_dns_specified_domains": absent_list,
	},
	fields,
)

resource_configuration(addr, fields) := build(
	"resource_configuration", "aws_vpclattice_resource_configuration", addr,
	{
		"name": val("db"), "type": val("SINGLE"), "resource_gateway": absent, "group": absent,
		"port_ranges": strings(["5432"]), "protocol": dflt("TCP"),
		"allow_association_to_shareable_service_network": absent, "custom_domain_name": absent,
		"domain_verification": absent, "group_domain": absent, "ip_address": absent, "domain_name": absent, "dns_ip_address_type": absent,
		"resource_arn": absent,
		"resource_associations": null, "access_log_subscriptions": null, "resource_shares": null,
	},
	fields,
)

resource_gateway(addr, fields) := build(
	"resource_gateway", "aws_vpclattice_resource_gateway", addr,
	{
		"name": val("gw"), "vpc": absent, "subnets": no_list, "security_groups": no_list,
		"ip_address_type": absent, "ipv4_addresses_per_eni": absent, "resource_configurations": null,
	},
	fields,
)

auth_policy(addr, fields) := build(
	"auth_policy", "aws_vpclattice_auth_policy", addr, {
		"resource": absent, "policy": unknown, "size": absent,
	},
	fields,
)

resource_policy(addr, fields) := build(
	"resource_policy", "aws_vpclattice_resource_policy", addr, {"resource": absent, "policy": unknown},
	fields,
)

access_log_subscription(addr, fields) := build(
	"access_log_subscription", "aws_vpclattice_access_log_subscription", addr,
	{
		"resource": absent, "destination_arn": literal_ref("arn:aws:logs:eu-west-1:111111111111:log-group:lattice"),
		"service_network_log_type": absent,
	},
	fields,
)

resource_share(addr, fields) := build(
	"resource_share", "aws_ram_resource_share", addr, {
		"name": val("share"), "allow_external_principals": dflt(false), "resources": null, "principals": null,
		"complete": true,
	},
	fields,
)

share_association(addr, fields) := build(
	"resource_share_association", "aws_ram_resource_association", addr,
	{"share": absent, "resource": absent, "principal": absent},
	fields,
)

instance(addr, fields) := build(
	"instance", "aws_instance", addr, {
		"security_groups": no_list, "subnet": absent,
	},
	fields,
)

load_balancer(addr, fields) := build(
	"load_balancer", "aws_lb", addr, {
		"name": val("alb"), "load_balancer_type": dflt("application"), "internal": val(true),
		"security_groups": no_list, "subnets": no_list, "listeners": null,
	},
	fields,
)

ecs_service(addr, fields) := build(
	"ecs_service", "aws_ecs_service", addr, {
		"security_groups": no_list, "lattice_target_groups": null,
	},
	fields,
)

autoscaling_group(addr, fields) := build(
	"autoscaling_group", "aws_autoscaling_group", addr, {"lattice_target_groups": null},
	fields,
)

share_accepter(addr, fields) := build(
	"resource_share_accepter", "aws_ram_resource_share_accepter", addr, {"share": absent},
	fields,
)

dns_zone(addr, fields) := build("dns_zone", "aws_route53_zone", addr, {"name": absent}, fields)

dns_record(addr, fields) := build(
	"dns_record", "aws_route53_record", addr, {
		"zone": absent, "name": absent, "type": absent, "points_to": absent_list,
	},
	fields,
)

# log_destination is a log group by default; "destination_type" and "type" make it a bucket or stream.
log_destination(addr, fields) := build(
	"log_destination", "aws_cloudwatch_log_group", addr,
	{"destination_type": "log_group", "name": val("lattice")},
	fields,
)

domain_verification(addr, fields) := build(
	"domain_verification", "aws_vpclattice_domain_verification", addr, {"domain_name": val("example.com")},
	fields,
)

lambda_function(addr, fields) := build(
	"lambda_function", "aws_lambda_function", addr, {
		"function_name": val("fn"), "permissions": null,
	},
	fields,
)

lambda_permission(addr, fields) := build(
	"lambda_permission", "aws_lambda_permission", addr, {
		"function": absent, "action": val("lambda:InvokeFunction"), "principal": val("vpc-lattice.amazonaws.com"),
		"source_arn": absent,
	},
	fields,
)

subnet(addr, fields) := build(
	"subnet", "aws_subnet", addr, {
		"vpc": absent, "cidr_block": val("10.0.1.0/24"), "availability_zone": val("eu-west-1a"),
		"availability_zone_id": absent, "ipv6_cidr_block": absent, "ipv6_native": absent,
	},
	fields,
)

load_balancer_listener(addr, fields) := build(
	"load_balancer_listener", "aws_lb_listener", addr, {
		"load_balancer": absent, "port": val(80), "protocol": val("HTTP"),
	},
	fields,
)

# external is an entity the model only knows by identifier (a literal ARN or id).
external(kind, identifier, account) := {
	"id": concat("/", ["external/", kind, identifier]), "kind": "external", "type": "external",
	"address": identifier, "format": "terraform", "source": "root", "range": at(1),
	"account": account, "region": absent, "for": kind, "identifier": val(identifier),
}

# samples is one entity of every builder, checked against the Go model types.
samples := [
	vpc("aws_vpc.v", {}),
	security_group("aws_security_group.s", {"ingress": [ingress({})]}),
	prefix_list("data.aws_ec2_managed_prefix_list.p", {}),
	service_network("aws_vpclattice_service_network.n", {}),
	service("aws_vpclattice_service.s", {}),
	listener("aws_vpclattice_listener.l", {}),
	listener_rule("aws_vpclattice_listener_rule.r", {}),
	target_group("aws_vpclattice_target_group.t", {}),
	target("aws_vpclattice_target_group_attachment.a", {}),
	vpc_association("aws_vpclattice_service_network_vpc_association.a", {}),
	service_association("aws_vpclattice_service_network_service_association.a", {}),
	resource_association("aws_vpclattice_service_network_resource_association.a", {}),
	vpc_endpoint("aws_vpc_endpoint.e", {}),
	resource_configuration("aws_vpclattice_resource_configuration.c", {}),
	resource_gateway("aws_vpclattice_resource_gateway.g", {}),
	auth_policy("aws_vpclattice_auth_policy.p", {}),
	resource_policy("aws_vpclattice_resource_policy.p", {}),
	access_log_subscription("aws_vpclattice_access_log_subscription.l", {}),
	resource_share("aws_ram_resource_share.s", {}),
	share_association("aws_ram_resource_association.a", {}),
	instance("aws_instance.i", {}),
	load_balancer("aws_lb.a", {}),
	ecs_service("aws_ecs_service.e", {}),
	autoscaling_group("aws_autoscaling_group.g", {}),
	lambda_function("aws_lambda_function.f", {}),
	lambda_permission("aws_lambda_permission.p", {}),
	subnet("aws_subnet.s", {}),
	load_balancer_listener("aws_lb_listener.l", {}),
	share_accepter("aws_ram_resource_share_accepter.a", {}),
	dns_zone("aws_route53_zone.z", {}),
	dns_record("aws_route53_record.r", {}),
	log_destination("aws_cloudwatch_log_group.g", {}),
	domain_verification("aws_vpclattice_domain_verification.d", {}),
	external("service", "arn:aws:vpc-lattice:eu-west-1:222222222222:service/svc-0123456789abcdef0", val("222222222222")),
]
