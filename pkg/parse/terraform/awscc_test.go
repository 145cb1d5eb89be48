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
