package terraform

import (
	"strings"
	"testing"

	"github.com/lattice-lint/lattice-lint/pkg/diag"
	"github.com/lattice-lint/lattice-lint/pkg/model"
	"github.com/lattice-lint/lattice-lint/pkg/settings"
)

// serviceModule is a small service module: a service, a target group with a
// dynamic health check, a listener built by a nested module, and outputs
// (a string, a whole resource, an object).
var serviceModule = map[string]string{
	"modules/svc/main.tf": `
variable "name" { type = string }
variable "port" {
  type    = number
  default = 8080
}
variable "network_id" { type = string }
variable "health" {
  type = object({
    path    = optional(string, "/health")
    enabled = optional(bool, true)
  })
  default = {}
}
variable "checks" {
  type    = list(string)
  default = ["primary"]
}
resource "aws_vpclattice_service" "this" {
  name      = var.name
  auth_type = "AWS_IAM"
}
resource "aws_vpclattice_target_group" "this" {
  name = "${var.name}-tg"
  type = "IP"
  config {
    port     = var.port
    protocol = "HTTP"
    dynamic "health_check" {
      for_each = var.health.enabled ? var.checks : []
      content {
        path = var.health.path
      }
    }
  }
}
resource "aws_vpclattice_service_network_service_association" "this" {
  service_identifier         = aws_vpclattice_service.this.id
  service_network_identifier = var.network_id
}
module "listener" {
  source     = "./listener"
  service_id = aws_vpclattice_service.this.id
  tg_id      = aws_vpclattice_target_group.this.id
}
output "service_arn" { value = aws_vpclattice_service.this.arn }
output "service" { value = aws_vpclattice_service.this }
output "ids" {
  value = {
    service = aws_vpclattice_service.this.id
    tg      = aws_vpclattice_target_group.this.id
  }
}
output "listener_id" { value = module.listener.listener_id }
`,
	"modules/svc/listener/main.tf": `
variable "service_id" { type = string }
variable "tg_id" { type = string }
resource "aws_vpclattice_listener" "this" {
  name               = "http"
  protocol           = "HTTP"
  service_identifier = var.service_id
  default_action {
    forward {
      target_groups {
        target_group_identifier = var.tg_id
      }
    }
  }
}
output "listener_id" { value = aws_vpclattice_listener.this.listener_id }
`,
}

func withFiles(base map[string]string, more map[string]string) map[string]string {
	out := map[string]string{}
	for k, v := range base {
		out[k] = v
	}
	for k, v := range more {
		out[k] = v
	}
	return out
}

