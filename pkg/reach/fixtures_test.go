package reach

import (
	"context"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/lattice-lint/lattice-lint/pkg/lint"
	"github.com/lattice-lint/lattice-lint/pkg/settings"
)

// TestHopFixtures answers one question per fixture of fixtures/reach (and the
// rule fixtures that are the same case) in every input format: the verdict and
// each blocked hop ("step entity rule").
func TestHopFixtures(t *testing.T) {
	type want struct {
		verdict string
		blocked []string
	}
	cases := []struct {
		dir     string
		tf, cfn want
		// from is the client in each format (default: the VPC aws_vpc.client / ClientVpc).
		from [2]string
		// says is what some hop's why contains, in each format ("": no check).
		says [2]string
		// to is the target (default: the service orders).
		to string
	}{
		{dir: "fixtures/rules/LAT-SEC-004/negative",
			tf: want{verdict: Reachable}, cfn: want{verdict: Reachable}},
		{dir: "fixtures/reach/no-association",
			tf:  want{Blocked, []string{"vpc association aws_vpc.client "}},
			cfn: want{Blocked, []string{"vpc association ClientVpc "}}},
		{dir: "fixtures/reach/second-association",
			tf: want{Blocked, []string{
				"service association aws_vpclattice_service.orders ",
				"vpc association aws_vpclattice_service_network_vpc_association.client LAT-COR-004",
			}},
			cfn: want{Blocked, []string{"service association Orders ", "vpc association ClientAssociation LAT-COR-004"}}},
		{dir: "fixtures/reach/service-not-associated",
			tf:  want{Blocked, []string{"service association aws_vpclattice_service.orders LAT-COR-001"}},
			cfn: want{Blocked, []string{"service association Orders LAT-COR-001"}}},
		{dir: "fixtures/rules/LAT-SEC-002/positive",
			tf:  want{Blocked, []string{"association security group aws_vpclattice_service_network_vpc_association.client LAT-SEC-002"}},
			cfn: want{Blocked, []string{"association security group ClientAssociation LAT-SEC-002"}}},
		{dir: "fixtures/rules/LAT-SEC-003/positive",
			tf:  want{Blocked, []string{"client egress aws_security_group.workload LAT-SEC-003"}},
			cfn: want{Blocked, []string{"client egress WorkloadSG LAT-SEC-003"}}},
		{dir: "fixtures/reach/no-listener",
			tf:  want{Blocked, []string{"listener aws_vpclattice_service.orders LAT-COR-002"}},
			cfn: want{Blocked, []string{"listener Orders LAT-COR-002"}}},
		{dir: "fixtures/reach/auth-deny-all",
			tf:  want{Blocked, []string{"auth aws_vpclattice_service.orders LAT-SEC-006"}},
			cfn: want{Blocked, []string{"auth Orders LAT-SEC-006"}}},
		{dir: "fixtures/reach/fixed-response",
			tf:  want{Blocked, []string{"rule / forward aws_vpclattice_listener.https "}},
			cfn: want{Blocked, []string{"rule / forward HttpsListener "}}},
		{dir: "fixtures/reach/no-targets",
			tf:  want{Blocked, []string{"target group aws_vpclattice_target_group.orders "}},
			cfn: want{Blocked, []string{"target group OrdersTargetGroup "}}},
		{dir: "fixtures/rules/LAT-SEC-001/positive",
			tf:  want{Blocked, []string{"targets' security groups aws_vpclattice_target_group_attachment.orders LAT-SEC-001"}},
			cfn: want{Blocked, []string{"targets' security groups OrdersTargetGroup.Targets[0] LAT-SEC-001"}}},
		// Cross-account: the network account shares its service network with
		// the apps account through RAM (negative), or does not (positive).
		{dir: "fixtures/rules/LAT-XAC-002/negative",
			tf: want{verdict: Reachable}, cfn: want{verdict: Reachable}},
		{dir: "fixtures/rules/LAT-XAC-002/positive",
			tf:  want{Blocked, []string{"service network aws_vpclattice_service_network_vpc_association.client LAT-XAC-002"}},
			cfn: want{Blocked, []string{"service network ClientAssociation LAT-XAC-002"}}},
		{dir: "fixtures/reach/unknown-association-sg",
			tf: want{verdict: Unknown}, cfn: want{verdict: Unknown}},
		// IP targets: the groups of the target group's VPC stand for theirs.
		{dir: "fixtures/reach/ip-targets-assumed",
			tf: want{verdict: Reachable}, cfn: want{verdict: Reachable},
			says: [2]string{"assuming the targets use a security group of VPC aws_vpc.app: aws_security_group.app admits",
				"assuming the targets use a security group of VPC AppVpc: AppSG (assuming its prefix list is the VPC Lattice one) admits"}},
		{dir: "fixtures/reach/ip-targets-blocked",
			tf:  want{Blocked, []string{"targets' security groups aws_vpclattice_target_group.orders LAT-SEC-001"}},
			cfn: want{Blocked, []string{"targets' security groups OrdersTargetGroup LAT-SEC-001"}}},
		{dir: "fixtures/reach/ip-targets-vpc-outside",
			tf: want{verdict: Unknown}, cfn: want{verdict: Unknown},
			says: [2]string{"the target group's VPC is outside the model", "the target group's VPC is outside the model"}},
		// The client is a ServiceNetwork VPC endpoint.
		{dir: "fixtures/reach/endpoint-client", from: [2]string{"aws_vpc_endpoint.client", "ClientEndpoint"},
			tf: want{verdict: Reachable}, cfn: want{verdict: Reachable},
			says: [2]string{"aws_vpc_endpoint.client connects VPC aws_vpc.client to the service network",
				"ClientEndpoint connects VPC ClientVpc to the service network"}},
		{dir: "fixtures/reach/endpoint-sg-blocked", from: [2]string{"aws_vpc_endpoint.client", "ClientEndpoint"},
			tf:  want{Blocked, []string{"association security group aws_vpc_endpoint.client LAT-SEC-002"}},
			cfn: want{Blocked, []string{"association security group ClientEndpoint LAT-SEC-002"}}},
		// The target is a resource configuration: the hops end at the resource
		// gateway and its security groups.
		{dir: "fixtures/reach/resource-reachable", to: "orders-db",
			tf: want{verdict: Reachable}, cfn: want{verdict: Reachable},
			says: [2]string{"security group aws_security_group.gateway lets TCP port 5432 out to the resource",
				"security group GatewaySG lets TCP port 5432 out to the resource"}},
		{dir: "fixtures/reach/resource-gateway-sg-blocked", to: "orders-db",
			tf:  want{Blocked, []string{"gateway security groups aws_vpclattice_resource_gateway.db "}},
			cfn: want{Blocked, []string{"gateway security groups DbGateway "}}},
		{dir: "fixtures/reach/resource-not-associated", to: "orders-db",
			tf:  want{Blocked, []string{"resource association aws_vpclattice_resource_configuration.db "}},
			cfn: want{Blocked, []string{"resource association OrdersDb "}}},
		{dir: "fixtures/reach/resource-no-gateway", to: "orders-db",
			tf:  want{Blocked, []string{"resource gateway aws_vpclattice_resource_configuration.db LAT-COR-020"}},
			cfn: want{Blocked, []string{"resource gateway OrdersDb LAT-COR-020"}}},
		// Across accounts: the data account shares the configuration through
		// RAM (or does not); the apps account associates it by ARN.
		{dir: "fixtures/reach/resource-shared", to: "orders-db",
			tf: want{verdict: Reachable}, cfn: want{verdict: Reachable},
			says: [2]string{"shared with account 222222222222 by aws_ram_resource_share.db", "shared with account 222222222222 by DbShare"}},
		{dir: "fixtures/reach/resource-not-shared", to: "orders-db",
			tf:  want{Blocked, []string{"resource association aws_vpclattice_service_network_resource_association.db LAT-XAC-002"}},
			cfn: want{Blocked, []string{"resource association DbAssociation LAT-XAC-002"}}},
		// No service network: a VPC endpoint of type Resource.
		{dir: "fixtures/reach/resource-endpoint", to: "orders-db",
			tf: want{verdict: Reachable}, cfn: want{verdict: Reachable},
			says: [2]string{"aws_vpc_endpoint.db, a VPC endpoint of type Resource, connects VPC aws_vpc.client to resource configuration",
				"DbEndpoint, a VPC endpoint of type Resource, connects VPC ClientVpc to resource configuration"}},
		{dir: "fixtures/reach/resource-endpoint", to: "orders-db", from: [2]string{"aws_vpc_endpoint.db", "DbEndpoint"},
			tf: want{verdict: Reachable}, cfn: want{verdict: Reachable}},
		{dir: "fixtures/reach/resource-outside", to: "arn:aws:vpc-lattice:us-east-1:222222222222:resourceconfiguration/rcfg-0123456789abcdef0",
			tf: want{verdict: Unknown}, cfn: want{verdict: Unknown},
			says: [2]string{"is outside the model: its ports, gateway and the gateway's security groups cannot be checked",
				"is outside the model: its ports, gateway and the gateway's security groups cannot be checked"}},
		{dir: "fixtures/reach/service-outside", to: "arn:aws:vpc-lattice:us-east-1:222222222222:service/svc-0123456789abcdef0",
			tf: want{verdict: Unknown}, cfn: want{verdict: Unknown},
			says: [2]string{"is outside the model: its listeners, auth policy and targets cannot be checked",
				"is outside the model: its listeners, auth policy and targets cannot be checked"}},
	}
	for _, c := range cases {
		if c.from == [2]string{} {
			c.from = [2]string{"aws_vpc.client", "ClientVpc"}
		}
		if c.to == "" {
			c.to = "orders"
		}
		for _, f := range []struct {
			format, from, says string
			want               want
		}{{"terraform", c.from[0], c.says[0], c.tf}, {"cloudformation", c.from[1], c.says[1], c.cfn}} {
			t.Run(c.dir+"/"+f.format, func(t *testing.T) {
				res := lintDirs(t, c.dir+"/"+f.format)
				ans := ask(t, res, f.from, c.to, 0)
				if ans.Verdict != f.want.verdict {
					t.Fatalf("verdict %s, want %s; blocked at %v; unknown %v", ans.Verdict, f.want.verdict, blockedAt(ans), ans.Unknowns())
				}
				got := blockedAt(ans)
				sort.Strings(got)
				sort.Strings(f.want.blocked)
				if strings.Join(got, "\n") != strings.Join(f.want.blocked, "\n") {
					t.Errorf("blocked at\n  %s\nwant\n  %s", strings.Join(got, "\n  "), strings.Join(f.want.blocked, "\n  "))
				}
				if f.want.verdict == Unknown && len(ans.Unknowns()) == 0 {
					t.Error("an unknown verdict names no unknown hop")
				}
				if f.says != "" && !saysSomewhere(ans, f.says) {
					t.Errorf("no hop says %q", f.says)
				}
			})
		}
	}
}

