package scalegen

import (
	"fmt"
	"strings"
)

// servicesHeaderResources is how many resources a service root's header holds.
var servicesHeaderResources = map[Format]int{Terraform: 2, CloudFormation: 1}

// networkRoot is the root of the k-th network account: its service network,
// shared with the accounts listed.
func networkRoot(f Format, k int, accounts []string) (string, int) {
	if f == CloudFormation {
		return cfnNetworkHeader + cfnNetwork(k, accounts), 8
	}
	return tfProvider + tfNetwork(k, accounts), 9 + len(accounts)
}

// networkAccount owns the k-th service network: one network account each, so
// that a literal ARN in a service root names the one network of its account.
func networkAccount(k int) string {
	if k == 0 {
		return "111111111111"
	}
	return fmt.Sprintf("1%011d", k)
}

// networkSuffix tells the k-th service network's names from the first's.
func networkSuffix(k int) string {
	if k == 0 {
		return ""
	}
	return fmt.Sprint(k)
}

// networkRootPath is the folder of the k-th network account's root.
func networkRootPath(k int) string {
	if k == 0 {
		return "network"
	}
	return fmt.Sprintf("network-%03d", k)
}

// networkARN is the ARN of the k-th service network, which the service roots
// name as a literal (the network is in another account).
func networkARN(k int) string {
	return fmt.Sprintf("arn:aws:vpc-lattice:%s:%s:servicenetwork/sn-%017x", region, networkAccount(k), uint64(0x0123456789abcdef0)+uint64(k))
}

const tfProvider = `provider "aws" {
  region = "eu-west-1"
}
`

func tfNetwork(k int, accounts []string) string {
	var b strings.Builder
	fmt.Fprintf(&b, `
resource "aws_vpclattice_service_network" "core%[1]s" {
  name      = "core%[1]s"
  auth_type = "AWS_IAM"
}

resource "aws_vpclattice_auth_policy" "core%[1]s" {
  resource_identifier = aws_vpclattice_service_network.core%[1]s.arn
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = "vpc-lattice-svcs:Invoke"
      Resource  = "*"
      Condition = { StringEquals = { "aws:PrincipalOrgID" = "o-abcd1234ef" } }
    }]
  })
}

resource "aws_cloudwatch_log_group" "core%[1]s" {
  name = "/lattice/core%[1]s"
}

resource "aws_vpclattice_access_log_subscription" "core%[1]s" {
  resource_identifier = aws_vpclattice_service_network.core%[1]s.id
  destination_arn     = aws_cloudwatch_log_group.core%[1]s.arn
}

resource "aws_vpc" "consumer%[1]s" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_security_group" "association%[1]s" {
  name   = "lattice-association%[1]s"
  vpc_id = aws_vpc.consumer%[1]s.id

  ingress {
    from_port   = 80 # every listener port (HTTP 80 and HTTPS 443)
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["10.0.0.0/16"]
  }
}

resource "aws_vpclattice_service_network_vpc_association" "consumer%[1]s" {
  service_network_identifier = aws_vpclattice_service_network.core%[1]s.id
  vpc_identifier             = aws_vpc.consumer%[1]s.id
  security_group_ids         = [aws_security_group.association%[1]s.id]
}

resource "aws_ram_resource_share" "core%[1]s" {
  name                      = "core%[1]s"
  allow_external_principals = false
}

resource "aws_ram_resource_association" "core%[1]s" {
  resource_arn       = aws_vpclattice_service_network.core%[1]s.arn
  resource_share_arn = aws_ram_resource_share.core%[1]s.arn
}
`, networkSuffix(k))
	for _, a := range accounts {
		fmt.Fprintf(&b, `
resource "aws_ram_principal_association" "core%[2]s_a%[1]s" {
  principal          = "%[1]s"
  resource_share_arn = aws_ram_resource_share.core%[2]s.arn
}
`, a, networkSuffix(k))
	}
	return b.String()
}

// servicesHeader starts a service root whose services join the k-th network.
func servicesHeader(f Format, k int) string {
	if f == CloudFormation {
		return fmt.Sprintf(cfnServicesHeader, networkARN(k))
	}
	return tfProvider + fmt.Sprintf(tfServicesBody, networkARN(k))
}

