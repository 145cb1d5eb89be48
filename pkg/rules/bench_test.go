package rules

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/open-policy-agent/opa/v1/topdown"

	"github.com/lattice-lint/lattice-lint/internal/scalegen"
	"github.com/lattice-lint/lattice-lint/pkg/finding"
	"github.com/lattice-lint/lattice-lint/pkg/model"
)

// syntheticModel builds a linked model of about 10,000 entities shaped like a
// large multi-account deployment: VPCs with security groups, service networks
// with VPC associations, and per service a listener, a rule, a target group,
// two instance targets and a service network association. About one entity in
// ten is broken so that every rule has work to do.
func syntheticModel(tb testing.TB, services int) *model.Model {
	tb.Helper()
	const (
		vpcs     = 50
		sgPerVPC = 8
		networks = 10
	)
	var es []model.Entity
	line := 0
	at := func(addr string) model.Meta {
		line += 10
		m := meta(addr, line)
		m.Account = model.Known("111111111111", m.Range)
		return m
	}
	known := func(v string) model.Attr[string] { return model.Known(v, rng(line+1, 3, 30)) }
	port := func(p int) model.Attr[int] { return model.Known(p, rng(line+2, 3, 30)) }
	ref := func(id string) model.Ref { return model.Ref{Target: id, Attribute: "id", Range: rng(line+3, 3, 40)} }
	refs := func(ids ...string) model.RefList {
		l := model.RefList{Known: true, Range: rng(line+4, 3, 40)}
		for _, id := range ids {
			l.Items = append(l.Items, ref(id))
		}
		return l
	}

	pl := &model.PrefixList{Meta: at("data.aws_ec2_managed_prefix_list.lattice"), Lattice: model.Known(true, rng(1, 1, 2))}
	es = append(es, pl)
	var vpcIDs []string
	sgs := map[string][]string{}
	for v := range vpcs {
		vpc := &model.VPC{Meta: at(fmt.Sprintf("aws_vpc.v%d", v)), CIDRs: model.StringList{Known: true}}
		es = append(es, vpc)
		vpcIDs = append(vpcIDs, vpc.ID)
		for s := range sgPerVPC {
			sg := &model.SecurityGroup{Meta: at(fmt.Sprintf("aws_security_group.v%d_s%d", v, s)), VPC: ref(vpc.ID), RulesKnown: true}
			in := model.SGRule{Direction: "ingress", Protocol: known("tcp"), FromPort: port(8000), ToPort: port(8100),
				CIDRs: model.StringList{Known: true, Items: []model.Attr[string]{known("10.0.0.0/8")}}}
			if s%3 != 0 { // most groups admit the Lattice prefix list
				in.PrefixLists = refs(pl.ID)
			}
			sg.Ingress = []model.SGRule{in}
			es = append(es, sg)
			sgs[vpc.ID] = append(sgs[vpc.ID], sg.ID)
		}
	}
	var snIDs []string
	for n := range networks {
		sn := &model.ServiceNetwork{Meta: at(fmt.Sprintf("aws_vpclattice_service_network.n%d", n)), AuthType: known("AWS_IAM")}
		es = append(es, sn)
		snIDs = append(snIDs, sn.ID)
		if n%2 == 0 {
			es = append(es, &model.AuthPolicy{Meta: at(fmt.Sprintf("aws_vpclattice_auth_policy.n%d", n)), Resource: ref(sn.ID)})
			es = append(es, &model.AccessLogSubscription{Meta: at(fmt.Sprintf("aws_vpclattice_access_log_subscription.n%d", n)),
				Resource: ref(sn.ID), LogType: known("SERVICE")})
		}
	}
	for v, id := range vpcIDs {
		a := &model.VPCAssociation{Meta: at(fmt.Sprintf("aws_vpclattice_service_network_vpc_association.v%d", v)),
			ServiceNetwork: ref(snIDs[v%networks]), VPC: ref(id), SecurityGroups: refs(sgs[id][0])}
		if v%10 == 0 { // consumer account without a share
			a.Account = model.Known("222222222222", a.Range)
		}
		es = append(es, a)
		if v%25 == 0 { // a second association of the same VPC
			es = append(es, &model.VPCAssociation{Meta: at(fmt.Sprintf("aws_vpclattice_service_network_vpc_association.v%d_dup", v)),
				ServiceNetwork: ref(snIDs[(v+1)%networks]), VPC: ref(id)})
		}
	}
	for s := range services {
		vpc := vpcIDs[s%vpcs]
		svc := &model.Service{Meta: at(fmt.Sprintf("aws_vpclattice_service.s%d", s)), AuthType: known("NONE")}
		tg := &model.TargetGroup{Meta: at(fmt.Sprintf("aws_vpclattice_target_group.s%d", s)),
			Type: known("INSTANCE"), Port: port(8000 + s%100), VPC: ref(vpc)}
		ls := &model.Listener{Meta: at(fmt.Sprintf("aws_vpclattice_listener.s%d", s)), Service: ref(svc.ID), Port: port(443),
			DefaultAction: model.Action{Type: known("forward"), Forward: []model.WeightedTarget{{TargetGroup: ref(tg.ID)}}}}
		rule := &model.ListenerRule{Meta: at(fmt.Sprintf("aws_vpclattice_listener_rule.s%d", s)), Priority: port(10),
			Listener: model.Ref{Target: ls.ID, Attribute: "listener_id", Range: rng(line, 3, 30)},
			Action:   model.Action{Type: known("fixed_response"), StatusCode: port(404)}}
		es = append(es, svc, tg, ls, rule)
		if s%10 != 0 {
			es = append(es, &model.ServiceAssociation{Meta: at(fmt.Sprintf("aws_vpclattice_service_network_service_association.s%d", s)),
				ServiceNetwork: ref(snIDs[(s/10)%networks]), Service: ref(svc.ID)})
		}
		for i := range 2 {
			inst := &model.Instance{Meta: at(fmt.Sprintf("aws_instance.s%d_%d", s, i)), SecurityGroups: refs(sgs[vpc][(s+i)%sgPerVPC])}
			es = append(es, inst, &model.Target{Meta: at(fmt.Sprintf("aws_vpclattice_target_group_attachment.s%d_%d", s, i)),
				TargetGroup: ref(tg.ID), Target: ref(inst.ID)})
		}
	}
	return newModel(tb, es...)
}

