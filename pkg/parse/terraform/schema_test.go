package terraform

import (
	"strings"
	"testing"

	"github.com/lattice-lint/lattice-lint/pkg/diag"
)

func TestArgumentCheck(t *testing.T) {
	files := map[string]string{"main.tf": `
resource "aws_vpclattice_servce" "typo" { name = "x" }
resource "aws_vpclattice_resource_gateway" "g" {
  name           = "g"
  vpc_identifier = "vpc-1"
  subnet_ids     = ["subnet-1"]
}
resource "aws_vpclattice_target_group" "t" {
  name = "t"
  type = "IP"
  dynamic "config" {
    for_each = [1]
    content {
      port = 80
    }
  }
  tags     = { a = "b" }
  count    = 1
}
resource "aws_vpclattice_service" "s" {
  name      = "s"
  auth_typ  = "AWS_IAM"
}
resource "aws_vpclattice_listener" "l" {
  name     = "l"
  protocol = "https"
  default_action {
    fixed_respons {
      status_code = 404
    }
  }
}
resource "aws_s3_bucket" "not_lattice" { whatever = 1 }
`}
	_, ds := load(t, files, Options{})
	var got []string
	for _, d := range ds {
		if d.Severity == diag.Error {
			got = append(got, d.Range.String()+" "+d.Detail)
		}
	}
	want := []string{
		`main.tf:2:10 aws_vpclattice_servce is not an aws_vpclattice_* resource type of the AWS provider; it is not read. Did you mean "aws_vpclattice_service"?`,
		`main.tf:5:3 aws_vpclattice_resource_gateway has no argument or block "vpc_identifier"; it is read as absent. Did you mean "vpc_id"?`,
		`main.tf:22:3 aws_vpclattice_service has no argument or block "auth_typ"; it is read as absent. Did you mean "auth_type"?`,
		`main.tf:28:5 aws_vpclattice_listener block default_action has no argument or block "fixed_respons"; it is read as absent. Did you mean "fixed_response"?`,
		`main.tf:26:14 aws_vpclattice_listener protocol: "https" is not one of HTTP, HTTPS, TLS_PASSTHROUGH (values are case-sensitive); did you mean "HTTPS"?`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestRequiredArguments: what the provider requires is an input error at the
// block that lacks it, at every depth; a value not known here is present.
func TestRequiredArguments(t *testing.T) {
	files := map[string]string{"main.tf": `
variable "protocol" { type = string }
resource "aws_vpclattice_listener" "missing" {
  name               = "l"
  service_identifier = "svc-0123456789abcdef0"
  default_action {
    fixed_response {}
  }
}
resource "aws_vpclattice_listener" "unknown" {
  name               = "l"
  protocol           = var.protocol
  service_arn        = "arn:aws:vpc-lattice:eu-west-1:111111111111:service/svc-0123456789abcdef0"
  default_action {
    forward {
      target_groups {
        target_group_identifier = "tg-0123456789abcdef0"
      }
    }
  }
}
resource "aws_vpclattice_target_group_attachment" "a" {
  target {
    port = 80
  }
}
`}
	res, ds := load(t, files, Options{})
	var got []string
	for _, d := range ds {
		if d.Severity == diag.Error {
			got = append(got, d.Range.String()+" "+d.Detail)
		}
	}
	want := []string{
		`main.tf:3:1 aws_vpclattice_listener requires "protocol"; it is read as unknown.`,
		`main.tf:7:5 aws_vpclattice_listener block default_action.fixed_response requires "status_code"; it is read as unknown.`,
		`main.tf:22:1 aws_vpclattice_target_group_attachment requires "target_group_identifier"; it is read as unknown.`,
		`main.tf:23:3 aws_vpclattice_target_group_attachment block target requires "id"; it is read as unknown.`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	found := false
	for _, l := range res.Listeners {
		if l.Address == "aws_vpclattice_listener.missing" {
			found = true
			if l.Protocol.Known || l.Protocol.Range.IsZero() {
				t.Errorf("missing protocol is %+v, want unknown", l.Protocol)
			}
		}
	}
	if !found {
		t.Error("no listener aws_vpclattice_listener.missing in the model")
	}
}
