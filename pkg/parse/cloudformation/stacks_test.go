package cloudformation

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/lattice-lint/lattice-lint/pkg/config"
	"github.com/lattice-lint/lattice-lint/pkg/diag"
	"github.com/lattice-lint/lattice-lint/pkg/model"
)

const fixtures = "../../../fixtures/cloudformation"

// TestTwoStack: the app stack imports the service network the network stack
// exports; after Link the association points at the network's entity.
func TestTwoStack(t *testing.T) {
	dir := filepath.Join(fixtures, "two-stack")
	// The importing stack comes first: exports are indexed before anything is evaluated.
	m, res := parseFiles(t, Options{Root: dir}, filepath.Join(dir, "app.yaml"), filepath.Join(dir, "network.yaml"))
	if len(res.Diagnostics) > 0 {
		t.Fatalf("diagnostics: %v", res.Diagnostics)
	}
	a, ok := m.Get("app.yaml//Association").(*model.ServiceAssociation)
	if !ok {
		t.Fatal("app.yaml//Association missing")
	}
	if a.ServiceNetwork.Target != "network.yaml//ServiceNetwork" || a.ServiceNetwork.External {
		t.Errorf("imported service network = %+v, want the network stack's entity", a.ServiceNetwork)
	}
	if a.ServiceNetwork.Range.File != "app.yaml" || a.ServiceNetwork.Range.Start.Line != 12 {
		t.Errorf("the reference is read where the import is written: %v", a.ServiceNetwork.Range)
	}
	sn := m.Get("network.yaml//ServiceNetwork").(*model.ServiceNetwork)
	if len(sn.ServiceAssociations) != 1 || sn.ServiceAssociations[0] != "app.yaml//Association" {
		t.Errorf("service network associations = %v", sn.ServiceAssociations)
	}
	if !model.Is(sn.Name, "core-sn") {
		t.Errorf("name from !Sub with a parameter default = %+v", sn.Name)
	}
}

func TestImportUnknown(t *testing.T) {
	dir := filepath.Join(fixtures, "two-stack")
	// Without the exporting stack the import is unknown, not an error.
	m, res := parseFiles(t, Options{Root: dir}, filepath.Join(dir, "app.yaml"))
	if len(res.Diagnostics) > 0 {
		t.Fatalf("diagnostics: %v", res.Diagnostics)
	}
	a := m.Get("app.yaml//Association").(*model.ServiceAssociation)
	if a.ServiceNetwork.Known() || a.ServiceNetwork.Range.IsZero() {
		t.Errorf("import without exporter = %+v, want an unknown reference with a range", a.ServiceNetwork)
	}
}

