package lattice.rules.target_registration_validity_test

import data.lattice.fixtures as fx
import data.lattice.rules.target_registration_validity as rule

app := fx.vpc("aws_vpc.app", {"cidr_blocks": fx.strings(["10.1.0.0/16", "10.2.0.0/16"])})

ip_tg(fields) := fx.target_group("aws_vpclattice_target_group.ip", fx.merge(
	{"type": fx.val("IP"), "vpc": fx.ref(app)},
	fields,
))

# ip_target registers a literal address (or another reference) in tg.
ip_target(tg, to) := fx.target("aws_vpclattice_target_group_attachment.t", {
	"target_group": fx.ref(tg),
	"target": {"form": "id", "value": to, "range": fx.at(30)},
	"port": fx.val(8080),
})

findings(es) := {[f.entity, object.get(f, "attribute", "")] | some f in fs} if {
	fs := rule.deny with input as fx.model(es)
}

test_silent_on_address_of_a_block if {
	tg := ip_tg({})
	t := ip_target(tg, "10.2.3.4")
	findings([app, tg, t]) == set()
}

test_fires_on_address_outside_the_blocks if {
	tg := ip_tg({})
	t := ip_target(tg, "10.9.0.5")
	findings([app, tg, t]) == {[t.id, "target"]}
}

test_fires_once_on_public_address_outside_the_blocks if {
	tg := ip_tg({})
	t := ip_target(tg, "203.0.113.10")
	fs := rule.deny with input as fx.model([app, tg, t])
	count(fs) == 1
	some f in fs
	contains(f.message, "publicly routable")
}

test_unknown_block_is_silent_on_private_address if {
	v := fx.vpc("aws_vpc.app", {"cidr_blocks": {"known": true, "items": [fx.val("10.1.0.0/16"), fx.unknown], "range": fx.at(1)}})
	tg := ip_tg({"vpc": fx.ref(v)})
	t := ip_target(tg, "10.9.0.5")
	findings([v, tg, t]) == set()
}

test_unknown_vpc_still_refuses_public_address if {
	tg := ip_tg({"vpc": fx.unknown_ref("vpc")})
	t := ip_target(tg, "52.1.2.3")
	findings([tg, t]) == {[t.id, "target"]}
}

test_unknown_vpc_silent_on_private_address if {
	tg := ip_tg({"vpc": fx.unknown_ref("vpc")})
	t := ip_target(tg, "100.64.1.2")
	findings([tg, t]) == set()
}

test_escaped_vpc_is_still_checked if {
	v := fx.merge(app, {"escaped": true})
	tg := ip_tg({"vpc": fx.ref(v)})
	t := ip_target(tg, "10.9.0.5")
	findings([v, tg, t]) == {[t.id, "target"]}
}

test_public_block_of_the_vpc_is_silent if {
	v := fx.vpc("aws_vpc.app", {"cidr_blocks": {"known": false, "items": [fx.val("52.1.0.0/16")], "range": fx.at(1)}})
	tg := ip_tg({"vpc": fx.ref(v)})
	t := ip_target(tg, "52.1.2.3")
	findings([v, tg, t]) == set()
}

test_unknown_target_is_silent if {
	tg := ip_tg({})
	t := fx.target("aws_vpclattice_target_group_attachment.t", {"target_group": fx.ref(tg), "target": fx.unknown_ref("")})
	findings([app, tg, t]) == set()
}

test_fires_on_ipv6_address_in_ipv4_group if {
	v := fx.vpc("aws_vpc.app", {"cidr_blocks": fx.strings(["10.1.0.0/16", "2600:1f18:1:100::/56"])})
	tg := ip_tg({"vpc": fx.ref(v)})
	t := ip_target(tg, "2600:1f18:1:100::10")
	findings([v, tg, t]) == {[t.id, "target"]}
}

test_silent_on_ipv6_address_in_ipv6_group if {
	v := fx.vpc("aws_vpc.app", {"cidr_blocks": fx.strings(["10.1.0.0/16", "2600:1f18:1:100::/56"])})
	tg := ip_tg({"vpc": fx.ref(v), "ip_address_type": fx.val("IPV6")})
	t := ip_target(tg, "2600:1f18:1:100::10")
	findings([v, tg, t]) == set()
}

test_unknown_address_type_is_silent_on_family if {
	v := fx.vpc("aws_vpc.app", {"cidr_blocks": fx.unknown_list})
	tg := ip_tg({"vpc": fx.ref(v), "ip_address_type": fx.unknown})
	t := ip_target(tg, "2600:1f18:1:100::10")
	findings([v, tg, t]) == set()
}

test_fires_on_ipv6_group_in_ipv4_only_vpc if {
	tg := ip_tg({"ip_address_type": fx.val("IPV6")})
	findings([app, tg]) == {[tg.id, "ip_address_type"]}
}

test_unknown_block_is_silent_on_ipv6_group if {
	v := fx.vpc("aws_vpc.app", {"cidr_blocks": fx.unknown_list})
	tg := ip_tg({"vpc": fx.ref(v), "ip_address_type": fx.val("IPV6")})
	findings([v, tg]) == set()
}

# --- instances ---

other := fx.vpc("aws_vpc.other", {"cidr_blocks": fx.strings(["10.9.0.0/16"])})

instance_case(subnet_vpc) := [tg, s, i, t] if {
	tg := fx.target_group("aws_vpclattice_target_group.i", {"type": fx.val("INSTANCE"), "vpc": fx.ref(app)})
	s := fx.subnet("aws_subnet.s", {"vpc": subnet_vpc})
	i := fx.instance("aws_instance.i", {"subnet": fx.ref(s)})
	t := fx.target("aws_vpclattice_target_group_attachment.i", {"target_group": fx.ref(tg), "target": fx.ref(i)})
}

test_fires_on_instance_of_another_vpc if {
	[tg, s, i, t] := instance_case(fx.ref(other))
	findings([app, other, tg, s, i, t]) == {[t.id, "target"]}
}

test_silent_on_instance_of_the_vpc if {
	[tg, s, i, t] := instance_case(fx.ref(app))
	findings([app, tg, s, i, t]) == set()
}

test_unknown_subnet_vpc_is_silent if {
	[tg, s, i, t] := instance_case(fx.unknown_ref("vpc"))
	findings([app, tg, s, i, t]) == set()
}

test_looked_up_vpc_may_be_the_same if {
	looked := fx.external("vpc", "vpc-0abc1234", null)
	[tg, s, i, t] := instance_case(fx.ref(looked))
	findings([app, looked, tg, s, i, t]) == set()
}

# --- ports ---

test_fires_on_port_out_of_range if {
	tg := ip_tg({})
	t := fx.merge(ip_target(tg, "10.1.0.5"), {"port": fx.val(70000)})
	findings([app, tg, t]) == {[t.id, "port"]}
}

test_unknown_port_is_silent if {
	tg := ip_tg({})
	t := fx.merge(ip_target(tg, "10.1.0.5"), {"port": fx.unknown})
	findings([app, tg, t]) == set()
}
