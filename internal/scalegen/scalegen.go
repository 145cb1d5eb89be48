// Package scalegen writes large synthetic Terraform trees for benchmarks: a
// network root with one service network, and service roots each holding many
// complete services (service, listener, rule, target group, instances,
// attachments, security group and rule, association, auth policy, logs).
package scalegen

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// ResourcesPerService is how many resources one generated service contributes.
const ResourcesPerService = 12

// Generate writes roots under dir with about `resources` resources in total,
// spread over roots of at most perRoot services. It returns the number of
// resources written.
func Generate(dir string, resources, perRoot int) (int, error) {
	services := resources / ResourcesPerService
	if perRoot <= 0 {
		perRoot = 100
	}
	total := 0
	net := filepath.Join(dir, "network")
	if err := os.MkdirAll(net, 0o755); err != nil {
		return 0, err
	}
	if err := os.WriteFile(filepath.Join(net, "main.tf"), []byte(networkRoot), 0o644); err != nil {
		return 0, err
	}
	total += 4
	for r := 0; r*perRoot < services; r++ {
		var b strings.Builder
		b.WriteString(servicesHeader)
		for i := r * perRoot; i < services && i < (r+1)*perRoot; i++ {
			fmt.Fprintf(&b, serviceUnit, i)
			total += ResourcesPerService
		}
		root := filepath.Join(dir, fmt.Sprintf("services-%03d", r))
		if err := os.MkdirAll(root, 0o755); err != nil {
			return 0, err
		}
		if err := os.WriteFile(filepath.Join(root, "main.tf"), []byte(b.String()), 0o644); err != nil {
			return 0, err
		}
	}
	return total, nil
}

const networkRoot = `provider "aws" {
  region              = "eu-west-1"
  allowed_account_ids = ["111111111111"]
}

resource "aws_vpclattice_service_network" "core" {
  name      = "core"
  auth_type = "AWS_IAM"
}

resource "aws_vpclattice_auth_policy" "core" {
  resource_identifier = aws_vpclattice_service_network.core.arn
  policy              = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = "*", Action = "vpc-lattice-svcs:Invoke", Resource = "*" }] })
}

resource "aws_vpclattice_access_log_subscription" "core" {
  resource_identifier = aws_vpclattice_service_network.core.id
  destination_arn     = "arn:aws:logs:eu-west-1:111111111111:log-group:/lattice"
}
`

const servicesHeader = `provider "aws" {
  region              = "eu-west-1"
  allowed_account_ids = ["111111111111"]
}

variable "service_network_arn" {
  type    = string
  default = "arn:aws:vpc-lattice:eu-west-1:111111111111:servicenetwork/sn-0123456789abcdef0"
}

data "aws_ec2_managed_prefix_list" "lattice" {
  name = "com.amazonaws.eu-west-1.vpc-lattice"
}

resource "aws_vpc" "app" {
  cidr_block = "10.0.0.0/16"
}
`

const serviceUnit = `
resource "aws_vpclattice_service" "s%[1]d" {
  name      = "svc-%[1]d"
  auth_type = "AWS_IAM"
}

resource "aws_vpclattice_auth_policy" "s%[1]d" {
  resource_identifier = aws_vpclattice_service.s%[1]d.arn
  policy              = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = "*", Action = "vpc-lattice-svcs:Invoke", Resource = "*" }] })
}

resource "aws_vpclattice_access_log_subscription" "s%[1]d" {
  resource_identifier = aws_vpclattice_service.s%[1]d.arn
  destination_arn     = "arn:aws:logs:eu-west-1:111111111111:log-group:/svc"
}

resource "aws_vpclattice_service_network_service_association" "s%[1]d" {
  service_identifier         = aws_vpclattice_service.s%[1]d.id
  service_network_identifier = var.service_network_arn
}

resource "aws_security_group" "s%[1]d" {
  name   = "svc-%[1]d"
  vpc_id = aws_vpc.app.id
}

resource "aws_vpc_security_group_ingress_rule" "s%[1]d" {
  security_group_id = aws_security_group.s%[1]d.id
  prefix_list_id    = data.aws_ec2_managed_prefix_list.lattice.id
  ip_protocol       = "tcp"
  from_port         = 8080
  to_port           = 8080
}

resource "aws_vpclattice_target_group" "s%[1]d" {
  name = "tg-%[1]d"
  type = "INSTANCE"
  config {
    vpc_identifier = aws_vpc.app.id
    port           = 8080
    protocol       = "HTTP"
  }
}

resource "aws_instance" "s%[1]d" {
  ami                    = "ami-0123456789abcdef0"
  instance_type          = "t3.micro"
  vpc_security_group_ids = [aws_security_group.s%[1]d.id]
}

resource "aws_vpclattice_target_group_attachment" "s%[1]d" {
  target_group_identifier = aws_vpclattice_target_group.s%[1]d.id
  target {
    id   = aws_instance.s%[1]d.id
    port = 8080
  }
}

resource "aws_vpclattice_listener" "s%[1]d" {
  name               = "https"
  protocol           = "HTTPS"
  service_identifier = aws_vpclattice_service.s%[1]d.id
  default_action {
    forward {
      target_groups {
        target_group_identifier = aws_vpclattice_target_group.s%[1]d.id
      }
    }
  }
}

resource "aws_vpclattice_listener_rule" "s%[1]d" {
  name                = "admin"
  priority            = 10
  service_identifier  = aws_vpclattice_service.s%[1]d.id
  listener_identifier = aws_vpclattice_listener.s%[1]d.listener_id
  match {
    http_match {
      path_match {
        match {
          prefix = "/admin"
        }
      }
    }
  }
  action {
    fixed_response {
      status_code = 404
    }
  }
}

resource "aws_cloudwatch_log_group" "s%[1]d" {
  name = "/svc/%[1]d"
}
`
