package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestChangedFiles: --changed-files reports exactly the findings of a full
// run that lie in a listed file or are about an entity declared in one,
// whether the list names files from the working folder or, as git does, from
// the repository's top.
func TestChangedFiles(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not on PATH")
	}
	dir := t.TempDir()
	files := map[string]string{
		"infra/network.tf": `resource "aws_vpclattice_service_network" "n" {
  name      = "n"
  auth_type = "AWS_IAM"
}
`,
		"infra/service.tf": `resource "aws_vpclattice_service" "s" {
  name      = "s"
  auth_type = "NONE"
}
resource "aws_vpclattice_service_network_service_association" "a" {
  service_identifier         = aws_vpclattice_service.s.id
  service_network_identifier = aws_vpclattice_service_network.n.id
}
`,
	}
	for name, src := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if out, err := exec.Command("git", "-C", dir, "init", "-q").CombinedOutput(); err != nil {
		t.Fatalf("git init: %v %s", err, out)
	}
	t.Chdir(filepath.Join(dir, "infra"))

	type found struct {
		RuleID  string `json:"rule_id"`
		Address string `json:"address"`
		File    string `json:"file"`
	}
	lintJSON := func(args ...string) ([]found, string) {
		t.Helper()
		_, out, errs := cli(t, append([]string{"lint", "--format", "json", "--fail-on", "none"}, args...)...)
		var rep struct{ Findings []found }
		if err := json.Unmarshal([]byte(out), &rep); err != nil {
			t.Fatalf("%v: %v\n%s", args, err, errs)
		}
		return rep.Findings, errs
	}
	all, _ := lintJSON(".")
	var want []string
	for _, f := range all {
		// network.tf declares the service network; every finding about it or
		// in that file is the change's.
		if f.File == "network.tf" || strings.HasPrefix(f.Address, "aws_vpclattice_service_network.") {
			want = append(want, f.RuleID+" "+f.Address)
		}
	}
	if len(want) == 0 || len(want) == len(all) {
		t.Fatalf("the fixture must have findings in and out of network.tf: %v", all)
	}
	for _, list := range []string{"network.tf", "infra/network.tf", "README.md,network.tf"} {
		got, errs := lintJSON("--changed-files", list, ".")
		var ids []string
		for _, f := range got {
			ids = append(ids, f.RuleID+" "+f.Address)
		}
		if strings.Join(ids, "\n") != strings.Join(want, "\n") {
			t.Errorf("--changed-files %s:\n%s\nwant:\n%s", list, strings.Join(ids, "\n"), strings.Join(want, "\n"))
		}
		if !strings.Contains(errs, "not reported") {
			t.Errorf("--changed-files %s: stderr must count what it left out: %q", list, errs)
		}
	}
	if code, _, errs := cli(t, "lint", "--changed-files", "network.tf", "--since", "HEAD", "."); code != exitError || !strings.Contains(errs, "give one") {
		t.Errorf("--since with --changed-files: exit %d %q", code, errs)
	}
}
