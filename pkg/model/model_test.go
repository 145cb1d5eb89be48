package model

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
)

func rng(line int) Range {
	return Range{File: "main.tf", Start: Pos{Line: line, Column: 1}, End: Pos{Line: line, Column: 10}}
}

func meta(id, account string) Meta {
	m := Meta{ID: id, Address: id, Format: "terraform", Source: "root", Range: rng(1)}
	if account != "" {
		m.Account = Known(account, rng(1))
	}
	return m
}

func TestAttrJSON(t *testing.T) {
	tests := []struct {
		name string
		attr Attr[string]
		want string
	}{
		{"known", Known("AWS_IAM", rng(3)), `"value":"AWS_IAM"`},
		{"known empty string keeps value", Known("", rng(3)), `"value":""`},
		{"default", Default("NONE", rng(3)), `"default":true`},
		{"unknown has no value", Unknown[string](rng(3)), `"unknown":true`},
		{"absent is null", Attr[string]{}, `null`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := json.Marshal(tt.attr)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(string(b), tt.want) {
				t.Fatalf("got %s, want it to contain %s", b, tt.want)
			}
			if tt.name == "unknown has no value" && strings.Contains(string(b), `"value"`) {
				t.Fatalf("unknown attribute carries a value: %s", b)
			}
			var back Attr[string]
			if err := json.Unmarshal(b, &back); err != nil {
				t.Fatal(err)
			}
			if back.Known != tt.attr.Known || back.Value != tt.attr.Value || back.Default != tt.attr.Default {
				t.Fatalf("round trip: got %+v, want %+v", back, tt.attr)
			}
		})
	}
	// Zero values of other types are still written when known.
	b, _ := json.Marshal(Known(0, rng(1)))
	if !strings.Contains(string(b), `"value":0`) {
		t.Fatalf("known 0 lost its value: %s", b)
	}
	b, _ = json.Marshal(Known(false, rng(1)))
	if !strings.Contains(string(b), `"value":false`) {
		t.Fatalf("known false lost its value: %s", b)
	}
}

func TestRefForm(t *testing.T) {
	tests := []struct {
		ref  Ref
		want string
	}{
		{Ref{Kind: KindListener, Attribute: "id", Target: "x"}, "composite_id"},
		{Ref{Kind: KindListener, Attribute: "listener_id", Target: "x"}, "id"},
		{Ref{Kind: KindService, Attribute: "arn", Target: "x"}, "arn"},
		{Ref{Kind: KindService, Attribute: "Ref", Target: "x"}, "arn"},
		{Ref{Kind: KindVPC, Attribute: "Ref", Target: "x"}, "id"},
		{Ref{Kind: KindService, Attribute: "Id", Target: "x"}, "id"},
		{Ref{Literal: Known("arn:aws:vpc-lattice:us-east-1:111111111111:service/svc-1", rng(1))}, "arn"},
		{Ref{Literal: Known("svc-0123", rng(1))}, "id"},
		{Ref{Range: rng(1)}, ""},
	}
	for _, tt := range tests {
		if got := tt.ref.Form(); got != tt.want {
			t.Errorf("%+v: Form() = %q, want %q", tt.ref, got, tt.want)
		}
	}
}

func TestKindOfIdentifier(t *testing.T) {
	tests := map[string]Kind{
		"arn:aws:vpc-lattice:eu-west-1:111111111111:servicenetwork/sn-0123456789abcdef0":                 KindServiceNetwork,
		"arn:aws:vpc-lattice:eu-west-1:111111111111:service/svc-0123456789abcdef0":                       KindService,
		"arn:aws:vpc-lattice:eu-west-1:111111111111:service/svc-01/listener/listener-02":                 KindListener,
		"arn:aws:vpc-lattice:eu-west-1:111111111111:service/svc-01/listener/listener-02/rule/rule-03":    KindListenerRule,
		"arn:aws:vpc-lattice:eu-west-1:111111111111:targetgroup/tg-01":                                   KindTargetGroup,
		"arn:aws:lambda:eu-west-1:111111111111:function:orders":                                          KindLambdaFunction,
		"arn:aws:elasticloadbalancing:eu-west-1:111111111111:loadbalancer/app/internal/50dc6c495c0c9188": KindLoadBalancer,
		"sn-0123456789abcdef0": KindServiceNetwork,
		"vpc-0abc":             KindVPC,
		"pl-0123":              KindPrefixList,
		"10.0.0.1":             "",
		"arn:aws:s3:::bucket":  "",
	}
	for id, want := range tests {
		if got := KindOfIdentifier(id); got != want {
			t.Errorf("KindOfIdentifier(%q) = %q, want %q", id, got, want)
		}
	}
	if a, ok := ParseARN("arn:aws:vpc-lattice:eu-west-1:111111111111:servicenetwork/sn-1"); !ok || a.Account != "111111111111" || a.Region != "eu-west-1" {
		t.Errorf("ParseARN: %+v %v", a, ok)
	}
	if _, ok := ParseARN("arn:aws:only:three"); ok {
		t.Error("ParseARN accepted a short ARN")
	}
	if ShortID("arn:aws:vpc-lattice:eu-west-1:1:service/svc-9") != "svc-9" || ShortID("sn-1") != "sn-1" {
		t.Error("ShortID")
	}
}

