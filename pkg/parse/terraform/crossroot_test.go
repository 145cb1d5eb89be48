package terraform

import (
	"strings"
	"testing"

	"github.com/lattice-lint/lattice-lint/pkg/diag"
	"github.com/lattice-lint/lattice-lint/pkg/model"
)

// networkRoot keeps its state in S3 and publishes its service network.
const networkRoot = `
terraform {
  backend "s3" {
    bucket = "acme-tf-state"
    key    = "lattice/network.tfstate"
    region = "eu-west-1"
  }
}
provider "aws" {
  region              = "eu-west-1"
  allowed_account_ids = ["111111111111"]
}
resource "aws_vpclattice_service_network" "core" { name = "core" }
resource "aws_ssm_parameter" "sn_arn" {
  name  = "/lattice/core/arn"
  type  = "String"
  value = aws_vpclattice_service_network.core.arn
}
output "sn_arn" { value = aws_vpclattice_service_network.core.arn }
output "network" {
  value = {
    id  = aws_vpclattice_service_network.core.id
    arn = aws_vpclattice_service_network.core.arn
  }
}
`

func TestRemoteStateLinksRoots(t *testing.T) {
	files := map[string]string{
		"network/main.tf": networkRoot,
		"apps/main.tf": `
data "terraform_remote_state" "net" {
  backend = "s3"
  config = {
    bucket = "acme-tf-state"
    key    = "lattice/network.tfstate"
    region = "eu-west-1"
  }
}
data "terraform_remote_state" "local" {
  backend = "local"
  config  = { path = "../legacy/terraform.tfstate" }
}
data "terraform_remote_state" "elsewhere" {
  backend = "s3"
  config  = { bucket = "other-bucket", key = "x.tfstate" }
}
resource "aws_vpclattice_service" "s" { name = "s" }
resource "aws_vpclattice_service_network_service_association" "a" {
  service_identifier         = aws_vpclattice_service.s.id
  service_network_identifier = data.terraform_remote_state.net.outputs.sn_arn
}
resource "aws_vpclattice_service_network_service_association" "b" {
  service_identifier         = aws_vpclattice_service.s.id
  service_network_identifier = data.terraform_remote_state.net.outputs.network.id
}
resource "aws_vpclattice_service_network_service_association" "c" {
  service_identifier         = aws_vpclattice_service.s.id
  service_network_identifier = data.terraform_remote_state.local.outputs.sn
}
resource "aws_vpclattice_service_network_service_association" "d" {
  service_identifier         = aws_vpclattice_service.s.id
  service_network_identifier = data.terraform_remote_state.elsewhere.outputs.sn
}
`,
		"legacy/main.tf": `
resource "aws_vpclattice_service_network" "old" { name = "old" }
output "sn" { value = aws_vpclattice_service_network.old.id }
`,
	}
	m, ds := load(t, files, Options{}, "apps", "legacy", "network")
	notes := 0
	for _, d := range ds {
		switch {
		case d.Severity == diag.Note && strings.Contains(d.Summary, "data.terraform_remote_state.elsewhere"):
			notes++
			if !strings.Contains(d.Detail, "bucket other-bucket") {
				t.Errorf("the note should say which state was looked for: %s", d)
			}
		default:
			t.Errorf("unexpected diagnostic %s", d)
		}
	}
	if notes != 1 {
		t.Errorf("one note for the unmatched remote state, got %d", notes)
	}
	core := "network//aws_vpclattice_service_network.core"
	for name, want := range map[string]string{"a": core, "b": core, "c": "legacy//aws_vpclattice_service_network.old"} {
		a := entity[*model.ServiceAssociation](t, m, "apps//aws_vpclattice_service_network_service_association."+name)
		if a.ServiceNetwork.Target != want {
			t.Errorf("association %s: %+v, want target %s", name, a.ServiceNetwork, want)
		}
	}
	if a := entity[*model.ServiceAssociation](t, m, "apps//aws_vpclattice_service_network_service_association.d"); a.ServiceNetwork.Known() {
		t.Errorf("an unmatched remote state is unknown: %+v", a.ServiceNetwork)
	}
	sn := entity[*model.ServiceNetwork](t, m, core)
	if len(sn.ServiceAssociations) != 2 || !model.Is(sn.Account, "111111111111") {
		t.Errorf("the network root's entity gets the other root's associations: %v %+v", sn.ServiceAssociations, sn.Account)
	}
}

