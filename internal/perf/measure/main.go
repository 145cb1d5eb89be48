// Command measure times the built lattice-lint end to end on generated trees
// against the parse-only floor (internal/perf/parsefloor) and, when it is
// installed, conftest, and writes the table into docs/performance.md. Every
// comparison is paired: the commands of a case run one after the other in each
// repetition, and the ratio reported is the median of the per-repetition
// ratios, so a machine whose load changes during the run still compares like
// with like. It takes minutes: it is not part of the test suite.
//
//	go run ./internal/perf/measure [-reps 5] [-doc docs/performance.md] [-conftest PATH]
//
// Run it from the repository root.
package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"time"

	"github.com/lattice-lint/lattice-lint/internal/scalegen"
)

func main() {
	reps := flag.Int("reps", 5, "repetitions of every case (medians are reported)")
	doc := flag.String("doc", "docs/performance.md", "document whose measured table is replaced")
	conftest := flag.String("conftest", "", "conftest binary (default: conftest on PATH, if any)")
	big := flag.Bool("big", true, "include the 100,000-resource tree and the 200,000-resource file")
	flag.Parse()
	if err := run(context.Background(), *reps, *doc, *conftest, *big); err != nil {
		fmt.Fprintln(os.Stderr, "measure:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, reps int, doc, conftest string, big bool) error {
	if _, err := os.Stat(timeCmd); err != nil {
		return fmt.Errorf("%s is needed (Debian package time): %w", timeCmd, err)
	}
	work, err := os.MkdirTemp("", "lattice-lint-measure-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(work)
	bin := filepath.Join(work, "bin")
	for _, pkg := range []string{"./cmd/lattice-lint", "./cmd/lattice-lint-render", "./internal/perf/parsefloor"} {
		logf("building %s", pkg)
		out, err := exec.CommandContext(ctx, "go", "build", "-o", bin+"/", pkg).CombinedOutput()
		if err != nil {
			return fmt.Errorf("go build %s: %v\n%s", pkg, err, out)
		}
	}
	if conftest == "" {
		conftest, _ = exec.LookPath("conftest")
	}
	lint := filepath.Join(bin, "lattice-lint")
	floor := filepath.Join(bin, "parsefloor")

	trees := map[string]string{}
	gen := func(name string, f scalegen.Format, n int) error {
		logf("generating %s", name)
		t, err := scalegen.Write(filepath.Join(work, name), f, scalegen.Spec{Resources: n})
		trees[name] = t.Dir
		return err
	}
	if err := gen("tf-30", scalegen.Terraform, 30); err != nil {
		return err
	}
	if err := gen("tf-10k", scalegen.Terraform, 10_000); err != nil {
		return err
	}
	if err := gen("cfn-10k", scalegen.CloudFormation, 10_000); err != nil {
		return err
	}
	if big {
		if err := gen("tf-100k", scalegen.Terraform, 100_000); err != nil {
			return err
		}
		logf("generating single-200k")
		dir := filepath.Join(work, "single-200k")
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return err
		}
		if _, err := scalegen.WriteSingleFile(filepath.Join(dir, "main.tf"), 200_000); err != nil {
			return err
		}
		trees["single-200k"] = dir
	}
	policy := filepath.Join(work, "conftest-policy")
	if err := os.MkdirAll(policy, 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(policy, "lattice.rego"), []byte(conftestPolicy), 0o644); err != nil {
		return err
	}

	lintCmd := func(tree string) command {
		return command{name: "lattice-lint lint", argv: []string{lint, "lint", "--format", "json", "-o", os.DevNull, trees[tree]}, okExit: 1}
	}
	floorCmd := func(tree string) command {
		return command{name: "parse-only floor", argv: []string{floor, trees[tree]}}
	}
	cases := []caseSpec{
		{name: "30 resources (pre-commit)", tree: "tf-30", cmds: []command{lintCmd("tf-30")}},
		{name: "10,000 resources, Terraform", tree: "tf-10k", cmds: []command{floorCmd("tf-10k"), lintCmd("tf-10k")}},
		{name: "10,000 resources, CloudFormation twin", tree: "cfn-10k", cmds: []command{lintCmd("cfn-10k")}},
		{name: "diagram, 10,000 resources", tree: "tf-10k", cmds: []command{
			{name: "diagram --format dot", argv: []string{lint, "diagram", "--format", "dot", "--output", os.DevNull, trees["tf-10k"]}},
			{name: "diagram --format svg", argv: []string{lint, "diagram", "--format", "svg", "--output", os.DevNull, trees["tf-10k"]}},
		}},
		// Without findings the rules do not run: what drawing alone costs.
		{name: "diagram without findings, 10,000 resources", tree: "tf-10k", cmds: []command{
			{name: "diagram --no-findings --format dot", argv: []string{lint, "diagram", "--no-findings", "--format", "dot", "--output", os.DevNull, trees["tf-10k"]}},
			{name: "diagram --no-findings --format svg", argv: []string{lint, "diagram", "--no-findings", "--format", "svg", "--output", os.DevNull, trees["tf-10k"]}},
		}},
	}
	if conftest != "" {
		cases[1].cmds = append(cases[1].cmds, command{name: "conftest test (hcl2)",
			// The tree's .lattice-lint.yaml is not HCL: conftest would stop at it.
			argv:   []string{conftest, "test", "--no-color", "--parser", "hcl2", "--ignore", `\.ya?ml$`, "--policy", policy, trees["tf-10k"]},
			okExit: 1, check: conftestTested})
	}
	if big {
		cases = append(cases,
			caseSpec{name: "100,000 resources, Terraform", tree: "tf-100k", cmds: []command{floorCmd("tf-100k"), lintCmd("tf-100k")}},
			caseSpec{name: "200,000 resources in one 9.8 MB file", tree: "single-200k", cmds: []command{floorCmd("single-200k"), lintCmd("single-200k")}},
		)
	}
	// The diagram commands find lattice-lint-render beside lattice-lint.
	env := append(os.Environ(), "PATH="+bin+string(os.PathListSeparator)+os.Getenv("PATH"))

	m := measurement{Reps: reps, Started: time.Now().UTC(), LoadBefore: loadAvg(), CPUs: runtime.NumCPU(),
		GoVersion: runtime.Version(), Commit: gitCommit(ctx), Conftest: conftestVersion(ctx, conftest)}
	for _, c := range cases {
		files, size := treeSize(trees[c.tree])
		res := caseResult{Name: c.name, Files: files, Bytes: size}
		logf("case %s (%d files)", c.name, files)
		runs := make([][]sample, len(c.cmds))
		for rep := -1; rep < reps; rep++ { // repetition -1 warms the file cache and is dropped
			for i, cmd := range c.cmds {
				s, err := timeRun(ctx, cmd, env, work)
				if err != nil {
					return fmt.Errorf("%s: %s: %w", c.name, cmd.name, err)
				}
				if rep >= 0 {
					runs[i] = append(runs[i], s)
				}
			}
		}
		for i, cmd := range c.cmds {
			r := rowResult{Command: cmd.name, Seconds: median(field(runs[i], func(s sample) float64 { return s.seconds })),
				CPU: median(field(runs[i], func(s sample) float64 { return s.cpuSeconds })),
				MB:  median(field(runs[i], func(s sample) float64 { return s.maxRSSKiB / 1024 }))}
			if i > 0 {
				var ratios []float64
				for k := range runs[i] {
					ratios = append(ratios, runs[i][k].seconds/runs[0][k].seconds)
				}
				r.VsFirst = median(ratios)
			}
			res.Rows = append(res.Rows, r)
		}
		m.Cases = append(m.Cases, res)
	}
	m.LoadAfter = loadAvg()
	table := m.render()
	fmt.Print(table)
	return replaceTable(doc, table)
}

type command struct {
	name   string
	argv   []string
	okExit int // an exit code other than 0 that still means success (findings)
	// check, when set, reads the command's standard output and says whether
	// it did the work measured (a tool that stops at its first unreadable
	// file exits like one that found defects).
	check func(stdout string) error
}

type caseSpec struct {
	name string
	tree string
	cmds []command
}

type sample struct{ seconds, cpuSeconds, maxRSSKiB float64 }

const timeCmd = "/usr/bin/time"

// timeRun runs cmd under /usr/bin/time -v and reads its wall-clock time and
// peak resident memory.
func timeRun(ctx context.Context, cmd command, env []string, work string) (sample, error) {
	report := filepath.Join(work, "time.txt")
	c := exec.CommandContext(ctx, timeCmd, append([]string{"-v", "-o", report}, cmd.argv...)...)
	c.Env = env
	var stdout, stderr bytes.Buffer
	c.Stdout, c.Stderr = &stdout, &stderr
	err := c.Run()
	if ee, ok := err.(*exec.ExitError); ok && cmd.okExit != 0 && ee.ExitCode() == cmd.okExit {
		err = nil
	}
	if err == nil && cmd.check != nil {
		err = cmd.check(stdout.String())
	}
	if err != nil {
		return sample{}, fmt.Errorf("%s: %v\n%s%s", cmd.name, err, tail(stdout.String(), 1000), tail(stderr.String(), 2000))
	}
	text, err := os.ReadFile(report)
	if err != nil {
		return sample{}, err
	}
	return parseTimeV(string(text))
}

// parseTimeV reads GNU time's verbose report.
func parseTimeV(text string) (sample, error) {
	var s sample
	var haveWall, haveRSS bool
	for _, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if v, ok := strings.CutPrefix(line, "Elapsed (wall clock) time (h:mm:ss or m:ss): "); ok {
			secs, err := clockSeconds(v)
			if err != nil {
				return s, err
			}
			s.seconds, haveWall = secs, true
		}
		for _, prefix := range []string{"User time (seconds): ", "System time (seconds): "} {
			if v, ok := strings.CutPrefix(line, prefix); ok {
				var x float64
				if _, err := fmt.Sscan(v, &x); err != nil {
					return s, err
				}
				s.cpuSeconds += x
			}
		}
		if v, ok := strings.CutPrefix(line, "Maximum resident set size (kbytes): "); ok {
			if _, err := fmt.Sscan(v, &s.maxRSSKiB); err != nil {
				return s, err
			}
			haveRSS = true
		}
	}
	if !haveWall || !haveRSS {
		return s, fmt.Errorf("no wall-clock time or peak memory in /usr/bin/time's report:\n%s", text)
	}
	return s, nil
}

// clockSeconds reads h:mm:ss.ss or m:ss.ss.
func clockSeconds(v string) (float64, error) {
	parts := strings.Split(v, ":")
	total := 0.0
	for _, p := range parts {
		var x float64
		if _, err := fmt.Sscan(p, &x); err != nil {
			return 0, fmt.Errorf("time %q: %w", v, err)
		}
		total = total*60 + x
	}
	return total, nil
}

// conftestPolicy is the small Lattice policy conftest evaluates: the kind of
// check a team writes by hand over conftest's HCL-to-JSON input (no variable,
// module or reference evaluation).
const conftestPolicy = `package main

import rego.v1

deny contains msg if {
	some name, svc in input.resource.aws_vpclattice_service
	svc.auth_type == "NONE"
	msg := sprintf("service %s does not authenticate callers", [name])
}

deny contains msg if {
	some name, l in input.resource.aws_vpclattice_listener
	l.protocol == "HTTP"
	msg := sprintf("listener %s accepts plaintext HTTP", [name])
}

warn contains msg if {
	some name, _ in input.resource.aws_vpclattice_service
	not input.resource.aws_vpclattice_access_log_subscription[name]
	msg := sprintf("service %s has no access logs in this file", [name])
}
`

// conftestTested accepts conftest's output when its summary counts tests and
// no exception: conftest also exits 1 when it cannot parse a file, after
// testing nothing.
func conftestTested(stdout string) error {
	m := conftestSummary.FindStringSubmatch(stdout)
	if m == nil {
		return fmt.Errorf("no test summary in conftest's output")
	}
	if m[1] == "0" || m[2] != "0" {
		return fmt.Errorf("conftest ran %s tests with %s exceptions", m[1], m[2])
	}
	return nil
}

var conftestSummary = regexp.MustCompile(`(\d+) tests?, \d+ passed, \d+ warnings?, \d+ failures?, (\d+) exceptions?`)

func treeSize(dir string) (files int, size int64) {
	filepath.Walk(dir, func(_ string, info os.FileInfo, err error) error {
		if err == nil && info.Mode().IsRegular() && !strings.HasPrefix(info.Name(), ".") {
			files++
			size += info.Size()
		}
		return nil
	})
	return files, size
}

func loadAvg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return "unknown"
	}
	return strings.Join(f[:3], " ")
}

func gitCommit(ctx context.Context) string {
	out, err := exec.CommandContext(ctx, "git", "rev-parse", "--short", "HEAD").Output()
	if err != nil {
		return "unknown"
	}
	return strings.TrimSpace(string(out))
}

func conftestVersion(ctx context.Context, path string) string {
	if path == "" {
		return ""
	}
	out, err := exec.CommandContext(ctx, path, "--version").Output()
	if err != nil {
		return "unknown version"
	}
	return strings.TrimSpace(strings.SplitN(string(out), "\n", 2)[0])
}

func tail(s string, n int) string {
	if len(s) > n {
		return "…" + s[len(s)-n:]
	}
	return s
}

func logf(format string, args ...any) {
	fmt.Fprintf(os.Stderr, time.Now().UTC().Format("15:04:05 ")+format+"\n", args...)
}