func TestModuleForEachNestedOutputs(t *testing.T) {
	files := withFiles(serviceModule, map[string]string{"main.tf": `
provider "aws" {
  region              = "eu-west-1"
  allowed_account_ids = ["111111111111"]
}
provider "aws" {
  alias               = "apps"
  region              = "us-east-1"
  allowed_account_ids = ["222222222222"]
}
variable "services" {
  default = {
    orders  = { port = 8080 }
    billing = { port = 9090, health = { enabled = false } }
  }
}
resource "aws_vpclattice_service_network" "sn" { name = "core" }
module "svc" {
  source     = "./modules/svc"
  for_each   = var.services
  name       = each.key
  port       = each.value.port
  network_id = aws_vpclattice_service_network.sn.id
  health     = try(each.value.health, {})
  providers  = { aws = aws.apps }
}
resource "aws_vpclattice_auth_policy" "orders" {
  resource_identifier = module.svc["orders"].service_arn
  policy              = jsonencode({ Statement = [] })
}
resource "aws_vpclattice_auth_policy" "billing" {
  resource_identifier = module.svc["billing"].service.arn
  policy              = jsonencode({ Statement = [] })
}
resource "aws_vpclattice_listener_rule" "r" {
  for_each            = module.svc
  name                = "r"
  priority            = 10
  service_identifier  = each.value.ids.service
  listener_identifier = each.value.listener_id
  match {
    http_match {
      path_match {
        match { prefix = "/" }
      }
    }
  }
  action {
    fixed_response { status_code = 404 }
  }
}
`})
	m, ds := load(t, files, Options{})
	noErrors(t, ds)
	if len(ds) != 0 {
		t.Errorf("expanded modules need no note: %v", ds)
	}
	svc := entity[*model.Service](t, m, `.//module.svc["orders"].aws_vpclattice_service.this`)
	if !model.Is(svc.Name, "orders") || svc.Address != `module.svc["orders"].aws_vpclattice_service.this` {
		t.Errorf("service from module: name %+v address %q", svc.Name, svc.Address)
	}
	if svc.Range.File != "modules/svc/main.tf" || svc.Range.Start.Line != 19 {
		t.Errorf("entity range must point into the module: %+v", svc.Range)
	}
	if len(svc.CallChain) != 1 || svc.CallChain[0].Address != `module.svc["orders"]` || svc.CallChain[0].Range.File != "main.tf" {
		t.Errorf("call chain: %+v", svc.CallChain)
	}
	if !model.Is(svc.Account, "222222222222") || !model.Is(svc.Region, "us-east-1") {
		t.Errorf("providers = { aws = aws.apps } must attribute to the apps account: %+v %+v", svc.Account, svc.Region)
	}
	if svc.Escaped {
		t.Error("nothing escapes an expanded module")
	}
	sn := entity[*model.ServiceNetwork](t, m, ".//aws_vpclattice_service_network.sn")
	if sn.Escaped || !model.Is(sn.Account, "111111111111") {
		t.Errorf("service network passed into an expanded module: escaped %v account %+v", sn.Escaped, sn.Account)
	}
	if len(sn.ServiceAssociations) != 2 {
		t.Errorf("both module instances associate with the root's network: %v", sn.ServiceAssociations)
	}
	// Nested module: two frames, range inside the nested module.
	l := entity[*model.Listener](t, m, `.//module.svc["billing"].module.listener.aws_vpclattice_listener.this`)
	if len(l.CallChain) != 2 || l.CallChain[1].Address != `module.svc["billing"].module.listener` ||
		l.CallChain[1].Range.File != "modules/svc/main.tf" || l.Range.File != "modules/svc/listener/main.tf" {
		t.Errorf("nested call chain %+v range %+v", l.CallChain, l.Range)
	}
	if l.Service.Target != `.//module.svc["billing"].aws_vpclattice_service.this` ||
		len(l.DefaultAction.Forward) != 1 || l.DefaultAction.Forward[0].TargetGroup.Target != `.//module.svc["billing"].aws_vpclattice_target_group.this` {
		t.Errorf("references through module inputs: %+v %+v", l.Service, l.DefaultAction.Forward)
	}
	if !model.Is(l.Account, "222222222222") {
		t.Errorf("a nested module inherits the mapped provider: %+v", l.Account)
	}
	// Outputs: a string, a whole resource, an object, a nested module's output.
	po := entity[*model.AuthPolicy](t, m, ".//aws_vpclattice_auth_policy.orders")
	pb := entity[*model.AuthPolicy](t, m, ".//aws_vpclattice_auth_policy.billing")
	if po.Resource.Target != `.//module.svc["orders"].aws_vpclattice_service.this` || po.Resource.Form() != "arn" {
		t.Errorf("output string: %+v", po.Resource)
	}
	if pb.Resource.Target != `.//module.svc["billing"].aws_vpclattice_service.this` || pb.Resource.Form() != "arn" {
		t.Errorf("output whole resource: %+v", pb.Resource)
	}
	r := entity[*model.ListenerRule](t, m, `.//aws_vpclattice_listener_rule.r["orders"]`)
	if r.Service.Target != `.//module.svc["orders"].aws_vpclattice_service.this` ||
		r.Listener.Target != `.//module.svc["orders"].module.listener.aws_vpclattice_listener.this` || r.Listener.Form() != "id" {
		t.Errorf("for_each over a module, object output, nested output: service %+v listener %+v", r.Service, r.Listener)
	}
	// Dynamic health_check with optional() defaults.
	tgo := entity[*model.TargetGroup](t, m, `.//module.svc["orders"].aws_vpclattice_target_group.this`)
	tgb := entity[*model.TargetGroup](t, m, `.//module.svc["billing"].aws_vpclattice_target_group.this`)
	if !tgo.HealthCheck.Set || !model.Is(tgo.HealthCheck.Path, "/health") || !model.Is(tgo.Port, 8080) {
		t.Errorf("orders health check from optional() default: %+v port %+v", tgo.HealthCheck, tgo.Port)
	}
	if tgb.HealthCheck.Set || !model.Is(tgb.Port, 9090) {
		t.Errorf("billing disables the dynamic health check: %+v port %+v", tgb.HealthCheck, tgb.Port)
	}
}