func TestSSMParameterLinksRoots(t *testing.T) {
	reader := `
provider "aws" {
  region              = "eu-west-1"
  allowed_account_ids = ["222222222222"]
}
data "aws_ssm_parameter" "sn" { name = "arn:aws:ssm:eu-west-1:111111111111:parameter/lattice/core/arn" }
resource "aws_vpc" "v" { cidr_block = "10.0.0.0/16" }
resource "aws_vpclattice_service_network_vpc_association" "a" {
  service_network_identifier = data.aws_ssm_parameter.sn.value
  vpc_identifier             = aws_vpc.v.id
}
`
	// Without its outputs, which escape on their own (TestRootOutputsEscape).
	network, _, _ := strings.Cut(networkRoot, "output ")
	m, ds := load(t, map[string]string{"network/main.tf": network, "apps/main.tf": reader}, Options{}, "apps", "network")
	noErrors(t, ds)
	a := entity[*model.VPCAssociation](t, m, "apps//aws_vpclattice_service_network_vpc_association.a")
	if a.ServiceNetwork.Target != "network//aws_vpclattice_service_network.core" || a.ServiceNetwork.Form() != "arn" {
		t.Errorf("SSM parameter read by ARN resolves to the writer's value: %+v", a.ServiceNetwork)
	}
	if sn := entity[*model.ServiceNetwork](t, m, "network//aws_vpclattice_service_network.core"); sn.Escaped {
		t.Error("a parameter read inside the run is no escape")
	}

	// Without the reader in the run, the parameter carries the network away.
	m, _ = load(t, map[string]string{"network/main.tf": network}, Options{}, "network")
	if sn := entity[*model.ServiceNetwork](t, m, "network//aws_vpclattice_service_network.core"); !sn.Escaped {
		t.Error("a parameter nobody in the run reads is an escape")
	}

	// A reader in another account than the writer's does not match.
	other := strings.Replace(reader, "111111111111:parameter", "333333333333:parameter", 1)
	m, _ = load(t, map[string]string{"network/main.tf": networkRoot, "apps/main.tf": other}, Options{}, "apps", "network")
	if a := entity[*model.VPCAssociation](t, m, "apps//aws_vpclattice_service_network_vpc_association.a"); a.ServiceNetwork.Known() {
		t.Errorf("a parameter of another account is not this one: %+v", a.ServiceNetwork)
	}
}

func TestLatticeDataSourcesResolve(t *testing.T) {
	apps := `
data "terraform_remote_state" "net" {
  backend = "s3"
  config  = { bucket = "acme-tf-state", key = "lattice/network.tfstate" }
}
data "aws_vpclattice_service_network" "core" {
  service_network_identifier = data.terraform_remote_state.net.outputs.sn_arn
}
data "aws_vpclattice_service_network" "unknown" {
  service_network_identifier = "sn-0123456789abcdef0"
}
data "aws_vpclattice_service" "orders" { name = "orders" }
resource "aws_vpclattice_service" "orders" { name = "orders" }
resource "aws_vpclattice_service_network_service_association" "a" {
  service_identifier         = data.aws_vpclattice_service.orders.arn
  service_network_identifier = data.aws_vpclattice_service_network.core.id
}
resource "aws_vpclattice_service_network_service_association" "b" {
  service_identifier         = aws_vpclattice_service.orders.id
  service_network_identifier = data.aws_vpclattice_service_network.unknown.arn
}
`
	m, ds := load(t, map[string]string{"network/main.tf": networkRoot, "apps/main.tf": apps}, Options{}, "apps", "network")
	noErrors(t, ds)
	a := entity[*model.ServiceAssociation](t, m, "apps//aws_vpclattice_service_network_service_association.a")
	if a.ServiceNetwork.Target != "network//aws_vpclattice_service_network.core" || a.ServiceNetwork.External {
		t.Errorf("data source with an identifier from remote state: %+v", a.ServiceNetwork)
	}
	if a.Service.Target != "apps//aws_vpclattice_service.orders" || a.Service.Form() != "arn" {
		t.Errorf("data source by the name of a service in the run: %+v", a.Service)
	}
	if m.Get("apps//data.aws_vpclattice_service_network.core") != nil || m.Get("apps//data.aws_vpclattice_service.orders") != nil {
		t.Error("a resolved lookup is not an external entity")
	}
	b := entity[*model.ServiceAssociation](t, m, "apps//aws_vpclattice_service_network_service_association.b")
	if b.ServiceNetwork.Target != "apps//data.aws_vpclattice_service_network.unknown" || !b.ServiceNetwork.External {
		t.Errorf("an unresolved lookup stays external: %+v", b.ServiceNetwork)
	}
}

