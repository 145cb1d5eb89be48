package diagram

import (
	"fmt"
	"testing"

	"github.com/lattice-lint/lattice-lint/pkg/finding"
	"github.com/lattice-lint/lattice-lint/pkg/model"
)

// fx builds small linked models by hand: each entity gets a distinct source
// line so findings and tooltips carry real-looking locations.
type fx struct {
	t    testing.TB
	m    *model.Model
	file string
	line int
	fs   []finding.Finding
}

func newFx(t testing.TB, file string) *fx { return &fx{t: t, m: model.New(), file: file} }

func (f *fx) rng() model.Range {
	f.line += 4
	return model.Range{File: f.file, Start: model.Pos{Line: f.line, Column: 1}, End: model.Pos{Line: f.line + 3, Column: 2}}
}

func (f *fx) meta(typ, addr, acct, region string) model.Meta {
	r := f.rng()
	m := model.Meta{ID: "root//" + addr, Type: typ, Address: addr, Format: "terraform", Source: "root", Range: r,
		Account: model.Unknown[string](r), Region: model.Unknown[string](r)}
	if acct != "" {
		m.Account = model.Known(acct, r)
	}
	if region != "" {
		m.Region = model.Known(region, r)
	}
	return m
}

func (f *fx) add(e model.Entity) string {
	f.t.Helper()
	if err := f.m.Add(e); err != nil {
		f.t.Fatal(err)
	}
	return e.Base().ID
}

func (f *fx) find(rule string, sev finding.Severity, entity, msg string) {
	e := f.m.Get(entity)
	if e == nil {
		f.t.Fatalf("finding on unknown entity %s", entity)
	}
	b := e.Base()
	f.fs = append(f.fs, finding.Finding{RuleID: rule, Severity: sev, Message: msg, Entity: entity, Address: b.Address, Range: b.Range})
}

func (f *fx) done() (*model.Model, []finding.Finding) {
	f.m.Link()
	return f.m, f.fs
}

func ref(id string) model.Ref { return model.Ref{Target: id, Attribute: "id"} }
func lit(s string) model.Ref {
	return model.Ref{Literal: model.Known(s, model.Range{File: "lit.tf", Start: model.Pos{Line: 1, Column: 1}})}
}
func str(s string) model.Attr[string] { return model.Known(s, model.Range{}) }
func num(n int) model.Attr[int]       { return model.Known(n, model.Range{}) }
func yes(b bool) model.Attr[bool]     { return model.Known(b, model.Range{}) }
func refs(ids ...string) model.RefList {
	l := model.RefList{Known: true}
	for _, id := range ids {
		l.Items = append(l.Items, ref(id))
	}
	return l
}
func cidrs(cs ...string) model.StringList {
	l := model.StringList{Known: true}
	for _, c := range cs {
		l.Items = append(l.Items, str(c))
	}
	return l
}
func forward(weights map[string]int, order ...string) model.Action {
	a := model.Action{Type: str("forward")}
	for _, id := range order {
		a.Forward = append(a.Forward, model.WeightedTarget{TargetGroup: ref(id), Weight: num(weights[id])})
	}
	return a
}

// ---- pieces ----

func (f *fx) vpc(name, cidr, acct, region string) string {
	v := &model.VPC{Meta: f.meta("aws_vpc", "aws_vpc."+name, acct, region), CIDRs: cidrs(cidr)}
	v.Tags = map[string]string{"Name": name}
	return f.add(v)
}

func (f *fx) sn(name, auth, acct, region string) string {
	return f.add(&model.ServiceNetwork{Meta: f.meta("aws_vpclattice_service_network", "aws_vpclattice_service_network."+name, acct, region),
		Name: str(name), AuthType: str(auth)})
}

func (f *fx) svc(addr, name, auth, acct, region string) string {
	return f.add(&model.Service{Meta: f.meta("aws_vpclattice_service", "aws_vpclattice_service."+addr, acct, region),
		Name: str(name), AuthType: str(auth)})
}

