package reach

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/lattice-lint/lattice-lint/pkg/lint"
	"github.com/lattice-lint/lattice-lint/pkg/rules"
	"github.com/lattice-lint/lattice-lint/pkg/settings"
)

var (
	engineOnce sync.Once
	engine     *rules.Engine
	engineErr  error
)

// sharedEngine compiles the policies once for the package's tests.
func sharedEngine(t testing.TB) *rules.Engine {
	t.Helper()
	engineOnce.Do(func() { engine, engineErr = rules.NewEngine(context.Background(), rules.Options{}) })
	if engineErr != nil {
		t.Fatal(engineErr)
	}
	return engine
}

// repoRoot is where fixtures live.
func repoRoot(t testing.TB) string {
	t.Helper()
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	return root
}

// lintDirs lints fixture folders (relative to the repository) once.
func lintDirs(t testing.TB, dirs ...string) *lint.Result {
	t.Helper()
	s := settings.Default()
	for _, d := range dirs {
		s.Paths = append(s.Paths, filepath.Join(repoRoot(t), d))
	}
	res, err := lint.Run(context.Background(), lint.Options{Settings: s, Root: repoRoot(t), Engine: sharedEngine(t)})
	if err != nil {
		t.Fatal(err)
	}
	if res.Report.Diagnostics.HasErrors() {
		t.Fatalf("%v: input errors: %v", dirs, res.Report.Diagnostics)
	}
	return res
}

// ask resolves from and to as a user types them and answers.
func ask(t testing.TB, res *lint.Result, from, to string, port int) *Answer {
	t.Helper()
	a, err := New(context.Background(), res.Engine, res.Model)
	if err != nil {
		t.Fatal(err)
	}
	f, err := Resolve(res.Model, from, ClientKinds)
	if err != nil {
		t.Fatal(err)
	}
	g, err := Resolve(res.Model, to, TargetKinds)
	if err != nil {
		t.Fatal(err)
	}
	ans, err := a.Ask(context.Background(), Question{From: f, To: g, Port: port})
	if err != nil {
		t.Fatal(err)
	}
	return ans
}

// blockedAt lists "step entity rule" for each blocked hop of the answer.
func blockedAt(ans *Answer) []string {
	var out []string
	seen := map[string]bool{}
	for _, p := range ans.Paths {
		for _, h := range p.Hops {
			k := h.Step + " " + h.Entity + " " + h.Rule
			if h.Status == Blocked && !seen[k] {
				seen[k] = true
				out = append(out, k)
			}
		}
	}
	return out
}

func TestAnswersOnRuleFixtures(t *testing.T) {
	cases := []struct {
		dir, from, to string
		port          int
		verdict       string
		blocked       []string // "step entity rule" of each blocked hop
	}{
		{dir: "fixtures/rules/LAT-SEC-001/negative/terraform", from: "aws_vpc.client", to: "orders", verdict: Reachable},
		{dir: "fixtures/rules/LAT-SEC-001/positive/terraform", from: "aws_vpc.client", to: "orders", verdict: Blocked,
			blocked: []string{"targets' security groups aws_vpclattice_target_group_attachment.orders LAT-SEC-001"}},
		{dir: "fixtures/rules/LAT-SEC-001/negative/terraform", from: "aws_vpc.client", to: "orders", port: 8443, verdict: Blocked,
			blocked: []string{"listener aws_vpclattice_service.orders "}},
		{dir: "fixtures/examples/multi-account", from: "apps//aws_vpc.apps", to: "orders", verdict: Reachable},
		// Addresses with a module path and an instance key.
		{dir: "fixtures/terraform/module-for-each/negative", from: "module.platform.aws_vpc.client",
			to: `module.service["orders"].aws_vpclattice_service.this`, verdict: Reachable},
		// A resource configuration refuses ports outside its ranges.
		{dir: "fixtures/reach/resource-reachable/terraform", from: "aws_vpc.client", to: "orders-db", port: 5432, verdict: Reachable},
		{dir: "fixtures/reach/resource-reachable/terraform", from: "aws_vpc.client", to: "orders-db", port: 3306, verdict: Blocked,
			blocked: []string{
				"association security group aws_vpclattice_service_network_vpc_association.client ",
				"resource configuration aws_vpclattice_resource_configuration.db ",
				"gateway security groups aws_vpclattice_resource_gateway.db ",
			}},
		// Known the port, the hops of a resource outside the model that can be checked are.
		{dir: "fixtures/reach/resource-outside/terraform", from: "aws_vpc.client", to: "arn:aws:vpc-lattice:us-east-1:222222222222:resourceconfiguration/rcfg-0123456789abcdef0",
			port: 5432, verdict: Unknown},
		{dir: "fixtures/reach/resource-outside/terraform", from: "aws_vpc.client", to: "arn:aws:vpc-lattice:us-east-1:222222222222:resourceconfiguration/rcfg-0123456789abcdef0",
			port: 3306, verdict: Blocked, blocked: []string{"association security group aws_vpclattice_service_network_vpc_association.client "}},
		// The same for a service of another account named by its ARN.
		{dir: "fixtures/reach/service-outside/terraform", from: "aws_vpc.client", to: "arn:aws:vpc-lattice:us-east-1:222222222222:service/svc-0123456789abcdef0",
			port: 443, verdict: Unknown},
		{dir: "fixtures/reach/service-outside/cloudformation", from: "ClientVpc", to: "arn:aws:vpc-lattice:us-east-1:222222222222:service/svc-0123456789abcdef0",
			port: 8443, verdict: Blocked, blocked: []string{"association security group ClientAssociation "}},
	}
	for _, c := range cases {
		t.Run(c.dir+"/"+c.to, func(t *testing.T) {
			ans := ask(t, lintDirs(t, c.dir), c.from, c.to, c.port)
			if ans.Verdict != c.verdict {
				t.Fatalf("verdict %s, want %s; blocked at %v", ans.Verdict, c.verdict, blockedAt(ans))
			}
			if got := blockedAt(ans); strings.Join(got, "\n") != strings.Join(c.blocked, "\n") {
				t.Errorf("blocked at\n  %s\nwant\n  %s", strings.Join(got, "\n  "), strings.Join(c.blocked, "\n  "))
			}
			for _, p := range ans.Paths {
				if len(p.Hops) == 0 {
					t.Error("empty path")
				}
			}
		})
	}
}

