# Target helpers: which hosts a target group's targets are, which security
# groups guard them, and the ports VPC Lattice sends requests and health
# checks to. LAT-SEC-001 (is VPC Lattice admitted?) and LAT-SEC-013 (how?)
# read the same facts from here.
package lattice.lib

# traffic_port is the port VPC Lattice sends requests to: the attachment's own
# port, or the target group's when the attachment sets none.
traffic_port(t, _) := t.port.value

traffic_port(t, tg) := tg.port.value if absent(t.port)

# lattice_ports pairs each port VPC Lattice reaches the targets on with what it
# is for: the traffic port and, when health checks are on and use another
# port, the health-check port.
lattice_ports(port, tg) := [[port, "port"], [hc, "health-check port"]] if {
	hc := tg.health_check.port.value
	hc != port
	is(tg.health_check.enabled, true) # unknown or absent: health checks may be off
} else := [[port, "port"]]

# target_host is the instance or load balancer a target attachment registers.
target_host(t) := host if {
	in_model(t.target)
	host := target(t.target)
	host.kind in {"instance", "load_balancer"}
}

# host_security_groups are the security groups of a host, when the model knows all of them.
host_security_groups(host) := precise_security_groups(host.security_groups)

# guarded_targets lists, per target group, what VPC Lattice reaches and the
# security groups the model knows guard it: [target group, entity, port,
# security groups] for each instance or load balancer target and each ECS
# service registering tasks. Targets whose groups the model cannot know (IP
# targets) are not listed.
guarded_targets contains [tg, t, traffic_port(t, tg), sgs] if {
	some t in input.targets
	in_model(t.target_group)
	tg := target(t.target_group)
	sgs := host_security_groups(target_host(t))
}

guarded_targets contains [tg, svc, tg.port.value, sgs] if {
	some tg in input.target_groups
	some id in items(tg, "dynamic_sources")
	svc := input.ecs_services[id]
	sgs := precise_security_groups(svc.security_groups)
}
