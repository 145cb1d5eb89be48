package lint

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lattice-lint/lattice-lint/pkg/rules"
	"github.com/lattice-lint/lattice-lint/pkg/settings"
)

// TestConfigFoundUpward: the nearest .lattice-lint.yaml from the linted path
// up to the repository root applies; nothing above the repository root is read.
func TestConfigFoundUpward(t *testing.T) {
	off := "rules:\n  LAT-SEC-005: {enabled: false}\n"
	dir := hostileTree(t, map[string]string{
		".lattice-lint.yaml":                  "this: is not read, it is above the repository\n",
		"repo/.git/HEAD":                      "ref: refs/heads/main\n",
		"repo/.lattice-lint.yaml":             off,
		"repo/infra/app/main.tf":              validService,
		"repo/infra/other/.lattice-lint.yaml": "rules:\n  LAT-SEC-005: {severity: error}\n",
		"repo/infra/other/main.tf":            validService,
		"norepo/infra/main.tf":                validService,
		"norepo/.lattice-lint.yaml":           off,
	})
	eng := sharedEngine(t)
	run := func(root string, paths ...string) *Result {
		t.Helper()
		res, err := Run(context.Background(), Options{Settings: settings.Settings{Paths: paths}, Root: root, Engine: eng})
		if err != nil {
			t.Fatalf("lint %v: %v", paths, err)
		}
		return res
	}
	repo := filepath.Join(dir, "repo")
	if res := run(repo, filepath.Join(repo, "infra", "app")); res.Config == nil || len(findingsOf(res, "LAT-SEC-005")) != 0 {
		t.Errorf("the repository root's configuration must switch LAT-SEC-005 off for infra/app: %s", summary(res))
	}
	res := run(repo, filepath.Join(repo, "infra", "other", "main.tf"))
	if fs := findingsOf(res, "LAT-SEC-005"); len(fs) != 1 || fs[0].Severity != "error" {
		t.Errorf("the nearest configuration (infra/other) must apply to a file in it: %s", summary(res))
	}
	// Two paths: their common folder's configuration (the repository's).
	if res := run(repo, filepath.Join(repo, "infra", "app"), filepath.Join(repo, "infra", "other")); len(findingsOf(res, "LAT-SEC-005")) != 0 {
		t.Errorf("two paths: want the configuration of their common folder: %s", summary(res))
	}
	// Without .git the tree is the folder linted: nothing above it is read.
	if res := run(filepath.Join(dir, "norepo", "infra"), filepath.Join(dir, "norepo", "infra")); res.Config != nil || len(findingsOf(res, "LAT-SEC-005")) != 1 {
		t.Errorf("outside a repository a configuration above the folder linted was read: %s", summary(res))
	}
}

// TestConfigErrorsNameTheLine: a broken configuration stops the run with the
// file and line.
func TestConfigErrorsNameTheLine(t *testing.T) {
	dir := hostileTree(t, map[string]string{
		".lattice-lint.yaml": "rules:\n  LAT-SEC-005:\n    enabeld: false\n",
		"main.tf":            validService,
	})
	_, err := Run(context.Background(), Options{Settings: settings.Settings{Paths: []string{dir}}, Root: dir, Engine: sharedEngine(t)})
	if err == nil || !strings.Contains(err.Error(), ".lattice-lint.yaml:3: unknown key \"enabeld\"") {
		t.Errorf("err = %v", err)
	}
}

// TestIgnorePaths: ignored folders and files are not linted; a path named on
// the command line that is ignored gets a note saying so.
func TestIgnorePaths(t *testing.T) {
	dir := hostileTree(t, map[string]string{
		".git/HEAD":          "ref: refs/heads/main\n",
		".lattice-lint.yaml": "ignore_paths: ['vendor/**', 'stacks/legacy-*.yaml']\n",
		"main.tf":            `resource "aws_vpclattice_service_network" "n" { name = "n" }` + "\n",
		"vendor/mod/main.tf": validService,
		"stacks/legacy-a.yaml": `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Svc: {Type: AWS::VpcLattice::Service, Properties: {Name: a}}
`,
	})
	res, err := Run(context.Background(), Options{Settings: settings.Settings{Paths: []string{dir}}, Root: dir, Engine: sharedEngine(t)})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range res.Report.Findings {
		if strings.HasPrefix(f.Range.File, "vendor/") || strings.HasPrefix(f.Range.File, "stacks/") {
			t.Errorf("an ignored file was linted: %s", summary(res))
		}
	}
	if res.Report.Files != 1 {
		t.Errorf("%d files read, want main.tf only", res.Report.Files)
	}
	named, err := Run(context.Background(), Options{Settings: settings.Settings{Paths: []string{filepath.Join(dir, "stacks", "legacy-a.yaml")}},
		Root: dir, Engine: sharedEngine(t)})
	if err != nil {
		t.Fatal(err)
	}
	if len(named.Report.Findings) != 0 || len(named.Report.Diagnostics) != 1 ||
		!strings.Contains(named.Report.Diagnostics[0].Summary, "ignore_paths") {
		t.Errorf("a named ignored file: findings %d, diagnostics %v", len(named.Report.Findings), named.Report.Diagnostics)
	}
}

// TestQuotaOverrides: the configuration's quotas reach the policies, per
// account and for all, with a reused engine as with a fresh one.
func TestQuotaOverrides(t *testing.T) {
	threeListeners := `provider "aws" {
  region              = "us-east-1"
  allowed_account_ids = ["111111111111"]
}

resource "aws_vpclattice_service" "s" {
  name = "orders"
}

resource "aws_vpclattice_listener" "l" {
  count              = 3
  name               = "l-${count.index}"
  protocol           = "HTTPS"
  port               = 8443 + count.index
  service_identifier = aws_vpclattice_service.s.id
  default_action {
    fixed_response {
      status_code = 404
    }
  }
}
`
	for _, tc := range []struct {
		name, config string
		want         int
	}{
		{"AWS default", "", 1},
		{"raised for the account", "quotas:\n  accounts:\n    '111111111111': {listeners-per-service: 3}\n", 0},
		{"raised for another account", "quotas:\n  accounts:\n    '222222222222': {listeners-per-service: 3}\n", 1},
		{"raised for all", "quotas:\n  default: {listeners-per-service: 5}\n", 0},
		{"account wins over all", "quotas:\n  default: {listeners-per-service: 5}\n  accounts:\n    '111111111111': {listeners-per-service: 2}\n", 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			files := map[string]string{"main.tf": threeListeners}
			if tc.config != "" {
				files[".lattice-lint.yaml"] = tc.config
			}
			dir := hostileTree(t, files)
			for _, eng := range []*rules.Engine{sharedEngine(t), nil} {
				res, err := Run(context.Background(), Options{Settings: settings.Settings{Paths: []string{dir}}, Root: dir, Engine: eng})
				if err != nil {
					t.Fatal(err)
				}
				if got := len(findingsOf(res, "LAT-QTA-001")); got != tc.want {
					t.Errorf("engine reused %v: %d LAT-QTA-001 findings, want %d\n%s", eng != nil, got, tc.want, summary(res))
				}
			}
		})
	}
}
