package native

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lattice-lint/lattice-lint/pkg/model"
	"github.com/lattice-lint/lattice-lint/pkg/settings"
)

const head = "apiVersion: lattice-lint/v1\nkind: Topology\n"

// parseFiles writes files into a temporary root and parses them together.
func parseFiles(t *testing.T, limits settings.Limits, files map[string]string) (*model.Model, Result) {
	t.Helper()
	dir := t.TempDir()
	var paths []string
	for name, src := range files {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	m := model.New()
	res := Parse(context.Background(), paths, Options{Root: dir, Limits: limits}, m)
	m.Link()
	return m, res
}

func TestParseErrors(t *testing.T) {
	deep := head + "services:\n  - name: x\n    tags:\n      a: " + strings.Repeat("[", 600) + strings.Repeat("]", 600) + "\n"
	bomb := head + "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
	for i := 'b'; i <= 'i'; i++ {
		bomb += fmt.Sprintf("%c: &%c [*%c, *%c, *%c, *%c, *%c, *%c, *%c, *%c, *%c, *%c]\n", i, i, i-1, i-1, i-1, i-1, i-1, i-1, i-1, i-1, i-1, i-1)
	}
	tests := []struct {
		name   string
		src    string
		limits settings.Limits
		want   string // "line:column: substring"
	}{
		{"unknown key with suggestion", head + "services:\n  - name: orders\n    auth_typ: AWS_IAM\n",
			settings.Limits{}, `5:5: unknown key "auth_typ"; did you mean "auth_type"?`},
		{"unknown collection", head + "service_network:\n  - name: core\n", settings.Limits{},
			`3:1: unknown key "service_network"; did you mean "service_networks"?`},
		{"nested unknown key", head + "listeners:\n  - name: h\n    default_action:\n      fixed_respons: 404\n",
			settings.Limits{}, `6:7: unknown key "fixed_respons"`},
		{"wrong version", "apiVersion: lattice-lint/v9\nkind: Topology\n", settings.Limits{}, "1:13: apiVersion must be lattice-lint/v1"},
		{"wrong kind", "apiVersion: lattice-lint/v1\nkind: Topolgy\n", settings.Limits{}, "2:7: kind must be Topology"},
		{"enum value in the wrong case", head + "services:\n  - name: a\n    auth_type: aws_iam\n", settings.Limits{},
			`5:16: auth_type: "aws_iam" is not one of NONE, AWS_IAM (values are case-sensitive); did you mean "AWS_IAM"?`},
		{"nested enum value", head + "target_groups:\n  - name: t\n    health_check:\n      protocol: http\n", settings.Limits{},
			`6:17: protocol: "http" is not one of`},
		{"wrong type", head + "listeners:\n  - name: h\n    port: eighty\n", settings.Limits{}, `5:11: port: want an integer, not "eighty"`},
		{"wrong bool", head + "service_networks:\n  - name: c\n    sharing_enabled: maybe\n", settings.Limits{}, "5:22: sharing_enabled: want true or false"},
		{"list wanted", head + "vpcs:\n  - name: a\n    cidr_blocks: 10.0.0.0/16\n", settings.Limits{}, "5:18: cidr_blocks: want a list"},
		{"dangling reference with suggestion", head + "services:\n  - name: orders\nlisteners:\n  - name: h\n    service: order\n",
			settings.Limits{}, `7:14: no service named "order" in this file; did you mean "orders"?`},
		{"dangling cross-file reference", head + "listeners:\n  - name: h\n    service: 111111111111/service/orders\n",
			settings.Limits{}, `5:14: no native file of this run declares "111111111111/service/orders"`},
		{"duplicate name", head + "services:\n  - name: a\n  - name: a\n", settings.Limits{}, `5:5: service "a" is declared twice in this file (first at line 4)`},
		{"repeated key", head + "services:\n  - name: a\n    name: b\n", settings.Limits{}, `5:5: key "name" is repeated`},
		{"bad account", head + "account: \"12\"\n", settings.Limits{}, `3:10: account "12" is not a 12-digit AWS account id`},
		{"bad organization", head + "accounts:\n  - id: \"111111111111\"\n    organization: org-1\n", settings.Limits{},
			"5:19: organization: want an AWS Organizations id"},
		{"invalid YAML", head + "services: [\n", settings.Limits{}, "3:1: invalid YAML"},
		{"two documents", head + "---\n" + head, settings.Limits{}, "a native file holds one YAML document"},
		{"merge key", head + "services:\n  - <<: {name: a}\n", settings.Limits{}, "4:5: merge keys (<<) are not supported"},
		{"too large", head + "services: []\n", settings.Limits{MaxFileSize: 10}, "over the limit of 10 bytes"},
		{"too deep", deep, settings.Limits{}, "nested more than 512 levels deep"},
		{"alias bomb", bomb, settings.Limits{}, "nodes once aliases are expanded"},
		{"unknown where a value is needed", head + "security_groups:\n  - name: a\n    ingress:\n      - direction: !unknown\n",
			settings.Limits{}, "6:20: direction: !unknown is not allowed here"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, res := parseFiles(t, tt.limits, map[string]string{"t.yaml": tt.src})
			var got []string
			for _, d := range res.Diagnostics {
				got = append(got, fmt.Sprintf("%d:%d: %s", d.Range.Start.Line, d.Range.Start.Column, d.Summary))
			}
			found := false
			for _, g := range got {
				found = found || strings.Contains(g, tt.want) || (!strings.Contains(tt.want, ":") && strings.Contains(g, tt.want))
			}
			if !found {
				t.Errorf("want %q among diagnostics:\n%s", tt.want, strings.Join(got, "\n"))
			}
			if !res.Diagnostics.HasErrors() {
				t.Error("no error diagnostic")
			}
			if m.Len() != 0 {
				t.Errorf("a file with errors added %d entities", m.Len())
			}
		})
	}
}

