package scalegen

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestWrite(t *testing.T) {
	for _, f := range []Format{Terraform, CloudFormation} {
		t.Run(string(f), func(t *testing.T) {
			dir := t.TempDir()
			tree, err := Write(dir, f, Spec{Resources: 1000, PerRoot: 30})
			if err != nil {
				t.Fatal(err)
			}
			// The plan counts Terraform resources for both formats.
			if tree.Services != 83 || tree.Resources < 700 {
				t.Errorf("%d services, %d resources", tree.Services, tree.Resources)
			}
			roots, _ := filepath.Glob(filepath.Join(dir, "services-*"))
			if len(roots) != 3 { // 83 services, 30 a root
				t.Errorf("%d service roots, want 3", len(roots))
			}
			cfg, err := os.ReadFile(filepath.Join(dir, ".lattice-lint.yaml"))
			if err != nil || strings.Count(string(cfg), "- path:") != 4 {
				t.Errorf("config names %d roots (%v)", strings.Count(string(cfg), "- path:"), err)
			}
			// 83 services: 17 defects, every kind at least once.
			for _, d := range Defects {
				for id := range d.Planted {
					if tree.Planted[id] == 0 {
						t.Errorf("%s (%s) not planted", id, d.Name)
					}
				}
			}
			total := 0
			for _, n := range tree.Planted {
				total += n
			}
			if want := 17 + 2; total != want { // "no listener" plants two findings, twice
				t.Errorf("%d findings planted, want %d", total, want)
			}
		})
	}
}

// TestWriteTwin: both formats of a Spec describe the same services with the
// same defects.
func TestWriteTwin(t *testing.T) {
	tf, err := Write(t.TempDir(), Terraform, Spec{Resources: 700})
	if err != nil {
		t.Fatal(err)
	}
	cfn, err := Write(t.TempDir(), CloudFormation, Spec{Resources: 700})
	if err != nil {
		t.Fatal(err)
	}
	if tf.Services != cfn.Services || len(tf.Planted) != len(cfn.Planted) {
		t.Fatalf("services %d vs %d, rules %v vs %v", tf.Services, cfn.Services, tf.Planted, cfn.Planted)
	}
	for id, n := range tf.Planted {
		if cfn.Planted[id] != n {
			t.Errorf("%s: %d planted in Terraform, %d in CloudFormation", id, n, cfn.Planted[id])
		}
	}
}

func TestWriteDeterministic(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	if _, err := Write(a, Terraform, Spec{Resources: 300}); err != nil {
		t.Fatal(err)
	}
	if _, err := Write(b, Terraform, Spec{Resources: 300}); err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(a, "*", "*.tf"))
	if len(files) < 20 {
		t.Fatalf("%d files", len(files))
	}
	for _, p := range files {
		rel, _ := filepath.Rel(a, p)
		x, _ := os.ReadFile(p)
		y, err := os.ReadFile(filepath.Join(b, rel))
		if err != nil || !bytes.Equal(x, y) {
			t.Errorf("%s differs between two runs", rel)
		}
	}
}

func TestWriteSingleFile(t *testing.T) {
	p := filepath.Join(t.TempDir(), "main.tf")
	tree, err := WriteSingleFile(p, 5000)
	if err != nil {
		t.Fatal(err)
	}
	src, _ := os.ReadFile(p)
	if got := bytes.Count(src, []byte("\nresource ")) + bytes.Count(src, []byte("\ndata ")); got != tree.Resources || tree.Resources != 5000 {
		t.Errorf("%d blocks, %d resources", got, tree.Resources)
	}
	if tree.Services != SingleFileServices || len(tree.Rules()) != 11 {
		t.Errorf("%d services, planted %v", tree.Services, tree.Planted)
	}
	// 200,000 resources fit the default 10 MiB file limit.
	big, err := WriteSingleFile(p, 200_000)
	if err != nil || big.Bytes > 10<<20 {
		t.Errorf("200,000 resources: %d bytes (%v)", big.Bytes, err)
	}
}

// TestPlanStaysUnderQuotaWarnings: at every benchmark size no service network
// and no account holds more than PerNetwork services, so LAT-QTA-002 (400
// service associations a network) and LAT-QTA-003 (400 target groups an
// account and Region) stay silent and the planted counts are exact; BenchmarkLint
// checks the findings at these sizes, TestScaleTreeFindings (pkg/lint) at small
// ones with the same layout.
func TestPlanStaysUnderQuotaWarnings(t *testing.T) {
	specs := []Spec{{Resources: 650, PerRoot: 10, PerNetwork: 10}}
	for _, n := range BenchSizes {
		specs = append(specs, Spec{Resources: n})
	}
	for _, spec := range specs {
		l := plan(spec)
		perNetwork, perAccount := map[int]int{}, map[string]int{}
		services := 0
		for _, r := range l.roots {
			perNetwork[r.network] += r.services
			perAccount[r.account] += r.services
			services += r.services
		}
		limit := spec.PerNetwork
		if limit == 0 {
			limit = DefaultPerNetwork
		}
		for k, n := range perNetwork {
			if n > limit {
				t.Errorf("%+v: network %d holds %d services", spec, k, n)
			}
		}
		for a, n := range perAccount {
			if n > limit {
				t.Errorf("%+v: account %s holds %d services", spec, a, n)
			}
		}
		if want := (services + limit - 1) / limit; l.networks < want || len(l.sharedWith()) != l.networks {
			t.Errorf("%+v: %d services in %d networks", spec, services, l.networks)
		}
	}
}
