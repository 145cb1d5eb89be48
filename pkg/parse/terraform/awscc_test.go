package terraform

import (
	"testing"

	"github.com/lattice-lint/lattice-lint/pkg/model"
)

func TestAWSCCResources(t *testing.T) {
	files := map[string]string{"main.tf": `
resource "awscc_vpclattice_service_network" "sn" {
  name           = "core"
  auth_type      = "AWS_IAM"
  sharing_config = { enabled = false }
}
resource "aws_vpc" "v" { cidr_block = "10.0.0.0/16" }
resource "awscc_vpclattice_service_network_vpc_association" "a" {
  service_network_identifier = awscc_vpclattice_service_network.sn.id
  vpc_identifier             = aws_vpc.v.id
}
resource "awscc_vpclattice_resource_gateway" "gw" {
  name           = "gw"
  vpc_identifier = aws_vpc.v.id
  subnet_ids     = ["subnet-0123456789abcdef0"]
}
resource "awscc_vpclattice_resource_configuration" "rc" {
  name                        = "db"
  resource_configuration_type = "SINGLE"
  resource_gateway_id         = awscc_vpclattice_resource_gateway.gw.id
  port_ranges                 = ["5432"]
  protocol_type               = "TCP"
}
resource "awscc_vpclattice_service_network_resource_association" "ra" {
  resource_configuration_id = awscc_vpclattice_resource_configuration.rc.resource_configuration_id
  service_network_id        = awscc_vpclattice_service_network.sn.id
}
resource "aws_vpclattice_service" "s" { name = "s" }
resource "aws_vpclattice_target_group" "tg" {
  name = "tg"
  type = "LAMBDA"
}
resource "awscc_vpclattice_listener" "l" {
  service_identifier = aws_vpclattice_service.s.id
  protocol           = "HTTPS"
  default_action = {
    forward = { target_groups = [{ target_group_identifier = aws_vpclattice_target_group.tg.id, weight = 100 }] }
  }
}
`}
	m, ds := load(t, files, Options{})
	noErrors(t, ds)
	sn := entity[*model.ServiceNetwork](t, m, ".//awscc_vpclattice_service_network.sn")
	if !model.Is(sn.AuthType, "AWS_IAM") || !model.Is(sn.SharingEnabled, false) {
		t.Errorf("awscc service network: auth %+v sharing %+v", sn.AuthType, sn.SharingEnabled)
	}
	if len(sn.VPCAssociations) != 1 || len(sn.ResourceAssociations) != 1 {
		t.Errorf("awscc associations link to the network: %v %v", sn.VPCAssociations, sn.ResourceAssociations)
	}
	a := entity[*model.VPCAssociation](t, m, ".//awscc_vpclattice_service_network_vpc_association.a")
	if a.ServiceNetwork.Form() != "arn" {
		t.Errorf("the id of an awscc resource is its ARN: %+v", a.ServiceNetwork)
	}
	rc := entity[*model.ResourceConfiguration](t, m, ".//awscc_vpclattice_resource_configuration.rc")
	if rc.Gateway.Target != ".//awscc_vpclattice_resource_gateway.gw" || !model.Is(rc.Protocol, "TCP") || len(rc.PortRanges.Items) != 1 {
		t.Errorf("awscc resource configuration: %+v", rc)
	}
	for _, id := range []string{".//aws_vpclattice_service.s", ".//aws_vpclattice_target_group.tg"} {
		if !m.Get(id).Base().Escaped {
			t.Errorf("%s is used by an awscc listener the model does not read: it must be escaped", id)
		}
	}
	if sn.Escaped {
		t.Error("a modelled awscc resource is no escape")
	}
}

