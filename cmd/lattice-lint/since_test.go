package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// twoCommitRepo builds a git repository whose first commit is a clean
// topology and whose second adds a service without auth and moves the VPC
// to a second service network (testdata/since).
func twoCommitRepo(t *testing.T) string {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not on PATH")
	}
	root := inRepoRoot(t)
	dir := t.TempDir()
	gitRun := func(args ...string) {
		t.Helper()
		cmd := exec.Command("git", append([]string{"-c", "user.email=t@example.com", "-c", "user.name=t"}, args...)...)
		cmd.Dir = dir
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	commit := func(src, msg string) {
		b, err := os.ReadFile(filepath.Join(root, "cmd", "lattice-lint", "testdata", "since", src))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "main.tf"), b, 0o644); err != nil {
			t.Fatal(err)
		}
		gitRun("add", "-A")
		gitRun("commit", "-qm", msg)
	}
	gitRun("init", "-q")
	commit("base.tf", "base")
	commit("head.tf", "head")
	t.Chdir(dir)
	return dir
}

func TestLintSince(t *testing.T) {
	twoCommitRepo(t)
	code, out, errs := cli(t, "lint", "--no-color", "--since", "HEAD~1", "--format", "json")
	var rep struct {
		Findings []struct {
			RuleID  string `json:"rule_id"`
			Address string `json:"address"`
		}
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range rep.Findings {
		got = append(got, f.RuleID+" "+f.Address)
	}
	sort.Strings(got)
	want := []string{
		"LAT-COR-002 aws_vpclattice_service.reports",
		"LAT-COR-003 aws_vpclattice_service_network.one",
		"LAT-COR-003 aws_vpclattice_service_network.two",
		"LAT-OBS-001 aws_vpclattice_service.reports",
		"LAT-OBS-001 aws_vpclattice_service_network.two",
		"LAT-SEC-005 aws_vpclattice_service.reports",
		"LAT-SEC-006 aws_vpclattice_service_network.two",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("new findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if code != exitFindings {
		t.Errorf("exit %d, want %d", code, exitFindings)
	}
	// Network one lost its VPC because of a line elsewhere: new, but not on
	// a changed declaration; everything on the new entities is.
	if !strings.Contains(errs, "since HEAD~1: 7 new finding(s), 6 on lines the change added or modified; 1 known; 0 fixed") {
		t.Errorf("stderr:\n%s", errs)
	}
	if strings.Contains(errs, "changed declaration: main.tf:12:") {
		t.Errorf("network one's finding marked as on a changed line:\n%s", errs)
	}
	if !strings.Contains(errs, "changed declaration: main.tf:109:1: warning[LAT-SEC-005]") {
		t.Errorf("the unauthenticated service is not marked:\n%s", errs)
	}

	// Against the head itself nothing is new; against the head with the
	// base's file restored (reverting the change) the findings are fixed.
	code, _, errs = cli(t, "lint", "--no-color", "--since", "HEAD", "--format", "json")
	if code != exitOK || !strings.Contains(errs, "0 new finding(s)") || !strings.Contains(errs, "8 known") {
		t.Errorf("since HEAD: exit %d\n%s", code, errs)
	}
	restore := exec.Command("git", "checkout", "HEAD~1", "--", "main.tf")
	if out, err := restore.CombinedOutput(); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	code, _, errs = cli(t, "lint", "--no-color", "--since", "HEAD", "--format", "json")
	if code != exitOK || !strings.Contains(errs, "7 fixed") || !strings.Contains(errs, "fixed: main.tf:109:1 (at HEAD): warning[LAT-SEC-005]") {
		t.Errorf("reverted: exit %d\n%s", code, errs)
	}

	if code, _, errs := cli(t, "lint", "--since", "no-such-rev"); code != exitError || !strings.Contains(errs, `revision "no-such-rev": not found`) {
		t.Errorf("bad revision: exit %d, %s", code, errs)
	}
}

func TestDiffCommand(t *testing.T) {
	twoCommitRepo(t)
	code, out, errs := cli(t, "diff", "HEAD~1")
	if code != exitOK {
		t.Fatalf("exit %d\n%s", code, errs)
	}
	for _, want := range []string{
		"account 111111111111:\n",
		"  + service aws_vpclattice_service.reports (main.tf:109)\n",
		"  + service_network aws_vpclattice_service_network.two (main.tf:104)\n",
		"  ~ service_network_vpc_association aws_vpclattice_service_network_vpc_association.app (main.tf:35)\n" +
			"      service_network: .//aws_vpclattice_service_network.one -> .//aws_vpclattice_service_network.two\n",
		// Moving the VPC to the second network loses the service of the first.
		"reachability:\n  aws_vpc.app -> aws_vpclattice_service.orders: reachable -> blocked\n",
		"  aws_vpc.app -> aws_vpclattice_service.reports: (no such pair) -> blocked\n",
		"since HEAD~1: 3 added, 0 removed, 2 changed; 2 client -> service pairs changed reachability\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("diff lacks %q:\n%s", want, out)
		}
	}
	_, js, _ := cli(t, "diff", "--format", "json", "HEAD~1")
	var d struct {
		Base     string
		Accounts []struct {
			Account string
			Added   []struct{ Address string }
			Removed []struct{ Address string }
		}
		Reach []struct{ From, To, Before, After string }
	}
	if err := json.Unmarshal([]byte(js), &d); err != nil || d.Base != "HEAD~1" || len(d.Accounts) != 1 || len(d.Accounts[0].Added) != 3 ||
		len(d.Reach) != 2 || d.Reach[0].Before != "reachable" || d.Reach[0].After != "blocked" {
		t.Errorf("json: %v\n%s", err, js)
	}
	_, md, _ := cli(t, "diff", "--format", "markdown", "HEAD~1")
	if !strings.Contains(md, "| added | service | aws\\_vpclattice\\_service.reports | main.tf:109 |") ||
		!strings.Contains(md, "| aws\\_vpc.app | aws\\_vpclattice\\_service.orders | reachable | blocked |") {
		t.Errorf("markdown:\n%s", md)
	}
	if code, _, errs := cli(t, "diff"); code != exitError || !strings.Contains(errs, "want a git revision") {
		t.Errorf("no revision: exit %d %s", code, errs)
	}
}

func TestDiagramDiff(t *testing.T) {
	twoCommitRepo(t)
	code, out, errs := cli(t, "diagram", "--diff", "HEAD~1", "--format", "json")
	if code != exitOK {
		t.Fatalf("exit %d\n%s", code, errs)
	}
	var g struct {
		Summary string
		Nodes   []struct {
			Name  string
			Facts []struct{ Text string }
		}
	}
	if err := json.Unmarshal([]byte(out), &g); err != nil {
		t.Fatal(err)
	}
	marks := map[string]string{}
	for _, n := range g.Nodes {
		for _, f := range n.Facts {
			if strings.Contains(f.Text, "since HEAD~1") {
				marks[n.Name] = f.Text
			}
		}
	}
	want := map[string]string{
		"reports": "+ added since HEAD~1",
		"two":     "+ added since HEAD~1",
		"app":     "~ changed since HEAD~1: service_network",
		"one":     "~ changed since HEAD~1: service_associations, vpc_associations",
	}
	for name, w := range want {
		if marks[name] != w {
			t.Errorf("node %s marked %q, want %q", name, marks[name], w)
		}
	}
	if _, marked := marks["orders"]; marked {
		t.Error("the unchanged service orders is marked")
	}
	if !strings.Contains(g.Summary, "since HEAD~1: 3 added, 0 removed, 2 changed") {
		t.Errorf("caption: %s", g.Summary)
	}

	// Reverting the change: the head no longer has the new service, which the
	// diagram cannot draw, so a note names it.
	restore := exec.Command("git", "checkout", "HEAD~1", "--", "main.tf")
	if out, err := restore.CombinedOutput(); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	_, _, errs = cli(t, "diagram", "--diff", "HEAD", "--format", "mermaid")
	if !strings.Contains(errs, "removed since HEAD (not drawn): service aws_vpclattice_service.reports") {
		t.Errorf("removed entities not named:\n%s", errs)
	}
}
