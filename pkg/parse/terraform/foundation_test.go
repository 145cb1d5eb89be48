package terraform

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lattice-lint/lattice-lint/pkg/config"
	"github.com/lattice-lint/lattice-lint/pkg/diag"
	"github.com/lattice-lint/lattice-lint/pkg/model"
	"github.com/lattice-lint/lattice-lint/pkg/settings"
)

// load writes files (path → content) under a temp root, loads the given root
// folders and links the model.
// writeFiles writes files (path -> content) below a new temporary folder.
func writeFiles(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for p, src := range files {
		full := filepath.Join(dir, p)
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func load(t *testing.T, files map[string]string, opts Options, roots ...string) (*model.Model, diag.Diagnostics) {
	t.Helper()
	dir := writeFiles(t, files)
	if len(roots) == 0 {
		roots = []string{"."}
	}
	var abs []string
	for _, r := range roots {
		abs = append(abs, filepath.Join(dir, r))
	}
	opts.Root = dir
	for i, f := range opts.VarFiles {
		opts.VarFiles[i] = filepath.Join(dir, f)
	}
	m := model.New()
	res := Load(context.Background(), abs, opts, m)
	m.Link()
	return m, res.Diagnostics
}

func entity[T model.Entity](t *testing.T, m *model.Model, id string) T {
	t.Helper()
	e, ok := m.Get(id).(T)
	if !ok {
		var ids []string
		for _, x := range m.Entities() {
			ids = append(ids, x.Base().ID)
		}
		t.Fatalf("no %T %q in model; have %v", *new(T), id, ids)
	}
	return e
}

func noErrors(t *testing.T, ds diag.Diagnostics) {
	t.Helper()
	for _, d := range ds {
		if d.Severity != diag.Note {
			t.Errorf("unexpected diagnostic: %s", d)
		}
	}
}

func TestVariablePrecedence(t *testing.T) {
	files := map[string]string{
		"main.tf": `
variable "a" { default = "from-default" }
variable "b" { default = "from-default" }
variable "c" { default = "from-default" }
variable "d" { default = "from-default" }
variable "e" {}
variable "port" { type = number }
resource "aws_vpclattice_service" "a" { name = var.a }
resource "aws_vpclattice_service" "b" { name = var.b }
resource "aws_vpclattice_service" "c" { name = var.c }
resource "aws_vpclattice_service" "d" { name = var.d }
resource "aws_vpclattice_service" "e" { name = var.e }
resource "aws_vpclattice_listener" "l" {
  name     = "l"
  protocol = "HTTP"
  port     = var.port
  service_identifier = aws_vpclattice_service.a.id
  default_action {
    fixed_response { status_code = 404 }
  }
}
`,
		"terraform.tfvars":   `b = "from-tfvars"` + "\n" + `c = "from-tfvars"` + "\n",
		"x.auto.tfvars":      `c = "from-auto"` + "\n" + `d = "from-auto"` + "\n",
		"extra.tfvars":       `d = "from-var-file"` + "\n",
		"ignored/readme.txt": "not terraform",
	}
	m, ds := load(t, files, Options{Terraform: settings.Terraform{VarFiles: []string{"extra.tfvars"}, Vars: []string{"port=8443"}}})
	noErrors(t, ds)
	want := map[string]string{"a": "from-default", "b": "from-tfvars", "c": "from-auto", "d": "from-var-file"}
	for name, v := range want {
		s := entity[*model.Service](t, m, ".//aws_vpclattice_service."+name)
		if !model.Is(s.Name, v) {
			t.Errorf("var.%s = %+v, want %q", name, s.Name, v)
		}
	}
	if e := entity[*model.Service](t, m, ".//aws_vpclattice_service.e"); e.Name.Known {
		t.Errorf("a variable without value must be unknown, got %+v", e.Name)
	}
	if l := entity[*model.Listener](t, m, ".//aws_vpclattice_listener.l"); !model.Is(l.Port, 8443) {
		t.Errorf("--var port=8443 on a number variable: %+v", l.Port)
	}
}

func TestExpressionsAndFunctions(t *testing.T) {
	files := map[string]string{"main.tf": `
locals {
  base   = { name = "orders", auth = "AWS_IAM" }
  merged = merge(local.base, { name = format("%s-%s", local.base.name, "svc") })
  net    = cidrsubnet("10.1.0.0/16", 8, 3)
  missing = try(local.base.nope, "fallback")
}
resource "aws_vpclattice_service" "s" {
  name      = local.merged.name
  auth_type = lookup(local.base, "auth", "NONE")
}
resource "aws_vpc" "v" { cidr_block = local.net }
resource "aws_vpclattice_service" "t" { name = local.missing }
resource "aws_vpclattice_auth_policy" "p" {
  resource_identifier = aws_vpclattice_service.s.arn
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = "*" }] })
}
`}
	m, ds := load(t, files, Options{})
	noErrors(t, ds)
	s := entity[*model.Service](t, m, ".//aws_vpclattice_service.s")
	if !model.Is(s.Name, "orders-svc") || !model.Is(s.AuthType, "AWS_IAM") {
		t.Errorf("service: %+v %+v", s.Name, s.AuthType)
	}
	if v := entity[*model.VPC](t, m, ".//aws_vpc.v"); len(v.CIDRs.Items) != 1 || !model.Is(v.CIDRs.Items[0], "10.1.3.0/24") {
		t.Errorf("cidrsubnet: %+v", v.CIDRs)
	}
	if x := entity[*model.Service](t, m, ".//aws_vpclattice_service.t"); !model.Is(x.Name, "fallback") {
		t.Errorf("try: %+v", x.Name)
	}
	p := entity[*model.AuthPolicy](t, m, ".//aws_vpclattice_auth_policy.p")
	if !p.Policy.Known || p.Resource.Target != ".//aws_vpclattice_service.s" || p.Resource.Form() != "arn" {
		t.Errorf("auth policy: %+v resource %+v", p.Policy, p.Resource)
	}
	if doc, ok := p.Policy.Value.(map[string]any); !ok || doc["Version"] != "2012-10-17" {
		t.Errorf("policy document not parsed: %#v", p.Policy.Value)
	}
}

func TestCountForEachAndReferences(t *testing.T) {
	files := map[string]string{"main.tf": `
variable "services" {
  default = { orders = 8080, billing = 9090 }
}
variable "unknown_count" { type = number }
resource "aws_vpclattice_service" "svc" {
  for_each = var.services
  name     = each.key
}
resource "aws_vpclattice_target_group" "tg" {
  for_each = var.services
  name     = "${each.key}-tg"
  type     = "IP"
  config {
    port     = each.value
    protocol = "HTTP"
  }
}
resource "aws_vpclattice_target_group_attachment" "ip" {
  count                   = 2
  target_group_identifier = aws_vpclattice_target_group.tg["orders"].id
  target {
    id = "10.0.0.${count.index + 10}"
  }
}
resource "aws_vpclattice_service" "maybe" {
  count = var.unknown_count
  name  = "maybe"
}
resource "aws_vpclattice_listener" "l" {
  for_each           = aws_vpclattice_service.svc
  name               = "http"
  protocol           = "HTTP"
  service_identifier = each.value.id
  default_action {
    forward {
      target_groups {
        target_group_identifier = aws_vpclattice_target_group.tg[each.key].id
      }
    }
  }
}
`}
	m, ds := load(t, files, Options{})
	noErrors(t, ds)
	tg := entity[*model.TargetGroup](t, m, `.//aws_vpclattice_target_group.tg["billing"]`)
	if !model.Is(tg.Port, 9090) || !model.Is(tg.Name, "billing-tg") {
		t.Errorf("for_each instance: %+v %+v", tg.Name, tg.Port)
	}
	att := entity[*model.Target](t, m, ".//aws_vpclattice_target_group_attachment.ip[1]")
	if !model.Is(att.Target.Literal, "10.0.0.11") || att.TargetGroup.Target != `.//aws_vpclattice_target_group.tg["orders"]` {
		t.Errorf("count instance: %+v %+v", att.Target, att.TargetGroup)
	}
	maybe := entity[*model.Service](t, m, ".//aws_vpclattice_service.maybe")
	if !maybe.Conditional {
		t.Error("a resource with unknown count must be conditional")
	}
	l := entity[*model.Listener](t, m, `.//aws_vpclattice_listener.l["orders"]`)
	if l.Service.Target != `.//aws_vpclattice_service.svc["orders"]` {
		t.Errorf("each.value.id through a resource map: %+v", l.Service)
	}
	if len(l.DefaultAction.Forward) != 1 || l.DefaultAction.Forward[0].TargetGroup.Target != `.//aws_vpclattice_target_group.tg["orders"]` {
		t.Errorf("forward target: %+v", l.DefaultAction.Forward)
	}
	if !model.Is(l.DefaultAction.Forward[0].Weight, 100) || !l.DefaultAction.Forward[0].Weight.Default {
		t.Errorf("default weight: %+v", l.DefaultAction.Forward[0].Weight)
	}
	tgo := entity[*model.TargetGroup](t, m, `.//aws_vpclattice_target_group.tg["orders"]`)
	if len(tgo.ForwardedBy) != 1 || len(tgo.Targets) != 2 {
		t.Errorf("back-references: forwarded_by %v targets %v", tgo.ForwardedBy, tgo.Targets)
	}
}

func TestDynamicBlocksAndDefaults(t *testing.T) {
	files := map[string]string{"main.tf": `
variable "ports" { default = [8080, 8443] }
variable "unknown_ports" { type = list(number) }
resource "aws_security_group" "a" {
  dynamic "ingress" {
    for_each = var.ports
    content {
      from_port   = ingress.value
      to_port     = ingress.value
      protocol    = "tcp"
      cidr_blocks = ["0.0.0.0/0"]
    }
  }
}
resource "aws_security_group" "b" {
  dynamic "ingress" {
    for_each = var.unknown_ports
    iterator = p
    content {
      from_port = p.value
      to_port   = p.value
      protocol  = "tcp"
    }
  }
}
resource "aws_vpclattice_target_group" "t" {
  name = "t"
  type = "IP"
  config {
    port     = 443
    protocol = "HTTPS"
  }
}
resource "aws_vpclattice_service_network" "n" { name = "n" }
`}
	m, ds := load(t, files, Options{})
	noErrors(t, ds)
	a := entity[*model.SecurityGroup](t, m, ".//aws_security_group.a")
	if len(a.Ingress) != 2 || !model.Is(a.Ingress[1].FromPort, 8443) || !a.RulesKnown {
		t.Errorf("dynamic ingress: %+v", a.Ingress)
	}
	if b := entity[*model.SecurityGroup](t, m, ".//aws_security_group.b"); b.RulesKnown {
		t.Error("a dynamic block over an unknown list leaves the rules unknown")
	}
	tg := entity[*model.TargetGroup](t, m, ".//aws_vpclattice_target_group.t")
	if !model.Is(tg.ProtocolVersion, "HTTP1") || !tg.ProtocolVersion.Default || !model.Is(tg.IPAddressType, "IPV4") ||
		!model.Is(tg.HealthCheck.Enabled, true) {
		t.Errorf("defaults: version %+v ip %+v hc %+v", tg.ProtocolVersion, tg.IPAddressType, tg.HealthCheck.Enabled)
	}
	if n := entity[*model.ServiceNetwork](t, m, ".//aws_vpclattice_service_network.n"); !model.Is(n.AuthType, "NONE") || !n.AuthType.Default {
		t.Errorf("auth_type default: %+v", n.AuthType)
	}
}

func TestProviderAttribution(t *testing.T) {
	files := map[string]string{"main.tf": `
provider "aws" {
  region = "eu-west-1"
  assume_role { role_arn = "arn:aws:iam::111111111111:role/deploy" }
}
provider "aws" {
  alias               = "east"
  region              = "us-east-1"
  allowed_account_ids = ["222222222222"]
}
resource "aws_vpclattice_service_network" "default" { name = "a" }
resource "aws_vpclattice_service_network" "east" {
  provider = aws.east
  name     = "b"
}
`, "other/main.tf": `resource "aws_vpclattice_service_network" "x" { name = "c" }`}
	attr := func(p string) config.Attribution {
		if strings.HasSuffix(filepath.ToSlash(p), "other") {
			return config.Attribution{Account: "333333333333", Region: "ap-south-1"}
		}
		return config.Attribution{}
	}
	m, ds := load(t, files, Options{Attribute: attr}, ".", "other")
	noErrors(t, ds)
	d := entity[*model.ServiceNetwork](t, m, ".//aws_vpclattice_service_network.default")
	e := entity[*model.ServiceNetwork](t, m, ".//aws_vpclattice_service_network.east")
	x := entity[*model.ServiceNetwork](t, m, "other//aws_vpclattice_service_network.x")
	if !model.Is(d.Account, "111111111111") || !model.Is(d.Region, "eu-west-1") {
		t.Errorf("default provider: %+v %+v", d.Account, d.Region)
	}
	if !model.Is(e.Account, "222222222222") || !model.Is(e.Region, "us-east-1") {
		t.Errorf("aliased provider: %+v %+v", e.Account, e.Region)
	}
	if !model.Is(x.Account, "333333333333") || !model.Is(x.Region, "ap-south-1") {
		t.Errorf("config attribution: %+v %+v", x.Account, x.Region)
	}
}

func TestBadInput(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		want  string // substring of an error diagnostic, which must carry file:line:col
		file  string
	}{
		{"syntax error", map[string]string{"bad.tf": "resource \"aws_vpc\" \"x\" {\n  cidr_block = \n}\n", "good.tf": `resource "aws_vpclattice_service" "ok" { name = "ok" }`}, "", "bad.tf"},
		{"json syntax", map[string]string{"bad.tf.json": `{"resource": {`, "good.tf": `resource "aws_vpclattice_service" "ok" { name = "ok" }`}, "", "bad.tf.json"},
		{"local cycle", map[string]string{"main.tf": "locals {\n  a = local.b\n  b = local.a\n}\nresource \"aws_vpclattice_service\" \"ok\" { name = local.a }\n"}, "Cycle", "main.tf"},
		{"wrong type", map[string]string{"main.tf": "resource \"aws_vpclattice_service\" \"ok\" {\n  name = [\"a\", \"b\"]\n}\n"}, "must be a string", "main.tf"},
		{"bad policy json", map[string]string{"main.tf": "resource \"aws_vpclattice_service\" \"ok\" { name = \"ok\" }\nresource \"aws_vpclattice_auth_policy\" \"p\" {\n  resource_identifier = aws_vpclattice_service.ok.arn\n  policy = \"{not json\"\n}\n"}, "not valid JSON", "main.tf"},
		{"invalid count", map[string]string{"main.tf": "resource \"aws_vpclattice_service\" \"ok\" { name = \"ok\" }\nresource \"aws_vpc\" \"v\" {\n  count = -1\n}\n"}, "count", "main.tf"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, ds := load(t, tt.files, Options{})
			var found *diag.Diagnostic
			for i, d := range ds {
				if d.Severity == diag.Error && strings.Contains(d.Range.File, tt.file) && strings.Contains(d.Summary+d.Detail, tt.want) {
					found = &ds[i]
				}
			}
			if found == nil {
				t.Fatalf("no error diagnostic about %s containing %q; got %v", tt.file, tt.want, ds)
			}
			if found.Range.Start.Line < 1 || found.Range.Start.Column < 1 {
				t.Errorf("diagnostic without line and column: %s", found)
			}
			if m.Get(".//aws_vpclattice_service.ok") == nil {
				t.Error("the rest of the root was not read")
			}
		})
	}
}