func TestSyntheticModelFindings(t *testing.T) {
	m := syntheticModel(t, 1000)
	if m.Len() < 9000 {
		t.Fatalf("synthetic model has %d entities, want about 10,000", m.Len())
	}
	fs, err := newEngine(t, Options{}).Evaluate(context.Background(), m)
	if err != nil {
		t.Fatal(err)
	}
	count := map[string]int{}
	for _, f := range fs {
		count[f.RuleID]++
	}
	// Each count follows from how syntheticModel breaks entities.
	want := map[string]int{
		"LAT-COR-001": 100,  // every tenth service has no association
		"LAT-COR-002": 0,    // every service has a listener
		"LAT-COR-003": 0,    // every network has VPCs and services
		"LAT-COR-004": 2,    // VPCs 0 and 25 have a second association
		"LAT-COR-005": 0,    // every target group is forwarded to
		"LAT-HYG-002": 0,    // rules use listener_id
		"LAT-OBS-001": 1005, // five networks and every service without logs
		"LAT-SEC-001": 750,  // 2000 targets, 3 in 8 behind a group (index 0, 3, 6) admitting only a CIDR
		"LAT-SEC-005": 1000, // every service is NONE, no network is
		"LAT-SEC-006": 5,    // the odd networks are AWS_IAM without a policy
		"LAT-SEC-007": 0,    // policies sit on AWS_IAM networks
		"LAT-XAC-002": 5,    // VPC associations 0, 10, 20, 30, 40 are in another account
	}
	for id, n := range want {
		if count[id] != n {
			t.Errorf("%s: %d findings, want %d", id, count[id], n)
		}
	}
}