func TestModuleCountAndUnknownExpansion(t *testing.T) {
	files := withFiles(serviceModule, map[string]string{"main.tf": `
variable "n" { type = number }
module "two" {
  source     = "./modules/svc"
  count      = 2
  name       = "s${count.index}"
  network_id = "sn-0123456789abcdef0"
}
module "maybe" {
  source     = "./modules/svc"
  count      = var.n
  name       = "maybe"
  network_id = "sn-0123456789abcdef0"
}
resource "aws_vpclattice_auth_policy" "p" {
  resource_identifier = module.maybe[0].service_arn
  policy              = jsonencode({ Statement = [] })
}
`})
	m, ds := load(t, files, Options{})
	noErrors(t, ds)
	s1 := entity[*model.Service](t, m, `.//module.two[1].aws_vpclattice_service.this`)
	if !model.Is(s1.Name, "s1") || s1.Conditional {
		t.Errorf("count instance: %+v conditional %v", s1.Name, s1.Conditional)
	}
	maybe := entity[*model.Service](t, m, `.//module.maybe.aws_vpclattice_service.this`)
	if !maybe.Conditional {
		t.Error("a module with unknown count creates conditional entities")
	}
	nested := entity[*model.Listener](t, m, `.//module.maybe.module.listener.aws_vpclattice_listener.this`)
	if !nested.Conditional {
		t.Error("conditional-ness is inherited by nested modules")
	}
	p := entity[*model.AuthPolicy](t, m, ".//aws_vpclattice_auth_policy.p")
	if p.Resource.Target != `.//module.maybe.aws_vpclattice_service.this` {
		t.Errorf("an output of a module with unknown count still names its resource: %+v", p.Resource)
	}
}

func TestModuleNotReadCases(t *testing.T) {
	tests := []struct {
		name    string
		files   map[string]string
		opts    Options
		summary string // of the one diagnostic about the call
		sev     diag.Severity
	}{
		{"missing folder", map[string]string{"main.tf": `module "m" { source = "./nope" }`}, Options{}, "Module folder not found", diag.Warning},
		{"outside root", map[string]string{"root/main.tf": `module "m" { source = "../../outside" }`}, Options{}, "Module outside the tree", diag.Warning},
		{"registry", map[string]string{"main.tf": `module "m" { source = "aws-ia/vpc/aws" }`}, Options{}, "module.m not expanded", diag.Note},
		{"recursive", map[string]string{"main.tf": `module "m" { source = "./r" }`, "r/main.tf": `module "again" { source = "../r" }`}, Options{}, "Recursive module call", diag.Warning},
		{"too deep", map[string]string{"main.tf": `module "m" { source = "./a" }`, "a/main.tf": `module "m" { source = "./b" }`,
			"a/b/main.tf": `module "m" { source = "./c" }`, "a/b/c/main.tf": `resource "aws_vpclattice_service" "s" { name = "s" }`},
			Options{Limits: settings.Limits{MaxModuleDepth: 2}}, "Module nesting too deep", diag.Warning},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := "."
			if tt.name == "outside root" {
				root = "root"
			}
			_, ds := load(t, tt.files, tt.opts, root)
			n := 0
			for _, d := range ds {
				if d.Summary == tt.summary && d.Severity == tt.sev {
					n++
					if d.Range.Start.Line != 1 || !strings.Contains(d.Detail, "outputs are unknown") {
						t.Errorf("diagnostic must point at the call and say what it means: %s", d)
					}
				} else if d.Severity == diag.Error {
					t.Errorf("unexpected error %s", d)
				}
			}
			if n != 1 {
				t.Errorf("want exactly one %s %q, got %v", tt.sev, tt.summary, ds)
			}
		})
	}
}

