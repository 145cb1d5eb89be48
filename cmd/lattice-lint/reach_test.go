package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
)

func TestReachExitCodes(t *testing.T) {
	inRepoRoot(t)
	sec001 := "fixtures/rules/LAT-SEC-001/"
	tests := []struct {
		name   string
		args   []string
		code   int
		stdout string // substring
		stderr string // substring
	}{
		{"reachable", []string{"reach", sec001 + "negative/terraform", "--from", "aws_vpc.client", "--to", "orders"},
			exitOK, "aws_vpc.client -> aws_vpclattice_service.orders: reachable", ""},
		{"condition stated", []string{"reach", sec001 + "negative/terraform", "--from", "aws_vpc.client", "--to", "orders"},
			exitOK, "condition: callers must sign requests and be principals of account 111111111111", ""},
		{"blocked", []string{"reach", "--from", "aws_vpc.client", "--to", "aws_vpclattice_service.orders", sec001 + "positive/terraform"},
			exitFindings, "[LAT-SEC-001]", ""},
		{"no listener on the port", []string{"reach", sec001 + "negative/terraform", "--from", "aws_vpc.client", "--to", "orders", "--port", "8443"},
			exitFindings, "has no listener on port 8443 (it listens on 443)", ""},
		{"ambiguous client", []string{"reach", sec001 + "negative/terraform", sec001 + "positive/terraform", "--from", "aws_vpc.client", "--to", "orders"},
			exitError, "", "is ambiguous; say which one of: fixtures/rules/LAT-SEC-001/negative/terraform//aws_vpc.client, fixtures/rules/LAT-SEC-001/positive/terraform//aws_vpc.client"},
		{"root prefix", []string{"reach", sec001 + "negative/terraform", sec001 + "positive/terraform", "--from", "negative/terraform//aws_vpc.client", "--to", "negative/terraform//orders"},
			exitOK, ": reachable", ""},
		{"unknown client", []string{"reach", sec001 + "negative/terraform", "--from", "aws_vpc.nope", "--to", "orders"},
			exitError, "", `no VPC or VPC endpoint in the model is called "aws_vpc.nope"`},
		{"target is not a service", []string{"reach", sec001 + "negative/terraform", "--from", "aws_vpc.client", "--to", "aws_vpc.app"},
			exitError, "", "--to:"},
		{"missing --to", []string{"reach", sec001 + "negative/terraform", "--from", "aws_vpc.client"},
			exitError, "", "--from CLIENT --to TARGET"},
		{"matrix with --from", []string{"reach", "--matrix", "--from", "aws_vpc.client", "."},
			exitError, "", "takes no --from"},
		{"bad format", []string{"reach", "--format", "sarif", "--from", "a", "--to", "b", "."},
			exitError, "", `--format "sarif"`},
		{"input flags are lint's", []string{"reach", "--var", "novalue", "--from", "a", "--to", "b", "fixtures/examples/multi-account"},
			exitError, "", "name=value"},
		{"matrix", []string{"reach", "--matrix", "fixtures/examples/multi-account"}, exitOK, "aws_vpc.apps", ""},
		{"resource configuration", []string{"reach", "fixtures/reach/resource-reachable/cloudformation", "--from", "ClientVpc", "--to", "OrdersDb"},
			exitOK, "ClientVpc -> OrdersDb: reachable", ""},
		{"resource configuration port refused", []string{"reach", "fixtures/reach/resource-reachable/cloudformation", "--from", "ClientVpc", "--to", "orders-db", "--port", "3306"},
			exitFindings, "resource configuration OrdersDb accepts ports 5432: TCP port 3306 is refused", ""},
		{"resource configuration has no auth", []string{"reach", "fixtures/reach/resource-reachable/cloudformation", "--from", "ClientVpc", "--to", "OrdersDb", "--principal", "anonymous"},
			exitError, "", "auth policies do not apply to it"},
		{"a resource endpoint is not a way into a service network", []string{"reach", "fixtures/reach/resource-endpoint/terraform", "fixtures/reach/endpoint-client/terraform",
			"--from", "aws_vpc_endpoint.db", "--to", "orders"},
			exitFindings, "endpoint aws_vpc_endpoint.db is of type Resource: it enters no service network", ""},
		{"matrix holds resource endpoints' VPCs", []string{"reach", "--matrix", "fixtures/reach/resource-endpoint/cloudformation"},
			exitOK, "TARGET  OrdersDb\nClientVpc        reachable", ""},
		{"matrix holds resource configurations", []string{"reach", "--matrix", "fixtures/reach/resource-gateway-sg-blocked/terraform"},
			exitOK, "aws_vpclattice_resource_configuration.db", ""},
		{"matrix markdown", []string{"reach", "--matrix", "--format", "markdown", "fixtures/examples/multi-account"},
			exitOK, "| client \\ target |", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := cli(t, tt.args...)
			if code != tt.code {
				t.Errorf("exit %d, want %d\nstdout: %s\nstderr: %s", code, tt.code, stdout, stderr)
			}
			if !strings.Contains(stdout, tt.stdout) {
				t.Errorf("stdout lacks %q:\n%s", tt.stdout, stdout)
			}
			if !strings.Contains(stderr, tt.stderr) {
				t.Errorf("stderr lacks %q:\n%s", tt.stderr, stderr)
			}
		})
	}
}