// TestDuplicateAcrossFiles: one account cannot declare the same entity in
// two files.
func TestDuplicateAcrossFiles(t *testing.T) {
	src := head + "account: \"111111111111\"\nservices:\n  - name: orders\n"
	m, res := parseFiles(t, settings.Limits{}, map[string]string{"a.yaml": src, "b.yaml": src})
	if !res.Diagnostics.HasErrors() || !strings.Contains(res.Diagnostics[0].Summary, `service "orders" of account 111111111111 is also declared at`) {
		t.Errorf("diagnostics: %v", res.Diagnostics)
	}
	if m.Len() != 1 {
		t.Errorf("want the first declaration only, got %d entities", m.Len())
	}
}

func TestParseIgnore(t *testing.T) {
	src := head + "services:\n  - name: a\n    ignore:\n      - id: [LAT-SEC-005, LAT-OBS-001]\n        reason: internal only\n        until: 2027-01-31\n      - id: LAT-COR-001\n"
	_, res := parseFiles(t, settings.Limits{}, map[string]string{"t.yaml": src})
	if res.Diagnostics.HasErrors() || len(res.Suppressions) != 2 {
		t.Fatalf("diagnostics %v, suppressions %+v", res.Diagnostics, res.Suppressions)
	}
	s := res.Suppressions[0]
	if s.Entity != "t.yaml//service/a" || s.Address != "a" || strings.Join(s.RuleIDs, ",") != "LAT-SEC-005,LAT-OBS-001" ||
		s.Reason != "internal only" || s.Until != "2027-01-31" || len(s.Problems) != 0 || s.Range.Start.Line != 6 {
		t.Errorf("first entry: %+v", s)
	}
	if p := res.Suppressions[1].Problems; len(p) == 0 || !strings.Contains(p[0], "no reason") {
		t.Errorf("an entry without a reason must carry the problem, got %v", p)
	}
}

// TestBrokenFilesFailParse: what the schema rejects, Parse rejects too.
func TestBrokenFilesFailParse(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("testdata", "broken", "*.yaml"))
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if _, res := parseFiles(t, settings.Limits{}, map[string]string{"b.yaml": string(src)}); !res.Diagnostics.HasErrors() {
			t.Errorf("%s: parsed without error", f)
		}
	}
}