func TestModuleNotExpandedEscapes(t *testing.T) {
	files := map[string]string{"main.tf": `
resource "aws_vpclattice_service" "s" { name = "s" }
module "lattice" {
  source  = "aws-ia/amazon-vpc-lattice-module/aws"
  version = "1.0.0"
  services = { s = aws_vpclattice_service.s.arn }
}
resource "aws_vpclattice_service_network_service_association" "a" {
  service_identifier         = aws_vpclattice_service.s.id
  service_network_identifier = module.lattice.service_network.id
}
`}
	m, ds := load(t, files, Options{})
	notes := 0
	for _, d := range ds {
		if d.Severity == diag.Note && strings.Contains(d.Summary, "module.lattice") {
			notes++
		} else if d.Severity != diag.Note {
			t.Errorf("unexpected diagnostic %s", d)
		}
	}
	if notes != 1 {
		t.Errorf("want one note about module.lattice, got %d: %v", notes, ds)
	}
	if !entity[*model.Service](t, m, ".//aws_vpclattice_service.s").Escaped {
		t.Error("a service passed into an unexpanded module must be escaped")
	}
	a := entity[*model.ServiceAssociation](t, m, ".//aws_vpclattice_service_network_service_association.a")
	if a.ServiceNetwork.Known() {
		t.Errorf("a module output must be unknown: %+v", a.ServiceNetwork)
	}
}