func TestCoversLattice(t *testing.T) {
	tests := []struct {
		cidr               string
		cov, broader, okay bool
	}{
		{"0.0.0.0/0", true, true, true},
		{"169.254.0.0/16", true, true, true},
		{"169.254.171.0/24", true, false, true}, // the range itself: hard-coded, not broad
		{"169.254.171.9/24", true, false, true},
		{"169.254.171.0/25", false, false, true}, // only part of the range
		{"10.0.0.0/16", false, false, true},
		{"::/0", true, true, true},
		{"fd00::/8", false, false, true},
		{"not-a-cidr", false, false, false},
	}
	for _, tt := range tests {
		cov, broader, ok := coversLattice(tt.cidr)
		if cov != tt.cov || broader != tt.broader || ok != tt.okay {
			t.Errorf("coversLattice(%s) = %v,%v,%v want %v,%v,%v", tt.cidr, cov, broader, ok, tt.cov, tt.broader, tt.okay)
		}
	}
}

// TestDeriveCoverage: the two derived flags of a rule, from all its CIDRs.
func TestDeriveCoverage(t *testing.T) {
	list := func(known bool, cidrs ...string) StringList {
		l := StringList{Known: known}
		for _, c := range cidrs {
			if c == "?" {
				l.Items = append(l.Items, Unknown[string](Range{}))
			} else {
				l.Items = append(l.Items, Known(c, Range{}))
			}
		}
		return l
	}
	str := func(a Attr[bool]) string {
		if !a.Known {
			return "unknown"
		}
		return fmt.Sprint(a.Value)
	}
	tests := []struct {
		cidrs           StringList
		covers, broader string
	}{
		{list(true, "10.0.0.0/8", "169.254.171.0/24"), "true", "false"},
		{list(true, "169.254.171.0/24", "0.0.0.0/0"), "true", "true"},
		{list(true, "10.0.0.0/8"), "false", "false"},
		{list(true, "169.254.171.0/24", "?"), "true", "unknown"},
		{list(true, "10.0.0.0/8", "?"), "unknown", "unknown"},
		{list(false), "unknown", "unknown"},
	}
	for _, tt := range tests {
		r := SGRule{CIDRs: tt.cidrs}
		deriveCoverage(&r)
		if got := [2]string{str(r.CIDRsCoverLattice), str(r.CIDRsBroaderThanLattice)}; got != [2]string{tt.covers, tt.broader} {
			t.Errorf("%v: covers, broader = %v, want %s, %s", tt.cidrs.Items, got, tt.covers, tt.broader)
		}
	}
}