func (f *fx) assoc(name, sn string, svc model.Ref, acct, region string) string {
	return f.add(&model.ServiceAssociation{Meta: f.meta("aws_vpclattice_service_network_service_association",
		"aws_vpclattice_service_network_service_association."+name, acct, region), ServiceNetwork: ref(sn), Service: svc})
}

func (f *fx) tg(name, typ, vpc, acct, region string, targets ...string) string {
	t := &model.TargetGroup{Meta: f.meta("aws_vpclattice_target_group", "aws_vpclattice_target_group."+name, acct, region),
		Name: str(name), Type: str(typ)}
	if typ != "LAMBDA" {
		t.Protocol, t.Port = str("HTTP"), num(8080)
		t.VPC = ref(vpc)
		if vpc != "" && vpc[:1] != "r" {
			t.VPC = lit(vpc)
		}
	}
	id := f.add(t)
	for i, tgt := range targets {
		r := lit(tgt)
		if f.m.Get(tgt) != nil {
			r = ref(tgt)
		}
		f.add(&model.Target{Meta: f.meta("aws_vpclattice_target_group_attachment",
			fmt.Sprintf("aws_vpclattice_target_group_attachment.%s[%d]", name, i), acct, region), TargetGroup: ref(id), Target: r, Port: num(8080)})
	}
	return id
}

func (f *fx) listener(svc, name, proto string, port int, action model.Action, acct, region string) string {
	return f.add(&model.Listener{Meta: f.meta("aws_vpclattice_listener", "aws_vpclattice_listener."+name, acct, region),
		Name: str(name), Protocol: str(proto), Port: num(port), Service: ref(svc), DefaultAction: action})
}

// ---- fixtures ----

type fixture struct {
	name  string
	build func(t testing.TB) (*model.Model, []finding.Finding)
}

var fixtures = []fixture{
	{"basic", basic},
	{"weighted", weighted},
	{"cross-account", crossAccount},
	{"ghost", ghost},
	{"resources", resources},
	{"escaping", escaping},
	{"aggregate", aggregateFx},
}

// basic: one service network, one service, one target group, a VPC association.
func basic(t testing.TB) (*model.Model, []finding.Finding) {
	f := newFx(t, "basic/main.tf")
	r := "us-east-1"
	vpc := f.vpc("app", "10.0.0.0/16", "", r)
	sg := f.add(&model.SecurityGroup{Meta: f.meta("aws_security_group", "aws_security_group.lattice", "", r), Name: str("lattice-clients"), VPC: ref(vpc), RulesKnown: true})
	sn := f.sn("core", "AWS_IAM", "", r)
	f.add(&model.AuthPolicy{Meta: f.meta("aws_vpclattice_auth_policy", "aws_vpclattice_auth_policy.core", "", r), Resource: ref(sn)})
	f.add(&model.AccessLogSubscription{Meta: f.meta("aws_vpclattice_access_log_subscription", "aws_vpclattice_access_log_subscription.core", "", r),
		Resource: ref(sn), Destination: model.Ref{Literal: str("arn:aws:s3:::lattice-logs")}})
	svc := f.svc("orders", "orders", "AWS_IAM", "", r)
	f.assoc("orders", sn, ref(svc), "", r)
	tg := f.tg("orders", "IP", vpc, "", r, "10.0.1.10", "10.0.1.11")
	f.listener(svc, "https", "HTTPS", 443, forward(map[string]int{tg: 100}, tg), "", r)
	f.add(&model.VPCAssociation{Meta: f.meta("aws_vpclattice_service_network_vpc_association", "aws_vpclattice_service_network_vpc_association.app", "", r),
		ServiceNetwork: ref(sn), VPC: ref(vpc), SecurityGroups: refs(sg)})
	f.add(&model.Subnet{Meta: f.meta("aws_subnet", "aws_subnet.a", "", r), VPC: ref(vpc), CIDR: str("10.0.1.0/24")})
	f.find("LAT-SEC-006", finding.SeverityWarning, svc, "service uses AWS_IAM auth without an auth policy")
	return f.done()
}