// TestReviewRegressions pins fixes from the code review: each case once
// failed silently, panicked, or killed the process.
func TestReviewRegressions(t *testing.T) {
	t.Run("json security group inline rules are known", func(t *testing.T) {
		m, ds := load(t, map[string]string{"sg.tf.json": `{"resource": {"aws_security_group": {"app": {
			"ingress": [{"from_port": 8080, "to_port": 8080, "protocol": "tcp", "cidr_blocks": ["10.0.0.0/16"]}]}}}}`}, Options{})
		noErrors(t, ds)
		sg := entity[*model.SecurityGroup](t, m, ".//aws_security_group.app")
		if !sg.RulesKnown || len(sg.Ingress) != 1 || !model.Is(sg.Ingress[0].FromPort, 8080) {
			t.Errorf("rules_known %v ingress %+v", sg.RulesKnown, sg.Ingress)
		}
	})
	t.Run("remote state config that is not an object", func(t *testing.T) {
		_, ds := load(t, map[string]string{"main.tf": "data \"terraform_remote_state\" \"x\" {\n  backend = \"s3\"\n  config  = [\"bucket\", \"key\"]\n}\n" +
			"resource \"aws_vpclattice_service\" \"s\" { name = data.terraform_remote_state.x.outputs.name }\n"}, Options{})
		found := false
		for _, d := range ds {
			if strings.Contains(d.Summary, "Internal error") {
				t.Fatalf("panic reported: %s", d)
			}
			found = found || (d.Severity == diag.Error && strings.Contains(d.Detail, "config must be an object") && d.Range.Start.Line == 3)
		}
		if !found {
			t.Errorf("want a positioned error about config, got %v", ds)
		}
	})
	t.Run("deeply nested --var", func(t *testing.T) {
		deep := strings.Repeat("[", 130000)
		m, ds := load(t, map[string]string{"main.tf": "variable \"x\" { type = list(any) }\nresource \"aws_vpclattice_service\" \"s\" { name = tostring(length(var.x)) }\n"},
			Options{Terraform: settings.Terraform{Vars: []string{"x=" + deep}}})
		if m.Get(".//aws_vpclattice_service.s") == nil || !ds.HasErrors() || !strings.Contains(ds[0].Detail+ds[len(ds)-1].Detail, "--var x") {
			t.Errorf("want an error naming --var x, got %v", ds)
		}
	})
	t.Run("templatefile with a list of variables", func(t *testing.T) {
		_, ds := load(t, map[string]string{"t.tpl": "hi ${a}", "main.tf": `resource "aws_vpclattice_service" "s" { name = templatefile("t.tpl", ["a"]) }`}, Options{})
		for _, d := range ds {
			if strings.Contains(d.Detail, "goroutine") || strings.Contains(d.Detail, "panic") {
				t.Fatalf("panic in a diagnostic: %s", d.Detail)
			}
		}
		if len(ds) == 0 || !strings.Contains(ds[0].Detail, "object or a map") {
			t.Errorf("want a message about the variables argument, got %v", ds)
		}
	})
	t.Run("var file shared by two roots is read once", func(t *testing.T) {
		files := map[string]string{
			"a/main.tf":     `variable "n" {}` + "\n" + `resource "aws_vpclattice_service" "s" { name = var.n }`,
			"b/main.tf":     `variable "n" {}` + "\n" + `resource "aws_vpclattice_service" "s" { name = var.n }`,
			"common.tfvars": `n = "shared"`,
		}
		dir := t.TempDir()
		for p, src := range files {
			if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, p)), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, p), []byte(src), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		m := model.New()
		res := Load(context.Background(), []string{filepath.Join(dir, "a"), filepath.Join(dir, "b")},
			Options{Root: dir, Terraform: settings.Terraform{VarFiles: []string{filepath.Join(dir, "common.tfvars")}}}, m)
		noErrors(t, res.Diagnostics)
		if res.Files != 3 {
			t.Errorf("files read: %d, want 3", res.Files)
		}
		for _, id := range []string{"a//aws_vpclattice_service.s", "b//aws_vpclattice_service.s"} {
			if s := entity[*model.Service](t, m, id); !model.Is(s.Name, "shared") {
				t.Errorf("%s name %+v", id, s.Name)
			}
		}
	})
}

