package parse

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lattice-lint/lattice-lint/pkg/diag"
)

// TestOverlappingPaths: a template named by more than one argument (its
// folder and itself, spelled differently) is read once: no duplicate
// entities, no duplicate-export error.
func TestOverlappingPaths(t *testing.T) {
	dir := t.TempDir()
	src := "Resources:\n  SN: {Type: AWS::VpcLattice::ServiceNetwork}\nOutputs:\n  SN: {Value: !Ref SN, Export: {Name: core-sn}}\n"
	if err := os.WriteFile(filepath.Join(dir, "a.yaml"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	abs, err := filepath.Abs(filepath.Join(dir, "a.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		paths []string
	}{
		{"folder and file", []string{dir, filepath.Join(dir, "a.yaml")}},
		{"file twice, spelled differently", []string{filepath.Join(dir, "a.yaml"), dir + string(filepath.Separator) + "." + string(filepath.Separator) + "a.yaml", abs}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res, err := Load(context.Background(), tc.paths, Options{Root: dir})
			if err != nil {
				t.Fatal(err)
			}
			for _, d := range res.Diagnostics {
				if d.Severity == diag.Error {
					t.Errorf("unexpected error: %s", d)
				}
			}
			if res.Files != 1 || res.Model.Len() != 1 {
				t.Errorf("read %d files into %d entities, want 1 and 1", res.Files, res.Model.Len())
			}
		})
	}
}

// TestOverlappingTerraformPaths: a Terraform folder named relatively and
// absolutely is one root.
func TestOverlappingTerraformPaths(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(`resource "aws_vpclattice_service_network" "sn" { name = "sn" }`), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	res, err := Load(context.Background(), []string{".", dir, filepath.Join(dir, "main.tf")}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range res.Diagnostics {
		if d.Severity == diag.Error {
			t.Errorf("unexpected error: %s", d)
		}
	}
	if res.Files != 1 || res.Model.Len() != 1 {
		t.Errorf("read %d files into %d entities, want 1 and 1", res.Files, res.Model.Len())
	}
	if e := res.Model.Entities()[0].Base(); e.ID != ".//aws_vpclattice_service_network.sn" {
		t.Errorf("entity id %q: paths must stay relative to the root", e.ID)
	}
}

// TestReadmeNamesSkippedFolders: the README says which folders discovery
// skips; every one that is not hidden (hidden ones are skipped as a class)
// must be named there.
func TestReadmeNamesSkippedFolders(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	for name := range skipDirs {
		if !strings.HasPrefix(name, ".") && !strings.Contains(string(readme), "`"+name+"`") {
			t.Errorf("README.md does not say that %s folders are skipped", name)
		}
	}
}
