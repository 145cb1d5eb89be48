# METADATA
# title: Target that VPC Lattice refuses to register
# description: |
#   RegisterTargets refuses a target that does not belong to the target
#   group's VPC or address family, and a target port outside 1-65535: the
#   deployment fails at the attachment (CloudFormation rolls the target group
#   back).
#
#   The rule reports (error):
#
#   - an IP target outside every CIDR block of the target group's VPC (the
#     VPC's own blocks and its further CIDR block resources);
#   - an IPv4 target that is publicly routable (outside 10.0.0.0/8,
#     172.16.0.0/12, 192.168.0.0/16 and 100.64.0.0/10) and in no block of the
#     VPC the code shows, also where the VPC's blocks cannot all be known (a
#     VPC on public addresses is rare, and then its block is usually written);
#   - an IP target of the other family than the target group's
#     ip_address_type (IPV4 by default);
#   - an IPV6 target group whose VPC has no IPv6 block;
#   - an INSTANCE target whose subnet is in another VPC than the target
#     group's;
#   - a target port outside 1-65535.
#
#   It stays silent where static code cannot know: a VPC whose blocks are
#   partly unknown (an IPAM pool, Amazon's IPv6 block, a CIDR block resource
#   whose count or condition is unknown) or that the model does not declare;
#   an instance, subnet or VPC the model does not declare. A VPC's blocks are
#   its own configuration: a VPC whose id leaves the unit is still checked
#   (a block another unit adds to it is not seen). An IP that belongs to a VPC endpoint's network interface, or to
#   another service in the VPC, is assigned at deploy time: no template or
#   root shows it.
# related_resources:
#   - ref: https://docs.aws.amazon.com/vpc-lattice/latest/ug/register-targets.html
#   - ref: https://docs.aws.amazon.com/vpc-lattice/latest/ug/ip-address-target-groups.html
#   - ref: https://docs.aws.amazon.com/vpc-lattice/latest/APIReference/API_RegisterTargets.html
# schemas:
#   - input: schema.input
# custom:
#   id: LAT-COR-014
#   name: target-registration-validity
#   severity: error
#   remediation: Register addresses from the target group VPC's own subnets, of the target group's address family, instances of subnets in that VPC, and ports within 1-65535; give a VPC an IPv6 block before an IPV6 target group uses it.
package lattice.rules.target_registration_validity

import data.lattice.lib

# private are the IPv4 ranges a target may use besides the VPC's own blocks.
private := ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10"]

# placed lists [target, its target group] for targets of a target group in the model.
placed contains [t, tg] if {
	some t in input.targets
	lib.in_model(t.target_group)
	tg := input.target_groups[t.target_group.target]
}

# ip is the literal IP address a target registers, with its family.
ip(t) := [t.target.value, "IPV4"] if {
	not t.target.target
	net.cidr_contains("0.0.0.0/0", t.target.value)
}

ip(t) := [t.target.value, "IPV6"] if {
	not t.target.target
	net.cidr_contains("::/0", t.target.value)
}

# family is the target group's address family: IPV4 unless the code says IPV6.
family(tg) := tg.ip_address_type.value if lib.known(tg.ip_address_type)

family(tg) := "IPV4" if lib.absent(tg.ip_address_type)

# vpc is the target group's VPC, declared in the model.
vpc(tg) := input.vpcs[tg.vpc.target] if lib.in_model(tg.vpc)

# blocks are a VPC's CIDR blocks, when every one is known.
blocks(v) := [c.value | some c in lib.items(v.cidr_blocks, "items")] if {
	v.cidr_blocks.known == true
	every c in lib.items(v.cidr_blocks, "items") {
		lib.known(c)
	}
}

inside(addr, cidrs) if {
	some c in cidrs
	net.cidr_contains(c, addr)
}

# --- IP targets ------------------------------------------------------------------

deny contains f if {
	some [t, tg] in placed
	lib.is(tg.type, "IP")
	[addr, _] := ip(t)
	[v, cidrs] := decidable_blocks(tg)
	not inside(addr, cidrs)
	f := {
		"entity": t.id,
		"attribute": "target",
		"message": sprintf(
			"target %s registers %s%s in target group %s, outside every CIDR block of its VPC %s (%s): RegisterTargets refuses it",
			[lib.name(t), addr, public_note(addr), lib.name(tg), lib.name(v), concat(", ", cidrs)],
		),
	}
}