// TestDynamicMatchIsUnknown: a listener rule whose match conditions come from
// a dynamic block over an unknown value has an unknown match, not a wider one
// (LAT-COR-017 would otherwise take it for a catch-all).
func TestDynamicMatchIsUnknown(t *testing.T) {
	files := map[string]string{"main.tf": `
variable "headers" { type = map(string) }
variable "paths" { type = list(string) }
resource "aws_vpclattice_listener_rule" "h" {
  name = "h"
  priority = 10
  service_identifier = "svc-0123456789abcdef0"
  listener_identifier = "listener-0123456789abcdef0"
  match {
    http_match {
      dynamic "header_matches" {
        for_each = var.headers
        content {
          name = header_matches.key
          match { exact = header_matches.value }
        }
      }
    }
  }
  action {
    fixed_response { status_code = 404 }
  }
}
resource "aws_vpclattice_listener_rule" "p" {
  name = "p"
  priority = 20
  service_identifier = "svc-0123456789abcdef0"
  listener_identifier = "listener-0123456789abcdef0"
  match {
    http_match {
      dynamic "path_match" {
        for_each = var.paths
        content {
          match { prefix = path_match.value }
        }
      }
    }
  }
  action {
    fixed_response { status_code = 404 }
  }
}
`}
	m, _ := load(t, files, Options{})
	h := entity[*model.ListenerRule](t, m, ".//aws_vpclattice_listener_rule.h")
	if len(h.Match.Headers) != 1 || h.Match.Headers[0].Name.Known || h.Match.Headers[0].Name.Range.IsZero() {
		t.Errorf("dynamic header_matches over an unknown map: %+v", h.Match.Headers)
	}
	p := entity[*model.ListenerRule](t, m, ".//aws_vpclattice_listener_rule.p")
	if p.Match.Path.Known || p.Match.Path.Range.IsZero() {
		t.Errorf("dynamic path_match over an unknown list: %+v", p.Match.Path)
	}
}