// fixtureRuns lists every folder under fixtures/ that is linted as one run:
// each rule case in each format, each example, each reach case.
func fixtureRuns(t *testing.T) []string {
	t.Helper()
	root := repoRoot(t)
	var runs []string
	for _, pattern := range []string{"fixtures/rules/*/*/*", "fixtures/examples/*", "fixtures/reach/*/*"} {
		ms, err := filepath.Glob(filepath.Join(root, pattern))
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range ms {
			if st, err := os.Stat(m); err == nil && st.IsDir() {
				rel, _ := filepath.Rel(root, m)
				runs = append(runs, filepath.ToSlash(rel))
			}
		}
	}
	if len(runs) < 50 {
		t.Fatalf("found only %d fixture runs", len(runs))
	}
	return runs
}

// TestReachAgreesWithLint answers every client VPC × service on every
// fixture and checks both directions the issue asks for: each hop that blocks
// naming a catalogue rule has that rule's finding (above info) on the same
// entity in lint's report; each LAT-SEC-002 finding blocks the association's
// hop for the listener it names.
func TestReachAgreesWithLint(t *testing.T) {
	ctx := context.Background()
	checked := 0
	for _, dir := range fixtureRuns(t) {
		res, err := lintRun(t, dir)
		if err != nil {
			t.Errorf("%s: %v", dir, err)
			continue
		}
		a, err := New(ctx, res.Engine, res.Model)
		if err != nil {
			t.Fatal(err)
		}
		findings := map[string]bool{} // rule + entity id
		for _, f := range res.Report.Findings {
			if f.Severity != "info" {
				findings[f.RuleID+" "+f.Entity] = true
			}
		}
		blockedBy := map[string]bool{} // rule + entity id, from reach
		cells, err := a.Matrix(ctx)
		if err != nil {
			t.Fatalf("%s: %v", dir, err)
		}
		for _, c := range cells {
			ans, err := a.Ask(ctx, Question{From: c.FromID, To: c.ToID})
			if err != nil {
				t.Fatalf("%s: %v", dir, err)
			}
			if ans.Verdict != c.Verdict {
				t.Errorf("%s: %s -> %s: matrix says %s, the answer %s", dir, c.From, c.To, c.Verdict, ans.Verdict)
			}
			for _, p := range ans.Paths {
				for _, h := range p.Hops {
					if h.Status != Blocked || h.Rule == "" {
						continue
					}
					checked++
					blockedBy[h.Rule+" "+h.ID] = true
					if !findings[h.Rule+" "+h.ID] {
						t.Errorf("%s: reach %s -> %s: %s is blocked at %s (%s), but lint reports no %s finding on it",
							dir, c.From, c.To, h.Step, h.Entity, h.Rule, h.Rule)
					}
				}
			}
			for _, b := range ans.BlockedBy {
				if b.Rule != "" && !findings[b.Rule+" "+b.ID] {
					t.Errorf("%s: reach %s -> %s is blocked by %s (%s), but lint reports no %s finding on it",
						dir, c.From, c.To, b.Entity, b.Rule, b.Rule)
				}
			}
		}
		for _, f := range res.Report.Findings {
			if f.RuleID == "LAT-SEC-002" && !blockedBy[f.RuleID+" "+f.Entity] {
				t.Errorf("%s: lint reports %s on %s, but no reach answer blocks there", dir, f.RuleID, f.Address)
			}
		}
	}
	if checked == 0 {
		t.Error("no fixture has a hop blocked by a catalogue rule: the comparison checked nothing")
	}
}

// lintRun lints one fixture run, keeping runs with input errors (their
// answers must agree with their findings too).
func lintRun(t *testing.T, dir string) (*lint.Result, error) {
	t.Helper()
	s := settings.Default()
	s.Paths = []string{filepath.Join(repoRoot(t), dir)}
	return lint.Run(context.Background(), lint.Options{Settings: s, Root: repoRoot(t), Engine: sharedEngine(t)})
}

// saysSomewhere reports whether some hop's why contains s.
func saysSomewhere(ans *Answer, s string) bool {
	for _, p := range ans.Paths {
		for _, h := range p.Hops {
			if strings.Contains(h.Why, s) {
				return true
			}
		}
	}
	return false
}