# decidable_blocks is [VPC, its blocks] for a target group whose VPC the model
# declares with every block known.
decidable_blocks(tg) := [v, cidrs] if {
	v := vpc(tg)
	cidrs := blocks(v)
}

public(addr) if {
	net.cidr_contains("0.0.0.0/0", addr)
	not inside(addr, private)
}

public_note(addr) := ", a publicly routable address," if public(addr)

else := ""

# Where the VPC's blocks cannot all be known, a publicly routable IPv4 address
# is still refused unless a block the code shows holds it (a VPC on public
# addresses is rare, and then its block is usually written).
deny contains f if {
	some [t, tg] in placed
	lib.is(tg.type, "IP")
	[addr, _] := ip(t)
	public(addr)
	not decidable_blocks(tg)
	not in_known_block(addr, tg)
	f := {
		"entity": t.id,
		"attribute": "target",
		"message": sprintf(
			"target %s registers %s in target group %s, a publicly routable address: VPC Lattice registers only addresses of the VPC's subnets and private ranges",
			[lib.name(t), addr, lib.name(tg)],
		),
	}
}

in_known_block(addr, tg) if {
	some c in lib.items(vpc(tg).cidr_blocks, "items")
	net.cidr_contains(c.value, addr)
}

deny contains f if {
	some [t, tg] in placed
	lib.is(tg.type, "IP")
	[addr, fam] := ip(t)
	want := family(tg)
	fam != want
	f := {
		"entity": t.id,
		"attribute": "target",
		"message": sprintf(
			"target %s registers the %s address %s in target group %s, whose ip_address_type is %s: RegisterTargets refuses it",
			[lib.name(t), fam, addr, lib.name(tg), want],
		),
	}
}

deny contains f if {
	some tg in input.target_groups
	lib.is(tg.type, "IP")
	lib.is(tg.ip_address_type, "IPV6")
	v := vpc(tg)
	cidrs := blocks(v)
	not some_ipv6(cidrs)
	f := {
		"entity": tg.id,
		"attribute": "ip_address_type",
		"message": sprintf(
			"IPV6 target group %s is in VPC %s, which has no IPv6 CIDR block (%s): creating it fails",
			[lib.name(tg), lib.name(v), concat(", ", cidrs)],
		),
	}
}

some_ipv6(cidrs) if {
	some c in cidrs
	contains(c, ":")
}

# --- instance targets ------------------------------------------------------------

deny contains f if {
	some [t, tg] in placed
	lib.is(tg.type, "INSTANCE")
	lib.in_model(t.target)
	inst := input.instances[t.target.target]
	lib.in_model(inst.subnet)
	subnet := input.subnets[inst.subnet.target]
	other_vpc(subnet.vpc, tg.vpc)
	f := {
		"entity": t.id,
		"attribute": "target",
		"message": sprintf(
			"target %s registers instance %s of subnet %s in VPC %s, but target group %s is in VPC %s: instance targets must be in the target group's VPC",
			[lib.name(t), lib.name(inst), lib.name(subnet), vpc_name(subnet.vpc), lib.name(tg), vpc_name(tg.vpc)],
		),
	}
}

# other_vpc reports whether two VPC references surely name different VPCs:
# two VPCs of the model, or two literal ids. A VPC of the model and a looked-up
# or literal one may be the same.
other_vpc(a, b) if {
	lib.in_model(a)
	lib.in_model(b)
	a.target != b.target
}

other_vpc(a, b) if {
	a.external
	b.external
	lib.known(lib.target(a).identifier)
	lib.known(lib.target(b).identifier)
	lib.target(a).identifier.value != lib.target(b).identifier.value
}

vpc_name(ref) := lib.name(lib.target(ref))

# --- ports -----------------------------------------------------------------------

deny contains f if {
	some t in input.targets
	n := t.port.value
	not valid_port(n)
	f := {
		"entity": t.id,
		"attribute": "port",
		"message": sprintf("target %s registers port %d, outside 1-65535: RegisterTargets refuses it", [lib.name(t), n]),
	}
}

valid_port(n) if {
	n >= 1
	n <= 65535
}