// TestLink builds a small two-account topology and checks resolution,
// externals, inferred links, folding and back-references.
func TestLink(t *testing.T) {
	m := New()
	snARN := "arn:aws:vpc-lattice:eu-west-1:111111111111:servicenetwork/sn-0123456789abcdef0"
	add := func(e Entity) {
		t.Helper()
		if err := m.Add(e); err != nil {
			t.Fatal(err)
		}
	}
	sn := &ServiceNetwork{Meta: meta("net//sn", "111111111111"), AuthType: Known("AWS_IAM", rng(2))}
	sn.Region = Known("eu-west-1", rng(1))
	add(sn)
	svc := &Service{Meta: meta("apps//svc", "222222222222")}
	add(svc)
	add(&ServiceAssociation{Meta: meta("apps//snsa", "222222222222"),
		Service:        Ref{Target: "apps//svc", Attribute: "id", Range: rng(3)},
		ServiceNetwork: Ref{Literal: Known(snARN, rng(4)), Kind: KindServiceNetwork, Range: rng(4)}})
	add(&VPCAssociation{Meta: meta("apps//snva", "222222222222"),
		ServiceNetwork: Ref{Literal: Known("arn:aws:vpc-lattice:us-east-1:333333333333:servicenetwork/sn-9", rng(5)), Range: rng(5)},
		VPC:            Ref{Literal: Known("vpc-0abc", rng(6)), Kind: KindVPC, Range: rng(6)}})
	add(&VPCAssociation{Meta: meta("apps//snva2", "222222222222"),
		ServiceNetwork: Ref{Range: rng(7)}, // unknown
		VPC:            Ref{Literal: Known("vpc-0abc", rng(8)), Kind: KindVPC, Range: rng(8)}})
	sg := &SecurityGroup{Meta: meta("apps//sg", "222222222222"), RulesKnown: true}
	add(sg)
	add(&SecurityGroupRule{Meta: meta("apps//rule", "222222222222"), SecurityGroup: Ref{Target: "apps//sg", Range: rng(9)},
		Rule: SGRule{Direction: "ingress", CIDRs: StringList{Known: true, Items: []Attr[string]{Known("0.0.0.0/0", rng(9))}}}})
	share := &ResourceShare{Meta: meta("net//share", "111111111111"), Complete: true}
	add(share)
	add(&ShareAssociation{Meta: meta("net//share-res", "111111111111"), Share: Ref{Target: "net//share"},
		Resource: Ref{Target: "net//sn", Attribute: "arn", Range: rng(10)}})
	add(&ShareAssociation{Meta: meta("net//share-pr", "111111111111"), Share: Ref{Target: "net//share"},
		Principal: Known("222222222222", rng(11))})
	m.Link()

	snsa := m.Get("apps//snsa").(*ServiceAssociation)
	if snsa.ServiceNetwork.Target != "net//sn" || !snsa.ServiceNetwork.Inferred {
		t.Errorf("literal ARN of the only SN in account 111 should infer-link: %+v", snsa.ServiceNetwork)
	}
	if snsa.Service.Kind != KindService {
		t.Errorf("resolved kind = %q", snsa.Service.Kind)
	}
	snva := m.Get("apps//snva").(*VPCAssociation)
	ext, ok := m.Get(snva.ServiceNetwork.Target).(*External)
	if !ok || !snva.ServiceNetwork.External || ext.For != KindServiceNetwork || !Is(ext.Account, "333333333333") || !Is(ext.Region, "us-east-1") {
		t.Errorf("foreign ARN should become an external with account and Region: %+v %+v", snva.ServiceNetwork, ext)
	}
	snva2 := m.Get("apps//snva2").(*VPCAssociation)
	if snva.VPC.Target == "" || snva.VPC.Target != snva2.VPC.Target {
		t.Errorf("the same literal VPC id must resolve to one external: %q vs %q", snva.VPC.Target, snva2.VPC.Target)
	}
	if snva2.ServiceNetwork.Known() {
		t.Errorf("an unknown reference must stay unknown: %+v", snva2.ServiceNetwork)
	}
	if len(sg.Ingress) != 1 || sg.Ingress[0].Rule != "apps//rule" || !Is(sg.Ingress[0].CIDRsCoverLattice, true) {
		t.Errorf("standalone rule not folded into its group: %+v", sg.Ingress)
	}
	if len(share.Resources) != 1 || len(share.Principals) != 1 || len(sn.Shares) != 1 {
		t.Errorf("share associations not folded: %+v %+v", share, sn.Shares)
	}
	if len(svc.Associations) != 1 || len(sn.ServiceAssociations) != 1 {
		t.Errorf("back-references: svc %v sn %v", svc.Associations, sn.ServiceAssociations)
	}
	if len(m.Accounts) != 2 || m.Accounts["111111111111"] == nil || m.Accounts["333333333333"] != nil {
		t.Errorf("accounts = %v (an account seen only in an ARN is outside the model)", m.Accounts)
	}

	b, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	if doc["schema_version"] != SchemaVersion {
		t.Errorf("schema_version = %v", doc["schema_version"])
	}
	for _, name := range CollectionNames() {
		if _, ok := doc[name].(map[string]any); !ok {
			t.Errorf("collection %s missing or not an object", name)
		}
	}
	if _, ok := doc["services"].(map[string]any)["apps//svc"]; !ok {
		t.Error("services not keyed by id")
	}
}