// TestAWSCCNetwork: the awscc network resources map to the entities of their
// hashicorp/aws and CloudFormation counterparts, including what is read from
// lists of objects, and references to them resolve with the form awscc's id
// has (an own id for a VPC or group, an ARN for a load balancer).
func TestAWSCCNetwork(t *testing.T) {
	files := map[string]string{"main.tf": `
resource "awscc_ec2_vpc" "v" { cidr_block = "10.0.0.0/16" }
resource "awscc_ec2_vpc_cidr_block" "v6" {
  vpc_id                           = awscc_ec2_vpc.v.id
  amazon_provided_ipv_6_cidr_block = true
}
resource "awscc_ec2_vpc_cidr_block" "v4" {
  vpc_id     = awscc_ec2_vpc.v.vpc_id
  cidr_block = "10.1.0.0/16"
}
resource "awscc_ec2_subnet" "s" {
  vpc_id     = awscc_ec2_vpc.v.id
  cidr_block = "10.0.1.0/24"
}
resource "awscc_ec2_prefix_list" "pl" {
  prefix_list_name = "corp"
  address_family   = "IPv4"
  max_entries      = 1
}
resource "awscc_ec2_security_group" "sg" {
  group_description = "targets"
  vpc_id            = awscc_ec2_vpc.v.id
  security_group_ingress = [{
    ip_protocol           = "6"
    from_port             = 443
    to_port               = 443
    source_prefix_list_id = awscc_ec2_prefix_list.pl.prefix_list_id
  }]
  tags = [{ key = "team", value = "core" }]
}
resource "awscc_ec2_security_group" "dyn" {
  group_description      = "rules from a variable"
  vpc_id                 = awscc_ec2_vpc.v.id
  security_group_ingress = var.rules
  security_group_egress  = []
}
variable "rules" { type = list(any) }
resource "awscc_ec2_security_group_egress" "out" {
  group_id                      = awscc_ec2_security_group.sg.id
  ip_protocol                   = "-1"
  destination_security_group_id = awscc_ec2_security_group.dyn.group_id
}
resource "awscc_elasticloadbalancingv2_load_balancer" "lb" {
  scheme          = "internal"
  type            = "network"
  subnet_mappings = [{ subnet_id = awscc_ec2_subnet.s.id }]
}
resource "awscc_elasticloadbalancingv2_listener" "l" {
  load_balancer_arn = awscc_elasticloadbalancingv2_load_balancer.lb.id
  port              = 80
  protocol          = "tcp"
  default_actions   = [{ type = "forward" }]
}
resource "awscc_ecs_service" "svc" {
  network_configuration = { awsvpc_configuration = { security_groups = [awscc_ec2_security_group.sg.id] } }
  vpc_lattice_configurations = [{
    target_group_arn = aws_vpclattice_target_group.tg.arn
    port_name        = "http"
    role_arn         = "arn:aws:iam::111111111111:role/ecs"
  }]
}
resource "aws_vpclattice_target_group" "tg" {
  name = "tg"
  type = "IP"
  config {
    port           = 80
    protocol       = "HTTP"
    vpc_identifier = awscc_ec2_vpc.v.id
  }
}
resource "awscc_ram_resource_share" "share" {
  name          = "share"
  resource_arns = [aws_vpclattice_target_group.tg.arn]
  principals    = ["222222222222"]
}
resource "awscc_ec2_vpc_endpoint" "gw" {
  vpc_id       = awscc_ec2_vpc.v.id
  service_name = "com.amazonaws.eu-west-1.s3"
}
`}
	m, ds := load(t, files, Options{})
	noErrors(t, ds)
	v := entity[*model.VPC](t, m, ".//awscc_ec2_vpc.v")
	if got := v.CIDRs; !got.Known || len(got.Items) != 3 || !model.Is(got.Items[0], "10.0.0.0/16") || got.Items[1].Known ||
		!model.Is(got.Items[2], "10.1.0.0/16") {
		t.Errorf("VPC blocks (own, Amazon IPv6, added IPv4): %+v", got)
	}
	sub := entity[*model.Subnet](t, m, ".//awscc_ec2_subnet.s")
	if sub.VPC.Target != v.ID || sub.VPC.Form() != "id" {
		t.Errorf("an awscc VPC's id is its own id: %+v", sub.VPC)
	}
	sg := entity[*model.SecurityGroup](t, m, ".//awscc_ec2_security_group.sg")
	if len(sg.Ingress) != 1 || !model.Is(sg.Ingress[0].Protocol, "tcp") || !model.Is(sg.Ingress[0].FromPort, 443) ||
		len(sg.Ingress[0].PrefixLists.Items) != 1 || sg.Ingress[0].PrefixLists.Items[0].Target != ".//awscc_ec2_prefix_list.pl" {
		t.Errorf("inline ingress from a list of objects: %+v", sg.Ingress)
	}
	if len(sg.Egress) != 2 || !model.Is(sg.Egress[0].CIDRs.Items[0], "0.0.0.0/0") || !sg.RulesKnown { // and the standalone rule
		t.Errorf("without egress rules awscc keeps AWS's default one: %+v", sg.Egress)
	}
	if sg.Tags["team"] != "core" {
		t.Errorf("awscc tags are a list of key/value objects: %v", sg.Tags)
	}
	dyn := entity[*model.SecurityGroup](t, m, ".//awscc_ec2_security_group.dyn")
	if dyn.RulesKnown || len(dyn.Egress) != 1 {
		t.Errorf("rules from an unknown value are not known; an empty egress list keeps the default: %+v", dyn)
	}
	out := entity[*model.SecurityGroupRule](t, m, ".//awscc_ec2_security_group_egress.out")
	if out.SecurityGroup.Target != sg.ID || out.Rule.Direction != "egress" || !model.Is(out.Rule.Protocol, "-1") ||
		len(out.Rule.SecurityGroups.Items) != 1 || out.Rule.SecurityGroups.Items[0].Target != dyn.ID {
		t.Errorf("standalone egress rule: %+v", out)
	}
	lb := entity[*model.LoadBalancer](t, m, ".//awscc_elasticloadbalancingv2_load_balancer.lb")
	if !model.Is(lb.Internal, true) || !model.Is(lb.Type, "network") || len(lb.Subnets.Items) != 1 || lb.Subnets.Items[0].Target != sub.ID {
		t.Errorf("load balancer scheme and subnet mappings: %+v", lb)
	}
	l := entity[*model.LoadBalancerListener](t, m, ".//awscc_elasticloadbalancingv2_listener.l")
	if l.LoadBalancer.Target != lb.ID || l.LoadBalancer.Form() != "arn" || !model.Is(l.Protocol, "TCP") {
		t.Errorf("an awscc load balancer's id is its ARN: %+v", l)
	}
	svc := entity[*model.ECSService](t, m, ".//awscc_ecs_service.svc")
	if len(svc.TargetGroups) != 1 || svc.TargetGroups[0].Target != ".//aws_vpclattice_target_group.tg" ||
		len(svc.SecurityGroups.Items) != 1 || svc.SecurityGroups.Items[0].Target != sg.ID {
		t.Errorf("ECS service target groups and groups from nested objects: %+v", svc)
	}
	share := entity[*model.ResourceShare](t, m, ".//awscc_ram_resource_share.share")
	if !share.Complete || len(share.Resources) != 1 || !model.Is(share.Principals[0], "222222222222") ||
		!model.Is(share.AllowExternalPrincipals, true) {
		t.Errorf("awscc share lists its resources and principals and allows external ones by default: %+v", share)
	}
	if m.Get(".//awscc_ec2_vpc_endpoint.gw") != nil {
		t.Error("a gateway endpoint is no VPC Lattice endpoint")
	}
}