func TestResolve(t *testing.T) {
	res := lintDirs(t, "fixtures/examples/multi-account")
	cases := []struct {
		text, want string
		ambiguous  bool
	}{
		{text: "aws_vpc.apps", want: "fixtures/examples/multi-account/apps//aws_vpc.apps"},
		{text: "apps//aws_vpc.apps", want: "fixtures/examples/multi-account/apps//aws_vpc.apps"},
		{text: "fixtures/examples/multi-account/apps//aws_vpc.apps", want: "fixtures/examples/multi-account/apps//aws_vpc.apps"},
		{text: "network//aws_vpc.apps"},
		{text: "aws_vpc.nothing"},
	}
	for _, c := range cases {
		got, err := Resolve(res.Model, c.text, ClientKinds)
		switch {
		case c.want == "" && err == nil:
			t.Errorf("%s: resolved to %s, want an error", c.text, got)
		case c.want != "" && err != nil:
			t.Errorf("%s: %v", c.text, err)
		case got != c.want:
			t.Errorf("%s: got %s, want %s", c.text, got, c.want)
		}
	}
}

// TestResolveResourceConfiguration: a resource configuration answers to its
// address or logical id, its name, and (outside the model) its ARN; so does a
// service outside the model.
func TestResolveResourceConfiguration(t *testing.T) {
	const arn = "arn:aws:vpc-lattice:us-east-1:222222222222:resourceconfiguration/rcfg-0123456789abcdef0"
	const svcARN = "arn:aws:vpc-lattice:us-east-1:222222222222:service/svc-0123456789abcdef0"
	cases := []struct{ dir, text, wantSuffix string }{
		{"fixtures/reach/resource-reachable/terraform", "aws_vpclattice_resource_configuration.db", "//aws_vpclattice_resource_configuration.db"},
		{"fixtures/reach/resource-reachable/terraform", "orders-db", "//aws_vpclattice_resource_configuration.db"},
		{"fixtures/reach/resource-reachable/terraform", "terraform//orders-db", "//aws_vpclattice_resource_configuration.db"},
		{"fixtures/reach/resource-reachable/cloudformation", "OrdersDb", "//OrdersDb"},
		{"fixtures/reach/resource-reachable/cloudformation", "orders-db", "//OrdersDb"},
		{"fixtures/reach/resource-outside/terraform", arn, arn},
		{"fixtures/reach/resource-outside/cloudformation", arn, arn},
		{"fixtures/reach/service-outside/terraform", svcARN, svcARN},
		{"fixtures/reach/service-outside/cloudformation", svcARN, svcARN},
	}
	for _, c := range cases {
		res := lintDirs(t, c.dir)
		got, err := Resolve(res.Model, c.text, TargetKinds)
		if err != nil || !strings.HasSuffix(got, c.wantSuffix) {
			t.Errorf("%s: %s resolved to %q (%v), want …%s", c.dir, c.text, got, err, c.wantSuffix)
		}
	}
	// An ARN outside the model is not a client.
	if got, err := Resolve(lintDirs(t, "fixtures/reach/resource-outside/terraform").Model, arn, ClientKinds); err == nil {
		t.Errorf("an external resource configuration resolved as a client: %s", got)
	}
}

func TestResolveAmbiguousListsCandidates(t *testing.T) {
	res := lintDirs(t, "fixtures/rules/LAT-SEC-001/negative/terraform", "fixtures/rules/LAT-SEC-001/positive/terraform")
	_, err := Resolve(res.Model, "aws_vpc.client", ClientKinds)
	var amb *AmbiguousError
	if !errors.As(err, &amb) || len(amb.Candidates) != 2 {
		t.Fatalf("got %v, want two candidates", err)
	}
	for _, c := range amb.Candidates {
		if !strings.HasSuffix(c, "//aws_vpc.client") {
			t.Errorf("candidate %s", c)
		}
	}
	if _, err := Resolve(res.Model, "positive/terraform//aws_vpc.client", ClientKinds); err != nil {
		t.Errorf("root prefix: %v", err)
	}
}

// TestHasAuth: a service passes auth policies, in the model or outside it; a
// resource configuration does not.
func TestHasAuth(t *testing.T) {
	cases := []struct {
		dir, text string
		want      bool
	}{
		{"fixtures/reach/resource-reachable/terraform", "orders-db", false},
		{"fixtures/reach/resource-outside/terraform", "arn:aws:vpc-lattice:us-east-1:222222222222:resourceconfiguration/rcfg-0123456789abcdef0", false},
		{"fixtures/reach/service-outside/terraform", "arn:aws:vpc-lattice:us-east-1:222222222222:service/svc-0123456789abcdef0", true},
		{"fixtures/rules/LAT-SEC-001/negative/terraform", "orders", true},
	}
	for _, c := range cases {
		m := lintDirs(t, c.dir).Model
		id, err := Resolve(m, c.text, TargetKinds)
		if err != nil {
			t.Fatalf("%s: %v", c.text, err)
		}
		if got := HasAuth(m, id); got != c.want {
			t.Errorf("HasAuth(%s) = %v, want %v", c.text, got, c.want)
		}
	}
}