// weighted: a weighted forward, a rule, a fixed response, a Lambda target
// group, and findings on a listener, an association (edge) and a subnet.
func weighted(t testing.TB) (*model.Model, []finding.Finding) {
	f := newFx(t, "weighted/main.tf")
	r := "eu-west-1"
	vpc := f.vpc("shop", "10.1.0.0/16", "", r)
	sn := f.sn("shop", "NONE", "", r)
	svc := f.svc("checkout", "checkout", "NONE", "", r)
	sa := f.assoc("checkout", sn, ref(svc), "", r)
	fn := f.add(&model.LambdaFunction{Meta: f.meta("aws_lambda_function", "aws_lambda_function.admin", "", r), Name: str("admin-fn")})
	v1 := f.tg("checkout-v1", "INSTANCE", vpc, "", r, "i-0aaa", "i-0bbb", "i-0ccc")
	v2 := f.tg("checkout-v2", "IP", vpc, "", r, "10.1.2.3")
	adm := f.tg("admin", "LAMBDA", "", "", r, fn)
	https := f.listener(svc, "https", "HTTPS", 443, forward(map[string]int{v1: 90, v2: 10}, v1, v2), "", r)
	f.listener(svc, "http", "HTTP", 80, model.Action{Type: str("fixed_response"), StatusCode: num(301)}, "", r)
	f.add(&model.ListenerRule{Meta: f.meta("aws_vpclattice_listener_rule", "aws_vpclattice_listener_rule.admin", "", r),
		Name: str("admin"), Priority: num(10), Service: ref(svc), Listener: ref(https),
		Match:  model.Match{Path: str("/admin"), PathMatchType: str("prefix"), Method: str("GET")},
		Action: forward(map[string]int{adm: 100}, adm)})
	sub := f.add(&model.Subnet{Meta: f.meta("aws_subnet", "aws_subnet.b", "", r), VPC: ref(vpc), CIDR: str("10.1.2.0/24")})
	f.find("LAT-SEC-005", finding.SeverityError, svc, "service auth_type is NONE: any client in an associated VPC can call it")
	f.find("LAT-SEC-005", finding.SeverityError, sn, "service network auth_type is NONE")
	f.find("LAT-COR-003", finding.SeverityWarning, https, "HTTPS listener without a certificate on a custom domain")
	f.find("LAT-HYG-002", finding.SeverityInfo, sa, "association has no tags")
	f.find("LAT-NET-001", finding.SeverityWarning, sub, "subnet has no route to the target")
	return f.done()
}

// crossAccount: a network account shares its service network through RAM;
// an application account associates its VPC and its service by ARN.
func crossAccount(t testing.TB) (*model.Model, []finding.Finding) {
	f := newFx(t, "xacct/main.tf")
	net, app, r := "111111111111", "222222222222", "us-east-1"
	sn := f.sn("shared", "AWS_IAM", net, r)
	f.add(&model.AuthPolicy{Meta: f.meta("aws_vpclattice_auth_policy", "aws_vpclattice_auth_policy.shared", net, r), Resource: ref(sn)})
	sh := f.add(&model.ResourceShare{Meta: f.meta("aws_ram_resource_share", "aws_ram_resource_share.sn", net, r), Name: str("lattice-sn"),
		AllowExternalPrincipals: yes(true), Complete: true})
	f.add(&model.ShareAssociation{Meta: f.meta("aws_ram_resource_association", "aws_ram_resource_association.sn", net, r), Share: ref(sh), Resource: ref(sn)})
	f.add(&model.ShareAssociation{Meta: f.meta("aws_ram_principal_association", "aws_ram_principal_association.app", net, r), Share: ref(sh), Principal: model.Known(app, f.rng())})
	snARN := "arn:aws:vpc-lattice:us-east-1:111111111111:servicenetwork/sn-0123456789abcdef0"
	vpc := f.vpc("web", "10.20.0.0/16", app, r)
	f.add(&model.VPCAssociation{Meta: f.meta("aws_vpclattice_service_network_vpc_association", "aws_vpclattice_service_network_vpc_association.web", app, r),
		ServiceNetwork: lit(snARN), VPC: ref(vpc), SecurityGroups: model.RefList{Known: true}})
	svc := f.svc("api", "api", "AWS_IAM", app, r)
	f.add(&model.ServiceAssociation{Meta: f.meta("aws_vpclattice_service_network_service_association", "aws_vpclattice_service_network_service_association.api", app, r),
		ServiceNetwork: lit(snARN), Service: ref(svc)})
	tg := f.tg("api", "IP", vpc, app, r, "10.20.1.5")
	f.listener(svc, "https", "HTTPS", 443, forward(map[string]int{tg: 100}, tg), app, r)
	f.find("LAT-XAC-002", finding.SeverityWarning, sh, "RAM share allows external principals")
	f.find("LAT-SEC-002", finding.SeverityWarning, "root//aws_vpclattice_service_network_vpc_association.web", "VPC association has no security groups")
	return f.done()
}

