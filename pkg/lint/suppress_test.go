package lint

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lattice-lint/lattice-lint/pkg/report"
	"github.com/lattice-lint/lattice-lint/pkg/settings"
	"github.com/lattice-lint/lattice-lint/pkg/suppress"
)

// copyTree copies a fixture folder so a test can edit it.
func copyTree(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// editFile replaces old with new in a file, which must contain it.
func editFile(t *testing.T, path, old, new string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), old) {
		t.Fatalf("%s has no %q", path, old)
	}
	if err := os.WriteFile(path, []byte(strings.Replace(string(b), old, new, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestModuleCallSuppression: a comment above a module block covers what
// every instance of the call creates, though the finding points inside the
// module's own source.
func TestModuleCallSuppression(t *testing.T) {
	dir := t.TempDir()
	copyTree(t, filepath.Join(repoRoot(t), "fixtures", "terraform", "module-for-each"), dir)
	// Lint the copy as a whole: local modules are read only inside the tree linted.
	if err := os.RemoveAll(filepath.Join(dir, "negative")); err != nil {
		t.Fatal(err)
	}
	editFile(t, filepath.Join(dir, "positive", "main.tf"), `module "service" {`,
		"# lattice-lint:ignore LAT-SEC-005 -- billing is called by the batch VPC only\nmodule \"service\" {")
	res, err := Run(context.Background(), Options{Settings: settings.Settings{Paths: []string{dir}}, Root: dir,
		Engine: sharedEngine(t), Today: "2026-12-01"})
	if err != nil {
		t.Fatal(err)
	}
	if got := summary(res); got != "\n" {
		t.Errorf("findings left:\n%s", got)
	}
	if len(res.Report.Suppressed) != 1 {
		t.Fatalf("%d suppressed findings, want 1", len(res.Report.Suppressed))
	}
	s := res.Report.Suppressed[0]
	if s.RuleID != "LAT-SEC-005" || !strings.HasPrefix(s.Address, `module.service["billing"]`) || s.Kind != report.InSource ||
		s.Justification != "billing is called by the batch VPC only" || s.At.File != "positive/main.tf" {
		t.Errorf("suppressed %+v", s)
	}
}

// TestSuppressionExpiry runs one suppression on the day before, on and
// after its until date: it suppresses through that day, then LAT-SUP-002
// reports it and the finding is back.
func TestSuppressionExpiry(t *testing.T) {
	root := repoRoot(t)
	dir := filepath.Join(root, "fixtures", "rules", "LAT-SUP-002", "negative", "terraform") // until=2099-12-31
	for _, tc := range []struct {
		today string
		want  string
	}{
		{"2099-12-30", ""},
		{"2099-12-31", ""},
		{"2100-01-01", "LAT-SEC-005,LAT-SUP-002"},
	} {
		res, err := Run(context.Background(), Options{Settings: settings.Settings{Paths: []string{dir}}, Root: root, Engine: sharedEngine(t), Today: tc.today})
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Join(ruleIDs(res), ","); got != tc.want {
			t.Errorf("on %s: findings %q, want %q", tc.today, got, tc.want)
		}
		if wantSuppressed := tc.want == ""; (len(res.Report.Suppressed) == 1) != wantSuppressed {
			t.Errorf("on %s: %d suppressed", tc.today, len(res.Report.Suppressed))
		}
	}
}

// TestSuppressionRulesFollowConfig: the LAT-SUP rules are listed with the
// rules that ran, and the configuration switches them like any rule.
func TestSuppressionRulesFollowConfig(t *testing.T) {
	root := repoRoot(t)
	dir := filepath.Join(root, "fixtures", "rules", "LAT-SUP-001", "positive", "terraform")
	cfg := filepath.Join(t.TempDir(), "cfg.yaml")
	if err := os.WriteFile(cfg, []byte("rules:\n  LAT-SUP-001: {enabled: false}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	plain := lintDir(t, sharedEngine(t), root, dir)
	if _, ok := plain.Report.Rule(suppress.RuleUnused); !ok {
		t.Error("LAT-SUP-001 is not among the rules that ran")
	}
	res, err := Run(context.Background(), Options{Settings: settings.Settings{Paths: []string{dir}, ConfigFile: cfg}, Root: root, Engine: sharedEngine(t)})
	if err != nil {
		t.Fatal(err)
	}
	if got := ruleIDs(res); len(got) != 0 {
		t.Errorf("with LAT-SUP-001 disabled: %v", got)
	}
	if _, ok := res.Report.Rule(suppress.RuleUnused); ok {
		t.Error("a disabled LAT-SUP-001 is still listed")
	}
}