func BenchmarkEvaluate(b *testing.B) {
	m := syntheticModel(b, 1000)
	e := newEngine(b, Options{})
	ctx := context.Background()
	b.ReportMetric(float64(m.Len()), "entities")
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, err := e.Evaluate(ctx, m); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkNewEngine(b *testing.B) {
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := NewEngine(ctx, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// crossAccountModel has n service networks in one account, each associated
// with a VPC of another account without a share, and n associations of shares
// outside the model with unrelated resources: every end is checked against
// every hidden share association unless LAT-XAC-002 indexes them.
func crossAccountModel(tb testing.TB, n int) *model.Model {
	tb.Helper()
	var es []model.Entity
	for i := range n {
		sn := &model.ServiceNetwork{Meta: meta(fmt.Sprintf("aws_vpclattice_service_network.n%d", i), 10*i+1)}
		sn.Account = model.Known("111111111111", sn.Range)
		a := &model.VPCAssociation{Meta: meta(fmt.Sprintf("aws_vpclattice_service_network_vpc_association.a%d", i), 10*i+2),
			ServiceNetwork: model.Ref{Target: sn.ID, Attribute: "id", Range: rng(10*i+3, 3, 40)}}
		a.Account = model.Known("222222222222", a.Range)
		x := &model.ShareAssociation{Meta: meta(fmt.Sprintf("aws_ram_resource_association.x%d", i), 10*i+4),
			Share:    model.Ref{Literal: model.Known(fmt.Sprintf("arn:aws:ram:eu-west-1:333333333333:resource-share/s%d", i), rng(10*i+5, 3, 40))},
			Resource: model.Ref{Literal: model.Known(fmt.Sprintf("arn:aws:vpc-lattice:eu-west-1:333333333333:service/svc-%017d", i), rng(10*i+6, 3, 40))}}
		x.Account = model.Known("333333333333", x.Range)
		es = append(es, sn, a, x)
	}
	return newModel(tb, es...)
}

// TestCrossAccountShareCheckScales guards against LAT-XAC-002 comparing every
// uncovered association end with every share association (30 s at n = 2000):
// four times the entities must cost well under sixteen times the work. Work is
// counted as evaluation trace events, not timed, so a loaded machine cannot
// fail it.
func TestCrossAccountShareCheckScales(t *testing.T) {
	if testing.Short() {
		t.Skip("evaluates 24,000 entities")
	}
	e := newEngine(t, Options{})
	evaluate := func(n int) int {
		m := crossAccountModel(t, n)
		fs, err := e.Evaluate(context.Background(), m)
		if err != nil {
			t.Fatal(err)
		}
		if got := countRule(fs, "LAT-XAC-002"); got != n {
			t.Fatalf("n=%d: %d LAT-XAC-002 findings, want one per association", n, got)
		}
		input, err := inputValue(m)
		if err != nil {
			t.Fatal(err)
		}
		var steps eventCounter
		for _, q := range e.queries {
			if _, err := q.Eval(context.Background(), rego.EvalParsedInput(input), rego.EvalQueryTracer(&steps)); err != nil {
				t.Fatal(err)
			}
		}
		t.Logf("n=%d (%d entities): %d evaluation steps", n, m.Len(), steps.n)
		return steps.n
	}
	small, large := evaluate(500), evaluate(2000)
	if ratio := float64(large) / float64(small); ratio > 8 {
		t.Errorf("4x the associations took %.1fx the evaluation steps (%d vs %d): evaluation grows quadratically", ratio, large, small)
	}
}

// eventCounter counts the evaluator's trace events: a measure of work that
// does not depend on the machine's load.
type eventCounter struct{ n int }

func (c *eventCounter) Enabled() bool               { return true }
func (c *eventCounter) TraceEvent(topdown.Event)    { c.n++ }
func (c *eventCounter) Config() topdown.TraceConfig { return topdown.TraceConfig{} }

func countRule(fs []finding.Finding, id string) int {
	n := 0
	for _, f := range fs {
		if f.RuleID == id {
			n++
		}
	}
	return n
}

func BenchmarkEvaluateCrossAccount(b *testing.B) {
	m := crossAccountModel(b, 2000)
	e := newEngine(b, Options{})
	ctx := context.Background()
	b.ReportMetric(float64(m.Len()), "entities")
	for b.Loop() {
		if _, err := e.Evaluate(ctx, m); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkConvertTree and BenchmarkPoliciesTree are the two stages of
// Evaluate on the generated trees every stage's benchmark uses
// (scalegen.BenchSizes, with the accounts of the tree's configuration): the
// model to the policies' input, then the rule packages evaluated over it (in
// parallel groups, as lint runs them).
func BenchmarkConvertTree(b *testing.B) {
	for _, n := range scalegen.BenchSizes {
		b.Run(fmt.Sprintf("resources=%d", n), func(b *testing.B) {
			m := scaleTreeModel(b, n)
			b.ReportMetric(float64(m.Len()), "entities")
			b.ReportAllocs()
			for b.Loop() {
				if _, err := inputValue(m); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkPoliciesTree(b *testing.B) {
	e := newEngine(b, Options{Timeout: 10 * time.Minute})
	for _, n := range scalegen.BenchSizes {
		b.Run(fmt.Sprintf("resources=%d", n), func(b *testing.B) {
			input, err := inputValue(scaleTreeModel(b, n))
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			for b.Loop() {
				if _, err := e.evalDenies(context.Background(), input); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