func TestModuleInstanceLimits(t *testing.T) {
	files := withFiles(serviceModule, map[string]string{"main.tf": `
module "many" {
  source     = "./modules/svc"
  count      = 5
  name       = "s"
  network_id = "sn-0123456789abcdef0"
}
`})
	m, ds := load(t, files, Options{Limits: settings.Limits{MaxTotalInstances: 12}})
	found := false
	for _, d := range ds {
		if d.Severity == diag.Error && d.Summary == "Too many instances in total" && d.Range.File != "" {
			found = true
		}
	}
	if !found {
		t.Errorf("want a clear error when the total is exceeded, got %v", ds)
	}
	if m.Len() == 0 || m.Len() > 12 {
		t.Errorf("entities read up to the limit: %d", m.Len())
	}
	_, ds = load(t, files, Options{Limits: settings.Limits{MaxInstances: 3}})
	found = false
	for _, d := range ds {
		found = found || (d.Summary == "Too many instances" && strings.Contains(d.Detail, "module call"))
	}
	if !found {
		t.Errorf("per-call limit not reported: %v", ds)
	}
}

func TestModuleArgumentsChecked(t *testing.T) {
	files := withFiles(serviceModule, map[string]string{"main.tf": `
module "svc" {
  source  = "./modules/svc"
  name    = "x"
  colour  = "blue"
}
`})
	m, ds := load(t, files, Options{})
	var got []string
	for _, d := range ds {
		got = append(got, d.Summary)
	}
	joined := strings.Join(got, ",")
	if !strings.Contains(joined, "Unsupported argument") || !strings.Contains(joined, "Missing required argument") {
		t.Errorf("want unsupported and missing argument warnings, got %v", ds)
	}
	a := entity[*model.ServiceAssociation](t, m, ".//module.svc.aws_vpclattice_service_network_service_association.this")
	if a.ServiceNetwork.Known() {
		t.Errorf("a missing argument is unknown, not a default: %+v", a.ServiceNetwork)
	}
}

func TestModuleOutputCycle(t *testing.T) {
	files := map[string]string{
		"main.tf": `
module "a" {
  source = "./m"
  in     = module.a.out
}
resource "aws_vpclattice_service" "s" { name = module.a.out }
`,
		"m/main.tf": `
variable "in" {}
output "out" { value = var.in }
`}
	m, ds := load(t, files, Options{})
	cycle := false
	for _, d := range ds {
		cycle = cycle || (d.Severity == diag.Error && strings.Contains(d.Summary, "Cycle"))
	}
	if !cycle {
		t.Errorf("a cycle through a module must be reported: %v", ds)
	}
	if s := entity[*model.Service](t, m, ".//aws_vpclattice_service.s"); s.Name.Known {
		t.Errorf("values on a cycle are unknown: %+v", s.Name)
	}
}