func TestAddRejectsDuplicatesAndEmptyIDs(t *testing.T) {
	m := New()
	if err := m.Add(&Service{Meta: meta("a", "")}); err != nil {
		t.Fatal(err)
	}
	if err := m.Add(&Service{Meta: meta("a", "")}); err == nil {
		t.Error("duplicate id accepted")
	}
	if err := m.Add(&Service{}); err == nil {
		t.Error("empty id accepted")
	}
}

func TestInferenceNeedsUniqueness(t *testing.T) {
	m := New()
	for _, id := range []string{"net//a", "net//b"} {
		if err := m.Add(&ServiceNetwork{Meta: meta(id, "111111111111")}); err != nil {
			t.Fatal(err)
		}
	}
	a := &ServiceAssociation{Meta: meta("apps//snsa", "222222222222"),
		ServiceNetwork: Ref{Literal: Known("arn:aws:vpc-lattice:eu-west-1:111111111111:servicenetwork/sn-1", rng(1)), Range: rng(1)}}
	if err := m.Add(a); err != nil {
		t.Fatal(err)
	}
	m.Link()
	if !a.ServiceNetwork.External || a.ServiceNetwork.Inferred {
		t.Errorf("two candidate networks: the literal must stay external, got %+v", a.ServiceNetwork)
	}
}

func TestLambdaFunctionNamesResolve(t *testing.T) {
	tests := []struct {
		name      string
		functions []string // function names declared
		want      string   // expected target, "" for external
	}{
		{"a name declared once is that function", []string{"legacy"}, "root//f0"},
		{"a name declared twice stays external", []string{"legacy", "legacy"}, ""},
		{"an undeclared name stays external", []string{"other"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := New()
			for i, n := range tt.functions {
				f := &LambdaFunction{Meta: meta(fmt.Sprintf("root//f%d", i), ""), Name: Known(n, rng(1))}
				if err := m.Add(f); err != nil {
					t.Fatal(err)
				}
			}
			p := &LambdaPermission{Meta: meta("root//p", ""),
				Function: Ref{Kind: KindLambdaFunction, Literal: Known("legacy", rng(2)), Range: rng(2)}}
			if err := m.Add(p); err != nil {
				t.Fatal(err)
			}
			m.Link()
			if tt.want != "" && (p.Function.Target != tt.want || p.Function.External) {
				t.Errorf("function = %+v, want %s", p.Function, tt.want)
			}
			if tt.want == "" && !p.Function.External {
				t.Errorf("function = %+v, want an external", p.Function)
			}
		})
	}
}

func TestRangeJSONForms(t *testing.T) {
	r := Range{File: "dir/ma\"in.tf", Start: Pos{Line: 3, Column: 5}, End: Pos{Line: 4, Column: 1}}
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	if string(b) != `["dir/ma\"in.tf",3,5,4,1]` {
		t.Fatalf("compact form: %s", b)
	}
	for _, src := range []string{string(b), `{"file":"dir/ma\"in.tf","start":{"line":3,"column":5},"end":{"line":4,"column":1}}`} {
		var back Range
		if err := json.Unmarshal([]byte(src), &back); err != nil || back != r {
			t.Errorf("decode %s: %+v %v", src, back, err)
		}
	}
	var bad Range
	if err := json.Unmarshal([]byte(`["a",1]`), &bad); err == nil {
		t.Error("short range accepted")
	}
}

// TestStringEscapingMatchesEncodingJSON guards the hand-written encoder.
func TestStringEscapingMatchesEncodingJSON(t *testing.T) {
	for _, s := range []string{"plain", "quote\" back\\slash", "tab\tnl\nret\r", "\x00\x1f<&>", "ünïcödé ✓ 日本", "bad \xff utf8", "\u2028\u2029"} {
		want, _ := json.Marshal(s)
		if got := appendString(nil, s); string(got) != string(want) {
			t.Errorf("%q: got %s want %s", s, got, want)
		}
	}
}