// ghost: references to things declared elsewhere.
func ghost(t testing.TB) (*model.Model, []finding.Finding) {
	f := newFx(t, "ghost/main.tf")
	r := "us-west-2"
	svc := f.svc("billing", "billing", "AWS_IAM", "444444444444", r)
	f.add(&model.ServiceAssociation{Meta: f.meta("aws_vpclattice_service_network_service_association", "aws_vpclattice_service_network_service_association.billing", "444444444444", r),
		ServiceNetwork: lit("arn:aws:vpc-lattice:us-west-2:999999999999:servicenetwork/sn-0fedcba9876543210"), Service: ref(svc)})
	tg := f.tg("billing", "IP", "vpc-0abc1234", "444444444444", r, "10.9.0.1")
	ext := "arn:aws:vpc-lattice:us-west-2:444444444444:targetgroup/tg-0external00000000"
	f.listener(svc, "https", "HTTPS", 443, model.Action{Type: str("forward"), Forward: []model.WeightedTarget{
		{TargetGroup: ref(tg), Weight: num(50)}, {TargetGroup: lit(ext), Weight: num(50)}}}, "444444444444", r)
	f.add(&model.VPCAssociation{Meta: f.meta("aws_vpclattice_service_network_vpc_association", "aws_vpclattice_service_network_vpc_association.x", "", ""),
		ServiceNetwork: lit("sn-0aaaabbbbccccdddd"), VPC: lit("vpc-0unknownacct"), SecurityGroups: model.RefList{}})
	return f.done()
}

// resources: a resource gateway, a resource configuration shared through a
// service network, and endpoints of both kinds.
func resources(t testing.TB) (*model.Model, []finding.Finding) {
	f := newFx(t, "resources/main.tf")
	a, r := "555555555555", "ap-southeast-2"
	db := f.vpc("db", "10.30.0.0/16", a, r)
	client := f.vpc("client", "10.31.0.0/16", a, r)
	sg := f.add(&model.SecurityGroup{Meta: f.meta("aws_security_group", "aws_security_group.gw", a, r), Name: str("gw"), VPC: ref(db), RulesKnown: true})
	gw := f.add(&model.ResourceGateway{Meta: f.meta("aws_vpclattice_resource_gateway", "aws_vpclattice_resource_gateway.db", a, r),
		Name: str("db-gw"), VPC: ref(db), SecurityGroups: refs(sg)})
	rc := f.add(&model.ResourceConfiguration{Meta: f.meta("aws_vpclattice_resource_configuration", "aws_vpclattice_resource_configuration.pg", a, r),
		Name: str("postgres"), Type: str("SINGLE"), Protocol: str("TCP"), PortRanges: cidrs("5432"), Gateway: ref(gw)})
	sn := f.sn("data", "AWS_IAM", a, r)
	f.add(&model.ResourceAssociation{Meta: f.meta("aws_vpclattice_service_network_resource_association", "aws_vpclattice_service_network_resource_association.pg", a, r),
		ServiceNetwork: ref(sn), ResourceConfiguration: ref(rc)})
	f.add(&model.VPCEndpoint{Meta: f.meta("aws_vpc_endpoint", "aws_vpc_endpoint.sn", a, r), EndpointType: str("ServiceNetwork"),
		VPC: ref(client), ServiceNetwork: ref(sn), SecurityGroups: model.RefList{Known: false}})
	ep := f.add(&model.VPCEndpoint{Meta: f.meta("aws_vpc_endpoint", "aws_vpc_endpoint.pg", a, r), EndpointType: str("Resource"),
		VPC: ref(client), ResourceConfiguration: ref(rc), SecurityGroups: model.RefList{Known: true}})
	f.find("LAT-SEC-009", finding.SeverityWarning, ep, "resource endpoint has no security groups")
	f.find("LAT-SEC-010", finding.SeverityInfo, sg, "security group allows 0.0.0.0/0 on 5432")
	return f.done()
}