func TestModulesJSON(t *testing.T) {
	files := map[string]string{
		"main.tf": `
module "lattice" {
  source  = "example/lattice/aws"
  version = "1.0.0"
  name    = "from-registry"
}
resource "aws_vpclattice_auth_policy" "p" {
  resource_identifier = module.lattice.arn
  policy              = jsonencode({ Statement = [] })
}
`,
		".terraform/modules/modules.json": `{"Modules":[{"Key":"","Source":"","Dir":"."},
  {"Key":"lattice","Source":"registry.terraform.io/example/lattice/aws","Version":"1.0.0","Dir":".terraform/modules/lattice"},
  {"Key":"lattice.inner","Source":"registry.terraform.io/example/inner/aws","Version":"2.0.0","Dir":".terraform/modules/lattice.inner"}]}`,
		".terraform/modules/lattice/main.tf": `
variable "name" {}
module "inner" {
  source = "example/inner/aws"
  name   = var.name
}
output "arn" { value = module.inner.arn }
`,
		".terraform/modules/lattice.inner/main.tf": `
variable "name" {}
resource "aws_vpclattice_service" "this" { name = var.name }
output "arn" { value = aws_vpclattice_service.this.arn }
`,
	}
	m, ds := load(t, files, Options{})
	noErrors(t, ds)
	if len(ds) != 0 {
		t.Errorf("modules installed by terraform init are read without notes: %v", ds)
	}
	s := entity[*model.Service](t, m, ".//module.lattice.module.inner.aws_vpclattice_service.this")
	if !model.Is(s.Name, "from-registry") || s.Range.File != ".terraform/modules/lattice.inner/main.tf" {
		t.Errorf("registry module read from the cache: %+v %+v", s.Name, s.Range)
	}
	p := entity[*model.AuthPolicy](t, m, ".//aws_vpclattice_auth_policy.p")
	if p.Resource.Target != s.ID {
		t.Errorf("output of a cached module: %+v", p.Resource)
	}
}

func TestColumnsAreCodePoints(t *testing.T) {
	// "é" is two bytes and one code point; the flag is two code points and one
	// grapheme cluster. HCL ends the string at column 14 (graphemes); the model,
	// like SARIF, says 15 (code points).
	files := map[string]string{"main.tf": "resource \"aws_vpclattice_service\" \"s\" {\n  name = \"é🇫🇷\"\n}\n"}
	m, _ := load(t, files, Options{})
	s := entity[*model.Service](t, m, ".//aws_vpclattice_service.s")
	if s.Name.Range.Start.Column != 10 || s.Name.Range.End.Column != 15 {
		t.Errorf("columns in code points: got %d-%d, want 10-15", s.Name.Range.Start.Column, s.Name.Range.End.Column)
	}
}

func TestOneNotePerModuleBlock(t *testing.T) {
	files := map[string]string{
		"main.tf": `
module "svc" {
  source   = "./svc"
  for_each = toset(["a", "b", "c"])
  name     = each.key
}
`,
		"svc/main.tf": `
variable "name" {}
module "tags" {
  source = "aws-ia/label/aws"
  tags   = { Name = var.name }
}
resource "aws_vpclattice_service" "s" {
  name = var.name
  tags = module.tags.tags_aws
}
`}
	m, ds := load(t, files, Options{})
	if len(ds) != 1 || ds[0].Summary != "module.svc.module.tags not expanded" || ds[0].Range.File != "svc/main.tf" {
		t.Errorf("want one note naming the module block, got %v", ds)
	}
	if s := entity[*model.Service](t, m, `.//module.svc["b"].aws_vpclattice_service.s`); !model.Is(s.Name, "b") || s.Tags != nil {
		t.Errorf("service in the module: %+v tags %v", s.Name, s.Tags)
	}
}

