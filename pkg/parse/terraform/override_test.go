package terraform

import (
	"strings"
	"testing"

	"github.com/lattice-lint/lattice-lint/pkg/diag"
	"github.com/lattice-lint/lattice-lint/pkg/model"
)

const overrideBase = `
variable "port" { default = 80 }
locals { svc_name = "orders" }
resource "aws_vpclattice_service" "s" {
  name      = local.svc_name
  auth_type = "NONE"
}
resource "aws_vpclattice_target_group" "tg" {
  name = "tg"
  type = "IP"
  config {
    port     = var.port
    protocol = "HTTP"
    vpc_identifier = "vpc-0123456789abcdef0"
  }
  lifecycle {
    create_before_destroy = true
  }
}
`

// TestOverrideFiles checks that override files merge into the module as
// Terraform merges them, instead of declaring a second block.
func TestOverrideFiles(t *testing.T) {
	type check func(t *testing.T, m *model.Model)
	svc := func(m *model.Model) *model.Service {
		s, _ := m.Get(".//aws_vpclattice_service.s").(*model.Service)
		return s
	}
	tg := func(m *model.Model) *model.TargetGroup {
		g, _ := m.Get(".//aws_vpclattice_target_group.tg").(*model.TargetGroup)
		return g
	}
	tests := []struct {
		name  string
		files map[string]string
		error string // summary of the one expected error, or ""
		check check
	}{
		{"an attribute replaces the base's and points at the override", map[string]string{
			"main_override.tf": `resource "aws_vpclattice_service" "s" { auth_type = "AWS_IAM" }`},
			"", func(t *testing.T, m *model.Model) {
				s := svc(m)
				if !model.Is(s.AuthType, "AWS_IAM") || s.AuthType.Range.File != "main_override.tf" {
					t.Errorf("auth_type %+v", s.AuthType)
				}
				if !model.Is(s.Name, "orders") || s.Name.Range.File != "main.tf" {
					t.Errorf("an argument the override omits stays: %+v", s.Name)
				}
				if s.Range.File != "main.tf" {
					t.Errorf("the entity stays where it is declared: %+v", s.Range)
				}
			}},
		{"a nested block replaces every base block of its type", map[string]string{
			"override.tf": `resource "aws_vpclattice_target_group" "tg" {
  config {
    port     = 8443
    protocol = "HTTPS"
  }
}`}, "", func(t *testing.T, m *model.Model) {
			g := tg(m)
			if !model.Is(g.Port, 8443) || !model.Is(g.Protocol, "HTTPS") {
				t.Errorf("config from the override: %+v %+v", g.Port, g.Protocol)
			}
			if model.Is(g.VPC.Literal, "vpc-0123456789abcdef0") {
				t.Errorf("the base's config block must be replaced whole, not merged: %+v", g.VPC)
			}
		}},
		{"locals and variables are overridden by name", map[string]string{
			"z_override.tf": `
locals { svc_name = "billing" }
variable "port" { default = 9090 }`}, "", func(t *testing.T, m *model.Model) {
			if !model.Is(svc(m).Name, "billing") || !model.Is(tg(m).Port, 9090) {
				t.Errorf("name %+v port %+v", svc(m).Name, tg(m).Port)
			}
		}},
		{"override files apply in name order, after every ordinary file", map[string]string{
			"a_override.tf": `resource "aws_vpclattice_service" "s" { auth_type = "AWS_IAM" }`,
			"override.tf":   `resource "aws_vpclattice_service" "s" { name = "last" }`,
			"zz.tf":         `resource "aws_vpclattice_service" "other" { name = "other" }`},
			"", func(t *testing.T, m *model.Model) {
				if s := svc(m); !model.Is(s.AuthType, "AWS_IAM") || !model.Is(s.Name, "last") {
					t.Errorf("overrides compound: %+v %+v", s.AuthType, s.Name)
				}
			}},
		{"count in an override expands the resource", map[string]string{
			"main_override.tf": `resource "aws_vpclattice_service" "s" { count = 2 }`},
			"", func(t *testing.T, m *model.Model) {
				if m.Get(".//aws_vpclattice_service.s[1]") == nil {
					t.Error("no instance s[1]")
				}
			}},
		{"a JSON override merges into a native block", map[string]string{
			"main_override.tf.json": `{"resource": {"aws_vpclattice_service": {"s": {"auth_type": "AWS_IAM"}}}}`},
			"", func(t *testing.T, m *model.Model) {
				s := svc(m)
				if !model.Is(s.AuthType, "AWS_IAM") || !model.Is(s.Name, "orders") {
					t.Errorf("%+v %+v", s.AuthType, s.Name)
				}
			}},
		{"lifecycle merges argument by argument", map[string]string{
			"main_override.tf": `resource "aws_vpclattice_target_group" "tg" {
  lifecycle {
    prevent_destroy = true
  }
}`}, "", func(t *testing.T, m *model.Model) {
			if !model.Is(tg(m).Port, 80) {
				t.Errorf("the rest of the block stays: %+v", tg(m).Port)
			}
		}},
		{"an override of nothing is an error", map[string]string{
			"main_override.tf": `resource "aws_vpclattice_service" "nope" { name = "x" }`},
			"Missing base resource for override", nil},
		{"an override of an undeclared local is an error", map[string]string{
			"main_override.tf": `locals { nope = 1 }`},
			"Missing base local value for override", nil},
		{"depends_on cannot be overridden", map[string]string{
			"main_override.tf": `resource "aws_vpclattice_service" "s" { depends_on = [aws_vpclattice_target_group.tg] }`},
			"Unsupported override", nil},
		{"count over a base for_each is the usual error", map[string]string{
			"extra.tf": `resource "aws_vpclattice_service" "many" {
  for_each = toset(["a"])
  name     = each.key
}`,
			"main_override.tf": `resource "aws_vpclattice_service" "many" { count = 1 }`},
			`Invalid combination of "count" and "for_each"`, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := map[string]string{"main.tf": overrideBase}
			for k, v := range tt.files {
				files[k] = v
			}
			m, ds := load(t, files, Options{})
			var errs []string
			for _, d := range ds {
				if d.Severity == diag.Error {
					errs = append(errs, d.Summary)
					if d.Summary == tt.error && !strings.Contains(d.Range.File, "override") && !strings.HasPrefix(tt.error, "Invalid combination") {
						t.Errorf("the error must point into the override file: %s", d)
					}
				}
			}
			if tt.error == "" {
				noErrors(t, ds)
			} else if len(errs) != 1 || errs[0] != tt.error {
				t.Fatalf("want the one error %q, got %q", tt.error, errs)
			}
			if tt.check != nil {
				tt.check(t, m)
			}
		})
	}
}
