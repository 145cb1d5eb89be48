package lint

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"

	"github.com/lattice-lint/lattice-lint/pkg/diag"
	"github.com/lattice-lint/lattice-lint/pkg/finding"
	"github.com/lattice-lint/lattice-lint/pkg/model"
	"github.com/lattice-lint/lattice-lint/pkg/suppress"
)

// depthSummary is summary() plus the notes, which tell what was not read.
func depthSummary(res *Result) string {
	var notes []string
	for _, d := range res.Report.Diagnostics {
		if d.Severity == diag.Note {
			notes = append(notes, fmt.Sprintf("input note %s: %s", d.Range, d.Summary))
		}
	}
	sort.Strings(notes)
	out := summary(res)
	if len(notes) > 0 {
		out += strings.Join(notes, "\n") + "\n"
	}
	return out
}

func findingsOf(res *Result, rule string) []finding.Finding {
	var out []finding.Finding
	for _, f := range res.Report.Findings {
		if f.RuleID == rule {
			out = append(out, f)
		}
	}
	return out
}

// TestTerraformDepthFixtures lints the Terraform fixtures for modules,
// module caches, remote state and SSM links: each must give exactly the
// findings in its expected.txt (go test ./pkg/lint -update rewrites them),
// positive cases the rule they are about, negative cases nothing.
func TestTerraformDepthFixtures(t *testing.T) {
	root := repoRoot(t)
	eng := sharedEngine(t)
	tests := []struct {
		dir   string
		rules []string // rules that must be raised; none for a negative case
		check func(t *testing.T, res *Result)
	}{
		{"module-for-each/positive", []string{"LAT-SEC-005"}, func(t *testing.T, res *Result) {
			fs := findingsOf(res, "LAT-SEC-005")
			if len(fs) != 1 {
				t.Fatalf("want one LAT-SEC-005, got %v", fs)
			}
			f := fs[0]
			if f.Address != `module.service["billing"].aws_vpclattice_service.this` ||
				f.Range.File != "fixtures/terraform/module-for-each/modules/service/main.tf" {
				t.Errorf("finding must name the module instance and point into the module: %s at %s", f.Address, f.Range)
			}
			if len(f.CallChain) != 1 || f.CallChain[0].Address != `module.service["billing"]` ||
				f.CallChain[0].Range.File != "fixtures/terraform/module-for-each/positive/main.tf" {
				t.Errorf("call chain: %+v", f.CallChain)
			}
			tg, _ := res.Model.Get(`fixtures/terraform/module-for-each/positive//module.service["billing"].aws_vpclattice_target_group.this`).(*model.TargetGroup)
			if tg == nil || !model.Is(tg.HealthCheck.Path, "/ping") || len(tg.Targets) != 1 || len(tg.ForwardedBy) != 1 {
				t.Errorf("dynamic health_check, targets and the nested module's listener: %+v", tg)
			}
		}},
		{"module-for-each/negative", nil, nil},
		{"module-cache", []string{"LAT-SEC-005"}, func(t *testing.T, res *Result) {
			for _, f := range res.Report.Findings {
				if !strings.HasPrefix(f.Address, "module.lattice.") || !strings.Contains(f.Range.File, ".terraform/modules/lattice/") {
					t.Errorf("findings come from the cached module: %s at %s", f.Address, f.Range)
				}
			}
			for _, d := range res.Report.Diagnostics {
				t.Errorf("a module recorded in modules.json is read without notes: %s", d)
			}
		}},
		{"registry-absent", nil, func(t *testing.T, res *Result) {
			if len(res.Report.Diagnostics) != 1 || res.Report.Diagnostics[0].Severity != diag.Note ||
				!strings.Contains(res.Report.Diagnostics[0].Summary, "module.lattice") {
				t.Errorf("want exactly one note about module.lattice, got %v", res.Report.Diagnostics)
			}
		}},
		{"remote-state/positive", []string{"LAT-XAC-002"}, func(t *testing.T, res *Result) {
			crossRootTarget(t, res, "fixtures/terraform/remote-state/positive")
		}},
		{"remote-state/negative", nil, func(t *testing.T, res *Result) {
			crossRootTarget(t, res, "fixtures/terraform/remote-state/negative")
		}},
		{"ssm-link/positive", []string{"LAT-XAC-002"}, func(t *testing.T, res *Result) {
			crossRootTarget(t, res, "fixtures/terraform/ssm-link/positive")
		}},
		{"ssm-link/negative", nil, func(t *testing.T, res *Result) {
			crossRootTarget(t, res, "fixtures/terraform/ssm-link/negative")
			sn := res.Model.Get("fixtures/terraform/ssm-link/negative/network//module.network.aws_vpclattice_service_network.core")
			if sn == nil || sn.Base().Escaped {
				t.Error("a parameter read inside the run does not make the network escape")
			}
		}},
		// required_tags: the provider's default_tags count; unknown tags and
		// CloudFormation resources (stack tags) are never reported.
		{"required-tags/positive", []string{"LAT-HYG-001"}, func(t *testing.T, res *Result) {
			for _, f := range findingsOf(res, "LAT-HYG-001") {
				if !strings.HasSuffix(f.Message, "required_tags): CostCenter") {
					t.Errorf("finding %s: %s", f.Entity, f.Message)
				}
				if strings.HasSuffix(f.Entity, "//aws_vpclattice_service_network.sn") || strings.HasSuffix(f.Entity, "//aws_vpclattice_service.orders") {
					t.Errorf("reported %s, whose tags are unknown or complete", f.Entity)
				}
			}
		}},
		// LAT-OBS-002 on destinations given by reference: what only Terraform
		// (provider alias Regions, an attribute read) and a template's Ref
		// can say, which the rule's own fixtures cannot hold in every format.
		{"log-destinations/positive", []string{"LAT-OBS-002"}, func(t *testing.T, res *Result) {
			if n := len(findingsOf(res, "LAT-OBS-002")); n != 4 {
				t.Errorf("want 4 LAT-OBS-002 findings (awscc id, other Region, bucket id, Ref), got %d", n)
			}
		}},
		{"log-destinations/negative", nil, func(t *testing.T, res *Result) {
			base := "fixtures/terraform/log-destinations/negative//"
			archive, _ := res.Model.Get(base + "aws_vpclattice_access_log_subscription.orders_archive").(*model.AccessLogSubscription)
			if archive == nil || archive.Destination.Target != base+"aws_s3_bucket.logs" || archive.Destination.Attribute != "" {
				t.Errorf("an ARN built around the bucket's id names the bucket, not its id: %+v", archive)
			}
			stream, _ := res.Model.Get(base + "aws_vpclattice_access_log_subscription.orders_stream").(*model.AccessLogSubscription)
			if stream == nil || stream.Destination.Form() != "arn" {
				t.Errorf("a delivery stream's id is its ARN: %+v", stream)
			}
		}},
		{"required-tags/negative", nil, func(t *testing.T, res *Result) {
			svc := res.Model.Get("fixtures/terraform/required-tags/negative//aws_vpclattice_service.orders")
			if svc == nil || svc.Base().Tags["Owner"] != "team-a" || svc.Base().TagsOpen {
				t.Errorf("the provider's default_tags are not the service's tags: %+v", svc)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.dir, func(t *testing.T) {
			dir := filepath.Join(root, "fixtures", "terraform", filepath.FromSlash(tt.dir))
			res := lintDir(t, eng, root, dir)
			if res.Report.Diagnostics.HasErrors() {
				t.Errorf("input errors:\n%s", depthSummary(res))
			}
			ids := ruleIDs(res)
			if len(tt.rules) == 0 && len(ids) > 0 {
				t.Errorf("negative case raised %v:\n%s", ids, depthSummary(res))
			}
			for _, want := range tt.rules {
				if len(findingsOf(res, want)) == 0 {
					t.Errorf("positive case raised no %s; got %v", want, ids)
				}
			}
			if tt.check != nil {
				tt.check(t, res)
			}
			checkGolden(t, filepath.Join(dir, "expected.txt"), depthSummary(res))
		})
	}
}

// crossRootTarget checks that the apps root's association reaches the network
// root's service network, across roots.
func crossRootTarget(t *testing.T, res *Result, base string) {
	t.Helper()
	a, _ := res.Model.Get(base + "/apps//aws_vpclattice_service_network_vpc_association.apps").(*model.VPCAssociation)
	want := base + "/network//module.network.aws_vpclattice_service_network.core"
	if a == nil || a.ServiceNetwork.Target != want {
		t.Errorf("the apps association must target %s, got %+v", want, a)
	}
}

// TestModuleParity runs every foundation rule fixture wrapped in a module that
// a root calls with for_each: the rules raised must be the same, now on
// module-created resources.
func TestModuleParity(t *testing.T) {
	root := repoRoot(t)
	eng := sharedEngine(t)
	leaves, err := filepath.Glob(filepath.Join(root, "fixtures", "rules", "*", "*", "terraform"))
	if err != nil || len(leaves) == 0 {
		t.Fatalf("no rule fixtures: %v", err)
	}
	for _, leaf := range leaves {
		rel, _ := filepath.Rel(filepath.Join(root, "fixtures", "rules"), leaf)
		t.Run(filepath.ToSlash(rel), func(t *testing.T) {
			plain := lintDir(t, eng, root, leaf)
			tmp := t.TempDir()
			wrapFixture(t, leaf, tmp)
			wrapped := lintDir(t, eng, tmp, tmp)
			if wrapped.Report.Diagnostics.HasErrors() {
				t.Errorf("input errors in the wrapped copy:\n%s", depthSummary(wrapped))
			}
			if p, w := strings.Join(ruleIDs(plain), ","), strings.Join(ruleIDs(wrapped), ","); p != w {
				t.Errorf("plain raises [%s], wrapped in a module raises [%s]\n%s", p, w, depthSummary(wrapped))
			}
			if plain.Model.Len() != wrapped.Model.Len() {
				t.Errorf("plain model has %d entities, wrapped %d", plain.Model.Len(), wrapped.Model.Len())
			}
			for _, f := range wrapped.Report.Findings {
				if suppress.IsRule(f.RuleID) {
					continue // about a comment in the module's source, not about an instance
				}
				if !strings.HasPrefix(f.Address, `module.wrapped["only"].`) || len(f.CallChain) != 1 {
					t.Errorf("finding %s on %s does not come from the module instance (chain %+v)", f.RuleID, f.Address, f.CallChain)
				}
			}
		})
	}
}

// wrapFixture copies each root folder of a fixture into out as a module,
// called from a new root with for_each; provider blocks move to the caller
// (a module called with for_each may not configure providers) and are passed
// down by name. Each folder's configuration file is copied where it was.
func wrapFixture(t *testing.T, from, out string) {
	t.Helper()
	err := filepath.WalkDir(from, func(p string, d os.DirEntry, err error) error {
		if err != nil || !d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		dst := filepath.Join(out, rel)
		if err := os.MkdirAll(dst, 0o755); err != nil {
			return err
		}
		// The configuration stays where it was: it belongs to the case (its
		// quotas, its settings), not to the module.
		if err := copyConfig(p, dst); err != nil {
			return err
		}
		files, _ := filepath.Glob(filepath.Join(p, "*.tf"))
		if len(files) == 0 {
			return nil
		}
		if err := os.MkdirAll(filepath.Join(dst, "module"), 0o755); err != nil {
			return err
		}
		var providers []byte
		passed := []string{"aws = aws"}
		for _, f := range files {
			src, err := os.ReadFile(f)
			if err != nil {
				return err
			}
			file, diags := hclsyntax.ParseConfig(src, f, hcl.InitialPos)
			if diags.HasErrors() {
				return diags
			}
			// Cut provider blocks out by their byte ranges, last first.
			blocks := file.Body.(*hclsyntax.Body).Blocks
			for i := len(blocks) - 1; i >= 0; i-- {
				b := blocks[i]
				if b.Type != "provider" {
					continue
				}
				r := b.Range()
				providers = append(append(providers, src[r.Start.Byte:r.End.Byte]...), '\n')
				if a, ok := b.Body.Attributes["alias"]; ok {
					v, _ := a.Expr.Value(nil)
					passed = append(passed, fmt.Sprintf("aws.%s = aws.%s", v.AsString(), v.AsString()))
				}
				src = append(src[:r.Start.Byte:r.Start.Byte], src[r.End.Byte:]...)
			}
			if err := os.WriteFile(filepath.Join(dst, "module", filepath.Base(f)), src, 0o644); err != nil {
				return err
			}
		}
		call := fmt.Sprintf("\nmodule \"wrapped\" {\n  source    = \"./module\"\n  for_each  = { only = {} }\n  providers = { %s }\n}\n",
			strings.Join(passed, ", "))
		return os.WriteFile(filepath.Join(dst, "main.tf"), append(providers, call...), 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}