// escaping: names that break naive DOT, HTML, XML and Mermaid writers.
func escaping(t testing.TB) (*model.Model, []finding.Finding) {
	f := newFx(t, "esc/ma\"in <&>.tf")
	r := "eu-central-1"
	vpc := f.vpc(`v<&">\N`, "10.40.0.0/16", "", r)
	sn := f.sn(`core <&"> net`, "AWS_IAM", "", r)
	svc := f.add(&model.Service{Meta: f.meta("aws_vpclattice_service", `aws_vpclattice_service.this["a\"b"]`, "", r),
		Name: str("zürich-東京-☃ «svc» 'q' `tick` {x} [y] |z| #h ;"), AuthType: str("AWS_IAM")})
	f.assoc(`x["<&>"]`, sn, ref(svc), "", r)
	tg := f.tg(`tg-"quoted"-ünï`, "IP", vpc, "", r, "10.40.0.9")
	f.listener(svc, `l<1>`, "HTTP", 80, forward(map[string]int{tg: 100}, tg), "", r)
	f.find("LAT-X-001", finding.SeverityError, svc, `message with <script>alert("x")</script> & "quotes" \ backslash`)
	return f.done()
}

// aggregateFx: six same-shaped services, each with its own target group and
// its own log group (the names differ: the ×n node says only where they
// log), and one with a finding that must stay on its own.
func aggregateFx(t testing.TB) (*model.Model, []finding.Finding) {
	f := newFx(t, "agg/main.tf")
	r := "us-east-2"
	vpc := f.vpc("fleet", "10.50.0.0/16", "", r)
	sn := f.sn("fleet", "AWS_IAM", "", r)
	for i := 0; i < 7; i++ {
		name := fmt.Sprintf("svc-%d", i)
		svc := f.svc(name, name, "AWS_IAM", "", r)
		lg := f.add(&model.LogDestination{Meta: f.meta("aws_cloudwatch_log_group", "aws_cloudwatch_log_group."+name, "", r),
			DestinationType: model.LogGroup, Name: str("/fleet/" + name)})
		f.add(&model.AccessLogSubscription{Meta: f.meta("aws_vpclattice_access_log_subscription", "aws_vpclattice_access_log_subscription."+name, "", r),
			Resource: ref(svc), Destination: ref(lg)})
		f.assoc(name, sn, ref(svc), "", r)
		tg := f.tg(name, "IP", vpc, "", r, fmt.Sprintf("10.50.0.%d", i+1))
		f.listener(svc, name, "HTTPS", 443, forward(map[string]int{tg: 100}, tg), "", r)
		if i == 6 {
			f.find("LAT-SEC-006", finding.SeverityWarning, svc, "service uses AWS_IAM auth without an auth policy")
		}
	}
	return f.done()
}