func TestDuplicateExportAndImportCycle(t *testing.T) {
	dir := t.TempDir()
	write := func(name, src string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	a := write("a.yaml", "Resources:\n  SN: {Type: AWS::VpcLattice::ServiceNetwork}\nOutputs:\n  X: {Value: !ImportValue y, Export: {Name: x}}\n")
	b := write("b.yaml", "Resources:\n  SN: {Type: AWS::VpcLattice::ServiceNetwork}\nOutputs:\n  Y: {Value: !ImportValue x, Export: {Name: y}}\n  Z: {Value: !Ref SN, Export: {Name: x}}\n")
	_, res := parseFiles(t, Options{Root: dir}, a, b)
	errs := errorsOf(res.Diagnostics)
	if len(errs) != 1 || errs[0] != `b.yaml:5:38: error: export name "x" is also exported by a.yaml (output X); CloudFormation requires export names to be unique per account and Region` {
		t.Errorf("errors = %q", errs)
	}
}

// TestMixedFolder: Kubernetes, eksctl, CI and npm files beside a template
// yield nothing; only the template is read.
func TestMixedFolder(t *testing.T) {
	dir := filepath.Join(fixtures, "mixed")
	var files []string
	err := filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if err == nil && !info.IsDir() {
			files = append(files, p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 5 {
		t.Fatalf("fixture incomplete: %v", files)
	}
	m, res := parseFiles(t, Options{Root: dir}, files...)
	for _, d := range res.Diagnostics {
		if d.Severity != diag.Note {
			t.Errorf("unexpected diagnostic: %s", d)
		}
	}
	if len(res.Templates) != 1 || res.Templates[0] != "template.yaml" {
		t.Errorf("templates = %v, want only template.yaml", res.Templates)
	}
	for _, e := range m.Entities() {
		if e.Base().Source != "template.yaml" {
			t.Errorf("entity %s from %s", e.Base().ID, e.Base().Source)
		}
	}
	if m.Len() != 1 {
		t.Errorf("%d entities, want 1", m.Len())
	}
}

func TestIsCandidate(t *testing.T) {
	for name, want := range map[string]bool{
		"a.yaml": true, "a.YML": true, "a.json": true, "stack.template": true, "cdk.out/App.template.json": true,
		"main.tf.json": false, "main.tf": false, "README.md": false,
	} {
		if got := IsCandidate(name); got != want {
			t.Errorf("IsCandidate(%q) = %v", name, got)
		}
	}
}

// TestExportsPerAccountAndRegion: export names are unique per account and
// Region, so the same template deployed to two accounts exports the same name
// twice without error, and an import resolves in its own account only.
func TestExportsPerAccountAndRegion(t *testing.T) {
	const network = "Resources:\n  SN: {Type: AWS::VpcLattice::ServiceNetwork}\nOutputs:\n  SN: {Value: !Ref SN, Export: {Name: core-sn}}\n"
	const app = "Resources:\n  Svc: {Type: AWS::VpcLattice::Service}\n  A:\n    Type: AWS::VpcLattice::ServiceNetworkServiceAssociation\n" +
		"    Properties: {ServiceIdentifier: !Ref Svc, ServiceNetworkIdentifier: !ImportValue core-sn}\n"
	tests := []struct {
		name     string
		accounts map[string]config.Attribution // by folder
		errors   int
		target   string // what dev/app.yaml's import resolves to
	}{
		{"two accounts", map[string]config.Attribution{
			"dev": {Account: "111111111111", Region: "eu-west-1"}, "prod": {Account: "222222222222", Region: "eu-west-1"}},
			0, "dev/net.yaml//SN"},
		{"two regions", map[string]config.Attribution{
			"dev": {Account: "111111111111", Region: "eu-west-1"}, "prod": {Account: "111111111111", Region: "us-east-1"}},
			0, "dev/net.yaml//SN"},
		{"same account and region", map[string]config.Attribution{
			"dev": {Account: "111111111111", Region: "eu-west-1"}, "prod": {Account: "111111111111", Region: "eu-west-1"}},
			1, "prod/net.yaml//SN"},
		{"attribution unknown", nil, 1, "prod/net.yaml//SN"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			var files []string
			for _, f := range []struct{ path, src string }{
				// prod first: its export is indexed before dev's.
				{"prod/net.yaml", network}, {"dev/net.yaml", network}, {"dev/app.yaml", app},
			} {
				p := filepath.Join(dir, f.path)
				if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(p, []byte(f.src), 0o644); err != nil {
					t.Fatal(err)
				}
				files = append(files, p)
			}
			attribute := func(p string) config.Attribution {
				return tc.accounts[filepath.Base(filepath.Dir(p))]
			}
			m, res := parseFiles(t, Options{Root: dir, Attribute: attribute}, files...)
			if errs := errorsOf(res.Diagnostics); len(errs) != tc.errors {
				t.Errorf("errors = %q, want %d", errs, tc.errors)
			}
			a := m.Get("dev/app.yaml//A").(*model.ServiceAssociation)
			if a.ServiceNetwork.Target != tc.target {
				t.Errorf("import resolves to %+v, want %s", a.ServiceNetwork, tc.target)
			}
		})
	}
}