const tfServicesBody = `
# The network account's service network, shared with this account through RAM.
variable "service_network_arn" {
  type    = string
  default = "%s"
}

data "aws_ec2_managed_prefix_list" "lattice" {
  name = "com.amazonaws.eu-west-1.vpc-lattice"
}

resource "aws_vpc" "app" {
  cidr_block = "10.1.0.0/16"
}
`

// terraform writes the service's resources and returns how many.
func (s *service) terraform(b *strings.Builder) int {
	n := 0
	add := func(format string) {
		fmt.Fprintf(b, format, s.i, s.account, s.auth, s.listener, s.network)
		n++
	}
	add(`resource "aws_vpclattice_service" "s%[1]d" {
  name      = "service-%[1]d"
  auth_type = "%[3]s"
}
`)
	if s.policy != "" {
		principal := fmt.Sprintf(`{ AWS = "arn:aws:iam::%s:root" }`, s.account)
		if s.policy == "open" {
			principal = `"*"`
		}
		fmt.Fprintf(b, `
resource "aws_vpclattice_auth_policy" "s%[1]d" {
  resource_identifier = aws_vpclattice_service.s%[1]d.arn
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = %[2]s, Action = "vpc-lattice-svcs:Invoke", Resource = "*" }]
  })
}
`, s.i, principal)
		n++
	}
	if s.logs {
		add(`
resource "aws_cloudwatch_log_group" "s%[1]d" {
  name = "/svc/%[1]d"
}

resource "aws_vpclattice_access_log_subscription" "s%[1]d" {
  resource_identifier = aws_vpclattice_service.s%[1]d.arn
  destination_arn     = aws_cloudwatch_log_group.s%[1]d.arn
}
`)
		n++
	}
	if s.associated {
		add(`
resource "aws_vpclattice_service_network_service_association" "s%[1]d" {
  service_identifier         = aws_vpclattice_service.s%[1]d.id
  service_network_identifier = %[5]s
}
`)
	}
	add(`
resource "aws_security_group" "s%[1]d" {
  name   = "svc-%[1]d"
  vpc_id = aws_vpc.app.id
}
`)
	if s.prefixList {
		add(`
resource "aws_vpc_security_group_ingress_rule" "s%[1]d" {
  security_group_id = aws_security_group.s%[1]d.id
  prefix_list_id    = data.aws_ec2_managed_prefix_list.lattice.id
  ip_protocol       = "tcp"
  from_port         = 8080
  to_port           = 8080
}
`)
	} else {
		add(`
resource "aws_vpc_security_group_ingress_rule" "s%[1]d" {
  security_group_id = aws_security_group.s%[1]d.id
  cidr_ipv4         = "10.1.0.0/16"
  ip_protocol       = "tcp"
  from_port         = 8080
  to_port           = 8080
}
`)
	}
	add(`
resource "aws_vpclattice_target_group" "s%[1]d" {
  name = "targets-%[1]d"
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
`)
	n += 2
	if s.listener != "" {
		add(`
resource "aws_vpclattice_listener" "s%[1]d" {
  name               = "web"
  protocol           = "%[4]s"
  service_identifier = aws_vpclattice_service.s%[1]d.id
  default_action {
    forward {
      target_groups {
        target_group_identifier = aws_vpclattice_target_group.s%[1]d.id
      }
    }
  }
}
`)
		rules := []string{"admin"}
		if s.duplicateRule {
			rules = append(rules, "reports")
		}
		for _, r := range rules {
			fmt.Fprintf(b, `
resource "aws_vpclattice_listener_rule" "s%[1]d_%[2]s" {
  name                = "%[2]s"
  priority            = 10
  service_identifier  = aws_vpclattice_service.s%[1]d.id
  listener_identifier = aws_vpclattice_listener.s%[1]d.listener_id
  match {
    http_match {
      path_match {
        match {
          prefix = "/%[2]s"
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
`, s.i, r)
			n++
		}
	}
	if s.externalShare {
		add(`
resource "aws_ram_resource_share" "s%[1]d" {
  name                      = "svc-%[1]d"
  allow_external_principals = true
}

resource "aws_ram_resource_association" "s%[1]d" {
  resource_arn       = aws_vpclattice_service.s%[1]d.arn
  resource_share_arn = aws_ram_resource_share.s%[1]d.arn
}
`)
		n++
	}
	return n
}
