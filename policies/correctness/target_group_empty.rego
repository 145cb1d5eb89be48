# METADATA
# title: Target group has no targets
# description: |
#   VPC Lattice routes a target group's share of the traffic only to targets
#   registered in it: requests forwarded to a target group without targets
#   fail. Targets are registered statically (Terraform
#   aws_vpclattice_target_group_attachment, CloudFormation Targets) or at run
#   time by an ECS service (vpc_lattice_configurations /
#   VpcLatticeConfigurations), an Auto Scaling group (a vpc-lattice traffic
#   source, also as aws_autoscaling_traffic_source_attachment) or the AWS
#   Gateway API Controller for Kubernetes.
#
#   The rule reports a target group without static targets. It is a warning
#   when nothing registers any, and info when an ECS service or Auto Scaling
#   group of the model registers them at run time or the target group carries
#   the Gateway API Controller's application-networking.k8s.aws/ tags. Another
#   unit may register targets: the rule stays silent when the target group's
#   id or ARN leaves the unit (an output, an SSM parameter, a module or custom
#   resource the model does not read), and while any target, ECS service or
#   Auto Scaling group of the model names a target group the model cannot
#   resolve (it may be this one). Registrations made at run time with the CLI,
#   the console or a controller that leaves no tag are not in any static code.
# related_resources:
#   - ref: https://docs.aws.amazon.com/vpc-lattice/latest/ug/target-groups.html
#   - ref: https://docs.aws.amazon.com/vpc-lattice/latest/ug/register-targets.html
#   - ref: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-vpc-lattice.html
# schemas:
#   - input: schema.input
# custom:
#   id: LAT-COR-008
#   name: target-group-empty
#   severity: warning
#   missing_relation: true
#   remediation: Register targets in the target group (an attachment, CloudFormation Targets), or point an ECS service's VPC Lattice configuration or an Auto Scaling group's vpc-lattice traffic source at it.
package lattice.rules.target_group_empty

import data.lattice.lib

# The tag prefix the AWS Gateway API Controller puts on what it manages.
k8s_controller_tag_prefix := "application-networking.k8s.aws/"

# hidden_source: some registration names a target group the model cannot resolve.
hidden_source if lib.unresolved_in("targets", "target_group")

hidden_source if {
	some c in ["ecs_services", "autoscaling_groups"]
	some e in input[c]
	some ref in lib.items(e, "lattice_target_groups")
	lib.unresolved(ref)
}

deny contains f if {
	not hidden_source
	some tg in input.target_groups
	lib.empty(tg, "targets")
	not lib.unread(tg)
	reportable(tg)
	f := object.union(
		{"entity": tg.id, "message": sprintf("target group %s has no registered targets%s", [lib.name(tg), why(tg)])},
		severity(tg),
	)
}

# A fed target group is reported (info) wherever its id goes; an unfed one
# only while the unit keeps it to itself.
reportable(tg) if fed(tg)

reportable(tg) if not lib.escaped(tg)

fed(tg) if not lib.empty(tg, "dynamic_sources")

fed(tg) if {
	some k, _ in object.get(tg, "tags", {})
	startswith(k, k8s_controller_tag_prefix)
}

severity(tg) := {"severity": "info"} if fed(tg)

severity(tg) := {} if not fed(tg)

why(tg) := sprintf(": %s registers them at run time", [concat(", ", sort([lib.name(lib.entity(s)) | some s in lib.items(tg, "dynamic_sources")]))]) if {
	not lib.empty(tg, "dynamic_sources")
} else := ": the Kubernetes Gateway API Controller that tags it registers them at run time" if {
	fed(tg)
} else := " and no ECS service or Auto Scaling group registers any: requests forwarded to it fail"