// TestReachJSONKeys holds the JSON answer to the keys the issue names.
func TestReachJSONKeys(t *testing.T) {
	inRepoRoot(t)
	out := filepath.Join(t.TempDir(), "answer.json")
	code, _, stderr := cli(t, "reach", "--format", "json", "-o", out, "--from", "aws_vpc.client", "--to", "orders",
		"fixtures/rules/LAT-SEC-001/positive/terraform")
	if code != exitFindings {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	if got := keys(doc); !reflect.DeepEqual(got, []string{"blocked_by", "paths", "verdict"}) {
		t.Errorf("answer keys %v", got)
	}
	if doc["verdict"] != "blocked" {
		t.Errorf("verdict %v", doc["verdict"])
	}
	paths := doc["paths"].([]any)
	hop := paths[0].([]any)[0].(map[string]any) // each path is a list of hops
	if got := keys(hop); !reflect.DeepEqual(got, []string{"entity", "range", "status", "step", "why"}) {
		t.Errorf("hop keys %v", got)
	}
	if hop["range"] != "fixtures/rules/LAT-SEC-001/positive/terraform/main.tf:59:1" {
		t.Errorf("hop range %v", hop["range"])
	}
	b0 := doc["blocked_by"].([]any)[0].(map[string]any)
	if got := keys(b0); !reflect.DeepEqual(got, []string{"entity", "rule", "why"}) {
		t.Errorf("blocked_by keys %v", got)
	}
	if b0["entity"] != "aws_vpclattice_target_group_attachment.orders" || b0["rule"] != "LAT-SEC-001" {
		t.Errorf("blocked_by %v", b0)
	}

	// The matrix as JSON: one {from, to, verdict} per client × target.
	code, stdout, stderr := cli(t, "reach", "--matrix", "--format", "json", "fixtures/examples/multi-account")
	if code != exitOK {
		t.Fatalf("matrix: exit %d: %s", code, stderr)
	}
	var cells []map[string]any
	if err := json.Unmarshal([]byte(stdout), &cells); err != nil {
		t.Fatal(err)
	}
	if len(cells) == 0 || !reflect.DeepEqual(keys(cells[0]), []string{"from", "to", "verdict"}) || cells[0]["verdict"] != "reachable" {
		t.Errorf("matrix cells %v", cells)
	}
}

func keys(m map[string]any) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// TestDiagramReach: diagram --reach colours what the client reaches (services
// and resource configurations) and badges the entities that block the rest,
// from the same answers as reach.
func TestDiagramReach(t *testing.T) {
	inRepoRoot(t)
	code, out, errs := cli(t, "diagram", "--format", "mermaid", "--reach", "apps//aws_vpc.apps", "fixtures/examples/multi-account")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, want := range []string{"from aws_vpc.apps: 1 reachable, 0 blocked, 0 unknown", "✓ reachable from aws_vpc.apps",
		"classDef reach_reachable", "class svc_orders reach_reachable"} {
		if !strings.Contains(out, want) {
			t.Errorf("diagram lacks %q:\n%s", want, out)
		}
	}
	code, out, errs = cli(t, "diagram", "--format", "mermaid", "--reach", "aws_vpc.shared", "fixtures/examples/common-mistakes")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, want := range []string{"from aws_vpc.shared: 0 reachable, 1 blocked, 0 unknown",
		"✗ blocks aws_vpc.shared: VPC aws_vpc.shared is already associated", "class snva_shared_partners reach_blocked"} {
		if !strings.Contains(out, want) {
			t.Errorf("diagram lacks %q:\n%s", want, out)
		}
	}
	// A resource configuration is a target too: the path ends at its gateway.
	code, out, errs = cli(t, "diagram", "--format", "mermaid", "--reach", "aws_vpc.client", "fixtures/reach/resource-reachable/terraform")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, want := range []string{"from aws_vpc.client: 1 reachable, 0 blocked, 0 unknown",
		"<b>orders-db</b><br/>✓ reachable from aws_vpc.client", "class rcfg_db reach_reachable", "class rgw_db reach_reachable"} {
		if !strings.Contains(out, want) {
			t.Errorf("diagram lacks %q:\n%s", want, out)
		}
	}
	if code, _, errs := cli(t, "diagram", "--format", "mermaid", "--no-findings", "--reach", "aws_vpc.shared", "fixtures/examples/common-mistakes"); code != exitError ||
		!strings.Contains(errs, "--reach needs the rules") {
		t.Errorf("--reach with --no-findings: exit %d: %s", code, errs)
	}
}