func TestModuleVariablesAndProviders(t *testing.T) {
	files := map[string]string{
		"main.tf": `
provider "aws" {
  region              = "eu-west-1"
  allowed_account_ids = ["111111111111"]
}
provider "aws" {
  alias               = "east"
  region              = "us-east-1"
  allowed_account_ids = ["222222222222"]
}
module "m" {
  source    = "./m"
  strict    = null
  loose     = null
  providers = { aws.peer = aws.east }
}
`,
		"m/main.tf": `
variable "strict" {
  default  = "strict-default"
  nullable = false
}
variable "loose" {
  default = "loose-default"
}
provider "aws" {
  alias  = "own"
  region = "ap-south-1"
}
resource "aws_vpclattice_service" "strict" { name = var.strict }
resource "aws_vpclattice_service" "loose" { name = coalesce(var.loose, "was-null") }
resource "aws_vpclattice_service" "peer" {
  provider = aws.peer
  name     = "peer"
}
resource "aws_vpclattice_service" "own" {
  provider = aws.own
  name     = "own"
}
`}
	m, ds := load(t, files, Options{})
	noErrors(t, ds)
	for id, want := range map[string]string{"strict": "strict-default", "loose": "was-null"} {
		if s := entity[*model.Service](t, m, ".//module.m.aws_vpclattice_service."+id); !model.Is(s.Name, want) {
			t.Errorf("var.%s passed null: %+v, want %q", id, s.Name, want)
		}
	}
	peer := entity[*model.Service](t, m, ".//module.m.aws_vpclattice_service.peer")
	if !model.Is(peer.Account, "222222222222") || !model.Is(peer.Region, "us-east-1") {
		t.Errorf("aws.peer = aws.east: %+v %+v", peer.Account, peer.Region)
	}
	own := entity[*model.Service](t, m, ".//module.m.aws_vpclattice_service.own")
	if !model.Is(own.Region, "ap-south-1") || own.Account.Known {
		t.Errorf("a module's own provider block: %+v %+v", own.Region, own.Account)
	}
}

// TestBadModuleInput: malformed module and cross-root input never panics and
// every error names a place.
func TestBadModuleInput(t *testing.T) {
	tests := map[string]map[string]string{
		"for_each not a map":      {"main.tf": "module \"m\" {\n  source = \"./m\"\n  for_each = \"x\"\n}\n", "m/main.tf": `output "o" { value = 1 }`},
		"count and for_each":      {"main.tf": "module \"m\" {\n  source = \"./m\"\n  count = 1\n  for_each = {}\n}\n", "m/main.tf": `output "o" { value = 1 }`},
		"source not literal":      {"main.tf": "variable \"s\" {}\nmodule \"m\" {\n  source = var.s\n}\n"},
		"providers not a map":     {"main.tf": "module \"m\" {\n  source = \"./m\"\n  providers = [aws]\n}\n", "m/main.tf": `output "o" { value = 1 }`},
		"undeclared output":       {"main.tf": "module \"m\" {\n  source = \"./m\"\n}\nresource \"aws_vpclattice_service\" \"s\" {\n  name = module.m.nope\n}\n", "m/main.tf": `output "o" { value = 1 }`},
		"remote state odd config": {"main.tf": "data \"terraform_remote_state\" \"r\" {\n  backend = \"s3\"\n  config = \"x\"\n}\nresource \"aws_vpclattice_service\" \"s\" {\n  name = data.terraform_remote_state.r.outputs.x\n}\n"},
		"bad manifest":            {"main.tf": "module \"m\" {\n  source = \"x/y/aws\"\n}\n", ".terraform/modules/modules.json": "{not json"},
		"module file syntax":      {"main.tf": "module \"m\" {\n  source = \"./m\"\n}\n", "m/main.tf": "resource \"aws_vpc\" {\n"},
	}
	for name, files := range tests {
		t.Run(name, func(t *testing.T) {
			_, ds := load(t, files, Options{})
			for _, d := range ds {
				if d.Summary == "Internal error" {
					t.Fatalf("panic: %s", d)
				}
				if d.Severity != diag.Note && (d.Range.File == "" || d.Range.Start.Line < 1) {
					t.Errorf("diagnostic without a place: %s", d)
				}
			}
			if len(ds) == 0 {
				t.Error("bad input must be reported")
			}
		})
	}
}
