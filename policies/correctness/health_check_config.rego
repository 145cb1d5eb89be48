# METADATA
# title: Target group health check is invalid or risky
# description: |
#   Errors (the target group is refused):
#
#   - health check protocol version GRPC (health checks speak HTTP1 or HTTP2 only);
#   - a TCP target group with health checks enabled but no explicit protocol or protocol version;
#   - a matcher outside 200-499, or not a code, a comma list of codes or a range ("200", "200,202", "200-299");
#   - interval outside 5-300 s, timeout outside 1-120 s, healthy or unhealthy threshold outside 2-10,
#     port outside 1-65535, or a path that does not start with "/".
#
#   Warnings:
#
#   - health checks explicitly disabled on an HTTP or HTTPS target group, or
#     left at their default (off) on an HTTP2 or GRPC target group: dead
#     targets keep receiving traffic, and when every target is unhealthy
#     VPC Lattice fails open;
#   - a timeout at least as long as the interval.
#
#   Health checks configured on LAMBDA or ALB target groups are reported by
#   LAT-COR-011 and LAT-COR-013, and a health-check port the targets'
#   security groups do not admit by LAT-SEC-001. CloudFormation templates
#   whose HealthCheck.Protocol or ProtocolVersion is not an accepted value are
#   refused as input errors before rules run. Whether the default path "/"
#   answers 200 on the targets is run-time data no code holds. The health
#   check is the target group's own configuration: the rule fires even when
#   the target group escapes the model.
# related_resources:
#   - ref: https://docs.aws.amazon.com/vpc-lattice/latest/ug/target-group-health-checks.html
#   - ref: https://docs.aws.amazon.com/vpc-lattice/latest/APIReference/API_HealthCheckConfig.html
# schemas:
#   - input: schema.input
# custom:
#   id: LAT-COR-015
#   name: health-check-config
#   severity: error
#   remediation: Keep health checks enabled with an HTTP1 or HTTP2 protocol version, in-range timings and thresholds, a "/" path and a 200-499 matcher.
package lattice.rules.health_check_config

import data.lattice.lib

# checked target groups: INSTANCE and IP (LAMBDA and ALB have no Lattice health checks)
checked contains tg if {
	some tg in input.target_groups
	tg.type.value in {"INSTANCE", "IP"}
}

# explicit reports whether the code writes the attribute (not an AWS default).
explicit(attr) if {
	lib.known(attr)
	not lib.default_value(attr)
}

finding(tg, attr, severity, msg) := {
	"entity": tg.id,
	"attribute": concat(".", ["health_check", attr]),
	"severity": severity,
	"message": sprintf("target group %s: %s", [lib.name(tg), msg]),
}

# numeric ranges of the API, as data
ranges := {
	"interval_seconds": [5, 300],
	"timeout_seconds": [1, 120],
	"healthy_threshold": [2, 10],
	"unhealthy_threshold": [2, 10],
	"port": [1, 65535],
}

deny contains finding(tg, field, "error", msg) if {
	some tg in checked
	some field, [lo, hi] in ranges
	v := tg.health_check[field].value
	not between(v, lo, hi)
	msg := sprintf("health check %s is %d, outside %d-%d: creating the target group fails", [field, v, lo, hi])
}

between(v, lo, hi) if {
	v >= lo
	v <= hi
}

deny contains finding(tg, "protocol_version", "error", "health check protocol version GRPC is not supported (only HTTP1 and HTTP2): creating the target group fails") if {
	some tg in checked
	lib.is(tg.health_check.protocol_version, "GRPC")
}

deny contains finding(tg, "path", "error", msg) if {
	some tg in checked
	p := tg.health_check.path.value
	not startswith(p, "/")
	msg := sprintf("health check path %q does not start with \"/\": creating the target group fails", [p])
}

deny contains finding(tg, "matcher", "error", msg) if {
	some tg in checked
	m := tg.health_check.matcher.value
	not valid_matcher(m)
	msg := sprintf("health check matcher %q is not a code, list of codes or range within 200-499: creating the target group fails", [m])
}

valid_matcher(m) if {
	every part in split(m, ",") {
		valid_codes(trim_space(part))
	}
}

valid_codes(p) if {
	regex.match(`^[0-9]{3}$`, p)
	between(to_number(p), 200, 499)
}

valid_codes(p) if {
	regex.match(`^[0-9]{3}-[0-9]{3}$`, p)
	[lo, hi] := [to_number(x) | some x in split(p, "-")]
	between(lo, 200, 499)
	between(hi, 200, 499)
	lo <= hi
}

deny contains finding(tg, attr, "error", msg) if {
	some tg in checked
	lib.is(tg.protocol, "TCP")
	lib.is(tg.health_check.enabled, true)
	some attr in ["protocol", "protocol_version"]
	not explicit(tg.health_check[attr])
	not lib.unknown_attr(tg.health_check[attr])
	msg := sprintf("health checks are enabled on a TCP target group without an explicit health check %s: a TCP target group must say how to probe its targets", [attr])
}

deny contains finding(tg, "enabled", "warning", msg) if {
	some tg in checked
	tg.protocol.value in {"HTTP", "HTTPS"}
	tg.health_check.enabled.value == false
	not lib.default_value(tg.health_check.enabled)
	msg := "health checks are disabled: VPC Lattice keeps sending traffic to dead targets"
}

deny contains finding(tg, "enabled", "warning", msg) if {
	some tg in checked
	tg.protocol.value in {"HTTP", "HTTPS"}
	v := tg.protocol_version.value
	v in {"HTTP2", "GRPC"}
	tg.health_check.enabled.value == false
	lib.default_value(tg.health_check.enabled)
	msg := sprintf("health checks of a %s target group are off unless enabled, and this one does not enable them: VPC Lattice keeps sending traffic to dead targets", [v])
}

deny contains finding(tg, "timeout_seconds", "warning", msg) if {
	some tg in checked
	hc := tg.health_check
	not hc.enabled.value == false
	t := hc.timeout_seconds.value
	i := hc.interval_seconds.value
	t >= i
	msg := sprintf("health check timeout (%d s) is not shorter than its interval (%d s): a slow probe overlaps the next one", [t, i])
}
