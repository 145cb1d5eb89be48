package terraform

import (
	"testing"

	"github.com/lattice-lint/lattice-lint/pkg/model"
)

// TestVPCBlocks: hashicorp/aws's block associations add to the VPC's
// cidr_blocks like awscc's and CloudFormation's VPC CIDR block resources; a
// block AWS allocates (Amazon's IPv6, a pool) is unknown, and so is the VPC's
// own IPv6 block when assign_generated_ipv6_cidr_block is not known false.
func TestVPCBlocks(t *testing.T) {
	files := map[string]string{"main.tf": `
variable "ipv6" { type = bool }
resource "aws_vpc" "v" { cidr_block = "10.0.0.0/16" }
resource "aws_vpc_ipv4_cidr_block_association" "v4" {
  vpc_id     = aws_vpc.v.id
  cidr_block = "10.1.0.0/16"
}
resource "aws_vpc_ipv6_cidr_block_association" "v6" {
  vpc_id                           = aws_vpc.v.id
  assign_generated_ipv6_cidr_block = true
}
resource "aws_vpc_ipv6_cidr_block_association" "own" {
  vpc_id          = aws_vpc.v.id
  ipv6_cidr_block = "2600:1f18:1:100::/56"
}
resource "aws_vpc" "off" {
  cidr_block                       = "10.2.0.0/16"
  assign_generated_ipv6_cidr_block = false
}
resource "aws_vpc" "on" {
  cidr_block                       = "10.3.0.0/16"
  assign_generated_ipv6_cidr_block = true
}
resource "aws_vpc" "maybe" {
  cidr_block                       = "10.4.0.0/16"
  assign_generated_ipv6_cidr_block = var.ipv6
}
`}
	m, ds := load(t, files, Options{})
	noErrors(t, ds)
	v := entity[*model.VPC](t, m, ".//aws_vpc.v")
	if got := v.CIDRs; !got.Known || len(got.Items) != 4 || !model.Is(got.Items[0], "10.0.0.0/16") ||
		!model.Is(got.Items[1], "10.1.0.0/16") || got.Items[2].Known || !model.Is(got.Items[3], "2600:1f18:1:100::/56") {
		t.Errorf("VPC blocks (own, added IPv4, Amazon IPv6, added IPv6): %+v", got)
	}
	for id, known := range map[string]bool{".//aws_vpc.off": true, ".//aws_vpc.on": false, ".//aws_vpc.maybe": false} {
		if got := entity[*model.VPC](t, m, id).CIDRs; got.Known != known || len(got.Items) != 1 {
			t.Errorf("%s: blocks %+v, want known=%v", id, got, known)
		}
	}
}