// TestRootOutputsEscape: what a root's outputs name leaves the unit (a
// pipeline or a sibling root fed through variables may add its relations),
// unless a terraform_remote_state of the run reads that root's state.
func TestRootOutputsEscape(t *testing.T) {
	const root = `
resource "aws_vpclattice_service_network" "out" { name = "out" }
resource "aws_vpclattice_service_network" "kept" { name = "kept" }
resource "aws_vpclattice_target_group" "tg" {
  name = "tg"
  type = "LAMBDA"
}
output "ids" { value = { sn = aws_vpclattice_service_network.out.id, tg = aws_vpclattice_target_group.tg.arn } }
`
	m, ds := load(t, map[string]string{"network/main.tf": root}, Options{}, "network")
	noErrors(t, ds)
	for id, want := range map[string]bool{
		"network//aws_vpclattice_service_network.out":  true,
		"network//aws_vpclattice_target_group.tg":      true,
		"network//aws_vpclattice_service_network.kept": false,
	} {
		if got := m.Get(id).Base().Escaped; got != want {
			t.Errorf("%s escaped = %v, want %v", id, got, want)
		}
	}

	// A root read through remote state in the run keeps its outputs.
	reader := `
data "terraform_remote_state" "net" {
  backend = "s3"
  config = {
    bucket = "acme-tf-state"
    key    = "lattice/network.tfstate"
    region = "eu-west-1"
  }
}
resource "aws_vpc" "v" { cidr_block = "10.0.0.0/16" }
resource "aws_vpclattice_service_network_vpc_association" "a" {
  service_network_identifier = data.terraform_remote_state.net.outputs.sn_arn
  vpc_identifier             = aws_vpc.v.id
}
`
	network, _, _ := strings.Cut(networkRoot, "resource \"aws_ssm_parameter\"")
	network += "output \"sn_arn\" { value = aws_vpclattice_service_network.core.arn }\n"
	m, ds = load(t, map[string]string{"network/main.tf": network, "apps/main.tf": reader}, Options{}, "apps", "network")
	noErrors(t, ds)
	if sn := entity[*model.ServiceNetwork](t, m, "network//aws_vpclattice_service_network.core"); sn.Escaped {
		t.Error("the outputs of a root read through remote state in the run do not escape")
	}
}

func TestRemoteStateCycleAcrossRoots(t *testing.T) {
	// Each root reads the other's state; the outputs themselves do not form a
	// cycle, so both resolve.
	files := map[string]string{
		"a/main.tf": `
terraform {
  backend "local" { path = "a.tfstate" }
}
data "terraform_remote_state" "b" {
  backend = "local"
  config  = { path = "../b/terraform.tfstate" }
}
resource "aws_vpclattice_service_network" "sn" { name = "a" }
output "sn" { value = aws_vpclattice_service_network.sn.id }
resource "aws_vpclattice_service_network_service_association" "x" {
  service_identifier         = data.terraform_remote_state.b.outputs.svc
  service_network_identifier = aws_vpclattice_service_network.sn.id
}
`,
		"b/main.tf": `
data "terraform_remote_state" "a" {
  backend = "local"
  config  = { path = "../a/a.tfstate" }
}
resource "aws_vpclattice_service" "svc" { name = "b" }
output "svc" { value = aws_vpclattice_service.svc.id }
resource "aws_vpclattice_service_network_service_association" "y" {
  service_identifier         = aws_vpclattice_service.svc.id
  service_network_identifier = data.terraform_remote_state.a.outputs.sn
}
`,
	}
	m, ds := load(t, files, Options{}, "a", "b")
	noErrors(t, ds)
	x := entity[*model.ServiceAssociation](t, m, "a//aws_vpclattice_service_network_service_association.x")
	y := entity[*model.ServiceAssociation](t, m, "b//aws_vpclattice_service_network_service_association.y")
	if x.Service.Target != "b//aws_vpclattice_service.svc" || y.ServiceNetwork.Target != "a//aws_vpclattice_service_network.sn" {
		t.Errorf("mutual remote state: x %+v y %+v", x.Service, y.ServiceNetwork)
	}
}