func TestParseValues(t *testing.T) {
	src, err := os.ReadFile(filepath.Join("testdata", "valid", "every-form.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	other := head + "account: \"222222222222\"\nservices:\n  - name: payments\n"
	m, res := parseFiles(t, settings.Limits{}, map[string]string{"a.yaml": string(src), "b.yaml": other})
	if res.Diagnostics.HasErrors() {
		t.Fatalf("diagnostics: %v", res.Diagnostics)
	}
	get := func(id string) model.Entity {
		e := m.Get(id)
		if e == nil {
			t.Fatalf("no entity %s", id)
		}
		return e
	}
	sn := get("a.yaml//service_network/core").(*model.ServiceNetwork)
	if !model.Is(sn.AuthType, "AWS_IAM") || sn.AuthType.Range.Start != (model.Pos{Line: 24, Column: 16}) {
		t.Errorf("auth_type = %+v", sn.AuthType)
	}
	if !sn.SharingEnabled.Known || !sn.SharingEnabled.Default || !sn.SharingEnabled.Value {
		t.Errorf("!default true read as %+v", sn.SharingEnabled)
	}
	// An omitted field takes AWS's default from the field table.
	if p := get("b.yaml//service/payments").(*model.Service); !p.AuthType.Default || !model.Is(p.AuthType, "NONE") {
		t.Errorf("omitted auth_type = %+v, want the default NONE", p.AuthType)
	}
	if !model.Is(sn.Account, "111111111111") || !model.Is(sn.Region, "us-east-1") {
		t.Errorf("file account/region not applied: %+v %+v", sn.Account, sn.Region)
	}
	svc := get("a.yaml//service/orders").(*model.Service)
	if svc.AuthType.Known || svc.AuthType.Range.IsZero() || !svc.Escaped || !model.Is(svc.Account, "222222222222") {
		t.Errorf("service: %+v", svc)
	}
	l := get("a.yaml//listener/http").(*model.Listener)
	// account/kind/name names an entity of another native file.
	if l.Service.Target != "b.yaml//service/payments" {
		t.Errorf("listener service = %+v", l.Service)
	}
	if len(l.DefaultAction.Forward) != 1 || l.DefaultAction.Forward[0].TargetGroup.Target != "a.yaml//target_group/orders" ||
		!model.Is(l.DefaultAction.Forward[0].Weight, 100) {
		t.Errorf("forward = %+v", l.DefaultAction.Forward)
	}
	a := get("a.yaml//service_network_vpc_association/app-core").(*model.VPCAssociation)
	if !a.SecurityGroups.Known || len(a.SecurityGroups.Items) != 2 || a.SecurityGroups.Items[0].Target != "a.yaml//security_group/clients" ||
		a.SecurityGroups.Items[1].Known() {
		t.Errorf("security groups = %+v", a.SecurityGroups)
	}
	sa := m.ServiceAssociations[0]
	if !sa.ServiceNetwork.Literal.Known || !sa.Conditional || sa.Service.Target != "a.yaml//service/orders" {
		t.Errorf("service association = %+v", sa)
	}
	g := m.TargetGroups[0]
	if !g.HealthCheck.Set || !model.Is(g.HealthCheck.Path, "/healthz") || g.VPC.Target != "a.yaml//vpc/app" {
		t.Errorf("target group = %+v", g)
	}
	if acct := m.Accounts["111111111111"]; acct == nil || acct.Name != "" {
		// Parse returns names; the caller applies them after Link.
		t.Errorf("accounts = %+v", m.Accounts)
	}
	if res.AccountNames["111111111111"] != "network" {
		t.Errorf("account names = %v", res.AccountNames)
	}
	if res.Organizations["111111111111"] != "o-a1b2c3d4e5" {
		t.Errorf("organizations = %v", res.Organizations)
	}
}

func TestSniff(t *testing.T) {
	tests := []struct {
		src  string
		want bool
	}{
		{head, true},
		{"# comment\napiVersion: \"lattice-lint/v1\"\n", true},
		{"AWSTemplateFormatVersion: 2010-09-09\nResources: {}\n", false},
		{"apiVersion: apps/v1\nkind: Deployment\n", false},
		{"spec:\n  apiVersion: lattice-lint/v1\n", false},
	}
	for _, tt := range tests {
		if got := Sniff([]byte(tt.src)); got != tt.want {
			t.Errorf("Sniff(%q) = %v", tt.src, got)
		}
	}
}

// TestInline: listeners under their service, rules under their listener and
// targets under their target group are the entries they would be at the top
// level, with the reference their place implies.
func TestInline(t *testing.T) {
	src := head + `account: "111111111111"
region: eu-west-1
services:
  - name: orders
    listeners:
      - name: http
        protocol: HTTP
        default_action: {type: fixed_response, status_code: 404}
        rules:
          - name: api
            priority: 10
            action: {type: forward, forward: [{target_group: app}]}
target_groups:
  - name: app
    type: INSTANCE
    targets:
      - id: web
        target: i-0123456789abcdef0
        port: 8080
`
	m, res := parseFiles(t, settings.Limits{}, map[string]string{"a.yaml": src})
	if res.Diagnostics.HasErrors() {
		t.Fatalf("diagnostics: %v", res.Diagnostics)
	}
	l, ok := m.Get("a.yaml//listener/http").(*model.Listener)
	if !ok || l.Service.Target != "a.yaml//service/orders" || !model.Is(l.Port, 80) {
		t.Errorf("listener = %+v", l)
	}
	r, ok := m.Get("a.yaml//listener_rule/api").(*model.ListenerRule)
	if !ok || r.Listener.Target != "a.yaml//listener/http" || r.Service.Target != "a.yaml//service/orders" ||
		len(r.Action.Forward) != 1 || r.Action.Forward[0].TargetGroup.Target != "a.yaml//target_group/app" {
		t.Errorf("rule = %+v", r)
	}
	tg, ok := m.Get("a.yaml//target/web").(*model.Target)
	if !ok || tg.TargetGroup.Target != "a.yaml//target_group/app" || !model.Is(tg.Port, 8080) || !tg.Target.Literal.Known {
		t.Errorf("target = %+v", tg)
	}

	// The parent is where an inline entry is written: naming it again is an unknown key.
	_, res = parseFiles(t, settings.Limits{}, map[string]string{"a.yaml": head + `services:
  - name: orders
    listeners:
      - name: http
        protocol: HTTP
        service: orders
`})
	if !strings.Contains(fmt.Sprint(res.Diagnostics), `a.yaml:8:9: error: unknown key "service"`) {
		t.Errorf("diagnostics: %v", res.Diagnostics)
	}
}