// TestTrafficSources: an Auto Scaling group registers targets only in the
// target groups of its vpc-lattice traffic sources (an ELB source is not one),
// in hashicorp/aws blocks and awscc lists alike.
func TestTrafficSources(t *testing.T) {
	files := map[string]string{"main.tf": `
resource "aws_vpclattice_target_group" "tg" {
  name = "tg"
  type = "INSTANCE"
  config {
    port           = 80
    protocol       = "HTTP"
    vpc_identifier = "vpc-0123456789abcdef0"
  }
}
resource "aws_autoscaling_group" "g" {
  max_size = 1
  min_size = 1
  traffic_source {
    identifier = "arn:aws:elasticloadbalancing:us-east-1:111111111111:targetgroup/web/0123456789abcdef"
    type       = "elbv2"
  }
  traffic_source {
    identifier = aws_vpclattice_target_group.tg.arn
    type       = "vpc-lattice"
  }
}
resource "awscc_autoscaling_auto_scaling_group" "cc" {
  max_size = "1"
  min_size = "1"
  traffic_sources = [
    { identifier = "arn:aws:elasticloadbalancing:us-east-1:111111111111:targetgroup/web/0123456789abcdef", type = "elbv2" },
    { identifier = aws_vpclattice_target_group.tg.arn, type = "vpc-lattice" },
  ]
}
`}
	m, ds := load(t, files, Options{})
	noErrors(t, ds)
	for _, id := range []string{".//aws_autoscaling_group.g", ".//awscc_autoscaling_auto_scaling_group.cc"} {
		g := entity[*model.AutoScalingGroup](t, m, id)
		if len(g.TargetGroups) != 1 || g.TargetGroups[0].Target != ".//aws_vpclattice_target_group.tg" {
			t.Errorf("%s: lattice target groups %+v", id, g.TargetGroups)
		}
	}
	tg := entity[*model.TargetGroup](t, m, ".//aws_vpclattice_target_group.tg")
	if len(tg.DynamicSources) != 2 {
		t.Errorf("both groups feed the target group: %v", tg.DynamicSources)
	}
}
